r"""SARIF 2.1.0 for GitHub code scanning: one rule per requirement, one result per finding.

A result is a requirement that failed or is missing (level ``error`` when it decides the
verdict, ``note`` when only recommended) or a warning (level ``warning``, rule
``osaid/warning/<code>``). GitHub shows a result only at a file and line, so every result is
anchored to its evidence (line 1 of the input when there is none). Paths inside the
working directory are written relative to it with ``uriBaseId: %SRCROOT%`` (the repository root
when run from a checkout), other paths as ``file:`` URIs.

An input that could not be read gives one result per problem found (rule
``osaid/input-error``, level ``error``, at the problem's file and line) and, in the run's
``invocations``, ``executionSuccessful: false`` with a tool execution notification per problem
(SARIF 2.1.0 §3.20.21), so code scanning shows where to fix the input instead of finding no
file at all.

``partialFingerprints`` hash the rule id, the file and the key path but not the line, so an
alert keeps its identity when lines move; repeats of the same triple are numbered in order.

Text from the input cannot become a link or markup. SARIF viewers turn ``[text](target)`` in a
plain-text message into an embedded link (SARIF 2.1.0 §3.11.6, "Messages with embedded
links"), so every ``text`` property escapes ``[``, ``]`` and the backslashes before them with a
backslash, the escape that section defines; ``markdown`` properties escape Markdown the way
``--format markdown`` does, and only osaid's own clause link is live. Controls and bidi
characters are shown as ``\uXXXX``, and a lone surrogate (a non-UTF-8 file name) is written
the same way, except in URIs, which percent-encode the file name's bytes as the file system
holds them (``%FF.yaml``).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, quote_from_bytes

from osaid._errors import OsaidError, Problem
from osaid._escape import dumps, fs_bytes
from osaid._escape import safe as _safe
from osaid._version import __version__
from osaid.definition import Obligation, Requirement, load_definition
from osaid.render._common import user_definition_note, waiver_lines
from osaid.render._failure import ERROR_TYPE, InputFailure
from osaid.render._markdown import link as _md_link
from osaid.render._markdown import markdown as _md
from osaid.render._stream import Collected, ReportStream
from osaid.report import Evidence, Report, ReportWarning, Result, Status

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
INFORMATION_URI = "https://pypi.org/project/osaid/"
FINGERPRINT = "osaid/v1"
SRCROOT = "%SRCROOT%"

_LEVEL = {
    Obligation.MUST.value: "error",
    Obligation.MUST_IF_USED.value: "error",
    Obligation.RECOMMENDED.value: "note",
    "required": "error",  # a graded definition's components
    "optional": "note",
}

Json = dict[str, Any]


_LINK_SYNTAX = re.compile(r"\\(?=[\\\[\]])|[\[\]]")
"""A bracket, or a backslash before a backslash or bracket: what §3.11.6 escapes."""


def plain(value: str) -> str:
    """Text for a SARIF plain-text message: escaped for terminals, no embedded-link syntax."""
    return _LINK_SYNTAX.sub(lambda m: "\\" + m.group(), _safe(value))


def _text(value: str) -> Json:
    return {"text": plain(value)}


def _artifact(file: str) -> Json:
    """The artifactLocation of ``file``: relative to the working directory when inside it.

    URIs percent-encode the name's bytes as the file system holds them, so a non-UTF-8 name
    (decoded with surrogates) still points at its file.
    """
    cwd = Path.cwd()
    absolute = Path(os.path.normpath(cwd / file))
    try:
        relative = absolute.relative_to(cwd)
    except ValueError:
        try:
            return {"uri": absolute.as_uri()}
        except UnicodeEncodeError:  # a surrogate os.fsencode did not make: keep its bytes
            return {"uri": "file://" + quote_from_bytes(fs_bytes(absolute.as_posix()))}
    # ':' is quoted so that a first segment such as 'C:x' can never read as a URI scheme.
    uri = quote(fs_bytes(relative.as_posix()), safe="/-._~!$&'()*+,;=@")
    return {"uri": uri, "uriBaseId": SRCROOT}


def _default_file(report: Report) -> str:
    """Where a finding without evidence is shown: the first file any result's evidence names.

    That is the input itself for a file, and one of the descriptions read from a directory
    (GitHub can show a result only in a file, never on a directory).
    """
    for result in report.results:
        for ref in result.evidence:
            return ref.file
    return report.input


def _anchor(evidence: Sequence[Evidence], report: Report) -> tuple[Json, str]:
    """The physical location of a finding and the key path it points at."""
    ref = evidence[0] if evidence else None
    file = ref.file if ref else _default_file(report)
    line = ref.line if ref and ref.line and ref.line > 0 else 1
    location = {
        "physicalLocation": {"artifactLocation": _artifact(file), "region": {"startLine": line}}
    }
    return location, ref.key if ref else ""


@dataclass(frozen=True)
class _Rule:
    """What a SARIF rule says about one requirement."""

    id: str
    title: str
    statement: str
    remediation: str
    clause: str
    url: str
    element: str
    obligation: str

    @classmethod
    def of(cls, requirement: Requirement) -> _Rule:
        return cls(
            id=requirement.id,
            title=requirement.title,
            statement=requirement.statement,
            remediation=requirement.remediation,
            clause=requirement.clause,
            url=requirement.url,
            element=requirement.element,
            obligation=requirement.obligation.value,
        )

    @classmethod
    def from_result(cls, result: Result) -> _Rule:
        """Rebuilt from a result; its first detail is the requirement's statement."""
        return cls(
            id=result.requirement,
            title=result.title,
            statement=result.details[0] if result.details else result.title,
            remediation=result.remediation or "See the clause this requirement comes from.",
            clause=result.clause,
            url=result.clause_url,
            element=result.element,
            obligation=result.obligation,
        )

    def sarif(self, note: str = "") -> Json:
        """The reportingDescriptor; ``note`` is appended to the full description."""
        return {
            "id": self.id,
            "shortDescription": _text(self.title),
            "fullDescription": _text(f"{self.statement}{note}"),
            "help": {
                "text": plain(f"{self.remediation}\n\nClause: {self.clause}\n{self.url}"),
                "markdown": (
                    f"{_md(self.remediation)}\n\nClause: {_md_link(self.clause, self.url)}"
                ),
            },
            "helpUri": self.url,
            "defaultConfiguration": {"level": _LEVEL.get(self.obligation, "error")},
            "properties": {"tags": [self.element], "obligation": self.obligation},
        }


