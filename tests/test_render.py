"""Output formats of `osaid check`: text colour, JSON schema, Markdown, SARIF, JUnit, --output."""

from __future__ import annotations

import io
import json
import os
import re
import stat
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import osaid
from conftest import CONFORMANT, DATA, EXAMPLES, MOT_MODELS, ROOT, CliRunner, Writer
from osaid import cli
from osaid._escape import safe as _safe
from osaid.render import COLOUR_RENDERERS, RENDERERS
from osaid.render import _sarif as sarif_module
from osaid.report import Evidence, Report, ReportWarning, Status

ALL_EXAMPLES = sorted(EXAMPLES.glob("*/osaid.yaml"))
LICENSE_FAILURE = EXAMPLES / "license-failure" / "osaid.yaml"
SARIF_SCHEMA = DATA / "schemas" / "sarif-schema-2.1.0.json"
MOF_MODEL = MOT_MODELS / "Amber.yml"
ESC = "\x1b"
SGR = re.compile(r"\x1b\[[0-9;]*m")
UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


@cache
def _report(path: Path) -> Report:
    """The osaid-1.0 report of one input (checked once per test session)."""
    return osaid.check(path, osaid.load_definition("osaid-1.0"))


def _reports(paths: Sequence[Path] = ALL_EXAMPLES) -> list[Report]:
    """Reports of several inputs, in order."""
    return [_report(p) for p in paths]


def _hostile() -> Report:
    """The licence-failure report with input text trying to break out of every format."""
    report = _report(LICENSE_FAILURE)
    nasty = "a | b\nc <script>x</script> @someone #1 \x1b[31mred\u202e `tick` \x00 \ufffe"
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


class _Tty(io.StringIO):
    """A text stream that claims to be a terminal."""

    def isatty(self) -> bool:
        return True


# ------------------------------------------------------------------------------------------
# the registry


@pytest.mark.parametrize("many", [False, True])
@pytest.mark.parametrize("name", sorted(RENDERERS))
def test_every_format_renders_every_example(name: str, many: bool) -> None:
    """Every registered format renders every example, alone and together, ending in a newline."""
    reports = _reports()
    outputs = [RENDERERS[name]([r], False) for r in reports] if not many else []
    outputs.append(RENDERERS[name](reports, many))
    for output in outputs:
        assert output.strip()
        assert output.endswith("\n")


def test_escaping_keeps_text_and_escapes_only_what_drives_a_terminal() -> None:
    """Controls, bidi controls, line separators and lone surrogates become \\uXXXX.

    Tab, newline, accents and emoji stay as they are.
    """
    raw = "Caf\u00e9\tok\n\x1b[31m\u202e\u2066\ud800\x7f\x9f\u200f\u061c\u2028\x1e end \U0001f600"
    assert _safe(raw) == (
        "Caf\u00e9\tok\n\\u001b[31m\\u202e\\u2066\\ud800\\u007f\\u009f\\u200f\\u061c\\u2028"
        "\\u001e end \U0001f600"
    )


@pytest.mark.parametrize("name", sorted(RENDERERS))
def test_every_format_renders_hostile_input(name: str) -> None:
    """Every registered format renders input full of control, bidi and markup characters."""
    output = RENDERERS[name]([_hostile()], False)
    assert "\x00" not in output
    assert ESC not in output
    assert "\u202e" not in output


@pytest.mark.parametrize("name", ["text", "hook"])
def test_a_newline_in_a_value_cannot_forge_a_report_line(
    name: str, run_cli: CliRunner, tmp_path: Path
) -> None:
    """Line-oriented formats escape newlines taken from the input as well.

    A component named ``x\\n  PASS ...`` must not print a line that reads like a passing
    result (or, in the hook format, like another finding).
    """
    forged = "x\n  PASS    Model parameters: forged"
    manifest = {
        "manifest": "osaid/1",
        "name": f"Evil\n{forged}",
        "components": [{"kind": "model-parameters-final", "name": forged, "license": "llama2"}],
    }
    path = tmp_path / "osaid.json"
    path.write_text(json.dumps(manifest), encoding="utf-8")
    output = run_cli("check", "--format", name, path).out
    assert not any(
        line.lstrip().startswith("PASS    Model parameters") for line in output.splitlines()
    )
    assert "\\u000a  PASS" in output


