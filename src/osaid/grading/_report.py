"""The grade report: the class reached, MOT-style progress per class, and why, as pydantic models.

Progress values are percentages exactly as MOT computes them (``included / required * 100``,
unrounded, whole numbers as integers), so the JSON matches MOT's own output.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from osaid.report import Evidence, Verdict

__all__ = [
    "AppliedDeviation",
    "ClassGrade",
    "ComponentGrade",
    "ComponentStatus",
    "GradeReport",
    "GradeWarning",
    "Progress",
]

Progress = int | float
ComponentStatus = Literal["included", "invalid", "unlicensed", "missing"]


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True, populate_by_name=True)


class ComponentGrade(_Out):
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


class ClassGrade(_Out):
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


class GradeWarning(_Out):
    """Something the user should know that does not by itself decide the class."""

    code: str
    message: str
    component: str | None = None
    deviations: list[str] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)


class AppliedDeviation(_Out):
    """A default-policy deviation from MOT that changed the outcome for some components."""

    id: str
    title: str
    components: list[str]


class GradeReport(_Out):
    """Everything the grader concluded about one release."""

    definition: str
    definition_title: str
    definition_version: str
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
