"""MOF files in both MOT formats, and keys neither format has (real files from MOT's history)."""

from __future__ import annotations

import osaid
from conftest import DATA, Writer

REAL = DATA / "real" / "docs"


def _licences(report: osaid.Report) -> dict[str, str | None]:
    return {c.component: c.normalized for r in report.results for c in r.components}


def test_pre_2025_license_name_is_read() -> None:
    """Amber2 as MOT wrote it before April 2025: `license_name: Apache-2.0` is its licence.

    Every licence of these files was lost without a warning ("no licence").
    """
    report = osaid.check(REAL / "mof-old-amber2.yml")
    licences = _licences(report)
    assert licences["Model parameters (Final)"] == "Apache-2.0"
    assert licences["Training code"] == "Apache-2.0"
    assert "mof-unknown-key" not in {w.code for w in report.warnings}


def test_pre_2025_not_included_components_are_absent() -> None:
    """`license_name: 'Component not included'` is an absent component, said in one warning."""
    report = osaid.check(REAL / "mof-old-llama-3.1-8b-instruct.yml")
    [note] = [w for w in report.warnings if w.code == "mof-not-included"]
    assert note.message.startswith("9 listed component(s) say 'Component not included'")
    checked = {c.component for r in report.results for c in r.components}
    assert "Training code" not in checked
    assert "Model parameters (Final)" in checked


def test_pre_2025_and_current_formats_agree_on_amber() -> None:
    """The old Amber file and its April 2025 conversion give every listed component one licence."""
    old = _licences(osaid.check(REAL / "mof-old-amber.yml"))
    new = _licences(osaid.check(REAL / "mof-new-amber-2025-04.yml"))
    assert old == {k: v for k, v in new.items() if k in old}


def test_unknown_mof_keys_are_warned_once_each_with_a_did_you_mean(write: Writer) -> None:
    """A misspelt key is reported once with its count, its first places and a suggestion."""
    components = "".join(
        f"    - name: '{name}'\n      licence: Apache-2.0\n"
        for name in ("Model architecture", "Training code", "Inference code", "Evaluation code")
    )
    text = (
        "framework:\n  name: 'Model Openness Framework'\n  version: '1.0'\n"
        f"release:\n  name: m\n  producr: x\n  components:\n{components}"
    )
    report = osaid.check(write("m.yml", text))
    notes = {w.message: w for w in report.warnings if w.code == "mof-unknown-key"}
    assert len(notes) == 2
    licence = next(m for m in notes if m.startswith("'licence'"))
    assert "(4 places: release.components[0].licence, release.components[1].licence," in licence
    assert "and 1 more)" in licence
    assert licence.endswith("did you mean 'license'?")
    assert notes[licence].evidence[0].line == 9
    assert any(m.startswith("'producr'") and "did you mean 'producer'?" in m for m in notes)
