"""Plain text for a person at a terminal: verdict first, then what to change.

By default a report shows only what needs attention: the verdict, each failing requirement with
where it is, how to fix it and the reasons not already said, the warnings, then one line that
counts the rest (the passing requirements, the recommended items not met, the ones that do not
apply). A conformant report without warnings is two lines. ``--verbose`` (``render_verbose``)
lists every requirement, each with a summary only where it adds to the title.

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
        return f"{location(ref.file, ref.line)} ({ref.key})"
    return ""


def _key(text: str) -> str:
    return " ".join(text.casefold().removeprefix("the ").split())


def _line_of(result: Result) -> str:
    """The summary (``Title: what was found``), or the title alone when the rest repeats it.

    "Description covers scope: the description covers scope" says it twice.
    """
    head = f"{result.title}: "
    rest = result.summary.removeprefix(head) if result.summary.startswith(head) else None
    if rest is not None and _key(rest) in (_key(result.title), ""):
        return result.title
    return result.summary


def _already_said(detail: str, said: str) -> bool:
    """A detail that repeats the summary or the fix (a reason the summary gives in full).

    A detail is written ``component: reason`` or ``would pass: licences (...)``; it is left
    out when its text, or its text after the label, with or without a closing parenthesis,
    is already part of what was said.
    """
    candidates = [detail]
    if ": " in detail:
        candidates.append(detail.split(": ", 1)[1])
    candidates += [c.rsplit(" (", 1)[0] for c in candidates if c.endswith(")")]
    return any(len(c) >= 8 and c in said for c in candidates)


def _gap_lines(report: Report, result: Result) -> list[str]:
    """Where a failing or missing result is, how to fix it, and each further reason once."""
    lines = [safe_line(f"          at {_where(result) or report.input}")]
    said = f"{result.summary}\n{result.remediation or ''}"
    if result.remediation:
        lines.append(safe_line(f"          fix: {result.remediation}"))
    lines.extend(safe_line(f"          {line}") for line in waiver_lines(result))
    for detail in result.details[1:]:
        if detail and not _already_said(detail, said):
            lines.append(safe_line(f"          {detail}"))
            said += "\n" + detail
    return lines


def _requirement(report: Report, result: Result, paint: Paint) -> list[str]:
    mark = paint(f"{_MARK[result.status]:<8}", _STYLE[result.status])
    lines = [f"  {mark}{safe_line(_line_of(result))}{safe_line(not_counted(result))}"]
    if result.status in (Status.FAIL, Status.MISSING):
        lines += _gap_lines(report, result)
    return lines


def _count_line(report: Report, verbose: bool) -> str:
    """The count of every result by outcome, then the disclaimer.

    A result that fails without deciding the verdict is either recommended or restates
    failures already counted (OSAID's models-and-weights clause): each is counted apart.
    """
    counts = report.counts
    gaps = [
        r
        for r in report.results
        if r.status in (Status.FAIL, Status.MISSING) and not r.affects_verdict
    ]
    restating = sum(bool(r.follows_from) for r in gaps)
    parts = [f"{counts['pass']} passed", f"{len(report.failing())} failing"]
    if len(gaps) - restating:
        parts.append(f"{len(gaps) - restating} recommended not met")
    if restating:
        parts.append(f"{restating} restating them")
    parts.append(f"{counts['not-applicable']} not applicable")
    notes = sum(w.level == "info" for w in report.warnings)
    if notes and not verbose:
        parts.append(f"{notes} informational note{'s' if notes != 1 else ''}")
    hint = "" if verbose else " (--verbose lists every requirement and note)"
    return safe_line(f"{', '.join(parts)}{hint}. {report.disclaimer}")


def _one(report: Report, paint: Paint, verbose: bool = False) -> list[str]:
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
    lines = [f"{safe_line(report.input)}: {name} — {verdict} with {title}"]
    body: list[str] = []
    shown = report.results if verbose else report.failing()
    for result in shown:
        body += _requirement(report, result, paint)
    warnings = [w for w in report.warnings if verbose or w.level == "warning"]
    if warnings:
        body += ["", paint("Warnings:", _YELLOW)] if body else [paint("Warnings:", _YELLOW)]
        for warning in warnings:
            ref = warning.evidence[0] if warning.evidence else None
            where = f" [{location(ref.file, ref.line, '?')} {ref.key}]" if ref else ""
            body.append(paint(safe_line(f"  - {warning.message}{where}"), _YELLOW))
    if report.comparison is not None:
        from osaid.render._versions import comparison  # noqa: PLC0415

        body += ["", safe(comparison(report.comparison).rstrip("\n"))]
    if accepted_note(report):
        body += ["", safe_line(accepted_note(report))]
    if body:
        lines += ["", *body, ""]
    lines.append(_count_line(report, verbose))
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


def _render(reports: Sequence[Report], many: bool, paint: Paint, verbose: bool = False) -> str:
    lines: list[str] = []
    for index, report in enumerate(reports):
        if index:
            lines += _separator(report)
        lines += _one(report, paint, verbose)
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


def render_verbose(reports: Sequence[Report], many: bool) -> str:
    """Every requirement of every report (``osaid check --verbose``)."""
    return _render(reports, many, _plain, verbose=True)


def render_verbose_colour(reports: Sequence[Report], many: bool) -> str:
    """:func:`render_verbose`, coloured for a terminal."""
    return _render(reports, many, _ansi, verbose=True)


def stream(render: Callable[[Sequence[Report], bool], str], many: bool) -> ReportStream[Report]:
    """Each report written as it comes, separated; the summary kept as one line per input."""
    return Joined(render, many, separator)
