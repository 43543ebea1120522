"""Where `osaid check --output` writes: never through a link, over an input or a device.

A hook runs in a repository a stranger prepared, so the output path is as untrusted as the
inputs: each refusal is one `osaid:` line, exit 2, and nothing written anywhere.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import osaid
from conftest import CONFORMANT, EXAMPLES, CliRunner
from osaid._files import read_regular, recording_reads
from osaid.cli._output import Inputs, OutputRefusedError, replaceable, resolve_target
from osaid.render import RENDERERS

FAILING = EXAMPLES / "license-failure" / "osaid.yaml"
POSIX = pytest.mark.skipif(os.name != "posix", reason="POSIX links, FIFOs and devices")


def snapshot(*roots: Path) -> dict[str, object]:
    """Every entry under ``roots``: its kind and, for regular files, its content."""
    found: dict[str, object] = {}
    for root in roots:
        for path in sorted(root.rglob("*")):
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                found[str(path)] = ("link", str(path.readlink()))
            elif stat.S_ISREG(mode):
                found[str(path)] = path.read_bytes()
            else:
                found[str(path)] = stat.S_IFMT(mode)
    return found


def refused(result: object, *fragments: str) -> None:
    """Exit 2, nothing on stdout, one `osaid: --output` line holding every fragment."""
    assert result.code == 2, result  # type: ignore[attr-defined]
    assert result.out == "", result  # type: ignore[attr-defined]
    lines = result.err_lines  # type: ignore[attr-defined]
    assert len(lines) == 1, lines
    assert lines[0].startswith("osaid: --output "), lines
    assert "Traceback" not in result.err  # type: ignore[attr-defined]
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository (the working directory) holding a failing manifest, beside `outside/`."""
    root = tmp_path / "repo"
    root.mkdir()
    (tmp_path / "outside").mkdir()
    (root / "osaid.yaml").write_bytes(FAILING.read_bytes())
    monkeypatch.chdir(root)
    return root


# -- refusals ------------------------------------------------------------------------------


@POSIX
def test_symlink_to_a_file_outside_is_refused(run_cli: CliRunner, repo: Path) -> None:
    """A committed `report.txt -> ../outside/bashrc` must not make the report overwrite it."""
    bashrc = repo.parent / "outside" / "bashrc"
    bashrc.write_text("export PATH=/usr/bin\n", encoding="utf-8")
    (repo / "report.txt").symlink_to("../outside/bashrc")
    before = snapshot(repo.parent)
    refused(run_cli("check", ".", "--output", "report.txt"), "symbolic link")
    assert snapshot(repo.parent) == before


@POSIX
def test_dangling_symlink_is_refused(run_cli: CliRunner, repo: Path) -> None:
    """A link to nothing would create the file it points at: refused, nothing created."""
    (repo / "report.txt").symlink_to("../outside/new-file")
    before = snapshot(repo.parent)
    refused(run_cli("check", ".", "-o", "report.txt"), "symbolic link")
    assert snapshot(repo.parent) == before
    assert not (repo.parent / "outside" / "new-file").exists()


@POSIX
def test_absolute_symlink_is_refused_too(run_cli: CliRunner, repo: Path) -> None:
    """Given absolute, a link is still a link: the user's path is the link, not its target."""
    target = repo.parent / "outside" / "report.txt"
    target.write_text("old\n", encoding="utf-8")
    (repo / "link.txt").symlink_to(target)
    refused(run_cli("check", ".", "-o", repo / "link.txt"), "symbolic link")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert (repo / "link.txt").is_symlink()


@POSIX
def test_fifo_is_refused_without_blocking(run_cli: CliRunner, repo: Path) -> None:
    """A FIFO stays a FIFO (it used to be replaced by a regular file)."""
    fifo = repo / "report.txt"
    os.mkfifo(fifo)
    refused(run_cli("check", ".", "-o", "report.txt"), "FIFO")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


