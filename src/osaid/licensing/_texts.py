"""Identify what a LICENSE, COPYING, NOTICE or README text is, conservatively.

One call, :func:`identify` (or :func:`identify_file` for a path), answers with one
:class:`Identification` of a kind:

- ``licence-text``: the full text of one licence: an SPDX id recognised by the
  ``licenseclassifier`` matcher (a pure-Python port of google/licensecheck, BSD-3-Clause, pinned
  in pyproject.toml), or the catalogue id of an AI licence recognised by the phrase rules of
  ``licenses/ai-license-phrases.toml``;
- ``several-texts``: several different full texts in one file (dual or multiple licensing):
  each is reported, and no single licence is assumed for the file;
- ``notice``: a notice or header naming a licence (``SPDX-License-Identifier:``, "Licensed under
  the Apache License, Version 2.0", the MPL Exhibit A, a GNU "how to apply" notice);
- ``mention``: prose that names licences without being a licence text or a notice (a README);
- ``not-recognised``: nothing above, so nothing is assumed;
- ``unreadable``: the file could not be read as text (binary, too large, not a regular file).

What the matcher is trusted with, and how far:

- it must recognise at least :data:`CONFIDENCE_THRESHOLD` of the file's words as licence text
  (the library's own default, 75 %); below that its matches are only mentions;
- its patterns accept a licence's notice under the same id as its full text, so a match counts
  as the full text only when it has at least :data:`FULL_TEXT_SHARE` of the words of that
  licence's SPDX text (``licenses/spdx-text-words.json``); otherwise it is a notice;
- a GNU full text does not say "only" or "or later" (that is said in the notice a project puts
  in its files), and the matcher rightly answers with the deprecated id (``GPL-2.0``): the
  identification keeps both choices (``GPL-2.0-only``, ``GPL-2.0-or-later``, from the SPDX
  successor data) and gives no expression;
- only the first :data:`MAX_MATCHED_CHARS` characters are matched: real licence texts are
  shorter (GPL-3.0 is 35 KB), and the matcher's time and memory grow with its input.

The matcher is imported on the first identification only, so a check that reads no licence
text does not pay for loading it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from osaid._files import FileRefusedError, read_regular
from osaid._limits import MAX_INPUT_BYTES, describe_size
from osaid._spdx_tags import COMMENT_ENDS, find_tags
from osaid.licensing._data import LicenseData, shipped_license_data
from osaid.licensing._expression import MalformedExpression, parse_expression
from osaid.licensing._text_tables import (
    normalise,
    shipped_phrase_rules,
    shipped_spellings,
    shipped_text_words,
    tokens,
)

__all__ = [
    "CONFIDENCE_THRESHOLD",
    "FULL_TEXT_SHARE",
    "MAX_MATCHED_CHARS",
    "Evidence",
    "Identification",
    "Method",
    "TextKind",
    "count_words",
    "identify",
    "identify_file",
    "mentions",
]

CONFIDENCE_THRESHOLD = 0.75
"""Share of a file's words the matcher must recognise as licence text before anything is
assumed (licenseclassifier's and licensecheck's default coverage threshold, 75 %)."""

FULL_TEXT_SHARE = 0.6
"""A matched region is the licence's full text when it has at least this share of the words of
that licence's SPDX text; else it is a notice. On the SPDX test texts and the corpus in
tests/data/licence-texts/, full texts have 0.95 or more and notices 0.08 or less."""

MAX_MATCHED_CHARS = 64 * 1024
"""Only the first 64 Ki characters of a text are identified (and the result says so): the
longest common licence texts (GPL-3.0, AGPL-3.0) are about 35 KB, and matching a 10 MiB file
whole would take seconds."""

MAX_FOUND = 20
"""At most this many distinct licences are reported for one text (and distinct SPDX tags
parsed)."""

SHOWN_CHARS = 100
"""A malformed tag's value is kept to this many characters, so a message stays readable."""

_WORD = re.compile(r"\w+")


def count_words(text: str) -> int:
    """Words as osaid counts them: runs of letters, digits and underscores."""
    return sum(1 for _ in _WORD.finditer(text))


class TextKind(str, Enum):
    """What a text is, from the strongest evidence found in it."""

    LICENCE_TEXT = "licence-text"
    SEVERAL_TEXTS = "several-texts"
    NOTICE = "notice"
    MENTION = "mention"
    NOT_RECOGNISED = "not-recognised"
    UNREADABLE = "unreadable"


