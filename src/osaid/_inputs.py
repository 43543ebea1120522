"""Inputs without files: text, bytes and parsed metadata, read under the rules files follow.

A crawler or registry holds a card as a string, the bytes of a download, or a metadata mapping
(``huggingface_hub``'s ``ModelCardData.to_dict()``, a manifest, a CycloneDX or SPDX JSON object).
Each is refused exactly where a file holding it would be: bytes over the input limit, a NUL
byte, bytes that are not UTF-8; text whose UTF-8 form is over the limit; a mapping whose values
are not plain data, nested too deeply or holding more values than a file of the limit's size
may. ``name`` only labels the input in messages and evidence; formats are still detected by
content (``format`` names the one expected, and an input in another is refused).
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from osaid._errors import InputError, Problem, UsageError
from osaid._escape import safe_line
from osaid._keys import join_key
from osaid._limits import describe_size

if TYPE_CHECKING:
    from osaid.model import Release
    from osaid.readers import Reader

__all__ = ["FORMAT_NAMES", "data_name", "format_names", "read_data", "read_text", "text_name"]

FORMAT_NAMES = {"card": "hf-model-card", "manifest": "osaid-manifest"}
"""Short names ``format=`` also takes, for the formats whose report names are long."""

_DATA_NAME = "<data>"


def _kind(value: object) -> str:
    return "None" if value is None else type(value).__name__


def format_names() -> list[str]:
    """Every value ``format=`` takes: the short names, then the readers' format names."""
    from osaid.readers import formats  # noqa: PLC0415 - lazy API

    return [*FORMAT_NAMES, *formats()]


def _reader(value: object) -> Reader | None:
    """The reader ``format=`` names, or None for detection by content."""
    from osaid.readers import reader  # noqa: PLC0415 - lazy API

    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError(f"format must be a str (a format name) or None, not {_kind(value)}")
    chosen = reader(FORMAT_NAMES.get(value, value))
    if chosen is None:
        from osaid._validation import suggest  # noqa: PLC0415 - only for a bad name

        names = list(dict.fromkeys(format_names()))
        raise UsageError(
            Problem(
                f"unknown format {safe_line(repr(value))} (choose one of: {', '.join(names)})"
                f"{suggest(value, names)}",
                key="format",
            )
        )
    return chosen


def _name(value: object, default: str) -> str:
    if value is None:
        return default
    if not isinstance(value, str):
        raise TypeError(f"name must be a str (a label for messages) or None, not {_kind(value)}")
    if not value:
        raise UsageError(Problem("must not be empty (it labels the input)", key="name"))
    return value


def text_name(value: object) -> str:
    """``name=`` of text: ``README.md`` unless given."""
    return _name(value, "README.md")


def data_name(value: object) -> str:
    """``name=`` of a mapping: ``<data>`` unless given."""
    return _name(value, _DATA_NAME)


def _too_large(name: str, limit: int) -> InputError:
    message = (
        f"is larger than the input limit of {describe_size(limit)}; if the input is genuine, "
        "raise the limit (max_input_bytes)"
    )
    return InputError(Problem(message, file=name))


def decoded(value: object, name: str, limit: int) -> str:
    """``str`` or ``bytes`` as the text a file holding it would be read as, or an error."""
    from osaid.readers._document import decode  # noqa: PLC0415 - lazy API

    if isinstance(value, (bytes, bytearray, memoryview)):
        raw = bytes(value)
        if len(raw) > limit:
            raise _too_large(name, limit)
        return decode(raw, name)
    if not isinstance(value, str):
        raise TypeError(
            f"text must be a str or bytes (UTF-8), not {_kind(value)}; a parsed mapping goes "
            "to osaid.check_data, a path to osaid.check"
        )
    # A character is 1 to 4 bytes of UTF-8: encode only when the length alone cannot decide.
    if len(value) > limit or (len(value) * 4 > limit and _utf8_size(value) > limit):
        raise _too_large(name, limit)
    nul = value.find("\0")
    if nul >= 0:
        offset = _utf8_size(value[:nul])
        raise InputError(Problem(f"binary content (NUL byte at offset {offset})", file=name))
    return value.removeprefix("\ufeff")


def _utf8_size(text: str) -> int:
    # surrogatepass: a lone surrogate is refused later, with its line (readers.try_read)
    return len(text.encode("utf-8", "surrogatepass"))


def read_text(text: str, name: str, reader: object) -> Release:
    """Read ``text`` (already :func:`decoded`) in the format ``reader`` names, or any."""
    from osaid import readers  # noqa: PLC0415 - lazy API

    chosen = _reader(reader)
    if chosen is None:
        return readers.read_text_as(text, name)
    release = readers.try_read(text, name, only=chosen)
    if release is None:
        raise _not_the_format(chosen, name, line=1 if text else None)
    return release


def _not_the_format(chosen: Reader, name: str, line: int | None = None) -> InputError:
    message = f"is not a {chosen.title}; expected {chosen.description}"
    return InputError(Problem(message, file=name, line=line))


