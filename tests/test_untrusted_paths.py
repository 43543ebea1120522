"""Only regular files are read, and walks are bounded (issue 10, items 4 and 5d).

A pull request can commit FIFOs, deep directory trees, paths no file system accepts and
directories of 100,000 files. Each is answered with one clear line or a finding, never a hang
or a traceback. Tests that could block on the old code (FIFOs) run osaid in a subprocess with
a timeout, so a regression fails the test instead of hanging the suite.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import osaid
from conftest import CONFORMANT
from osaid import Report, Status

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")

MANIFEST = """manifest: osaid/1
name: Repo Model
components:
  - kind: inference-code
    location: {location}
    license: Apache-2.0
"""

TIMEOUT = 30
"""Seconds a subprocess may take; the old code blocked forever on a FIFO."""


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONDONTWRITEBYTECODE": "1"}
    try:
        return subprocess.run(
            [sys.executable, *args],
            capture_output=True,
            text=True,
            cwd=cwd,
            env=env,
            timeout=TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"osaid blocked for {TIMEOUT} s (a FIFO opened for reading?)")


def _repo(tmp_path: Path, location: str) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir(exist_ok=True)
    text = MANIFEST.format(location=json.dumps(location))
    (repo / "osaid.yaml").write_text(text, encoding="utf-8")
    return repo


def _inference(report: Report) -> osaid.Result:
    return next(r for r in report.results if r.requirement.endswith("code/inference"))


# -- inputs ---------------------------------------------------------------------------------


@needs_fifo
def test_a_fifo_as_the_input_path_is_refused_by_the_cli(tmp_path: Path) -> None:
    """``osaid check fifo.yaml`` exits 2 with one line at once instead of waiting for a writer."""
    os.mkfifo(tmp_path / "osaid.yaml")
    done = _run(["-m", "osaid", "check", "osaid.yaml"], tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "osaid: osaid.yaml: is a FIFO (named pipe), not a regular file"
    ]
    assert "Traceback" not in done.stderr


@needs_fifo
def test_a_fifo_as_the_input_path_is_an_input_error_in_the_api(tmp_path: Path) -> None:
    """``osaid.check`` raises InputError for a FIFO, without blocking."""
    os.mkfifo(tmp_path / "osaid.yaml")
    code = (
        "import osaid\n"
        "try:\n    osaid.check('osaid.yaml')\n"
        "except osaid.InputError as exc:\n    print('refused:', exc)\n"
    )
    done = _run(["-c", code], tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "refused: osaid.yaml: is a FIFO (named pipe), not a regular file"


@needs_fifo
def test_a_fifo_named_like_a_manifest_in_a_directory_is_refused(tmp_path: Path) -> None:
    """A FIFO ``osaid.yaml`` in a checked directory is an error naming it, not a hang."""
    (tmp_path / "repo").mkdir()
    os.mkfifo(tmp_path / "repo" / "osaid.yaml")
    (tmp_path / "repo" / "README.md").write_text("---\nlicense: mit\n---\n# x\n", "utf-8")
    done = _run(["-m", "osaid", "check", "repo"], tmp_path)
    assert done.returncode == 2
    assert "osaid.yaml: is a FIFO (named pipe), not a regular file" in done.stderr


@needs_fifo
def test_a_fifo_card_in_a_directory_is_skipped_and_named(tmp_path: Path) -> None:
    """Any other FIFO among a directory's candidates is left unread and listed."""
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "osaid.yaml").write_bytes(CONFORMANT.read_bytes())
    os.mkfifo(repo / "README.md")
    done = _run(["-m", "osaid", "check", "repo", "--format", "json"], tmp_path)
    assert done.returncode in (0, 1), done.stderr
    warnings = json.loads(done.stdout)["warnings"]
    refused = next(w for w in warnings if w["code"] == "directory-unreadable")
    assert refused["level"] == "warning"  # not an informational note: --strict fails on it
    assert (
        "so not used: README.md (is a FIFO (named pipe), not a regular file)"
        in (refused["message"])
    )


def test_a_device_as_the_input_path_is_refused() -> None:
    """A character device is refused before anything is read from it."""
    if not Path("/dev/zero").exists():
        pytest.skip("needs /dev/zero")
    with pytest.raises(osaid.InputError, match="is a character device, not a regular file"):
        osaid.check("/dev/zero")


@pytest.mark.parametrize(
    ("name", "reason"),
    [("a\x00b.yaml", "contains a NUL character"), ("x" * 300 + ".yaml", "too long")],
)
def test_unusable_input_paths_are_input_errors(tmp_path: Path, name: str, reason: str) -> None:
    """A NUL byte or an over-long name in the input path is an InputError, not OSError."""
    with pytest.raises(osaid.InputError, match=reason):
        osaid.check(tmp_path / name)


# -- evidence paths in the repository ----------------------------------------------------------


def test_a_location_over_255_characters_is_a_finding(tmp_path: Path) -> None:
    """A name no file system holds fails the component instead of raising OSError."""
    result = _inference(osaid.check(_repo(tmp_path, "a" * 300)))
    assert result.status is Status.FAIL
    assert "is not a usable path (a name in it is too long)" in result.summary


def test_a_nul_in_a_location_is_a_finding(tmp_path: Path) -> None:
    """JSON ``\\u0000`` in a path fails the component instead of raising ValueError."""
    result = _inference(osaid.check(_repo(tmp_path, "src/a\x00b.py")))
    assert result.status is Status.FAIL
    assert "is not a valid path (it contains a NUL character)" in result.summary


