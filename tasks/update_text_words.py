"""Regenerate ``licenses/spdx-text-words.json``: how many words each SPDX licence text has.

Run with ``python tasks/update_text_words.py --license-list-xml PATH --xml-revision REV``, where
PATH is a checkout of https://github.com/spdx/license-list-XML (CC0-1.0 data). ``--check`` with
the same arguments exits 1 when the committed file differs.

osaid identifies licence texts with a pattern matcher (``licenseclassifier``) whose patterns
accept a licence's standard notice as well as its full text, under the same id: a one-line
"Licensed under the Apache License, Version 2.0" comes back as ``Apache-2.0`` covering the whole
file. To tell a full text from a notice, osaid compares the words of the matched region with
the words of the licence's own text. That word count is taken here from each ``src/*.xml``
``<text>`` element without the parts a copy may leave out: ``<optional>`` (the Apache appendix,
the Creative Commons preambles), ``<titleText>``, ``<copyrightText>`` and any
``<standardLicenseHeader>``; an ``<alt>`` counts with its default wording. Words are counted
exactly as osaid counts the matched region (``osaid.licensing._texts.count_words``).
"""

from __future__ import annotations

import argparse
import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from osaid.licensing._texts import count_words

OUTPUT = Path(__file__).resolve().parents[1] / "licenses" / "spdx-text-words.json"
_NS = "{http://www.spdx.org/license}"
_LEFT_OUT = {f"{_NS}{tag}" for tag in ("optional", "titleText", "copyrightText")}
_LEFT_OUT.add(f"{_NS}standardLicenseHeader")


def _core_text(element: ET.Element) -> str:
    """The text of ``element`` without the parts a copy of the licence may leave out."""
    parts = [element.text or ""]
    for child in element:
        if child.tag not in _LEFT_OUT:
            parts.append(_core_text(child))
        parts.append(child.tail or "")
    return " ".join(parts)


def read_words(directory: Path) -> dict[str, int]:
    """Licence id -> words of its core text, for every ``src/*.xml`` with a ``<text>``."""
    words: dict[str, int] = {}
    for path in sorted((directory / "src").glob("*.xml"), key=lambda p: p.name.lower()):
        root = ET.parse(path).getroot()  # noqa: S314 - SPDX's own XML from a local checkout
        for license_ in root.iter(f"{_NS}license"):
            text = license_.find(f"{_NS}text")
            identifier = license_.get("licenseId")
            if text is not None and identifier:
                words[identifier] = count_words(_core_text(text))
    return words


def build(directory: Path, revision: str) -> dict[str, Any]:
    """The file's content: its source, how it was made, and the counts."""
    return {
        "source": f"spdx/license-list-XML {revision}, src/*.xml <text>",
        "generated_by": "tasks/update_text_words.py --license-list-xml",
        "rule": (
            "words of each licence's <text> without <optional>, <titleText>, <copyrightText> "
            "and <standardLicenseHeader>, counted as osaid counts a matched region"
        ),
        "words": dict(sorted(read_words(directory).items(), key=lambda i: i[0].lower())),
    }


def render(data: dict[str, Any]) -> str:
    """Stable JSON, one licence per line."""
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write the file, or with ``--check`` compare it with the committed one."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--license-list-xml", type=Path, required=True, metavar="PATH")
    parser.add_argument("--xml-revision", required=True, help="that checkout's tag or commit")
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    args = parser.parse_args(argv)
    text = render(build(args.license_list_xml, args.xml_revision))
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            print(f"{OUTPUT} is stale: run tasks/update_text_words.py", file=sys.stderr)
            return 1
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
