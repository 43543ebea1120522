"""JSON: one report object per input, or an array when several inputs were checked."""

from __future__ import annotations

from collections.abc import Sequence

from osaid.report import Report


def _object(report: Report) -> str:
    """One report as indented, ASCII-only JSON (non-ASCII escaped, as ``json.dumps`` does).

    pydantic serialises in Rust; the standard library's encoder falls back to pure Python when
    indenting, which made large batches spend most of their time here.
    """
    return report.model_dump_json(indent=2, by_alias=True, ensure_ascii=True)


def render(reports: Sequence[Report], many: bool) -> str:
    """Render one object for a single input, an array in input order when ``many``."""
    if not many and len(reports) == 1:
        return _object(reports[0]) + "\n"
    if not reports:
        return "[]\n"
    # Each object is nested one level inside the array: indent its lines by two spaces. JSON
    # strings never contain a raw newline, so every newline is a line break of the layout.
    items = ",\n".join("  " + _object(r).replace("\n", "\n  ") for r in reports)
    return f"[\n{items}\n]\n"
