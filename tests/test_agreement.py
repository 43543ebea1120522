"""Evidence that agrees: licence texts in the repository against the declared licences.

A declared licence is compared with the identified text of the component's ``license_file``,
or of the licence files nearest to where it lives in the repository. A clear disagreement (the
full text of another licence) fails with the file and line; a text osaid cannot settle is a
warning; an unreadable licence file (binary, too large, a FIFO, a link out) is named in a
warning, never read, never a hang.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

import osaid
from conftest import DATA, CliRunner
from osaid import Report, Status

TEXTS = DATA / "licence-texts"

MANIFEST = """manifest: osaid/1
name: Repo Model
components:
  - kind: inference-code
    location: src/infer.py
    license: {license}
{extra}"""


def _repo(tmp_path: Path, license_: str = "Apache-2.0", extra: str = "") -> Path:
    repo = tmp_path / "repo"
    (repo / "src").mkdir(parents=True, exist_ok=True)
    (repo / "src" / "infer.py").write_text("print('hi')\n", encoding="utf-8")
    text = MANIFEST.format(license=license_, extra=extra)
    (repo / "osaid.yaml").write_text(text, encoding="utf-8")
    return repo


def _inference(report: Report) -> osaid.Result:
    return next(r for r in report.results if r.requirement.endswith("code/inference"))


def _warnings(report: Report, code: str) -> list[str]:
    return [w.message for w in report.warnings if w.code == code]


def test_license_file_with_another_full_text_fails(tmp_path: Path) -> None:
    """`license_file: LICENSE` holding the MIT text while Apache-2.0 is declared: a failure."""
    repo = _repo(tmp_path, extra="    license_file: LICENSE\n")
    shutil.copy(TEXTS / "mit-brian2.LICENSE", repo / "LICENSE")
    result = _inference(osaid.check(repo))
    assert result.status is Status.FAIL
    check = result.components[0]
    assert any(
        re.search(r"license_file LICENSE:\d+ is the full text of MIT", r) for r in check.reasons
    )
    assert check.fix is not None
    assert "declare the licence the text is (MIT" in check.fix


def test_nearest_licence_file_is_compared_when_no_license_file(tmp_path: Path) -> None:
    """Without a license_file, the LICENSE nearest to the component's location is its text."""
    repo = _repo(tmp_path)
    shutil.copy(TEXTS / "mit-brian2.LICENSE", repo / "LICENSE")
    result = _inference(osaid.check(repo))
    assert result.status is Status.FAIL
    assert "licence file nearest to location 'src/infer.py'" in result.summary


def test_a_closer_licence_file_wins(tmp_path: Path) -> None:
    """A LICENSE in the component's own folder is its text, not the repository's top one."""
    repo = _repo(tmp_path, license_="MIT")
    shutil.copy(TEXTS / "apache-2.0-requests.LICENSE", repo / "LICENSE")
    shutil.copy(TEXTS / "mit-brian2.LICENSE", repo / "src" / "LICENSE")
    assert _inference(osaid.check(repo)).status is Status.PASS


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        ("apache-2.0-requests.LICENSE", "Apache-2.0"),
        ("apache-2.0-requests.LICENSE", "apache-2.0"),
        ("mit-rand.LICENSE-MIT", "MIT OR Apache-2.0"),
        ("ai-llama-3.1.LICENSE", "llama3.1"),
    ],
)
def test_texts_that_agree_are_silent(tmp_path: Path, text: str, declared: str) -> None:
    """A text identified as the declared licence (or a part of it) says nothing."""
    repo = _repo(tmp_path, license_=declared, extra="    license_file: LICENSE\n")
    shutil.copy(TEXTS / text, repo / "LICENSE")
    report = osaid.check(repo)
    check = _inference(report).components[0]
    assert not any("full text" in r for r in check.reasons)
    assert not _warnings(report, "licence-text")


def test_dual_licence_files_each_covered(tmp_path: Path) -> None:
    """LICENSE-MIT and LICENSE-APACHE beside `MIT OR Apache-2.0` agree; beside MIT they do not."""
    repo = _repo(tmp_path, license_="MIT OR Apache-2.0")
    shutil.copy(TEXTS / "mit-rand.LICENSE-MIT", repo / "LICENSE-MIT")
    shutil.copy(TEXTS / "apache-2.0-rand.LICENSE-APACHE", repo / "LICENSE-APACHE")
    assert _inference(osaid.check(repo)).status is Status.PASS
    (repo / "osaid.yaml").write_text(MANIFEST.format(license="MIT", extra=""), encoding="utf-8")
    result = _inference(osaid.check(repo))
    assert result.status is Status.FAIL
    assert re.search(r"LICENSE-APACHE:\d+ is the full text of Apache-2.0", result.summary)


