"""The report: a binary verdict plus one result per requirement, as pydantic models.

The JSON form of :class:`Report` is a stable contract (``report_format``); fields are only
ever added within a format version.
"""

from __future__ import annotations

from enum import Enum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from osaid.licensing import LicenseFacts

REPORT_FORMAT = "1"

DISCLAIMER = (
    "Self-assessment against the OSI Open Source AI Definition. OSI does not certify AI "
    "systems; this report is not an OSI approval or certification."
)

__all__ = [
    "DISCLAIMER",
    "REPORT_FORMAT",
    "Comparison",
    "ComponentCheck",
    "Evidence",
    "Report",
    "ReportWarning",
    "Result",
    "ResultDifference",
    "Status",
    "Verdict",
]


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class Status(str, Enum):
    """The outcome of one requirement."""

    PASS = "pass"
    FAIL = "fail"
    MISSING = "missing"
    NOT_APPLICABLE = "not-applicable"


class Verdict(str, Enum):
    """The binary answer: OSAID does not grade."""

    CONFORMANT = "conformant"
    NOT_CONFORMANT = "not-conformant"


class Evidence(_Out):
    """A pointer into the input: the file, key path and line a result is based on."""

    file: str
    key: str
    line: int | None = None
    value: str | None = None


class ComponentCheck(_Out):
    """How one component fared against a requirement's licence condition."""

    component: str
    kind: str
    license: str | None
    normalized: str | None
    inherited_from: str | None = None
    inferred_from: str | None = None
    status: Literal["pass", "fail"]
    reasons: list[str]
    licenses: list[LicenseFacts] = Field(default_factory=list)
    evidence: Evidence
    fix: str | None = None
    """What to change for this component to pass, following the cause of its failure (a
    missing path, a header that disagrees, an undeclared licence, a failing licence or
    additional terms); null when it passes."""


class Result(_Out):
    """The result of one requirement."""

    requirement: str
    element: str
    obligation: str
    title: str
    status: Status
    affects_verdict: bool
    summary: str
    details: list[str] = Field(default_factory=list)
    clause: str
    clause_url: str
    evidence: list[Evidence] = Field(default_factory=list)
    components: list[ComponentCheck] = Field(default_factory=list)
    remediation: str | None = None
    follows_from: list[str] = Field(default_factory=list)
    """For a requirement that only restates others (``affects_verdict`` false): the ids of
    the requirements its result follows from (those not met, when it fails)."""


class ReportWarning(_Out):
    """Something the user should know that does not by itself decide a requirement."""

    code: str
    message: str
    evidence: list[Evidence] = Field(default_factory=list)


class BaseSummary(_Out):
    """A model the release was derived from, and how."""

    name: str
    relation: str


class ReleaseSummary(_Out):
    """The release as described in the input."""

    name: str | None
    version: str | None
    producer: str | None
    scope: str
    distribution: str
    base_model: str | None
    """The first base model's name (see ``base_models`` for every one)."""
    base_models: list[BaseSummary] = Field(default_factory=list)


class ResultDifference(_Out):
    """A requirement whose result differs between two definitions, and why."""

    requirement: str
    here: str
    there: str
    why: list[str]


class Comparison(_Out):
    """How a release's results under this report's definition differ from another's."""

    definition: str
    other_definition: str
    verdict: str
    other_verdict: str
    differences: list[ResultDifference]


class Report(_Out):
    """Everything osaid concluded about one input."""

    report_format: str = REPORT_FORMAT
    tool: str = "osaid"
    tool_version: str
    definition: str
    definition_title: str
    definition_version: str
    definition_url: str
    definition_source: Literal["shipped", "user"] = "shipped"
    """``shipped``: a definition osaid ships; ``user``: one read from a directory of your own
    (``$OSAID_DEFINITIONS_PATH``), whose title osaid does not vouch for."""
    definition_path: str | None = None
    """The file a ``user`` definition was read from (None for shipped definitions)."""
    spdx_license_list_version: str
    input: str
    input_format: str
    release: ReleaseSummary
    verdict: Verdict
    counts: dict[str, int]
    results: list[Result]
    warnings: list[ReportWarning]
    policy: dict[str, object]
    comparison: Comparison | None = None
    """Present with ``osaid check --compare OTHER``."""
    disclaimer: str = DISCLAIMER

    @property
    def conformant(self) -> bool:
        """True when the verdict is conformant."""
        return self.verdict is Verdict.CONFORMANT

    def failing(self) -> list[Result]:
        """Results that block conformance, in definition order."""
        return [
            r
            for r in self.results
            if r.affects_verdict and r.status in (Status.FAIL, Status.MISSING)
        ]
