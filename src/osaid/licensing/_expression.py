"""Parse an SPDX licence expression into osaid's own tree, resolving every symbol.

license-expression does the parsing (precedence, parentheses, ``WITH``) with an empty
``Licensing`` so that it never rewrites what the user wrote; each symbol is then resolved here
against osaid's licence data. Malformed input never escapes as a third-party exception: it
becomes :class:`MalformedExpression` with the position when one is known.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Literal

from license_expression import (
    AND,
    OR,
    ExpressionError,
    LicenseSymbol,
    LicenseWithExceptionSymbol,
    Licensing,
)

from osaid.licensing._data import (
    Alias,
    CatalogueEntry,
    Family,
    LicenseData,
    SpdxException,
    SpdxLicense,
    normalize_spelling,
)

MAX_EXPRESSION_LENGTH = 20_000
"""Longer expressions are refused as malformed rather than parsed."""

MAX_NESTING = 50
"""Deeper parenthesis nesting is refused as malformed."""

_ALLOWED = re.compile(r"^[A-Za-z0-9 .:+()_\-\t]*$")

SymbolKind = Literal["spdx", "catalogue", "family", "none", "noassertion", "unknown"]


class MalformedExpression(Exception):  # noqa: N818 - a parse outcome, caught within osaid
    """The expression cannot be parsed; carries a user-facing reason."""

    def __init__(self, reason: str, position: int | None = None) -> None:
        self.reason = reason
        self.position = position
        super().__init__(reason)


@dataclass(frozen=True)
class Symbol:
    """One licence reference as written, and what osaid resolved it to."""

    written: str
    kind: SymbolKind
    license_written: str = ""
    """The licence part as written (``written`` minus any ``WITH`` exception)."""
    spdx: SpdxLicense | None = None
    catalogue: CatalogueEntry | None = None
    family: Family | None = None
    alias: Alias | None = None
    or_later: bool = False
    exception_written: str | None = None
    exception: SpdxException | None = None
    deprecated: SpdxLicense | None = None
    """The deprecated SPDX id as written, when osaid judged SPDX's replacement instead."""
    warnings: tuple[str, ...] = field(default=())

    @property
    def canonical(self) -> str:
        """The id osaid reports for this symbol (canonical case; the user's text if unknown)."""
        if self.spdx is not None:
            base = self.spdx.id + ("+" if self.or_later else "")
        elif self.catalogue is not None:
            base = self.catalogue.id
        elif self.kind in ("none", "noassertion"):
            base = self.kind.upper()
        else:
            base = self.license_written or self.written
        if self.exception_written is not None:
            exception = self.exception.id if self.exception else self.exception_written
            return f"{base} WITH {exception}"
        return base


@dataclass(frozen=True)
class Node:
    """An ``AND`` (all of) or ``OR`` (any of) combination."""

    operator: Literal["AND", "OR"]
    parts: tuple[Tree, ...]


Tree = Node | Symbol


@cache
def _licensing() -> Licensing:
    return Licensing()


def parse_expression(expression: str, data: LicenseData) -> Tree:
    r"""Parse and resolve ``expression``; raise :class:`MalformedExpression` when it is broken.

    Invisible and control characters are refused before anything else: spelling
    normalisation folds whitespace, which read ``Apache\r2.0`` as ``Apache 2.0``.
    """
    _refuse_invisible(expression)
    text = expression.strip()
    if not text:
        raise MalformedExpression("the licence expression is empty")
    whole = resolve_symbol(text, data, whole=True)
    if whole is not None:
        return whole
    _precheck(text)
    try:
        parsed = _licensing().parse(text)
    except ExpressionError as exc:
        raise MalformedExpression(_reason(exc), getattr(exc, "position", None)) from None
    except RecursionError:
        raise MalformedExpression("the licence expression is nested too deeply") from None
    except Exception as exc:
        raise MalformedExpression(
            f"not a valid licence expression ({type(exc).__name__})"
        ) from None
    if parsed is None:
        raise MalformedExpression("the licence expression is empty")
    return _convert(parsed, data)


