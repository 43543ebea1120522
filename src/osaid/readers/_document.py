"""Read a text file into plain data while remembering the line of every key.

Reports must point at the line a user wrote, so YAML is composed into nodes first (which
carry their start marks) and the line of each key path is recorded while the plain value is
built. YAML goes through PyYAML's safe loader only. JSON is parsed by the ``json`` module and,
because JSON is YAML flow syntax, its key lines come from the same composer where possible.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from osaid._compiled import trusted
from osaid._errors import InputError, Problem
from osaid._files import FileRefusedError, read_regular
from osaid._keys import join_key, key_parent
from osaid._limits import MAX_INPUT_BYTES, describe_size
from osaid.model import Origin

_origin = trusted(Origin)
"""Origins are built from the parser's own values (see :mod:`osaid._compiled`)."""

MAX_NODES = 200_000
"""Upper bound on the values (YAML nodes, JSON values and keys) of one document, so a crafted
file cannot make reading explode; a larger input (allowed by a raised size limit) may have
one per :data:`BYTES_PER_NODE` bytes."""

BYTES_PER_NODE = 50

MAX_DEPTH = 100
"""Upper bound on nesting depth of mappings and sequences."""

MAX_EXPANDED = 1_000_000
"""Upper bound on the values a document stands for once YAML aliases are expanded."""

MAX_EXPANDED_TEXT = MAX_INPUT_BYTES
"""Upper bound on the characters of text (keys and scalars) a document stands for once YAML
aliases are expanded, unless the document itself is longer: aliases may save typing, but never
make a document stand for more text than the input limit allows a file to hold. Counting
values alone let a 2 MB file aliasing a 2 MiB string 300 times print 633 MB."""


if TYPE_CHECKING:
    _SafeLoader = yaml.SafeLoader
else:
    _SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _TooManyNodesError(Exception):
    """Raised from inside the composer once a document has more nodes than allowed."""


class _Loader(_SafeLoader):
    """The safe loader, counting nodes as it composes them.

    libyaml's safe loader when PyYAML was built with it (much faster), else the pure one; both
    construct only plain YAML types (tags such as !!python/object are refused). Counting here
    stops a huge document while it is being composed: counting afterwards let a 10 MiB file of
    tiny values take seconds, and a 9 MB JSON array nearly a minute, to be refused.
    """

    def __init__(self, text: str, limit: int) -> None:
        super().__init__(text)
        self.remaining = limit

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        """Count a node: both composers call this before composing each node (not aliases)."""
        self.remaining -= 1
        if self.remaining < 0:
            raise _TooManyNodesError
        if self.yaml_path_resolvers:  # the safe loader has none: skip the call per node
            super().descend_resolver(current_node, current_index)


_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_SPECIAL_KEYS = frozenset({"tag:yaml.org,2002:merge", "tag:yaml.org,2002:value"})
"""Keys PyYAML's constructor rewrites (``<<`` merges, ``=`` values): left to it."""
_MISSING = object()


