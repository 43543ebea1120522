"""Inputs without files: ``check_text`` and ``check_data`` read what a file would hold, the same.

A crawler holds cards as text or bytes and metadata as dictionaries. Each must give the
report the file gives (up to the name the input is labelled with), and be refused where the
file would be: an ``OsaidError`` for a bad value, ``TypeError`` for a wrong type.
"""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

import osaid
from osaid.readers._card import split_front_matter

DATA = Path(__file__).parent / "data"
EXAMPLES = Path(__file__).parent.parent / "examples"
CARDS = sorted((DATA / "cards").glob("*.md"))
MANIFESTS = sorted(EXAMPLES.glob("*/osaid.yaml"))
SBOMS = [
    DATA / "cyclonedx" / "model.cdx.json",
    DATA / "cyclonedx" / "fine-tune.cdx.json",
    DATA / "spdx" / "chat-assistant.spdx.json",
    DATA / "spdx" / "summarizer-aibom.spdx3.json",
]

api: Any = osaid
"""The library, untyped: some calls pass values its annotations rule out on purpose."""


def _relabelled(report: osaid.Report, name: str) -> dict[str, Any]:
    """The report as JSON data with every mention of the input's name replaced by ``name``."""
    text = report.model_dump_json()
    for label in (report.input, Path(report.input).name):  # messages name the file's base name
        text = text.replace(json.dumps(label)[1:-1], name)
    data: dict[str, Any] = json.loads(text)
    return data


def _front_matter(card: Path) -> dict[str, Any]:
    parts = split_front_matter(card.read_text(encoding="utf-8"))
    assert parts is not None
    data = yaml.safe_load(parts[0]) or {}
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize("path", CARDS + MANIFESTS + SBOMS, ids=lambda p: p.name)
def test_text_and_bytes_give_the_files_report(path: Path) -> None:
    """``check_text`` of a file's text, or of its bytes, is the file's report, relabelled."""
    by_file = osaid.check(path)
    raw = path.read_bytes()
    from_text = osaid.check_text(raw.decode("utf-8"), name="in-memory")
    from_bytes = osaid.check_text(raw, name="in-memory")
    assert from_text == from_bytes
    assert from_text.input == "in-memory"
    assert _relabelled(from_text, "X") == _relabelled(by_file, "X")


def test_text_is_named_readme_unless_named() -> None:
    report = osaid.check_text(CARDS[0].read_text(encoding="utf-8"))
    assert report.input == "README.md"
    assert report.input_format == "hf-model-card"


@pytest.mark.parametrize("path", MANIFESTS + SBOMS, ids=lambda p: p.name)
def test_parsed_documents_give_the_files_verdict_and_results(path: Path) -> None:
    """A manifest or SBOM parsed by the caller is read as the file is (detected by content)."""
    text = path.read_text(encoding="utf-8")
    data = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    by_file = osaid.check(path)
    from_data = osaid.check_data(data, name=str(path))
    assert from_data.input_format == by_file.input_format
    assert from_data.verdict == by_file.verdict
    assert [(r.requirement, r.status) for r in from_data.results] == [
        (r.requirement, r.status) for r in by_file.results
    ]
    for result in from_data.results:  # the caller's data has keys but no lines
        assert all(e.line is None for e in result.evidence)


@pytest.mark.parametrize("card", CARDS, ids=lambda p: p.name)
def test_card_metadata_dict_gives_the_cards_results(card: Path) -> None:
    """A card's metadata dict (``ModelCardData.to_dict()``) judges as its front matter does."""
    by_file = osaid.check(card)
    from_data = osaid.check_data(_front_matter(card), format="card", name="meta")
    assert from_data.input_format == "hf-model-card"
    assert [(r.requirement, r.status) for r in from_data.results] == [
        (r.requirement, r.status) for r in by_file.results
    ]


def test_card_metadata_is_not_guessed() -> None:
    """Any mapping could be a card's metadata: without ``format='card'`` it is not assumed."""
    with pytest.raises(osaid.InputError, match=r"format='card'"):
        osaid.check_data({"license": "mit"})
    report = osaid.check_data({"license": "mit"}, format="card")
    assert report.input == "<data>"


def test_dates_and_tuples_pass_as_a_yaml_file_would_give_them() -> None:
    data = {"license": "apache-2.0", "tags": ("a", "b"), "created": datetime.date(2024, 1, 2)}
    assert osaid.check_data(data, format="card").input_format == "hf-model-card"


def test_a_format_named_must_be_the_inputs() -> None:
    card = CARDS[0].read_text(encoding="utf-8")
    assert osaid.check_text(card, format="card") == osaid.check_text(card)
    manifest = MANIFESTS[0].read_text(encoding="utf-8")
    assert osaid.check_text(manifest, format="osaid-manifest").input_format == "osaid-manifest"
    with pytest.raises(osaid.InputError, match="is not a Hugging Face model card"):
        osaid.check_text(manifest, format="card")
    with pytest.raises(osaid.InputError, match="is not a CycloneDX BOM"):
        osaid.check_data(yaml.safe_load(manifest), format="cyclonedx")
    with pytest.raises(osaid.UsageError, match="did you mean 'card'"):
        osaid.check_text(card, format="crad")


