"""Text for the version commands: definitions, explain, diff and comparisons.

Definitions are data, and one from ``$OSAID_DEFINITIONS_PATH`` is as untrusted as any input:
every text taken from a definition (titles, statements, clauses, URLs) is escaped like input
(:func:`osaid._escape.safe_line`), and a definition that does not ship with osaid is labelled
as such, with its path, wherever its title is shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from osaid._escape import encodable_data, safe_line
from osaid.definition import AnyDefinition
from osaid.evaluate import DefinitionDiff, Explanation
from osaid.render._common import NOT_SHIPPED
from osaid.report import Comparison


def _label(shipped: bool, path: str | None) -> str:
    """`` [a definition that does not ship with osaid: PATH]``, or nothing when shipped."""
    return "" if shipped else f"  [{NOT_SHIPPED}: {path or '?'}]"


_KIND = {"binary": "", "graded": " (graded: classes, not a verdict)"}


_MAX_COLUMN = 32
"""The widest a column grows for alignment: a user definition's id can be any length."""


def _width(values: Iterable[str], least: int) -> int:
    """The column width that aligns ``values``: at least ``least``, at most ``_MAX_COLUMN``."""
    return max(least, min(_MAX_COLUMN, max((len(v) for v in values), default=0)))


def definitions(found: Sequence[AnyDefinition]) -> str:
    """One line per definition: id, version, status, date, title, what it extends, its kind."""
    lines = []
    id_width = _width((d.id for d in found), 16)
    family_width = _width((d.definition.family for d in found), 8)
    for definition in found:
        header = definition.definition
        extends = f" (extends {header.extends})" if header.extends else ""
        lines.append(
            safe_line(
                f"{definition.id:<{id_width}} {header.family:<{family_width}} "
                f"{header.version:<9} {header.status:<6} "
                f"{header.published.isoformat()}  {header.title}{extends}{_KIND[header.kind]}"
                f"{_label(definition.shipped, definition.path)}"
            )
        )
    return "\n".join(lines) + "\n"


def definition_rows(found: Sequence[AnyDefinition]) -> list[dict[str, Any]]:
    """``osaid definitions --format json``: each header, with ``source`` and ``path``."""
    rows = []
    for definition in found:
        row = definition.definition.model_dump(mode="json")
        row["source"] = "shipped" if definition.shipped else "user"
        row["path"] = None if definition.shipped else definition.path
        rows.append(row)
    result: list[dict[str, Any]] = encodable_data(rows)
    return result


def explanation(item: Explanation) -> str:
    """A requirement in plain words with what passes, what fails and how to fix it."""
    label = _label(item.definition_source == "shipped", item.definition_path)
    lines = [
        f"{item.requirement}: {item.title}",
        f"  {item.definition_title}{label}; element {item.element}; {item.obligation} "
        f"({item.obligation_meaning})",
        "",
        f"  {item.statement}",
        "",
        f"  clause: {item.clause}",
        f"  source: {item.url}",
        "  passes when:",
        *(f"    - {text}" for text in item.passes_when),
        "  fails when:",
        *(f"    - {text}" for text in item.fails_when),
        f"  how to fix: {item.remediation}",
    ]
    return "\n".join(safe_line(line) for line in lines) + "\n"


def difference(result: DefinitionDiff) -> str:
    """Header changes, then added, removed and changed requirements."""
    lines = [f"{result.old} → {result.new}"]
    lines += [f"  {note}" for note in result.header]
    marks = {"added": "+", "removed": "-", "changed": "~"}
    for kind in ("added", "removed", "changed"):
        items = [c for c in result.changes if c.kind == kind]
        if not items:
            continue
        lines += ["", f"{kind.capitalize()} ({len(items)}):"]
        for change in items:
            lines.append(f"  {marks[kind]} {change.requirement}: {change.title}")
            lines += [f"      {detail}" for detail in change.details]
    if not result.changes and not result.header:
        lines.append("  no differences")
    return "\n".join(safe_line(line) for line in lines) + "\n"


def comparison(item: Comparison) -> str:
    """Where a release's results differ between two definitions."""
    lines = [
        f"Compared with {item.other_definition}: {item.verdict} under {item.definition}, "
        f"{item.other_verdict} under {item.other_definition}."
    ]
    for difference_ in item.differences:
        lines.append(
            f"  {difference_.requirement}: {difference_.here} here, {difference_.there} there "
            f"({'; '.join(difference_.why)})"
        )
    if not item.differences:
        lines.append("  every requirement has the same result")
    return "\n".join(safe_line(line) for line in lines) + "\n"
