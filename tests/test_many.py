"""Batches: ``check_many`` and ``osaid check --jobs`` give what one-by-one checks give, in order.

A check is a pure function of its source, definition and policy: reports, releases and errors
pickle, so checks run in worker processes (``concurrent.futures``, or a distributed engine)
and come back equal to the ones made here.
"""

from __future__ import annotations

import pickle
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import yaml

import osaid
from conftest import ROOT, CliRunner

EXAMPLES = sorted((ROOT / "examples").glob("*/osaid.yaml"))
CARDS = sorted((ROOT / "tests" / "data" / "cards").glob("*.md"))

api: Any = osaid
"""The library, untyped: some calls pass values its annotations rule out on purpose."""


def _sources() -> list[Any]:
    card = CARDS[0].read_text(encoding="utf-8")
    return [
        str(EXAMPLES[0]),  # a path as text
        EXAMPLES[1],  # a Path
        card.encode("utf-8"),  # bytes
        card,  # text: it holds line breaks
        yaml.safe_load(EXAMPLES[2].read_text(encoding="utf-8")),  # a manifest mapping
        osaid.read(EXAMPLES[3]),  # a Release
        b"not: a release\n",  # bad: an OsaidError in its place
        "missing.yaml",  # bad: no such file
    ]


def _again(value: Any) -> Any:
    """``value`` sent through pickle, as to and from a worker (osaid's own values only)."""
    return pickle.loads(pickle.dumps(value))  # noqa: S301 - not untrusted data


def _shape(item: osaid.Report | osaid.OsaidError) -> object:
    if isinstance(item, osaid.OsaidError):
        return (type(item).__name__, str(item))
    return item.to_json()


@pytest.mark.parametrize("jobs", [None, 1, 2])
def test_check_many_yields_one_item_per_source_in_order(jobs: int | None) -> None:
    sources = _sources()
    items = list(osaid.check_many(sources, jobs=jobs))
    assert len(items) == len(sources)
    assert items[0] == osaid.check(EXAMPLES[0])
    assert items[1] == osaid.check(EXAMPLES[1])
    assert items[2] == osaid.check_text(sources[2], name="<source 3>")
    assert items[3] == osaid.check_text(sources[3], name="<source 4>")
    assert isinstance(items[4], osaid.Report)
    assert items[4].verdict == osaid.check(EXAMPLES[2]).verdict
    assert items[5] == osaid.check(EXAMPLES[3])
    assert isinstance(items[6], osaid.InputError)
    assert str(items[6]).startswith("<source 7>")
    assert isinstance(items[7], osaid.InputError)
    assert "missing.yaml" in str(items[7])


def test_processes_give_what_this_process_gives() -> None:
    sources = _sources() * 3
    here = [_shape(item) for item in osaid.check_many(sources)]
    there = [_shape(item) for item in osaid.check_many(sources, jobs=2)]
    assert there == here


def test_check_many_is_lazy_and_can_be_stopped() -> None:
    def endless() -> Any:
        while True:
            yield EXAMPLES[0]

    batch = osaid.check_many(endless(), jobs=2)
    first = [next(batch) for _ in range(3)]
    batch.close()  # shuts the workers down
    assert all(isinstance(item, osaid.Report) and item.conformant for item in first)


@pytest.mark.parametrize("jobs", [None, 2])
def test_a_source_of_a_wrong_type_is_a_type_error(jobs: int | None) -> None:
    with pytest.raises(TypeError, match="each source must be"):
        list(api.check_many([EXAMPLES[0], 5], jobs=jobs))


def test_jobs_out_of_range_or_of_a_wrong_type() -> None:
    with pytest.raises(osaid.UsageError, match="jobs"):
        osaid.check_many([], jobs=0)
    with pytest.raises(TypeError, match="jobs must be an int"):
        api.check_many([], jobs="2")
    with pytest.raises(TypeError, match="jobs must be an int"):
        api.check_many([], jobs=True)


def test_graded_batches_keep_the_grade() -> None:
    items = list(osaid.check_many(EXAMPLES, "mof-1.0", jobs=2))
    for item, path in zip(items, EXAMPLES, strict=True):
        assert isinstance(item, osaid.Report)
        assert item.grade == osaid.check(path, "mof-1.0").grade


def test_reports_releases_and_errors_pickle() -> None:
    report = osaid.check(EXAMPLES[0])
    graded = osaid.check(EXAMPLES[0], "mof-1.0")
    release = osaid.read(EXAMPLES[0])
    error = osaid.InputError(osaid.Problem("bad", file="a.yaml", key="k", line=3))
    assert _again(report) == report
    assert _again(release) == release
    again = _again(graded)
    assert again.grade == graded.grade
    assert again.to_json() == graded.to_json()
    back = _again(error)
    assert type(back) is osaid.InputError
    assert back.problems == error.problems
    assert str(back) == "a.yaml:3: k: bad"


def test_check_maps_over_a_process_pool_executor() -> None:
    """What a user's own pool (or a Spark/Dask/Ray map) does: the pure function, elsewhere."""
    texts = [path.read_bytes() for path in CARDS + EXAMPLES]
    with ProcessPoolExecutor(2) as pool:
        there = list(pool.map(osaid.check_text, texts))
        releases = list(pool.map(osaid.read, EXAMPLES))
    assert there == [osaid.check_text(text) for text in texts]
    assert releases == [osaid.read(path) for path in EXAMPLES]


@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_cli_jobs_gives_the_same_output(run_cli: CliRunner, fmt: str) -> None:
    paths: list[str | Path] = [*EXAMPLES, *CARDS, "missing.yaml"]
    one = run_cli("check", "--format", fmt, *paths)
    two = run_cli("check", "--format", fmt, "--jobs", "2", *paths)
    assert (two.code, two.out, two.err) == (one.code, one.out, one.err)
    assert one.code == 2


def test_cli_jobs_still_refuses_to_replace_a_file_read(run_cli: CliRunner, tmp_path: Path) -> None:
    """``--output`` never replaces a file a worker read (workers send back what they read).

    ``docs/data-sources.md`` is read for its licence header and named by no report: only the
    record of reads keeps ``--output`` off another name (a hard link) for it.
    """
    docs = tmp_path / "release" / "docs"
    docs.mkdir(parents=True)
    shutil.copy(EXAMPLES[0], tmp_path / "release" / "osaid.yaml")
    (docs / "DATASHEET.md").write_text("SPDX-License-Identifier: CC-BY-4.0\n", encoding="utf-8")
    (docs / "data-sources.md").write_text("kept\n", encoding="utf-8")
    link = tmp_path / "link.md"
    link.hardlink_to(docs / "data-sources.md")
    args = ("check", "-o", link, tmp_path / "release", EXAMPLES[1])
    for jobs in ("1", "2"):
        result = run_cli(*args, "--jobs", jobs)
        assert result.code == 2
        assert "one of the inputs" in result.err
        assert link.read_text(encoding="utf-8") == "kept\n"


def test_cli_jobs_out_of_range(run_cli: CliRunner) -> None:
    result = run_cli("check", "--jobs", "0", EXAMPLES[0])
    assert result.code == 2
    assert "number of processes" in result.err
