"""Key paths: how osaid names a place in a document (``components[0].license``).

Every located problem and every piece of evidence names the key the user wrote, in the form
users read: dots between keys, ``[n]`` for list items, and ``"quotes"`` around a key that
could otherwise pass for a path. Kept apart from the parsers so that every stage (readers,
definitions, licence data, reports) builds and reads key paths the same way.
"""

from __future__ import annotations

__all__ = ["join_key", "key_parent", "location", "quote_key"]

_SPECIAL_IN_KEYS = frozenset(".[]\"'\\ ")
"""Characters that make a key quoted in a key path, with whitespace and control characters
(which ``str.isprintable`` rejects): otherwise a key could pass for a path."""


def quote_key(key: str) -> str:
    """A key as it appears in a key path: bare when ordinary, else ``"quoted"``.

    Inside the quotes a backslash and a double quote are escaped with a backslash, so a key
    literally named ``osaid.components[0].license`` becomes one segment,
    ``"osaid.components[0].license"``, and can never collide with that nested path.
    """
    if key and key.isprintable() and _SPECIAL_IN_KEYS.isdisjoint(key):
        return key
    return '"' + key.replace("\\", "\\\\").replace('"', '\\"') + '"'


def join_key(parent: str, key: str | int) -> str:
    """Extend a key path the way users read it: ``a.b[2].c``, quoting unusual keys (``a."b.c"``).

    ``key`` is one key as written in the document (an ``int`` is a list index); a path of
    several keys is built by joining each in turn.
    """
    if isinstance(key, int):
        return f"{parent}[{key}]"
    segment = quote_key(key)
    return f"{parent}.{segment}" if parent else segment


def key_parent(key: str) -> str:
    """The enclosing key path of ``key`` (``a."b.c"[0]`` -> ``a."b.c"`` -> ``a`` -> ``""``).

    The inverse of :func:`join_key`: a trailing ``[n]`` is an index, a trailing quote ends a
    quoted key (found by scanning back to the first unescaped quote), anything else is a bare
    key after the last dot. A malformed path still yields a shorter one, never an error.
    """
    if key.endswith("]"):
        bracket = key.rfind("[")
        if bracket >= 0:
            return key[:bracket]
    if key.endswith('"') and len(key) > 1:
        quote = _opening_quote(key)
        if quote is not None:
            return key[: max(quote - 1, 0)]
    return key.rpartition(".")[0]


def _opening_quote(key: str) -> int | None:
    """Where the quoted segment that ends ``key`` opens (None when no quote opens it)."""
    position = len(key) - 1
    while True:
        position = key.rfind('"', 0, position)
        if position < 0:
            return None
        backslashes = 0
        while position - backslashes > 0 and key[position - backslashes - 1] == "\\":
            backslashes += 1
        if backslashes % 2 == 0 and (position == 0 or key[position - 1] == "."):
            return position


def location(file: str, line: int | None, unknown: str = "") -> str:
    """``file:line``, the way every report and message writes a place in a file.

    Without a line it is the file alone, or ``file:`` and ``unknown`` (``"?"``) when a format
    keeps the column: lines start at 1, so a line of 0 is unknown too.
    """
    if line:
        return f"{file}:{line}"
    return f"{file}:{unknown}" if unknown else file
