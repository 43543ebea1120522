"""Reading a directory is bounded and says what it left out (issue 10, item 5d).

A directory of 100,000 files used to list every skipped name in the report (1.4 MB) after
reading all of them (19 s). Lists of names are now capped with a count, at most
``MAX_FILES`` files and ``MAX_BYTES_FACTOR`` times the size limit are read, and every file left
unread is named in a warning.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import osaid
from conftest import CONFORMANT
from osaid import readers
from osaid.readers import _directory


def _warning(report: osaid.Report, code: str) -> str:
    return next(w.message for w in report.warnings if w.code == code)


def _repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "osaid.yaml").write_bytes(CONFORMANT.read_bytes())
    return repo


def test_the_list_of_files_not_used_is_capped_with_a_count(tmp_path: Path) -> None:
    """Fifty unrecognised files: twenty are named, the other thirty counted."""
    repo = _repo(tmp_path)
    for index in range(50):
        (repo / f"data{index:02d}.json").write_text("{}\n", encoding="utf-8")
    sources = _warning(osaid.check(repo), "directory-sources")
    assert "data00.json, data01.json" in sources
    assert "data19.json and 30 more." in sources
    assert "data20.json" not in sources


def test_files_past_the_count_bound_are_named_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past MAX_FILES, files are not read; the manifest is read first whatever its name."""
    monkeypatch.setattr(_directory, "MAX_FILES", 5)
    repo = _repo(tmp_path)
    for index in range(12):
        (repo / f"a{index:02d}.json").write_text("{}\n", encoding="utf-8")
    report = osaid.check(repo)
    assert "osaid.yaml (osaid-manifest)" in _warning(report, "directory-sources")
    limit = _warning(report, "directory-limit")
    assert "past the bound of 5 files" in limit
    assert "a04.json, a05.json" in limit  # the manifest and a00..a03 were read
    assert "a03.json" not in limit


def test_files_past_the_byte_budget_are_named_not_read(tmp_path: Path) -> None:
    """The files read total at most MAX_BYTES_FACTOR times the per-file limit."""
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "osaid.yaml").write_text("manifest: osaid/1\nname: x\n", encoding="utf-8")
    for index in range(6):
        (repo / f"b{index}.json").write_text("[" + "0," * 450 + "0]", encoding="utf-8")
    report = osaid.check(repo, max_input_bytes=1000)
    limit = _warning(report, "directory-limit")
    assert f"{_directory.MAX_BYTES_FACTOR * 1000} bytes read per directory" in limit
    assert limit.count(".json") == 2  # 26 + 4 x 903 bytes read, two files would not fit
    assert ": b4.json, b5.json." in limit


def test_a_file_over_the_size_limit_is_named_and_not_opened(tmp_path: Path) -> None:
    """A candidate larger than the limit cannot be a description: listed, never read."""
    repo = _repo(tmp_path)
    (repo / "tokenizer.json").write_text("[" + "0," * 20_000 + "0]", encoding="utf-8")
    report = osaid.check(repo, max_input_bytes=20_000)
    message = _warning(report, "directory-too-large")
    assert message == "Larger than the input limit of 20000 bytes, not read: tokenizer.json."


def test_a_symlink_out_of_the_directory_is_named(tmp_path: Path) -> None:
    """A description symlinked from outside is not followed, and the report says so."""
    repo = _repo(tmp_path)
    outside = tmp_path / "card.md"
    outside.write_text("---\nlicense: llama3.1\n---\n# x\n", encoding="utf-8")
    (repo / "README.md").symlink_to(outside)
    report = osaid.check(repo)
    assert "README.md" not in _warning(report, "directory-sources")
    message = _warning(report, "directory-symlinks")
    assert message == "Symbolic links out of the directory, not followed: README.md."


def test_a_directory_with_nothing_readable_names_what_it_left_out(tmp_path: Path) -> None:
    """The "no release description" error also says which files were not looked at."""
    (tmp_path / "README.md").symlink_to(CONFORMANT)
    with pytest.raises(osaid.InputError) as caught:
        osaid.check(tmp_path)
    message = str(caught.value)
    assert "no release description found" in message
    assert "symbolic links out of the directory, not followed: README.md" in message


def test_sub_directories_and_other_suffixes_are_not_candidates(tmp_path: Path) -> None:
    """Only top-level files with a description suffix are considered, manifests first."""
    repo = _repo(tmp_path)
    (repo / "nested.json").mkdir()
    (repo / "notes.txt").write_text("x\n", encoding="utf-8")
    (repo / "A.md").write_text("# notes\n", encoding="utf-8")
    assert [p.name for p in readers.candidates(repo)] == ["osaid.yaml", "A.md"]