REFUSED_TEXT: dict[str, tuple[object, dict[str, Any], str]] = {
    "NUL byte": (b"---\nlicense: mit\n---\n\x00", {}, "NUL byte at offset 21"),
    "NUL in text": ("---\nlicense: mit\n---\n\x00", {}, "NUL byte at offset 21"),
    "not UTF-8": (b"---\nlicense: \xff\n---\n", {}, "not UTF-8 text (invalid byte at offset 13)"),
    "lone surrogate": ("---\nlicense: \ud800\n---\n", {}, "lone surrogate"),
    "bytes over the limit": (b"x" * 11, {"max_input_bytes": 10}, "input limit of 10 bytes"),
    "UTF-8 over the limit": ("\u00e9" * 6, {"max_input_bytes": 11}, "input limit of 11 bytes"),
    "not recognised": ("just: yaml\n", {}, "format not recognised"),
    "invalid YAML": ("---\nlicense: [\n---\n", {}, "invalid YAML"),
    "empty name": ("---\n---\n", {"name": ""}, "name"),
    "bad limit": ("---\n---\n", {"max_input_bytes": 0}, "max_input_bytes"),
}


@pytest.mark.parametrize("case", REFUSED_TEXT, ids=str)
def test_bad_text_is_an_osaid_error_naming_the_input(case: str) -> None:
    text, options, message = REFUSED_TEXT[case]
    with pytest.raises(osaid.OsaidError, match=re.escape(message)) as caught:
        api.check_text(text, **options)
    argument = case in {"empty name", "bad limit"}
    assert isinstance(caught.value, osaid.UsageError if argument else osaid.InputError)
    assert caught.value.file == (None if argument else "README.md")


def test_a_bom_is_dropped_and_the_limit_counts_utf8_bytes() -> None:
    text = CARDS[0].read_text(encoding="utf-8")
    assert osaid.check_text("\ufeff" + text) == osaid.check_text(text)
    size = len(text.encode("utf-8"))
    assert osaid.check_text(text, max_input_bytes=size).input == "README.md"
    with pytest.raises(osaid.InputError, match="input limit"):
        osaid.check_text(text, max_input_bytes=size - 1)


def _cycle() -> dict[str, Any]:
    data: dict[str, Any] = {"manifest": "osaid/1"}
    data["self"] = data
    return data


def _wide(width: int) -> dict[str, Any]:
    return {"manifest": "osaid/1", "items": list(range(width))}


def _deep(depth: int) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for _ in range(depth):
        data = {"a": data}
    return {"manifest": "osaid/1", "deep": data}


def _laughs() -> dict[str, Any]:
    level: list[Any] = ["lol"] * 10
    for _ in range(8):  # ten references to the level below, eight times: 10**9 values
        level = [level] * 10
    return {"manifest": "osaid/1", "laughs": level}


REFUSED_DATA: dict[str, tuple[Any, dict[str, Any], str, str | None]] = {
    "a key that is not text": ({"a": {1: "x"}}, {}, "key that is not text", "a"),
    "a set": ({"a": [set()]}, {}, "not set", "a[0]"),
    "bytes": ({"license": b"mit"}, {"format": "card"}, "not bytes", "license"),
    "NaN": ({"a": float("nan")}, {}, "finite number", "a"),
    "NUL": ({"license": "m\x00it"}, {"format": "card"}, "NUL character", "license"),
    "surrogate": ({"license": "\udc80"}, {"format": "card"}, "lone surrogate", "license"),
    "cycle": (_cycle(), {}, "contains itself", "self"),
    "too deep": (_deep(150), {}, "nesting deeper than 100 levels", None),
    "too many values": (_wide(300_000), {}, "more than 209715 values", None),
    "aliases expanded": (_laughs(), {}, "more than 209715 values", None),
    "too much text": ({"license": "x" * 100}, {"max_input_bytes": 50}, "input limit", None),
    "manifest invalid": ({"manifest": "osaid/1"}, {}, "required key is missing", "name"),
}


@pytest.mark.parametrize("case", REFUSED_DATA, ids=str)
def test_bad_data_is_an_osaid_error_at_its_key(case: str) -> None:
    data, options, message, key = REFUSED_DATA[case]
    with pytest.raises(osaid.InputError, match=message) as caught:
        osaid.check_data(data, name="meta.json", **options)
    assert caught.value.file == "meta.json"
    if key is not None:
        assert caught.value.key is not None
        assert caught.value.key.startswith(key)
    assert caught.value.line is None


WRONG_TYPES: dict[str, tuple[Any, str]] = {
    "text an int": (lambda: api.check_text(5), "str or bytes"),
    "text a dict": (lambda: api.check_text({}), "check_data"),
    "data a list": (lambda: api.check_data([]), "mapping"),
    "data text": (lambda: api.check_data("license: mit"), "check_text"),
    "format an int": (lambda: api.check_text("x", format=1), "format must be a str"),
    "name an int": (lambda: api.check_data({}, name=1), "name must be a str"),
    "check of bytes": (lambda: api.check(b"---\n"), "check_text"),
    "check of a dict": (lambda: api.check({}), "check_data"),
}


@pytest.mark.parametrize("case", WRONG_TYPES, ids=str)
def test_a_wrong_type_is_a_type_error_naming_what_is_accepted(case: str) -> None:
    call, message = WRONG_TYPES[case]
    with pytest.raises(TypeError, match=message):
        call()


def test_check_of_text_says_to_call_check_text() -> None:
    """``check(card_text)`` used to say "no such file" about the whole card."""
    with pytest.raises(osaid.InputError, match=r"check_text") as caught:
        osaid.check(CARDS[0].read_text(encoding="utf-8"))
    assert "\n" not in str(caught.value)
