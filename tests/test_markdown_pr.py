"""Markdown for pull requests, checked the way GitHub shows it (cmark-gfm, CommonMark + GFM).

What a reviewer reads first is the verdict, the counts and what to fix, each with its fix;
the passing requirements are folded away; nothing shows a stray backslash or backtick; and a
batch fits in one comment.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import cmarkgfm
import pytest

import osaid
from conftest import CONFORMANT, EXAMPLES, MOT_MODELS, CliRunner
from osaid.render import RENDERERS
from osaid.render._markdown import MAX_CHARACTERS

ALL_EXAMPLES = sorted(EXAMPLES.glob("*/osaid.yaml"))
LICENSE_FAILURE = EXAMPLES / "license-failure" / "osaid.yaml"


def _html(markdown: str) -> str:
    return str(
        cmarkgfm.github_flavored_markdown_to_html(
            markdown, options=cmarkgfm.cmark.Options.CMARK_OPT_UNSAFE
        )
    )


def _shown(page: str) -> str:
    """The text a reader sees: tags and code spans removed, entities decoded."""
    without_code = re.sub(r"<code>.*?</code>", "", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", without_code))


@pytest.mark.parametrize("path", ALL_EXAMPLES, ids=lambda p: p.parent.name)
def test_rendered_text_shows_no_escapes(path: Path) -> None:
    """No backslash or backtick is left in what a reader sees (osaid's `code` is code)."""
    text = RENDERERS["markdown"]([osaid.check(path, "osaid-1.0")], False)
    shown = _shown(_html(text))
    assert "\\" not in shown
    assert "`" not in shown


def test_failures_come_first_each_with_its_fix_and_passes_are_folded() -> None:
    report = osaid.check(LICENSE_FAILURE, "osaid-1.0")
    page = _html(RENDERERS["markdown"]([report], False))
    details = page.index("<details>")
    verdict = page.index("<strong>Not conformant</strong>")
    fixes = page.index("What to fix")
    assert verdict < fixes < details
    assert "2 failing, 14 passed" in page[:fixes]
    before = page[:details]
    for result in report.failing():
        assert result.title in before
        assert "Fix: " in before
    # every requirement is in the folded table, and no PASS row is outside it
    folded = page[details:]
    assert folded.count("<tr>") == len(report.results) + 1
    assert "<td>PASS</td>" not in before
    assert "<summary>All 28 requirements (14 passed)</summary>" in folded


def test_conformant_report_has_no_fixes_and_folds_everything() -> None:
    page = _html(RENDERERS["markdown"]([osaid.check(CONFORMANT, "osaid-1.0")], False))
    assert "What to fix" not in page
    assert page.index("<strong>Conformant</strong>") < page.index("<details>")


def test_the_mot_corpus_batch_fits_a_comment_as_a_summary(run_cli: CliRunner) -> None:
    models = sorted(MOT_MODELS.glob("*.yml"))
    assert len(models) == 273
    result = run_cli("check", "--format", "markdown", *models)
    assert result.code == 1
    text = result.out
    assert len(text) < MAX_CHARACTERS
    assert "The report of each input is left out" in text
    page = _html(text)
    assert page.count("<tr>") == len(models) + 1  # every input has its row
    rows = re.findall(r"<tr>\s*<td>(.*?)</td>\s*<td>.*?</td>\s*<td>(.*?)</td>", page, re.S)
    verdicts = [verdict for _, verdict in rows]
    # the inputs not conformant come first
    first_ok = next(i for i, v in enumerate(verdicts) if not v.startswith("<strong>"))
    assert all(not v.startswith("<strong>") for v in verdicts[first_ok:])


def test_a_small_batch_keeps_every_section() -> None:
    reports = [osaid.check(path, "osaid-1.0") for path in ALL_EXAMPLES]
    text = RENDERERS["markdown"](reports, True)
    assert len(text) < MAX_CHARACTERS
    assert "left out" not in text
    assert text.count("<details>") == len(reports)


def test_an_unreadable_input_has_its_row_and_its_problems(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    broken = tmp_path / "osaid.yaml"
    broken.write_text("manifest: osaid/1\nname: x\nscope: sytem\ncomponets: []\n", "utf-8")
    result = run_cli("check", "--format", "markdown", broken, CONFORMANT)
    assert result.code == 2
    page = _html(result.out)
    assert "1 of 2 inputs conformant. 1 could not be checked." in page
    assert "<strong>not checked</strong>" in page
    assert f"{broken}:3" in page
    assert f"{broken}:4" in page
