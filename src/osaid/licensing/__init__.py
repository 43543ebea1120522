"""Licence evaluation through SPDX expressions and osaid's licence data."""

from __future__ import annotations

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
from osaid.licensing._terms import TermKind, TermsData, shipped_terms

__all__ = [
    "LicenseClause",
    "LicenseData",
    "LicenseEvaluation",
    "LicenseFacts",
    "Rule",
    "TermKind",
    "TermsData",
    "evaluate_cached",
    "evaluate_with",
    "load_license_data",
    "not_evaluated",
    "shipped_license_data",
    "shipped_terms",
]
