"""The report contract: ``to_json`` is ``--format json``, and the shipped schemas are current.

The schemas in ``schemas/`` (shipped in the wheel as ``osaid/_data/schemas``) are what editors,
SchemaStore and registries validate against: they must equal what the models generate, be
valid 2020-12 schemas with the ``$id`` their file is named for, and accept every report osaid
writes and every manifest osaid reads.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

import osaid
from conftest import ROOT, CliRunner
from osaid import _schemas

EXAMPLES = sorted((ROOT / "examples").glob("*/osaid.yaml"))
DATA = ROOT / "tests" / "data"
INPUTS = sorted(
    [
        *EXAMPLES,
        *(DATA / "cards").glob("*.md"),
        *(DATA / "cyclonedx").glob("*.json"),
        *(DATA / "spdx").glob("*"),
        *(ROOT / "tests" / "adjudicated").glob("*.yaml"),
        *(ROOT / "tests" / "cases").glob("osaid-*/**/*.yaml"),
    ]
)
"""Every input of the tests' corpora a binary definition checks."""
SAMPLE = INPUTS[::2] + sorted((DATA / "mot" / "models").glob("*.yml"))[::8]
"""Validating a report takes about 50 ms: every other input, and an eighth of the MOT corpus
(whose reports differ little in shape)."""


@cache
def validator(which: str) -> jsonschema.protocols.Validator:
    schema = _schemas.shipped(which)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _errors(which: str, instance: Any) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator(which).iter_errors(instance)]


@pytest.mark.parametrize("which", sorted(_schemas.SCHEMAS))
def test_shipped_schema_is_what_the_models_generate(which: str) -> None:
    """Regenerate with ``osaid schema --write schemas`` after changing a model."""
    assert _schemas.shipped(which) == _schemas.generated(which)
    text = _schemas.shipped_path(which).read_text(encoding="utf-8")
    assert text == _schemas.text(_schemas.generated(which))


@pytest.mark.parametrize("which", sorted(_schemas.SCHEMAS))
def test_id_is_the_versioned_file_name(which: str) -> None:
    schema = _schemas.shipped(which)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == _schemas.shipped_path(which).name == _schemas.SCHEMAS[which]
    assert schema["$id"].endswith("-1.schema.json")  # manifest osaid/1, report_format 1
    home = "https://raw.githubusercontent.com/example/osaid"
    url = _schemas.schema_url(which, "1.2.3", home)
    assert url == f"{home}/v1.2.3/schemas/{schema['$id']}"
    assert _schemas.schema_url(which, "1.3.0.dev0", home) == f"{home}/main/schemas/{schema['$id']}"


def test_no_schema_address_while_osaid_has_no_repository_address() -> None:
    """pyproject.toml names no repository yet, so no address is invented for a schema."""
    assert _schemas.repository_raw() is None
    assert _schemas.schema_url("manifest") is None


