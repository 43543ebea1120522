"""A card's release name: front matter, then the repository folder, then a plain heading."""

from __future__ import annotations

import pytest

import osaid
from conftest import DATA, Writer
from osaid import InputError
from osaid.readers._card import heading, plain_title

REAL = DATA / "real" / "docs"


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("**Llama 2**", "Llama 2"),
        ("🚀 Falcon-7B", "Falcon-7B"),
        ("Model Card for Mixtral-8x7B", "Mixtral-8x7B"),
        ("Model Card for Model ID", None),
        ("[ALMA](https://github.com/fe1ixxu/ALMA) 7B", "ALMA 7B"),
        ("<b>`Amber`</b>", "Amber"),
    ],
)
def test_heading_markdown_is_stripped(title: str, name: str | None) -> None:
    """Headings as real cards write them; the template's placeholder names nothing."""
    assert plain_title(title) == name


def test_a_hash_line_in_a_code_block_is_no_heading() -> None:
    """ALMA-7B's card was named after '# Load base model and LoRA weights', a Python comment."""
    body = (REAL / "card-mit-alma-7b.md").read_text(encoding="utf-8").split("\n---\n", 1)[1]
    assert heading(body) != "Load base model and LoRA weights"
    assert heading("```\n# not a title\n```\n# Title\n") == "Title"
    assert heading("~~~~\n# inside\n~~~\n# still inside\n~~~~\n") is None


def test_model_name_in_the_front_matter_names_the_release(write: Writer) -> None:
    """EM German's `model_name: EM German` beat its first heading, 'Table of Contents'."""
    text = (REAL / "card-de-em-german-mistral.md").read_text(encoding="utf-8")
    report = osaid.check(write("some-folder/README.md", text))
    assert report.release.name == "EM German"


def test_a_readme_is_named_after_its_repository_folder(write: Writer) -> None:
    """A card with no name in its front matter is named like its Hub repository: the folder."""
    text = (REAL / "card-plain-amber.md").read_text(encoding="utf-8")
    assert osaid.check(write("Amber/README.md", text)).release.name == "Amber"


def test_a_card_not_called_readme_is_named_by_its_plain_heading(write: Writer) -> None:
    """Outside a repository folder the heading names it, without its Markdown."""
    text = "---\nlicense: mit\n---\n```\n# code\n```\n# **Tiny** model\n"
    assert osaid.check(write("cards/tiny.md", text)).release.name == "Tiny model"


def test_reuse_only_front_matter_is_no_model_card(write: Writer) -> None:
    """spdx-examples' README has only REUSE tags: it was read as a card with unlicensed weights."""
    path = REAL / "card-reuse-frontmatter-spdxex-sentiment.md"
    with pytest.raises(InputError, match="only REUSE licensing tags, not a model card"):
        osaid.check(path)
    folder = write("demo/README.md", path.read_text(encoding="utf-8")).parent
    write("demo/osaid.yaml", (DATA.parent.parent / "examples/conformant/osaid.yaml").read_text())
    report = osaid.check(folder)
    assert report.release.name == "Open Example LM"
    assert all(c.component != "model weights" for r in report.results for c in r.components)


def test_a_merge_without_base_models_is_said(write: Writer) -> None:
    """NeuralPipe-9B is tagged merge and names no base_model: a warning says what to add."""
    text = (REAL / "card-merge-neuralpipe-9b.md").read_text(encoding="utf-8")
    report = osaid.check(write("NeuralPipe-9B-merged/README.md", text))
    [note] = [w for w in report.warnings if w.code == "card-merge-without-base"]
    assert "base_model: [org/model-a, org/model-b]" in note.message
    assert note.evidence[0].key == "tags"
