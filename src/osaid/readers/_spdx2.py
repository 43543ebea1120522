"""SPDX 2.2 / 2.3 documents: an SBOM of the software stack, in any of SPDX 2's five syntaxes.

Parsing goes through spdx-tools so that what osaid accepts is what the SPDX project accepts. It
is imported only inside the functions that read an SPDX document: the import alone costs about
0.4 s, which a manifest or MOF check must not pay. spdx-tools picks a syntax from the file
extension and reads files itself; osaid recognises formats by content and has the text already,
so each syntax is handed to the matching spdx-tools parser directly and nothing is written.

spdx-tools rewrites deprecated licence ids (``GPL-2.0+`` becomes ``GPL-2.0-or-later``). Wherever
the raw text is at hand (JSON, YAML, XML and tag-value) the licence is taken as the user wrote it,
so the report judges and warns about their spelling; for RDF/XML spdx-tools' value is used.

SPDX 2 has no package purpose for models or data, so every package is checked as a supporting
library or tool and the report says the rest must come from another source.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from datetime import date, datetime, timezone
from functools import cache, lru_cache
from typing import Any, NamedTuple

from osaid._errors import InputError, Problem
from osaid._keys import join_key
from osaid.model import (
    NOASSERTION,
    NONE,
    Component,
    ComponentKind,
    LicenseDeclaration,
    Note,
    Origin,
    Release,
    Scope,
    Source,
)
from osaid.readers._base import Reader
from osaid.readers._document import Document, node_limit

FORMAT = "spdx-2"
_SPECIAL = {NOASSERTION, NONE}

_TAG_VALUE = re.compile(r"^SPDXVersion:[ \t]*SPDX-2\.", re.M)
_XML_ROOT = re.compile(r"<Document[\s>]")
_XML_VERSION = re.compile(r"<spdxVersion>\s*SPDX-2\.")
_RDF_ROOT = re.compile(r"<rdf:RDF[\s>]")
_RDF_NAMESPACE = "spdx.org/rdf/terms"
_XML_ENTITY = re.compile(r"<!ENTITY\b")
_LINE_IN_MESSAGE = re.compile(r"\bLine:? (\d+)", re.I)
_LICENCE_TOKEN = re.compile(r"[A-Za-z0-9.+:-]+")
_MAX_PROBLEMS = 20
_TYPE_CHECK = re.compile(r"Method [\w.]+\(\) parameter (\w+)=(\"[^\"]*\") violates type hint [^']*")
"""spdx-tools' message for a value of the wrong type. Its list of the types allowed comes
from a set, so its order changes from run to run; osaid says which field and value instead."""

# Tag-value tags that start a new element, and the tags osaid reads from a package.
_ELEMENT_TAGS = {"PackageName", "FileName", "SnippetSPDXID", "LicenseID"}
_PACKAGE_TAGS = {
    "licenseConcluded": "PackageLicenseConcluded",
    "licenseDeclared": "PackageLicenseDeclared",
}


class _Where(NamedTuple):
    """Where a package field is written, and its raw text when the syntax keeps it."""

    origin: Origin
    raw: str | None


Locator = Callable[[int, str], _Where]
"""``locate(package_index, json_field)``: where that field of that package is written."""


class _Sbom(NamedTuple):
    """What the reader needs from any syntax: spdx-tools' document plus where things are."""

    parsed: Any
    locate: Locator
    name_origin: Origin
    packages_origin: Origin
    extracted_origin: Callable[[int, str], Origin]


