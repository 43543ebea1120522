"""osaid: check an AI release against the OSI Open Source AI Definition (OSAID).

>>> import osaid
>>> report = osaid.check("examples/conformant/osaid.yaml")  # doctest: +SKIP
>>> report.verdict.value  # doctest: +SKIP
'conformant'

osaid is a self-assessment aid. OSI does not certify AI systems, and a report from osaid is
not an OSI approval.

The public names are imported on first use (PEP 562): ``import osaid`` and ``osaid --version``
stay cheap, and a pre-commit run of ``osaid check`` loads only the reader, definition and
renderer it needs.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from osaid._errors import (
    DefinitionError,
    InputError,
    LicenseDataError,
    LicenseExpressionError,
    OsaidError,
    Problem,
    UnknownDefinitionError,
)
from osaid._lazy import exports
from osaid._limits import MAX_INPUT_BYTES
from osaid._version import __version__

if TYPE_CHECKING:
    from osaid.definition import Definition, Requirement, available_definitions, load_definition
    from osaid.grading import (
        GradedDefinition,
        GradeReport,
        available_graded_definitions,
        grade,
        load_graded_definition,
    )
    from osaid.licensing import LicenseEvaluation
    from osaid.model import Component, ComponentKind, Release
    from osaid.policy import Policy
    from osaid.report import Report, ReportWarning, Result, Status, Verdict

__all__ = [
    "MAX_INPUT_BYTES",
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
    "osaid.definition": ("Definition", "Requirement", "available_definitions", "load_definition"),
    "osaid.grading": (
        "GradeReport",
        "GradedDefinition",
        "available_graded_definitions",
        "grade",
        "load_graded_definition",
    ),
    "osaid.licensing": ("LicenseEvaluation",),
    "osaid.model": ("Component", "ComponentKind", "Release"),
    "osaid.policy": ("Policy",),
    "osaid.report": ("Report", "ReportWarning", "Result", "Status", "Verdict"),
}

__getattr__ = exports(globals(), _LAZY)


def __dir__() -> list[str]:
    return list(__all__)


def _definition(definition: str | Definition) -> Definition:
    from osaid.definition import Definition, load_definition  # noqa: PLC0415 - lazy API

    return definition if isinstance(definition, Definition) else load_definition(definition)


def read(source: str | Path, *, max_input_bytes: int = MAX_INPUT_BYTES) -> Release:
    """Read one input file or directory (format detected by content) into the canonical model.

    A file over ``max_input_bytes`` is refused with an :class:`InputError`.
    """
    from osaid.readers import read_path  # noqa: PLC0415 - lazy API

    return read_path(source, max_input_bytes)


def check(
    source: str | Path | Release,
    definition: str | Definition = "osaid-1.0",
    policy: Policy | None = None,
    *,
    max_input_bytes: int = MAX_INPUT_BYTES,
) -> Report:
    """Check one release against a definition and return the full report.

    ``source`` is a path to any supported input (osaid manifest, MOF model file) or an
    already-built :class:`Release`. Raises only :class:`OsaidError` subclasses.
    """
    from osaid._engine import evaluate  # noqa: PLC0415 - lazy API
    from osaid.model import Release  # noqa: PLC0415
    from osaid.policy import Policy  # noqa: PLC0415

    release = (
        source if isinstance(source, Release) else read(source, max_input_bytes=max_input_bytes)
    )
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
    from osaid._engine import license_for  # noqa: PLC0415 - lazy API
    from osaid.policy import Policy  # noqa: PLC0415

    chosen = _definition(definition)
    if element not in chosen.licensed_elements():
        options = ", ".join(chosen.licensed_elements())
        raise OsaidError(Problem(f"unknown element '{element}' (choose one of: {options})"))
    return license_for(expression, element, chosen, policy or Policy())
