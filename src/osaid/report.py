"""REPORT: one envelope for both kinds of definition, as pydantic models.

A :class:`Report` holds one result per requirement and a verdict. For a graded definition
(the Model Openness Framework) its results are the definition's components and its verdict is
whether any class is reached, and it also holds the graded results themselves
(:attr:`Report.grade`, a :class:`GradeReport`: classes, progress, deviations), so every
renderer takes the same reports whatever the kind.

The JSON form of :class:`Report` is a stable contract (``report_format``); fields are only
ever added within a format version. A graded report's JSON form is its own contract
(``report_format`` ``grade-1``: the envelope, ``verdict``, ``grade``, then the graded results).
"""

from __future__ import annotations

from enum import Enum
from typing import Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from osaid.licensing import LicenseFacts

REPORT_FORMAT: Final = "1"
"""The version of the JSON report's contract: a minor release only adds fields; removing,
renaming or retyping one, or changing what a value means, is a new format (and a major
release)."""
GRADE_REPORT_FORMAT: Final = "grade-1"

DISCLAIMER = (
    "Self-assessment against the OSI Open Source AI Definition. OSI does not certify AI "
    "systems; this report is not an OSI approval or certification."
)

GRADE_DISCLAIMER = (
    "Self-assessment against the Model Openness Framework. Classes are computed from the "
    "input as written; this is not a classification by LF AI & Data, the Model Openness Tool "
    "or OSI."
)

__all__ = [
    "DISCLAIMER",
    "GRADE_DISCLAIMER",
    "GRADE_REPORT_FORMAT",
    "REPORT_FORMAT",
    "AppliedDeviation",
    "AppliedWaiver",
    "ClassGrade",
    "Comparison",
    "ComponentCheck",
    "ComponentGrade",
    "ComponentStatus",
    "Evidence",
    "GradeReport",
    "GradeWarning",
    "Progress",
    "Report",
    "ReportWarning",
    "Result",
    "ResultDifference",
    "Status",
    "Verdict",
]


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)


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
    waivers: list[AppliedWaiver] = Field(default_factory=list)
    """The configuration's waivers that name this result (expired ones too)."""
    waived: bool = False
    """True when it blocks and every failing part is covered by a waiver still in force: it is
    still reported failing and the verdict is unchanged, but it does not fail the run."""
    baseline: Literal["new", "unchanged"] | None = None
    """With ``--baseline``: ``unchanged`` when every finding of this blocking result is in the
    baseline, ``new`` otherwise (None without a baseline, or when it does not block)."""
    fingerprints: list[str] = Field(default_factory=list)
    """With ``--baseline`` or ``--write-baseline``: the stable fingerprint of each finding of a
    blocking result (requirement, component and cause; never a line number)."""

    @property
    def blocks(self) -> bool:
        """Whether it keeps the release from conforming: it counts, and fails or is missing."""
        return self.affects_verdict and self.status in (Status.FAIL, Status.MISSING)

    @property
    def accepted(self) -> bool:
        """Whether a blocking result is waived or in the baseline.

        Such a result does not fail the run, though the verdict stays not conformant.
        """
        return self.waived or self.baseline == "unchanged"


class AppliedWaiver(_Out):
    """A waiver from the configuration that names this result."""

    requirement: str
    component: str | None = None
    """The component it waives (None: the whole requirement)."""
    reason: str
    expires: str | None = None
    """ISO date from which it no longer applies."""
    expired: bool = False
    """True when today is on or past ``expires``: the waiver no longer applies."""


