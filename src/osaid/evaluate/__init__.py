"""EVALUATE: a release against a definition of either kind, under a policy, into one report.

One shell (``_context``: warnings, the licence budget, each component judged once) around two
scorers chosen by the definition's kind: ``binary`` (``_binary``: every requirement met or not,
and a verdict) and ``graded`` (``_graded``: the Model Openness Framework's cumulative classes,
as MOT classifies them). A binary requirement's check is evaluated by its kind, one module each
in :mod:`osaid.evaluate.checks` (evidence, attribute, aggregate), which also words it for
``explain`` and ``diff`` (``_explain``). Names load on first use.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from osaid._lazy import exports

if TYPE_CHECKING:
    from osaid.definition import AnyDefinition
    from osaid.evaluate._context import license_for
    from osaid.evaluate._explain import (
        Change,
        DefinitionDiff,
        Explanation,
        compare,
        diff,
        explain,
        find_requirement,
    )
    from osaid.evaluate._graded import grade
    from osaid.evaluate.checks import CHECKS, CheckKind
    from osaid.model import Release
    from osaid.policy import Policy
    from osaid.report import Report

__all__ = [
    "CHECKS",
    "SCORERS",
    "Change",
    "CheckKind",
    "DefinitionDiff",
    "Explanation",
    "compare",
    "diff",
    "evaluate",
    "explain",
    "find_requirement",
    "grade",
    "license_for",
    "policy_fields",
]

SCORERS = {"binary": "osaid.evaluate._binary", "graded": "osaid.evaluate._graded"}
"""The module whose ``score(release, definition, policy)`` scores each kind of definition."""

_LAZY = {
    "osaid.evaluate._context": ("license_for",),
    "osaid.evaluate._explain": (
        "Change",
        "DefinitionDiff",
        "Explanation",
        "compare",
        "diff",
        "explain",
        "find_requirement",
    ),
    "osaid.evaluate._graded": ("grade",),
    "osaid.evaluate.checks": ("CHECKS", "CheckKind"),
}

__getattr__ = exports(globals(), _LAZY)


def policy_fields(definition: AnyDefinition) -> frozenset[str]:
    """The :class:`~osaid.Policy` fields the scorer of ``definition``'s kind reads."""
    fields: frozenset[str] = import_module(SCORERS[definition.kind]).POLICY_FIELDS
    return fields


def evaluate(release: Release, definition: AnyDefinition, policy: Policy) -> Report:
    """Check ``release`` against ``definition`` under ``policy``: the scorer of its kind."""
    scorer = import_module(SCORERS[definition.kind])
    report: Report = scorer.score(release, definition, policy)
    return report
