"""Evidence in the repository: declared files must exist inside it and agree with licences."""

from __future__ import annotations

from pathlib import Path

import pytest

import osaid
from conftest import CONFORMANT
from osaid import Report, Status

MANIFEST = """manifest: osaid/1
name: Repo Model
components:
  - kind: inference-code
    location: {location}
    license: {license}
{extra}"""


def _repo(tmp_path: Path, location: str, license_: str = "Apache-2.0", extra: str = "") -> Path:
    repo = tmp_path / "repo"
    repo.mkdir(exist_ok=True)
    text = MANIFEST.format(location=location, license=license_, extra=extra)
    (repo / "osaid.yaml").write_text(text, encoding="utf-8")
    return repo


def _inference(report: Report) -> osaid.Result:
    return next(r for r in report.results if r.requirement.endswith("code/inference"))


def test_existing_local_location_passes(tmp_path: Path) -> None:
    """A location that exists inside the repository is accepted."""
    repo = _repo(tmp_path, "src/infer.py")
    (repo / "src").mkdir()
    (repo / "src" / "infer.py").write_text("print('hi')\n", encoding="utf-8")
    assert _inference(osaid.check(repo)).status is Status.PASS


def test_missing_local_location_fails(tmp_path: Path) -> None:
    """A location the repository does not contain fails the component, naming the path."""
    repo = _repo(tmp_path, "src/infer.py")
    result = _inference(osaid.check(repo))
    assert result.status is Status.FAIL
    assert "location 'src/infer.py' does not exist in the repository" in result.summary


def test_a_missing_path_is_not_reported_as_a_licence_problem(tmp_path: Path) -> None:
    """Apache-2.0 meets the condition: the summary names the path, no licence is suggested."""
    result = _inference(osaid.check(_repo(tmp_path, "src/infer.py")))
    assert "which needs" not in result.summary
    assert result.summary.endswith(
        "(under 'Apache-2.0'): location 'src/infer.py' does not exist in the repository"
    )
    assert not any(d.startswith("would pass:") for d in result.details)
    assert result.remediation is not None
    assert "Relicense" not in result.remediation


def test_a_failing_licence_still_says_what_would_pass(tmp_path: Path) -> None:
    result = _inference(osaid.check(_repo(tmp_path, "https://example.org/x", "CC-BY-NC-4.0")))
    assert "which needs" in result.summary
    assert any(d.startswith("would pass:") for d in result.details)


@pytest.mark.parametrize("location", ["../outside.py", "/etc/passwd", "src/../../outside.py"])
def test_paths_escaping_the_repository_are_refused(tmp_path: Path, location: str) -> None:
    """`..` and absolute paths are refused and never read."""
    (tmp_path / "outside.py").write_text("secret\n", encoding="utf-8")
    repo = _repo(tmp_path, location)
    result = _inference(osaid.check(repo))
    assert result.status is Status.FAIL
    assert "outside the repository" in result.summary or "absolute path" in result.summary


def test_symlink_pointing_outside_is_not_followed(tmp_path: Path) -> None:
    """A symlink inside the repository that points outside it is refused."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "infer.py").write_text("# SPDX-License-Identifier: MIT\n", encoding="utf-8")
    repo = _repo(tmp_path, "linked")
    (repo / "linked").symlink_to(outside, target_is_directory=True)
    result = _inference(osaid.check(repo))
    assert result.status is Status.FAIL
    assert "points outside the repository" in result.summary


def test_symlink_loop_is_a_finding_not_a_hang(tmp_path: Path) -> None:
    """A symlink loop is reported as a finding on the component."""
    repo = _repo(tmp_path, "loop")
    (repo / "loop").symlink_to(repo / "loop")
    result = _inference(osaid.check(repo))
    assert result.status is Status.FAIL


def test_urls_are_reported_as_declared_never_fetched(tmp_path: Path) -> None:
    """A URL location is taken as declared: nothing is fetched or checked."""
    repo = _repo(tmp_path, "https://example.invalid/code")
    assert _inference(osaid.check(repo)).status is Status.PASS


def test_declared_licence_file_must_exist(tmp_path: Path) -> None:
    """A declared license_file missing from the repository fails the component."""
    repo = _repo(tmp_path, "https://example.invalid/code", extra="    license_file: LICENSE\n")
    result = _inference(osaid.check(repo))
    assert result.status is Status.FAIL
    assert "license_file 'LICENSE' does not exist" in result.summary
    (repo / "LICENSE").write_text("Apache License\n", encoding="utf-8")
    assert _inference(osaid.check(repo)).status is Status.PASS


def test_spdx_identifier_disagreeing_with_declared_licence_fails(tmp_path: Path) -> None:
    """A file whose SPDX-License-Identifier the declared licence does not cover is a finding."""
    repo = _repo(tmp_path, "src")
    (repo / "src").mkdir()
    (repo / "src" / "a.py").write_text("# SPDX-License-Identifier: Apache-2.0\n", encoding="utf-8")
    (repo / "src" / "b.py").write_text(
        "# Copyright\n# SPDX-License-Identifier: GPL-3.0-only\n", encoding="utf-8"
    )
    result = _inference(osaid.check(repo))
    assert result.status is Status.FAIL
    assert "src/b.py:2 says SPDX-License-Identifier: GPL-3.0-only" in result.summary
    assert result.evidence[0].key == "components[0].license"


def test_spdx_identifier_covered_by_an_or_expression_passes(tmp_path: Path) -> None:
    """Files under one option of a declared OR expression agree with it."""
    repo = _repo(tmp_path, "src", license_="Apache-2.0 OR MIT")
    (repo / "src").mkdir()
    (repo / "src" / "a.py").write_text("// SPDX-License-Identifier: MIT\n", encoding="utf-8")
    (repo / "src" / "b.c").write_text(
        "/* SPDX-License-Identifier: Apache-2.0 */\n", encoding="utf-8"
    )
    assert _inference(osaid.check(repo)).status is Status.PASS


def test_reuse_licenses_folder_must_hold_the_declared_licence(tmp_path: Path) -> None:
    """With a REUSE LICENSES/ folder, a declared licence without its text there is a finding."""
    repo = _repo(tmp_path, "https://example.invalid/code", license_="Apache-2.0")
    (repo / "LICENSES").mkdir()
    (repo / "LICENSES" / "MIT.txt").write_text("MIT\n", encoding="utf-8")
    result = _inference(osaid.check(repo))
    assert result.status is Status.FAIL
    assert "LICENSES/ has no text for apache-2.0 (REUSE)" in result.summary
    (repo / "LICENSES" / "Apache-2.0.txt").write_text("Apache\n", encoding="utf-8")
    assert _inference(osaid.check(repo)).status is Status.PASS


def test_single_file_checks_do_not_look_at_the_disk() -> None:
    """Checking a single manifest (not a directory) does not require its paths to exist."""
    assert osaid.check(CONFORMANT).conformant


def test_checking_a_repository_writes_nothing(tmp_path: Path) -> None:
    """A repository check leaves the repository exactly as it was."""
    repo = _repo(tmp_path, "src")
    (repo / "src").mkdir()
    (repo / "src" / "a.py").write_text("# SPDX-License-Identifier: Apache-2.0\n", encoding="utf-8")
    before = sorted((p.relative_to(repo), p.stat().st_mtime_ns) for p in repo.rglob("*"))
    osaid.check(repo)
    after = sorted((p.relative_to(repo), p.stat().st_mtime_ns) for p in repo.rglob("*"))
    assert before == after
