"""Hugging Face model cards and directories: what is read, inferred and attributed."""

from __future__ import annotations

from pathlib import Path

import pytest

import osaid
from conftest import DATA, CliRunner, Writer
from osaid import ComponentKind, InputError, Report, Status

CARDS = DATA / "cards"
REPO = DATA / "repo"


def _status(report: Report, suffix: str) -> Status:
    return next(r.status for r in report.results if r.requirement.endswith(suffix))


def _result(report: Report, suffix: str) -> osaid.Result:
    return next(r for r in report.results if r.requirement.endswith(suffix))


def _codes(report: Report) -> list[str]:
    return [w.code for w in report.warnings]


def test_minilm_card_licence_applies_to_weights_and_card() -> None:
    """An all-MiniLM-style card's apache-2.0 licence covers the weights, inferred from `license`."""
    release = osaid.read(CARDS / "all-minilm.md")
    weights = next(c for c in release.components if c.kind is ComponentKind.MODEL_PARAMETERS_FINAL)
    assert weights.license is not None
    assert weights.license.written == "apache-2.0"
    assert weights.inferred_from == "license"
    assert weights.license.origin is not None
    assert weights.license.origin.line == 3
    assert release.name == "all-MiniLM-L6-v2"
    assert release.source.format == "hf-model-card"


def test_minilm_card_passes_parameters_but_not_data_information_or_code() -> None:
    """A card alone passes the parameters licence yet leaves code and data information missing."""
    report = osaid.check(CARDS / "all-minilm.md")
    assert report.verdict.value == "not-conformant"
    assert _status(report, "parameters/final") is Status.PASS
    # the card's `license` is the weights', never the licence of the datasets it lists
    listing = _result(report, "data-information/public-data-listing")
    assert listing.status is Status.FAIL
    assert listing.components[0].license is None
    assert listing.remediation is not None
    assert "relicense" not in listing.remediation.lower()
    assert "osaid manifest" in listing.remediation
    assert _status(report, "data-information/description") is Status.MISSING
    assert _status(report, "code/training") is Status.MISSING
    assert "card-limits" in _codes(report)
    assert "card-inferred" in _codes(report)
    inferred = next(w for w in report.warnings if w.code == "card-inferred")
    assert "s2orc" in inferred.message
    assert "not the complete description" in inferred.message


def test_minilm_missing_items_point_at_where_to_add_them() -> None:
    """Missing items in a plain card point at its front matter, where an `osaid:` key would go.

    They pointed at `osaid.components`, a key a plain card does not have.
    """
    report = osaid.check(CARDS / "all-minilm.md")
    missing = _result(report, "code/training")
    assert missing.evidence[0].key == "front matter"
    assert missing.evidence[0].line == 1
    assert "MiniLM" not in missing.summary


def test_llama_finetune_card_is_derived_and_fails_the_licence() -> None:
    """A fine-tune card with `license: llama3.1` and a `base_model` is derived and fails."""
    report = osaid.check(CARDS / "llama-finetune.md")
    assert report.release.base_model == "meta-llama/Llama-3.1-8B-Instruct"
    params = _result(report, "parameters/final")
    assert params.status is Status.FAIL
    assert "Llama 3.1 Community License" in params.summary
    assert params.evidence[0].key == "license"
    assert params.evidence[0].line == 2
    assert _status(report, "derivation/base-data-information") is Status.MISSING
    assert _status(report, "derivation/base-code") is Status.MISSING
    inferred = next(w for w in report.warnings if w.code == "card-inferred")
    assert "finetune" in inferred.message


def test_other_licence_with_known_name_is_resolved() -> None:
    """`license: other` with a license_name osaid knows is judged as that licence."""
    report = osaid.check(CARDS / "other-qwen.md")
    params = _result(report, "parameters/final")
    assert params.status is Status.FAIL
    assert "Qianwen" in params.summary or "Qwen" in params.summary
    assert params.components[0].license == "other: tongyi-qianwen"


def test_other_licence_with_unknown_name_cannot_be_verified() -> None:
    """`license: other` with an unknown license_name fails as unverifiable, naming the link."""
    report = osaid.check(CARDS / "other-unknown.md")
    params = _result(report, "parameters/final")
    assert params.status is Status.FAIL
    assert "cannot verify 'acme-model-license'" in params.summary
    inferred = next(w for w in report.warnings if w.code == "card-inferred")
    assert "LICENSE.md" in inferred.message