def _requirement_rules(reports: Sequence[Report], note: str) -> list[Json]:
    """One rule per requirement of the reports' definition, in definition order."""
    first = reports[0]
    wanted = [r.requirement for r in first.results]
    try:
        definition = load_definition(first.definition)
    except OsaidError:
        definition = None
    if definition is not None and [r.id for r in definition.requirements] == wanted:
        return [_Rule.of(r).sarif(note) for r in definition.requirements]
    # A definition loaded from a file outside the search path: rebuild the rules from the
    # results (the generic remediation is then unknown for requirements that passed).
    return [_Rule.from_result(r).sarif(note) for r in first.results]


INPUT_ERROR_RULE = f"osaid/{ERROR_TYPE}"


def _input_error_rule() -> Json:
    about = (
        "osaid could not read this input: it is not valid for its format (a wrong type, an "
        "unknown or missing key, a syntax error), so no requirement was checked."
    )
    advice = "Fix each problem at its line and run osaid again."
    return {
        "id": INPUT_ERROR_RULE,
        "shortDescription": _text("osaid could not read the input"),
        "fullDescription": _text(about),
        "help": {"text": plain(f"{about} {advice}"), "markdown": f"{_md(about)} {advice}"},
        "defaultConfiguration": {"level": "error"},
        "properties": {"tags": ["input-error"]},
    }


def _problem_location(failure: InputFailure, problem: Problem) -> Json:
    line = problem.line if problem.line and problem.line > 0 else 1
    return {
        "physicalLocation": {
            "artifactLocation": _artifact(failure.file_of(problem)),
            "region": {"startLine": line},
        }
    }


def _problem_text(problem: Problem) -> str:
    return f"{problem.key}: {problem.message}" if problem.key else problem.message


