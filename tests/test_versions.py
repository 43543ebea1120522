"""Version commands: list definitions, explain requirements, diff versions, compare verdicts."""

from __future__ import annotations

import json

import pytest

import osaid
from conftest import CONFORMANT, EXAMPLES, CliRunner
from osaid.versions import diff, explain


def _changes(old: str, new: str) -> dict[str, list[str]]:
    result = diff(osaid.load_definition(old), osaid.load_definition(new))
    return {c.requirement: [c.kind, *c.details] for c in result.changes}


def test_diff_0_0_9_to_1_0_shows_the_reference_change_table() -> None:
    """The 0.0.9 → 1.0 diff shows the changes OSI made: conditions, items, code, copyleft."""
    result = diff(osaid.load_definition("osaid-0.0.9"), osaid.load_definition("osaid-1.0"))
    header = " | ".join(result.header)
    assert "data-information: Data information (OSD-compliant licence) → " in header
    assert "(OSI-approved terms)" in header
    assert "copyleft explicitly allowed: not stated → yes" in header
    changes = _changes("osaid-0.0.9", "osaid-1.0")
    for item in ("public-data-listing", "third-party-data-listing", "unshareable-data"):
        assert changes[f"data-information/{item}"][0] == "added"
    assert changes["code/training-settings"][0] == "added"
    assert changes["data-information/checklist-data-component"] == ["removed"]
    assert "obligation: must-if-used → must" in changes["data-information/provenance"]
    assert "wording changed" in changes["data-information/description"]


def test_diff_rc2_to_1_0_is_empty() -> None:
    """1.0 changes nothing substantive from RC2, as far as the sources show."""
    result = diff(osaid.load_definition("osaid-1.0-rc2"), osaid.load_definition("osaid-1.0"))
    assert result.changes == []
    assert result.header == []


def test_every_requirement_of_every_version_can_be_explained() -> None:
    """`explain` works for every requirement id of every definition and says how to pass."""
    for definition in osaid.available_definitions():
        for requirement in definition.requirements:
            item = explain(requirement.id)
            assert item.passes_when
            assert item.fails_when
            assert item.remediation
            assert item.clause.startswith(("OSAID ", "osaid profile"))


def test_explain_unknown_requirement_suggests(run_cli: CliRunner) -> None:
    """An unknown requirement id exits 2 with a did-you-mean."""
    result = run_cli("explain", "osaid-1.0/code/inferense")
    assert result.code == 2
    assert "did you mean 'osaid-1.0/code/inference'" in result.err


def test_cli_explain_and_diff_json(run_cli: CliRunner) -> None:
    """`explain` and `diff` print JSON objects with --format json."""
    explained = json.loads(run_cli("explain", "osaid-1.0/parameters/final", "--format", "json").out)
    assert explained["obligation"] == "must"
    assert "OSI-approved terms" in " ".join(explained["passes_when"])
    changed = json.loads(run_cli("diff", "osaid-0.0.8", "osaid==0.0.9", "--format", "json").out)
    assert changed["old"] == "osaid-0.0.8"
    assert changed["new"] == "osaid-0.0.9"
    assert any(c["requirement"] == "models-and-weights/derivation" for c in changed["changes"])


def test_cli_definitions_lists_versions_and_status(run_cli: CliRunner) -> None:
    """`osaid definitions` lists every version with its status, date and parent."""
    result = run_cli("definitions")
    assert result.code == 0
    lines = {line.split()[0]: line for line in result.out.splitlines()}
    assert "draft" in lines["osaid-1.0-rc1"]
    assert "final" in lines["osaid-1.0"]
    assert "2024-10-28" in lines["osaid-1.0"]
    assert "extends osaid-1.0-rc2" in lines["osaid-1.0"]
    rows = json.loads(run_cli("definitions", "--format", "json").out)
    assert {row["id"] for row in rows} >= {"osaid-0.0.8", "osaid-1.0"}


def test_compare_shows_where_and_why_verdicts_differ(run_cli: CliRunner) -> None:
    """`check --compare` shows each requirement whose result differs and the reason."""
    path = EXAMPLES / "missing-components" / "osaid.yaml"
    result = run_cli(
        "check", path, "--definition", "osaid-1.0", "--compare", "osaid-0.0.8", "--format", "json"
    )
    comparison = json.loads(result.out)["comparison"]
    assert comparison["other_definition"] == "osaid-0.0.8"
    differences = {d["requirement"]: d for d in comparison["differences"]}
    listing = differences["data-information/public-data-listing"]
    assert listing["here"] == "missing"
    assert listing["there"] == "absent"
    assert listing["why"][0] == "not in osaid-0.0.8"
    text = run_cli("check", path, "--compare", "osaid-0.0.8").out
    assert "Compared with osaid-0.0.8" in text


@pytest.mark.parametrize("spec", ["osaid", "osaid>=0.0.9", "osaid-1.0"])
def test_check_accepts_definition_specifiers(run_cli: CliRunner, spec: str) -> None:
    """`--definition` accepts a family or a PEP 440 specifier and picks the latest final."""
    result = run_cli("check", CONFORMANT, "--definition", spec, "--format", "json")
    assert json.loads(result.out)["definition"] == "osaid-1.0"


def test_conformant_example_under_each_draft() -> None:
    """The conformant 1.0 example is checked under every draft without errors."""
    for definition in osaid.available_definitions():
        report = osaid.check(CONFORMANT, definition)
        assert report.definition == definition.id
        assert all(r.requirement.startswith(definition.id + "/") for r in report.results)


def test_check_explain_prints_every_failing_requirement(run_cli: CliRunner) -> None:
    """`check --explain` appends an explanation, with its fix, for each failing requirement."""
    result = run_cli("check", EXAMPLES / "license-failure" / "osaid.yaml", "--explain")
    assert result.code == 1
    tail = result.out.split("Explanations of the failing requirements:")[1]
    assert "osaid-1.0/parameters/final: Model parameters" in tail
    assert "osaid-1.0/code/supporting-libraries" in tail
    assert "how to fix:" in tail
    clean = run_cli("check", CONFORMANT, "--explain")
    assert "Explanations" not in clean.out