@needs_fifo
def test_a_fifo_inside_a_location_directory_is_not_opened(tmp_path: Path) -> None:
    """SPDX-License-Identifier lines are read from regular files only: a FIFO is skipped."""
    repo = _repo(tmp_path, "src")
    (repo / "src").mkdir()
    os.mkfifo(repo / "src" / "a.py")
    (repo / "src" / "b.py").write_text("# SPDX-License-Identifier: GPL-3.0-only\n", "utf-8")
    done = _run(["-m", "osaid", "check", "repo", "--format", "json"], tmp_path)
    assert done.returncode == 1, done.stderr
    results = json.loads(done.stdout)["results"]
    inference = next(r for r in results if r["requirement"].endswith("code/inference"))
    assert "src/b.py:1 says SPDX-License-Identifier: GPL-3.0-only" in inference["summary"]


@needs_fifo
def test_a_location_or_licence_file_that_is_a_fifo_is_a_finding(tmp_path: Path) -> None:
    """A declared path must be a file or a directory; a FIFO is named, never opened."""
    repo = _repo(tmp_path, "pipe")
    os.mkfifo(repo / "pipe")
    done = _run(["-m", "osaid", "check", "repo", "--format", "json"], tmp_path)
    assert done.returncode == 1, done.stderr
    results = json.loads(done.stdout)["results"]
    inference = next(r for r in results if r["requirement"].endswith("code/inference"))
    assert (
        "location 'pipe' is a FIFO (named pipe), not a file or directory" in (inference["summary"])
    )


def _nest(root: Path, depth: int) -> Path:
    """Create ``root/d/d/.../d`` ``depth`` levels deep (relative to each level: no long paths)."""
    root.mkdir()
    descriptor = os.open(root, os.O_RDONLY)
    try:
        for _ in range(depth):
            os.mkdir("d", dir_fd=descriptor)
            inner = os.open("d", os.O_RDONLY, dir_fd=descriptor)
            os.close(descriptor)
            descriptor = inner
        file = os.open("deep.py", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=descriptor)
        os.write(file, b"# SPDX-License-Identifier: GPL-3.0-only\n")
        os.close(file)
    finally:
        os.close(descriptor)
    return root


def remove_deep(top: Path) -> None:
    """Remove a tree too deep for ``shutil.rmtree`` (which recurses), deepest level first.

    pytest cleans its temporary directories with ``shutil.rmtree``: a tree left there would
    break that cleanup (a RecursionError) for every later session sharing the directory.
    """
    stack = [str(top)]
    while stack:
        with os.scandir(stack[-1]) as listing:
            entries = list(listing)
        directories = [e.path for e in entries if e.is_dir(follow_symlinks=False)]
        if directories:
            stack.extend(directories)
            continue
        for entry in entries:
            Path(entry.path).unlink()
        Path(stack.pop()).rmdir()


@pytest.fixture
def deep_tree(tmp_path: Path) -> Iterator[Path]:
    """A repository whose location ``deep`` nests 1,100 directories; removed afterwards."""
    repo = _repo(tmp_path, "deep")
    try:
        yield _nest(repo / "deep", 1100)
    finally:
        remove_deep(repo / "deep")


def test_a_directory_nested_1100_deep_is_a_warning_not_a_traceback(deep_tree: Path) -> None:
    """The walk is iterative and stops at its depth bound, saying so."""
    repo = deep_tree.parent
    report = osaid.check(repo)
    assert _inference(report).status is Status.PASS  # the GPL file 1,100 levels down is unseen
    warning = next(w for w in report.warnings if w.code == "repository-limit")
    assert "location 'deep'" in warning.message
    assert "at 64 levels of nested directories" in warning.message


def test_a_walk_stopped_by_the_file_bound_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past MAX_FILES files the walk stops with a warning instead of truncating silently."""
    from osaid.readers import _repository

    monkeypatch.setattr(_repository, "MAX_FILES", 3)
    repo = _repo(tmp_path, "src")
    (repo / "src").mkdir()
    for index in range(3):
        (repo / "src" / f"{index}.py").write_text("# SPDX-License-Identifier: MIT\n", "utf-8")
    assert not [w for w in osaid.check(repo).warnings if w.code == "repository-limit"]
    (repo / "src" / "3.py").write_text("x\n", "utf-8")
    warning = next(w for w in osaid.check(repo).warnings if w.code == "repository-limit")
    assert "after 3 files" in warning.message


def test_a_walk_stopped_by_the_entry_bound_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Entries that are not files (empty directories) count too, so no walk is unbounded."""
    from osaid.readers import _repository

    monkeypatch.setattr(_repository, "MAX_ENTRIES", 10)
    repo = _repo(tmp_path, "src")
    (repo / "src").mkdir()
    for index in range(20):
        (repo / "src" / f"empty{index}").mkdir()
    warning = next(w for w in osaid.check(repo).warnings if w.code == "repository-limit")
    assert "after 10 directory entries" in warning.message


def test_a_reuse_folder_past_the_entry_bound_is_not_judged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A huge LICENSES/ is not listed to the end: the REUSE check is skipped, with a warning."""
    from osaid.readers import _repository

    monkeypatch.setattr(_repository, "MAX_ENTRIES", 5)
    repo = _repo(tmp_path, "https://example.invalid/code")
    (repo / "LICENSES").mkdir()
    for index in range(8):
        (repo / "LICENSES" / f"LicenseRef-{index}.txt").write_text("x\n", "utf-8")
    report = osaid.check(repo)
    assert _inference(report).status is Status.PASS  # no false "LICENSES/ has no text"
    warning = next(w for w in report.warnings if w.code == "repository-limit")
    assert "LICENSES/ holds more than 5 entries" in warning.message