def test_osaid_block_in_front_matter_wins_over_inference() -> None:
    """An `osaid:` manifest in the front matter is used, and its values win over the card's."""
    report = osaid.check(CARDS / "with-manifest.md")
    params = _result(report, "parameters/final")
    assert params.status is Status.FAIL
    assert params.components[0].license == "CC-BY-NC-4.0"
    assert params.components[0].evidence.key == "osaid.components[10].license"
    assert "card-limits" not in _codes(report)
    conflict = next(r for r in params.components[0].reasons if "disagree" in r)
    assert "'CC-BY-NC-4.0'" in conflict
    assert "'apache-2.0'" in conflict
    assert report.release.producer == "Example AI Lab"
    assert report.release.name == "Open Card Model"


@pytest.mark.parametrize(
    ("text", "key", "line"),
    [
        ("---\n- a\n- b\n---\n# x\n", None, 2),
        ("---\nlicense: mit\nosaid:\n  licence: x\n---\n# x\n", "osaid.licence", 4),
        ("---\nlicense: [1, 2]\n---\n# x\n", "license", 2),
        ("---\nlicense: mit\nbase_model: 5\n---\n", "base_model", 3),
        ("---\nlicense: mit\nosaid: [x]\n---\n", "osaid", 3),
    ],
)
def test_bad_front_matter_is_located(write: Writer, text: str, key: str | None, line: int) -> None:
    """A card whose front matter is not usable is refused with its key and line."""
    path = write("README.md", text)
    with pytest.raises(InputError) as caught:
        osaid.read(path)
    assert caught.value.key == key
    assert caught.value.line == line


def test_card_detected_by_content_not_name(write: Writer) -> None:
    """A card saved under any name is still recognised from its front matter."""
    path = write("card.txt", (CARDS / "all-minilm.md").read_text(encoding="utf-8"))
    assert osaid.read(path).source.format == "hf-model-card"


def test_directory_merges_manifest_and_card_and_attributes_facts() -> None:
    """A directory's manifest and card are merged, each fact keeping the file it came from."""
    report = osaid.check(REPO)
    assert report.input_format == "directory"
    assert report.verdict.value == "conformant"
    sources = next(w for w in report.warnings if w.code == "directory-sources")
    assert "osaid.yaml (osaid-manifest), README.md (hf-model-card)" in sources.message
    assert "package.json" in sources.message
    params = _result(report, "parameters/final")
    assert Path(params.components[0].evidence.file).name == "osaid.yaml"
    assert "card-limits" not in _codes(report)
    inferred = next(w for w in report.warnings if w.code == "card-inferred")
    assert inferred.evidence[0].file.endswith("README.md")


def test_directory_licence_disagreement_names_both_files(tmp_path: Path) -> None:
    """The card and the manifest disagree on the weights' licence: a failure naming both.

    The manifest's licence is what the report shows (precedence), the card's is quoted beside
    it with its line, and the fix says which declaration to change.
    """
    (tmp_path / "osaid.yaml").write_bytes((REPO / "osaid.yaml").read_bytes())
    (tmp_path / "README.md").write_text("---\nlicense: llama3.1\n---\n# x\n", encoding="utf-8")
    report = osaid.check(tmp_path)
    params = _result(report, "parameters/final")
    assert params.status is Status.FAIL
    assert report.verdict.value == "not-conformant"
    weights = params.components[0]
    assert weights.license == "Apache-2.0"
    assert Path(weights.evidence.file).name == "osaid.yaml"
    reason = next(r for r in weights.reasons if "disagree" in r)
    assert "osaid.yaml:" in reason
    assert "README.md:2 says 'llama3.1'" in reason
    assert weights.fix is not None
    assert "change README.md:2 to 'Apache-2.0'" in weights.fix
    assert "license-conflict" not in _codes(report)


def test_licence_conflicts_can_be_warnings_by_policy(tmp_path: Path) -> None:
    """``Policy(conflicts="warn")`` turns the same disagreement back into a warning."""
    (tmp_path / "osaid.yaml").write_bytes((REPO / "osaid.yaml").read_bytes())
    (tmp_path / "README.md").write_text("---\nlicense: llama3.1\n---\n# x\n", encoding="utf-8")
    report = osaid.check(tmp_path, policy=osaid.Policy(conflicts="warn"))
    assert _status(report, "parameters/final") is Status.PASS
    conflicts = [w.message for w in report.warnings if w.code == "license-conflict"]
    assert any("osaid.yaml" in m and "README.md:2" in m and "llama3.1" in m for m in conflicts)
    assert report.policy["conflicts"] == "warn"


