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

import os
from typing import TYPE_CHECKING

from osaid._errors import (
    DefinitionError,
    InputError,
    LicenseDataError,
    LicenseExpressionError,
    OsaidError,
    Problem,
    UnknownDefinitionError,
    UnreadableDescriptionError,
    UsageError,
)
from osaid._lazy import exports
from osaid._limits import MAX_INPUT_BYTES
from osaid._version import __version__
from osaid.definition import DEFAULT_DEFINITION

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
    "UnreadableDescriptionError",
    "UsageError",
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


def _definition(definition: object) -> Definition | GradedDefinition:
    from osaid import _arguments  # noqa: PLC0415 - lazy API
    from osaid.definition import select_definition  # noqa: PLC0415

    chosen = _arguments.definition(definition)
    return chosen if not isinstance(chosen, str) else select_definition(chosen)


def read(source: str | os.PathLike[str], *, max_input_bytes: int = MAX_INPUT_BYTES) -> Release:
    """Read one input file or directory (format detected by content) into the canonical model.

    A file over ``max_input_bytes`` (1 byte to 1 TiB) is refused with an :class:`InputError`;
    so are an empty path, a path with a NUL character and one the operating system cannot
    use (too long, say). Raises only :class:`OsaidError` subclasses on bad values, and
    ``TypeError`` (a programming error) for a ``source`` that is not ``str`` or
    ``os.PathLike[str]`` or a ``max_input_bytes`` that is not an ``int``.
    """
    from osaid import _arguments  # noqa: PLC0415 - lazy API
    from osaid.readers import read_path  # noqa: PLC0415

    path = _arguments.source_path(source)
    limit = _arguments.input_limit(max_input_bytes)
    try:
        return read_path(path, limit)
    except OSError as exc:  # what the readers did not turn into a located error themselves
        reason = f"cannot be read ({exc.strerror or type(exc).__name__})"
        raise InputError(Problem(reason, file=str(path))) from None


def check(
    source: str | os.PathLike[str] | Release,
    definition: str | Definition | GradedDefinition = DEFAULT_DEFINITION,
    policy: Policy | None = None,
    *,
    max_input_bytes: int = MAX_INPUT_BYTES,
) -> Report:
    """Check one release against a definition and return the full report.

    ``source`` is a path to any supported input (osaid manifest, MOF model file, model card,
    SBOM, or a directory holding them) or an already-built :class:`Release`; ``check("")`` is
    an :class:`InputError`, not a check of the working directory (write ``"."`` for that).
    ``definition`` is an id, a family or a PEP 440 specifier of either kind: a graded one
    (``"mof-1.0"``) gives a report whose results are its components and whose ``grade`` holds
    the classes (``Policy(grading="mot-compat")`` reproduces the Model Openness Tool).
    Bad values raise only :class:`OsaidError` subclasses, with a message naming the file or
    the argument: an unreadable or invalid input, an unknown ``definition`` (or None), a
    ``policy`` given by name, ``max_input_bytes`` out of range. A value of an unsupported type
    is a programming error and raises ``TypeError`` naming the accepted types.
    """
    from osaid import _arguments  # noqa: PLC0415 - lazy API
    from osaid.evaluate import evaluate  # noqa: PLC0415
    from osaid.model import Release  # noqa: PLC0415
    from osaid.policy import Policy  # noqa: PLC0415

    limit = _arguments.input_limit(max_input_bytes)
    chosen = _definition(definition)
    settled = _arguments.policy(policy) or Policy()
    release = source if isinstance(source, Release) else read(source, max_input_bytes=limit)
    return evaluate(release, chosen, settled)


def evaluate_license(
    expression: str,
    element: str = "code",
    definition: str | Definition = DEFAULT_DEFINITION,
    policy: Policy | None = None,
) -> LicenseEvaluation:
    """Judge a licence expression for one element (code, data-information or parameters).

    A malformed expression is returned as a failing evaluation with ``malformed=True``. An
    unknown element or definition, or a policy given by name, raises an :class:`OsaidError`;
    a value of an unsupported type raises ``TypeError`` (a programming error).
    """
    from osaid import _arguments  # noqa: PLC0415 - lazy API
    from osaid.evaluate import license_for  # noqa: PLC0415
    from osaid.policy import Policy  # noqa: PLC0415

    text = _arguments.text(expression, "expression")
    element = _arguments.text(element, "element")
    chosen = _arguments.binary(_definition(definition))
    settled = _arguments.policy(policy) or Policy()
    if element not in chosen.licensed_elements():
        options = ", ".join(chosen.licensed_elements())
        raise UsageError(
            Problem(f"unknown element {element!r} (choose one of: {options})", key="element")
        )
    return license_for(text, element, chosen, settled)