class Spdx2Reader(Reader):
    """Reads SPDX 2.2 and 2.3 documents (JSON, YAML, tag-value, XML, RDF/XML)."""

    name = FORMAT
    description = "SPDX 2.2/2.3 documents (JSON, YAML, tag-value, XML or RDF/XML)"
    title = "SPDX 2 document"
    precedence = 3
    suffixes = (".json", ".yaml", ".yml", ".spdx", ".xml", ".rdf")

    def sniff_text(self, text: str) -> bool:
        """Tag-value, XML and RDF/XML are recognised from the raw text."""
        return _text_syntax(text) is not None

    def read_text(self, text: str, name: str) -> Release:
        """Read a tag-value, XML or RDF/XML document."""
        syntax = _text_syntax(text)
        if syntax == "tag-value":
            return _release(_from_tag_value(text, name), name)
        _refuse_entities(text, name)
        if syntax == "xml":
            return _release(_from_xml(text, name), name)
        return _release(_from_rdf(text, name), name)

    def sniff(self, doc: Document) -> bool:
        """A JSON or YAML document whose ``spdxVersion`` is ``SPDX-2.x``."""
        data = doc.data
        return isinstance(data, dict) and str(data.get("spdxVersion", "")).startswith("SPDX-2.")

    def read(self, doc: Document) -> Release:
        """Read a JSON or YAML document."""
        return _release(_from_json_like(doc), doc.name)


def _text_syntax(text: str) -> str | None:
    """Name the SPDX 2 syntax that ``text`` is written in, if it is one osaid reads as text."""
    head = text.lstrip()
    if head.startswith("<"):
        if _RDF_ROOT.search(text) and _RDF_NAMESPACE in text:
            return "rdf"
        if _XML_ROOT.search(text) and _XML_VERSION.search(text):
            return "xml"
        return None
    if not head.startswith(("{", "[")) and _TAG_VALUE.search(text):
        return "tag-value"
    return None


def _refuse_entities(text: str, name: str) -> None:
    """Refuse XML entity declarations before any parser sees them.

    SPDX documents never need them, and nested entities ("billion laughs") make rdflib's
    parser run for minutes before expat's amplification limit stops it.
    """
    found = _XML_ENTITY.search(text)
    if found is not None:
        message = "XML entity declarations (<!ENTITY ...>) are not allowed in SPDX documents"
        raise InputError(Problem(message, file=name, line=_line_at(text, found.start())))


# ------------------------------------------------------------------------------------------
# Parsing, one function per syntax


def _parse_dict(data: dict[str, Any], name: str) -> Any:
    """Run spdx-tools' parser for JSON-like data (JSON, YAML and XML all end up here)."""

    def parse() -> Any:
        from spdx_tools.spdx.parser.jsonlikedict.json_like_dict_parser import (  # noqa: PLC0415
            JsonLikeDictParser,
        )

        return JsonLikeDictParser().parse(data)  # type: ignore[no-untyped-call]

    return _guarded(name, parse)


def _guarded(name: str, parse: Callable[[], Any]) -> Any:
    """Call an spdx-tools parser; turn every exception it can raise into an InputError.

    spdx-tools reports invalid content as ``SPDXParsingError`` with a list of messages, but a
    value of an unexpected type can surface as any exception from its type checks. None of
    them may escape as a traceback.
    """
    from spdx_tools.spdx.parser.error import SPDXParsingError  # noqa: PLC0415

    try:
        return parse()
    except InputError:
        raise
    except SPDXParsingError as exc:
        raise InputError(_problems(list(exc.messages), name)) from None
    except RecursionError:
        raise InputError(Problem("SPDX document is nested too deeply", file=name)) from None
    except Exception as exc:  # third-party code: anything it raises is bad input
        reason = _one_line(str(exc)) or type(exc).__name__
        message = f"not a valid SPDX 2 document (spdx-tools: {reason})"
        raise InputError(Problem(message, file=name)) from None


