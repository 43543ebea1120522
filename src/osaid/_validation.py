"""Turn validation errors into located, human-sized problems, with a did-you-mean.

Users see the key they wrote and the line it is on, plus a did-you-mean for misspelt keys and
values, instead of pydantic's Python-oriented wording.
"""

from __future__ import annotations

import difflib
import heapq
from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol

from osaid._errors import Problem
from osaid._keys import join_key

if TYPE_CHECKING:
    from pydantic import ValidationError
    from pydantic_core import ErrorDetails


class Locator(Protocol):
    """Where a key path is written: a parsed input (with lines) or a data file (without)."""

    def problem(self, key: str, message: str) -> Problem:
        """A problem located at ``key``."""
        ...


def key_path(loc: Iterable[str | int], root: str = "") -> str:
    """Join a pydantic ``loc`` tuple into a user key path below ``root``."""
    path = root
    for part in loc:
        path = join_key(path, part)
    return path


MAX_SUGGESTED_LENGTH = 100
"""Words longer than this get no did-you-mean: misspelt keys, values and ids are short, and
comparing two strings costs time that grows with the product of their lengths."""

MAX_CANDIDATES = 100
"""At most this many candidates, those closest in length to the word, are compared with it:
comparing an unknown CycloneDX reference with each of a 2 MB BOM's bom-refs took 39 s."""

_CUTOFF = 0.6


def suggest(word: str, choices: Iterable[str]) -> str:
    """Return ``"; did you mean 'x'?"`` when a close match exists, else an empty string.

    Only candidates whose length allows a similarity of at least 0.6 can match (difflib's ratio
    is at most ``2 * shorter / (both lengths)``), so the others are dropped without comparing;
    of the rest, the :data:`MAX_CANDIDATES` closest in length are compared. The word itself is
    never suggested: a key valid elsewhere (``notes`` on a component) written where it is not
    allowed read "unknown key; did you mean 'notes'?".
    """
    if len(word) > MAX_SUGGESTED_LENGTH:
        return ""
    size = len(word)
    options = {c for c in choices if 10 * min(size, len(c)) >= 3 * (size + len(c))}
    options.discard(word)
    closest = heapq.nsmallest(MAX_CANDIDATES, options, key=lambda c: (abs(len(c) - size), c))
    match = difflib.get_close_matches(word, sorted(closest), n=1, cutoff=_CUTOFF)
    if not match:
        folded = word.lower().replace("_", "-")
        match = sorted(c for c in options if folded == c.lower())
    return f"; did you mean '{match[0]}'?" if match else ""


def problems(
    error: ValidationError, doc: Locator, root: str, vocabulary: Iterable[str]
) -> list[Problem]:
    """Convert ``error`` into problems located in ``doc``; ``vocabulary`` lists valid keys."""
    known = list(vocabulary)
    found = []
    for item in error.errors(include_url=False):
        loc = [part for part in item["loc"] if not _is_union_tag(part)]
        key = key_path(loc, root)
        found.append(doc.problem(key, _message(item, loc, known)))
    return found


def _is_union_tag(part: str | int) -> bool:
    return isinstance(part, str) and part.startswith(("function-", "union["))


def _message(item: ErrorDetails, loc: list[str | int], known: list[str]) -> str:
    kind = item["type"]
    if kind == "extra_forbidden":
        name = str(loc[-1]) if loc else "?"
        return f"unknown key{suggest(name, known)}"
    if kind == "missing":
        return "required key is missing"
    if kind == "enum":
        ctx = item.get("ctx")
        expected = str(ctx.get("expected", "")) if isinstance(ctx, dict) else ""
        values = [v.strip().strip("'") for v in expected.replace(" or ", ",").split(",")]
        given = item.get("input")
        hint = suggest(str(given), [v for v in values if v])
        return f"'{given}' is not one of the allowed values{hint or ': ' + expected}"
    if kind in {"string_type", "bool_type", "int_type", "list_type", "dict_type", "model_type"}:
        wanted = {
            "string_type": "text",
            "bool_type": "true or false",
            "int_type": "a whole number",
            "list_type": "a list",
            "dict_type": "a mapping",
            "model_type": "a mapping",
        }[str(kind)]
        got = type(item.get("input")).__name__
        quotable = {"int", "float", "bool", "date", "datetime"}
        extra = " (quote it)" if kind == "string_type" and got in quotable else ""
        return f"must be {wanted}, not {got}{extra}"
    return str(item["msg"])
