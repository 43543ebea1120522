"""The MOT corpus (273 real MOF model files) end to end, and what a normal check imports."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import osaid
from conftest import CONFORMANT, MOT_MODELS
from osaid import Report, Status

# The conformant files under the default policy. A change to this list is a change in verdicts on
# real releases: review it, then update the list (and the CHANGELOG) on purpose.
CONFORMANT_MODELS = [
    "Amber.yml",
    "Aquila-VL-2B.yml",
    "FairSeq-Dense.yml",
    "Pythia-1.4B.yml",
    "Pythia-12B.yml",
    "Pythia-160M.yml",
    "Pythia-1B.yml",
    "Pythia-2.8B.yml",
    "Pythia-410M.yml",
    "Pythia-6.9B.yml",
    "Pythia-70M.yml",
]


@pytest.fixture(scope="module")
def corpus() -> dict[str, Report]:
    """Every corpus file checked with the default definition and policy (once per module)."""
    return {path.name: osaid.check(path) for path in sorted(MOT_MODELS.glob("*.yml"))}


def test_corpus_loads_and_conformant_set_is_pinned(corpus: dict[str, Report]) -> None:
    """All 273 MOT files load and evaluate, and exactly the pinned ones are conformant."""
    reports = corpus
    assert len(reports) == 273
    conformant = sorted(name for name, report in reports.items() if report.conformant)
    assert conformant == CONFORMANT_MODELS
    for name, report in reports.items():
        assert report.input_format == "mof", name
        assert report.definition == "osaid-1.0", name
        assert len(report.results) == len(osaid.load_definition().requirements), name
        assert sum(report.counts.values()) == len(report.results), name
        failing = report.failing()
        assert bool(failing) != report.conformant, name
        for result in failing:
            assert result.remediation, (name, result.requirement)
        if report.conformant:
            codes = {w.code for w in report.warnings}
            assert "checklist-evidence" in codes, name


def test_corpus_model_results_are_not_applicable_for_derivation(
    corpus: dict[str, Report],
) -> None:
    """MOF files never declare a base model, so the derivation requirements do not apply."""
    for name, report in corpus.items():
        statuses = {r.requirement: r.status for r in report.results}
        assert statuses["osaid-1.0/derivation/base-code"] is Status.NOT_APPLICABLE, name
        assert report.release.scope == "model", name


def test_corpus_without_checklist_evidence_has_no_conformant_model() -> None:
    """With checklist_evidence off, no MOF file can show data information, so none conforms."""
    policy = osaid.Policy(checklist_evidence=False)
    for path in (MOT_MODELS / name for name in CONFORMANT_MODELS):
        assert not osaid.check(path, policy=policy).conformant, path.name


def test_check_does_not_import_spdx_tools(tmp_path: Path) -> None:
    """A normal check of a manifest and of a MOF file never imports spdx_tools."""
    script = textwrap.dedent(
        f"""
        import sys
        import osaid
        osaid.check({str(CONFORMANT)!r})
        osaid.check({str(MOT_MODELS / "Amber.yml")!r})
        osaid.evaluate_license("MIT OR Apache-2.0", "code")
        loaded = sorted(m for m in sys.modules if m.split(".")[0] == "spdx_tools")
        assert not loaded, loaded
        print("ok")
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_no_corpus_report_lists_freedoms_among_failing_elements(
    corpus: dict[str, Report],
) -> None:
    """MOF files are model-scoped: their code and data gaps count once, never as freedoms."""
    for name, report in corpus.items():
        failing = {r.element for r in report.failing()}
        assert "freedoms" not in failing, name
        assert "models-and-weights" not in failing, name
