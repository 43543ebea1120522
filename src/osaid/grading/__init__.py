"""The Model Openness Framework's classes, as MOT computes them (the names grading uses).

OSAID is pass/fail; the MOF grades. A graded definition (``kind = "graded"`` in
``definitions/*.toml``) lists cumulative classes of components; :func:`grade` puts a release in
the most demanding class it reaches, with MOT's per-class progress. ``osaid.check(source,
"mof-1.0")`` does the same and returns the one report envelope, whose ``grade`` is what
:func:`grade` returns.

>>> from osaid import read
>>> from osaid.grading import grade
>>> release = read("tests/data/mot/models/Amber.yml")  # doctest: +SKIP
>>> report = grade(release, "mof-1.0", "mot-compat")  # doctest: +SKIP
>>> report.summary()  # doctest: +SKIP
{'class': 1, 'label': 'Class I - Open Science Model', 'progress': {'1': 100, '2': 100, '3': 100}}

Two policies: ``mot-compat`` reproduces the Model Openness Tool exactly (its licence data and
mistakes included); ``default`` corrects it, each correction listed in :data:`DEVIATIONS`.

The names live where their stage is (definitions in :mod:`osaid.definition`, the scorer in
:mod:`osaid.evaluate`, the report in :mod:`osaid.report`, MOT's licence data and judges in
:mod:`osaid.licensing`); this package serves them under the names grading has always had.
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
    from osaid.evaluate import grade
    from osaid.licensing import DEVIATIONS, POLICIES, Deviation, GradingPolicy
    from osaid.render import GRADE_RENDERERS, payload
    from osaid.report import (
        GRADE_REPORT_FORMAT,
        AppliedDeviation,
        ClassGrade,
        ComponentGrade,
        GradeReport,
        GradeWarning,
    )

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
    "osaid.evaluate": ("grade",),
    "osaid.licensing": ("DEVIATIONS", "POLICIES", "Deviation", "GradingPolicy"),
    "osaid.render": ("GRADE_RENDERERS", "payload"),
    "osaid.report": (
        "GRADE_REPORT_FORMAT",
        "AppliedDeviation",
        "ClassGrade",
        "ComponentGrade",
        "GradeReport",
        "GradeWarning",
    ),
}
"""Where each public name lives; imported on first use."""

__getattr__ = exports(globals(), _LAZY)


def __dir__() -> list[str]:
    return list(__all__)
