"""Recognise the licence of a repository's LICENSE file, conservatively.

Only the head of the file is read: an ``SPDX-License-Identifier`` line, or the title of a
well-known licence text. When the head is ambiguous (several licences, a GNU text that reads
the same for ``-only`` and ``-or-later``) or unknown, nothing is assumed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from osaid._errors import OsaidError
from osaid.licensing import MalformedExpression, parse_expression, shipped_license_data
from osaid.readers._document import read_text
from osaid.readers._spdx_tags import find_tags

__all__ = ["NAMES", "LicenseGuess", "find", "guess"]

NAMES = ("LICENSE", "LICENSE.md", "LICENSE.txt", "LICENCE", "LICENCE.md", "COPYING", "COPYING.md")
"""Licence file names looked for at the top of a directory, in this order."""

HEAD_LINES = 30
"""Only the first lines of a licence file are read."""

HEAD_CHARS = 8192
"""And of those, only the first characters: a licence's title or tag opens its text, and
searching a 10 MiB first line for every title took seconds."""

# Titles of licence texts (or notices naming them) looked for in the normalised head: lower
# case, whitespace collapsed. Two different titles there make the guess unsure.
_TITLES: tuple[tuple[str, str], ...] = (
    ("Apache-2.0", r"apache license,? version 2\.0\b"),
    ("MIT", r"(the )?mit license\b"),
    ("ISC", r"isc license\b"),
    ("BSD-2-Clause", r"bsd 2-clause license\b"),
    ("BSD-3-Clause", r"bsd 3-clause license\b"),
    ("MPL-2.0", r"mozilla public license,? version 2\.0\b"),
    ("BSL-1.0", r"boost software license - version 1\.0\b"),
    ("Unlicense", r"this is free and unencumbered software released into the public domain"),
    ("CC0-1.0", r"(creative commons legal code )?cc0 1\.0 universal\b"),
    ("CC-BY-4.0", r"(creative commons )?attribution 4\.0 international\b"),
    ("CC-BY-SA-4.0", r"(creative commons )?attribution-sharealike 4\.0 international\b"),
    ("CC-BY-NC-4.0", r"(creative commons )?attribution-noncommercial 4\.0 international\b"),
    ("CC-BY-ND-4.0", r"(creative commons )?attribution-noderivatives 4\.0 international\b"),
)
_GNU = re.compile(
    r"gnu (?P<name>(lesser |affero )?general public license),? version (?P<version>[0-9.]+)\b"
)
_GNU_IDS = {
    "general public license": "GPL",
    "lesser general public license": "LGPL",
    "affero general public license": "AGPL",
}


@dataclass(frozen=True)
class LicenseGuess:
    """The licence file found: its SPDX expression when certain, else a hint (or nothing)."""

    file: str
    spdx: str | None = None
    hint: str | None = None


def find(directory: Path) -> LicenseGuess | None:
    """Guess the licence of the first licence file at the top of ``directory``, if any."""
    root = directory.resolve()
    for name in NAMES:
        path = directory / name
        if path.is_file() and path.resolve().parent == root:  # no symlinks out of the directory
            try:
                return guess(name, read_text(path))
            except OsaidError:
                return LicenseGuess(name, hint="it could not be read as text")
    return None


def guess(name: str, text: str) -> LicenseGuess:
    """Match the head of licence file ``name``: one clear licence, or a hint, or nothing."""
    head = "\n".join(text[:HEAD_CHARS].splitlines()[:HEAD_LINES])
    tag = next((expression for _, expression in find_tags(head) if expression), None)
    if tag is not None:
        try:
            parse_expression(tag, shipped_license_data())
        except MalformedExpression:
            return LicenseGuess(name, hint=f"its SPDX-License-Identifier '{tag}'")
        return LicenseGuess(name, spdx=tag)
    flat = " ".join(head.replace("=", " ").split()).casefold()
    ids = {spdx for spdx, title in _TITLES if re.search(rf"(?<![\w-]){title}", flat)}
    gnu = _GNU.match(flat)
    if gnu is not None and not ids:
        family = f"{_GNU_IDS[gnu['name']]}-{gnu['version']}"
        return LicenseGuess(name, hint=f"{family}-only or {family}-or-later")
    if len(ids) == 1:
        return LicenseGuess(name, spdx=ids.pop())
    return LicenseGuess(name, hint=f"several licences ({', '.join(sorted(ids))})" if ids else None)
