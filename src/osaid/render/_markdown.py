r"""Markdown for a pull request, a CI job summary or a model card: verdict, table, what to fix.

Text taken from the input (names, summaries, licence strings) is escaped: Markdown punctuation
gets a backslash, ``|`` and line breaks are made safe inside table cells, and control and bidi
characters are shown as ``\uXXXX``. Only text osaid writes itself carries Markdown syntax.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from osaid._escape import safe as _safe
from osaid.report import Report, Result, Status

_STATUS = {
    Status.PASS: "PASS",
    Status.FAIL: "FAIL",
    Status.MISSING: "MISSING",
    Status.NOT_APPLICABLE: "N/A",
}

# Punctuation that starts inline syntax anywhere in a line (emphasis, code, links, HTML,
# entities, strike-through, table cells) or a GitHub reference (#123, @user). Input text never
# starts a line, so block markers (-, +, 1.) need no escape.
_ACTIVE = re.compile(r"([\\`*_\[\]<>#|~&@])")
_BREAK = re.compile(r"\r\n|\r|\n")


def _md(text: str) -> str:
    """Escape text from the input for running Markdown; line breaks become ``<br>``."""
    return "<br>".join(_ACTIVE.sub(r"\\\1", _safe(part)) for part in _BREAK.split(text))


def _cell(text: str) -> str:
    """Escape text for a table cell (``|`` included, so the row cannot be split)."""
    return _md(text).strip() or " "


def _code(text: str, cell: bool = False) -> str:
    r"""A code span that holds any text: the fence is longer than any run of backticks inside.

    In a table cell ``|`` is written ``\|``: GitHub splits cells before it reads code spans.
    """
    text = _safe(" ".join(_BREAK.split(text)))
    if cell:
        text = text.replace("|", "\\|")
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _location(result: Result, report: Report) -> str:
    """``file:line`` and key path of a result's first evidence, else the input."""
    for ref in result.evidence:
        where = f"{ref.file}:{ref.line}" if ref.line else ref.file
        return f"{_code(where)} ({_code(ref.key)})"
    return _code(report.input)


def _verdict(report: Report) -> str:
    word = "Conformant" if report.conformant else "Not conformant"
    return f"**{word}** with {_md(report.definition_title)} ({_md(report.definition)})"


def _name(report: Report) -> str:
    name = report.release.name or "(unnamed release)"
    if report.release.version:
        name += f" {report.release.version}"
    return name


def _fix_item(result: Result, report: Report) -> str:
    fix = _md(result.remediation) if result.remediation else _md(result.summary)
    return f"- **{_md(result.title)}** at {_location(result, report)}: {fix}"


def _section(report: Report, level: str) -> list[str]:
    lines = [
        f"{level} {_md(_name(report))}",
        "",
        _verdict(report),
        "",
        f"Input: {_code(report.input)} ({_md(report.input_format)})",
        "",
        "| Status | Requirement | Element | Summary |",
        "|---|---|---|---|",
    ]
    for result in report.results:
        optional = " (recommended)" if not result.affects_verdict else ""
        requirement = f"{_cell(result.title)}{optional}<br>{_code(result.requirement, cell=True)}"
        lines.append(
            f"| {_STATUS[result.status]} | {requirement} | {_cell(result.element)} "
            f"| {_cell(result.summary)} |"
        )
    failing = report.failing()
    optional_gaps = [
        r
        for r in report.results
        if not r.affects_verdict and r.status in (Status.FAIL, Status.MISSING)
    ]
    if failing:
        lines += ["", f"{level}# What to fix", ""]
        lines += [_fix_item(r, report) for r in failing]
    if optional_gaps:
        lines += ["", f"{level}# Recommended, not required", ""]
        lines += [_fix_item(r, report) for r in optional_gaps]
    if report.warnings:
        lines += ["", f"{level}# Warnings", ""]
        for warning in report.warnings:
            where = ""
            if warning.evidence:
                ref = warning.evidence[0]
                spot = f"{ref.file}:{ref.line}" if ref.line else ref.file
                where = f" ({_code(spot)}, {_code(ref.key)})"
            lines.append(f"- {_md(warning.message)}{where}")
    if report.comparison is not None:
        item = report.comparison
        lines += [
            "",
            f"{level}# Compared with {_md(item.other_definition)}",
            "",
            f"{_md(item.verdict)} under {_md(item.definition)}, {_md(item.other_verdict)} under "
            f"{_md(item.other_definition)}.",
            "",
        ]
        lines += [
            f"- {_code(d.requirement)}: {_md(d.here)} here, {_md(d.there)} there "
            f"({_md('; '.join(d.why))})"
            for d in item.differences
        ] or ["- every requirement has the same result"]
    counts = report.counts
    lines += [
        "",
        f"{counts['pass']} passed, {counts['fail']} failed, {counts['missing']} missing, "
        f"{counts['not-applicable']} not applicable.",
    ]
    return lines


def _summary(reports: Sequence[Report]) -> list[str]:
    conformant = sum(r.conformant for r in reports)
    lines = [
        "## osaid check",
        "",
        f"{conformant} of {len(reports)} inputs conformant.",
        "",
        "| Input | Release | Verdict | Failing requirements (elements) |",
        "|---|---|---|---|",
    ]
    for report in reports:
        verdict = "conformant" if report.conformant else "**not conformant**"
        failing = report.failing()
        elements = ", ".join(sorted({_md(r.element) for r in failing}))
        gaps = f"{len(failing)} ({elements})" if failing else "none"
        lines.append(
            f"| {_code(report.input, cell=True)} | {_cell(_name(report))} | {verdict} "
            f"({_md(report.definition)}) | {gaps} |"
        )
    return lines


def render(reports: Sequence[Report], many: bool) -> str:
    """One section per input; with several inputs, a summary table first and ``###`` sections."""
    lines: list[str] = []
    level = "##"
    if many:
        lines += [*_summary(reports), ""]
        level = "###"
    for report in reports:
        lines += [*_section(report, level), ""]
    disclaimers = dict.fromkeys(r.disclaimer for r in reports)
    lines += [f"> {_md(text)}" for text in disclaimers]
    return "\n".join(lines) + "\n"
