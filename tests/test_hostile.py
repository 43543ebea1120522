"""The hostile-input suite (issue 10, item 9): every case of ``tasks/hostile.py``, at test scale.

Each case builds its files in a ``case`` folder beside an ``outside`` folder of sentinel files,
and runs osaid as a real process from the case folder (the interpreter's handling of closed
pipes, full disks, terminals and locales is part of what is tested). Each run must:

- exit with one of the case's exit codes, with no traceback;
- print valid UTF-8 with no raw C0, C1, bidi or line-separator character on either stream
  (JSON escapes them; every other format shows ``\\uXXXX``), nor in any file it writes;
- print what the case expects and nothing it forbids, and never the sentinels' secret (so
  nothing outside the case folder was read into the output);
- change nothing but the files the case declares as its output: the outside folder, the case
  folder and the run's HOME/TMPDIR are compared entry by entry (kind, mode, inode, content)
  before and after, and watched paths elsewhere (``/dev/null``) keep their identity.

The per-case timeout is a hang guard only (a FIFO opened for reading blocks forever); how long
cases take at full scale is measured by ``benchmarks/bench.py``, never asserted here.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tasks"))
import hostile  # tasks/ is not a package

HANG_GUARD = 60.0
"""Seconds after which a run is killed and the case fails as a hang."""


def _changes(
    before: dict[bytes, tuple[object, ...]], after: dict[bytes, tuple[object, ...]]
) -> set[bytes]:
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


def _written_problems(path: Path, run: hostile.Run) -> list[str]:
    """A file the run wrote: valid UTF-8, no raw control characters, no secret."""
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        return [f"{path.name} is not valid UTF-8 ({exc.reason})"]
    found = [f"{path.name} holds raw {c}" for c in hostile.raw_controls(text, run.controls)]
    if hostile.SECRET in text:
        found.append(f"{path.name} holds the secret from outside/")
    return found


WORKERS = max(1, min(2, os.cpu_count() or 1))
"""Cases run this many at a time: each is one process, mostly Python starting up."""


@dataclass(frozen=True)
class Checked:
    """What was wrong with one case's run (nothing, when it passed)."""

    found: list[str]
    code: int
    stderr: str


def check_case(case: hostile.Case, tmp_path: Path, pycache: Path) -> Checked:
    """Build ``case`` under ``tmp_path``, run it, and list everything wrong with the run."""
    layout = hostile.prepare(tmp_path / "root")
    try:
        run = case.build(layout.case, "test")
        before, watched = hostile.snapshot(layout.root), hostile.watched(run.watch)
        outcome = hostile.execute(run, layout, HANG_GUARD, pycache)
        after = hostile.snapshot(layout.root)
        found = hostile.problems(run, outcome)
        outputs = {os.fsencode(layout.case / name): layout.case / name for name in run.outputs}
        for changed in sorted(_changes(before, after) - outputs.keys()):
            found.append(f"changed {os.fsdecode(changed)!r}, which is no output of the run")
        for path in outputs.values():
            if path.is_file():
                found += _written_problems(path, run)
            elif outcome.code in (0, 1):
                found.append(f"{path.name} was not written")
        if hostile.watched(run.watch) != watched:
            found.append(f"changed {', '.join(run.watch)}")
    finally:
        hostile.remove_tree(layout.root)
    return Checked(found, outcome.code, outcome.stderr.decode("utf-8", "replace")[-2000:])


@pytest.fixture(scope="module")
def checked(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Future[Checked]]]:
    """Every selected case, started at once on :data:`WORKERS` threads; each test waits for
    its own. Bytecode caches go to a directory outside the source tree and the cases."""
    pycache = tmp_path_factory.mktemp("pycache")
    selected = [
        case
        for item in request.session.items
        if isinstance(item, pytest.Function) and item.originalname == "test_hostile_case"
        for case in [item.callspec.params["case"]]
        if isinstance(case, hostile.Case) and hostile.available(case.needs)
    ]
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        futures = {
            case.id: pool.submit(check_case, case, tmp_path_factory.mktemp("case"), pycache)
            for case in selected
        }
        yield futures
        for future in futures.values():
            future.cancel()


@pytest.mark.parametrize("case", hostile.CASES, ids=lambda case: case.id)
def test_hostile_case(case: hostile.Case, checked: dict[str, Future[Checked]]) -> None:
    if not hostile.available(case.needs):
        pytest.skip(f"needs {', '.join(sorted(case.needs))}")
    result = checked[case.id].result()
    assert result.found == [], f"{case.id}: exit {result.code}\nstderr: {result.stderr}"


