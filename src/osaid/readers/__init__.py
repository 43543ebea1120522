"""Readers turn an input file into the canonical :class:`~osaid.model.Release`.

Formats are recognised by content, never by file name. Each reader is one module with a
``READER`` object; adding a format means adding a module and one line to ``_READERS``.
"""

from __future__ import annotations

import stat
from pathlib import Path

from osaid._document import Document, parse, read_text
from osaid._errors import InputError, Problem
from osaid._limits import MAX_INPUT_BYTES
from osaid.model import Release
from osaid.readers import _card, _cyclonedx, _mof, _native, _spdx2, _spdx3
from osaid.readers._base import Reader

_READERS: tuple[Reader, ...] = (
    _native.READER,
    _spdx2.READER,
    _spdx3.READER,
    _cyclonedx.READER,
    _card.READER,
    _mof.READER,
)

__all__ = ["Reader", "formats", "read_path", "read_text_as", "try_read"]


def formats() -> list[str]:
    """Names of the formats osaid can read, in detection order."""
    return [reader.name for reader in _READERS]


def read_path(path: str | Path, max_bytes: int = MAX_INPUT_BYTES) -> Release:
    """Read one file, or every release description in a directory, into one release.

    Each file read may be at most ``max_bytes`` long; a larger one is refused, not truncated.
    Anything but a directory or a regular file (a FIFO, a device) is refused without waiting.
    """
    if _is_directory(path):
        from osaid.readers._directory import read_directory  # noqa: PLC0415 - avoids a cycle

        return read_directory(Path(path), try_read, max_bytes)
    return read_text_as(read_text(path, max_bytes), str(path))


def _is_directory(path: str | Path) -> bool:
    """Whether ``path`` is a directory; an unusable path is not (reading it says why)."""
    try:
        return stat.S_ISDIR(Path(path).stat().st_mode)
    except (OSError, ValueError):  # missing, over-long, NUL in the name: read_text explains
        return False


def read_text_as(text: str, name: str) -> Release:
    """Detect the format of ``text`` (named ``name`` in messages) and read it."""
    release = try_read(text, name)
    if release is None:
        doc = parse(text, name)
        raise InputError(Problem(_unrecognised(doc), file=name, line=1 if doc.text else None))
    return release


def try_read(text: str, name: str) -> Release | None:
    """Read ``text`` if a reader recognises it; None when no format matches.

    Parse errors of the YAML/JSON itself and errors inside a recognised format are raised.
    """
    _refuse_surrogates(text, name)
    for reader in _READERS:
        if reader.sniff_text(text):
            return reader.read_text(text, name)
    doc = parse(text, name)
    for reader in _READERS:
        if reader.sniff(doc):
            return reader.read(doc)
    return None


def _refuse_surrogates(text: str, name: str) -> None:
    """Refuse text holding a lone surrogate, which no file decoded as UTF-8 can hold.

    Text read from a file never has one, but a caller of :func:`read_text_as` can pass any
    ``str``; the YAML, JSON and XML parsers then raised UnicodeEncodeError, not an InputError.
    """
    if text.isascii():
        return
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        line = text.count("\n", 0, exc.start) + 1
        message = (
            f"is not Unicode text: a lone surrogate (U+{ord(text[exc.start]):04X}) at "
            f"character {exc.start}"
        )
        raise InputError(Problem(message, file=name, line=line)) from None


def _unrecognised(doc: Document) -> str:
    kinds = ", ".join(reader.description for reader in _READERS)
    if not isinstance(doc.data, dict):
        found = "an empty document" if doc.data is None else f"a {type(doc.data).__name__}"
        return f"expected a mapping at the top level but found {found}; osaid reads {kinds}"
    return f"format not recognised; osaid reads {kinds}"
