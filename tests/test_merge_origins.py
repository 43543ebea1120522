"""Merging never drops a fact: every value a reader sets has an origin and survives a merge.

Issue 10: a card's ``base_model`` disappeared when the card was merged with an ``osaid.yaml``
(or carried an ``osaid:`` block without it), so a fine-tune was reported as not derived and
conformant, while the same card alone failed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import osaid
from conftest import CONFORMANT, DATA, EXAMPLES, MOT_MODELS, CliRunner, Writer
from osaid import Status
from osaid.model import Origin, Release, ReleaseBase, Source
from osaid.readers import formats
from osaid.readers._merge import FIELDS, UnattributedValueError, merge, unattributed

MINIMAL = "manifest: osaid/1\nname: The manifest's name\n"
"""A manifest that states nothing but its (required) name."""

FINE_TUNE_CARD = "---\nlicense: apache-2.0\nbase_model: meta-llama/Llama-3.1-8B\n---\n# Tuned\n"

READER_SAMPLES = {
    "osaid-manifest": (
        EXAMPLES / "hosted-fine-tune" / "osaid.yaml",
        set(FIELDS) - {"additional_terms"},
    ),
    "hf-model-card": (DATA / "cards" / "llama-finetune.md", {"name", "scope", "base_models"}),
    "mof": (MOT_MODELS / "Amber.yml", {"name", "version", "producer", "scope"}),
    "spdx-2": (DATA / "spdx" / "chat-assistant.spdx.json", {"name"}),
    "spdx-3": (DATA / "spdx" / "summarizer-aibom.spdx3.json", {"name", "version", "producer"}),
    "cyclonedx": (
        DATA / "cyclonedx" / "fine-tune.cdx.json",
        {"name", "version", "producer", "scope", "base_models"},
    ),
}
"""One input per reader that sets as many release fields as its format can, and those fields."""


def _set_fields(release: Release) -> list[str]:
    return [
        name
        for name in FIELDS
        if getattr(release, name) != Release.model_fields[name].get_default()
    ]


def _every_readable_input() -> list[Path]:
    files = sorted(EXAMPLES.glob("*/osaid.yaml"))
    for folder in ("cards", "cyclonedx", "spdx"):
        files += sorted(p for p in (DATA / folder).iterdir() if p.is_file())
    return [*files, *sorted(MOT_MODELS.glob("*.yml"))[:40]]


def test_every_reader_has_a_sample() -> None:
    """The survival test below covers every reader osaid has."""
    assert set(READER_SAMPLES) == set(formats())


@pytest.mark.parametrize("path", _every_readable_input(), ids=lambda p: p.name)
def test_every_value_a_reader_sets_has_an_origin(path: Path) -> None:
    """No reader sets a release field without recording where it was written."""
    try:
        release = osaid.read(path)
    except osaid.InputError:
        return  # deliberately broken test data
    assert unattributed(release) == []
    for name in _set_fields(release):
        assert release.origins[name].file == str(path)


@pytest.mark.parametrize("fmt", sorted(READER_SAMPLES))
def test_every_field_survives_a_manifest_that_does_not_mention_it(fmt: str, tmp_path: Path) -> None:
    """Merged in a directory beside a minimal osaid.yaml, each fact keeps value and origin."""
    sample, expected = READER_SAMPLES[fmt]
    alone = osaid.read(sample)
    assert alone.source.format == fmt
    fields = _set_fields(alone)
    assert set(fields) == expected
    (tmp_path / "osaid.yaml").write_text(MINIMAL, encoding="utf-8")
    copy = tmp_path / ("other.yaml" if fmt == "osaid-manifest" else sample.name)
    shutil.copyfile(sample, copy)
    merged = osaid.read(tmp_path)
    assert merged.name == "The manifest's name"  # the manifest stated it: it wins
    assert merged.origins["name"].file == str(tmp_path / "osaid.yaml")
    assert merged.version is None  # identity is the manifest's whole: never its name + a version
    assert "version" not in merged.origins
    copied = osaid.read(copy)  # the same facts, located in the copy
    for name in fields:
        if name in ("name", "version"):
            continue
        assert getattr(merged, name) == getattr(copied, name), name
        assert merged.origins[name] == copied.origins[name], name
        assert merged.origins[name].file == str(copy)


@pytest.mark.parametrize("fmt", sorted(READER_SAMPLES))
def test_merge_keeps_what_a_higher_source_left_unsaid(fmt: str, tmp_path: Path) -> None:
    """The same, through merge() directly, with the minimal manifest ranked first."""
    alone = osaid.read(READER_SAMPLES[fmt][0])
    manifest_path = tmp_path / "osaid.yaml"
    manifest_path.write_text(MINIMAL, encoding="utf-8")
    manifest = osaid.read(manifest_path)
    merged = merge([manifest, alone], Source(file=str(tmp_path), format="directory"))
    for name in _set_fields(alone):
        if name not in ("name", "version"):  # the identity is the manifest's, whole
            assert getattr(merged, name) == getattr(alone, name), name
            assert merged.origins[name] == alone.origins[name]


def test_identity_comes_whole_from_the_best_source(tmp_path: Path) -> None:
    """A MOF file and a card: name and version both the MOF file's (it ranks higher)."""
    shutil.copyfile(MOT_MODELS / "Amber.yml", tmp_path / "Amber.yml")
    (tmp_path / "README.md").write_text("---\nlicense: apache-2.0\n---\n# Card name\n", "utf-8")
    merged = osaid.read(tmp_path)
    mof = osaid.read(tmp_path / "Amber.yml")
    assert (merged.name, merged.version) == (mof.name, mof.version)
    assert merged.origins["name"].file == merged.origins["version"].file