def test_ambiguous_gnu_text_is_a_warning_not_a_failure(tmp_path: Path) -> None:
    """A GPL text (no 'only' or 'or later') beside MIT: osaid cannot be sure, so it warns."""
    repo = _repo(tmp_path, license_="MIT", extra="    license_file: COPYING\n")
    shutil.copy(TEXTS / "gpl-2.0-htop.COPYING", repo / "COPYING")
    report = osaid.check(repo)
    assert _inference(report).status is Status.PASS
    [warning] = _warnings(report, "licence-text")
    assert "COPYING" in warning
    assert "GPL-2.0" in warning
    assert "does not fail" in warning


def test_ambiguous_gnu_text_agreeing_with_either_choice_is_silent(tmp_path: Path) -> None:
    """The same GPL text beside GPL-2.0-or-later agrees with one of its choices."""
    repo = _repo(tmp_path, license_="GPL-2.0-or-later", extra="    license_file: COPYING\n")
    shutil.copy(TEXTS / "gpl-2.0-htop.COPYING", repo / "COPYING")
    assert not _warnings(osaid.check(repo), "licence-text")


def test_a_readme_that_mentions_licences_is_no_evidence(tmp_path: Path) -> None:
    """A prose file that only names licences states none: nothing is said."""
    repo = _repo(tmp_path, license_="MIT", extra="    license_file: LICENSE.md\n")
    shutil.copy(TEXTS / "readme-alpaca.md", repo / "LICENSE.md")
    report = osaid.check(repo)
    assert _inference(report).status is Status.PASS
    assert not _warnings(report, "licence-text")


def test_conflicts_policy_turns_text_conflicts_into_warnings(tmp_path: Path) -> None:
    """Under ``conflicts="warn"`` the MIT text beside Apache-2.0 is a warning naming it."""
    repo = _repo(tmp_path, extra="    license_file: LICENSE\n")
    shutil.copy(TEXTS / "mit-brian2.LICENSE", repo / "LICENSE")
    report = osaid.check(repo, policy=osaid.Policy(conflicts="warn"))
    assert _inference(report).status is Status.PASS
    [warning] = _warnings(report, "license-conflict")
    assert re.search(r"LICENSE:\d+ is the full text of MIT", warning)


def test_conflicts_policy_covers_spdx_headers(tmp_path: Path) -> None:
    """A disagreeing SPDX header fails by default and warns under ``conflicts="warn"``."""
    repo = _repo(tmp_path)
    (repo / "src" / "infer.py").write_text("# SPDX-License-Identifier: MIT\n", encoding="utf-8")
    assert _inference(osaid.check(repo)).status is Status.FAIL
    report = osaid.check(repo, policy=osaid.Policy(conflicts="warn"))
    assert _inference(report).status is Status.PASS
    assert any("src/infer.py:1" in m for m in _warnings(report, "license-conflict"))


def test_cli_conflicts_option(tmp_path: Path, run_cli: CliRunner) -> None:
    """``osaid check --conflicts warn`` is the policy's switch on the command line."""
    repo = _repo(tmp_path, extra="    license_file: LICENSE\n")
    shutil.copy(TEXTS / "mit-brian2.LICENSE", repo / "LICENSE")
    failing = run_cli("check", "--format", "json", repo)
    warned = run_cli("check", "--format", "json", "--conflicts", "warn", repo)
    assert '"conflicts": "fail"' in failing.out
    assert '"conflicts": "warn"' in warned.out
    assert "full text of MIT" in failing.out
    assert "license-conflict" in warned.out
    assert "license-conflict" not in failing.out
    assert run_cli("check", "--conflicts", "maybe", repo).code == 2


# -- bad licence files: a warning naming them, never a read outside, a hang or a traceback ----


def test_binary_licence_file_is_named(tmp_path: Path) -> None:
    """A binary LICENSE is not a licence text: a warning says so."""
    repo = _repo(tmp_path)
    (repo / "LICENSE").write_bytes(b"\x00\x01\x02binary")
    report = osaid.check(repo)
    assert _inference(report).status is Status.PASS
    assert any("LICENSE is binary" in m for m in _warnings(report, "licence-text"))


