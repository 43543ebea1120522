"""An input osaid cannot read, in every format: every problem, located, and --output written.

A CI job uploading ``--format sarif --output x.sarif`` must find its file when a manifest is
broken, and the person fixing the manifest must see every problem in one run.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from conftest import CONFORMANT, DATA, CliRunner, Writer
from osaid._errors import InputError, Problem
from osaid._limits import MAX_REPORTED_PROBLEMS
from osaid.render import RENDERERS
from osaid.render._failure import InputFailure

SARIF_SCHEMA = DATA / "schemas" / "sarif-schema-2.1.0.json"

BROKEN = """\
manifest: osaid/1
name: demo
scope: sytem
componets: []
components:
  - name: weights
    kind: model-parameters-final
    license: 12
    extra: 1
  - kind: training-code
    used: maybe
"""
"""Five problems: a wrong value, an unknown key, a wrong type, an unknown key, a wrong type."""

EXPECTED = [
    (3, "scope"),
    (4, "componets"),
    (8, "components[0].license"),
    (9, "components[0].extra"),
    (11, "components[1].used"),
]
"""(line, key path) of every problem, in the order of the file."""


@pytest.fixture
def broken(write: Writer) -> Path:
    return write("osaid.yaml", BROKEN)


def _sarif_errors(log: dict[str, Any]) -> list[str]:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    return sorted(str(e) for e in jsonschema.Draft4Validator(schema).iter_errors(log))


def test_stderr_lists_every_problem_with_its_line(run_cli: CliRunner, broken: Path) -> None:
    result = run_cli("check", broken)
    assert result.code == 2
    lines = result.err_lines
    assert len(lines) == len(EXPECTED)
    for line, (number, key) in zip(lines, EXPECTED, strict=True):
        assert line.startswith(f"osaid: {broken}:{number}: {key}: ")
    assert "more problem" not in result.err


def test_sarif_output_is_written_and_names_every_problem(
    run_cli: CliRunner, broken: Path, tmp_path: Path
) -> None:
    target = tmp_path / "x.sarif"
    result = run_cli("check", "--format", "sarif", "--output", target, broken, CONFORMANT)
    assert result.code == 2
    log = json.loads(target.read_text(encoding="utf-8"))
    assert not _sarif_errors(log)
    (run,) = log["runs"]
    errors = [r for r in run["results"] if r["ruleId"] == "osaid/input-error"]
    found = []
    for item in errors:
        assert item["level"] == "error"
        (location,) = item["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"]["uri"].endswith("osaid.yaml")
        found.append((physical["region"]["startLine"], item["message"]["text"].split(":")[0]))
    assert found == [(line, key.replace("[", "\\[").replace("]", "\\]")) for line, key in EXPECTED]
    rule_ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert errors[0]["ruleIndex"] == rule_ids.index("osaid/input-error")
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    notes = invocation["toolExecutionNotifications"]
    assert [n["locations"][0]["physicalLocation"]["region"]["startLine"] for n in notes] == [
        line for line, _ in EXPECTED
    ]
    # the input that could be read is still reported
    assert run["properties"]["verdicts"][0]["verdict"] == "conformant"


def test_sarif_of_only_unreadable_inputs_is_valid(
    run_cli: CliRunner, broken: Path, tmp_path: Path
) -> None:
    target = tmp_path / "x.sarif"
    assert run_cli("check", "--format", "sarif", "-o", target, broken).code == 2
    log = json.loads(target.read_text(encoding="utf-8"))
    assert not _sarif_errors(log)
    assert len(log["runs"][0]["results"]) == len(EXPECTED)


def test_json_has_an_error_object_in_the_inputs_place(
    run_cli: CliRunner, broken: Path, tmp_path: Path
) -> None:
    target = tmp_path / "x.json"
    result = run_cli("check", "--format", "json", "-o", target, CONFORMANT, broken, CONFORMANT)
    assert result.code == 2
    items = json.loads(target.read_text(encoding="utf-8"))
    assert [item["verdict"] for item in items] == ["conformant", "error", "conformant"]
    error = items[1]["error"]
    assert items[1]["input"] == str(broken)
    assert error["type"] == "input-error"
    assert error["problem_count"] == len(EXPECTED)
    assert error["problems_omitted"] == 0
    assert [(p["line"], p["key"]) for p in error["problems"]] == EXPECTED
    assert all(p["file"] == str(broken) and p["message"] for p in error["problems"])


def test_json_of_one_unreadable_input_is_one_object(run_cli: CliRunner, broken: Path) -> None:
    result = run_cli("check", "--format", "json", broken)
    assert result.code == 2
    item = json.loads(result.out)
    assert item["verdict"] == "error"
    assert len(item["error"]["problems"]) == len(EXPECTED)


def test_junit_has_an_error_case_naming_every_problem(
    run_cli: CliRunner, broken: Path, tmp_path: Path
) -> None:
    target = tmp_path / "x.xml"
    assert run_cli("check", "--format", "junit", "-o", target, broken, CONFORMANT).code == 2
    root = ET.fromstring(target.read_text(encoding="utf-8"))  # noqa: S314 - our own output
    assert root.get("errors") == "1"
    suite = root.find("testsuite")
    assert suite is not None
    assert suite.get("errors") == "1"
    error = suite.find("testcase/error")
    assert error is not None
    assert error.get("type") == "input-error"
    lines = (error.text or "").splitlines()
    assert [line.split(": ")[0:2] for line in lines] == [
        [f"{broken}:{line}", key] for line, key in EXPECTED
    ]
    assert len(root.findall("testsuite")) == 2


@pytest.mark.parametrize("fmt", ["text", "hook"])
def test_human_formats_leave_the_problems_to_stderr_and_write_no_file(
    run_cli: CliRunner, broken: Path, tmp_path: Path, fmt: str
) -> None:
    """Text and hook do not carry the errors, so their --output file is not written."""
    target = tmp_path / "x.txt"
    result = run_cli("check", "--format", fmt, "-o", target, broken, CONFORMANT)
    assert result.code == 2
    assert not target.exists()
    assert sum(line.startswith(f"osaid: {broken}:") for line in result.err_lines) == len(EXPECTED)


def test_hook_count_says_how_many_inputs_could_not_be_checked(
    run_cli: CliRunner, broken: Path
) -> None:
    result = run_cli("check", "--format", "hook", broken, CONFORMANT)
    assert result.out.splitlines()[-1] == (
        "osaid: 0 of 1 inputs checked not conformant, 1 could not be checked."
    )


def test_output_is_still_atomic_when_written_after_an_error(
    run_cli: CliRunner, broken: Path, tmp_path: Path
) -> None:
    """The old file stays until the new one is complete, and no temporary file is left."""
    target = tmp_path / "x.json"
    target.write_text("old", encoding="utf-8")
    assert run_cli("check", "--format", "json", "-o", target, broken).code == 2
    assert json.loads(target.read_text(encoding="utf-8"))["verdict"] == "error"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["osaid.yaml", "x.json"]


def test_problems_past_the_limit_are_counted() -> None:
    problems = [
        Problem("must be text", file="m.yaml", key=f"a[{i}]", line=i + 1)
        for i in range(MAX_REPORTED_PROBLEMS + 7)
    ]
    failure = InputFailure.of("m.yaml", InputError(problems))
    assert len(failure.problems) == MAX_REPORTED_PROBLEMS
    assert failure.omitted == 7
    rendered = json.loads(RENDERERS["json"]([failure], False))  # type: ignore[list-item]
    assert rendered["error"]["problems_omitted"] == 7
    assert len(rendered["error"]["problems"]) == MAX_REPORTED_PROBLEMS
    log = json.loads(RENDERERS["sarif"]([failure], False))  # type: ignore[list-item]
    notes = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert "7 more problems" in notes[-1]["message"]["text"]
    assert not _sarif_errors(log)


def test_stderr_says_how_many_were_not_listed(run_cli: CliRunner, write: Writer) -> None:
    items = "".join(f"  - kind: {i}\n" for i in range(MAX_REPORTED_PROBLEMS + 5))
    path = write("many.yaml", f"manifest: osaid/1\nname: x\ncomponents:\n{items}")
    result = run_cli("check", path)
    assert result.code == 2
    assert len(result.err_lines) == MAX_REPORTED_PROBLEMS + 1
    assert "more problems (osaid lists at most 100 per input)" in result.err_lines[-1]
