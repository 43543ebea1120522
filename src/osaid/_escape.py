r"""Make text taken from an input safe to show: reports and error lines go to terminals.

Input is untrusted (a pull request can put anything in a manifest), so every character that can
drive a terminal or change how text reads is shown as a ``\uXXXX`` escape instead: C0 and C1
controls other than tab and newline, the bidirectional controls of "Trojan Source"
(CVE-2021-42574), the Unicode line and paragraph separators (which split one printed line into
two), and lone surrogates (which cannot even be encoded).

One escaping for every output format:

- text formats (text, hook, Markdown, JUnit, error lines) show each such character as the six
  characters ``\uXXXX`` (:func:`safe`, :func:`safe_line`);
- machine formats (JSON, SARIF) keep controls and bidi characters, which JSON escapes itself,
  but a lone surrogate becomes the same six characters (:func:`encodable`): UTF-8 cannot encode
  it and RFC 8259 §8.2 leaves a ``"\ud800"`` escape to each parser's mercy. A non-UTF-8 file
  name (``os.fsdecode`` turns byte ``0xff`` into ``\udcff``) therefore reads ``\udcff.yaml``.

Every output is valid UTF-8 whatever the input held.
"""

from __future__ import annotations

import json
import os
import re
import shlex
from typing import Any

_UNSAFE_RANGES = (
    (0x00, 0x08),  # C0 controls except tab and newline
    (0x0B, 0x1F),
    (0x7F, 0x9F),  # DEL and C1 controls
    (0x061C, 0x061C),  # bidi marks (ALM, LRM, RLM)
    (0x200E, 0x200F),
    (0x202A, 0x202E),  # bidi embeddings and overrides
    (0x2066, 0x2069),  # bidi isolates
    (0x2028, 0x2029),  # line and paragraph separators
    (0xD800, 0xDFFF),  # lone surrogates
)


def _table(ranges: tuple[tuple[int, int], ...]) -> dict[int, str]:
    return {c: f"\\u{c:04x}" for low, high in ranges for c in range(low, high + 1)}


_SAFE = _table(_UNSAFE_RANGES)
_SAFE_LINE = {**_SAFE, **_table(((0x0A, 0x0A),))}
_ENCODABLE = _table(((0xD800, 0xDFFF),))
# ``str.translate`` with a table: one C pass. A regular expression with a replacement function
# called once per character made 10 MiB of control characters take about five seconds.


def safe(text: str) -> str:
    """Escape what could drive a terminal; everything else (accents, emoji, tabs) stays."""
    return text.translate(_SAFE)


def safe_line(text: str) -> str:
    """Like :func:`safe`, and newlines too: for messages promised to be one line."""
    return text.translate(_SAFE_LINE)


def shell_word(path: str) -> str:
    """``path`` as a POSIX shell reads it back unchanged, for the commands osaid suggests.

    A user pastes a suggested ``osaid check PATH`` into a shell, and a file name in a pull
    request can hold shell syntax (``x;touch pwned;/osaid.yaml``, ``$(...)``) or start with
    ``-`` (``-obad/osaid.yaml`` would be read as ``-o bad/osaid.yaml``): the path is quoted
    when it needs it, and follows ``--`` when it starts with ``-``.
    """
    quoted = shlex.quote(path)
    return f"-- {quoted}" if path.startswith("-") else quoted


def encodable(text: str) -> str:
    r"""Lone surrogates as ``\uXXXX``, all else unchanged: text every UTF-8 encoder accepts."""
    return text.translate(_ENCODABLE)


def encodable_data(value: Any) -> Any:
    """JSON-like data with :func:`encodable` applied to every string, keys included.

    For machine formats written from data that may hold surrogates (dicts, lists, strings and
    numbers, as ``model_dump(mode="json")`` and ``json.loads`` make them).
    """
    if isinstance(value, str):
        return encodable(value)
    if isinstance(value, dict):
        return {encodable_data(k): encodable_data(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [encodable_data(item) for item in value]
    return value


def quiet_json(text: str) -> str:
    r"""ASCII JSON text with DEL escaped too (``\u007f``), so no raw control character is left.

    ``json.dumps(..., ensure_ascii=True)`` escapes C0 controls and everything past ASCII, but
    writes DEL as it is; an escape is equally valid JSON.
    """
    return text.replace("\x7f", "\\u007f") if "\x7f" in text else text


_SURROGATE_ESCAPE = re.compile(r"\\ud[89a-f]")


def _has_surrogate_escape(text: str) -> bool:
    r"""Whether ASCII JSON ``text`` holds a ``\udXXX`` escape (not an escaped ``\\``).

    A literal pattern lets the regular-expression engine skip ahead; the backslashes before a
    match are counted by hand: an odd run means the match's backslash is itself escaped.
    """
    for match in _SURROGATE_ESCAPE.finditer(text):
        before = match.start()
        while before and text[before - 1] == "\\":
            before -= 1
        if (match.start() - before) % 2 == 0:
            return True
    return False


def dumps(data: Any, indent: int = 2) -> str:
    """``json.dumps`` as ASCII, with lone surrogates and DEL escaped (see above).

    The data is walked (:func:`encodable_data`) only when the fast dump shows a surrogate
    escape: astral characters, which ASCII JSON writes as surrogate pairs, or real surrogates.
    """
    text = json.dumps(data, indent=indent)
    if _has_surrogate_escape(text):
        text = json.dumps(encodable_data(data), indent=indent)
    return quiet_json(text)


def fs_bytes(path: str) -> bytes:
    r"""The bytes of a file name as the file system holds them (for URIs and hashes).

    ``os.fsencode`` gives back the original bytes of a name it decoded (surrogateescape); a
    surrogate it did not make (``"\ud800"`` from a JSON string) is kept as its UTF-8-style
    bytes (surrogatepass) rather than failing.
    """
    try:
        return os.fsencode(path)
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogatepass")
