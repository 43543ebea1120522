"""Plain text for a person at a terminal: verdict first, then what to change.

Colour is opt-in (``render_colour``): the command line asks for it only when writing to a
terminal and ``NO_COLOR`` is unset. Everything taken from the input is escaped (control, bidi
and surrogate characters) before colour codes are added, so input can never drive the terminal.
A graded report is written the graded way (the class reached, then each class's progress and
what it lacks; :mod:`osaid.render._graded`), without colour.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from osaid._escape import safe, safe_line
from osaid._keys import location
from osaid.render import TEXT_SEPARATOR
from osaid.render._common import accepted_note, definition_name, not_counted, waiver_lines
from osaid.render._graded import graded_lines, summary_row
from osaid.render._stream import Joined, ReportStream
from osaid.report import Report, Result, Status

_MARK = {
    Status.PASS: "PASS",
    Status.FAIL: "FAIL",
    Status.MISSING: "MISSING",
    Status.NOT_APPLICABLE: "N/A",
}

# SGR sequences: status words and verdicts only, never whole paragraphs.
_GREEN = "32"
_RED = "31"
_YELLOW = "33"
_DIM = "2"
_BOLD_GREEN = "1;32"
_BOLD_RED = "1;31"

_STYLE = {
    Status.PASS: _GREEN,
    Status.FAIL: _RED,
    Status.MISSING: _RED,
    Status.NOT_APPLICABLE: _DIM,
}

Paint = Callable[[str, str], str]


def _plain(text: str, style: str) -> str:  # noqa: ARG001 - same shape as _ansi
    return text


def _ansi(text: str, style: str) -> str:
    return f"\x1b[{style}m{text}\x1b[0m"


def _where(result: Result) -> str:
    for ref in result.evidence:
        return f" ({location(ref.file, ref.line)}, {ref.key})"
    return ""


def _one(report: Report, paint: Paint) -> list[str]:
    """The lines for one report; every element is already escaped (and maybe coloured)."""
    if report.grade is not None:
        return [safe_line(line) for line in graded_lines(report.grade, report.comparison)]
    name = safe_line(report.release.name or "(unnamed release)")
    verdict = (
        paint("CONFORMANT", _BOLD_GREEN)
        if report.conformant
        else paint("NOT CONFORMANT", _BOLD_RED)
    )
    title = safe_line(definition_name(report))
    lines = [f"{safe_line(report.input)}: {name} — {verdict} with {title}", ""]
    for result in report.results:
        optional = not_counted(result)
        mark = paint(f"{_MARK[result.status]:<8}", _STYLE[result.status])
        lines.append(f"  {mark}{safe_line(result.summary)}{optional}")
        if result.status in (Status.FAIL, Status.MISSING):
            lines.append(safe_line(f"          at{_where(result) or ' ' + report.input}"))
            if result.remediation:
                lines.append(safe_line(f"          fix: {result.remediation}"))
            lines.extend(safe_line(f"          {line}") for line in waiver_lines(result))
            lines.extend(safe_line(f"          {d}") for d in result.details[1:] if d)
    if report.warnings:
        lines += ["", paint("Warnings:", _YELLOW)]
        for warning in report.warnings:
            ref = warning.evidence[0] if warning.evidence else None
            where = f" [{location(ref.file, ref.line, '?')} {ref.key}]" if ref else ""
            lines.append(paint(safe_line(f"  - {warning.message}{where}"), _YELLOW))
    if report.comparison is not None:
        from osaid.render._versions import comparison  # noqa: PLC0415

        lines += ["", safe(comparison(report.comparison).rstrip("\n"))]
    if accepted_note(report):
        lines += ["", safe_line(accepted_note(report))]
    counts = report.counts
    lines += [
        "",
        safe_line(
            f"{counts['pass']} passed, {counts['fail']} failed, {counts['missing']} missing, "
            f"{counts['not-applicable']} not applicable. {report.disclaimer}"
        ),
    ]
    return lines


def _separator(report: Report) -> list[str]:
    """What goes before a report that follows another: a rule (a blank line when graded)."""
    return [""] if report.grade is not None else ["", "-" * 78]


def separator(report: Report) -> str:
    """The separator's text, for the stream (see :func:`stream`)."""
    return "\n" if report.grade is not None else TEXT_SEPARATOR


def _row(report: Report, paint: Paint) -> str:
    """One line of the summary of several inputs."""
    if report.grade is not None:
        return safe_line(summary_row(report.grade))
    failing = sorted({r.element for r in report.failing()})
    verdict = paint("conformant", _GREEN) if report.conformant else paint("not conformant", _RED)
    extra = safe_line(f" (failing: {', '.join(failing)})") if failing else ""
    name = safe_line(f"{report.input}: {report.release.name or '?'}")
    return f"  {name} — {verdict}{extra}"


def _render(reports: Sequence[Report], many: bool, paint: Paint) -> str:
    lines: list[str] = []
    for index, report in enumerate(reports):
        if index:
            lines += _separator(report)
        lines += _one(report, paint)
    if many and reports:
        lines += ["", "Summary:"]
        lines += [_row(report, paint) for report in reports]
    return "\n".join(lines) + "\n"


def render(reports: Sequence[Report], many: bool) -> str:
    """Render every report, then a summary table when several inputs were checked."""
    return _render(reports, many, _plain)


def render_colour(reports: Sequence[Report], many: bool) -> str:
    """The same text with status words, verdicts and warnings coloured for a terminal."""
    return _render(reports, many, _ansi)


def stream(render: Callable[[Sequence[Report], bool], str], many: bool) -> ReportStream[Report]:
    """Each report written as it comes, separated; the summary kept as one line per input."""
    return Joined(render, many, separator)
