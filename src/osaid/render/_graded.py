"""A graded report's own text and JSON (``grade-1``), used by the text and JSON formats.

The JSON object per input is the OSAID report's envelope (tool, definition, input, ``verdict``)
with a ``grade`` object (MOT's ``classification``: ``class``, ``label``, ``progress``) next to
``verdict``, then the grade report's details. ``verdict`` is ``conformant`` when any class is
reached, so exit codes keep their meaning.
"""

from __future__ import annotations

from collections.abc import Sequence

from osaid._escape import dumps, safe_line
from osaid._keys import location
from osaid._version import __version__
from osaid.render._common import NOT_SHIPPED
from osaid.report import (
    GRADE_DISCLAIMER,
    GRADE_REPORT_FORMAT,
    ClassGrade,
    Comparison,
    GradeReport,
)

__all__ = ["GRADE_DISCLAIMER", "GRADE_RENDERERS", "GRADE_REPORT_FORMAT", "payload"]


def payload(report: GradeReport, comparison: Comparison | None = None) -> dict[str, object]:
    """The JSON object for one input: envelope, ``verdict``, ``grade``, then the details.

    A definition that does not ship with osaid adds ``definition_source`` and
    ``definition_path``; ``osaid check --compare`` adds ``comparison``.
    """
    body = report.model_dump(mode="json", by_alias=True)
    labelled = {}
    if report.definition_source != "shipped":
        labelled = {"definition_source": "user", "definition_path": report.definition_path}
    compared = {} if comparison is None else {"comparison": comparison.model_dump(mode="json")}
    return {
        "report_format": GRADE_REPORT_FORMAT,
        "tool": "osaid",
        "tool_version": __version__,
        "definition": body["definition"],
        "definition_title": body["definition_title"],
        "definition_version": body["definition_version"],
        **labelled,
        "policy": body["policy"],
        "licence_data": body["licence_data"],
        "input": body["input"],
        "input_format": body["input_format"],
        "release": body["release"],
        "verdict": report.verdict.value,
        "grade": report.summary(),
        "total_progress": body["total_progress"],
        "classes": body["classes"],
        "components": body["components"],
        "warnings": body["warnings"],
        "deviations": body["deviations"],
        **compared,
        "disclaimer": GRADE_DISCLAIMER,
    }


def render_json(reports: Sequence[GradeReport], many: bool) -> str:
    """One object for a single input, an array in input order when ``many``."""
    objects = [payload(r) for r in reports]
    return dumps(objects[0] if not many and len(objects) == 1 else objects) + "\n"


def _percent(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0") + "%"


def _class_lines(
    graded: ClassGrade, blocker: ClassGrade | None, licences: dict[str, str | None]
) -> list[str]:
    mark = "REACHED" if graded.reached else "NOT YET"
    share = _percent(graded.progress)
    if blocker is not None:
        share += f", needs {blocker.label} first"
    lines = [f"  {mark:<8}{graded.label}: {len(graded.included)}/{graded.required} ({share})"]
    for bucket in ("missing", "invalid", "unlicensed"):
        names: list[str] = getattr(graded, bucket)
        if bucket == "invalid":
            names = [f"{name} ({licences.get(name)!r})" for name in names]
        if names:
            lines.append(f"          {bucket}: {', '.join(names)}")
    lines.extend(f"          {note}" for note in graded.substitutions)
    return lines


def graded_lines(report: GradeReport, comparison: Comparison | None = None) -> list[str]:
    """The lines for one graded report (unescaped; the caller escapes each line)."""
    lines = _one(report)
    if comparison is not None:
        from osaid.render._versions import comparison as compared  # noqa: PLC0415

        lines[-2:-2] = ["", *compared(comparison).rstrip("\n").split("\n")]
    return lines


def summary_row(report: GradeReport) -> str:
    """One line of the summary of several inputs (unescaped)."""
    return f"  {report.label:<30} {report.input}"


def _one(report: GradeReport) -> list[str]:
    name = report.release or "(unnamed release)"
    where = ""
    if report.definition_source != "shipped":
        where = f"; {NOT_SHIPPED}, read from {report.definition_path or '?'}"
    lines = [
        f"{report.input}: {name} — {report.label} with {report.definition_title} "
        f"({report.definition}, policy {report.policy}{where})",
        "",
    ]
    blocker: ClassGrade | None = None
    licences = {c.kind: c.license for c in report.components}
    for graded in report.classes:
        lines.extend(_class_lines(graded, blocker, licences))
        if blocker is None and len(graded.included) < graded.required:
            blocker = graded
    if report.warnings:
        lines += ["", "Warnings:"]
        for warning in report.warnings:
            ref = warning.evidence[0] if warning.evidence else None
            where = f" [{location(ref.file, ref.line, '?')} {ref.key}]" if ref else ""
            lines.append(f"  - {warning.message}{where}")
    lines += ["", GRADE_DISCLAIMER]
    return lines


def render_text(reports: Sequence[GradeReport], many: bool) -> str:
    """Every report, then one summary line per input when several were checked."""
    lines: list[str] = []
    for index, report in enumerate(reports):
        if index:
            lines.append("")
        lines.extend(_one(report))
    if many:
        lines += ["", "Summary:"]
        lines.extend(summary_row(r) for r in reports)
    return "\n".join(safe_line(line) for line in lines) + "\n"


GRADE_RENDERERS = {"text": render_text, "json": render_json}