_EDGE_WHITESPACE = " \t\n\r"
"""Whitespace allowed around an expression (a YAML block scalar ends in a newline)."""

_SEPARATORS = "\t\n"
"""Controls that separate tokens like a space (a YAML literal block breaks lines), as before."""

_INVISIBLE = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
"""Unicode categories refused anywhere in an expression: controls other than tab and line
feed (CR, ESC, NUL, DEL, C1), format characters (bidi controls, zero-width characters),
surrogates, line and paragraph separators. None is part of an SPDX expression, a licence id or
a licence name, and each can make printed text read differently from what is evaluated."""


def _refuse_invisible(expression: str) -> None:
    r"""Refuse the first control or invisible character, named as an escape (``\u000d``)."""
    start = len(expression) - len(expression.lstrip(_EDGE_WHITESPACE))
    end = len(expression.rstrip(_EDGE_WHITESPACE))
    if expression[start:end].isprintable():  # the usual case, decided in C
        return
    for index in range(start, end):
        char = expression[index]
        if char not in _SEPARATORS and unicodedata.category(char) in _INVISIBLE:
            raise MalformedExpression(
                f"character \\u{ord(char):04x} ({_kind(char)}) at position {index + 1} is not "
                "allowed in a licence expression",
                index,
            )


def _kind(char: str) -> str:
    category = unicodedata.category(char)
    if category == "Cc":
        return "a control character"
    if category == "Cs":
        return "a lone surrogate"
    if category in ("Zl", "Zp"):
        return "a line separator"
    return "an invisible format character, such as a bidi control"


def _precheck(text: str) -> None:
    if len(text) > MAX_EXPRESSION_LENGTH:
        raise MalformedExpression(f"longer than {MAX_EXPRESSION_LENGTH} characters")
    bad = next((i for i, ch in enumerate(text) if not _ALLOWED.match(ch)), None)
    if bad is not None:
        char = text[bad]
        shown = repr(char) if char.isprintable() else f"U+{ord(char):04X}"
        raise MalformedExpression(
            f"character {shown} at position {bad + 1} is not allowed in an SPDX expression "
            "(combine licences with AND / OR, not commas or slashes)",
            bad,
        )
    empty = re.search(r"\(\s*\)", text)
    if empty is not None:
        raise MalformedExpression(
            f"empty parentheses at position {empty.start() + 1}", empty.start()
        )
    depth = 0
    for index, char in enumerate(text):
        depth += char == "("
        depth -= char == ")"
        if depth > MAX_NESTING:
            raise MalformedExpression(f"parentheses nested deeper than {MAX_NESTING}", index)
        if depth < 0:
            raise MalformedExpression(f"unmatched ')' at position {index + 1}", index)
    if depth:
        raise MalformedExpression("unmatched '(' (a closing parenthesis is missing)")


def _reason(exc: ExpressionError) -> str:
    message = str(exc)
    position = getattr(exc, "position", None)
    token = getattr(exc, "token_string", None)
    if token and position is not None and position >= 0:
        return f"unexpected '{token}' at position {position + 1}"
    if "requires two or more licenses" in message:
        return "an AND/OR operator is missing a licence on one side"
    return "not a valid licence expression"


def _convert(parsed: object, data: LicenseData) -> Tree:
    """Post-order walk without recursion, so long AND/OR chains cannot overflow the stack."""
    out: list[Tree] = []
    stack: list[tuple[object, bool]] = [(parsed, False)]
    while stack:
        item, children_done = stack.pop()
        if isinstance(item, (AND, OR)):
            if children_done:
                count = len(item.args)
                parts = tuple(out[-count:])
                del out[-count:]
                out.append(Node("AND" if isinstance(item, AND) else "OR", parts))
            else:
                stack.append((item, True))
                stack.extend((arg, False) for arg in reversed(item.args))
        elif isinstance(item, LicenseWithExceptionSymbol):
            out.append(_with_exception(item, data))
        elif isinstance(item, LicenseSymbol):
            out.append(_plain_symbol(str(item.key), data))
        else:
            raise MalformedExpression("not a valid licence expression")
    return out[0]


