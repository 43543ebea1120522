r"""Make text taken from an input safe to show: reports and error lines go to terminals.

Input is untrusted (a pull request can put anything in a manifest), so every character that can
drive a terminal or change how text reads is shown as a ``\uXXXX`` escape instead: C0 and C1
controls other than tab and newline, the bidirectional controls of "Trojan Source"
(CVE-2021-42574), the Unicode line and paragraph separators (which split one printed line into
two), and lone surrogates (which cannot even be encoded).
"""

from __future__ import annotations

import re

_UNSAFE = re.compile(
    "["
    "\x00-\x08\x0b-\x1f"  # C0 controls except tab and newline
    "\x7f-\x9f"  # DEL and C1 controls
    "\u061c\u200e\u200f"  # bidi marks (ALM, LRM, RLM)
    "\u202a-\u202e"  # bidi embeddings and overrides
    "\u2066-\u2069"  # bidi isolates
    "\u2028\u2029"  # line and paragraph separators
    "\ud800-\udfff"  # lone surrogates
    "]"
)


_UNSAFE_IN_A_LINE = re.compile(f"{_UNSAFE.pattern}|\n")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def safe(text: str) -> str:
    """Escape what could drive a terminal; everything else (accents, emoji, tabs) stays.

    One regular-expression pass: reports of large batches are mostly safe text, and a
    character-by-character loop made escaping the slowest step of rendering them.
    """
    return _UNSAFE.sub(_escape, text)


def safe_line(text: str) -> str:
    """Like :func:`safe`, and newlines too: for messages promised to be one line."""
    return _UNSAFE_IN_A_LINE.sub(_escape, text)
