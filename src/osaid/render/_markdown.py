r"""Markdown for a pull request, a CI job summary or a model card: verdict, table, what to fix.

Text taken from the input (names, versions, summaries, licence strings, paths) is escaped so
that it reads as written and can neither add structure nor links (checked against cmark-gfm,
the renderer GitHub uses):

- control, bidi and surrogate characters, and line breaks, are shown as ``\uXXXX`` (as in the
  text format): a value cannot start a new line, so it cannot add a heading, a table row or a
  fake verdict line;
- Markdown punctuation that starts inline syntax gets a backslash (emphasis, code, links,
  images, raw HTML, entities, strike-through, ``|`` between table cells), and so does a block
  marker where a value starts a list item's text;
- autolinks are broken: ``\://`` and ``www\.`` keep cmark-gfm from linking URLs, and a
  zero-width space (written ``&#8203;``) after ``@`` and before the digits of ``#123`` keeps
  GitHub from linking e-mail addresses, ``@mentions`` and issue references.

Only text osaid writes itself carries Markdown syntax, and only osaid's own links are live.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from osaid._escape import safe_line
from osaid._keys import location
from osaid.render._common import NOT_SHIPPED, accepted_note, not_counted, outcome, waiver_lines
from osaid.render._stream import Collected, ReportStream
from osaid.report import Report, Result, Status

_STATUS = {
    Status.PASS: "PASS",
    Status.FAIL: "FAIL",
    Status.MISSING: "MISSING",
    Status.NOT_APPLICABLE: "N/A",
}

# Punctuation that starts inline syntax anywhere in a line: emphasis, code, links, images,
# raw HTML, entities, strike-through, table cells, headings.
_ACTIVE = re.compile(r"([\\`*_\[\]<>#|~&!])")
# What GitHub links even after escapes are read: URLs (scheme://), www. hosts, e-mail addresses
# and @mentions (@), issue references (#123, already escaped as \#). Each one is broken; one
# simple pass each (C string scans) costs less than one pass of an alternation.
_WWW = re.compile(r"([wW][wW][wW])\.")
_ISSUE = re.compile(r"\\#(?=\d)")
_ZERO_WIDTH = "&#8203;"
# A value that starts a list item must not open a block there: a list, a heading underline.
_BLOCK_START = re.compile(r"^(\s*)([-+=]|\d+(?=[.)]))")
_URL = re.compile(r"https?://[^\s<>()\[\]\\`\x00-\x1f\x7f]+")


def markdown(text: str) -> str:
    """Escape text from the input for running Markdown: it reads as written, on one line."""
    text = _ACTIVE.sub(r"\\\1", safe_line(text))
    if "://" in text:
        text = text.replace("://", "\\://")
    if "@" in text:
        text = text.replace("@", "@" + _ZERO_WIDTH)
    if "\\#" in text:
        text = _ISSUE.sub("\\\\#" + _ZERO_WIDTH, text)
    return _WWW.sub(r"\1\\.", text)


def _item(text: str) -> str:
    """Escape text that starts a list item's content, where ``1.`` or ``-`` opens a block."""
    return _BLOCK_START.sub(r"\1\\\2", markdown(text), count=1)


def link(text: str, url: str) -> str:
    """A link osaid writes itself: live for a plain http(s) URL, else the URL shown as code."""
    if _URL.fullmatch(url):
        return f"[{markdown(text)}]({url})"
    return f"{markdown(text)} ({_code(url)})"


def _cell(text: str) -> str:
    """Escape text for a table cell (``|`` included, so the row cannot be split)."""
    return markdown(text).strip() or " "


def _code(text: str, cell: bool = False) -> str:
    r"""A code span that holds any text: the fence is longer than any run of backticks inside.

    In a table cell ``|`` is written ``\|``: GitHub splits cells before it reads code spans.
    Line breaks are shown as ``\u000a``, as everywhere else; nothing links inside code.
    """
    text = safe_line(text)
    if cell:
        text = text.replace("|", "\\|")
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _location(result: Result, report: Report) -> str:
    """``file:line`` and key path of a result's first evidence, else the input."""
    for ref in result.evidence:
        where = location(ref.file, ref.line)
        return f"{_code(where)} ({_code(ref.key)})"
    return _code(report.input)


def _verdict(report: Report) -> str:
    """The verdict line; a definition that does not ship with osaid is labelled with its path."""
    word = markdown(outcome(report))
    definition = markdown(report.definition)
    if report.definition_source != "shipped":
        definition += f"; {NOT_SHIPPED}, read from {_code(report.definition_path or '?')}"
    return f"**{word}** with {markdown(report.definition_title)} ({definition})"


