"""Find ``SPDX-License-Identifier:`` tags in text, in time linear in the text.

REUSE and SPDX write a file's licence as ``SPDX-License-Identifier: <expression>`` on one line,
usually inside a comment (SPDX specification 2.3, Annex E, "Using SPDX short identifiers in
source files"; https://spdx.dev/ids/).
The expression is what follows the tag on the same line, up to the end of the line or up to
the first comment terminator given (``*/``, ``-->``...), without surrounding blanks.

The patterns used before (a lazy expression between runs of blanks) backtracked over every
blank of a line: a run of spaces after the tag was quadratic, 32 KiB took 10 s. Here each
character is matched by one alternative only, so the scan never backtracks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

TAG = "SPDX-License-Identifier:"

COMMENT_ENDS = ("*/", "-->", "#}", '"""')
"""Comment terminators that end an expression written inside a one-line comment."""


def _pattern(ends: tuple[str, ...]) -> re.Pattern[str]:
    """The tag, then any run of characters that is neither a line end nor where ``ends`` start.

    A character that starts a terminator is matched alone with a lookahead saying that the
    rest of the terminator does not follow, so every character has exactly one way to match.
    """
    starts = sorted({end[0] for end in ends})
    plain = "".join(re.escape(c) for c in ["\r", "\n", *starts])
    alternatives = [f"[^{plain}]"]
    for first in starts:
        rests = "|".join(re.escape(end[1:]) for end in ends if end[0] == first)
        alternatives.append(f"{re.escape(first)}(?!{rests})")
    return re.compile(f"{re.escape(TAG)}(?P<expr>(?:{'|'.join(alternatives)})*)")


_PATTERNS: dict[tuple[str, ...], re.Pattern[str]] = {e: _pattern(e) for e in ((), COMMENT_ENDS)}


def find_tags(text: str, ends: tuple[str, ...] = ()) -> Iterator[tuple[int, str]]:
    """Yield (offset of the tag, its expression stripped) for every tag in ``text``.

    The expression may be empty (a tag with nothing after it on its line). ``ends`` must be
    ``()`` or :data:`COMMENT_ENDS`.
    """
    for match in _PATTERNS[ends].finditer(text):
        yield match.start(), match["expr"].strip()