def _warning_rule(code: str) -> Json:
    from osaid._warnings import CODES, level_of  # noqa: PLC0415

    known = CODES.get(code)
    what = f" ({known.summary})" if known is not None else ""
    about = (
        f"osaid warning '{code}'{what}: something osaid noticed that does not by itself decide "
        "a requirement."
    )
    info = level_of(code) == "info"
    advice = (
        "An informational note: `osaid check --strict` never fails on it."
        if info
        else "Review it; `osaid check --strict` treats warnings as failures."
    )
    advice += f" `--ignore {code}` silences it."
    return {
        "id": f"osaid/warning/{code}",
        "shortDescription": _text(f"osaid warning: {code}"),
        "fullDescription": _text(about),
        "help": {
            "text": plain(f"{about} {advice}"),
            "markdown": f"{_md(about)} {advice}",
        },
        "defaultConfiguration": {"level": "note" if info else "warning"},
        "properties": {"tags": ["warning"]},
    }


class _Run:
    """The rules and results of one run (one definition)."""

    def __init__(self, reports: Sequence[Report], failures: Sequence[InputFailure] = ()) -> None:
        self.reports = reports
        self.failures = failures
        note = user_definition_note(reports[0]) if reports else ""
        self.note = f" ({note}.)" if note else ""
        self.rules = _requirement_rules(reports, self.note) if reports else []
        self.index = {rule["id"]: i for i, rule in enumerate(self.rules)}
        self.results: list[Json] = []
        self.seen: dict[str, int] = {}
        self.notifications: list[Json] = []

    def _rule_index(self, rule_id: str, make: Callable[[], Json]) -> int:
        """The index of ``rule_id`` in the rules, adding the rule ``make`` builds if new."""
        if rule_id not in self.index:
            self.index[rule_id] = len(self.rules)
            self.rules.append(make())
        return self.index[rule_id]

    def _fingerprint(self, rule_id: str, location: Json, key: str) -> str:
        uri = location["physicalLocation"]["artifactLocation"]["uri"]
        text = "\0".join((rule_id, uri, key))
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        self.seen[digest] = self.seen.get(digest, 0) + 1
        count = self.seen[digest]
        return digest if count == 1 else f"{digest}:{count}"

    def _add(
        self,
        *,
        rule_id: str,
        index: int,
        level: str,
        message: str,
        where: tuple[Json, str],
        properties: Json,
        extra: Json | None = None,
    ) -> None:
        location, key = where
        self.results.append(
            {
                "ruleId": rule_id,
                "ruleIndex": index,
                "level": level,
                "message": _text(message),
                "locations": [location],
                "partialFingerprints": {FINGERPRINT: self._fingerprint(rule_id, location, key)},
                **(extra or {}),
                "properties": properties,
            }
        )

    def add_result(self, report: Report, result: Result) -> None:
        message = result.summary
        if result.remediation:
            message += f"\nFix: {result.remediation}"
        message += "".join(f"\n{line}" for line in waiver_lines(result))
        self._add(
            rule_id=result.requirement,
            index=self._rule_index(
                result.requirement, lambda: _Rule.from_result(result).sarif(self.note)
            ),
            level="error" if result.affects_verdict else "note",
            message=message,
            where=_anchor(result.evidence, report),
            properties={
                "status": result.status.value,
                "input": report.input,
                "element": result.element,
            },
            extra=_acceptance(result),
        )

    def add_warning(self, report: Report, warning: ReportWarning) -> None:
        rule_id = f"osaid/warning/{warning.code}"
        self._add(
            rule_id=rule_id,
            index=self._rule_index(rule_id, lambda: _warning_rule(warning.code)),
            level="note" if warning.level == "info" else "warning",
            message=warning.message,
            where=_anchor(warning.evidence, report),
            properties={"input": report.input},
        )

    def add_failure(self, failure: InputFailure) -> None:
        """One result and one notification per problem of an input that could not be read."""
        index = self._rule_index(INPUT_ERROR_RULE, _input_error_rule)
        for problem in failure.problems:
            location = _problem_location(failure, problem)
            message = _problem_text(problem)
            self._add(
                rule_id=INPUT_ERROR_RULE,
                index=index,
                level="error",
                message=message,
                where=(location, problem.key or ""),
                properties={"input": failure.input},
            )
            self.notifications.append(
                {
                    "level": "error",
                    "message": _text(f"{failure.input}: {message}"),
                    "locations": [location],
                    "descriptor": {"id": INPUT_ERROR_RULE},
                }
            )
        if failure.omitted:
            self.notifications.append(
                {"level": "error", "message": _text(f"{failure.input}: {failure.omitted_note()}")}
            )

    def build(self) -> Json:
        for report in self.reports:
            for result in report.results:
                if result.status in (Status.FAIL, Status.MISSING):
                    self.add_result(report, result)
            for warning in report.warnings:
                self.add_warning(report, warning)
        for failure in self.failures:
            self.add_failure(failure)
        run: Json = {
            "tool": {
                "driver": {
                    "name": "osaid",
                    "version": self.reports[0].tool_version if self.reports else __version__,
                    "informationUri": INFORMATION_URI,
                    "rules": self.rules,
                }
            },
            "results": self.results,
        }
        if self.failures:
            run["invocations"] = [
                {"executionSuccessful": False, "toolExecutionNotifications": self.notifications}
            ]
        if self.reports:
            run["properties"] = self._properties(self.reports[0])
        return run

    def _properties(self, first: Report) -> Json:
        return {
            "definition": first.definition,
            "definitionTitle": first.definition_title,
            "definitionUrl": first.definition_url,
            "definitionSource": first.definition_source,
            **({"definitionPath": first.definition_path} if first.definition_path else {}),
            "verdicts": [_verdict(r) for r in self.reports],
            **({"configuration": first.configuration} if first.configuration else {}),
            **({"baseline": first.baseline_file} if first.baseline_file else {}),
            "disclaimer": first.disclaimer,
        }


