"""WAIVERS AND BASELINES: accepting known failures without hiding them.

Both leave the verdict alone: a waived failure is still reported failing, with the waiver's
reason, and a release with one is still **not conformant**. They change only whether the run
fails (:attr:`osaid.report.Report.accepted`): it passes when every blocking result is covered.

- A **waiver** (in the configuration) names a requirement, optionally one component, a reason
  and an optional expiry date. It covers a result when every failing part is named: a waiver
  without ``component`` covers the whole result, one with a component covers that component's
  failure. From its expiry date on it covers nothing, and the result says so with the date. A
  waiver that names nothing failing in a report is a warning (``unused-waiver``).
- A **baseline** (``--write-baseline FILE``) records today's findings by fingerprint: each
  failing component of a blocking result (or the result itself when no component failed) as
  requirement, component and cause (its status and the licence it is under), never a line
  number or a file name, so editing or moving a manifest keeps its findings. With
  ``--baseline FILE`` a blocking result fails the run only when it has a finding not in it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from osaid._errors import Problem, UsageError
from osaid._files import FileRefusedError, read_regular
from osaid._validation import suggest
from osaid._warnings import level_of
from osaid.report import AppliedWaiver, Report, ReportWarning, Result

if TYPE_CHECKING:
    from osaid.config import Waiver

__all__ = [
    "BASELINE_FORMAT",
    "Acceptance",
    "Finding",
    "baseline_text",
    "findings",
    "read_baseline",
]

BASELINE_FORMAT = "osaid-baseline-1"
MAX_BASELINE_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class Finding:
    """One thing a blocking result found wrong, identified without lines or paths."""

    requirement: str
    component: str
    cause: str

    @property
    def fingerprint(self) -> str:
        text = "\0".join((self.requirement, self.component, self.cause))
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]

    def entry(self, given: str) -> dict[str, str]:
        """The baseline file's record of it (``input``: where it was first seen, for people)."""
        return {
            "fingerprint": self.fingerprint,
            "requirement": self.requirement,
            "component": self.component,
            "cause": self.cause,
            "input": given,
        }


def findings(result: Result) -> list[Finding]:
    """The findings of a blocking result: one per failing component, else the result itself."""
    failing = [c for c in result.components if c.status == "fail"]
    if not failing:
        return [Finding(result.requirement, "", result.status.value)]
    return [
        Finding(result.requirement, c.component, f"fail:{c.normalized or c.license or 'none'}")
        for c in failing
    ]


