"""Read osaid's TOML data files (definitions, licence tables) with located errors.

tomli is the project that became the standard library's ``tomllib``; its wheels are compiled
with mypyc and parse osaid's shipped data about three times faster (about 10 ms to 3.5 ms of
every cold start), with the same results. Where no compiled wheel exists it runs as pure
Python, exactly like ``tomllib``.

Definition files may come from a directory of the user's (``$OSAID_DEFINITIONS_PATH``), which
can sit inside the repository being checked, so they are read like any input: only regular
files (a FIFO is refused, never waited on), at most :data:`MAX_DATA_FILE_BYTES`, UTF-8, and
every failure, nesting too deep included, is one located error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import tomli

from osaid._errors import OsaidError, Problem
from osaid._files import FileRefusedError, read_regular
from osaid._limits import describe_size

MAX_DATA_FILE_BYTES = 1024 * 1024
"""Largest TOML data file read (1 MiB): the largest shipped one is about 55 KB."""


def read_toml(path: Path, error: type[OsaidError]) -> dict[str, Any]:
    """Parse ``path``; an unreadable file or invalid TOML raises ``error`` naming the file."""
    name = str(path)
    try:
        content = read_regular(path, MAX_DATA_FILE_BYTES)
    except FileRefusedError as exc:
        raise error(Problem(exc.reason, file=name)) from None
    if len(content) > MAX_DATA_FILE_BYTES:
        limit = describe_size(MAX_DATA_FILE_BYTES)
        raise error(Problem(f"is larger than {limit}; not read", file=name))
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise error(
            Problem(f"is not UTF-8 text (byte offset {exc.start} cannot be decoded)", file=name)
        ) from None
    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        raise error(Problem(f"invalid TOML: {exc}", file=name)) from None
    except RecursionError:  # tomli's own bound on nesting, or Python's
        raise error(Problem("invalid TOML: nested too deeply", file=name)) from None
