"""JUnit XML for CI test-report views (GitLab merge requests, Jenkins).

One ``<testsuite>`` per input, named after the release and the file; one ``<testcase>`` per
requirement (``classname`` the element, ``name`` the requirement id). A requirement that fails
or is missing and decides the verdict is a ``<failure>``; a not-applicable requirement, and a
recommended one that fails or is missing, is ``<skipped>``: failures are exactly the results
that make ``osaid check`` exit 1, so the report and the exit code never disagree. An input
that could not be read is a suite of one ``<testcase>`` with an ``<error>`` listing every
problem found (file:line: key: message), counted in ``errors``: the run exits 2.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence

from osaid._escape import safe as _safe
from osaid._keys import location
from osaid.render._common import accepted_note, user_definition_note, waiver_lines
from osaid.render._failure import ERROR_TYPE, InputFailure
from osaid.render._stream import Collected, ReportStream
from osaid.report import Report, Result, Status

_NONCHARACTERS = {0xFFFE: "\\ufffe", 0xFFFF: "\\uffff"}


def _xml(text: str) -> str:
    """Text XML 1.0 can carry: controls, bidi, surrogates and U+FFFE/U+FFFF escaped.

    One ``str.translate`` pass: joining a generator of single characters held a list of every
    character of the report (at the input limit, 320 MiB for 20 MB of XML).
    """
    return _safe(text).translate(_NONCHARACTERS)


def _location(result: Result, report: Report) -> str:
    for ref in result.evidence:
        return f"{location(ref.file, ref.line)} ({ref.key})"
    return report.input


def _body(result: Result, report: Report) -> str:
    lines = [result.summary, f"at {_location(result, report)}"]
    if result.remediation:
        lines.append(f"fix: {result.remediation}")
    lines += waiver_lines(result)
    lines += [d for d in result.details[1:] if d]
    lines.append(f"clause: {result.clause} ({result.clause_url})")
    return _xml("\n".join(lines))


_SKIPPED = {
    "optional": "optional, never counted for a class",
    "required": "needed only for a more demanding class",
}


def _why_skipped(result: Result) -> str:
    if result.follows_from:
        return "restates other requirements, not counted again"
    return _SKIPPED.get(result.obligation, "recommended, not required")


def _testcase(suite: ET.Element, result: Result, report: Report) -> str:
    """Add one testcase; return what it became: 'passed', 'failure' or 'skipped'."""
    case = ET.SubElement(
        suite, "testcase", {"classname": _xml(result.element), "name": _xml(result.requirement)}
    )
    gap = result.status in (Status.FAIL, Status.MISSING)
    if result.blocks:
        marks = "".join(f" [{line}]" for line in waiver_lines(result))
        failure = ET.SubElement(
            case,
            "failure",
            {"message": _xml(result.summary + marks), "type": result.status.value},
        )
        failure.text = _body(result, report)
        return "failure"
    if gap:
        skipped = ET.SubElement(
            case, "skipped", {"message": _xml(f"{_why_skipped(result)}: {result.summary}")}
        )
        skipped.text = _body(result, report)
        return "skipped"
    if result.status is Status.NOT_APPLICABLE:
        ET.SubElement(case, "skipped", {"message": _xml(f"not applicable: {result.summary}")})
        return "skipped"
    return "passed"


def _suite(root: ET.Element, report: Report) -> dict[str, int]:
    name = report.release.name or "(unnamed release)"
    suite = ET.SubElement(root, "testsuite", {"name": _xml(f"{name} ({report.input})")})
    properties = ET.SubElement(suite, "properties")
    values = [
        ("input", report.input),
        ("input_format", report.input_format),
        ("definition", report.definition),
        ("verdict", report.verdict.value),
        ("tool_version", report.tool_version),
    ]
    if report.grade is not None:  # the class reached (a graded definition)
        values.append(("grade", report.grade.label))
    if report.configuration:
        values.append(("configuration", report.configuration))
    if report.baseline_file:
        values.append(("baseline", report.baseline_file))
    if report.definition_source != "shipped":  # a definition osaid does not vouch for
        values += [
            ("definition_source", report.definition_source),
            ("definition_path", report.definition_path or "?"),
        ]
    for key, value in values:
        ET.SubElement(properties, "property", {"name": key, "value": _xml(value)})
    outcomes = [_testcase(suite, result, report) for result in report.results]
    counts = {
        "tests": len(outcomes),
        "failures": outcomes.count("failure"),
        "errors": 0,
        "skipped": outcomes.count("skipped"),
    }
    for key, count in counts.items():
        suite.set(key, str(count))
    notes = [f"{w.level}: {w.message}" for w in report.warnings]
    notes += [accepted_note(report)] if accepted_note(report) else []
    note = user_definition_note(report)
    notes += [f"definition: {note}"] if note else []
    notes.append(report.disclaimer)
    ET.SubElement(suite, "system-out").text = _xml("\n".join(notes))
    return counts


def _failure_suite(root: ET.Element, failure: InputFailure) -> dict[str, int]:
    """The suite of an input that could not be read: one case, in error, naming each problem."""
    suite = ET.SubElement(root, "testsuite", {"name": _xml(f"{failure.input} (not read)")})
    properties = ET.SubElement(suite, "properties")
    for key, value in (("input", failure.input), ("verdict", "error")):
        ET.SubElement(properties, "property", {"name": key, "value": _xml(value)})
    case = ET.SubElement(suite, "testcase", {"classname": "input", "name": "readable"})
    lines = [
        ": ".join(part for part in (location(failure.file_of(p), p.line), p.key, p.message) if part)
        for p in failure.problems
    ]
    if failure.omitted:
        lines.append(failure.omitted_note())
    error = ET.SubElement(case, "error", {"message": _xml(failure.headline()), "type": ERROR_TYPE})
    error.text = _xml("\n".join(lines))
    counts = {"tests": 1, "failures": 0, "errors": 1, "skipped": 0}
    for key, count in counts.items():
        suite.set(key, str(count))
    return counts


def render(reports: Sequence[Report | InputFailure], many: bool) -> str:  # noqa: ARG001
    """One ``<testsuites>`` with a ``<testsuite>`` per input; the totals add up its suites."""
    root = ET.Element("testsuites", {"name": "osaid check"})
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for report in reports:
        made = (
            _failure_suite(root, report)
            if isinstance(report, InputFailure)
            else _suite(root, report)
        )
        for key, count in made.items():
            totals[key] += count
    for key, count in totals.items():
        root.set(key, str(count))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def stream(render: Callable[[Sequence[Report], bool], str], many: bool) -> ReportStream[Report]:
    """The totals need every report: each is kept compressed until the end."""
    return Collected(render, many, failures=True)
