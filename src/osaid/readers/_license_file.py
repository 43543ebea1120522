"""Recognise the licence of a repository's LICENSE file, conservatively, for ``osaid init``.

The text is identified by :mod:`osaid.licensing._texts` (the licenseclassifier matcher for
SPDX licences, the phrase rules of ``licenses/ai-license-phrases.toml`` for AI licences, and
``SPDX-License-Identifier`` lines). Only a clear answer pre-fills the manifest: the full text
of one licence, or notices that all name the same valid expression. A GNU text that does not
say "only" or "or later", several licence texts, a file that only mentions a licence, or one
that cannot be read gives a hint for the note ``init`` prints, and nothing is assumed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from osaid.licensing import Identification, Method, TextKind, identify, identify_file

__all__ = ["NAMES", "LicenseGuess", "find", "guess"]

NAMES = ("LICENSE", "LICENSE.md", "LICENSE.txt", "LICENCE", "LICENCE.md", "COPYING", "COPYING.md")
"""Licence file names looked for at the top of a directory, in this order."""


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
            return _from(identify_file(path, name))
    return None


def guess(name: str, text: str) -> LicenseGuess:
    """Identify licence file ``name``: one clear licence, or a hint, or nothing."""
    return _from(identify(text, name))


def _from(found: Identification) -> LicenseGuess:
    expression = found.expression
    if expression is not None:
        return LicenseGuess(found.name, spdx=expression)
    malformed = next((e.license for e in found.found if e.malformed), None)
    if malformed is not None:
        return LicenseGuess(found.name, hint=f"its SPDX-License-Identifier '{malformed}'")
    return LicenseGuess(found.name, hint=_hint(found))


def _hint(found: Identification) -> str | None:
    """What the file looks like when it names no single licence, as a noun phrase."""
    if found.kind is TextKind.UNREADABLE:
        return f"a file that cannot be read (it {found.reason})"
    texts = [e for e in found.found if e.full_text]
    if len(texts) == 1 and texts[0].choices:
        return " or ".join(texts[0].choices)
    named = ", ".join(found.licenses)
    if found.kind is TextKind.MENTION:
        how = {e.method for e in found.found}
        verb = "names" if how <= {Method.SPELLING, Method.PHRASES} else "quotes part of"
        return f"a text that {verb} {named}, not a licence text"
    return f"several licences ({named})" if found.found else None