# -- parsed metadata -----------------------------------------------------------------------


def read_data(data: object, name: str, reader: object, limit: int) -> Release:
    """Read a parsed mapping in the format ``reader`` names (detected when None)."""
    from osaid.readers import READERS  # noqa: PLC0415 - lazy API
    from osaid.readers._document import Document  # noqa: PLC0415

    if not isinstance(data, Mapping):
        raise TypeError(
            f"data must be a mapping (a dict of parsed metadata), not {_kind(data)}; text or "
            "bytes go to osaid.check_text, a path to osaid.check"
        )
    chosen = _reader(reader)
    doc = Document(name, "", _Plain(name, limit).value(data, ""), "data")
    if chosen is not None and chosen.name == FORMAT_NAMES["card"]:
        from osaid.readers._card import READER as CARD  # noqa: PLC0415

        return CARD.read_metadata(doc)
    for each in (chosen,) if chosen is not None else READERS:
        if each.sniff(doc):
            return each.read(doc)
    if chosen is not None:
        raise _not_the_format(chosen, name)
    kinds = ", ".join(each.description for each in READERS)
    message = f"format not recognised; osaid reads {kinds} (a model card's metadata: format='card')"
    raise InputError(Problem(message, file=name))


class _Plain:
    """Copy a mapping into the plain data a parsed file holds, counting as the parser does.

    What a YAML or JSON file can hold passes: text, whole and real numbers, true/false, null,
    dates, lists (tuples too) and mappings with text keys. The copy counts values and text as
    a file's parse does (each reference to a shared value again, as an expanded alias is), so a
    mapping is refused where the file holding it would be; a cycle is refused at once.
    """

    def __init__(self, name: str, limit: int) -> None:
        from osaid.readers._document import BYTES_PER_NODE, MAX_NODES  # noqa: PLC0415

        self.name = name
        self.limit = limit
        self.nodes = max(MAX_NODES, limit // BYTES_PER_NODE)
        self.count = 0
        self.size = 0
        self.open: set[int] = set()

    def fail(self, key: str, message: str) -> InputError:
        return InputError(Problem(message, file=self.name, key=key or None))

    def _counted(self, chars: int) -> None:
        self.count += 1
        self.size += chars
        if self.count > self.nodes:
            raise self.fail(
                "", f"has more than {self.nodes} values (a limit against crafted input)"
            )
        if self.size > self.limit:
            raise _too_large(self.name, self.limit)

    def value(self, value: Any, key: str, depth: int = 0) -> Any:
        from osaid.readers._document import MAX_DEPTH  # noqa: PLC0415

        if depth > MAX_DEPTH:
            raise self.fail(key, f"nesting deeper than {MAX_DEPTH} levels")
        if isinstance(value, str):
            self._counted(_utf8_size(value))
            return self._text(value, key)
        if value is None or isinstance(value, (bool, datetime.date)):
            self._counted(1)
            return value
        if isinstance(value, int):
            self._counted(1)
            return int(value)
        if isinstance(value, float):
            self._counted(1)
            if not math.isfinite(value):
                raise self.fail(key, f"must be a finite number, not {value}")
            return float(value)
        if isinstance(value, Mapping):
            return self._nested(value, key, depth, self._mapping)
        if isinstance(value, (list, tuple)):
            return self._nested(value, key, depth, self._sequence)
        raise self.fail(
            key,
            f"must be text, a number, true/false, null, a date, a list or a mapping (what a "
            f"YAML or JSON file holds), not {_kind(value)}",
        )

    def _nested(self, value: Any, key: str, depth: int, build: Any) -> Any:
        if id(value) in self.open:
            raise self.fail(key, "contains itself (a cycle); osaid does not expand it")
        self._counted(1)
        self.open.add(id(value))
        try:
            return build(value, key, depth)
        finally:
            self.open.discard(id(value))

    def _mapping(self, value: Mapping[Any, Any], key: str, depth: int) -> dict[str, Any]:
        built: dict[str, Any] = {}
        for field, item in value.items():
            if not isinstance(field, str):
                raise self.fail(key, f"has a key that is not text ({_kind(field)} {field!r:.40})")
            child = join_key(key, field)
            self._counted(_utf8_size(field))
            built[self._text(field, child)] = self.value(item, child, depth + 1)
        return built

    def _sequence(self, value: list[Any] | tuple[Any, ...], key: str, depth: int) -> list[Any]:
        return [
            self.value(item, join_key(key, index), depth + 1) for index, item in enumerate(value)
        ]

    def _text(self, text: str, key: str) -> str:
        if "\0" in text:
            raise self.fail(key, "holds a NUL character (binary content)")
        if not text.isascii():
            try:
                text.encode("utf-8")
            except UnicodeEncodeError as exc:
                char = ord(text[exc.start])
                raise self.fail(
                    key, f"is not Unicode text: a lone surrogate (U+{char:04X})"
                ) from None
        return text