def test_init_writes_the_modeline_once_osaid_has_an_address(
    run_cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``osaid init``'s first line points yaml-language-server at the manifest schema."""
    home = "https://raw.githubusercontent.com/example/osaid"
    monkeypatch.setattr(_schemas, "repository_raw", lambda: home)
    assert run_cli("init", tmp_path).code == 0
    text = (tmp_path / "osaid.yaml").read_text(encoding="utf-8")
    first = text.splitlines()[0]
    assert first == f"# yaml-language-server: $schema={_schemas.schema_url('manifest')}"
    assert first.startswith(f"# yaml-language-server: $schema={home}/")
    assert first.endswith("/" + _schemas.shipped("manifest")["$id"])
    assert _errors("manifest", yaml.safe_load(text)) == []


def test_init_writes_no_modeline_without_an_address(run_cli: CliRunner, tmp_path: Path) -> None:
    assert run_cli("init", tmp_path).code == 0
    text = (tmp_path / "osaid.yaml").read_text(encoding="utf-8")
    assert "yaml-language-server" not in text
    assert _errors("manifest", yaml.safe_load(text)) == []


def test_report_format_is_a_constant_of_the_schema() -> None:
    assert osaid.REPORT_FORMAT == "1"
    prop = _schemas.shipped("report")["properties"]["report_format"]
    assert osaid.REPORT_FORMAT in prop["enum"]


def test_schema_write_writes_the_shipped_files(run_cli: CliRunner, tmp_path: Path) -> None:
    result = run_cli("schema", "--write", tmp_path)
    assert result.code == 0
    for which, name in _schemas.SCHEMAS.items():
        written = (tmp_path / name).read_text(encoding="utf-8")
        assert written == _schemas.shipped_path(which).read_text(encoding="utf-8")
        assert json.loads(run_cli("schema", which).out) == _schemas.shipped(which)


def test_schema_write_refuses_what_is_not_a_directory(run_cli: CliRunner, tmp_path: Path) -> None:
    result = run_cli("schema", "--write", tmp_path / "missing")
    assert result.code == 2
    assert "not a directory" in result.err


def _reports() -> Iterator[tuple[str, osaid.Report]]:
    for path in SAMPLE:
        try:
            yield str(path.relative_to(ROOT)), osaid.check(path)
        except osaid.OsaidError:  # inputs the tests refuse on purpose
            continue


def test_every_report_of_the_corpora_validates_and_is_the_cli_json(run_cli: CliRunner) -> None:
    """``to_json`` is ``--format json`` byte for byte; ``to_dict`` is it parsed; both validate."""
    checked = 0
    for name, report in _reports():
        data = report.to_dict()
        assert data == json.loads(report.to_json())
        assert _errors("report", data) == [], name
        checked += 1
    assert checked > 150
    for path in EXAMPLES[:2]:
        assert run_cli("check", "--format", "json", path).out == osaid.check(path).to_json()


def test_reports_of_text_data_and_comparisons_validate() -> None:
    card = (ROOT / "tests" / "data" / "cards" / "llama-finetune.md").read_bytes()
    reports = [
        osaid.check_text(card),
        osaid.check_data(yaml.safe_load(EXAMPLES[0].read_text(encoding="utf-8"))),
        osaid.check_data({"license": "mit", "base_model": "x/y"}, format="card"),
    ]
    for report in reports:
        assert _errors("report", report.to_dict()) == []
        assert report.to_dict()["report_format"] == osaid.REPORT_FORMAT


def test_a_graded_report_keeps_its_own_shape_and_schema(run_cli: CliRunner) -> None:
    mot = sorted((DATA / "mot" / "models").glob("*.yml"))[::10]
    checked = 0
    for path in [*EXAMPLES, *mot]:
        report = osaid.check(path, "mof-1.0")
        data = report.to_dict()
        assert data["report_format"] == "grade-1"
        assert set(data["grade"]) == {"class", "label", "progress"}
        assert _errors("grade-report", data) == [], path
        assert _errors("report", data) != []  # the binary schema does not take it
        checked += 1
    assert checked > 25
    cli = run_cli("check", "--format", "json", "--definition", "mof-1.0", EXAMPLES[0]).out
    assert cli == osaid.check(EXAMPLES[0], "mof-1.0").to_json()


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.parent.name)
def test_every_example_manifest_validates(path: Path) -> None:
    assert _errors("manifest", yaml.safe_load(path.read_text(encoding="utf-8"))) == []


def test_every_manifest_osaid_reads_validates() -> None:
    """The schema is no stricter than osaid: a manifest osaid reads is one the schema accepts."""
    read = 0
    for path in INPUTS:
        if path.suffix != ".yaml":
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not (isinstance(data, dict) and str(data.get("manifest", "")).startswith("osaid/")):
            continue
        try:
            osaid.read(path)
        except osaid.OsaidError:
            continue
        assert _errors("manifest", data) == [], path
        read += 1
    assert read > 50