def node_limit(text: str) -> int:
    """How many values a document of this length may have (see :data:`MAX_NODES`)."""
    return max(MAX_NODES, len(text) // BYTES_PER_NODE)


def _too_many(limit: int, name: str) -> InputError:
    return InputError(
        Problem(f"has more than {limit} values (a limit against crafted input)", file=name)
    )


@dataclass(frozen=True)
class Document:
    """A parsed input: its plain data plus the line of each key path."""

    name: str
    text: str
    data: Any
    syntax: str
    lines: Mapping[str, int] = field(default_factory=dict)
    line_offset: int = 0

    def line(self, key: str) -> int | None:
        """Return the 1-based line where ``key`` is written, or the nearest enclosing key's."""
        probe = key
        while probe:
            if probe in self.lines:
                return self.lines[probe] + self.line_offset
            probe = key_parent(probe)
        return None

    def problem(self, key: str, message: str) -> Problem:
        """Build a located :class:`Problem` for ``key`` in this document."""
        return Problem(message, file=self.name, key=key or None, line=self.line(key))

    # -- the located-node accessor every structured reader reads values through ------------

    def origin(self, key: str) -> Origin:
        """Where ``key`` is written: this file, the key path and its line."""
        return _origin(file=self.name, key=key, line=self.line(key))

    def fail(self, key: str, message: str) -> InputError:
        """The error for a bad value at ``key`` (raise it)."""
        return InputError(self.problem(key, message))

    def mapping(self, value: Any, key: str) -> dict[str, Any]:
        """``value`` (at ``key``) as a mapping, or an error saying it must be one."""
        if not isinstance(value, dict):
            raise self.fail(key, "must be a mapping")
        return value

    def optional_mapping(self, parent: dict[str, Any], key: str, field: str) -> dict[str, Any]:
        """``parent[field]`` as a mapping (empty when absent); ``key`` is ``parent``'s path."""
        value = parent.get(field)
        return {} if value is None else self.mapping(value, join_key(key, field))

    def optional_list(self, parent: dict[str, Any], key: str, field: str) -> list[Any]:
        """``parent[field]`` as a list (empty when absent)."""
        value = parent.get(field)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(join_key(key, field), "must be a list")
        return value

    def text_of(
        self, parent: dict[str, Any], key: str, field: str, *, strip: bool = True
    ) -> str | None:
        """``parent[field]`` as text (a number is read as its digits), None when absent.

        Empty text is absent too; with ``strip``, blanks around it are removed (and text of
        blanks alone is absent).
        """
        value = parent.get(field)
        if value is None or value == "":
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise self.fail(join_key(key, field), "must be text")
        return (str(value).strip() or None) if strip else str(value)

    def required_text(
        self, parent: dict[str, Any], key: str, field: str, *, strip: bool = True
    ) -> str:
        """Like :meth:`text_of`, but absent is an error (naming a misspelt key, if any)."""
        value = self.text_of(parent, key, field, strip=strip)
        if value is None:
            where = join_key(key, field) if field in parent else key
            raise self.fail(where, f"'{field}' is required{misspelt(parent, field)}")
        return value


def misspelt(data: dict[str, Any], field: str) -> str:
    """Point at a key that looks like a misspelling of a missing ``field``."""
    from osaid._validation import suggest  # noqa: PLC0415 - only for a missing key

    for present in map(str, data):
        if present != field and suggest(present, [field]):
            return f" (found '{present}'; did you mean '{field}'?)"
    return ""


def read_text(path: str | Path, max_bytes: int = MAX_INPUT_BYTES) -> str:
    """Read ``path`` as UTF-8 text, refusing binary, oversized or undecodable input.

    Only a regular file is read: a FIFO, device, socket or directory is refused at once (never
    waited on), as is a path no file system can hold (a NUL character, an over-long name).
    """
    name = str(path)
    try:
        raw = read_regular(path, max_bytes)
    except FileRefusedError as exc:
        raise InputError(Problem(exc.reason, file=name)) from None
    if len(raw) > max_bytes:
        message = (
            f"is larger than the input limit of {describe_size(max_bytes)}; if the file is "
            "genuine, raise the limit (osaid check --max-input-size, or max_input_bytes)"
        )
        raise InputError(Problem(message, file=name))
    return decode(raw, name)


_UNICODE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
"""Byte order marks, longest first (the UTF-32 LE mark begins with the UTF-16 LE one)."""


def decode(raw: bytes, name: str) -> str:
    """Decode UTF-8 bytes, naming the byte offset of the first invalid or NUL byte.

    Text in UTF-16 or UTF-32 that starts with a byte order mark is decoded too: the mark makes
    the encoding certain, and the formats allow it (spdx-tools reads SPDX 2 in UTF-16; its own
    test data has such files), so refusing it would refuse valid documents. Without a mark the
    encoding would be a guess, so such text is refused as binary (its NUL bytes) as before.
    """
    for mark, codec, label in _UNICODE_BOMS:
        if raw.startswith(mark):
            try:
                text = raw[len(mark) :].decode(codec)
            except UnicodeDecodeError as exc:
                offset = exc.start + len(mark)
                message = f"is not {label} text (invalid bytes at offset {offset})"
                raise InputError(Problem(message, file=name)) from None
            return _no_nul(text, name)
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise InputError(Problem(f"binary content (NUL byte at offset {nul})", file=name))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            Problem(f"is not UTF-8 text (invalid byte at offset {exc.start})", file=name)
        ) from None
    return text.removeprefix("\ufeff")


