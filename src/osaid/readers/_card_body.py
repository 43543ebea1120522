"""A card's body read conservatively: a licence named in prose is reported, never declared.

Many cards state their licence only in the Markdown (a ``## License`` section, "governed by
the Meta Llama 3 Community License"). osaid does not take prose as a declaration (a sentence
can name a licence it does not grant: "unlike Apache 2.0, ..."), but it says what the body
names, with the line, and shows the front-matter line that would declare it. Licences are
found by the same spellings licence-text identification uses (``licenses/``: SPDX ids and
names, aliases, the AI-licence catalogue), within one line each.
"""

from __future__ import annotations

import re

from osaid.licensing import shipped_license_data
from osaid.licensing._texts import MAX_MATCHED_CHARS, Evidence, mentions
from osaid.model import Note, Origin

_SECTION = re.compile(r"^\s{0,3}#{1,6}\s*licen[cs](?:e|ing)\b", re.IGNORECASE)
"""A Markdown heading that opens a licence section (``## License``, ``### Licencing``)."""

_HUB_ID = re.compile(r"^[a-z0-9][a-z0-9.+-]*$")
"""The shape of a Hugging Face licence id (``apache-2.0``, ``llama3``)."""

SHOWN = 120
"""At most this many characters of the line are quoted."""


def body_licence_note(body: str, body_line: int, file: str) -> Note | None:
    """What the body says about a licence when the front matter declares none, or None."""
    head = body[:MAX_MATCHED_CHARS]
    lines = head.splitlines()
    found = mentions(head)
    section = next((n for n, line in enumerate(lines, start=1) if _SECTION.match(line)), None)
    if not found and section is None:
        return None
    if not found:
        line = body_line + (section or 1) - 1
        return Note(
            code="card-body-licence",
            message=(
                f"The card's body has a licence section ({location(file, line)}) but the front "
                "matter declares no licence, and osaid reads no licence from prose. Declare it "
                "in the front matter (`license: <id>`, or `license: other` with `license_name`)."
            ),
            origin=Origin(file=file, key="body", line=line),
        )
    first = _preferred(found, section, lines)
    line = body_line + first.line - 1
    quoted = lines[first.line - 1].strip()
    if len(quoted) > SHOWN:
        quoted = quoted[: SHOWN - 3] + "..."
    named = ", ".join(dict.fromkeys(e.license for e in found))
    return Note(
        code="card-body-licence",
        message=(
            f'The card\'s body names {named} ({location(file, line)}: "{quoted}"), mentioned in '
            "the body, not declared in the metadata: osaid does not take a licence from prose. "
            f"If that is the licence, add {front_matter_line(first.license)} to the front matter."
        ),
        origin=Origin(file=file, key="body", line=line),
    )


def location(file: str, line: int) -> str:
    from pathlib import PurePath  # noqa: PLC0415 - only when a note is written

    return f"{PurePath(file).name}:{line}"


def _preferred(found: list[Evidence], section: int | None, lines: list[str]) -> Evidence:
    """The first licence named inside the licence section, else the first named anywhere."""
    if section is not None:
        after = range(section + 1, len(lines) + 1)
        end = next((n for n in after if lines[n - 1].lstrip().startswith("#")), len(lines) + 1)
        inside = [e for e in found if section < e.line < end]
        if inside:
            return inside[0]
    return found[0]


def front_matter_line(license_id: str) -> str:
    """The front-matter line that declares ``license_id`` in a form osaid and the Hub read."""
    data = shipped_license_data()
    entry = next((e for e in data.catalogue.values() if e.id == license_id), None)
    if entry is None:
        return f"`license: {license_id.lower()}`"
    hub = next((a for a in entry.aliases if _HUB_ID.match(a)), None)
    if hub is not None:
        return f"`license: {hub}`"
    return f"`license: other` and `license_name: {entry.key}`"