def _problems(messages: list[str], name: str) -> list[Problem]:
    """One located problem per spdx-tools message (a tag-value message names its line)."""
    problems = []
    for message in messages[:_MAX_PROBLEMS] or ["rejected by spdx-tools"]:
        text = _TYPE_CHECK.sub(r"\1=\2 is not a value this field takes", _one_line(str(message)))
        found = _LINE_IN_MESSAGE.search(text)
        line = int(found.group(1)) if found else None
        problems.append(Problem(f"not a valid SPDX 2 document: {text}", file=name, line=line))
    return problems


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _from_json_like(doc: Document) -> _Sbom:
    """JSON and YAML: spdx-tools checks the content; raw values and lines come from ``doc``."""
    data = doc.data
    parsed = _parse_dict(_plain(data), doc.name)
    raw_packages = data.get("packages")

    origin = doc.origin

    def locate(index: int, field: str) -> _Where:
        key = join_key(join_key("packages", index), field) if field else join_key("packages", index)
        return _Where(origin(key), _raw_field(raw_packages, index, field))

    return _Sbom(
        parsed=parsed,
        locate=locate,
        name_origin=origin("name"),
        packages_origin=origin("packages"),
        extracted_origin=lambda index, _id: origin(
            join_key(join_key("hasExtractedLicensingInfos", index), "licenseId")
        ),
    )


def _raw_field(packages: Any, index: int, field: str) -> str | None:
    if not field or not isinstance(packages, list) or index >= len(packages):
        return None
    package = packages[index]
    value = package.get(field) if isinstance(package, dict) else None
    return value if isinstance(value, str) else None


def _plain(value: Any) -> Any:
    """Copy parsed data for spdx-tools, turning YAML timestamps back into SPDX date text.

    A copy keeps ``doc.data`` (the user's raw spelling) untouched by the parser; PyYAML reads an
    unquoted ``created: 2024-01-01T00:00:00Z`` as a datetime, which spdx-tools would refuse.
    """
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, datetime):
        moment = value.astimezone(timezone.utc) if value.tzinfo else value
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, date):
        return value.strftime("%Y-%m-%dT00:00:00Z")
    return value


class _Silent:
    """A logger for ply that drops its messages (grammar notes are not the user's problem)."""

    def _drop(self, *args: object, **kwargs: object) -> None:
        """Ignore one message."""

    debug = info = warning = error = critical = _drop


class _Block(NamedTuple):
    """One element of a tag-value document: its first tag and each tag's value and line."""

    kind: str
    tags: dict[str, tuple[str, int]]


def _tag_blocks(text: str) -> list[_Block]:
    """Split tag-value text into elements, skipping the inside of multi-line ``<text>`` values."""
    blocks = [_Block("Document", {})]
    in_text = False
    for number, line in enumerate(text.split("\n"), start=1):
        if in_text:
            in_text = "</text>" not in line
            continue
        field = _tag_line(line)
        if field is None:
            continue
        tag, value = field
        after = value.partition("<text>")[2] if "<text>" in value else None
        in_text = after is not None and "</text>" not in after
        if tag in _ELEMENT_TAGS:
            blocks.append(_Block(tag, {}))
        blocks[-1].tags.setdefault(tag, (value, number))
    return blocks


def _tag_line(line: str) -> tuple[str, str] | None:
    """A ``Tag: value`` line as (tag, value without surrounding blanks), else None.

    Taken apart with string methods: a regular expression with a lazy value before optional
    trailing blanks was quadratic in a run of spaces inside a value (64 KiB took 13 s).
    """
    tag, colon, value = line.partition(":")
    if not colon or not tag.isascii() or not tag.isalpha():
        return None
    return tag, value.lstrip(" \t").rstrip(" \t\r")


def _check_lines(text: str, name: str) -> None:
    """Refuse a tag-value document with more lines than a document may have values.

    The same budget as YAML and JSON (:func:`osaid.readers._document.node_limit`), counted before
    spdx-tools sees the text: it keeps every field and every complaint about one (10 MB of
    short fields took 1.8 GB), and reads every line, blank, comment or inside a ``<text>``
    value, with at least one call of its own.
    """
    limit = node_limit(text)
    lines = text.count("\n") + (not text.endswith("\n"))
    if lines > limit:
        message = f"has more than {limit} lines, a limit against crafted input"
        raise InputError(Problem(message, file=name, line=limit + 1))