def test_sources_that_agree_are_silent(tmp_path: Path) -> None:
    """The same licence written two ways in two sources is no conflict."""
    (tmp_path / "osaid.yaml").write_bytes((REPO / "osaid.yaml").read_bytes())
    (tmp_path / "README.md").write_text("---\nlicense: apache-2.0\n---\n# x\n", encoding="utf-8")
    report = osaid.check(tmp_path)
    params = _result(report, "parameters/final")
    assert params.status is Status.PASS
    assert not any("disagree" in r for c in params.components for r in c.reasons)
    assert "license-conflict" not in _codes(report)


def test_directory_without_descriptions_is_an_error(tmp_path: Path) -> None:
    """A directory with nothing osaid can read is refused with one clear message."""
    (tmp_path / "notes.md").write_text("# just notes\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        osaid.check(tmp_path)
    assert "no release description found" in str(caught.value)


def test_directory_with_broken_manifest_is_an_error(tmp_path: Path) -> None:
    """A broken osaid.yaml in a directory is reported, not silently skipped."""
    (tmp_path / "osaid.yaml").write_text("manifest: osaid/1\nname: [\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        osaid.check(tmp_path)
    assert caught.value.file is not None
    assert caught.value.file.endswith("osaid.yaml")


def test_directory_does_not_follow_symlinks_out(tmp_path: Path) -> None:
    """A description symlinked from outside the directory is not read."""
    inner = tmp_path / "repo"
    inner.mkdir()
    (inner / "osaid.yaml").write_bytes((REPO / "osaid.yaml").read_bytes())
    outside = tmp_path / "outside.md"
    outside.write_text("---\nlicense: llama3.1\n---\n# x\n", encoding="utf-8")
    (inner / "README.md").symlink_to(outside)
    report = osaid.check(inner)
    sources = next(w for w in report.warnings if w.code == "directory-sources")
    assert "README.md" not in sources.message


def test_cli_checks_a_directory(run_cli: CliRunner) -> None:
    """`osaid check DIR` exits 0 for a conformant repository."""
    result = run_cli("check", REPO)
    assert result.code == 0
    assert "CONFORMANT" in result.out


BODY_ONLY = """---
language: en
---
# Model X

Unlike Apache 2.0 projects, this one is different.

## License

The weights are governed by the Meta Llama 3 Community License.
"""


def test_licence_named_only_in_the_body_is_reported_not_declared(write: Writer) -> None:
    """A `## License` section naming a licence: a warning with the line, never a declaration."""
    path = write("README.md", BODY_ONLY)
    report = osaid.check(path)
    params = _result(report, "parameters/final")
    assert params.status is Status.FAIL
    assert params.components[0].license is None
    [said] = [w for w in report.warnings if w.code == "card-body-licence"]
    assert "README.md:10" in said.message
    assert "Meta Llama 3 Community License" in said.message
    assert "not declared in the metadata" in said.message
    assert said.evidence[0].line == 10
    # the licence section wins over an earlier mention, and the line to add is one osaid reads
    line = said.message.split("add `", 1)[1].split("`", 1)[0]
    assert line == "license: llama3"
    declared = write("declared.md", BODY_ONLY.replace("language: en", line))
    weights = _result(osaid.check(declared), "parameters/final").components[0]
    assert weights.normalized == "LicenseRef-osaid-llama-3"


def test_body_licence_section_without_a_known_name(write: Writer) -> None:
    """A licence section osaid finds no known licence in is still pointed at."""
    path = write("README.md", "---\nlanguage: en\n---\n# X\n\n## Licence\n\nSee the file.\n")
    [said] = [w for w in osaid.check(path).warnings if w.code == "card-body-licence"]
    assert "README.md:6" in said.message
    assert "licence section" in said.message


def test_body_is_not_read_when_the_front_matter_declares(write: Writer) -> None:
    """With `license:` in the front matter the body is not second-guessed."""
    path = write("README.md", BODY_ONLY.replace("language: en", "license: mit"))
    assert "card-body-licence" not in _codes(osaid.check(path))