class ReportWarning(_Out):
    """Something the user should know that does not by itself decide a requirement."""

    code: str
    """A stable code (``osaid explain --warnings`` lists them); ``--ignore CODE`` silences it."""
    message: str
    evidence: list[Evidence] = Field(default_factory=list)
    level: Literal["info", "warning"] = "warning"
    """``info``: how osaid read the input or a documented policy it applied (never fails
    ``--strict``); ``warning``: something in the input to look at."""


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

    report_format: Literal["1", "grade-1"] = REPORT_FORMAT
    """:data:`REPORT_FORMAT`; ``grade-1`` only inside osaid, for a graded report, whose JSON
    form is its own (:meth:`to_json`)."""
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
    configuration: str | None = None
    """The configuration file the command line used (None: none was found or used)."""
    baseline_file: str | None = None
    """The baseline file results were compared with (``--baseline``), if any."""
    disclaimer: str = DISCLAIMER
    _grade: GradeReport | None = PrivateAttr(default=None)

    @property
    def conformant(self) -> bool:
        """True when the verdict is conformant."""
        return self.verdict is Verdict.CONFORMANT

    @property
    def grade(self) -> GradeReport | None:
        """The graded results of a graded definition (None for a binary one)."""
        return self._grade

    def with_grade(self, grade: GradeReport) -> Report:
        """A copy of this report that also holds the graded results ``grade``."""
        copy = self.model_copy()
        copy._grade = grade
        return copy

    def failing(self) -> list[Result]:
        """Results that block conformance, in definition order."""
        return [r for r in self.results if r.blocks]

    @property
    def accepted(self) -> bool:
        """Whether every blocking result is waived or in the baseline.

        The run may then pass; the verdict is never changed by it.
        """
        failing = self.failing()  # none: nothing to accept (a graded verdict may still fail)
        return bool(failing) and all(r.accepted for r in failing)

    def to_json(self) -> str:
        """The report as ``osaid check --format json`` prints it for one input, byte for byte.

        ASCII, indented by two spaces, ending in a newline; a graded report in its own shape
        (``grade-1``). The stable contract: see :data:`REPORT_FORMAT`.
        """
        from osaid.render._json import render  # noqa: PLC0415 - the one JSON writer

        return render([self], many=False)

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON data: the keys and values of :meth:`to_json`, parsed."""
        import json  # noqa: PLC0415

        data: dict[str, Any] = json.loads(self.to_json())
        return data


# -- graded results ------------------------------------------------------------------------


class _Graded(BaseModel):
    model_config = ConfigDict(frozen=True, populate_by_name=True, defer_build=True)


Progress = int | float
ComponentStatus = Literal["included", "invalid", "unlicensed", "missing"]


class ComponentGrade(_Graded):
    """How one component of the definition fared."""

    kind: str
    name: str
    content_type: str
    introduced_in: int
    """The rank of the class that introduces the component."""
    required: bool
    status: ComponentStatus
    license: str | None = None
    """The resolved licence string, as written (or inherited)."""
    normalized: str | None = None
    """The licence as the policy read it (the default policy's normalised expression)."""
    inherited_from: str | None = None
    type_appropriate: bool | None = None
    reasons: list[str] = Field(default_factory=list)
    evidence: Evidence | None = None


class ClassGrade(_Graded):
    """One class: whether it is reached, its progress, and its components by status."""

    class_: int = Field(alias="class")
    label: str
    reached: bool
    progress: Progress
    required: int
    """How many included components the class needs (after substitutions)."""
    included: list[str]
    """Required components (or their substitutes) that are included."""
    optional: list[str]
    """Optional components that are included (never counted)."""
    missing: list[str]
    invalid: list[str]
    unlicensed: list[str]
    substitutions: list[str] = Field(default_factory=list)


class GradeWarning(_Graded):
    """Something the user should know that does not by itself decide the class."""

    code: str
    message: str
    component: str | None = None
    deviations: list[str] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)


class AppliedDeviation(_Graded):
    """A default-policy deviation from MOT that changed the outcome for some components."""

    id: str
    title: str
    components: list[str]


class GradeReport(_Graded):
    """Everything the grader concluded about one release."""

    definition: str
    definition_title: str
    definition_version: str
    definition_source: Literal["shipped", "user"] = "shipped"
    """``user``: a graded definition read from a directory of your own, not osaid's."""
    definition_path: str | None = None
    """The file a ``user`` definition was read from (None for shipped definitions)."""
    policy: str
    licence_data: str
    input: str
    input_format: str
    release: str | None
    class_: int = Field(alias="class")
    label: str
    progress: dict[str, Progress]
    """Per class rank ("1", "2", "3"), as MOT's REST API gives it."""
    total_progress: float
    """The mean of the per-class progress values (MOT ranks models by it)."""
    classes: list[ClassGrade]
    """From the least demanding class to the most demanding."""
    components: list[ComponentGrade]
    warnings: list[GradeWarning]
    deviations: list[AppliedDeviation] = Field(default_factory=list)

    @property
    def reached(self) -> bool:
        """True when some class is reached (the release is classified)."""
        return self.class_ != 0

    @property
    def verdict(self) -> Verdict:
        """Conformant when any class is reached: what ``osaid check`` exits with."""
        return Verdict.CONFORMANT if self.reached else Verdict.NOT_CONFORMANT

    def summary(self) -> dict[str, object]:
        """``{"class", "label", "progress"}``: MOT's ``classification`` object."""
        return {"class": self.class_, "label": self.label, "progress": dict(self.progress)}