@cache
def _tag_value_parser() -> Any:
    """spdx-tools' tag-value parser class, with one shared licensing and a linear lexer.

    spdx-tools 0.8.5 builds the whole SPDX licence index again for every licence field of a
    tag-value document (about 28 ms each: an SBOM of 2,000 packages took over a minute, and a
    crafted 10 MiB one would take hours). Its JSON and RDF parsers share one instance; this
    subclass makes the tag-value parser do the same and changes nothing else (ply builds the
    same grammar from the same rule). Its lexer is :func:`_linear_lexer`'s, and a ``<text>``
    value is unwrapped by :func:`_text_value`.
    """
    from license_expression import ExpressionError  # noqa: PLC0415 - spdx-tools is lazy
    from spdx_tools.common.spdx_licensing import spdx_licensing  # noqa: PLC0415
    from spdx_tools.spdx.parser.tagvalue.helper_methods import grammar_rule  # noqa: PLC0415
    from spdx_tools.spdx.parser.tagvalue.parser import Parser  # noqa: PLC0415

    lexer = _linear_lexer()

    class SharedLicensingParser(Parser):
        def __init__(self, **kwargs: Any) -> None:
            super().__init__(**kwargs)  # type: ignore[no-untyped-call]
            self.lex = lexer()
            self.lex.build(reflags=re.UNICODE)  # type: ignore[no-untyped-call]

        @grammar_rule("text_or_line : TEXT\n line_or_no_assertion_or_none : TEXT")  # type: ignore[no-untyped-call,untyped-decorator]
        def p_text(self, p: Any) -> None:
            p[0] = _text_value(p[1])

        @grammar_rule("license_or_no_assertion_or_none : LINE")  # type: ignore[no-untyped-call,untyped-decorator]
        def p_license(self, p: Any) -> None:
            try:
                p[0] = spdx_licensing.parse(p[1])
            except ExpressionError as exc:
                # Recorded where spdx-tools records it, so the document fails to parse as usual.
                detail = f": {exc.args[0]}" if exc.args else ""
                message = f"Error while parsing license expression: {p[1]}{detail}"
                self.current_element["logger"].append(message)

    return SharedLicensingParser


def _text_value(token: str) -> str:
    """What lies between ``<text>`` and the last ``</text>`` of a text token, else the token.

    The value spdx-tools' ``str_from_text`` gives, without its pattern (a repeated group of
    one character), which keeps a backtracking state for every character: a 10 MiB value
    took 1.9 GB.
    """
    end = token.rfind("</text>", len("<text>") + 1) if token.startswith("<text>") else -1
    return token[len("<text>") : end] if end >= 0 else token


MAX_UNREADABLE = 1000
"""Characters spdx-tools' tag-value lexer cannot read (not a tag, value, comment or blank)
that a document may hold before it is refused. spdx-tools refuses such a document anyway,
except when they all come before its first tag (it then skips them silently)."""


