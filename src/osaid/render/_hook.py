"""The short report a pre-commit hook prints: what fails, where, and what to change.

A commit hook's output is read in a terminal between other hooks' output, so it is terse: one
line per failing requirement (``file:line: [element] summary; fix: remediation``), then one
verdict line per input. The full report stays one ``osaid check`` away.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from osaid._escape import safe_line, shell_word
from osaid._keys import location
from osaid.render._common import accepted_note, definition_name, waiver_lines
from osaid.render._stream import HookStream, ReportStream
from osaid.report import Report, Result

__all__ = ["hook_summary", "render", "stream"]


def _where(report: Report, result: Result) -> str:
    """``file:line`` of the first evidence, else the input itself."""
    for ref in result.evidence:
        return location(ref.file, ref.line)
    return report.input


def _line(report: Report, result: Result) -> str:
    element = result.element.replace("-", " ")
    text = f"{_where(report, result)}: [{element}] {result.summary}"
    if result.remediation:
        text += f"; fix: {result.remediation}"
    text += "".join(f"; {line}" for line in waiver_lines(result))
    return "  " + safe_line(text)


def _warnings(report: Report) -> list[str]:
    """Warnings in full when nothing else is left (``--strict`` fails on them), else a count."""
    if not report.warnings:
        return []
    if report.conformant:
        return [
            "  " + safe_line(f"{report.input}: {w.level}: {w.message}") for w in report.warnings
        ]
    count = len(report.warnings)
    return [f"  ({count} warning{'s' if count > 1 else ''}: see the full report)"]


def _verdict(report: Report) -> str:
    name = report.release.name or "(unnamed release)"
    title = definition_name(report)
    if report.grade is not None:
        return _graded(report, name, title)
    if report.conformant:
        return safe_line(
            f"{report.input}: {name} is conformant with {title} (a self-assessment, not an "
            "OSI certification)."
        )
    count = len(report.failing())
    plural = "s" if count != 1 else ""
    accepted = f" {accepted_note(report)}" if accepted_note(report) else ""
    return safe_line(
        f"{report.input}: {name} is NOT conformant with {title}: {count} requirement{plural} "
        f"not met.{accepted} Full report: osaid check {shell_word(report.input)}"
    )


def _graded(report: Report, name: str, title: str) -> str:
    """The verdict line of a graded report: the class reached, or what the first class lacks."""
    assert report.grade is not None  # noqa: S101 - the caller checked
    label = report.grade.label
    if report.conformant:
        return safe_line(
            f"{report.input}: {name} reaches {label} with {title} (a self-assessment, not a "
            "classification by LF AI & Data or OSI)."
        )
    count = len(report.failing())
    plural = "s" if count != 1 else ""
    return safe_line(
        f"{report.input}: {name} reaches no class of {title} ({label}): {count} required "
        f"component{plural} missing or not open. Full report: osaid check --definition "
        f"{report.definition} {report.input}"
    )


def hook_summary(reports: Sequence[Report]) -> str:
    """The short explanation for a commit hook: failing requirements, then the verdict.

    Each failing requirement is one line naming its location, its element (data information,
    code, parameters, freedoms), what is wrong and how to fix it; recommendations that do not
    affect the verdict are left out. Each input ends with its verdict line.
    """
    lines: list[str] = []
    for report in reports:
        lines.extend(_line(report, result) for result in report.failing())
        lines.extend(_warnings(report))
        lines.append(_verdict(report))
    if len(reports) > 1:
        failed = sum(not report.conformant for report in reports)
        lines.append(f"osaid: {failed} of {len(reports)} inputs not conformant.")
    return "\n".join(lines) + "\n"


def render(reports: Sequence[Report], many: bool) -> str:  # noqa: ARG001 - renderer signature
    """:data:`osaid.render.Renderer` form of :func:`hook_summary` (``--format hook``)."""
    return hook_summary(reports)


def stream(render: Callable[[Sequence[Report], bool], str], many: bool) -> ReportStream[Report]:  # noqa: ARG001
    """Each input's lines as it comes, then the count of inputs not conformant."""
    return HookStream(render, lambda report: report.conformant)
