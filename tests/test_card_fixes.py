"""A fix for a model card is the YAML to add under its ``osaid:`` key, and following it works.

A card's own keys keep the Hub's meaning (its ``base_model`` must stay a model id), so a fix
phrased for a manifest ("under ``base_model``, add ...") followed literally in a card made the
next check exit 2. Each real card of the corpus is checked, every missing item's fix is
applied as written (its placeholder location filled in), and the item must then be met.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import osaid
from conftest import DATA, EXAMPLES
from osaid.report import Status

REAL = DATA / "real" / "docs"
CARDS = [p for p in sorted(REAL.glob("card-*.md")) if "not-found" not in p.name]
MARK = "`osaid: "


def _readable(path: Path) -> bool:
    try:
        osaid.check_text(path.read_text(encoding="utf-8"), name="README.md")
    except osaid.OsaidError:
        return False
    return True


@pytest.mark.parametrize("card", [c for c in CARDS if _readable(c)], ids=lambda p: p.name)
def test_every_missing_item_of_a_card_is_met_by_following_its_fix(card: Path) -> None:
    text = card.read_text(encoding="utf-8").replace("\r\n", "\n")
    report = osaid.check_text(text, name="README.md")
    missing = [r for r in report.results if r.status is Status.MISSING and r.remediation]
    assert missing, "a real card always misses items a card cannot state"
    for result in missing:
        assert result.remediation is not None
        assert MARK in result.remediation, result.requirement
        line = result.remediation.rsplit(MARK, 1)[1].removesuffix("`.")
        line = line.replace("<URL or path>", "https://example.org/where")
        line = re.sub(r"'?<SPDX id, e\.g\. ([^>]+)>'?", r"\1", line)
        followed = text.replace("---\n", f"---\nosaid: {line}\n", 1)
        again = osaid.check_text(followed, name="README.md")  # never an InputError
        after = next(r for r in again.results if r.requirement == result.requirement)
        assert after.status in (Status.PASS, Status.NOT_APPLICABLE), (result.requirement, line)


def test_a_manifest_fix_is_not_rewritten() -> None:
    """An osaid manifest's fixes name its own keys: no `osaid:` line is added."""
    report = osaid.check(EXAMPLES / "missing-components" / "osaid.yaml")
    fixes = [r.remediation for r in report.results if r.remediation]
    assert fixes
    assert not any(MARK in fix for fix in fixes)


def test_a_failing_card_licence_is_fixed_where_it_is_declared() -> None:
    """A declared licence that fails is relicensed in the card's `license:`, not re-declared."""
    card = "---\nlicense: cc-by-nc-4.0\n---\n# Example model\n"
    report = osaid.check_text(card, name="README.md")
    weights = next(r for r in report.results if r.requirement == "osaid-1.0/parameters/final")
    assert weights.status is Status.FAIL
    assert weights.remediation is not None
    assert MARK not in weights.remediation


def test_a_directory_takes_the_phrasing_of_its_leading_description(tmp_path: Path) -> None:
    """A card alone in a folder gets card fixes; beside an osaid.yaml, the manifest's."""
    card = "---\nlicense: apache-2.0\n---\n# Example model\n"
    (tmp_path / "README.md").write_text(card, encoding="utf-8")
    alone = osaid.check(tmp_path)
    assert any(MARK in (r.remediation or "") for r in alone.results)
    (tmp_path / "osaid.yaml").write_bytes(
        (EXAMPLES / "missing-components" / "osaid.yaml").read_bytes()
    )
    beside = osaid.check(tmp_path)
    assert [r for r in beside.results if r.remediation]
    assert not any(MARK in (r.remediation or "") for r in beside.results)
