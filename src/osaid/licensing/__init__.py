"""LICENCE FACTS: SPDX expressions judged against a definition's conditions, and the data behind.

Every id, alias, open-terms entry, failing clause and term kind comes from ``licenses/``
(``_data``, ``_terms``); ``_expression`` parses SPDX expressions into trees and ``_evaluate``
judges them for one element. The Model Openness Tool's own licence data and the two ways of
judging a licence the MOF way (``mot-compat`` exactly as MOT does, ``default`` with osaid's
documented deviations, which are data too) are ``_mot`` and ``_mot_judges``, loaded on first
use so that an OSAID check never reads them. ``_texts`` identifies licence texts (LICENSE
files) with the pinned licenseclassifier matcher and the AI-licence phrase table, also loaded
on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from osaid._lazy import exports
from osaid.licensing._data import LicenseData, load_license_data, shipped_license_data
from osaid.licensing._evaluate import (
    LicenseClause,
    LicenseEvaluation,
    LicenseFacts,
    Rule,
    evaluate_cached,
    evaluate_with,
    not_evaluated,
)
from osaid.licensing._expression import (
    MAX_EXPRESSION_LENGTH,
    MalformedExpression,
    Symbol,
    Tree,
    grouped,
    parse_expression,
    render,
    symbols,
)
from osaid.licensing._terms import TermKind, TermsData, shipped_terms

if TYPE_CHECKING:
    from osaid.licensing._mot import (
        Deviation,
        MotLicenceData,
        load_mot_licence_data,
        mot_licence_data,
    )
    from osaid.licensing._mot_judges import (
        DEVIATIONS,
        POLICIES,
        DefaultJudge,
        GradingPolicy,
        Judgement,
        MotCompatJudge,
        deviations,
        judge_for,
    )
    from osaid.licensing._texts import Identification, Method, TextKind, identify, identify_file

__all__ = [
    "DEVIATIONS",
    "MAX_EXPRESSION_LENGTH",
    "POLICIES",
    "DefaultJudge",
    "Deviation",
    "GradingPolicy",
    "Identification",
    "Judgement",
    "LicenseClause",
    "LicenseData",
    "LicenseEvaluation",
    "LicenseFacts",
    "MalformedExpression",
    "Method",
    "MotCompatJudge",
    "MotLicenceData",
    "Rule",
    "Symbol",
    "TermKind",
    "TermsData",
    "TextKind",
    "Tree",
    "deviations",
    "evaluate_cached",
    "evaluate_with",
    "grouped",
    "identify",
    "identify_file",
    "judge_for",
    "load_license_data",
    "load_mot_licence_data",
    "mot_licence_data",
    "not_evaluated",
    "parse_expression",
    "render",
    "shipped_license_data",
    "shipped_terms",
    "symbols",
]

_LAZY = {
    "osaid.licensing._mot": (
        "Deviation",
        "MotLicenceData",
        "load_mot_licence_data",
        "mot_licence_data",
    ),
    "osaid.licensing._mot_judges": (
        "DEVIATIONS",
        "POLICIES",
        "DefaultJudge",
        "GradingPolicy",
        "Judgement",
        "MotCompatJudge",
        "deviations",
        "judge_for",
    ),
    "osaid.licensing._texts": ("Identification", "Method", "TextKind", "identify", "identify_file"),
}
"""The MOF grader's licence data and judges, and licence-text identification: loaded on first use
(an OSAID check of a manifest never does)."""

__getattr__ = exports(globals(), _LAZY)