def _plain_symbol(text: str, data: LicenseData) -> Symbol:
    """Resolve a symbol, refusing two known ids written side by side without an operator."""
    symbol = resolve_symbol(text, data)
    if symbol is not None and symbol.kind != "unknown":
        return symbol
    words = text.split()
    if len(words) > 1 and all(_spdx_symbol(w, w.casefold(), data) for w in words):
        raise MalformedExpression(
            f"'{words[0]}' and '{words[1]}' need an operator between them (AND, OR)"
        )
    return symbol or Symbol(text, "unknown")


def _with_exception(item: LicenseWithExceptionSymbol, data: LicenseData) -> Symbol:
    base = _plain_symbol(str(item.license_symbol.key), data)
    written_exception = str(item.exception_symbol.key)
    if base.exception is not None:
        raise MalformedExpression(
            f"'{base.written}' already includes the exception {base.exception.id} (SPDX writes it "
            f"'{base.canonical}'), so it cannot take another WITH"
        )
    exception = data.exceptions.get(written_exception.lower())
    warnings = list(base.warnings)
    if exception is not None and exception.deprecated:
        warnings.append(f"'{written_exception}' is a deprecated SPDX exception id")
    return replace(
        base,
        written=f"{base.written} WITH {written_exception}",
        license_written=base.written,
        exception_written=written_exception,
        exception=exception,
        warnings=tuple(warnings),
    )


def resolve_symbol(text: str, data: LicenseData, *, whole: bool = False) -> Symbol | None:
    """Resolve one licence reference.

    With ``whole`` (the entire expression tried as one name first), return None unless the
    text is a name osaid knows, so that real expressions go on to the parser.
    """
    written = text.strip()
    norm = normalize_spelling(written)
    if norm in {"none", "noassertion"}:
        return Symbol(written, "none" if norm == "none" else "noassertion")
    found = _spdx_symbol(written, norm, data) or _prose_or_later(written, data)
    if found is not None:
        return found
    entry = data.catalogue.get(norm)
    if entry is not None:
        warnings: tuple[str, ...] = ()
        if norm != normalize_spelling(entry.id):
            warnings = (f"'{written}' read as {entry.name} ({entry.id})",)
        return Symbol(written, "catalogue", catalogue=entry, warnings=warnings)
    alias = data.aliases.get(norm)
    if alias is not None:
        spdx = data.licenses[alias.id.lower()]
        warning = f"'{written}' is not an SPDX id; assumed {spdx.id} ({spdx.name})"
        return Symbol(
            written,
            "spdx",
            spdx=spdx,
            alias=alias,
            warnings=(warning,),
            catalogue=data.catalogue.get(spdx.id.lower()),
        )
    family = data.families.get(norm)
    if family is not None:
        return Symbol(written, "family", family=family)
    return None if whole else Symbol(written, "unknown")


def _spdx_symbol(written: str, norm: str, data: LicenseData) -> Symbol | None:
    or_later = False
    spdx = data.licenses.get(written.lower())
    if spdx is None and written.endswith("+"):
        spdx, or_later = data.licenses.get(written[:-1].lower()), True
    warnings: tuple[str, ...] = ()
    if spdx is None and norm.endswith("-or-later"):
        spdx, or_later = data.licenses.get(norm.removesuffix("-or-later")), True
        if spdx is not None:
            warnings = (f"'{written}' is not an SPDX id; read as {spdx.id}+ ({spdx.id} or later)",)
    if spdx is None:
        return None
    if spdx.deprecated:
        return _deprecated(written, spdx, or_later, warnings, data)
    catalogue = data.catalogue.get(spdx.id.lower())
    return Symbol(
        written, "spdx", spdx=spdx, or_later=or_later, warnings=warnings, catalogue=catalogue
    )