@dataclass
class Acceptance:
    """What the command line applies to each report: ignored codes, waivers, a baseline."""

    ignore: frozenset[str] = frozenset()
    waivers: Sequence[Waiver] = ()
    baseline: frozenset[str] | None = None
    """Fingerprints of the baseline read (None: no baseline)."""
    baseline_file: str | None = None
    configuration: str | None = None
    recorded: dict[str, dict[str, str]] | None = None
    """``--write-baseline``: every finding seen, by fingerprint (None: not recording)."""
    today: date = field(default_factory=date.today)

    def record(self, target: str) -> None:
        """Record every finding for a new baseline ``target``; each is then known to it."""
        self.recorded = {}
        self.baseline_file = target

    def apply(self, report: Report) -> Report:
        """``report`` with ignored warnings dropped and waivers and baseline states added."""
        used: set[int] = set()
        results = [self._result(result, used, report.input) for result in report.results]
        warnings = [w for w in report.warnings if w.code not in self.ignore]
        warnings += self._unused(report, used)
        update: dict[str, object] = {"results": results, "warnings": warnings}
        if self.configuration is not None:
            update["configuration"] = self.configuration
        if self.baseline_file is not None:
            update["baseline_file"] = self.baseline_file
        applied = report.model_copy(update=update)
        grade = report.grade
        if grade is not None:
            kept = [w for w in grade.warnings if w.code not in self.ignore]
            applied = applied.with_grade(grade.model_copy(update={"warnings": kept}))
        return applied

    def _result(self, result: Result, used: set[int], given: str) -> Result:
        if not result.blocks:
            return result
        named = [
            (index, waiver)
            for index, waiver in enumerate(self.waivers)
            if waiver.requirement == result.requirement and _names(waiver, result)
        ]
        used.update(index for index, _ in named)
        update: dict[str, object] = {}
        if named:
            update["waivers"] = [self._applied(waiver) for _, waiver in named]
            update["waived"] = _covers([w for _, w in named if not self._expired(w)], result)
        found = findings(result)
        if self.recorded is not None:
            for finding in found:
                self.recorded.setdefault(finding.fingerprint, finding.entry(given))
        if self.baseline is not None or self.recorded is not None:
            update["fingerprints"] = [f.fingerprint for f in found]
            known = self.recorded is not None or all(
                f.fingerprint in (self.baseline or ()) for f in found
            )
            update["baseline"] = "unchanged" if known else "new"
        return result.model_copy(update=update) if update else result

    def _expired(self, waiver: Waiver) -> bool:
        return waiver.expires is not None and self.today >= waiver.expires

    def _applied(self, waiver: Waiver) -> AppliedWaiver:
        return AppliedWaiver(
            requirement=waiver.requirement,
            component=waiver.component,
            reason=waiver.reason,
            expires=waiver.expires.isoformat() if waiver.expires else None,
            expired=self._expired(waiver),
        )

    def _unused(self, report: Report, used: set[int]) -> list[ReportWarning]:
        if "unused-waiver" in self.ignore:
            return []
        ids = [r.requirement for r in report.results]
        found = []
        for index, waiver in enumerate(self.waivers):
            if index in used:
                continue
            what = waiver.requirement + (f" ({waiver.component})" if waiver.component else "")
            if waiver.requirement in ids:
                why = "it does not fail (or that component does not fail) in this report"
            else:
                why = (
                    f"no such requirement in {report.definition}{suggest(waiver.requirement, ids)}"
                )
            found.append(
                ReportWarning(
                    code="unused-waiver",
                    message=f"the waiver for {what} matches nothing: {why}; remove it",
                    level=level_of("unused-waiver"),
                )
            )
        return found


def _names(waiver: Waiver, result: Result) -> bool:
    if waiver.component is None:
        return True
    return any(c.component == waiver.component and c.status == "fail" for c in result.components)


def _covers(waivers: list[Waiver], result: Result) -> bool:
    """Whether ``waivers`` (in force, for this requirement) cover every failing part."""
    if any(w.component is None for w in waivers):
        return True
    failing = {c.component for c in result.components if c.status == "fail"}
    return bool(failing) and failing <= {w.component for w in waivers}


# -- baseline files ----------------------------------------------------------------------------


def baseline_text(recorded: dict[str, dict[str, str]]) -> str:
    """The baseline file holding the ``recorded`` findings (see :meth:`Acceptance.record`)."""
    document = {
        "baseline_format": BASELINE_FORMAT,
        "findings": sorted(recorded.values(), key=lambda e: (e["requirement"], e["component"])),
    }
    return json.dumps(document, indent=2, ensure_ascii=True) + "\n"


def read_baseline(path: Path) -> frozenset[str]:
    """The fingerprints recorded in the baseline file ``path`` (UsageError naming it)."""
    name = str(path)
    try:
        content = read_regular(path, MAX_BASELINE_BYTES)
    except FileRefusedError as exc:
        raise UsageError(Problem(exc.reason, file=name)) from None
    if len(content) > MAX_BASELINE_BYTES:
        raise UsageError(Problem("is larger than 16 MiB; not read", file=name))
    try:
        data = json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise UsageError(Problem(f"is not a baseline (not JSON: {exc})", file=name)) from None
    if not isinstance(data, dict) or data.get("baseline_format") != BASELINE_FORMAT:
        raise UsageError(
            Problem(
                f"is not an osaid baseline (baseline_format is not '{BASELINE_FORMAT}'; "
                "write one with --write-baseline)",
                file=name,
            )
        )
    entries = data.get("findings")
    if not isinstance(entries, list):
        raise UsageError(Problem("must be a list", file=name, key="findings"))
    found = []
    for index, entry in enumerate(entries):
        value = entry.get("fingerprint") if isinstance(entry, dict) else None
        if not isinstance(value, str) or not value:
            raise UsageError(
                Problem("has no fingerprint", file=name, key=f"findings[{index}].fingerprint")
            )
        found.append(value)
    return frozenset(found)
