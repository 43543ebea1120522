"""A directory tells one story: nothing recognised is dropped, and the path form does not matter.

A file osaid recognises as a release description but cannot read stops the directory's check
with exit 2 naming it (the verdict would be reached without it); the same directory checked as
``some/dir``, as an absolute path or as ``.`` from inside gives the same results.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import osaid
from conftest import DATA, CliRunner
from osaid import InputError

REPO = DATA / "repo"

CYCLONEDX_19 = {"bomFormat": "CycloneDX", "specVersion": "1.9", "components": []}


def _copy_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "models" / "x"
    shutil.copytree(REPO, repo)
    return repo


def test_unreadable_recognised_sbom_exits_2_naming_it(tmp_path: Path, run_cli: CliRunner) -> None:
    """A CycloneDX 1.9 BOM (a version osaid does not read) beside a manifest: exit 2, its
    reason on one line, nothing dropped."""
    repo = _copy_repo(tmp_path)
    (repo / "model.cdx.json").write_text(json.dumps(CYCLONEDX_19), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        osaid.check(repo)
    message = str(caught.value)
    assert "model.cdx.json:1" in message
    assert "CycloneDX 1.9 is not supported" in message
    assert "not checked without it" in message
    result = run_cli("check", repo)
    assert result.code == 2
    assert len(result.err_lines) == 1
    assert "model.cdx.json" in result.err_lines[0]


def test_other_inputs_are_still_reported(tmp_path: Path, run_cli: CliRunner) -> None:
    """The refused directory is an error; the next input on the command line is still checked."""
    repo = _copy_repo(tmp_path)
    (repo / "model.cdx.json").write_text(json.dumps(CYCLONEDX_19), encoding="utf-8")
    result = run_cli("check", repo, DATA / "cards" / "all-minilm.md")
    assert result.code == 2
    assert "all-MiniLM-L6-v2" in result.out


def test_every_unreadable_description_is_named(tmp_path: Path) -> None:
    """Two recognised files that cannot be read are both named in the one error."""
    repo = _copy_repo(tmp_path)
    (repo / "a.cdx.json").write_text(json.dumps(CYCLONEDX_19), encoding="utf-8")
    spdx3 = {"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": 5}
    (repo / "b.spdx3.json").write_text(json.dumps(spdx3), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        osaid.check(repo)
    message = str(caught.value)
    assert "a.cdx.json:1" in message
    assert "b.spdx3.json:1" in message
    assert "2 release descriptions" in message


def test_files_that_are_no_description_are_still_listed(tmp_path: Path) -> None:
    """JSON that no format recognises is listed as before, not an error."""
    repo = _copy_repo(tmp_path)
    (repo / "config.json").write_text('{"hidden_size": 768}', encoding="utf-8")
    (repo / "broken.json").write_text("{not json", encoding="utf-8")
    report = osaid.check(repo)
    sources = next(w for w in report.warnings if w.code == "directory-sources")
    assert "config.json" in sources.message
    assert "broken.json" in sources.message


def _comparable(report: osaid.Report) -> list[tuple[str, str, str, list[str]]]:
    return [(r.requirement, r.status.value, r.summary, r.details) for r in report.results]


def test_path_forms_give_the_same_results(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`models/x` from its grandparent, an absolute path and `.` inside: the same results."""
    repo = _copy_repo(tmp_path)
    monkeypatch.chdir(tmp_path)
    relative = osaid.check(Path("models") / "x")
    absolute = osaid.check(repo.resolve())
    monkeypatch.chdir(repo)
    here = osaid.check(".")
    assert _comparable(relative) == _comparable(absolute) == _comparable(here)
    assert relative.verdict == here.verdict
    listing = next(r for r in here.results if r.requirement.endswith("public-data-listing"))
    assert "does not exist" not in listing.summary


