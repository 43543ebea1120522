"""Text encodings: UTF-8, and UTF-16/UTF-32 with a byte order mark (spdx-tools' UTF-16 files)."""

from __future__ import annotations

import codecs

import pytest

import osaid
from conftest import DATA, EXAMPLES, Writer
from osaid import InputError

REAL = DATA / "real" / "docs"


@pytest.mark.parametrize(
    "name", ["spdx2-tv-toolspy-utf16.spdx", "spdx2-json-toolspy-utf16.spdx.json"]
)
def test_utf16_spdx_with_a_bom_reads_like_its_utf8_twin(name: str) -> None:
    """spdx-tools' UTF-16 files (LE, BOM, CRLF) were "binary content (NUL byte at offset 3)"."""
    report = osaid.check(REAL / name)
    assert report.input_format == "spdx-2"
    assert report.release.name == "SPDX-Tools-v2.0"
    names = {c.component for r in report.results for c in r.components}
    assert "glibc 2.11.1" in names


@pytest.mark.parametrize(
    ("codec", "mark"),
    [
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-32-le", codecs.BOM_UTF32_LE),
        ("utf-32-be", codecs.BOM_UTF32_BE),
    ],
)
def test_a_manifest_in_utf16_or_utf32_with_a_bom_reads_as_in_utf8(
    write: Writer, codec: str, mark: bytes
) -> None:
    """The same manifest in each Unicode encoding with its mark gives the same report."""
    text = (EXAMPLES / "conformant" / "osaid.yaml").read_text(encoding="utf-8")
    path = write("osaid.yaml", "")
    path.write_bytes(mark + text.encode(codec))
    report = osaid.check(path)
    expected = osaid.check(EXAMPLES / "conformant" / "osaid.yaml")
    assert report.verdict == expected.verdict
    assert [(r.requirement, r.status) for r in report.results] == [
        (r.requirement, r.status) for r in expected.results
    ]


def test_utf16_without_a_bom_is_still_refused_as_binary(write: Writer) -> None:
    """Without a mark the encoding would be a guess: the NUL bytes are named, as before."""
    path = write("osaid.yaml", "")
    path.write_bytes("manifest: osaid/1\n".encode("utf-16-le"))
    with pytest.raises(InputError, match=r"binary content \(NUL byte at offset 1\)"):
        osaid.check(path)


def test_invalid_utf16_after_a_bom_names_the_encoding(write: Writer) -> None:
    """A lone high surrogate after a UTF-16 mark is not UTF-16 text."""
    path = write("osaid.yaml", "")
    path.write_bytes(codecs.BOM_UTF16_LE + b"a\x00\x00\xd8")
    with pytest.raises(InputError, match=r"is not UTF-16 text \(invalid bytes at offset 4\)"):
        osaid.check(path)


@pytest.mark.parametrize(
    ("text", "looks_like"),
    [
        ("@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\n", "RDF Turtle"),
        ("Entry not found", "plain text"),
        ("Licensed under the terms below.\nSee: the file.\n", "plain text"),
        ('<?xml version="1.0"?>\n<bom xmlns="http://cyclonedx.org/schema/bom/1.6"/>', "CycloneDX"),
    ],
)
def test_no_format_osaid_reads_is_named_not_a_yaml_error(
    write: Writer, text: str, looks_like: str
) -> None:
    """A Turtle file, prose or CycloneDX XML: "not a format osaid reads (looks like ...)"."""
    with pytest.raises(InputError, match=rf"not a format osaid reads \(looks like {looks_like}"):
        osaid.check(write("input.txt", text))


def test_the_real_cc0_licence_text_is_named_plain_text() -> None:
    """The CC0 LICENSE of spdx-examples was "invalid YAML: mapping values are not allowed"."""
    with pytest.raises(InputError, match=r":1: not a format osaid reads \(looks like plain text\)"):
        osaid.check(REAL / "plain-LICENSE-cc0-spdxex-ai-example02.txt")


def test_broken_yaml_still_gets_its_yaml_error(write: Writer) -> None:
    """Text that starts like YAML keeps the parser's located message."""
    with pytest.raises(InputError, match=r"osaid.yaml:3: invalid YAML"):
        osaid.check(write("osaid.yaml", "manifest: osaid/1\nname: [x\n"))