class Method(str, Enum):
    """How a licence was found in a text."""

    MATCHER = "matcher"
    """The licenseclassifier patterns (SPDX licences)."""
    PHRASES = "phrases"
    """A rule of licenses/ai-license-phrases.toml (AI licences)."""
    SPDX_TAG = "spdx-tag"
    """An ``SPDX-License-Identifier:`` line."""
    SPELLING = "spelling"
    """A licence's id or name written in prose."""


@dataclass(frozen=True)
class Evidence:
    """One licence found in a text, where, and how."""

    license: str
    """An SPDX id, an AI licence's catalogue id, or (for an SPDX tag) the expression written."""
    method: Method
    line: int
    """The line (from 1) where the evidence starts."""
    full_text: bool = False
    """True for a full licence text, False for a notice or a mention."""
    confidence: float | None = None
    """For the matcher, the share of the file's words it recognised as licence text (0 to 1).
    For a phrase rule, 1.0: the rule is all or nothing (every phrase and enough words). None
    for tags and spellings, which are read as written."""
    choices: tuple[str, ...] = ()
    """The ids the text may stand for when it does not say which (a GNU text: ``-only`` or
    ``-or-later``); empty when the licence is certain."""
    key: str | None = None
    """The ai-licenses.toml key, for a licence of the catalogue."""
    malformed: bool = False
    """An ``SPDX-License-Identifier`` whose value is not a valid SPDX expression (``license``
    then holds its first :data:`SHOWN_CHARS` characters); it states no licence."""


@dataclass(frozen=True)
class Identification:
    """What one text is (see the module docstring for the kinds)."""

    name: str
    kind: TextKind
    found: tuple[Evidence, ...] = ()
    truncated: bool = False
    """Only the first :data:`MAX_MATCHED_CHARS` characters were identified."""
    reason: str | None = None
    """Why the text could not be read (kind ``unreadable``), in words fit for a message."""
    notes: tuple[str, ...] = field(default=())
    """What else the user should know (a match that is not an SPDX id, a capped list)."""

    @property
    def licenses(self) -> tuple[str, ...]:
        """The distinct licences found, strongest evidence first."""
        return tuple(dict.fromkeys(e.license for e in self.found))

    @property
    def ambiguous(self) -> bool:
        """A text was found whose licence the text itself does not settle (a GNU text)."""
        return any(e.choices for e in self.found)

    @property
    def expression(self) -> str | None:
        """The one licence this file states, when certain.

        That is a single full text, or notices that all name the same licence; None for several
        texts, mentions, ambiguous GNU texts and anything not recognised.
        """
        if self.kind not in (TextKind.LICENCE_TEXT, TextKind.NOTICE) or self.ambiguous:
            return None
        stated = {
            e.license for e in self.found if e.method is not Method.SPELLING and not e.malformed
        }
        return stated.pop() if len(stated) == 1 else None

    @property
    def confidence(self) -> float | None:
        """The lowest confidence of the full texts found (None when none was found)."""
        scores = [e.confidence for e in self.found if e.full_text and e.confidence is not None]
        return min(scores) if scores else None

    def describe(self) -> str:
        """What the text is, in a phrase for messages (``the full text of MIT``...)."""
        return _describe(self)


def identify(text: str, name: str) -> Identification:
    """Identify ``text`` (the content of file ``name``; the name is only reported)."""
    text = text.removeprefix("\ufeff")
    truncated = len(text) > MAX_MATCHED_CHARS
    head = text[:MAX_MATCHED_CHARS]
    data = shipped_license_data()
    lines = _Lines(head)
    texts, mentions = _phrases(head)
    matched, coverage, notes = _matcher(head, lines, data, beside_ai_text=bool(texts))
    notices = _tags(head, lines, data)
    if coverage >= CONFIDENCE_THRESHOLD or texts:
        texts += [e for e in matched if e.full_text]
        notices += [e for e in matched if not e.full_text and not _absorbed(e, texts, data)]
    else:
        mentions += [_as_mention(e) for e in matched]
    if not texts and not notices:
        mentions += _spellings(head)
    kind, found = _decide(texts, notices, mentions)
    if len(found) > MAX_FOUND:
        notes.append(f"only the first {MAX_FOUND} of {len(found)} licences found are listed")
        found = found[:MAX_FOUND]
    if truncated:
        notes.append(f"only the first {MAX_MATCHED_CHARS // 1024} Ki characters were identified")
    return Identification(name, kind, tuple(found), truncated, None, tuple(notes))