@POSIX
@pytest.mark.skipif(not Path("/dev/null").exists(), reason="no /dev/null")
@pytest.mark.usefixtures("repo")
def test_device_is_refused(run_cli: CliRunner) -> None:
    """`--output /dev/null` once replaced the system's /dev/null when run as root."""
    before = os.lstat("/dev/null")
    refused(run_cli("check", ".", "-o", "/dev/null"), "character device")
    after = os.lstat("/dev/null")
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


@pytest.mark.parametrize("spelling", ["osaid.yaml", "./osaid.yaml", "../repo/osaid.yaml"])
def test_the_input_itself_is_refused(run_cli: CliRunner, repo: Path, spelling: str) -> None:
    """`--output in.yaml` on the input `in.yaml` used to replace the manifest with its report."""
    before = snapshot(repo)
    refused(run_cli("check", "osaid.yaml", "-o", spelling), "one of the inputs")
    assert snapshot(repo) == before


@POSIX
def test_a_hard_link_to_the_input_is_refused(run_cli: CliRunner, repo: Path) -> None:
    """Another name for the same file is still the input (compared by device and inode)."""
    os.link(repo / "osaid.yaml", repo / "copy.yaml")
    before = snapshot(repo)
    refused(run_cli("check", "osaid.yaml", "-o", "copy.yaml"), "one of the inputs")
    assert snapshot(repo) == before


def test_a_description_inside_a_checked_directory_is_refused(
    run_cli: CliRunner, repo: Path
) -> None:
    """Checking `.`, the files the directory reader reads are inputs too."""
    (repo / "README.md").write_text("---\nlicense: mit\n---\n# Card\n", encoding="utf-8")
    before = snapshot(repo)
    for name in ("osaid.yaml", "README.md"):
        refused(run_cli("check", ".", "-o", name), "one of the inputs")
    assert snapshot(repo) == before


def test_a_report_beside_the_descriptions_is_fine(run_cli: CliRunner, repo: Path) -> None:
    """`osaid check . --output report.txt` is the normal use: the report is not an input."""
    (repo / "report.txt").write_text("old\n", encoding="utf-8")
    result = run_cli("check", ".", "-o", "report.txt")
    assert (result.code, result.out, result.err) == (1, "", "")
    assert "NOT CONFORMANT" in (repo / "report.txt").read_text(encoding="utf-8")
    assert sorted(p.name for p in repo.iterdir()) == ["osaid.yaml", "report.txt"]


@pytest.mark.parametrize(
    ("fmt", "name"), [("json", "report.json"), ("markdown", "report.md"), ("junit", "junit.xml")]
)
def test_the_last_runs_report_in_a_checked_directory_is_replaced(
    run_cli: CliRunner, repo: Path, fmt: str, name: str
) -> None:
    """The directory reader looks at `report.json` and skips it (no release description):
    it is no input, so running the same command twice works."""
    for _ in range(2):
        result = run_cli("check", ".", "--format", fmt, "-o", name)
        assert (result.code, result.err) == (1, ""), result
    assert sorted(p.name for p in repo.iterdir()) == sorted(["osaid.yaml", name])


@pytest.mark.parametrize("given", ["../outside/report.txt", "sub/../../outside/report.txt"])
def test_relative_path_out_of_the_working_directory_is_refused(
    run_cli: CliRunner, repo: Path, given: str
) -> None:
    """`..` out of the working directory: refused (an absolute path would be allowed)."""
    (repo / "sub").mkdir()
    before = snapshot(repo.parent)
    refused(run_cli("check", ".", "-o", given), "outside the working directory")
    assert snapshot(repo.parent) == before


@POSIX
def test_symlinked_parent_out_of_the_working_directory_is_refused(
    run_cli: CliRunner, repo: Path
) -> None:
    """`-ox/osaid.yaml` with `x -> ../outside` wrote outside the repository."""
    (repo / "x").symlink_to("../outside")
    before = snapshot(repo.parent)
    refused(run_cli("check", ".", "-o", "x/osaid.yaml"), "outside the working directory")
    assert snapshot(repo.parent) == before


@POSIX
def test_symlinked_parent_inside_the_working_directory_is_fine(
    run_cli: CliRunner, repo: Path
) -> None:
    """A link that stays inside the working directory is followed for the parent only."""
    (repo / "reports").mkdir()
    (repo / "latest").symlink_to("reports")
    assert run_cli("check", ".", "-o", "latest/report.txt").code == 1
    assert (repo / "reports" / "report.txt").is_file()


