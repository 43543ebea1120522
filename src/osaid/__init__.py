"""osaid: check an AI release against the OSI Open Source AI Definition (OSAID).

>>> import osaid
>>> report = osaid.check("examples/conformant/osaid.yaml")  # doctest: +SKIP
>>> report.verdict.value  # doctest: +SKIP
'conformant'

osaid is a self-assessment aid. OSI does not certify AI systems, and a report from osaid is
not an OSI approval.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from osaid._engine import evaluate, license_for
from osaid._errors import (
    DefinitionError,
    InputError,
    LicenseDataError,
    LicenseExpressionError,
    OsaidError,
    Problem,
    UnknownDefinitionError,
)
from osaid._version import __version__
from osaid.definition import Definition, Requirement, available_definitions, load_definition
from osaid.licensing import LicenseEvaluation
from osaid.model import Component, ComponentKind, Release
from osaid.policy import Policy
from osaid.readers import read_path

if TYPE_CHECKING:
    from osaid.grading import (
        GradedDefinition,
        GradeReport,
        available_graded_definitions,
        grade,
        load_graded_definition,
    )
from osaid.report import Report, ReportWarning, Result, Status, Verdict

__all__ = [
    "Component",
    "ComponentKind",
    "Definition",
    "DefinitionError",
    "GradeReport",
    "GradedDefinition",
    "InputError",
    "LicenseDataError",
    "LicenseEvaluation",
    "LicenseExpressionError",
    "OsaidError",
    "Policy",
    "Problem",
    "Release",
    "Report",
    "ReportWarning",
    "Requirement",
    "Result",
    "Status",
    "UnknownDefinitionError",
    "Verdict",
    "__version__",
    "available_definitions",
    "available_graded_definitions",
    "check",
    "evaluate_license",
    "grade",
    "load_definition",
    "load_graded_definition",
    "read",
]


_LAZY = {
    "GradeReport",
    "GradedDefinition",
    "available_graded_definitions",
    "grade",
    "load_graded_definition",
}
"""Grading (MOF classes) is imported on first use: most runs check OSAID only."""


def __getattr__(name: str) -> object:
    if name in _LAZY:
        from osaid import grading  # noqa: PLC0415

        return getattr(grading, name)
    raise AttributeError(f"module 'osaid' has no attribute {name!r}")


def __dir__() -> list[str]:
    return list(__all__)


def _definition(definition: str | Definition) -> Definition:
    return definition if isinstance(definition, Definition) else load_definition(definition)


def read(source: str | Path) -> Release:
    """Read one input file (format detected by content) into the canonical model."""
    return read_path(source)


def check(
    source: str | Path | Release,
    definition: str | Definition = "osaid-1.0",
    policy: Policy | None = None,
) -> Report:
    """Check one release against a definition and return the full report.

    ``source`` is a path to any supported input (osaid manifest, MOF model file) or an
    already-built :class:`Release`. Raises only :class:`OsaidError` subclasses.
    """
    release = source if isinstance(source, Release) else read_path(source)
    return evaluate(release, _definition(definition), policy or Policy())


def evaluate_license(
    expression: str,
    element: str = "code",
    definition: str | Definition = "osaid-1.0",
    policy: Policy | None = None,
) -> LicenseEvaluation:
    """Judge a licence expression for one element (code, data-information or parameters).

    A malformed expression is returned as a failing evaluation with ``malformed=True``.
    """
    chosen = _definition(definition)
    if element not in chosen.licensed_elements():
        options = ", ".join(chosen.licensed_elements())
        raise OsaidError(Problem(f"unknown element '{element}' (choose one of: {options})"))
    return license_for(expression, element, chosen, policy or Policy())