def _name(report: Report) -> str:
    name = report.release.name or "(unnamed release)"
    if report.release.version:
        name += f" {report.release.version}"
    return name


def _fix_item(result: Result, report: Report) -> str:
    fix = markdown(result.remediation) if result.remediation else markdown(result.summary)
    marks = "".join(f" *{markdown(line)}*." for line in waiver_lines(result))
    return f"- **{markdown(result.title)}** at {_location(result, report)}: {fix}{marks}"


def _section(report: Report, level: str) -> list[str]:
    lines = [
        f"{level} {markdown(_name(report))}",
        "",
        _verdict(report),
        "",
        *([markdown(accepted_note(report)), ""] if accepted_note(report) else []),
        f"Input: {_code(report.input)} ({markdown(report.input_format)})",
        "",
        "| Status | Requirement | Element | Summary |",
        "|---|---|---|---|",
    ]
    for result in report.results:
        optional = not_counted(result)
        requirement = f"{_cell(result.title)}{optional}<br>{_code(result.requirement, cell=True)}"
        lines.append(
            f"| {_STATUS[result.status]} | {requirement} | {_cell(result.element)} "
            f"| {_cell(result.summary)} |"
        )
    failing = report.failing()
    gaps: dict[str, list[Result]] = {}
    for r in report.results:
        if (
            not r.affects_verdict
            and not r.follows_from
            and r.status in (Status.FAIL, Status.MISSING)
        ):
            gaps.setdefault(_GAPS.get(r.obligation, _GAPS["recommended"]), []).append(r)
    if failing:
        lines += ["", f"{level}# What to fix", ""]
        lines += [_fix_item(r, report) for r in failing]
    for heading, items in gaps.items():
        lines += ["", f"{level}# {heading}", ""]
        lines += [_fix_item(r, report) for r in items]
    if report.warnings:
        lines += ["", f"{level}# Warnings", ""]
        for warning in report.warnings:
            where = ""
            if warning.evidence:
                ref = warning.evidence[0]
                spot = location(ref.file, ref.line)
                where = f" ({_code(spot)}, {_code(ref.key)})"
            lines.append(f"- {_item(warning.message)}{where}")
    if report.comparison is not None:
        lines += _comparison(report, level)
    counts = report.counts
    lines += [
        "",
        f"{counts['pass']} passed, {counts['fail']} failed, {counts['missing']} missing, "
        f"{counts['not-applicable']} not applicable.",
    ]
    return lines


def _comparison(report: Report, level: str) -> list[str]:
    item = report.comparison
    assert item is not None  # noqa: S101 - the caller checked
    lines = [
        "",
        f"{level}# Compared with {markdown(item.other_definition)}",
        "",
        f"{markdown(item.verdict)} under {markdown(item.definition)}, "
        f"{markdown(item.other_verdict)} under {markdown(item.other_definition)}.",
        "",
    ]
    lines += [
        f"- {_code(d.requirement)}: {markdown(d.here)} here, {markdown(d.there)} there "
        f"({markdown('; '.join(d.why))})"
        for d in item.differences
    ] or ["- every requirement has the same result"]
    return lines


_GAPS = {
    "recommended": "Recommended, not required",
    "optional": "Optional, never counted",
    "required": "For a more demanding class",
}
"""The heading of the gaps that do not decide the verdict, by the results' obligation."""


def _summary(reports: Sequence[Report]) -> list[str]:
    conformant = sum(r.conformant for r in reports)
    reach = "reach a class" if all(r.grade is not None for r in reports) else "conformant"
    lines = [
        "## osaid check",
        "",
        f"{conformant} of {len(reports)} inputs {reach}.",
        "",
        "| Input | Release | Verdict | Failing requirements (elements) |",
        "|---|---|---|---|",
    ]
    for report in reports:
        verdict = "conformant" if report.conformant else "**not conformant**"
        if report.grade is not None:
            label = markdown(report.grade.label)
            verdict = label if report.conformant else f"**{label}**"
        failing = report.failing()
        elements = ", ".join(sorted({markdown(r.element) for r in failing}))
        gaps = f"{len(failing)} ({elements})" if failing else "none"
        lines.append(
            f"| {_code(report.input, cell=True)} | {_cell(_name(report))} | {verdict} "
            f"({markdown(report.definition)}) | {gaps} |"
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
    lines += [f"> {markdown(text)}" for text in disclaimers]
    return "\n".join(lines) + "\n"


def stream(render: Callable[[Sequence[Report], bool], str], many: bool) -> ReportStream[Report]:
    """The summary table needs every report: each is kept compressed until the end."""
    return Collected(render, many)