def _acceptance(result: Result) -> Json:
    """SARIF's own fields for a waived result, and its baseline state.

    A waiver is a suppression with the waiver's reason as its justification (code scanning
    shows such an alert as dismissed); ``baselineState`` is ``new`` or ``unchanged``.
    """
    found: Json = {}
    if result.waived:
        reasons = "; ".join(w.reason for w in result.waivers if not w.expired)
        found["suppressions"] = [
            {"kind": "external", "status": "accepted", "justification": reasons}
        ]
    if result.baseline is not None:
        found["baselineState"] = result.baseline
    return found


def _verdict(report: Report) -> Json:
    """One input's verdict (and, for a graded definition, the class reached)."""
    found: Json = {
        "input": report.input,
        "release": report.release.name,
        "verdict": report.verdict.value,
    }
    if report.grade is not None:
        found["grade"] = report.grade.label
    return found


def stream(render: Callable[[Sequence[Report], bool], str], many: bool) -> ReportStream[Report]:
    """Every report kept as it is: SARIF groups them all before writing its log.

    Compressed copies, rebuilt at the end, would cost more than the reports themselves (which
    share their strings).
    """
    return Collected(render, many, compress=False, failures=True)


def render(reports: Sequence[Report | InputFailure], many: bool) -> str:  # noqa: ARG001
    """One SARIF log with one run per definition, holding the findings of every input.

    One run per definition rather than per input: the rules are the definition's requirements,
    so a run per definition states them once, and GitHub code scanning rejects an upload with
    several runs of the same tool and category (which a run per input would be). ``osaid check``
    uses one definition, so it always writes one run; only a library caller mixing definitions
    gets several, and then each carries its own ``automationDetails.id`` so they stay distinct.
    """
    groups: dict[str, list[Report]] = {}
    failures: list[InputFailure] = []
    for report in reports:
        if isinstance(report, InputFailure):
            failures.append(report)
        else:
            groups.setdefault(report.definition, []).append(report)
    built = [_Run(group) for group in groups.values()] or [_Run([])]
    built[0].failures = failures
    runs = [run.build() for run in built]
    if len(runs) > 1:
        for definition, run in zip(groups, runs, strict=True):
            run["automationDetails"] = {"id": f"osaid/{definition}/"}
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": runs}
    return dumps(log) + "\n"