def test_huge_licence_file_is_named_not_read(tmp_path: Path) -> None:
    """A LICENSE past the input limit is refused, named in a warning."""
    repo = _repo(tmp_path)
    (repo / "LICENSE").write_bytes(b"MIT License\n" * (11 * 1024 * 1024 // 12 + 1))
    report = osaid.check(repo)
    assert any("larger than the input limit" in m for m in _warnings(report, "licence-text"))


def test_licence_symlink_out_of_the_repository_is_not_followed(tmp_path: Path) -> None:
    """A LICENSE linked to a file outside the repository is named, never read."""
    repo = _repo(tmp_path)
    outside = tmp_path / "outside-LICENSE"
    shutil.copy(TEXTS / "mit-brian2.LICENSE", outside)
    (repo / "LICENSE").symlink_to(outside)
    report = osaid.check(repo)
    assert _inference(report).status is Status.PASS
    assert any(
        "symbolic link out of the repository" in m for m in _warnings(report, "licence-text")
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_licence_fifo_is_named_never_opened(tmp_path: Path) -> None:
    """A FIFO named LICENSE is refused without being opened (no hang)."""
    repo = _repo(tmp_path)
    os.mkfifo(repo / "LICENSE")
    report = osaid.check(repo)
    assert _inference(report).status is Status.PASS
    assert any("LICENSE" in m for m in _warnings(report, "licence-text"))


def test_card_license_link_inside_the_repository_is_compared(tmp_path: Path) -> None:
    """A card's `license_link: LICENSE` is read as its licence file: the MIT text fails it."""
    repo = tmp_path / "card"
    repo.mkdir()
    (repo / "README.md").write_text(
        "---\nlicense: apache-2.0\nlicense_link: LICENSE\n---\n# Card model\n", encoding="utf-8"
    )
    shutil.copy(TEXTS / "mit-brian2.LICENSE", repo / "LICENSE")
    report = osaid.check(repo)
    params = next(r for r in report.results if r.requirement.endswith("parameters/final"))
    assert params.status is Status.FAIL
    assert re.search(r"license_file LICENSE:\d+ is the full text of MIT", params.summary)
    shutil.copy(TEXTS / "apache-2.0-requests.LICENSE", repo / "LICENSE")
    report = osaid.check(repo)
    params = next(r for r in report.results if r.requirement.endswith("parameters/final"))
    assert params.status is Status.PASS


def test_a_licence_file_other_components_declare_is_a_doubt(tmp_path: Path) -> None:
    """The code's Apache LICENSE beside documentation under CC-BY-4.0: a warning, no failure.

    The LICENSE is plausibly the code's (another component declares it), so the documentation
    is asked for a licence file of its own instead of failing.
    """
    repo = _repo(tmp_path)
    (repo / "docs").mkdir()
    (repo / "docs" / "DATA.md").write_text("# Data\n", encoding="utf-8")
    extra = (
        "  - kind: data-description\n    location: docs/DATA.md\n    license: CC-BY-4.0\n"
        "    covers: [provenance]\n"
    )
    (repo / "osaid.yaml").write_text(
        MANIFEST.format(license="Apache-2.0", extra=extra), encoding="utf-8"
    )
    shutil.copy(TEXTS / "apache-2.0-requests.LICENSE", repo / "LICENSE")
    report = osaid.check(repo)
    description = next(r for r in report.results if r.requirement.endswith("/description"))
    assert description.status is Status.PASS
    assert _inference(report).status is Status.PASS
    [warning] = _warnings(report, "licence-text")
    assert "other components declare" in warning
    assert "point `license_file`" in warning


def test_reuse_licence_text_must_be_the_licence_it_is_named_for(tmp_path: Path) -> None:
    """``LICENSES/Apache-2.0.txt`` holding the MIT text fails; the right text passes."""
    repo = _repo(tmp_path)
    (repo / "LICENSES").mkdir()
    shutil.copy(TEXTS / "mit-brian2.LICENSE", repo / "LICENSES" / "Apache-2.0.txt")
    result = _inference(osaid.check(repo))
    assert result.status is Status.FAIL
    assert "LICENSES/Apache-2.0.txt is named for apache-2.0 but holds the full text of MIT" in (
        result.summary
    )
    shutil.copy(TEXTS / "apache-2.0-requests.LICENSE", repo / "LICENSES" / "Apache-2.0.txt")
    assert _inference(osaid.check(repo)).status is Status.PASS


def test_card_licence_against_the_licence_beside_the_card(tmp_path: Path) -> None:
    """A card-only repository: the card's `license` is the repository's, so its LICENSE text
    is compared with it (the weights the card implies live beside it)."""
    repo = tmp_path / "card"
    repo.mkdir()
    (repo / "README.md").write_text("---\nlicense: apache-2.0\n---\n# Card model\n", "utf-8")
    shutil.copy(TEXTS / "bsd-3-clause-flask.LICENSE.txt", repo / "LICENSE")
    params = next(
        r for r in osaid.check(repo).results if r.requirement.endswith("parameters/final")
    )
    assert params.status is Status.FAIL
    assert "the licence file beside README.md, LICENSE" in params.summary
    assert "full text of BSD-3-Clause" in params.summary
