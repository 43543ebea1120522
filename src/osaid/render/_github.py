"""GitHub Actions workflow commands: an annotation per finding, most important first.

``::error file=F,line=L,title=T::message`` in a step's log becomes an annotation on that line of
the pull request (https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands).
GitHub shows at most 10 error, 10 warning and 10 notice annotations per step (and 50 per job;
actions/toolkit docs/problem-matchers.md, "Limitations"), dropping the rest silently, so osaid
writes the most important first (inputs that could not be read, then failing requirements,
then warnings, then recommendations not met), at most 10 of each kind, and one notice saying
how many more there are; every finding past the cap is still a plain line of the log.

Escaping follows the toolkit's rules for workflow commands: in the message ``%``, CR and LF are
written ``%25``, ``%0D`` and ``%0A``; in a property ``:`` and ``,`` are also written ``%3A`` and
``%2C``, so a value can neither end its property nor start a new command. Control and bidi
characters are escaped first, as everywhere (:mod:`osaid._escape`). No plain line starts with
``::``: each starts with ``osaid:``, so a file name cannot smuggle in a command.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from osaid._escape import safe, safe_line
from osaid._keys import location
from osaid.render._common import definition_name
from osaid.render._failure import InputFailure
from osaid.render._gitlab import repository_path as _path
from osaid.render._stream import Collected, ReportStream
from osaid.report import Evidence, Report, Status

__all__ = ["PER_KIND", "data", "prop", "render", "stream"]

PER_KIND = 10
"""Annotations of one kind GitHub shows for a step."""


def data(text: str) -> str:
    """The message of a workflow command."""
    return safe(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def prop(text: str) -> str:
    """A property value of a workflow command (``file``, ``title``)."""
    return data(text).replace(":", "%3A").replace(",", "%2C")


@dataclass(frozen=True)
class _Finding:
    kind: str  # error, warning or notice
    rank: int  # lower is more important within the kind
    file: str
    line: int | None
    title: str
    message: str

    def command(self) -> str:
        props = [f"file={prop(_path(self.file))}"]
        if self.line:
            props.append(f"line={self.line}")
        props.append(f"title={prop(self.title)}")
        return f"::{self.kind} {','.join(props)}::{data(self.message)}"

    def log_line(self) -> str:
        where = location(self.file, self.line)
        return safe_line(f"osaid: {self.kind}: {where}: {self.title}: {self.message}")


def _at(evidence: Sequence[Evidence], fallback: str) -> tuple[str, int | None]:
    for ref in evidence:
        return ref.file, ref.line
    return fallback, None


def _findings(item: Report | InputFailure) -> Iterator[_Finding]:
    if isinstance(item, InputFailure):
        for problem in item.problems:
            message = f"{problem.key}: {problem.message}" if problem.key else problem.message
            title = "osaid: cannot read the input"
            yield _Finding("error", 0, item.file_of(problem), problem.line, title, message)
        return
    for result in item.results:
        if result.status not in (Status.FAIL, Status.MISSING):
            continue
        file, line = _at(result.evidence, item.input)
        message = result.summary
        if result.remediation:
            message += f"\nFix: {result.remediation}"
        title = f"osaid {result.requirement}"
        if result.affects_verdict:
            yield _Finding("error", 1, file, line, title, message)
        elif not result.follows_from:
            yield _Finding("notice", 1, file, line, f"{title} (recommended)", message)
    for warning in item.warnings:
        file, line = _at(warning.evidence, item.input)
        yield _Finding("warning", 1, file, line, f"osaid warning {warning.code}", warning.message)


def _verdict(item: Report | InputFailure) -> str:
    if isinstance(item, InputFailure):
        return safe_line(f"osaid: {item.headline()}")
    name = item.release.name or "(unnamed release)"
    word = "conformant" if item.conformant else "NOT conformant"
    if item.grade is not None:
        word = f"reaches {item.grade.label}" if item.conformant else "reaches no class"
    return safe_line(f"osaid: {item.input}: {name} is {word} ({definition_name(item)})")


def render(reports: Sequence[Report | InputFailure], many: bool) -> str:  # noqa: ARG001
    """Annotations, most important first and capped per kind, then the log lines."""
    findings = [f for item in reports for f in _findings(item)]
    order = {"error": 0, "warning": 1, "notice": 2}
    findings.sort(key=lambda f: (order[f.kind], f.rank))
    shown: list[str] = []
    rest: list[str] = []
    counts = dict.fromkeys(order, 0)
    # one notice is kept for the count of what was not annotated
    limits = {"error": PER_KIND, "warning": PER_KIND, "notice": PER_KIND - 1}
    for finding in findings:
        counts[finding.kind] += 1
        if counts[finding.kind] <= limits[finding.kind]:
            shown.append(finding.command())
        else:
            rest.append(finding.log_line())
    lines = shown
    if rest:
        hidden = {kind: max(0, counts[kind] - limits[kind]) for kind in order}
        parts = [f"{n} {kind}{'s' if n != 1 else ''}" for kind, n in hidden.items() if n]
        message = (
            f"{', '.join(parts)} more are not annotated (GitHub shows {PER_KIND} of each kind "
            "per step); they are listed in this step's log."
        )
        lines.append(f"::notice title=osaid::{data(message)}")
        lines += rest
    lines += [_verdict(item) for item in reports]
    return "\n".join(lines) + "\n"


def stream(render: Callable[[Sequence[Report], bool], str], many: bool) -> ReportStream[Report]:
    """The caps count every input: each report is kept compressed until the end."""
    return Collected(render, many, failures=True)