def _no_nul(text: str, name: str) -> str:
    nul = text.find("\x00")
    if nul >= 0:
        raise InputError(Problem(f"binary content (a NUL character at character {nul})", file=name))
    return text


def unix_lines(text: str) -> str:
    """``text`` with every line ending (CRLF, or a lone CR) written as LF.

    Documents come from every platform: a card saved on Windows ends its lines with CRLF, an old
    Mac tool with CR. The parsers do not agree on them (PyYAML reads CRLF, our front-matter and
    tag-value scanners and the JSON line locator count LF), so every reader is given LF lines.
    Line numbers do not change: each ending is still one line break. A raw CR cannot be part of
    a JSON string and YAML folds every line break to LF itself, so no value changes either.
    """
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse(text: str, name: str, line_offset: int = 0) -> Document:
    """Parse YAML or JSON text into a :class:`Document`."""
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        return _parse_json(text, name, line_offset)
    return _parse_yaml(text, name, line_offset)


def _first_duplicate(found: list[str]) -> Callable[[list[tuple[str, Any]]], dict[str, Any]]:
    """A ``json`` object hook that keeps parsing past a duplicate key but remembers the first.

    The duplicate is reported after the size checks, located by the YAML composer if possible.
    """

    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result and not found:
                found.append(key)
            result[key] = value
        return result

    return hook


def _parse_json(text: str, name: str, line_offset: int) -> Document:
    duplicates: list[str] = []
    try:
        data = json.loads(text, object_pairs_hook=_first_duplicate(duplicates))
    except json.JSONDecodeError as exc:
        ended = exc.pos >= len(text.rstrip())
        reason = "the document ends early (truncated?)" if ended else exc.msg
        raise InputError(
            Problem(f"invalid JSON: {reason}", file=name, line=exc.lineno + line_offset)
        ) from None
    except RecursionError:
        raise InputError(Problem("JSON is nested too deeply", file=name)) from None
    except ValueError as exc:  # e.g. integers beyond Python's digit limit
        raise InputError(Problem(f"invalid JSON: {exc}", file=name)) from None
    _check_shape(data, name, node_limit(text))
    lines = _json_lines(text, name)  # raises a located error for a duplicate key when it can
    if duplicates:
        raise InputError(Problem(f"key '{duplicates[0]}' is given twice", file=name))
    return Document(name, text, data, "json", lines, line_offset)


def _json_lines(text: str, name: str) -> dict[str, int]:
    """Locate keys by composing the JSON as YAML flow syntax (best effort).

    Valid JSON has tabs only as whitespace between tokens (inside strings they must be escaped),
    so replacing them keeps every line number while satisfying the YAML scanner. Duplicate
    keys are reported from here, with their line, when composing succeeds. The data has passed
    the size checks already, so composing it is bounded too.
    """
    lines: dict[str, int] = {}
    loader = _Loader(_yaml_escapes(text.replace("\t", " ")), node_limit(text))
    try:
        node = loader.get_single_node()
    except (yaml.YAMLError, RecursionError, ValueError, _TooManyNodesError):
        return lines
    finally:
        loader.dispose()
    if node is not None:
        _Walker(name, lines, limit=node_limit(text), text_length=len(text)).walk(node, "", 0)
    return lines


_SURROGATE_ESCAPE = re.compile(
    r"\\(?:\\"
    r"|u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}"
    r"|u[dD][89a-fA-F][0-9a-fA-F]{2})"
)
"""A JSON escaped backslash (kept, so the escape after it is not misread), a UTF-16 surrogate
pair escape, or a lone surrogate escape."""


def _yaml_escape(match: re.Match[str]) -> str:
    escape = match.group()
    if escape == "\\\\":
        return escape
    if len(escape) == 12:  # a pair: the one character it stands for, as YAML writes it
        high, low = int(escape[2:6], 16), int(escape[8:12], 16)
        return f"\\U{0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00):08X}"
    return "\\uFFFD"  # a lone surrogate: no character; YAML refuses it, JSON allows it


_UNREADABLE = re.compile("[\x7f-\x9f\u2028\u2029\ufffe\uffff]")
"""Characters valid in a JSON string that YAML refuses (DEL, C1 controls, U+FFFE, U+FFFF) or
reads as a line break (NEL, U+2028, U+2029), which would move every line after them."""