class _UnreadableError(Exception):
    """Raised by the lexer past :data:`MAX_UNREADABLE`; carries the line it stopped at."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


def _linear_lexer() -> Any:
    """spdx-tools' tag-value lexer, producing the same tokens in time linear in the text.

    Two of its paths are slow on crafted input: ply copies the rest of the text into every
    error token, one per character the lexer cannot read (a 1 MiB line of digits took 35 s,
    quadratic), and the inside of a ``<text>`` value is consumed by one Python call a
    character (1.5 s a MiB). This subclass reads an unreadable character with a last rule
    that makes the very token spdx-tools' error handler makes (type ``error``, value ``Lexer
    error``, one character consumed), and the inside of a text value in runs up to the
    ``</text>`` that ends it. Past :data:`MAX_UNREADABLE` unreadable characters it stops: each
    costs spdx-tools a complaint it keeps (a 1 MiB line of digits took 229 MiB).
    """
    from ply.lex import TOKEN  # noqa: PLC0415
    from spdx_tools.spdx.parser.tagvalue.lexer import SPDXLexer  # noqa: PLC0415

    class LinearLexer(SPDXLexer):
        @TOKEN(r"[^<]+|<(?!/text>)")  # type: ignore[untyped-decorator]
        def t_text_any(self, t: Any) -> None:
            """Skip the inside of a text value (``</text>`` is matched by t_text_end)."""

        @TOKEN(r"[\s\S]")  # type: ignore[untyped-decorator]
        def t_unreadable(self, t: Any) -> Any:
            """A character no other rule reads: the token spdx-tools' t_error returns."""
            self.unreadable += 1
            if self.unreadable > MAX_UNREADABLE:
                raise _UnreadableError(t.lineno)
            t.type = "error"
            t.value = "Lexer error"
            return t

        # ply tries function rules in the order of their first line: this one goes last.
        t_unreadable.__code__ = t_unreadable.__code__.replace(co_firstlineno=2**30)

        def build(self, **kwargs: Any) -> None:
            self.unreadable = 0
            super().build(**kwargs)  # type: ignore[no-untyped-call]
            built: Any = self.lexer
            built.lextokens_all = {*built.lextokens_all, "error"}

    return LinearLexer


def _from_tag_value(text: str, name: str) -> _Sbom:
    """Tag-value: spdx-tools parses; lines and raw values come from scanning the text."""
    _check_lines(text, name)

    def parse() -> Any:
        # No parser tables or debug files are written, and ply's grammar chatter is silenced.
        parser = _tag_value_parser()(write_tables=False, debug=False, errorlog=_Silent())
        try:
            return parser.parse(text)
        except _UnreadableError as exc:
            message = (
                f"more than {MAX_UNREADABLE} characters are not tag-value syntax (a line must "
                "be 'Tag: value', a comment or blank); the last is on this line"
            )
            raise InputError(Problem(message, file=name, line=exc.line)) from None

    parsed = _guarded(name, parse)
    blocks = _tag_blocks(text)
    packages = [b for b in blocks if b.kind == "PackageName"]
    by_id = {b.tags["SPDXID"][0]: b for b in packages if "SPDXID" in b.tags}
    licence_lines: dict[str, int] = {}
    for block in blocks:
        if block.kind == "LicenseID":
            licence_lines.setdefault(*block.tags["LicenseID"])

    def block_of(index: int) -> _Block | None:
        package = parsed.packages[index]
        found = by_id.get(str(package.spdx_id))
        if found is None and index < len(packages):
            found = packages[index]
        return found

    def locate(index: int, field: str) -> _Where:
        block = block_of(index)
        tag = _PACKAGE_TAGS.get(field, "PackageName")
        value, line = block.tags.get(tag, ("", None)) if block else ("", None)
        if block is not None and line is None:
            line = block.tags["PackageName"][1]
        key = join_key("packages", index)
        key = join_key(key, tag) if field else key
        return _Where(Origin(file=name, key=key, line=line), value or None)

    def extracted_origin(index: int, licence_id: str) -> Origin:
        line = licence_lines.get(licence_id)
        return Origin(file=name, key=join_key(join_key("licenses", index), "LicenseID"), line=line)

    document = blocks[0].tags
    return _Sbom(
        parsed=parsed,
        locate=locate,
        name_origin=Origin(file=name, key="DocumentName", line=_line(document, "DocumentName")),
        packages_origin=Origin(
            file=name, key="packages", line=packages[0].tags["PackageName"][1] if packages else None
        ),
        extracted_origin=extracted_origin,
    )


def _line(tags: dict[str, tuple[str, int]], tag: str) -> int | None:
    found = tags.get(tag)
    return found[1] if found else None


