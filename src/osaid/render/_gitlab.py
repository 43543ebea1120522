"""GitLab Code Quality: a JSON array of findings for merge-request widgets and diffs.

Each finding has the fields GitLab documents as required for a Code Quality report
(https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format):
``description``, ``check_name``, ``fingerprint``, ``severity`` (one of ``info``, ``minor``,
``major``, ``critical``, ``blocker``) and ``location.path`` with ``location.lines.begin``.
``location.path`` is relative to the repository root, as GitLab matches it against the diff:
osaid writes a path inside the working directory relative to it (run from the checkout root),
and other paths as given.

Severity follows what the finding does to the verdict: an input that could not be read is
``blocker``, a failing requirement ``critical``, a warning ``minor`` and a recommendation not met
``info``; a report against a definition that does not ship with osaid adds an ``info`` finding
saying so, with the definition's path. The fingerprint hashes the check, the path and the key
path but not the line (so a finding keeps its identity when lines move), numbering repeats as
SARIF does.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from osaid._escape import dumps
from osaid.render._common import user_definition_note
from osaid.render._failure import ERROR_TYPE, InputFailure
from osaid.render._stream import Collected, ReportStream
from osaid.report import Evidence, Report, Status

__all__ = ["SEVERITIES", "render", "repository_path", "stream"]

SEVERITIES = ("info", "minor", "major", "critical", "blocker")
"""The severities GitLab accepts."""


def repository_path(file: str) -> str:
    """``file`` relative to the working directory (the checkout root) when inside it."""
    cwd = Path.cwd()
    absolute = Path(os.path.normpath(cwd / file))
    try:
        return absolute.relative_to(cwd).as_posix()
    except ValueError:
        return file


def _at(evidence: Sequence[Evidence], fallback: str) -> tuple[str, int, str]:
    for ref in evidence:
        return ref.file, ref.line if ref.line and ref.line > 0 else 1, ref.key
    return fallback, 1, ""


def _raw(item: Report | InputFailure) -> Iterator[tuple[str, str, str, int, str, str]]:
    """(check, severity, file, line, key, description) of each finding of one input."""
    if isinstance(item, InputFailure):
        for p in item.problems:
            text = f"{p.key}: {p.message}" if p.key else p.message
            line = p.line if p.line and p.line > 0 else 1
            yield f"osaid/{ERROR_TYPE}", "blocker", item.file_of(p), line, p.key or "", text
        return
    for result in item.results:
        if result.status not in (Status.FAIL, Status.MISSING) or result.follows_from:
            continue
        file, line, key = _at(result.evidence, item.input)
        text = result.summary + (f" Fix: {result.remediation}" if result.remediation else "")
        severity = "critical" if result.affects_verdict else "info"
        yield result.requirement, severity, file, line, key, text
    for warning in item.warnings:
        file, line, key = _at(warning.evidence, item.input)
        yield f"osaid/warning/{warning.code}", "minor", file, line, key, warning.message
    note = user_definition_note(item)
    if note:  # a definition osaid does not vouch for decided every finding above (or none)
        file, line, _ = _at([ref for r in item.results for ref in r.evidence], item.input)
        yield "osaid/user-definition", "info", file, 1, "", f"Checked against {note}."


def render(reports: Sequence[Report | InputFailure], many: bool) -> str:  # noqa: ARG001
    """One array holding the findings of every input, in input order."""
    seen: dict[str, int] = {}
    issues: list[dict[str, Any]] = []
    for item in reports:
        for check, severity, file, line, key, text in _raw(item):
            path = repository_path(file)
            digest = hashlib.sha256(
                "\0".join((check, path, key)).encode("utf-8", "surrogatepass")
            ).hexdigest()
            seen[digest] = seen.get(digest, 0) + 1
            if seen[digest] > 1:
                digest = hashlib.sha256(f"{digest}:{seen[digest]}".encode()).hexdigest()
            issues.append(
                {
                    "description": text,
                    "check_name": check,
                    "fingerprint": digest,
                    "severity": severity,
                    "location": {"path": path, "lines": {"begin": line}},
                }
            )
    return dumps(issues) + "\n"


def stream(render: Callable[[Sequence[Report], bool], str], many: bool) -> ReportStream[Report]:
    """One array for the whole run: each report is kept compressed until the end."""
    return Collected(render, many, failures=True)
