"""The exit code gives the verdict or the error whatever happens to standard output.

Real processes, because what is tested is the interpreter's own handling of a closed pipe, a
closed descriptor, a full disk and an ASCII locale: each used to give exit 0 for a failing
input, a traceback, or both.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import CONFORMANT, EXAMPLES
from osaid import cli

FAILING = EXAMPLES / "license-failure" / "osaid.yaml"
POSIX = pytest.mark.skipif(os.name != "posix", reason="POSIX descriptors")
HAS_DEV_FULL = Path("/dev/full").exists()

BASE_ENV = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHONIO", "LC_", "LANG"))}
BASE_ENV["PYTHONDONTWRITEBYTECODE"] = "1"


def osaid(
    *args: str | Path, env: dict[str, str] | None = None, **options: Any
) -> tuple[int, bytes, str]:
    """Run ``python -m osaid ARGS``: (exit code, stdout bytes, stderr text)."""
    stdout = options.pop("stdout", subprocess.PIPE)
    done = subprocess.run(
        [sys.executable, "-m", "osaid", *map(str, args)],
        env={**BASE_ENV, **(env or {"PYTHONIOENCODING": "utf-8"})},
        stdout=stdout,
        stderr=subprocess.PIPE,
        check=False,
        timeout=60,
        **options,
    )
    return done.returncode, done.stdout, done.stderr.decode("utf-8", "replace")


def assert_one_line(err: str, *fragments: str) -> None:
    assert "Traceback" not in err, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("osaid: "), err
    for fragment in fragments:
        assert fragment in lines[0], (fragment, err)


def closed_pipe() -> int:
    """The write end of a pipe whose reader is already gone (as in `osaid ... | true`)."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    return write_end


# -- a closed pipe ---------------------------------------------------------------------------


@POSIX
@pytest.mark.parametrize(
    ("args", "code"),
    [
        ((FAILING,), 1),  # not conformant: still 1, never 0
        (("--format", "json", FAILING, FAILING, FAILING), 1),
        ((CONFORMANT,), 2),  # conformant, but the report was lost
        (("missing.yaml",), 2),  # unreadable: still 2
        ((CONFORMANT, "missing.yaml"), 2),
    ],
)
def test_broken_pipe_keeps_the_verdict(
    tmp_path: Path, args: tuple[str | Path, ...], code: int
) -> None:
    """`osaid check fail.yaml | true` exited 0, so `set -o pipefail` pipelines passed."""
    pipe = closed_pipe()
    try:
        result, _, err = osaid("check", *args, stdout=pipe, cwd=tmp_path)
    finally:
        os.close(pipe)
    assert result == code, err
    assert "Traceback" not in err
    assert "Exception ignored" not in err
    if code == 1 or args == (CONFORMANT,):
        assert_one_line(err, "could not write to standard output", "Broken pipe")


@POSIX
def test_broken_pipe_after_version_is_not_success() -> None:
    pipe = closed_pipe()
    try:
        result, _, err = osaid("--version", stdout=pipe)
    finally:
        os.close(pipe)
    assert result == 2
    assert_one_line(err, "Broken pipe")


# -- a closed stdout -------------------------------------------------------------------------


def _closed_stdout(*args: str | Path) -> tuple[int, str]:
    """Run with descriptor 1 closed (`>&-`)."""
    done = subprocess.run(
        [sys.executable, "-m", "osaid", *map(str, args)],
        env={**BASE_ENV, "PYTHONIOENCODING": "utf-8"},
        stdin=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: os.close(1),  # a closed stdout is what is tested
        check=False,
        timeout=60,
    )
    return done.returncode, done.stderr.decode("utf-8", "replace")


@POSIX
@pytest.mark.parametrize(("path", "code"), [(FAILING, 1), (CONFORMANT, 2), ("missing.yaml", 2)])
def test_closed_stdout_keeps_the_verdict(path: Path | str, code: int) -> None:
    """A closed stdout used to give a traceback and exit 1 on a conformant input."""
    result, err = _closed_stdout("check", path)
    assert result == code, err
    assert "Traceback" not in err
    if path != "missing.yaml":
        assert_one_line(err, "could not write to standard output")