def _from_xml(text: str, name: str) -> _Sbom:
    """XML: xmltodict turns it into JSON-like data once XML's single items are made lists."""
    from xml.parsers.expat import ExpatError  # noqa: PLC0415

    import xmltodict  # noqa: PLC0415

    try:
        tree = xmltodict.parse(text, disable_entities=True)
    except ExpatError as exc:
        message = f"invalid XML: {_one_line(str(exc)).split(':')[0]}"
        raise InputError(Problem(message, file=name, line=exc.lineno)) from None
    except Exception as exc:  # third-party parser: anything it raises is bad input
        raise InputError(Problem(f"invalid XML: {_one_line(str(exc))}", file=name)) from None
    root = tree.get("Document") if isinstance(tree, dict) else None
    if not isinstance(root, dict):
        raise InputError(Problem("SPDX XML needs a <Document> root element", file=name, line=1))
    data = _listify(root, _xml_list_fields())
    parsed = _parse_dict(_plain(data), name)
    spans = _xml_spans(text, "packages")

    def locate(index: int, field: str) -> _Where:
        key = join_key("packages", index)
        key = join_key(key, field) if field else key
        line = None
        if index < len(spans):
            start, end = spans[index]
            found = re.compile(rf"<{field}[\s>]").search(text, start, end) if field else None
            line = _line_at(text, found.start() if found else start)
        raw = _raw_field(data.get("packages"), index, field)
        return _Where(Origin(file=name, key=key, line=line), raw)

    return _Sbom(
        parsed=parsed,
        locate=locate,
        name_origin=Origin(file=name, key="name"),
        packages_origin=Origin(
            file=name, key="packages", line=_line_at(text, spans[0][0]) if spans else None
        ),
        extracted_origin=lambda index, licence_id: Origin(
            file=name,
            key=join_key(join_key("hasExtractedLicensingInfos", index), "licenseId"),
            line=_licence_id_line(text, licence_id),
        ),
    )


def _line_at(text: str, position: int) -> int:
    """The 1-based line of ``position``, by bisecting the text's newline offsets.

    Counting newlines from the start for every package made large XML and RDF/XML documents
    quadratic (a 3.6 MB RDF/XML SBOM spent 4 s here).
    """
    return bisect.bisect_left(_newlines(text), position) + 1


@lru_cache(maxsize=1)
def _newlines(text: str) -> list[int]:
    """Offsets of every newline in ``text`` (the document being read, one at a time)."""
    return [match.start() for match in re.finditer("\n", text)]


def _xml_spans(text: str, tag: str) -> list[tuple[int, int]]:
    """Where each ``<tag>`` element starts and ends in XML text (SPDX elements do not nest).

    One pass over the text that steps over comments, CDATA sections and processing
    instructions (a ``<tag>`` in them is no element). Searching for the end tag from every
    start tag was quadratic when a comment held many start tags without end tags.
    """
    markup = re.compile(rf"<!--|<!\[CDATA\[|<\?|<{tag}[\s>]|</{tag}\s*>")
    spans = []
    start: int | None = None
    position = 0
    while (found := markup.search(text, position)) is not None:
        token = found.group()
        skipped = _SKIPPED.get(token[:4])
        if skipped is not None:
            end = text.find(skipped, found.end())
            position = end + len(skipped) if end >= 0 else len(text)
            continue
        position = found.end()
        if token.startswith("</"):
            if start is not None:
                spans.append((start, found.start()))
                start = None
            continue
        if start is not None:  # a start tag before the last one ended: malformed, end it here
            spans.append((start, found.start()))
        start = found.start()
    if start is not None:
        spans.append((start, len(text)))
    return spans


_SKIPPED = {"<!--": "-->", "<![C": "]]>", "<?": "?>"}
"""How XML markup that holds no elements ends, by how it starts (see :func:`_xml_spans`)."""


def _licence_id_line(text: str, licence_id: str) -> int | None:
    """The line of ``<licenseId>ID</licenseId>`` (any namespace prefix) in XML or RDF/XML."""
    position = _first_positions(text, _LICENCE_ID).get(licence_id)
    return _line_at(text, position) if position is not None else None


