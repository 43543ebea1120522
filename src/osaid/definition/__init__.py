"""RULES AS DATA: definitions of both kinds, their records, one loader and one selection.

A definition file (``definitions/*.toml``) is data and says its kind: ``binary`` (OSAID and
its drafts: requirements, each met or not, and a verdict) or ``graded`` (the Model Openness
Framework: cumulative classes of components). One loader reads both, resolves ``extends`` and
refuses a broken file with its file and key (``_loader``); one selection chooses either kind by
id, family or PEP 440 specifier (``_select``). The records say what a valid definition is
(``_records`` for binary, ``_graded`` for graded ones). Nothing here evaluates a release: the
scorers in :mod:`osaid.evaluate` read these records generically.

Names load on first use, so ``import osaid.definition`` costs nothing until a definition is
read. The records of the three kinds of check (``Evidence``, ``AttributeCheck``,
``Aggregate``) are served here too; each lives with its evaluation in
:mod:`osaid.evaluate.checks`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from osaid._lazy import exports

DEFINITIONS_ENV = "OSAID_DEFINITIONS_PATH"
"""Environment variable naming extra directories of definition files (os.pathsep-separated)."""

DEFAULT_DEFINITION = "osaid-1.0"
"""The definition a check uses when none is named."""

DEFAULT_GRADED = "mof-1.0"
"""The graded definition grading uses when none is named (and whose component catalogue maps
MOF files' component names to osaid's kinds)."""

if TYPE_CHECKING:
    from osaid.definition._graded import (
        ContentType,
        GradedClass,
        GradedComponent,
        GradedDefinition,
        GradedHeader,
        GradedSource,
        Substitution,
    )
    from osaid.definition._loader import KINDS, AnyDefinition, Kind
    from osaid.definition._records import (
        Applies,
        CheckRecord,
        Condition,
        Definition,
        Element,
        Header,
        Obligation,
        Override,
        Requirement,
    )
    from osaid.definition._select import (
        all_definitions,
        available_definitions,
        available_graded_definitions,
        element_names,
        load_any_definition_file,
        load_definition,
        load_definition_file,
        load_graded_definition,
        load_graded_definition_file,
        select_definition,
    )
    from osaid.evaluate.checks.aggregate import Aggregate
    from osaid.evaluate.checks.attribute import AttributeCheck
    from osaid.evaluate.checks.evidence import Evidence

__all__ = [
    "DEFAULT_DEFINITION",
    "DEFAULT_GRADED",
    "DEFINITIONS_ENV",
    "KINDS",
    "Aggregate",
    "AnyDefinition",
    "Applies",
    "AttributeCheck",
    "CheckRecord",
    "Condition",
    "ContentType",
    "Definition",
    "Element",
    "Evidence",
    "GradedClass",
    "GradedComponent",
    "GradedDefinition",
    "GradedHeader",
    "GradedSource",
    "Header",
    "Kind",
    "Obligation",
    "Override",
    "Requirement",
    "Substitution",
    "all_definitions",
    "available_definitions",
    "available_graded_definitions",
    "element_names",
    "load_any_definition_file",
    "load_definition",
    "load_definition_file",
    "load_graded_definition",
    "load_graded_definition_file",
    "select_definition",
]

_LAZY = {
    "osaid.definition._graded": (
        "ContentType",
        "GradedClass",
        "GradedComponent",
        "GradedDefinition",
        "GradedHeader",
        "GradedSource",
        "Substitution",
    ),
    "osaid.definition._loader": ("KINDS", "AnyDefinition", "Kind"),
    "osaid.definition._records": (
        "Applies",
        "CheckRecord",
        "Condition",
        "Definition",
        "Element",
        "Header",
        "Obligation",
        "Override",
        "Requirement",
    ),
    "osaid.evaluate.checks.aggregate": ("Aggregate",),
    "osaid.evaluate.checks.attribute": ("AttributeCheck",),
    "osaid.evaluate.checks.evidence": ("Evidence",),
    "osaid.definition._select": (
        "all_definitions",
        "available_definitions",
        "available_graded_definitions",
        "element_names",
        "load_any_definition_file",
        "load_definition",
        "load_definition_file",
        "load_graded_definition",
        "load_graded_definition_file",
        "select_definition",
    ),
}

__getattr__ = exports(globals(), _LAZY)


def __dir__() -> list[str]:
    return list(__all__)
