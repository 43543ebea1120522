"""`osaid init`: a starter osaid.yaml pre-filled from the repository, placeholders for the rest."""

from __future__ import annotations

import argparse
import io
import os
import shutil
import stat
from pathlib import Path

import pytest
import yaml

import osaid
from conftest import DATA, MOT_MODELS
from osaid.cli._starter import InitResult, command, describe, init
from osaid.model import ComponentKind
from osaid.readers import _license_file
from osaid.report import Status

CARDS = DATA / "cards"
LICENCE_TEXTS = DATA / "licence-texts"
APACHE_TEXT = (LICENCE_TEXTS / "apache-2.0-serde.LICENSE-APACHE").read_text(encoding="utf-8")
MIT_TEXT = (LICENCE_TEXTS / "mit-serde.LICENSE-MIT").read_text(encoding="utf-8")
BSD3_TEXT = (LICENCE_TEXTS / "bsd-3-clause-flask.LICENSE.txt").read_text(encoding="utf-8")
GPL3_TEXT = (LICENCE_TEXTS / "gpl-3.0-shellcheck.LICENSE").read_text(encoding="utf-8")
CC_BY_NC_TEXT = (LICENCE_TEXTS / "cc-by-nc-4.0-alpaca.DATA_LICENSE").read_text(encoding="utf-8")
CC_BY_TEXT = (LICENCE_TEXTS / "cc-by-4.0-brian2.LICENSE").read_text(encoding="utf-8")
LLAMA_TEXT = (LICENCE_TEXTS / "ai-llama-3.1.LICENSE").read_text(encoding="utf-8")
ALL_KINDS = [
    "data-description",
    "unshareable-data-description",
    "public-data-listing",
    "third-party-data-listing",
    "data-preprocessing-code",
    "training-code",
    "training-configuration",
    "validation-and-testing-code",
    "supporting-libraries",
    "inference-code",
    "model-architecture",
    "model-parameters-final",
    "model-parameters-intermediate",
    "optimizer-state",
]


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` with its content, by relative path."""
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def results(path: Path) -> dict[str, Status]:
    return {r.requirement: r.status for r in osaid.check(path).results}


def inferred(result: InitResult) -> dict[str, tuple[str, str]]:
    return {i.what: (i.value, i.source) for i in result.inferred}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """An empty repository directory with a sibling file that must stay untouched."""
    (tmp_path / "outside.txt").write_text("not yours\n", encoding="utf-8")
    folder = tmp_path / "repo"
    folder.mkdir()
    return folder


class TestEmptyDirectory:
    def test_lists_every_item_as_a_placeholder_that_check_reports(self, repo: Path) -> None:
        """Nothing is known: every required item is present and fails or is missing."""
        result = init(repo)
        assert result.path == repo / "osaid.yaml"
        assert result.inferred == ()
        text = result.path.read_text(encoding="utf-8")
        for kind in ALL_KINDS:
            assert f"- kind: {kind}" in text, kind
        release = osaid.read(result.path)
        declared = {c.kind.value for c in release.components}
        assert declared == set(ALL_KINDS) - {"model-parameters-intermediate", "optimizer-state"}
        assert all(c.license and c.license.expression == "NOASSERTION" for c in release.components)
        report = osaid.check(result.path)
        assert not report.conformant
        blocking = {r.requirement for r in report.failing()}
        for element in ("data-information", "code", "parameters"):
            required = [
                r.requirement
                for r in report.results
                if r.element == element and r.affects_verdict and r.status != Status.NOT_APPLICABLE
            ]
            assert required
            assert set(required) <= blocking, element
        assert release.name == repo.name
        assert any(item.startswith("name:") for item in result.todo)
        assert any("training-code" in item for item in result.todo)

    def test_header_explains_each_section(self, repo: Path) -> None:
        """The file says what it is, how placeholders work and what each element needs."""
        text = init(repo).path.read_text(encoding="utf-8")
        head = text.split("manifest: osaid/1")[0]
        assert head.strip()
        assert all(line.startswith("#") for line in head.strip().splitlines())
        assert "NOASSERTION" in head
        assert "used: false" in head
        assert "Data information:" in head
        assert "Code:" in head
        assert "Parameters:" in head
        assert "OSI does not certify" in head
        assert "nothing: no model card, MOF file or LICENSE was found" in head

    def test_recommended_items_can_be_uncommented(self, repo: Path) -> None:
        """Commented-out recommended items become valid components when uncommented."""
        path = init(repo).path
        text = path.read_text(encoding="utf-8")
        lines = []
        active = False
        for line in text.splitlines():
            if line.startswith("  # - kind: "):
                active = True
            elif not line.startswith("  #   "):
                active = False
            lines.append("  " + line[4:] if active else line)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        kinds = {c.kind for c in osaid.read(path).components}
        assert ComponentKind.MODEL_PARAMETERS_INTERMEDIATE in kinds
        assert ComponentKind.OPTIMIZER_STATE in kinds

    def test_writes_nothing_outside_the_directory(self, repo: Path) -> None:
        """Only osaid.yaml appears; no temporary file is left behind."""
        before = tree(repo.parent)
        init(repo)
        after = tree(repo.parent)
        assert set(after) - set(before) == {"repo/osaid.yaml"}
        assert {k: v for k, v in after.items() if k in before} == before


class TestModelCard:
    def test_licence_and_datasets_are_carried_over(self, repo: Path) -> None:
        """The card's licence covers the weights; its datasets become the public listing."""
        shutil.copy(CARDS / "all-minilm.md", repo / "README.md")
        result = init(repo)
        found = inferred(result)
        assert found["name"][0] == "all-MiniLM-L6-v2"
        assert found["model-parameters-final licence"] == ("apache-2.0", "README.md:3 (license)")
        datasets = found["datasets"][0]
        assert "s2orc" in datasets
        assert "ms_marco" in datasets
        release = osaid.read(result.path)
        weights = [c for c in release.components if c.kind is ComponentKind.MODEL_PARAMETERS_FINAL]
        assert [c.license.expression for c in weights if c.license] == ["apache-2.0"]
        listing = [c for c in release.components if c.kind is ComponentKind.PUBLIC_DATA_LISTING]
        assert listing
        assert listing[0].notes is not None
        assert "flax-sentence-embeddings/stackexchange_xml" in listing[0].notes
        status = results(result.path)
        assert status["osaid-1.0/parameters/final"] is Status.PASS
        assert status["osaid-1.0/data-information/description"] is Status.FAIL
        assert status["osaid-1.0/code/training"] is Status.FAIL

    def test_base_model_is_preserved(self, repo: Path) -> None:
        """A fine-tune stays derived, with placeholders for what its base model must publish."""
        shutil.copy(CARDS / "llama-finetune.md", repo / "README.md")
        result = init(repo)
        assert inferred(result)["base_model"][0] == "meta-llama/Llama-3.1-8B-Instruct"
        release = osaid.read(result.path)
        assert release.base_model is not None
        assert release.base_model.name == "meta-llama/Llama-3.1-8B-Instruct"
        base_kinds = {c.kind.value for c in release.base_model.components}
        assert base_kinds == {"data-description", "training-code", "model-parameters-final"}
        status = results(result.path)
        assert status["osaid-1.0/parameters/final"] is Status.FAIL  # llama3.1, carried over
        assert status["osaid-1.0/derivation/base-code"] is Status.FAIL
        assert any(item.startswith("base model training-code") for item in result.todo)

    def test_directory_check_merges_card_and_starter(self, repo: Path) -> None:
        """`osaid check DIR` reads the starter next to the card it came from."""
        shutil.copy(CARDS / "all-minilm.md", repo / "README.md")
        init(repo)
        report = osaid.check(repo)
        assert report.input_format == "directory"
        assert not report.conformant


class TestOtherSources:
    def test_licence_file_is_detected(self, repo: Path) -> None:
        """An Apache-2.0 LICENSE is suggested for the code items, which stay placeholders."""
        (repo / "LICENSE").write_text(APACHE_TEXT, encoding="utf-8")
        result = init(repo)
        assert inferred(result)["repository licence"] == ("Apache-2.0", "LICENSE")
        text = result.path.read_text(encoding="utf-8")
        assert "from LICENSE (Apache-2.0)" in text
        assert "# TODO: Apache-2.0 as in LICENSE, if it covers this" in text
        assert results(result.path)["osaid-1.0/code/training"] is Status.FAIL
        assert "repository licence: Apache-2.0  (LICENSE)" in describe(result)

    def test_unrecognised_licence_file_assumes_nothing(self, repo: Path) -> None:
        """A GNU text does not say -only or -or-later: a note, no guess."""
        (repo / "COPYING").write_text(GPL3_TEXT, encoding="utf-8")
        result = init(repo)
        assert "repository licence" not in inferred(result)
        assert any("GPL-3.0-only or GPL-3.0-or-later" in n for n in result.notes), result.notes

    def test_ai_licence_text_is_detected(self, repo: Path) -> None:
        """The Llama 3.1 text pre-fills its catalogue id, which the check then fails."""
        (repo / "LICENSE").write_text(LLAMA_TEXT, encoding="utf-8")
        result = init(repo)
        expected = ("LicenseRef-scancode-llama-3.1-license-2024", "LICENSE")
        assert inferred(result)["repository licence"] == expected

    def test_binary_licence_file_is_a_note(self, repo: Path) -> None:
        """A LICENSE that is not text is named in a note; nothing is assumed, nothing raised."""
        (repo / "LICENSE").write_bytes(b"\x7fELF\x00\x01")
        result = init(repo)
        assert "repository licence" not in inferred(result)
        assert any("LICENSE" in n and "NUL byte at offset 4" in n for n in result.notes)

    def test_mof_file_components_are_carried_over(self, repo: Path) -> None:
        """MOF components become manifest components; data information stays to do."""
        shutil.copy(MOT_MODELS / "Amber.yml", repo / "Amber.yml")
        result = init(repo)
        assert inferred(result)["name"] == ("Amber", "Amber.yml:6")
        kinds = {c.kind.value: c for c in osaid.read(result.path).components}
        training = kinds["training-code"]
        assert training.license is not None
        assert training.license.expression == "Apache-2.0"
        assert kinds["data-description"].license is not None
        assert kinds["data-description"].license.expression == "NOASSERTION"
        assert "datasets" in kinds  # kept under "other components"

    def test_unusual_values_read_back_unchanged(self, repo: Path) -> None:
        """Names with YAML syntax in them are quoted, and comments cannot be broken out of."""
        name = "Model: v2 # beta [x]"
        (repo / "README.md").write_text(
            f"---\nlicense: mit\nmodel-index:\n- name: {yaml.safe_dump(name).split(chr(10))[0]}\n"
            "---\n# Title\n",
            encoding="utf-8",
        )
        result = init(repo)
        assert osaid.read(result.path).name == name


class TestExistingManifest:
    @pytest.mark.parametrize("name", ["osaid.yaml", "osaid.yml", "osaid.json"])
    def test_refuses_to_overwrite_without_force(self, repo: Path, name: str) -> None:
        """An existing manifest is never replaced silently (the CLI exits 2)."""
        existing = repo / name
        existing.write_text("keep me\n", encoding="utf-8")
        before = tree(repo)
        with pytest.raises(osaid.InputError, match="--force") as caught:
            init(repo)
        assert caught.value.file == str(existing)
        assert tree(repo) == before

    def test_force_overwrites(self, repo: Path) -> None:
        """With force, the starter replaces the manifest in place."""
        (repo / "osaid.yaml").write_text("old\n", encoding="utf-8")
        result = init(repo, force=True)
        assert result.path == repo / "osaid.yaml"
        assert result.replaced == (repo / "osaid.yaml",)
        assert osaid.read(result.path).components
        assert describe(result).startswith(f"Replaced {repo / 'osaid.yaml'}.")

    def test_force_replaces_a_json_manifest(self, repo: Path) -> None:
        """JSON cannot carry the comments, so osaid.json gives way to osaid.yaml."""
        (repo / "osaid.json").write_text("{}\n", encoding="utf-8")
        result = init(repo, force=True)
        assert sorted(tree(repo)) == ["osaid.yaml"]
        assert result.replaced == (repo / "osaid.json",)

    def test_failed_write_leaves_the_old_file(
        self, repo: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The write is atomic: on failure the old file is intact and no temporary remains."""
        (repo / "osaid.yaml").write_text("old\n", encoding="utf-8")

        def fail(self: Path, target: Path) -> Path:  # noqa: ARG001 - Path.replace's signature
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(Path, "replace", fail)
        with pytest.raises(osaid.InputError, match="cannot be written"):
            init(repo, force=True)
        assert tree(repo) == {"osaid.yaml": b"old\n"}

    def test_unwritable_directory_is_an_input_error(
        self, repo: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Even creating the temporary file can fail: one located error, nothing written."""

        def refuse(**_: object) -> tuple[int, str]:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr("tempfile.mkstemp", refuse)
        with pytest.raises(osaid.InputError, match="Permission denied") as caught:
            init(repo)
        assert caught.value.file == str(repo / "osaid.yaml")
        assert tree(repo) == {}


class TestCommand:
    def test_command_prints_what_was_written_and_what_to_fill_in(self, repo: Path) -> None:
        """The CLI handler writes the file and prints the summary; exit code 0."""
        out = io.StringIO()
        code = command(argparse.Namespace(directory=str(repo), force=False), out, io.StringIO())
        assert code == 0
        text = out.getvalue()
        assert text.startswith(f"Wrote {repo / 'osaid.yaml'}.")
        assert "Still to fill in" in text
        assert text.rstrip().endswith(f"osaid check {repo}")

    def test_not_a_directory(self, tmp_path: Path) -> None:
        """A missing directory is an input error."""
        with pytest.raises(osaid.InputError, match="is not a directory"):
            init(tmp_path / "missing")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (APACHE_TEXT, "Apache-2.0"),
        ("MIT License\n\nCopyright (c) 2024 Example\n\n" + MIT_TEXT, "MIT"),
        (BSD3_TEXT, "BSD-3-Clause"),
        ("Copyright 2024 X\n\nLicensed under the Apache License, Version 2.0\n", "Apache-2.0"),
        ("// SPDX-License-Identifier: MPL-2.0\n", "MPL-2.0"),
        (CC_BY_NC_TEXT, "CC-BY-NC-4.0"),
        (CC_BY_TEXT, "CC-BY-4.0"),
        (LLAMA_TEXT, "LicenseRef-scancode-llama-3.1-license-2024"),
        (GPL3_TEXT, None),  # only or or-later: the text does not say
        ("MIT License\n\nPermission is hereby granted", None),  # a title is not the text
        ("Attribution-NonCommercial 4.0 International\n\n=====", None),
        (MIT_TEXT + "\n" + APACHE_TEXT, None),  # two licences: unsure
        ("SPDX-License-Identifier: (MIT OR\n", None),  # malformed tag
        ("Proprietary. All rights reserved.\n", None),
        ("This project is licensed under the Apache 2.0 licence.\n", None),  # a mention
    ],
)
def test_licence_file_guess(text: str, expected: str | None) -> None:
    """Only a whole licence text, a notice or an SPDX tag names a licence; a title does not."""
    assert _license_file.guess("LICENSE", text).spdx == expected


class TestUntrustedRepository:
    """`osaid init` in a repository a stranger prepared (issue 10)."""

    @pytest.mark.parametrize(
        "name",
        [
            "Model \x80 x",  # a C1 control: YAML refuses it raw
            "Evil \u202e LM",  # a bidi override: reads as something else in review
            "Tab\tand \x1b[31mred",
            "Line\u2028split",
            "Not\ufffeYAML",
        ],
    )
    def test_a_card_name_is_written_escaped_and_reads_back(self, repo: Path, name: str) -> None:
        """A card name with U+0080 made init fail, naming an osaid.yaml it never wrote."""
        card = f"---\nlicense: apache-2.0\n---\n# {name}\n"
        (repo / "README.md").write_text(card, encoding="utf-8")
        result = init(repo)
        raw = (repo / "osaid.yaml").read_text(encoding="utf-8")
        assert osaid.read(repo / "osaid.yaml").name == name
        for char in name:
            if not char.isprintable() or char in "\u202e\u2028\ufffe":
                assert char not in raw.replace("\n", ""), repr(char)
        assert ("name", name) in {(i.what, i.value) for i in result.inferred}
        shown = describe(result)
        assert "\x1b" not in shown
        assert "\u202e" not in shown

    def test_a_manifest_that_would_not_read_back_names_no_file(
        self, repo: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """If the starter cannot be read back, nothing is written and no file is named as if
        it had been."""
        monkeypatch.setattr("osaid.cli._starter._Writer.text", lambda _self: "manifest: [\n")
        with pytest.raises(osaid.InputError) as caught:
            init(repo)
        message = str(caught.value)
        assert caught.value.file == str(repo)
        assert "nothing was written" in message
        assert str(repo / "osaid.yaml") not in message
        assert tree(repo) == {}

    @pytest.mark.skipif(not hasattr(os, "symlink"), reason="symbolic links")
    @pytest.mark.parametrize("dangling", [False, True])
    def test_a_linked_manifest_is_not_written_through(self, repo: Path, dangling: bool) -> None:
        """`--force` over `osaid.yaml -> ../outside.txt` used to overwrite the link's target."""
        outside = repo.parent / ("nowhere.txt" if dangling else "outside.txt")
        (repo / "osaid.yaml").symlink_to(outside)
        with pytest.raises(osaid.InputError, match="symbolic link") as caught:
            init(repo, force=True)
        assert caught.value.file == str(repo / "osaid.yaml")
        assert (repo / "osaid.yaml").is_symlink()
        assert (repo.parent / "outside.txt").read_text(encoding="utf-8") == "not yours\n"
        assert not (repo.parent / "nowhere.txt").exists()

    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs")
    def test_a_fifo_manifest_is_not_replaced_or_removed(self, repo: Path) -> None:
        """--force replaces regular files only; a FIFO is neither replaced nor unlinked."""
        os.mkfifo(repo / "osaid.yml")
        with pytest.raises(osaid.InputError, match="FIFO"):
            init(repo, force=True)
        assert stat.S_ISFIFO((repo / "osaid.yml").lstat().st_mode)
        assert sorted(p.name for p in repo.iterdir()) == ["osaid.yml"]

    def test_a_failed_rename_leaves_no_file(
        self, repo: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        def fail(*_args: object) -> Path:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(Path, "replace", fail)
        with pytest.raises(osaid.InputError, match="No space left"):
            init(repo)
        assert tree(repo) == {}

    def test_a_path_with_a_nul_is_an_input_error(self) -> None:
        with pytest.raises(osaid.InputError, match="not a directory"):
            init("a\x00b")


def test_init_points_placeholders_at_the_release_files_found(tmp_path: Path) -> None:
    """Weights, tokenizer and training code at the top: the starter's locations name them."""
    for name in ("model.safetensors", "tokenizer.json", "train.py"):
        (tmp_path / name).write_bytes(b"x")
    init(tmp_path)
    data = yaml.safe_load((tmp_path / "osaid.yaml").read_text(encoding="utf-8"))
    located = {c["kind"]: c.get("location") for c in data["components"]}
    assert located["model-parameters-final"] == "model.safetensors"
    assert located["tokenizer"] == "tokenizer.json"
    assert located["training-code"] == "train.py"
    report = osaid.check(tmp_path)
    assert not [w for w in report.warnings if w.code == "repository-inventory"]