_LICENCE_ID = re.compile(r"<(?:\w+:)?licenseId>\s*([^<\s]+)\s*<")
_RDF_ABOUT = re.compile(r'rdf:about="[^"]*#([^"#]+)"')
"""The fragment of an ``rdf:about`` IRI. The fragment excludes ``#``: with ``[^"]+`` a value
of many ``#`` and no closing quote was quadratic (SPDX ids never hold ``#``)."""


@lru_cache(maxsize=2)
def _first_positions(text: str, pattern: re.Pattern[str]) -> dict[str, int]:
    """Where each value captured by ``pattern`` first occurs in ``text``.

    One pass over the text, rather than a search from the start for every package or licence.
    """
    found: dict[str, int] = {}
    for match in pattern.finditer(text):
        found.setdefault(match.group(1), match.start())
    return found


def _xml_list_fields() -> frozenset[str]:
    """The SPDX fields that are lists; XML cannot show a one-item list as a list."""
    from spdx_tools.spdx.parser.xml.xml_parser import LIST_LIKE_FIELDS  # noqa: PLC0415

    return frozenset(LIST_LIKE_FIELDS)


def _listify(value: Any, fields: frozenset[str]) -> Any:
    """Wrap single values of list fields in a list (an empty element becomes an empty list)."""
    if isinstance(value, list):
        return [_listify(item, fields) for item in value]
    if not isinstance(value, dict):
        return value
    result: dict[str, Any] = {}
    for key, item in value.items():
        fixed = _listify(item, fields)
        if key in fields and not isinstance(fixed, list):
            fixed = [] if fixed is None or fixed == "" else [fixed]
        result[key] = fixed
    return result


def _from_rdf(text: str, name: str) -> _Sbom:
    """RDF/XML: rdflib builds the graph and spdx-tools translates it; no raw licence text."""

    def parse() -> Any:
        from rdflib import Graph  # noqa: PLC0415
        from spdx_tools.spdx.parser.rdf.rdf_parser import (  # noqa: PLC0415
            translate_graph_to_document,
        )

        graph = Graph()
        try:
            graph.parse(data=text, format="xml")
        except Exception as exc:  # rdflib/SAX: anything it raises is bad input
            line = exc.getLineNumber() if hasattr(exc, "getLineNumber") else None
            message = f"invalid RDF/XML: {_one_line(str(exc))}"
            raise InputError(Problem(message, file=name, line=line)) from None
        return translate_graph_to_document(graph)

    parsed = _guarded(name, parse)
    # RDF has no order; list packages in the order the text first defines them.
    positions = {str(p.spdx_id): _rdf_position(text, str(p.spdx_id)) for p in parsed.packages}
    parsed.packages.sort(key=lambda p: (positions[str(p.spdx_id)], str(p.spdx_id)))

    def locate(index: int, field: str) -> _Where:
        key = join_key("packages", index)
        position = positions[str(parsed.packages[index].spdx_id)]
        line = _line_at(text, position) if position < len(text) else None
        return _Where(
            Origin(file=name, key=join_key(key, field) if field else key, line=line), None
        )

    return _Sbom(
        parsed=parsed,
        locate=locate,
        name_origin=Origin(file=name, key="name"),
        packages_origin=Origin(file=name, key="packages"),
        extracted_origin=lambda index, licence_id: Origin(
            file=name,
            key=join_key(join_key("hasExtractedLicensingInfos", index), "licenseId"),
            line=_licence_id_line(text, licence_id),
        ),
    )


def _rdf_position(text: str, spdx_id: str) -> int:
    """Where RDF/XML text defines the element ``…#spdx_id`` (past the end when it does not)."""
    return _first_positions(text, _RDF_ABOUT).get(spdx_id, len(text))


# ------------------------------------------------------------------------------------------
# Mapping onto the canonical model


