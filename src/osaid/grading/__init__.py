"""Graded definitions: the Model Openness Framework's classes, as MOT computes them.

OSAID is pass/fail; the MOF grades. A graded definition (``kind = "graded"`` in
``definitions/*.toml``) lists cumulative classes of components; :func:`grade` puts a release
in the most demanding class it reaches, with MOT's per-class progress.

>>> from osaid import read
>>> from osaid.grading import grade
>>> release = read("tests/data/mot/models/Amber.yml")  # doctest: +SKIP
>>> report = grade(release, "mof-1.0", "mot-compat")  # doctest: +SKIP
>>> report.summary()  # doctest: +SKIP
{'class': 1, 'label': 'Class I - Open Science Model', 'progress': {'1': 100, '2': 100, '3': 100}}

Two policies: ``mot-compat`` reproduces the Model Openness Tool exactly (its licence data and
mistakes included); ``default`` corrects it, each correction listed in :data:`DEVIATIONS`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from osaid._lazy import exports

if TYPE_CHECKING:
    from osaid.definition import (
        GradedClass,
        GradedComponent,
        GradedDefinition,
        Substitution,
        available_graded_definitions,
        load_graded_definition,
        load_graded_definition_file,
    )
    from osaid.grading._grade import grade
    from osaid.grading._render import GRADE_RENDERERS, GRADE_REPORT_FORMAT, payload
    from osaid.grading._report import (
        AppliedDeviation,
        ClassGrade,
        ComponentGrade,
        GradeReport,
        GradeWarning,
    )
    from osaid.licensing import DEVIATIONS, POLICIES, Deviation, GradingPolicy

__all__ = [
    "DEVIATIONS",
    "GRADE_RENDERERS",
    "GRADE_REPORT_FORMAT",
    "POLICIES",
    "AppliedDeviation",
    "ClassGrade",
    "ComponentGrade",
    "Deviation",
    "GradeReport",
    "GradeWarning",
    "GradedClass",
    "GradedComponent",
    "GradedDefinition",
    "GradingPolicy",
    "Substitution",
    "available_graded_definitions",
    "grade",
    "load_graded_definition",
    "load_graded_definition_file",
    "payload",
]

_LAZY = {
    "osaid.definition": (
        "GradedClass",
        "GradedComponent",
        "GradedDefinition",
        "Substitution",
        "available_graded_definitions",
        "load_graded_definition",
        "load_graded_definition_file",
    ),
    "osaid.grading._grade": ("grade",),
    "osaid.licensing": ("DEVIATIONS", "POLICIES", "Deviation", "GradingPolicy"),
    "osaid.grading._render": ("GRADE_RENDERERS", "GRADE_REPORT_FORMAT", "payload"),
    "osaid.grading._report": (
        "AppliedDeviation",
        "ClassGrade",
        "ComponentGrade",
        "GradeReport",
        "GradeWarning",
    ),
}
"""Where each public name lives; imported on first use, so the MOF reader can load the
catalogue (``_definition``) without the grader, its MOT data and its renderers."""

__getattr__ = exports(globals(), _LAZY)


def __dir__() -> list[str]:
    return list(__all__)