def test_card_datasets_listing_resolves_from_the_parent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A card alone in `models/x`, checked from the parent: its listing's location exists."""
    repo = tmp_path / "models" / "x"
    repo.mkdir(parents=True)
    (repo / "README.md").write_text(
        "---\nlicense: apache-2.0\ndatasets:\n- org/corpus\n---\n# X\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path / "models")
    report = osaid.check("x")
    listing = next(r for r in report.results if r.requirement.endswith("public-data-listing"))
    assert "does not exist" not in listing.summary
    assert listing.components[0].license is None
    monkeypatch.chdir(repo)
    assert _comparable(osaid.check(".")) == _comparable(report)


PYTHIA_BOM = {
    "bomFormat": "CycloneDX",
    "specVersion": "1.6",
    "version": 1,
    "metadata": {
        "component": {
            "type": "application",
            "name": "job-2026-04-30-17:04:51",
            "version": "1714496691",
            "bom-ref": "job",
        }
    },
    "components": [
        {
            "type": "machine-learning-model",
            "name": "pythia-12b",
            "version": "1.0",
            "bom-ref": "m",
            "licenses": [{"license": {"id": "Apache-2.0"}}],
        }
    ],
}


def _data_information(report: osaid.Report) -> dict[str, str]:
    return {
        r.requirement.split("/", 1)[1]: r.status.value
        for r in report.results
        if "/data-information/" in r.requirement
    }


def test_mof_file_beside_an_sbom_keeps_its_data_information_verdict(tmp_path: Path) -> None:
    """Pythia-12B passes data information alone (checklist); beside an SBOM it still does."""
    mof = DATA / "mot" / "models" / "Pythia-12B.yml"
    alone = osaid.check(mof)
    shutil.copyfile(mof, tmp_path / "Pythia-12B.yml")
    (tmp_path / "bom.cdx.json").write_text(json.dumps(PYTHIA_BOM), encoding="utf-8")
    merged = osaid.check(tmp_path)
    assert _data_information(alone) == _data_information(merged)
    assert set(_data_information(merged).values()) == {"pass"}
    assert merged.verdict == alone.verdict
    release = osaid.read(tmp_path)
    assert release.origins["name"].file == release.origins["version"].file  # one source's
    # named after the SBOM's model component, never the generator's job wrapper around it
    assert (release.name, release.version) == ("pythia-12b", "1.0")
    assert release.origins["name"].key == "components[0].name"
    alone_bom = osaid.read(tmp_path / "bom.cdx.json")  # alone, the BOM's subject is the system
    assert alone_bom.name == "job-2026-04-30-17:04:51"


def test_checklist_policy_off_still_applies_per_component(tmp_path: Path) -> None:
    """With checklist evidence off, the merged MOF file misses data information as alone."""
    mof = DATA / "mot" / "models" / "Pythia-12B.yml"
    policy = osaid.Policy(checklist_evidence=False)
    shutil.copyfile(mof, tmp_path / "Pythia-12B.yml")
    (tmp_path / "bom.cdx.json").write_text(json.dumps(PYTHIA_BOM), encoding="utf-8")
    merged = _data_information(osaid.check(tmp_path, policy=policy))
    assert merged == _data_information(osaid.check(mof, policy=policy))
    assert merged["data-information/description"] == "missing"


def test_repository_inventory_names_files_no_component_accounts_for(tmp_path: Path) -> None:
    """Weights, tokenizer, config and code at the top that no location names are reported."""
    repo = _copy_repo(tmp_path)
    for name in ("model.safetensors", "tokenizer.json", "config.json", "train.py", "notes.txt"):
        (repo / name).write_bytes(b"x")
    (repo / "weights").mkdir()
    (repo / "weights" / "shard.safetensors").write_bytes(b"x")
    report = osaid.check(repo)
    found = [w.message for w in report.warnings if w.code == "repository-inventory"]
    assert len(found) == 4
    weights = next(m for m in found if m.startswith("model.safetensors"))
    assert "looks like final parameters" in weights
    assert "no component points at it" in weights
    assert "`model-parameters-final`" in weights
    assert not any("notes.txt" in m or "shard" in m for m in found)


def test_files_a_component_points_at_are_accounted_for(tmp_path: Path) -> None:
    """A location naming the file, or a folder holding it, accounts for it."""
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "model.safetensors").write_bytes(b"x")
    (repo / "tokenizer.json").write_text("{}", encoding="utf-8")
    (repo / "osaid.yaml").write_text(
        "manifest: osaid/1\nname: M\ncomponents:\n"
        "  - kind: model-parameters-final\n    location: model.safetensors\n"
        "    license: Apache-2.0\n"
        "  - kind: tokenizer\n    location: .\n    license: Apache-2.0\n",
        encoding="utf-8",
    )
    report = osaid.check(repo)
    assert not [w for w in report.warnings if w.code == "repository-inventory"]
