"""READ: an input file, or a directory of them, becomes the canonical :class:`~osaid.model.Release`.

Formats are recognised by content, never by file name. Each reader is one module with a
``READER`` object that carries every fact about its format (name, precedence, file suffixes,
whether ``osaid init`` copies it; see :class:`Reader`); adding a format means adding a module
and one line to :data:`READERS`. The located-document parser (``_document``), the directory
and merge logic and the repository evidence (``_repository``: paths, ``SPDX-License-Identifier``
lines, ``LICENSES/``) live here too.
"""

from __future__ import annotations

import re
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from osaid._errors import InputError, Problem, UnreadableDescriptionError
from osaid._lazy import exports
from osaid._limits import MAX_INPUT_BYTES
from osaid.model import Release
from osaid.readers import _card, _cyclonedx, _mof, _native, _spdx2, _spdx3
from osaid.readers._base import Reader

if TYPE_CHECKING:
    from osaid.readers._license_file import LicenseGuess
    from osaid.readers._merge import merge
    from osaid.readers._native import manifest_schema
    from osaid.readers._repository import Repository
from osaid.readers._document import Document, parse, read_text, unix_lines

READERS: tuple[Reader, ...] = (
    _native.READER,
    _spdx2.READER,
    _spdx3.READER,
    _cyclonedx.READER,
    _card.READER,
    _mof.READER,
)

"""Every format, in detection order."""

__all__ = [
    "READERS",
    "LicenseGuess",
    "Reader",
    "Repository",
    "always_read",
    "candidates",
    "find_license",
    "formats",
    "manifest_schema",
    "merge",
    "read_path",
    "read_text",
    "read_text_as",
    "reader",
    "try_read",
]

_BY_NAME = {r.name: r for r in READERS}


def formats() -> list[str]:
    """Names of the formats osaid can read, in detection order."""
    return [reader.name for reader in READERS]


def reader(name: str) -> Reader | None:
    """The reader of the format ``name`` (as in ``Source.format``), or None."""
    return _BY_NAME.get(name)


def always_read(file_name: str) -> bool:
    """Whether a directory reader always reads ``file_name`` (an osaid manifest)."""
    return file_name.lower() in {name for r in READERS for name in r.names}


def candidates(directory: Path) -> list[Path]:
    """The files of ``directory`` that may be release descriptions, in reading order."""
    from osaid.readers._directory import candidates as found  # noqa: PLC0415 - lazy

    return found(directory)


_LAZY = {
    "osaid.readers._license_file": ("LicenseGuess",),
    "osaid.readers._merge": ("merge",),
    "osaid.readers._native": ("manifest_schema",),
    "osaid.readers._repository": ("Repository",),
}
"""The evidence of a checked directory, merging, the manifest's JSON Schema: loaded on first
use."""


def find_license(directory: Path) -> LicenseGuess | None:
    """The licence file at the top of ``directory`` and the licence it looks like, if any."""
    from osaid.readers._license_file import find  # noqa: PLC0415 - only ``init`` needs it

    return find(directory)


__getattr__ = exports(globals(), _LAZY)


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
        doc = parse(unix_lines(text), name)
        if isinstance(doc.data, str):
            _refuse_other_formats(text, name, "plain text")
        raise InputError(Problem(_unrecognised(doc), file=name, line=1 if doc.text else None))
    return release


def try_read(text: str, name: str, only: Reader | None = None) -> Release | None:
    """Read ``text`` if a reader recognises it (``only``, when given); None when none does.

    Parse errors of the YAML/JSON itself and errors inside a recognised format are raised.
    """
    _refuse_surrogates(text, name)
    text = unix_lines(text)
    chosen = READERS if only is None else (only,)
    for each in chosen:
        if each.sniff_text(text):
            try:
                return each.read_text(text, name)
            except InputError as exc:
                raise _recognised(exc, each) from None
    if only is not None and not only.sniffs_data:
        return None
    _refuse_other_formats(text, name, _markup_kind(text))
    front = _card.split_front_matter(text)
    if front is not None and _card.reuse_only(front[0]):
        kind = "Markdown whose front matter holds only REUSE licensing tags, not a model card"
        _refuse_other_formats(text, name, kind)
    try:
        doc = parse(text, name)
    except InputError:
        _refuse_other_formats(text, name, "plain text" if _is_prose(text) else None)
        raise
    for each in chosen:
        if each.sniff(doc):
            try:
                return each.read(doc)
            except InputError as exc:
                raise _recognised(exc, each) from None
    return None


def _recognised(exc: InputError, format_: Reader) -> UnreadableDescriptionError:
    """The error of a document ``format_`` recognised: it says the file was recognised."""
    if isinstance(exc, UnreadableDescriptionError):
        return exc
    return UnreadableDescriptionError(exc.problems, format_.title)


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


_TURTLE = re.compile(r"^\s*(?:@prefix|@base|PREFIX|BASE)\s", re.M)
_YAML_START = re.compile(r"^(?:---|%|#|-\s|[{\[\"']|[^\s:#][^:\n]*:(?:\s|$))")


def _markup_kind(text: str) -> str | None:
    """What a document in a format osaid does not read looks like, from its first lines."""
    head = text[:4096]
    if _TURTLE.search(head):
        return "RDF Turtle"
    if head.lstrip().startswith("<"):
        if "cyclonedx.org/schema/bom" in head:
            return "CycloneDX XML, which osaid reads only as JSON"
        return "XML"
    return None


def _is_prose(text: str) -> bool:
    """Whether text that failed to parse as YAML starts like prose rather than like YAML."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    return not _YAML_START.match(first.strip())


def _refuse_other_formats(text: str, name: str, kind: str | None) -> None:
    """Refuse text that is no format osaid reads, saying what it looks like."""
    if kind is None:
        return
    kinds = ", ".join(each.description for each in READERS)
    message = f"not a format osaid reads (looks like {kind}); osaid reads {kinds}"
    raise InputError(Problem(message, file=name, line=1 if text.strip() else None))


def _unrecognised(doc: Document) -> str:
    kinds = ", ".join(each.description for each in READERS)
    if not isinstance(doc.data, dict):
        found = "an empty document" if doc.data is None else f"a {type(doc.data).__name__}"
        return f"expected a mapping at the top level but found {found}; osaid reads {kinds}"
    return f"format not recognised; osaid reads {kinds}"
