r"""JSON: one report object per input, or an array when several inputs were checked.

The output is ASCII (non-ASCII escaped, as ``json.dumps`` does) and always valid: a lone
surrogate in a value (a ``"\ud800"`` JSON string in the input, or a non-UTF-8 file name) is
written as the six characters ``\udcff`` (see :mod:`osaid._escape`), never as a surrogate
escape that strict JSON parsers reject. A graded report is written in its own shape
(``report_format`` ``grade-1``: :func:`osaid.render._graded.payload`). An input that could not
be read is an error object in its place (``verdict`` ``error``, see
:meth:`osaid.render._failure.InputFailure.payload`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from pydantic_core import PydanticSerializationError

from osaid._escape import dumps, encodable_data, quiet_json
from osaid.render._failure import InputFailure
from osaid.render._graded import payload
from osaid.render._stream import JsonArray, ReportStream
from osaid.report import Report


def _object(report: Report | InputFailure) -> str:
    """One report as indented, ASCII-only JSON (non-ASCII escaped, as ``json.dumps`` does).

    pydantic serialises in Rust; the standard library's encoder falls back to pure Python when
    indenting, which made large batches spend most of their time here. pydantic refuses to
    encode a lone surrogate, so a report holding one takes the standard library's path with
    every surrogate escaped (the same layout, byte for byte).
    """
    if isinstance(report, InputFailure):
        return dumps(report.payload())
    if report.grade is not None:
        return dumps(payload(report.grade, report.comparison))
    try:
        text = report.model_dump_json(indent=2, by_alias=True, ensure_ascii=True)
    except PydanticSerializationError:
        data = encodable_data(report.model_dump(mode="json", by_alias=True))
        text = json.dumps(data, indent=2, ensure_ascii=True)
    return quiet_json(text)


def render(reports: Sequence[Report | InputFailure], many: bool) -> str:
    """Render one object for a single input, an array in input order when ``many``."""
    if not many and len(reports) == 1:
        return _object(reports[0]) + "\n"
    if not reports:
        return "[]\n"
    # Each object is nested one level inside the array: indent its lines by two spaces. JSON
    # strings never contain a raw newline, so every newline is a line break of the layout.
    items = ",\n".join("  " + _object(r).replace("\n", "\n  ") for r in reports)
    return f"[\n{items}\n]\n"


def stream(render: Callable[[Sequence[Report], bool], str], many: bool) -> ReportStream[Report]:
    """One object for a single input; for several, an array written object by object."""
    return JsonArray(render, many)