def test_absolute_path_outside_is_the_users_choice(run_cli: CliRunner, repo: Path) -> None:
    """A path written absolute on the command line may point anywhere."""
    target = repo.parent / "outside" / "report.json"
    result = run_cli("check", ".", "--format", "json", "-o", target)
    assert result.code == 1
    assert json.loads(target.read_text(encoding="utf-8"))["verdict"] == "not-conformant"


@pytest.mark.parametrize("given", ["", "a\x00b", "x" * 5000])
def test_unusable_paths_are_one_line(run_cli: CliRunner, repo: Path, given: str) -> None:
    """An empty path, a NUL character or an overlong name: one line, exit 2, no traceback."""
    before = snapshot(repo.parent)
    refused(run_cli("check", ".", "-o", given))
    assert snapshot(repo.parent) == before


@pytest.mark.usefixtures("repo")
def test_refusal_happens_before_any_check(
    run_cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A refused target costs nothing: no input is read."""
    calls: list[object] = []
    monkeypatch.setattr(osaid, "read", lambda *a, **_: calls.append(a))
    refused(run_cli("check", "osaid.yaml", "-o", "osaid.yaml"))
    assert calls == []


# -- streaming to descriptors --------------------------------------------------------------


@pytest.mark.parametrize("given", ["-", "/dev/stdout", "/dev/fd/1"])
def test_standard_output_names_stream_there(run_cli: CliRunner, repo: Path, given: str) -> None:
    """`-`, /dev/stdout and /dev/fd/1 are standard output, not files to replace."""
    result = run_cli("check", "osaid.yaml", "--format", "json", "-o", given)
    assert result.code == 1
    assert json.loads(result.out)["verdict"] == "not-conformant"
    assert sorted(p.name for p in repo.iterdir()) == ["osaid.yaml"]


@pytest.mark.usefixtures("repo")
def test_dev_stderr_streams_to_standard_error(run_cli: CliRunner) -> None:
    result = run_cli("check", "osaid.yaml", "-o", "/dev/stderr")
    assert (result.code, result.out) == (1, "")
    assert "NOT CONFORMANT" in result.err


def test_dev_stdout_into_a_pipe_works(tmp_path: Path) -> None:
    """`--output /dev/stdout` into a pipe used to fail with exit 2 and lose the report."""
    done = subprocess.run(
        [sys.executable, "-m", "osaid", "check", str(FAILING), "-o", "/dev/stdout"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=tmp_path,
        check=False,
        timeout=60,
    )
    assert done.returncode == 1, done.stderr
    assert "NOT CONFORMANT" in done.stdout
    assert done.stderr == ""


@POSIX
def test_dev_fd_n_streams_to_that_descriptor(tmp_path: Path) -> None:
    """`--output /dev/fd/N` with `N>report.txt` is a redirection the shell already made."""
    target = tmp_path / "report.txt"
    with target.open("w", encoding="utf-8") as handle:
        number = handle.fileno()
        done = subprocess.run(
            [sys.executable, "-m", "osaid", "check", str(CONFORMANT), "-o", f"/dev/fd/{number}"],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            check=False,
            timeout=60,
            pass_fds=(number,),
        )
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert "CONFORMANT" in target.read_text(encoding="utf-8")


@pytest.mark.usefixtures("repo")
def test_a_closed_descriptor_is_one_line(run_cli: CliRunner) -> None:
    refused(run_cli("check", "osaid.yaml", "-o", "/dev/fd/987654"), "not open")


# -- atomic and streamed ---------------------------------------------------------------------


def test_the_file_appears_only_at_the_end(
    run_cli: CliRunner, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While inputs are checked, nothing new is visible in the target's directory (no partial
    report a directory walk or another reader could see), and the target keeps its content."""
    (repo / "report.json").write_text("old\n", encoding="utf-8")
    seen: list[tuple[list[str], str]] = []
    real_read = osaid.read

    def spying_read(*args: object, **kwargs: object) -> object:
        names = sorted(p.name for p in repo.iterdir())
        seen.append((names, (repo / "report.json").read_text(encoding="utf-8")))
        return real_read(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(osaid, "read", spying_read)
    result = run_cli(
        "check", "osaid.yaml", str(CONFORMANT), "--format", "json", "-o", "report.json"
    )
    assert result.code == 1, result
    assert seen == [(["osaid.yaml", "report.json"], "old\n")] * 2
    reports = [osaid.check("osaid.yaml"), osaid.check(CONFORMANT)]
    assert (repo / "report.json").read_text(encoding="utf-8") == RENDERERS["json"](reports, True)
    assert sorted(p.name for p in repo.iterdir()) == ["osaid.yaml", "report.json"]


def test_a_later_bad_input_leaves_the_target_alone(run_cli: CliRunner, repo: Path) -> None:
    """Reports already streamed into the temporary file are dropped when exit is 2."""
    (repo / "report.txt").write_text("old\n", encoding="utf-8")
    result = run_cli("check", "osaid.yaml", "missing.yaml", "-o", "report.txt")
    assert result.code == 2
    assert (repo / "report.txt").read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in repo.iterdir()) == ["osaid.yaml", "report.txt"]


@POSIX
def test_a_link_that_appears_during_the_run_is_not_written_through(
    run_cli: CliRunner, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The target is checked again just before the rename."""
    victim = repo.parent / "outside" / "victim"
    victim.write_text("keep\n", encoding="utf-8")
    real_read = osaid.read

    def swap(*args: object, **kwargs: object) -> object:
        (repo / "report.txt").symlink_to(victim)
        return real_read(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(osaid, "read", swap)
    result = run_cli("check", "osaid.yaml", "-o", "report.txt")
    refused(result, "symbolic link", "not replaced")
    assert victim.read_text(encoding="utf-8") == "keep\n"
    assert (repo / "report.txt").is_symlink()


def test_a_file_read_during_the_run_is_not_replaced(
    run_cli: CliRunner, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files read through osaid._files.read_regular are inputs, whatever path led to them."""
    (repo / "docs").mkdir()
    evidence = repo / "docs" / "notes.md"
    evidence.write_text("SPDX-License-Identifier: MIT\n", encoding="utf-8")
    real_read = osaid.read

    def read_and_touch(*args: object, **kwargs: object) -> object:
        read_regular(Path("docs") / "notes.md", 100)  # as a reader of evidence does
        return real_read(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(osaid, "read", read_and_touch)
    result = run_cli("check", "osaid.yaml", "-o", "docs/notes.md")
    refused(result, "one of the inputs")
    assert evidence.read_text(encoding="utf-8") == "SPDX-License-Identifier: MIT\n"


# -- the pieces ------------------------------------------------------------------------------


def test_recording_reads_sees_every_file_read(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    first.write_text("a", encoding="utf-8")
    second.write_text("b", encoding="utf-8")
    read_regular(second, 10)  # outside any recording
    with recording_reads() as reads:
        read_regular(first, 10)
    status = first.stat()
    assert reads == {(status.st_dev, status.st_ino)}
    inputs = Inputs()
    inputs.add_ids(reads)
    assert inputs.holds(first)
    assert not inputs.holds(second)


@POSIX
def test_replaceable_names_what_it_refuses(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo")
    (tmp_path / "link").symlink_to(tmp_path / "nowhere")
    (tmp_path / "dir").mkdir()
    (tmp_path / "file").write_text("x", encoding="utf-8")
    replaceable(tmp_path / "file")
    replaceable(tmp_path / "absent")
    reasons = {}
    for name in ("fifo", "link", "dir"):
        with pytest.raises(OutputRefusedError) as caught:
            replaceable(tmp_path / name)
        reasons[name] = caught.value.reason
    assert "FIFO" in reasons["fifo"]
    assert "symbolic link" in reasons["link"]
    assert "directory" in reasons["dir"]


def test_resolve_target_is_absolute_with_a_resolved_parent(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    assert resolve_target("sub/../sub/r.txt", tmp_path) == tmp_path.resolve() / "sub" / "r.txt"
