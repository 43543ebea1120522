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
from osaid.render._failure import InputFailure
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


_OSAID_CODE = re.compile(r"`([^`\n]+)`")
"""A code span in osaid's own wording (a remediation names keys and kinds as `code`)."""


def prose(text: str) -> str:
    r"""Text that may hold osaid's `code` spans: each becomes a code span, the rest escaped.

    Escaping the backticks too showed them literally (\`evaluation-code\`). A code span is
    inert whatever it holds, so a backtick pair in a value from the input can at most show
    that value as code.
    """
    parts: list[str] = []
    last = 0
    for match in _OSAID_CODE.finditer(text):
        parts += [markdown(text[last : match.start()]), _code(match.group(1))]
        last = match.end()
    parts.append(markdown(text[last:]))
    return "".join(parts)


def _found(result: Result) -> str:
    """What was found, without the title the summary starts with."""
    head = f"{result.title}: "
    return result.summary.removeprefix(head) if result.summary.startswith(head) else result.summary


def _fix_item(result: Result, report: Report) -> str:
    item = (
        f"- **{markdown(result.title)}** at {_location(result, report)}: {markdown(_found(result))}"
    )
    if result.remediation:
        item += f"  \n  Fix: {prose(result.remediation)}"
    item += "".join(f" *{markdown(line)}*." for line in waiver_lines(result))
    return item


def _counts(report: Report) -> str:
    counts = report.counts
    failing = len(report.failing())
    gaps = sum(
        r.status in (Status.FAIL, Status.MISSING) and not r.affects_verdict for r in report.results
    )
    return (
        f"{failing} failing, {counts['pass']} passed, {gaps} not counted (recommended or "
        f"restating), {counts['not-applicable']} not applicable."
    )


def _table_of(report: Report) -> list[str]:
    """Every requirement, collapsed: a reader opens it to see what passed."""
    counts = report.counts
    lines = [
        "<details>",
        f"<summary>All {len(report.results)} requirements ({counts['pass']} passed)</summary>",
        "",
        "| Status | Requirement | Element | Summary |",
        "|---|---|---|---|",
    ]
    for result in report.results:
        optional = not_counted(result)
        requirement = f"{_cell(result.title)}{optional}<br>{_code(result.requirement, cell=True)}"
        lines.append(
            f"| {_STATUS[result.status]} | {requirement} | {_cell(result.element)} "
            f"| {_cell(_found(result))} |"
        )
    return [*lines, "", "</details>"]


def _section(report: Report, level: str) -> list[str]:
    lines = [
        f"{level} {markdown(_name(report))}",
        "",
        _verdict(report),
        "",
        *([markdown(accepted_note(report)), ""] if accepted_note(report) else []),
        _counts(report),
        "",
        f"Input: {_code(report.input)} ({markdown(report.input_format)})",
    ]
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
    return [*lines, "", *_table_of(report)]


def _failure_section(failure: InputFailure, level: str) -> list[str]:
    """An input that could not be read: every problem at its line."""
    lines = [
        f"{level} {_code(failure.input)}",
        "",
        f"**Not checked**: {markdown(failure.headline())}.",
        "",
    ]
    for problem in failure.problems:
        where = _code(location(failure.file_of(problem), problem.line))
        key = f" ({_code(problem.key)})" if problem.key else ""
        lines.append(f"- {where}{key}: {markdown(problem.message)}")
    if failure.omitted:
        lines.append(f"- {markdown(failure.omitted_note())}")
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


MAX_CHARACTERS = 60_000
"""The most a batch's Markdown may hold: GitHub refuses a comment of more than 65,536
characters (and a job summary of more than 1 MiB), so past this only the summary table is
written, saying so."""


def _summary_row(report: Report | InputFailure) -> str:
    if isinstance(report, InputFailure):
        return (
            f"| {_code(report.input, cell=True)} |   | **not checked** | "
            f"{report.total} problem{'s' if report.total != 1 else ''} in the input |"
        )
    verdict = "conformant" if report.conformant else "**not conformant**"
    if report.grade is not None:
        label = markdown(report.grade.label)
        verdict = label if report.conformant else f"**{label}**"
    failing = report.failing()
    elements = ", ".join(sorted({markdown(r.element) for r in failing}))
    gaps = f"{len(failing)} ({elements})" if failing else "none"
    return (
        f"| {_code(report.input, cell=True)} | {_cell(_name(report))} | {verdict} "
        f"({markdown(report.definition)}) | {gaps} |"
    )


def _summary(items: Sequence[Report | InputFailure]) -> list[str]:
    reports = [r for r in items if not isinstance(r, InputFailure)]
    conformant = sum(r.conformant for r in reports)
    graded = bool(reports) and all(r.grade is not None for r in reports)
    reach = "reach a class" if graded else "conformant"
    unread = len(items) - len(reports)
    note = f" {unread} could not be checked." if unread else ""
    return [
        "## osaid check",
        "",
        f"{conformant} of {len(items)} inputs {reach}.{note}",
        "",
        "| Input | Release | Verdict | Failing requirements (elements) |",
        "|---|---|---|---|",
    ]


def _rows(items: Sequence[Report | InputFailure], budget: int) -> list[str]:
    """A row per input, the ones not conformant first, as many as ``budget`` characters hold."""
    order = sorted(
        range(len(items)),
        key=lambda i: not isinstance(items[i], InputFailure) and items[i].conformant,  # type: ignore[union-attr]
    )
    rows: list[str] = []
    used = 0
    for count, index in enumerate(order):
        row = _summary_row(items[index])
        if used + len(row) + 1 > budget:
            rest = len(order) - count
            return [*rows, "", f"{rest} more inputs are not listed, to stay under the size limit."]
        rows.append(row)
        used += len(row) + 1
    return rows


def render(reports: Sequence[Report | InputFailure], many: bool) -> str:
    """One section per input; with several inputs, a summary table first and ``###`` sections.

    A batch whose sections would make the text longer than :data:`MAX_CHARACTERS` is the
    summary table alone (the inputs not conformant first), saying so.
    """
    items = list(reports)
    real = [r for r in items if not isinstance(r, InputFailure)]
    disclaimers = [f"> {markdown(text)}" for text in dict.fromkeys(r.disclaimer for r in real)]
    lines: list[str] = []
    level = "##"
    if many:
        rows = [_summary_row(r) for r in items]
        lines += [*_summary(items), *rows, ""]
        level = "###"
    for item in items:
        section = (
            _failure_section(item, level)
            if isinstance(item, InputFailure)
            else _section(item, level)
        )
        lines += [*section, ""]
    text = "\n".join([*lines, *disclaimers]) + "\n"
    if not many or len(text) <= MAX_CHARACTERS:
        return text
    note = (
        f"The report of each input is left out: with it this text would be {len(text):,} "
        f"characters, more than the {MAX_CHARACTERS:,} a pull-request comment holds. Run "
        "`osaid check --format markdown` on one input for its report."
    )
    head = [*_summary(items)]
    budget = MAX_CHARACTERS - len("\n".join([*head, note, *disclaimers])) - 200
    body = [*head, *_rows(items, budget), "", note, "", *disclaimers]
    return "\n".join(body) + "\n"


def stream(render: Callable[[Sequence[Report], bool], str], many: bool) -> ReportStream[Report]:
    """The summary table needs every report: each is kept compressed until the end."""
    return Collected(render, many, failures=True)