@POSIX
def test_closed_stdout_with_quiet_and_nothing_to_print_is_success() -> None:
    """Nothing had to be written, so nothing was lost."""
    result, err = _closed_stdout("check", "--quiet", CONFORMANT)
    assert (result, err) == (0, "")


# -- a full disk -----------------------------------------------------------------------------


@pytest.mark.skipif(not HAS_DEV_FULL, reason="no /dev/full")
@pytest.mark.parametrize(("path", "code"), [(FAILING, 1), (CONFORMANT, 2)])
def test_full_disk_keeps_the_verdict(path: Path, code: int) -> None:
    """`> /dev/full` used to give a traceback and exit 1 on a conformant input."""
    with open("/dev/full", "wb") as full:  # noqa: PTH123
        result, _, err = osaid("check", path, stdout=full)
    assert result == code, err
    assert_one_line(err, "could not write to standard output", "No space left on device")


@pytest.mark.skipif(not HAS_DEV_FULL, reason="no /dev/full")
def test_full_disk_on_stderr_too_still_exits_with_the_verdict() -> None:
    """With nowhere to say it, the exit code alone still tells the truth."""
    with open("/dev/full", "wb") as full:  # noqa: PTH123
        done = subprocess.run(
            [sys.executable, "-m", "osaid", "check", str(FAILING)],
            env={**BASE_ENV, "PYTHONIOENCODING": "utf-8"},
            stdout=full,
            stderr=full,
            check=False,
            timeout=60,
        )
    assert done.returncode == 1


# -- encodings -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "env",
    [
        {"LC_ALL": "C", "PYTHONUTF8": "0"},
        {"PYTHONIOENCODING": "ascii"},
        {"PYTHONIOENCODING": "latin-1"},
    ],
    ids=["C-locale", "ascii", "latin-1"],
)
@pytest.mark.parametrize("fmt", ["text", "hook", "markdown"])
def test_an_output_encoding_without_the_characters_degrades_to_escapes(
    tmp_path: Path, env: dict[str, str], fmt: str
) -> None:
    """The text report's em dash used to raise UnicodeEncodeError (a traceback, exit 1)."""
    result, out, err = osaid("check", "--format", fmt, CONFORMANT, cwd=tmp_path, env=env)
    assert result == 0, err
    assert err == ""
    assert out.isascii() or env.get("PYTHONIOENCODING") == "latin-1"
    if fmt == "text":
        assert b"Open Example LM \\u2014 CONFORMANT" in out


def test_error_lines_survive_an_ascii_stderr(tmp_path: Path) -> None:
    """A non-ASCII file name in an error line is escaped, not a traceback."""
    result, _, err = osaid(
        "check", "caf\u00e9-\u2014.yaml", cwd=tmp_path, env={"PYTHONIOENCODING": "ascii"}
    )
    assert result == 2
    assert_one_line(err, "no such file")


# -- the last resort -------------------------------------------------------------------------


def test_an_unexpected_error_exits_2_not_1(monkeypatch: pytest.MonkeyPatch) -> None:
    """Exit 1 means "not conformant": a crash has not decided that."""

    def crash(*_args: object, **_kwargs: object) -> int:
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "run", crash)
    monkeypatch.setattr(sys, "argv", ["osaid", "check", str(CONFORMANT)])
    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    with pytest.raises(SystemExit) as caught:
        cli.main()
    assert caught.value.code == 2
    assert "RuntimeError: boom" in err.getvalue()
    assert "osaid: internal error" in err.getvalue()


def test_run_reports_a_failing_stdout_once() -> None:
    """In process, too: a stream that refuses writes is one line and never exit 0."""

    class Broken(io.StringIO):
        def write(self, _text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    err = io.StringIO()
    assert cli.run(["check", str(CONFORMANT)], Broken(), err) == 2
    assert err.getvalue() == "osaid: could not write to standard output: Broken pipe\n"
    err = io.StringIO()
    assert cli.run(["check", str(FAILING), str(FAILING)], Broken(), err) == 1
    assert err.getvalue().count("\n") == 1