def _release(sbom: _Sbom, name: str) -> Release:
    parsed = sbom.parsed
    components = tuple(
        _component(package, index, sbom.locate) for index, package in enumerate(parsed.packages)
    )
    notes = [_scope_note(len(components), sbom.packages_origin)]
    notes += _extracted_notes(parsed, components, sbom.extracted_origin)
    title = _text(parsed.creation_info.name)
    origins = {"components": sbom.packages_origin}
    if title is not None:  # NOASSERTION states nothing: a lower source's name may stand
        origins["name"] = sbom.name_origin
    return Release(
        name=title,
        scope=Scope.SYSTEM,
        components=components,
        source=Source(file=name, format=FORMAT),
        origins=origins,
        notes=tuple(notes),
    )


def _text(value: Any) -> str | None:
    """spdx-tools text, or None for a missing value, NOASSERTION or NONE."""
    return value if isinstance(value, str) and value.strip() else None


def _component(package: Any, index: int, locate: Locator) -> Component:
    name = _text(package.name) or str(package.spdx_id)
    version = _text(package.version)
    location = _text(package.download_location)
    return Component(
        kind=ComponentKind.SUPPORTING_LIBRARIES,
        name=f"{name} {version}" if version else name,
        license=_licence(package, index, locate),
        location=location if location and location.upper() not in _SPECIAL else None,
        origin=locate(index, "").origin,
    )


def _licence(package: Any, index: int, locate: Locator) -> LicenseDeclaration | None:
    """The concluded licence, else the declared one; NOASSERTION only when neither says more.

    A concluded ``NOASSERTION`` means the SBOM author drew no conclusion, so a licence the
    package itself declares is the better evidence. ``NOASSERTION`` is kept as written (osaid
    fails it as unverifiable) and never dropped, so a package without a grant cannot pass.
    """
    found = []
    for field, value in (
        ("licenseConcluded", package.license_concluded),
        ("licenseDeclared", package.license_declared),
    ):
        if value is None:
            continue
        where = locate(index, field)
        written = where.raw.strip() if where.raw and where.raw.strip() else str(value)
        expression = written.upper() if written.upper() in _SPECIAL else written
        found.append(
            LicenseDeclaration(expression=expression, written=written, origin=where.origin)
        )
    for declaration in found:
        if declaration.expression != NOASSERTION:
            return declaration
    return found[0] if found else None


def _scope_note(count: int, origin: Origin) -> Note:
    message = (
        f"An SPDX 2 SBOM describes the software stack only: its {count} package(s) were checked "
        "as supporting libraries and tools. SPDX 2 has no package purpose for model parameters "
        "or data, so the parameters, the training code and the data information must come from "
        "another source (an osaid manifest or a model card, for example next to this file in a "
        "directory check)."
    )
    return Note(code="sbom-scope", message=message, origin=origin, format_limit=True)


def _extracted_notes(
    parsed: Any, components: tuple[Component, ...], origin: Callable[[int, str], Origin]
) -> list[Note]:
    """Name each custom licence a package is under, so the user sees what the id stands for."""
    used = {
        token
        for component in components
        if component.license is not None
        for token in _LICENCE_TOKEN.findall(component.license.expression)
    }
    notes = []
    for index, info in enumerate(parsed.extracted_licensing_info):
        licence_id = _text(info.license_id)
        if licence_id is None or licence_id not in used:
            continue
        title = _text(info.license_name)
        called = f" as '{title}'" if title else ""
        message = (
            f"{licence_id} is a custom licence this document declares{called} "
            "(hasExtractedLicensingInfos). LicenseRef ids are local to a document: osaid judges "
            "one only when it recognises it, and otherwise fails it as unverifiable. Read the "
            "extracted text to judge its terms."
        )
        notes.append(
            Note(code="spdx-extracted-licence", message=message, origin=origin(index, licence_id))
        )
    return notes


READER = Spdx2Reader()