def _deprecated(
    written: str,
    spdx: SpdxLicense,
    or_later: bool,
    warnings: tuple[str, ...],
    data: LicenseData,
    *,
    read_as: bool = False,
) -> Symbol:
    """Judge a deprecated id as the current expression SPDX replaced it with, saying so.

    SPDX's own flags on deprecated ids are inconsistent (``GPL-3.0-with-GCC-exception`` is
    flagged OSI-approved, the GPL-2.0 composites are not), while their replacements carry the
    current flags: ``GPL-2.0-with-classpath-exception`` is ``GPL-2.0-only WITH
    Classpath-exception-2.0``. An id SPDX gave no single replacement is judged as written.
    With ``read_as`` (prose such as "GPL-2.0 or later") the warning says only what was read.
    """
    successor = (spdx.successor_or_later if or_later else None) or spdx.successor
    if successor is None:
        warning = (
            f"'{written}' is a deprecated SPDX id with no single replacement; write the current "
            "SPDX ids of the licences it stands for"
        )
        return Symbol(
            written,
            "spdx",
            spdx=spdx,
            or_later=or_later,
            warnings=(*warnings, warning),
            catalogue=data.catalogue.get(spdx.id.lower()),
        )
    license_id, _, exception_id = successor.partition(" WITH ")
    current = data.licenses[license_id.lower()]
    exception = data.exceptions.get(exception_id.lower()) if exception_id else None
    later = or_later and spdx.successor_or_later is None
    shown = f"{current.id}{'+' if later else ''}" + (f" WITH {exception.id}" if exception else "")
    alternative = ""
    if spdx.successor_or_later and not or_later:
        alternative = f" ({spdx.successor_or_later} if 'or later' is meant)"
    warning = (
        f"'{written}' is not SPDX syntax; read as {shown}"
        if read_as
        else (
            f"'{written}' is a deprecated SPDX id; SPDX replaced it with {shown}{alternative}, "
            "which osaid judged instead"
        )
    )
    if read_as:
        warnings = ()
    return Symbol(
        written,
        "spdx",
        license_written=written,
        spdx=current,
        or_later=later,
        exception_written=exception.id if exception else None,
        exception=exception,
        deprecated=spdx,
        warnings=(*warnings, warning),
        catalogue=data.catalogue.get(current.id.lower()),
    )


_PROSE_OR_LATER = re.compile(r"^(?P<base>\S+)\s+or\s+(?:any\s+)?later(?:\s+version)?$", re.I)


def _prose_or_later(written: str, data: LicenseData) -> Symbol | None:
    """Read "GPL-2.0 or later" as the or-later licence it means, not as "GPL-2.0 OR later"."""
    match = _PROSE_OR_LATER.match(written)
    if match is None:
        return None
    spdx = data.licenses.get(match["base"].lower())
    if spdx is None:
        return None
    warning = f"'{written}' is not SPDX syntax; read as {spdx.id}+ ({spdx.id} or later)"
    if spdx.deprecated:
        return _deprecated(written, spdx, True, (warning,), data, read_as=True)
    return Symbol(
        written,
        "spdx",
        spdx=spdx,
        or_later=True,
        warnings=(warning,),
        catalogue=data.catalogue.get(spdx.id.lower()),
    )


def grouped(expression: str) -> str:
    """``expression`` in parentheses when it joins several terms, so that AND keeps it whole.

    Readers join the licences of one component with ``AND``: ``MIT OR Apache-2.0`` must become
    ``(MIT OR Apache-2.0)`` first, while a single id is written as it is.
    """
    text = expression.strip()
    return f"({text})" if any(ch.isspace() for ch in text) else text


def symbols(tree: Tree) -> list[Symbol]:
    """Every symbol of ``tree`` in order, without recursion."""
    found: list[Symbol] = []
    stack: list[Tree] = [tree]
    while stack:
        item = stack.pop()
        if isinstance(item, Symbol):
            found.append(item)
        else:
            stack.extend(reversed(item.parts))
    return found


def render(tree: Tree) -> str:
    """The normalised expression: canonical ids, upper-case operators, minimal parentheses."""
    if isinstance(tree, Symbol):
        return tree.canonical
    pieces = []
    for part in tree.parts:
        text = render(part)
        if isinstance(part, Node) and part.operator != tree.operator:
            text = f"({text})"
        pieces.append(text)
    return f" {tree.operator} ".join(pieces)