def test_merge_refuses_a_value_without_an_origin() -> None:
    """A reader bug (a value without an origin) is refused instead of silently dropped."""
    base = ReleaseBase(name="base", origin=Origin(file="card.md", key="base_model", line=2))
    careless = Release(base_models=(base,), source=Source(file="card.md", format="hf-model-card"))
    manifest = Release(
        name="x",
        source=Source(file="osaid.yaml", format="osaid-manifest"),
        origins={"name": Origin(file="osaid.yaml", key="name", line=2)},
    )
    assert unattributed(careless) == ["base_models"]
    with pytest.raises(UnattributedValueError, match="set base_models without recording"):
        merge([manifest, careless], Source(file=".", format="directory"))
    assert issubclass(UnattributedValueError, osaid.OsaidError)  # one line, exit 2, no traceback


def _fine_tune_repository(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    text = CONFORMANT.read_text(encoding="utf-8")
    (repo / "osaid.yaml").write_text(text, encoding="utf-8")
    (repo / "docs").mkdir()
    for name in ("DATASHEET.md", "data-sources.md"):
        (repo / "docs" / name).write_text("# data\n", encoding="utf-8")
    assert osaid.check(repo).conformant  # conformant before the card says it is a fine-tune
    (repo / "README.md").write_text(FINE_TUNE_CARD, encoding="utf-8")
    return repo


def test_card_base_model_survives_a_directory_manifest(tmp_path: Path, run_cli: CliRunner) -> None:
    """The issue's example: a fine-tune's card beside an osaid.yaml is no longer conformant."""
    repo = _fine_tune_repository(tmp_path)
    report = osaid.check(repo)
    assert report.release.base_model == "meta-llama/Llama-3.1-8B"
    assert not report.conformant
    derived = [
        r
        for r in report.results
        if "/derivation/" in r.requirement and r.status is not osaid.Status.NOT_APPLICABLE
    ]
    assert derived
    assert all(r.status is osaid.Status.MISSING for r in derived)
    assert all(r.evidence[0].file.endswith("README.md") for r in derived)
    assert derived[0].evidence[0].line == 3
    assert run_cli("check", repo).code == 1


def test_card_base_model_survives_its_own_osaid_block(write: Writer) -> None:
    """An ``osaid:`` block that does not repeat ``base_model`` keeps the card's."""
    card = (DATA / "cards" / "with-manifest.md").read_text(encoding="utf-8")
    card = card.replace("license: apache-2.0\n", "license: apache-2.0\nbase_model: org/base\n", 1)
    assert "base_model" in card
    path = write("README.md", card)
    release = osaid.read(path)
    assert release.base_model is not None
    assert release.base_model.name == "org/base"
    assert release.origins["base_models"].line == 3
    report = osaid.check(path)
    assert report.release.base_model == "org/base"
    assert any(
        r.status is osaid.Status.MISSING for r in report.results if "/derivation/" in r.requirement
    )


def test_a_higher_source_that_states_the_field_still_wins_and_says_so(tmp_path: Path) -> None:
    """A manifest's own base_model wins over the card's, and the disagreement is a warning."""
    manifest = MINIMAL + "base_model:\n  name: org/declared\n"
    (tmp_path / "osaid.yaml").write_text(manifest, encoding="utf-8")
    (tmp_path / "README.md").write_text(FINE_TUNE_CARD, encoding="utf-8")
    release = osaid.read(tmp_path)
    assert release.base_model is not None
    assert release.base_model.name == "org/declared"
    [conflict] = release.base_model.conflicts  # kept on the base used, for the check to judge
    assert "osaid.yaml:3 says the base model is 'org/declared'" in conflict.message
    assert "README.md:3 says the base model is 'meta-llama/Llama-3.1-8B'" in conflict.message
    assert conflict.origin is not None
    assert conflict.origin.line == 3
    report = osaid.check(tmp_path)
    based = [r for r in report.results if "/derivation/base-" in r.requirement]
    failing = [r for r in based if r.status is Status.FAIL]
    assert failing
    assert all("the sources disagree on the base model" in r.summary for r in failing)
    assert all(r.remediation and "README.md:3" in r.remediation for r in failing)
    warned = osaid.check(tmp_path, policy=osaid.Policy(conflicts="warn"))
    assert not any("disagree" in r.summary for r in warned.results)
    assert any(w.code == "base-model-conflict" for w in warned.warnings)
    graded = osaid.check(tmp_path, "mof-1.0")
    assert any(w.code == "base-model-conflict" for w in graded.warnings)


def test_the_osaid_block_states_only_what_it_writes(write: Writer) -> None:
    """A card's ``osaid:`` block without a name keeps the card's name and its origin."""
    path = write("card.md", "---\nlicense: mit\nosaid:\n  version: '2'\n---\n\n# Heading Name\n")
    release = osaid.read(path)
    assert (release.name, release.version) == ("Heading Name", "2")
    assert release.origins["name"] == Origin(file=str(path), key="heading", line=7)
    assert release.origins["version"].key == "osaid.version"