def identify_file(
    path: str | Path, name: str | None = None, max_bytes: int = MAX_INPUT_BYTES
) -> Identification:
    """Identify the file at ``path``; a file that cannot be read is ``unreadable``, never raised.

    Only a regular file is read (a FIFO or device is refused at once), at most ``max_bytes``
    (the input limit); a binary or non-UTF-8 file is refused with the offset of the first
    offending byte.
    """
    shown = name if name is not None else str(path)
    try:
        raw = read_regular(path, max_bytes)
    except FileRefusedError as exc:
        return _unreadable(shown, exc.reason)
    if len(raw) > max_bytes:
        return _unreadable(shown, f"is larger than the input limit of {describe_size(max_bytes)}")
    nul = raw.find(b"\x00")
    if nul >= 0:
        return _unreadable(shown, f"is binary (NUL byte at offset {nul}), not a licence text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _unreadable(shown, f"is not UTF-8 text (invalid byte at offset {exc.start})")
    return identify(text, shown)


def _unreadable(name: str, reason: str) -> Identification:
    return Identification(name, TextKind.UNREADABLE, reason=reason)


class _Lines:
    """Line numbers of character offsets, found by bisecting the line starts."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def at(self, offset: int) -> int:
        """The line (from 1) holding character ``offset``."""
        return bisect_right(self.starts, offset)


# -- AI licences: phrase rules -------------------------------------------------------------


def _phrases(text: str) -> tuple[list[Evidence], list[Evidence]]:
    flat = " ".join(normalise(text).split())
    words = count_words(text)
    texts, mentions = [], []
    for rule in shipped_phrase_rules():
        if rule.title not in flat:
            continue
        line = _line_of(text, rule.title)
        if all(phrase in flat for phrase in rule.phrases) and words >= rule.min_words:
            texts.append(Evidence(rule.id, Method.PHRASES, line, True, 1.0, key=rule.key))
        else:
            mentions.append(Evidence(rule.id, Method.PHRASES, line, key=rule.key))
    return texts, mentions


def _line_of(text: str, title: str) -> int:
    """The first line holding the whole title (1 when the title spans lines)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if title in " ".join(normalise(line).split()):
            return number
    return 1


# -- SPDX licences: the matcher ------------------------------------------------------------


def _matcher(
    text: str, lines: _Lines, data: LicenseData, *, beside_ai_text: bool
) -> tuple[list[Evidence], float, list[str]]:
    """Every region the matcher recognises, each a full text or not, and the file's coverage.

    The matcher is asked for every region (threshold 0) and the threshold is applied here, to
    the share of the file's words inside its regions, so that regions below it can still be
    reported as mentions. Regions whose id is not on the shipped SPDX list are left out, with
    a note. Beside an AI licence text (which the matcher cannot cover), only full texts count.
    """
    # imported here: loading the matcher must not cost a check that reads no licence text
    from licenseclassifier import identify_license  # noqa: PLC0415

    regions = identify_license(text, coverage_threshold=0.0)
    total = count_words(text)
    covered = sum(count_words(text[r.start : r.end]) for r in regions)
    coverage = round(covered / total, 4) if total else 0.0
    sizes = shipped_text_words()
    found: list[Evidence] = []
    notes: list[str] = []
    for region in regions:
        spdx = data.licenses.get(region.id.lower())
        if spdx is None:
            notes.append(f"the matcher's '{region.id}' is not an SPDX id; it was left out")
            continue
        size = sizes.get(spdx.id.lower())
        words = count_words(text[region.start : region.end])
        full = size is not None and words >= FULL_TEXT_SHARE * size
        if beside_ai_text and not full:
            continue
        choices: tuple[str, ...] = ()
        if full and spdx.deprecated and spdx.successor and spdx.successor_or_later:
            choices = (spdx.successor, spdx.successor_or_later)
        line = lines.at(_first_word(text, region.start))
        found.append(Evidence(spdx.id, Method.MATCHER, line, full, coverage, choices))
    return found, coverage, notes


def _first_word(text: str, offset: int) -> int:
    match = _WORD.search(text, offset)
    return match.start() if match else offset


def _family(license_id: str, data: LicenseData) -> set[str]:
    """The id and the ids SPDX replaced it with (``LGPL-2.1`` -> ``-only``, ``-or-later``)."""
    spdx = data.licenses.get(license_id.lower())
    members = {license_id}
    if spdx is not None:
        members.update(s for s in (spdx.successor, spdx.successor_or_later) if s)
    return members


def _absorbed(notice: Evidence, texts: list[Evidence], data: LicenseData) -> bool:
    """Whether a notice belongs to a full text in the same file.

    The GNU "how to apply" section and the Apache appendix are part of the licence text, not a
    statement of their own.
    """
    return any(notice.license in _family(t.license, data) for t in texts)


def _as_mention(evidence: Evidence) -> Evidence:
    return Evidence(evidence.license, evidence.method, evidence.line, False, evidence.confidence)


# -- notices and mentions ------------------------------------------------------------------


def _tags(text: str, lines: _Lines, data: LicenseData) -> list[Evidence]:
    """The ``SPDX-License-Identifier`` lines, each checked as an SPDX expression."""
    found: dict[str, Evidence] = {}
    for offset, expression in _tag_expressions(text):
        if expression in found:
            continue
        if len(found) == MAX_FOUND:
            break
        try:
            parse_expression(expression, data)
        except MalformedExpression:
            shown = expression[:SHOWN_CHARS] + ("..." if len(expression) > SHOWN_CHARS else "")
            evidence = Evidence(shown, Method.SPDX_TAG, lines.at(offset), malformed=True)
        else:
            evidence = Evidence(expression, Method.SPDX_TAG, lines.at(offset))
        found[expression] = evidence
    return list(found.values())


def _tag_expressions(text: str) -> Iterable[tuple[int, str]]:
    """Each tag's expression, without a closing Markdown code backtick.

    An SPDX expression never holds a backtick, and REUSE notes often quote the tag line as code.
    """
    for offset, written in find_tags(text, COMMENT_ENDS):
        expression = written.rstrip("`").strip()
        if expression:
            yield offset, expression


def mentions(text: str) -> list[Evidence]:
    """Licences named in prose in ``text`` (a card's body), each with its line; nothing more.

    The same spellings :func:`identify` uses for a mention: a name or id with a version
    ("Apache 2.0"), an AI licence's title; a bare "MIT" is not one.
    """
    return _spellings(text)


def _spellings(text: str) -> list[Evidence]:
    """Licence names and ids written in prose, the longest spelling first at each word.

    A spelling is looked for within one line: across a line break, the end of one sentence and
    the start of the next ("...model_doc/llama" then "2. Make sure") would read as a name.
    """
    index = shipped_spellings()
    found: list[Evidence] = []
    for number, line in enumerate(text.splitlines(), start=1):
        words = tokens(line)
        position = 0
        while position < len(words):
            hit = _spelling_at(words, position, index.get(words[position], ()))
            if hit is None:
                position += 1
                continue
            length, license_id = hit
            found.append(Evidence(license_id, Method.SPELLING, number))
            position += length
    return found


def _spelling_at(
    words: list[str], position: int, candidates: Iterable[tuple[tuple[str, ...], str]]
) -> tuple[int, str] | None:
    for spelling, license_id in candidates:
        if tuple(words[position : position + len(spelling)]) == spelling:
            return len(spelling), license_id
    return None


# -- the answer ------------------------------------------------------------------------


def _distinct(evidence: list[Evidence]) -> list[Evidence]:
    seen: dict[str, Evidence] = {}
    for item in evidence:
        seen.setdefault(item.license, item)
    return list(seen.values())


def _decide(
    texts: list[Evidence], notices: list[Evidence], mentions: list[Evidence]
) -> tuple[TextKind, list[Evidence]]:
    if texts:
        distinct = _distinct(texts)
        kind = TextKind.LICENCE_TEXT if len(distinct) == 1 else TextKind.SEVERAL_TEXTS
        return kind, distinct + _distinct(notices)
    if notices:
        return TextKind.NOTICE, _distinct(notices)
    if mentions:
        return TextKind.MENTION, _distinct(mentions)
    return TextKind.NOT_RECOGNISED, []


def _describe(result: Identification) -> str:
    if result.kind is TextKind.UNREADABLE:
        return f"not read: it {result.reason}"
    if result.kind is TextKind.NOT_RECOGNISED:
        return "no licence text recognised"
    texts = [e for e in result.found if e.full_text]
    if result.kind is TextKind.LICENCE_TEXT:
        return "the full text of " + _one_text(texts[0])
    if result.kind is TextKind.SEVERAL_TEXTS:
        return "several licence texts: " + ", ".join(_one_text(e) for e in texts)
    where = ", ".join(
        f"{e.license} (line {e.line}{', not a valid SPDX expression' if e.malformed else ''})"
        for e in result.found
    )
    if result.kind is TextKind.NOTICE:
        return f"a notice naming {where}, not a full licence text"
    return f"a text that mentions {where}, not a licence text or notice"


def _one_text(evidence: Evidence) -> str:
    if evidence.choices:
        first, second = evidence.choices
        return f"{evidence.license}, which does not say whether {first} or {second} is meant"
    return evidence.license