def _yaml_escapes(text: str) -> str:
    r"""JSON text with its strings written so that YAML reads them to the same text and lines.

    JSON writes a character beyond U+FFFF as a UTF-16 surrogate pair (``\uD83E\uDD17``, what
    ``json.dumps`` writes for an emoji by default); YAML refuses surrogates and wants
    ``\U0001F917``. A JSON string may also hold characters YAML refuses or counts as a line
    break; they are written as escapes. In valid JSON both occur only inside strings, which are
    double-quoted in YAML too, so every key decodes to the same text on the same line.
    """
    text = _UNREADABLE.sub(lambda found: f"\\u{ord(found.group()):04X}", text)
    if "\\u" not in text:
        return text
    return _SURROGATE_ESCAPE.sub(_yaml_escape, text)


def _parse_yaml(text: str, name: str, line_offset: int) -> Document:
    lines: dict[str, int] = {}
    limit = node_limit(text)
    loader: _Loader | None = None
    try:
        loader = _Loader(text, limit)
        node = loader.get_single_node()
        data = None
        if node is not None:
            walker = _Walker(
                name, lines, line_offset, limit, constructor=loader, text_length=len(text)
            )
            walker.walk(node, "", 0)
            data = walker.value(node) if walker.plain else loader.construct_document(node)
    except _TooManyNodesError:
        raise _too_many(limit, name) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark is not None else None
        reason = exc.problem or exc.context or "invalid YAML"
        raise InputError(Problem(f"invalid YAML: {reason}", file=name, line=line)) from None
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1 + line_offset
        char = exc.character
        shown = f"U+{char:04X}" if isinstance(char, int) else repr(char)
        message = f"invalid YAML: character {shown} is not allowed in YAML text"
        raise InputError(Problem(message, file=name, line=line)) from None
    except yaml.YAMLError as exc:
        raise InputError(Problem(f"invalid YAML: {exc}", file=name)) from None
    except RecursionError:
        raise InputError(Problem("YAML is nested too deeply", file=name)) from None
    except InputError:
        raise
    except (ValueError, TypeError, KeyError, AttributeError, OverflowError):
        # PyYAML's safe constructor raises these for malformed tagged scalars
        # (`!!timestamp x`, `!!bool x`) and for integers beyond Python's digit limit.
        message = (
            "invalid YAML: a value cannot be read (an explicit tag such as !!timestamp or "
            "!!bool on the wrong kind of value, or a number too long to convert)"
        )
        raise InputError(Problem(message, file=name)) from None
    finally:
        if loader is not None:
            loader.dispose()
    return Document(name, text, data, "yaml", lines, line_offset)


def _check_shape(data: Any, name: str, limit: int) -> None:
    """Refuse parsed JSON nested too deeply or holding too many values (keys count too)."""
    stack: list[tuple[Any, int]] = [(data, 0)]
    count = 1
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise InputError(Problem(f"nesting deeper than {MAX_DEPTH} levels", file=name))
        if isinstance(value, dict):
            count += 2 * len(value)  # each key and its value
            children: Any = value.values()
        elif isinstance(value, list):
            count += len(value)
            children = value
        else:
            continue
        if count > limit:  # before walking the children: a huge array is refused at once
            raise _too_many(limit, name)
        stack.extend((item, depth + 1) for item in children)


