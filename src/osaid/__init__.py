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
from collections.abc import Generator, Iterable, Mapping
from typing import TYPE_CHECKING, Any

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
    from osaid.report import REPORT_FORMAT, Report, ReportWarning, Result, Status, Verdict

__all__ = [
    "MAX_INPUT_BYTES",
    "REPORT_FORMAT",
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
    "check_data",
    "check_many",
    "check_text",
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
    "osaid.report": ("REPORT_FORMAT", "Report", "ReportWarning", "Result", "Status", "Verdict"),
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


def check_text(
    text: str | bytes,
    definition: str | Definition | GradedDefinition = DEFAULT_DEFINITION,
    policy: Policy | None = None,
    *,
    name: str | None = None,
    format: str | None = None,
    max_input_bytes: int = MAX_INPUT_BYTES,
) -> Report:
    """Check a release description held in memory: a card, manifest, MOF file or SBOM.

    ``text`` is a ``str`` or UTF-8 ``bytes``, refused where a file holding it would be (over
    ``max_input_bytes``, a NUL byte, bytes that are not UTF-8; a leading BOM is dropped). The
    format is detected by content as for files; ``format`` (``"card"``, ``"manifest"``,
    ``"mof"``, ``"cyclonedx"``, ``"spdx-2"``, ``"spdx-3"`` or a report's ``input_format``)
    names the one expected, and text in another is an :class:`InputError`. ``name`` (default
    ``README.md``) only labels the input in messages and evidence. Bad values raise only
    :class:`OsaidError` subclasses; a value of an unsupported type is a programming error and
    raises ``TypeError`` naming the accepted types.
    """
    from osaid import _arguments, _inputs  # noqa: PLC0415 - lazy API

    limit = _arguments.input_limit(max_input_bytes)
    label = _inputs.text_name(name)
    chosen = _definition(definition)
    settled = _arguments.policy(policy)
    release = _inputs.read_text(_inputs.decoded(text, label, limit), label, format)
    return check(release, chosen, settled)


def check_data(
    data: Mapping[str, Any],
    definition: str | Definition | GradedDefinition = DEFAULT_DEFINITION,
    policy: Policy | None = None,
    *,
    format: str | None = None,
    name: str | None = None,
    max_input_bytes: int = MAX_INPUT_BYTES,
) -> Report:
    """Check parsed metadata: a card's metadata, a manifest, a MOF file or an SBOM as a mapping.

    ``data`` is what a YAML or JSON parser gives (``ModelCardData.to_dict()`` of
    ``huggingface_hub``, ``json.load`` of a CycloneDX or SPDX file). A card's metadata cannot
    be told from other mappings by content: pass ``format="card"``; the other formats are
    detected as for files unless ``format`` names one. Values must be what a file can hold
    (text, numbers, true/false, null, dates, lists, mappings with text keys) and are counted
    against the same limits (nesting, number of values, ``max_input_bytes`` of text); evidence
    names ``name`` (default ``<data>``) and the key path, with no line. Bad values raise only
    :class:`OsaidError` subclasses; a ``data`` that is not a mapping (or another argument of
    an unsupported type) raises ``TypeError``.
    """
    from osaid import _arguments, _inputs  # noqa: PLC0415 - lazy API

    limit = _arguments.input_limit(max_input_bytes)
    label = _inputs.data_name(name)
    chosen = _definition(definition)
    settled = _arguments.policy(policy)
    return check(_inputs.read_data(data, label, format, limit), chosen, settled)


def check_many(
    sources: Iterable[str | os.PathLike[str] | bytes | Mapping[str, Any] | Release],
    definition: str | Definition | GradedDefinition = DEFAULT_DEFINITION,
    policy: Policy | None = None,
    *,
    jobs: int | None = None,
    max_input_bytes: int = MAX_INPUT_BYTES,
) -> Generator[Report | OsaidError, None, None]:
    """Check many releases, yielding one item per source in input order.

    Each source is a path or :class:`Release` (as :func:`check` takes), text or ``bytes`` (as
    :func:`check_text` takes) or a mapping (as :func:`check_data` takes, format detected). A
    ``str`` is a path unless it holds a line break, which no path in practice does and every
    card, manifest or SBOM does; text and mappings are named ``<source N>`` (N from 1). A
    source that cannot be checked yields its :class:`OsaidError` instead of a report, so one
    bad input does not end the batch. ``jobs`` (default 1) above 1 checks in that many worker
    processes, still yielding in input order; sources are read lazily, a few per worker ahead,
    and closing the generator early stops the workers. A source of an unsupported type raises
    ``TypeError`` when it is reached.
    """
    from osaid import _arguments, _many  # noqa: PLC0415 - lazy API
    from osaid.policy import Policy  # noqa: PLC0415

    limit = _arguments.input_limit(max_input_bytes)
    chosen = _definition(definition)
    settled = _arguments.policy(policy) or Policy()
    return _many.check_many(sources, chosen, settled, _many.workers(jobs), limit)


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
