"""Streaming a batch: each report rendered alone gives exactly the batch renderer's bytes.

`osaid check` writes each report as soon as it is checked and releases it; these tests hold
every stream to the batch renderer of the same format on the same reports, hostile ones
included, so the output of a run is unchanged byte for byte.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from pathlib import Path

import pytest

import osaid
from conftest import CONFORMANT, EXAMPLES, MOT_MODELS
from osaid import cli
from osaid.definition import load_definition
from osaid.grading import GRADE_RENDERERS, grade
from osaid.render import COLOUR_RENDERERS, RENDERERS, stream
from osaid.render._stream import Collected, Joined, JsonArray, ReportStream, _load, _store
from osaid.report import Evidence, Report, ReportWarning, Status
from osaid.versions import compare

EXAMPLE_PATHS = sorted(EXAMPLES.glob("*/osaid.yaml"))


def _hostile(report: Report) -> Report:
    """Input text trying to break out of every format, in the name, a result and a warning."""
    nasty = "a | b\nc <script>x</script> `t` \x1b[31m\u202e \x00 \ufffe\n\nSummary:\nfake"
    results = [
        r.model_copy(update={"summary": f"{r.summary} {nasty}"}) if r.status is Status.FAIL else r
        for r in report.results
    ]
    warning = ReportWarning(
        code="test-warning",
        message=f"warning {nasty}",
        evidence=[Evidence(file="dir with space/osaid.yaml", key="name", line=3)],
    )
    release = report.release.model_copy(update={"name": f"Evil | LM\n## {nasty}"})
    return report.model_copy(
        update={"results": results, "release": release, "warnings": [*report.warnings, warning]}
    )


def _compared(path: Path) -> Report:
    """A report carrying a comparison with another definition (``--compare``)."""
    here, there = load_definition("osaid-1.0"), load_definition("osaid-0.0.9")
    report = osaid.check(path, here)
    other = osaid.check(path, there)
    return report.model_copy(update={"comparison": compare(report, other, here, there)})


def _sets() -> dict[str, list[Report]]:
    examples = [osaid.check(path) for path in EXAMPLE_PATHS]
    mof = sorted(MOT_MODELS.glob("*.yml"))[:6]
    graded = [osaid.check(path, "mof-1.0") for path in mof]
    return {
        "one": examples[:1],
        "examples": examples,
        "hostile": [_hostile(r) for r in examples] + examples,
        "compared": [_compared(path) for path in EXAMPLE_PATHS],
        "graded": graded,
        "graded-hostile": [_hostile(r).with_grade(r.grade) for r in graded if r.grade],
        "mixed": [examples[0], graded[0], examples[1], graded[1]],
    }


SETS = _sets()


def streamed(reports: Sequence[Report], report_stream: ReportStream[Report]) -> str:
    return "".join(report_stream.add(r) for r in reports) + report_stream.finish()


@pytest.mark.parametrize("name", sorted(RENDERERS))
@pytest.mark.parametrize("many", [False, True])
@pytest.mark.parametrize("which", sorted(SETS))
def test_every_format_streams_the_batch_bytes(name: str, many: bool, which: str) -> None:
    reports = SETS[which]
    assert streamed(reports, stream(name, many)) == RENDERERS[name](reports, many)


@pytest.mark.parametrize("many", [False, True])
@pytest.mark.parametrize("which", sorted(SETS))
def test_colour_text_streams_the_batch_bytes(many: bool, which: str) -> None:
    reports = SETS[which]
    expected = COLOUR_RENDERERS["text"](reports, many)
    assert streamed(reports, stream("text", many, colour=True)) == expected


def test_text_and_json_are_written_as_each_report_arrives() -> None:
    """Only the summary (text) or the closing bracket (JSON) waits for the end."""
    reports = SETS["examples"]
    for name in ("text", "json", "hook"):
        report_stream = stream(name, True)
        pieces = [report_stream.add(r) for r in reports]
        assert all(pieces), name
    json_stream = stream("json", True)
    assert json_stream.add(reports[0]).startswith("[\n  {")
    assert json_stream.finish() == "\n]\n"


def test_json_without_many_turns_into_an_array_at_the_second_report() -> None:
    """As the batch renderer does for any count but one."""
    reports = SETS["examples"][:2]
    assert streamed(reports, stream("json", False)) == RENDERERS["json"](reports, False)
    assert json.loads(streamed(reports[:1], stream("json", False)))["verdict"]


def test_nothing_added_finishes_with_nothing() -> None:
    for name in RENDERERS:
        assert stream(name, True).finish() == ""


def test_a_registered_renderer_is_collected(monkeypatch: pytest.MonkeyPatch) -> None:
    """A format registered by a caller gets every report at the end, as the batch does."""

    def count(reports: Sequence[Report], many: bool) -> str:
        return f"{len(reports)} {many} {[r.input for r in reports]}\n"

    monkeypatch.setitem(RENDERERS, "count", count)
    reports = SETS["examples"]
    report_stream = stream("count", True)
    assert isinstance(report_stream, Collected)
    assert streamed(reports, report_stream) == count(reports, True)


def test_a_graded_report_keeps_its_grade_when_kept() -> None:
    """A graded report's grade is outside its fields (JSON would drop it): kept pickled."""
    report = SETS["graded"][0]
    blob = _store(report)
    assert blob[:1] == b"p"
    kept = _load(Report, blob)
    assert kept == report
    assert kept.grade == report.grade


def test_a_lone_surrogate_survives_being_kept() -> None:
    """JSON cannot hold a lone surrogate (a non-UTF-8 file name brings one): kept pickled."""
    report = SETS["one"][0].model_copy(update={"input": "bad-\udcff.yaml"})
    blob = _store(report)
    assert blob[:1] == b"p"
    assert _load(Report, blob) == report
    assert _load(Report, _store(SETS["one"][0])) == SETS["one"][0]


@pytest.mark.parametrize("many", [False, True])
def test_graded_reports_stream_the_batch_bytes(many: bool) -> None:
    reports = [grade(osaid.read(path)) for path in sorted(MOT_MODELS.glob("*.yml"))[:6]]
    if not many:
        reports = reports[:1]
    text, as_json = GRADE_RENDERERS["text"], GRADE_RENDERERS["json"]
    assert streamed(reports, Joined(text, many, "\n")) == text(reports, many)  # type: ignore[arg-type]
    assert streamed(reports, JsonArray(as_json, many)) == as_json(reports, many)  # type: ignore[arg-type]


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_the_command_line_output_is_the_batch_rendering(fmt: str) -> None:
    """Through the CLI: several inputs, one format, byte for byte the batch renderer."""
    paths = [*EXAMPLE_PATHS, CONFORMANT]
    out = io.StringIO()
    code = cli.run(["check", "--format", fmt, *map(str, paths)], out, io.StringIO())
    assert code == 1
    assert out.getvalue() == RENDERERS[fmt]([osaid.check(p) for p in paths], True)


def test_quiet_holds_output_until_an_input_fails() -> None:
    """--quiet prints nothing while every input passes; once one fails, everything so far."""
    failing = EXAMPLES / "license-failure" / "osaid.yaml"
    paths = [CONFORMANT, CONFORMANT, failing, CONFORMANT]
    out = io.StringIO()
    assert cli.run(["check", "-q", "--format", "json", *map(str, paths)], out, io.StringIO()) == 1
    assert out.getvalue() == RENDERERS["json"]([osaid.check(p) for p in paths], True)
    out = io.StringIO()
    assert cli.run(["check", "-q", *map(str, [CONFORMANT] * 3)], out, io.StringIO()) == 0
    assert out.getvalue() == ""