class _Walker:
    """Record the line of each key path; refuse duplicate keys and runaway structures.

    Aliases make a document a graph: a node reached again is not walked again, but its
    expanded size still counts, so a "billion laughs" document (aliases of aliases) is refused
    in time linear in its text instead of being expanded by later stages.
    """

    def __init__(
        self,
        name: str,
        lines: dict[str, int],
        line_offset: int = 0,
        limit: int = MAX_NODES,
        *,
        constructor: yaml.constructor.SafeConstructor | None = None,
        text_length: int = 0,
    ) -> None:
        self.name = name
        self.lines = lines
        self.offset = line_offset
        self.limit = limit
        self.text_limit = max(MAX_EXPANDED_TEXT, text_length)
        self.sizes: dict[int, tuple[int, int]] = {}
        """Values and characters each collection stands for once aliases are expanded."""
        self.count = 0
        self.constructor = constructor
        self.values: dict[int, Any] = {}
        self.plain = constructor is not None
        """Whether every node so far is plain YAML whose value this walk built as it went.

        Building values here saves a second pass through PyYAML's (pure Python) constructor,
        the largest part of reading a MOF file. Anything else (merge keys, !!set, !!omap,
        complex keys, recursive aliases) turns this off and the constructor builds the whole
        document instead, so the data is always exactly what ``yaml.safe_load`` returns.
        """

    def value(self, node: yaml.Node) -> Any:
        """The value built for ``node`` (only when :attr:`plain` stayed true)."""
        return self.values[id(node)]

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag == _STR:
            return node.value
        assert self.constructor is not None  # noqa: S101 - only called while building
        return self.constructor.construct_object(node)

    def walk(self, node: yaml.Node, path: str, depth: int) -> tuple[int, int]:
        """Walk ``node``; return the values and characters it stands for once aliases expand."""
        self.count += 1
        if self.count > self.limit:
            raise _too_many(self.limit, self.name)
        if depth > MAX_DEPTH:
            raise InputError(
                Problem(
                    f"nesting deeper than {MAX_DEPTH} levels",
                    file=self.name,
                    line=node.start_mark.line + 1 + self.offset,
                )
            )
        if isinstance(node, yaml.ScalarNode):  # most nodes: no children, nothing to memoise
            self.lines.setdefault(path, node.start_mark.line + 1)
            if self.plain:
                self.values[id(node)] = self._scalar(node)
            return 1, len(node.value)
        if id(node) in self.sizes:
            return self.sizes[id(node)]
        self.sizes[id(node)] = (1, 0)  # provisional, for self-referencing aliases
        self.lines.setdefault(path, node.start_mark.line + 1)
        size, chars = 1, 0
        if isinstance(node, yaml.MappingNode):
            size, chars = self._walk_mapping(node, path, depth)
            size += 1
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                item_size, item_chars = self.walk(item, join_key(path, index), depth + 1)
                size += item_size
                chars += item_chars
            self._build_sequence(node)
        self._check_expanded(node, size, chars)
        self.sizes[id(node)] = (size, chars)
        return size, chars

    def _check_expanded(self, node: yaml.Node, size: int, chars: int) -> None:
        line = node.start_mark.line + 1 + self.offset
        if size > MAX_EXPANDED:
            raise InputError(
                Problem(
                    f"aliases expand to more than {MAX_EXPANDED} values (a 'billion laughs' "
                    "document?); osaid does not expand it",
                    file=self.name,
                    line=line,
                )
            )
        if chars > self.text_limit:
            raise InputError(
                Problem(
                    f"aliases expand to more than {describe_size(self.text_limit)} of text (a "
                    "value repeated by aliases counts each time); osaid does not expand it",
                    file=self.name,
                    line=line,
                )
            )

    def _walk_mapping(self, node: yaml.MappingNode, path: str, depth: int) -> tuple[int, int]:
        keys: set[str] = set()
        size, chars = 0, 0
        for key_node, value_node in node.value:
            key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "?"
            child = join_key(path, key)
            if key in keys:
                line = key_node.start_mark.line + 1 + self.offset
                raise InputError(
                    Problem("key is given twice", file=self.name, key=child, line=line)
                )
            keys.add(key)
            self.lines[child] = key_node.start_mark.line + 1
            value_size, value_chars = self.walk(value_node, child, depth + 1)
            size += 1 + value_size
            chars += len(key) + value_chars
            self.lines[child] = key_node.start_mark.line + 1
        self._build_mapping(node)
        return size, chars

    def _build_sequence(self, node: yaml.SequenceNode) -> None:
        if not self.plain:
            return
        items = [self.values.get(id(item), _MISSING) for item in node.value]
        if node.tag != _SEQ or _MISSING in items:  # !!omap, !!pairs; an alias of an ancestor
            self.plain = False
            return
        self.values[id(node)] = items

    def _build_mapping(self, node: yaml.MappingNode) -> None:
        if not self.plain:
            return
        if node.tag != _MAP:  # !!set, !!omap and other tagged mappings
            self.plain = False
            return
        built: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            value = self.values.get(id(value_node), _MISSING)
            if (
                not isinstance(key_node, yaml.ScalarNode)
                or key_node.tag in _SPECIAL_KEYS
                or value is _MISSING
            ):
                self.plain = False
                return
            built[self._scalar(key_node)] = value
        self.values[id(node)] = built
