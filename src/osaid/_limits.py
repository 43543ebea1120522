"""Limits on what one input may cost (kept apart so ``import osaid`` can name them cheaply).

Structural limits of parsed documents (nodes, depth, alias expansion) live in
``osaid.readers._document``, and licence-expression limits in ``osaid.licensing._expression``.
"""

from __future__ import annotations

MAX_INPUT_BYTES = 10 * 1024 * 1024
"""Default size limit for one input file (10 MiB); larger inputs are refused, not truncated.
``osaid check --max-input-size`` and the ``max_input_bytes`` arguments raise it."""

MAX_INPUT_BYTES_LIMIT = 1024**4
"""The largest input limit that may be asked for (1 TiB): an input is read into memory whole,
so a larger limit could only overflow the reader instead of refusing the file."""

MAX_LICENSE_TEXT = 250_000
"""Characters of distinct licence expressions parsed for one input, counted separately for
declared licences and for ``SPDX-License-Identifier`` lines in the repository: about a third of
a second of parsing. Parsing costs about 1.5 us a character, so without a budget a crafted
10 MiB manifest of distinct long expressions took 15 s; past it an expression is a failing
finding, not parsed. Real releases use a few dozen short expressions."""


_UNITS = {"": 1, "b": 1, "kib": 1024, "mib": 1024**2, "gib": 1024**3, "tib": 1024**4}


def describe_size(size: int) -> str:
    """A byte count the way limits are written: ``10 MiB`` when exact, else ``1234 bytes``."""
    for unit in ("TiB", "GiB", "MiB", "KiB"):
        factor = _UNITS[unit.lower()]
        if size >= factor and size % factor == 0:
            return f"{size // factor} {unit}"
    return f"{size} bytes"


def parse_size(text: str) -> int:
    """Parse ``10MiB``, ``512 KiB`` or ``20000000`` (bytes) into a positive byte count.

    Raises ``ValueError`` with a message fit for the command line.
    """
    number, unit = text.strip(), ""
    for suffix in ("kib", "mib", "gib", "tib", "b"):
        if number.lower().endswith(suffix):
            number, unit = number[: -len(suffix)].strip(), suffix
            break
    if not number.isdigit() or int(number) <= 0:
        raise ValueError(f"'{text}' is not a size (write bytes, or e.g. 512KiB, 50MiB, 1GiB)")
    return int(number) * _UNITS[unit]


MAX_REPORTED_PROBLEMS = 100
"""Problems of one unreadable input that ``osaid check`` reports (on stderr and in every
format); the rest are counted ("and 40 more problems"). A manifest with a wrong type in each
of a thousand components would otherwise print a thousand lines of the same mistake."""
