"""Whole releases adjudicated from the OSAID 1.0 text, FAQ and checklist, not from osaid.

Each ``tests/adjudicated/<name>.yaml`` is a complete manifest and ``<name>.expected.json`` the
verdict a careful reviewer reaches: the failing elements, the exact failing requirements, and
warnings the reviewer expects, with the rationale and the clause. They were written apart from
the implementation (issue 11) so that a PASS osaid gives is checked against a reading of the
definition, not against itself.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import osaid

CASES = Path(__file__).parent / "adjudicated"
EXPECTED = sorted(CASES.glob("*.expected.json"))


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def test_the_adjudicated_set_is_substantial() -> None:
    assert len(EXPECTED) >= 36


@pytest.mark.parametrize("expected_path", EXPECTED, ids=lambda p: p.name.split(".")[0])
def test_osaid_agrees_with_the_adjudicated_reading(expected_path: Path) -> None:
    """Same verdict, same failing elements and the exact failing requirements."""
    expected = _load(expected_path)
    manifest = expected_path.with_name(expected_path.name.replace(".expected.json", ".yaml"))
    report = osaid.check(manifest, policy=osaid.Policy(**expected.get("policy", {})))
    failing = sorted(r.requirement for r in report.failing())
    assert failing == sorted(expected["failing_requirements"]), expected["rationale"]
    assert sorted({r.element for r in report.failing()}) == sorted(expected["failing_elements"])
    assert report.verdict.value == expected["verdict"]
    said = " ".join(f"{w.code} {w.message}" for w in report.warnings)
    for fragment in expected.get("warnings_include", []):
        assert fragment in said, f"{fragment!r} not among the warnings: {said}"


def test_no_model_scoped_report_lists_freedoms_unless_distribution_fails() -> None:
    """The models-and-weights clause is reported under its own element and never counts."""
    for expected_path in EXPECTED:
        manifest = expected_path.with_name(expected_path.name.replace(".expected.json", ".yaml"))
        report = osaid.check(manifest)
        elements = {r.element for r in report.failing()}
        if "freedoms" in elements:
            assert any(r.requirement.endswith("freedoms/distribution") for r in report.failing())