def test_format_choices_come_from_the_registry(
    run_cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A renderer added to RENDERERS is at once a `--format` choice of `osaid check`."""
    monkeypatch.setitem(RENDERERS, "plugin", lambda reports, many: f"{len(reports)} {many}\n")
    result = run_cli("check", CONFORMANT, "--format", "plugin")
    assert (result.code, result.out) == (0, "1 False\n")
    assert run_cli("check", CONFORMANT, "--format", "no-such-format").code == 2


@pytest.mark.parametrize("name", sorted(RENDERERS))
def test_cli_renders_every_registered_format(run_cli: CliRunner, name: str) -> None:
    """`osaid check --format NAME` prints exactly what the registered renderer returns."""
    result = run_cli("check", LICENSE_FAILURE, "--format", name)
    assert result.code == 1
    assert result.out == RENDERERS[name]([_report(LICENSE_FAILURE)], False)


UNCLASSIFIED = MOT_MODELS / "Aquila-7B.yml"


@pytest.mark.parametrize("name", sorted(RENDERERS))
def test_graded_definitions_render_in_every_format(run_cli: CliRunner, name: str) -> None:
    """Every format renders a graded report; the exit code still follows the class reached."""
    reached = run_cli("check", MOF_MODEL, "--definition", "mof-1.0", "--format", name)
    assert reached.code == 0, reached.err
    assert reached.out
    unclassified = run_cli("check", UNCLASSIFIED, "--definition", "mof", "--format", name)
    assert unclassified.code == 1, unclassified.err
    assert unclassified.err == ""


def test_a_graded_sarif_log_is_valid_and_locates_each_gap(run_cli: CliRunner) -> None:
    """`--definition mof-1.0 --format sarif` is valid SARIF: one error per component that keeps
    the release from Class III, each at the line of its licence or of the component list."""
    result = run_cli("check", UNCLASSIFIED, "--definition", "mof-1.0", "--format", "sarif")
    log = json.loads(result.out)
    _sarif_validator().validate(log)
    run = log["runs"][0]
    errors = [r for r in run["results"] if r["level"] == "error"]
    report = osaid.check(UNCLASSIFIED, "mof-1.0")
    assert [r["ruleId"] for r in errors] == [r.requirement for r in report.failing()]
    assert all(r["locations"][0]["physicalLocation"]["region"]["startLine"] > 1 for r in errors)
    assert run["properties"]["verdicts"][0]["grade"] == "Unclassified"
    assert run["properties"]["definition"] == "mof-1.0"


def test_graded_junit_failures_are_what_keeps_the_first_class_out(run_cli: CliRunner) -> None:
    """JUnit failures of a graded report are exactly the results that make the run exit 1."""
    result = run_cli("check", UNCLASSIFIED, "--definition", "mof-1.0", "--format", "junit")
    suite = ET.fromstring(result.out).find("testsuite")  # noqa: S314 - osaid's own output
    assert suite is not None
    report = osaid.check(UNCLASSIFIED, "mof-1.0")
    assert int(suite.get("failures", "-1")) == len(report.failing()) > 0
    grade = suite.find("properties/property[@name='grade']")
    assert grade is not None
    assert grade.get("value") == "Unclassified"


def test_graded_markdown_says_the_class_and_what_each_class_lacks(run_cli: CliRunner) -> None:
    """The Markdown verdict is the class reached; gaps of higher classes are not counted."""
    pythia = MOT_MODELS / "Pythia-12B.yml"
    text = run_cli("check", pythia, UNCLASSIFIED, "--definition", "mof", "--format", "markdown").out
    assert "1 of 2 inputs reach a class." in text
    assert "**Class I - Open Science Model** with Model Openness Framework 1.0" in text
    assert "**Unclassified** with Model Openness Framework 1.0" in text
    assert "#### What to fix" in text


def test_graded_hook_names_the_class(run_cli: CliRunner) -> None:
    """The hook line says which class a release reaches, or what keeps it from the first."""
    reached = run_cli("check", MOF_MODEL, "--definition", "mof-1.0", "--format", "hook")
    assert "Amber reaches Class I - Open Science Model with Model Openness Framework" in reached.out
    missed = run_cli("check", UNCLASSIFIED, "--definition", "mof-1.0", "--format", "hook")
    assert "reaches no class of Model Openness Framework 1.0 (mof-1.0) (Unclassified)" in missed.out
    assert "osaid check --definition mof-1.0" in missed.out


# ------------------------------------------------------------------------------------------
# text: colour


def test_text_is_coloured_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """On a terminal, PASS is green, FAIL and MISSING red, N/A dim and warnings yellow.

    ``--verbose`` lists every requirement, so every status word appears.
    """
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    out = _Tty()
    assert cli.run(["check", "--verbose", str(LICENSE_FAILURE)], out, io.StringIO()) == 1
    text = out.getvalue()
    assert "\x1b[32mPASS" in text
    assert "\x1b[31mFAIL" in text
    assert "\x1b[31mMISSING" in text
    assert "\x1b[2mN/A" in text
    assert "\x1b[33mWarnings:" in text
    assert "\x1b[1;31mNOT CONFORMANT\x1b[0m" in text


def test_colour_changes_nothing_but_colour() -> None:
    """With the colour codes removed, coloured text is exactly the plain text."""
    reports = [*_reports(), _hostile()]
    coloured = COLOUR_RENDERERS["text"](reports, True)
    assert SGR.sub("", coloured) == RENDERERS["text"](reports, True)


def test_colour_keeps_input_escaped() -> None:
    """Escape characters from the input are shown as \\u001b, never sent to the terminal."""
    coloured = COLOUR_RENDERERS["text"]([_hostile()], False)
    assert "\\u001b[31mred" in coloured
    assert "\\u202e" in coloured
    assert ESC not in SGR.sub("", coloured)


@pytest.mark.parametrize("value", ["1", "true", "0"])
def test_no_color_disables_colour(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    """Any non-empty NO_COLOR turns colour off, even on a terminal."""
    monkeypatch.setenv("NO_COLOR", value)
    monkeypatch.setenv("TERM", "xterm")
    out = _Tty()
    cli.run(["check", str(LICENSE_FAILURE)], out, io.StringIO())
    assert ESC not in out.getvalue()
    assert "FAIL" in out.getvalue()


def test_empty_no_color_keeps_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    """An empty NO_COLOR does not disable colour (https://no-color.org)."""
    monkeypatch.setenv("NO_COLOR", "")
    monkeypatch.setenv("TERM", "xterm")
    out = _Tty()
    cli.run(["check", str(CONFORMANT)], out, io.StringIO())
    assert ESC in out.getvalue()


def test_no_colour_when_not_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Output to a pipe or file (not a terminal) is never coloured."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    out = io.StringIO()
    cli.run(["check", str(LICENSE_FAILURE)], out, io.StringIO())
    assert ESC not in out.getvalue()


def test_no_colour_in_output_file_from_a_terminal(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """With --output, the file is never coloured even when stdout is a terminal."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    target = tmp_path / "report.txt"
    out = _Tty()
    assert cli.run(["check", str(LICENSE_FAILURE), "-o", str(target)], out, io.StringIO()) == 1
    assert out.getvalue() == ""
    assert ESC not in target.read_text(encoding="utf-8")


def test_real_pipe_is_not_coloured(run_process: CliRunner) -> None:
    """A real process writing to a pipe prints no colour codes."""
    result = run_process("check", LICENSE_FAILURE)
    assert result.code == 1
    assert ESC not in result.out
    assert "FAIL" in result.out


# ------------------------------------------------------------------------------------------
# json


@pytest.mark.parametrize("path", ALL_EXAMPLES, ids=lambda p: p.parent.name)
def test_json_of_every_example_validates_against_the_report_schema(
    run_cli: CliRunner, path: Path
) -> None:
    """The JSON report of every example validates against `osaid schema report`."""
    schema = json.loads(run_cli("schema", "report").out)
    assert {k: v for k, v in schema.items() if k not in {"$schema", "$id"}} == (
        Report.model_json_schema(by_alias=True)
    )
    payload = json.loads(run_cli("check", path, "--format", "json").out)
    validator = jsonschema.validators.validator_for(schema)(schema)
    validator.validate(payload)


def test_json_with_several_inputs_validates_item_by_item(run_cli: CliRunner) -> None:
    """Each report of the array printed for several inputs validates against the schema."""
    schema = Report.model_json_schema(by_alias=True)
    validator = jsonschema.validators.validator_for(schema)(schema)
    payload = json.loads(run_cli("check", "--format", "json", *ALL_EXAMPLES).out)
    assert len(payload) == len(ALL_EXAMPLES)
    for item in payload:
        validator.validate(item)


@pytest.mark.parametrize("many", [False, True])
def test_json_layout_is_the_standard_libraries(many: bool) -> None:
    """The fast JSON path prints exactly what ``json.dumps(..., indent=2)`` would.

    Scripts may diff reports between osaid versions: the switch to pydantic's serialiser must
    not change a byte, including escaped non-ASCII and control characters.
    """
    reports = [*_reports(), _hostile()] if many else [_hostile()]
    payload = [r.model_dump(mode="json", by_alias=True) for r in reports]
    expected = json.dumps(payload if many else payload[0], indent=2) + "\n"
    output = RENDERERS["json"](reports, many)
    assert output == expected
    assert output.isascii()


def test_json_of_no_report_for_several_inputs_is_an_empty_array() -> None:
    """Several inputs that all failed to read still give a JSON array, never invalid text."""
    assert json.loads(RENDERERS["json"]([], True)) == []


# ------------------------------------------------------------------------------------------
# markdown


def _table(markdown: str) -> list[str]:
    """The rows of the first requirement table (header and separator excluded)."""
    lines = markdown.splitlines()
    start = lines.index("| Status | Requirement | Element | Summary |")
    assert lines[start + 1] == "|---|---|---|---|"
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append(line)
    return rows


@pytest.mark.parametrize("path", ALL_EXAMPLES, ids=lambda p: p.parent.name)
def test_markdown_table_has_one_row_per_requirement(path: Path) -> None:
    """The table has the fixed header, then one four-cell row per requirement, in order."""
    report = _report(path)
    rows = _table(RENDERERS["markdown"]([report], False))
    assert len(rows) == len(report.results)
    for row, result in zip(rows, report.results, strict=True):
        assert len(UNESCAPED_PIPE.findall(row)) == 5, row
        assert f"`{result.requirement}`" in row
        status = row.split("|")[1].strip()
        assert status == {"pass": "PASS", "fail": "FAIL", "missing": "MISSING"}.get(
            result.status.value, "N/A"
        )


def test_markdown_heading_verdict_fixes_warnings_and_disclaimer() -> None:
    """Heading with the release, the bold verdict, each fix with file:line, warnings, disclaimer."""
    report = _report(LICENSE_FAILURE)
    text = RENDERERS["markdown"]([report], False)
    assert text.startswith(f"## {report.release.name} {report.release.version}\n")
    assert "**Not conformant** with Open Source AI Definition 1.0 (osaid-1.0)" in text
    fixes = text.split("### What to fix")[1].split("###")[0]
    items = [line for line in fixes.splitlines() if line.startswith("- ")]
    assert len(items) == len(report.failing())
    for item, result in zip(items, report.failing(), strict=True):
        ref = result.evidence[0]
        assert f"`{ref.file}:{ref.line}`" in item
        assert result.title in item
    assert "### Warnings" in text
    assert "not an OSI approval or certification" in text
    conformant = RENDERERS["markdown"]([_report(CONFORMANT)], False)
    assert "**Conformant** with Open Source AI Definition 1.0 (osaid-1.0)" in conformant
    assert "What to fix" not in conformant


def test_markdown_escapes_cells_and_input_text() -> None:
    """Pipes, newlines, HTML, mentions and backticks from the input cannot break the Markdown."""
    report = _hostile()
    text = RENDERERS["markdown"]([report], False)
    rows = _table(text)
    assert len(rows) == len(report.results)
    for row in rows:
        assert len(UNESCAPED_PIPE.findall(row)) == 5, row
    failing = [row for row in rows if "FAIL" in row]
    assert failing
    assert all("a \\| b\\\\u000ac" in row for row in failing)
    assert "<br>c" not in text
    assert "<script>" not in text
    assert "\\<script\\>" in text
    assert "@&#8203;someone" in text
    assert "\\#&#8203;1" in text
    assert "\\`tick\\`" in text
    assert "\\u202e" in text
    heading = text.splitlines()[0]
    assert heading.startswith("## Evil \\| LM\\\\u000a\\#\\# ")
    assert "`dir with space/osaid.yaml:3`" in text


def test_markdown_for_several_inputs_has_a_summary_and_a_section_each() -> None:
    """Several inputs: a summary table with a row per input, then a section per input."""
    reports = _reports()
    text = RENDERERS["markdown"](reports, True)
    lines = text.splitlines()
    start = lines.index("| Input | Release | Verdict | Failing requirements (elements) |")
    rows = lines[start + 2 : start + 2 + len(reports)]
    for row, report in zip(rows, reports, strict=True):
        assert len(UNESCAPED_PIPE.findall(row)) == 5, row
        assert f"`{report.input}`" in row
        assert ("**not conformant**" in row) != report.conformant
        assert row.endswith(" none |") == report.conformant
    headings = [line[4:] for line in lines if line.startswith("### ")]
    assert headings == [f"{r.release.name} {r.release.version}" for r in reports]
    assert len(re.findall(r"^\*\*(Not conformant|Conformant)\*\*", text, re.M)) == len(reports)
    assert text.count("not an OSI approval or certification") == 1


# ------------------------------------------------------------------------------------------
# sarif


@cache
def _sarif_validator() -> jsonschema.Draft4Validator:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema)


def _sarif(reports: Sequence[Report], many: bool = False) -> dict[str, Any]:
    """Render SARIF, validate it against the 2.1.0 schema and return it parsed."""
    log: dict[str, Any] = json.loads(RENDERERS["sarif"](reports, many))
    errors = sorted(_sarif_validator().iter_errors(log), key=str)
    assert not errors, errors[0]
    return log


def _assert_github_ready(log: dict[str, Any]) -> None:
    """The fields GitHub code scanning needs, on every rule and result."""
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-schema-2.1.0.json")
    for run in log["runs"]:
        driver = run["tool"]["driver"]
        assert driver["name"] == "osaid"
        assert driver["version"] == osaid.__version__
        assert driver["informationUri"] == "https://pypi.org/project/osaid/"
        rules = driver["rules"]
        ids = [rule["id"] for rule in rules]
        assert len(ids) == len(set(ids))
        for rule in rules:
            assert rule["shortDescription"]["text"]
            assert rule["fullDescription"]["text"]
            assert rule["help"]["text"]
            assert rule["help"]["markdown"]
            assert rule["defaultConfiguration"]["level"] in {"error", "warning", "note"}
        for result in run["results"]:
            assert result["ruleId"] in ids
            assert ids[result["ruleIndex"]] == result["ruleId"]
            assert result["level"] in {"error", "warning", "note"}
            assert result["message"]["text"]
            location = result["locations"][0]["physicalLocation"]
            assert location["region"]["startLine"] >= 1
            uri = location["artifactLocation"]["uri"]
            assert "\\" not in uri
            assert location["artifactLocation"].get("uriBaseId", "%SRCROOT%") == "%SRCROOT%"
            assert all(result["partialFingerprints"].values())


@pytest.mark.parametrize("path", ALL_EXAMPLES, ids=lambda p: p.parent.name)
def test_sarif_of_every_example_is_valid_and_complete(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each example's SARIF validates and has one error per blocking gap and a rule each."""
    monkeypatch.chdir(ROOT)
    report = _report(path)
    log = _sarif([report])
    _assert_github_ready(log)
    (run,) = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    requirements = [r for r in rules if not r["id"].startswith("osaid/warning/")]
    assert [r["id"] for r in requirements] == [r.requirement for r in report.results]
    errors = [r["ruleId"] for r in run["results"] if r["level"] == "error"]
    assert errors == [r.requirement for r in report.failing()]
    warnings = [r for r in run["results"] if r["ruleId"].startswith("osaid/warning/")]
    assert len(warnings) == len(report.warnings)
    # an `info` note is a SARIF note (never a standing warning alert), a warning a warning
    assert [w["level"] for w in warnings] == [
        "note" if w.level == "info" else "warning" for w in report.warnings
    ]


def test_sarif_rules_describe_the_definition() -> None:
    """Rules carry title, statement, remediation with clause and URL, level and element tag."""
    definition = osaid.load_definition("osaid-1.0")
    log = _sarif([_report(LICENSE_FAILURE)])
    rules = {rule["id"]: rule for rule in log["runs"][0]["tool"]["driver"]["rules"]}
    for requirement in definition.requirements:
        rule = rules[requirement.id]
        assert rule["shortDescription"]["text"] == requirement.title
        assert rule["fullDescription"]["text"] == requirement.statement
        assert requirement.remediation in rule["help"]["text"]
        assert requirement.clause in rule["help"]["text"]
        assert requirement.url in rule["help"]["markdown"]
        assert rule["helpUri"] == requirement.url
        expected = "note" if requirement.obligation.value == "recommended" else "error"
        assert rule["defaultConfiguration"]["level"] == expected
        assert requirement.element in rule["properties"]["tags"]


def test_sarif_locations_point_at_the_evidence(monkeypatch: pytest.MonkeyPatch) -> None:
    """Results point at the evidence file and line, relative to the working directory."""
    monkeypatch.chdir(ROOT)
    report = _report(LICENSE_FAILURE)
    log = _sarif([report])
    results = {r["ruleId"]: r for r in log["runs"][0]["results"]}
    for result in report.failing():
        ref = result.evidence[0]
        location = results[result.requirement]["locations"][0]["physicalLocation"]
        assert location["artifactLocation"] == {
            "uri": Path(ref.file).resolve().relative_to(ROOT).as_posix(),
            "uriBaseId": "%SRCROOT%",
        }
        assert location["region"]["startLine"] == ref.line
        message = results[result.requirement]["message"]["text"]
        assert sarif_module.plain(result.summary) in message
        assert result.remediation
        assert sarif_module.plain(result.remediation) in message


def test_sarif_paths_outside_the_working_directory_are_file_uris(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Evidence outside the working directory becomes an absolute file: URI, no uriBaseId."""
    monkeypatch.chdir(tmp_path)
    report = osaid.check(LICENSE_FAILURE.resolve(), osaid.load_definition("osaid-1.0"))
    log = _sarif([report])
    for result in log["runs"][0]["results"]:
        artifact = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert artifact["uri"].startswith("file://")
        assert "uriBaseId" not in artifact


def test_sarif_uri_is_percent_encoded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Spaces and other characters a URI cannot hold are percent-encoded in relative paths."""
    monkeypatch.chdir(ROOT)
    log = _sarif([_hostile()])
    uris = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
    ]
    assert "dir%20with%20space/osaid.yaml" in uris


def test_sarif_results_always_have_a_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """A finding without evidence is anchored at line 1 of the input."""
    monkeypatch.chdir(ROOT)
    report = _report(LICENSE_FAILURE)
    stripped = [r.model_copy(update={"evidence": []}) for r in report.results]
    log = _sarif([report.model_copy(update={"results": stripped, "warnings": []})])
    for result in log["runs"][0]["results"]:
        location = result["locations"][0]["physicalLocation"]
        assert location["region"] == {"startLine": 1}
        assert location["artifactLocation"]["uri"] == "examples/license-failure/osaid.yaml"


def test_sarif_directory_input_is_anchored_in_files(monkeypatch: pytest.MonkeyPatch) -> None:
    """For a directory input, findings without evidence point at a file read from it."""
    monkeypatch.chdir(ROOT)
    report = osaid.check("tests/data/repo", osaid.load_definition("osaid-1.0"))
    assert any(not w.evidence for w in report.warnings)
    log = _sarif([report])
    uris = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
    ]
    assert uris
    assert all((ROOT / uri).is_file() for uri in uris), uris


def _fingerprints(log: dict[str, Any]) -> list[tuple[str, str]]:
    return [
        (r["ruleId"], r["partialFingerprints"][sarif_module.FINGERPRINT])
        for r in log["runs"][0]["results"]
    ]


def test_sarif_fingerprints_are_stable_across_runs(run_cli: CliRunner) -> None:
    """Two runs over the same inputs give the same fingerprints, all distinct within a run."""
    first = json.loads(run_cli("check", "--format", "sarif", *ALL_EXAMPLES).out)
    second = json.loads(run_cli("check", "--format", "sarif", *ALL_EXAMPLES).out)
    assert _fingerprints(first) == _fingerprints(second)
    prints = [p for _, p in _fingerprints(first)]
    assert len(prints) == len(set(prints))


def test_sarif_fingerprints_ignore_line_moves(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Moving the evidence down by some lines changes startLine but not the fingerprints."""
    monkeypatch.chdir(tmp_path)
    text = LICENSE_FAILURE.read_text(encoding="utf-8")
    path = tmp_path / "osaid.yaml"
    definition = osaid.load_definition("osaid-1.0")
    path.write_text(text, encoding="utf-8")
    before = _sarif([osaid.check(path.name, definition)])
    path.write_text("# a comment\n# another\n" + text, encoding="utf-8")
    after = _sarif([osaid.check(path.name, definition)])
    assert _fingerprints(before) == _fingerprints(after)
    lines_before = [
        r["locations"][0]["physicalLocation"]["region"]["startLine"]
        for r in before["runs"][0]["results"]
    ]
    lines_after = [
        r["locations"][0]["physicalLocation"]["region"]["startLine"]
        for r in after["runs"][0]["results"]
    ]
    assert lines_after == [line + 2 for line in lines_before]


def test_sarif_several_inputs_share_one_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """Several inputs checked against one definition give one run holding every finding."""
    monkeypatch.chdir(ROOT)
    reports = _reports()
    log = _sarif(reports, True)
    _assert_github_ready(log)
    (run,) = log["runs"]
    assert "automationDetails" not in run
    expected = sum(
        len([r for r in rep.results if r.status in (Status.FAIL, Status.MISSING)])
        + len(rep.warnings)
        for rep in reports
    )
    assert len(run["results"]) == expected
    assert {r["properties"]["input"] for r in run["results"]} >= {
        rep.input for rep in reports if not rep.conformant
    }


def test_sarif_one_run_per_definition(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reports under different definitions get a run each, told apart by automationDetails."""
    monkeypatch.chdir(ROOT)
    older = osaid.check(LICENSE_FAILURE, osaid.load_definition("osaid-0.0.9"))
    log = _sarif([_report(LICENSE_FAILURE), older], True)
    _assert_github_ready(log)
    ids = [run["automationDetails"]["id"] for run in log["runs"]]
    assert ids == ["osaid/osaid-1.0/", "osaid/osaid-0.0.9/"]


def test_sarif_cli_output_file_validates(run_process: CliRunner, tmp_path: Path) -> None:
    """A real `osaid check --format sarif --output FILE` writes a schema-valid SARIF log."""
    target = tmp_path / "osaid.sarif"
    result = run_process("check", "--format", "sarif", "--output", target, *ALL_EXAMPLES)
    assert (result.code, result.out, result.err) == (1, "", "")
    log = json.loads(target.read_text(encoding="utf-8"))
    assert not list(_sarif_validator().iter_errors(log))
    _assert_github_ready(log)


# ------------------------------------------------------------------------------------------
# junit


def _junit(reports: Sequence[Report], many: bool = False) -> ET.Element:
    return ET.fromstring(RENDERERS["junit"](reports, many))  # noqa: S314 - our own output


def test_junit_parses_and_counts_add_up() -> None:
    """One suite per input, one case per requirement; every count matches the elements."""
    reports = _reports()
    root = _junit(reports, True)
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert len(suites) == len(reports)
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    for suite, report in zip(suites, reports, strict=True):
        cases = suite.findall("testcase")
        counts = {
            "tests": len(cases),
            "failures": len(suite.findall("testcase/failure")),
            "skipped": len(suite.findall("testcase/skipped")),
        }
        for key, count in counts.items():
            assert suite.get(key) == str(count)
            totals[key] += count
        assert suite.get("errors") == "0"
        assert counts["tests"] == len(report.results)
        assert counts["failures"] == len(report.failing())
        assert report.input in (suite.get("name") or "")
        assert (report.release.name or "") in (suite.get("name") or "")
        for case, result in zip(cases, report.results, strict=True):
            assert case.get("classname") == result.element
            assert case.get("name") == result.requirement
            assert len(case) <= 1
    for key, count in totals.items():
        assert root.get(key) == str(count)


def test_junit_maps_statuses() -> None:
    """Blocking gaps are failures with summary, location and fix; N/A and recommended skip."""
    report = _report(LICENSE_FAILURE)
    cases = _junit([report]).findall("testsuite/testcase")
    for case, result in zip(cases, report.results, strict=True):
        failure, skipped = case.find("failure"), case.find("skipped")
        gap = result.status in (Status.FAIL, Status.MISSING)
        if gap and result.affects_verdict:
            assert failure is not None
            assert skipped is None
            assert failure.get("type") == result.status.value
            assert failure.get("message") == result.summary
            body = failure.text or ""
            ref = result.evidence[0]
            assert f"{ref.file}:{ref.line}" in body
            assert result.remediation
            assert result.remediation in body
        elif gap or result.status is Status.NOT_APPLICABLE:
            assert failure is None
            assert skipped is not None
            assert result.summary in (skipped.get("message") or "")
        else:
            assert len(case) == 0
    recommended = [r for r in report.results if not r.affects_verdict and r.status.value != "pass"]
    assert any(r.status is Status.MISSING for r in recommended)


def test_junit_escapes_input() -> None:
    """Markup, control characters and U+FFFE from the input still give well-formed XML."""
    root = _junit([_hostile()])
    failures = root.findall("testsuite/testcase/failure")
    assert failures
    assert all("<script>x</script>" in (f.get("message") or "") for f in failures)
    assert all("\\u0000" in (f.text or "") for f in failures)
    assert "Evil | LM" in (root.find("testsuite").get("name") or "")  # type: ignore[union-attr]


# ------------------------------------------------------------------------------------------
# --output and --quiet


def test_output_writes_the_file_and_nothing_to_stdout(run_cli: CliRunner, tmp_path: Path) -> None:
    """--output FILE holds what stdout would have, stdout stays empty, the exit code is kept."""
    target = tmp_path / "report.md"
    result = run_cli("check", LICENSE_FAILURE, "--format", "markdown", "--output", target)
    assert (result.code, result.out, result.err) == (1, "", "")
    assert target.read_text(encoding="utf-8") == RENDERERS["markdown"](
        [_report(LICENSE_FAILURE)], False
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.md"]


def test_output_replaces_a_previous_file(run_cli: CliRunner, tmp_path: Path) -> None:
    """A successful run replaces the previous file whole and leaves no temporary file."""
    target = tmp_path / "report.json"
    target.write_text("old\n", encoding="utf-8")
    result = run_cli("check", CONFORMANT, "--format", "json", "-o", target)
    assert result.code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["verdict"] == "conformant"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


def test_output_keeps_the_previous_file_when_an_input_fails(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    """When an input cannot be checked (exit 2), the previous file is left as it was."""
    target = tmp_path / "report.json"
    target.write_text("old\n", encoding="utf-8")
    result = run_cli("check", CONFORMANT, tmp_path / "missing.yaml", "-o", target)
    assert result.code == 2
    assert result.out == ""
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]
    assert any("not written" in line for line in result.err_lines)


def test_output_keeps_the_previous_file_when_writing_fails(
    run_cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the final rename fails, the old file stays, the temporary file is gone, exit 2."""
    target = tmp_path / "report.txt"
    target.write_text("old\n", encoding="utf-8")

    def fail(*_args: object) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "replace", fail)
    result = run_cli("check", CONFORMANT, "--output", target)
    assert result.code == 2
    assert result.out == ""
    assert result.err_lines == [f"osaid: cannot write {target}: No space left on device"]
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.txt"]


def test_output_removes_the_temporary_file_on_interrupt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An interrupt while writing removes the temporary file and leaves the target alone."""
    target = tmp_path / "report.txt"

    def interrupt(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        cli.run(["check", str(CONFORMANT), "-o", str(target)], io.StringIO(), io.StringIO())
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("kind", ["existing", "trailing-slash", "missing-parent"])
def test_output_into_a_directory_is_refused(run_cli: CliRunner, tmp_path: Path, kind: str) -> None:
    """A directory, a path ending in '/' or a missing parent: exit 2, one line, nothing written."""
    target = {
        "existing": str(tmp_path),
        "trailing-slash": f"{tmp_path}/new/",
        "missing-parent": str(tmp_path / "no" / "such" / "report.txt"),
    }[kind]
    before = sorted(tmp_path.rglob("*"))
    result = run_cli("check", CONFORMANT, "--output", target)
    assert result.code == 2
    assert result.out == ""
    assert len(result.err_lines) == 1
    assert result.err_lines[0].startswith("osaid: --output ")
    assert sorted(tmp_path.rglob("*")) == before


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_output_keeps_permissions(run_cli: CliRunner, tmp_path: Path) -> None:
    """Replacing a file keeps its permission bits; a new file is not left private (0600)."""
    existing = tmp_path / "kept.txt"
    existing.write_text("old\n", encoding="utf-8")
    existing.chmod(0o640)
    run_cli("check", CONFORMANT, "-o", existing)
    assert stat.S_IMODE(existing.stat().st_mode) == 0o640
    mask = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.txt"
        run_cli("check", CONFORMANT, "-o", fresh)
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
    finally:
        os.umask(mask)


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_output_never_writes_through_a_symlink(run_cli: CliRunner, tmp_path: Path) -> None:
    """--output naming a symbolic link is refused: the link and the file it points at stay."""
    (tmp_path / "real").mkdir()
    real = tmp_path / "real" / "report.txt"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    result = run_cli("check", CONFORMANT, "-o", link)
    assert result.code == 2
    assert "symbolic link" in result.err
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in (tmp_path / "real").iterdir()) == ["report.txt"]


def test_output_with_a_graded_definition(run_cli: CliRunner, tmp_path: Path) -> None:
    """Graded definitions write their own JSON to --output too."""
    target = tmp_path / "grade.json"
    result = run_cli(
        "check", MOF_MODEL, "--definition", "mof-1.0", "--format", "json", "-o", target
    )
    assert result.out == ""
    assert result.code in (0, 1)
    assert "grade" in json.loads(target.read_text(encoding="utf-8"))


def test_quiet_prints_nothing_on_success(run_cli: CliRunner) -> None:
    """--quiet on a conformant input: exit 0 and no output at all."""
    result = run_cli("check", "--quiet", CONFORMANT)
    assert (result.code, result.out, result.err) == (0, "", "")


def test_quiet_still_prints_failures(run_cli: CliRunner) -> None:
    """--quiet on a failing input still prints the report and exits 1."""
    result = run_cli("check", "-q", LICENSE_FAILURE)
    assert result.code == 1
    assert result.out == RENDERERS["text"]([_report(LICENSE_FAILURE)], False)


def test_quiet_strict_warnings_still_print(run_cli: CliRunner, write: Writer) -> None:
    """--quiet with --strict: a warning (level `warning`) makes the run fail, so the report
    is printed; the conformant example's `info` note alone prints nothing."""
    assert run_cli("check", "-q", "--strict", CONFORMANT).out == ""
    text = CONFORMANT.read_text(encoding="utf-8").replace(
        "license: Apache-2.0", "license: Apache-2.0 or MIT", 1
    )
    path = write("lower-case.yaml", text)
    result = run_cli("check", "-q", "--strict", path)
    assert {w.level for w in _report(path).warnings} == {"info", "warning"}
    assert result.code == 1
    assert "CONFORMANT" in result.out


def test_quiet_with_output_prints_nothing(run_cli: CliRunner, tmp_path: Path) -> None:
    """--quiet --output on a failing input: the file is written, stdout stays empty."""
    target = tmp_path / "junit.xml"
    result = run_cli("check", "-q", "-o", target, "--format", "junit", LICENSE_FAILURE)
    assert (result.code, result.out) == (1, "")
    assert ET.parse(target).getroot().get("failures") == str(  # noqa: S314 - our own output
        len(_report(LICENSE_FAILURE).failing())
    )


def test_quiet_errors_still_reach_stderr(run_cli: CliRunner, write: Writer) -> None:
    """--quiet never hides why an input could not be read."""
    path = write("broken.yaml", "manifest: osaid/1\nname: [\n")
    result = run_cli("check", "-q", path)
    assert result.code == 2
    assert len(result.err_lines) == 1