def test_every_class_of_the_issue_has_a_case() -> None:
    """One class (or more) per item of issue 10's "Why", each with at least one case."""
    assert set(hostile.CLASSES) >= {
        "option-like file names",
        "--output targets",
        "exit codes",
        "merging",
        "card headings",
        "tag-value lines",
        "SPDX-License-Identifier scans",
        "LICENSE files for init",
        "XML comments",
        "SPDX 3 licence sets",
        "CycloneDX did-you-mean",
        "FIFOs, devices and links",
        "YAML aliases",
        "tag-value budgets",
        "many inputs",
        "large directories",
        "tracebacks",
        "forging text",
        "API contract",
    }


@pytest.mark.parametrize(
    "klass", ["YAML aliases", "many inputs", "tracebacks", "forging text", "--output targets"]
)
def test_format_sensitive_classes_cover_every_format(klass: str) -> None:
    """Where the output format matters, each format has its own case."""
    names = " ".join(case.name for case in hostile.CASES if case.klass == klass)
    for fmt in hostile.FORMATS:
        assert f"[{fmt}]" in names, (klass, fmt)


def test_case_ids_are_unique() -> None:
    ids = [case.id for case in hostile.CASES]
    assert len(ids) == len(set(ids))


# -- the checks themselves can fail ----------------------------------------------------------


def _outcome(code: int, out: bytes = b"", err: bytes = b"") -> hostile.Outcome:
    return hostile.Outcome(code, out, err, 0.1, 10.0, False, len(out) + len(err))


def test_problems_catch_each_kind_of_failure() -> None:
    """A check that cannot fail proves nothing: each kind of wrong outcome is reported."""
    run = hostile.Run(
        argv=("x",), codes=frozenset({1}), present=("needed",), absent=("forbidden",), form="json"
    )
    assert hostile.problems(run, _outcome(1, b'{"a": "needed"}')) == []
    wrong = {
        "exit 0": _outcome(0, b'{"a": "needed"}'),
        "Traceback": _outcome(1, b'{"a": "needed"}', b"Traceback (most recent call last):"),
        "raw \\u001b": _outcome(1, b'{"a": "needed\x1b"}'),
        "raw \\u202e": _outcome(1, '{"a": "needed\u202e"}'.encode()),
        "raw \\u0085": _outcome(1, '{"a": "needed\x85"}'.encode()),
        "not valid UTF-8": _outcome(1, b'{"a": "needed\xff"}'),
        "missing 'needed'": _outcome(1, b"{}"),
        "unexpected 'forbidden'": _outcome(1, b'{"a": "needed"}', b"forbidden"),
        "secret": _outcome(1, b'{"a": "needed"}', hostile.SECRET.encode()),
        "not valid JSON": _outcome(1, b"needed"),
    }
    for expected, outcome in wrong.items():
        assert any(expected in p for p in hostile.problems(run, outcome)), expected


def test_sarif_messages_are_checked_for_live_links() -> None:
    run = hostile.Run(argv=("x",), codes=frozenset({1}), form="sarif")
    linked = b'{"results": [{"message": {"text": "see [here](https://x.example)"}}]}'
    escaped = b'{"results": [{"message": {"text": "see \\\\[here\\\\](https://x.example)"}}]}'
    assert any("live link" in p for p in hostile.problems(run, _outcome(1, linked)))
    assert hostile.problems(run, _outcome(1, escaped)) == []


def test_snapshot_sees_a_change_outside_the_case(tmp_path: Path) -> None:
    """Writing beside the sentinels, replacing one, or adding a file are all changes."""
    layout = hostile.prepare(tmp_path / "root")
    before = hostile.snapshot(layout.root)
    (layout.outside / "LICENSE").write_text("changed\n", encoding="utf-8")
    (layout.scratch / "new").write_text("x", encoding="utf-8")
    changed = {os.fsdecode(p) for p in _changes(before, hostile.snapshot(layout.root))}
    assert changed == {str(layout.outside / "LICENSE"), str(layout.scratch / "new")}


def test_remove_tree_removes_what_rmtree_cannot(tmp_path: Path) -> None:
    """Trees 1,100 deep (rmtree recurses past Python's limit), FIFOs and byte names."""
    hostile.nest(tmp_path / "t", 1100, "leaf", b"x")
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "t" / "fifo")
    (tmp_path / "t" / os.fsdecode(b"\xff")).write_bytes(b"")
    hostile.remove_tree(tmp_path / "t")
    assert not (tmp_path / "t").exists()
