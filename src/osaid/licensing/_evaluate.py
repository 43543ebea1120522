"""Decide whether a licence expression meets a legal condition for an element.

``OR`` passes when any branch passes (the recipient may choose it); ``AND`` needs every part;
``WITH`` an SPDX exception keeps the licence's standing; ``+`` and ``-or-later`` are judged as
the base licence. Unknown references, ``NONE`` and ``NOASSERTION`` fail: osaid cannot verify a
grant it cannot see.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from osaid._compiled import trusted
from osaid.licensing._data import LicenseData, shipped_license_data
from osaid.licensing._expression import (
    MalformedExpression,
    Node,
    Symbol,
    Tree,
    parse_expression,
    render,
    symbols,
)

Status = Literal["pass", "fail"]


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)


class LicenseClause(_Out):
    """A clause of a known licence that denies a freedom."""

    kind: str
    clause: str | None
    """Where the term sits in the licence; null when that could not be checked."""
    osd: list[str]
    summary: str


class LicenseFacts(_Out):
    """What osaid knows about one licence reference, and its verdict for the element."""

    written: str
    id: str
    name: str | None
    known_as: Literal["spdx", "catalogue", "family", "none", "noassertion", "unknown"]
    on_spdx_list: bool
    osi_approved: bool | None
    fsf_libre: bool | None
    deprecated: bool
    copyleft: bool | None
    or_later: bool
    exception: str | None
    open_terms: bool
    open_terms_rationale: str | None
    fails: list[LicenseClause]
    binds_trained_models: str | None = None
    """For a catalogued licence whose terms reach models trained on the material's outputs
    (distillation): where it says so. Such a teacher's terms bind the student."""
    status: Status
    reason: str


class LicenseEvaluation(_Out):
    """The verdict on a licence expression for one element, with every fact used."""

    model_config = ConfigDict(frozen=True, populate_by_name=True, defer_build=True)

    expression: str
    normalized: str | None
    element: str = Field(serialization_alias="for")
    condition: str
    status: Status
    malformed: bool = False
    reasons: list[str]
    warnings: list[str]
    licenses: list[LicenseFacts]
    would_pass: list[str] = Field(default_factory=list)
    spdx_license_list_version: str


_clause = trusted(LicenseClause)
_facts = trusted(LicenseFacts)
_evaluation = trusted(LicenseEvaluation)
"""Built from values the judge typed itself: validating them again only cost time."""


@dataclass(frozen=True)
class Rule:
    """What a licence must meet: an element and the sources its condition accepts."""

    element: str
    condition: str
    accepts: frozenset[str]
    open_terms: frozenset[str] | None = None
    """Policy override of the open-terms list (lower-case SPDX ids); None uses the data."""
    extra_open_terms: frozenset[str] = frozenset()
    """Lower-case SPDX ids the policy accepts as open terms on top of the list."""
    examples: tuple[str, ...] = ()


class Judge:
    """Evaluates expressions for one rule."""

    def __init__(self, data: LicenseData, rule: Rule) -> None:
        self.data = data
        self.accepts = rule.accepts
        self.element = rule.element
        self.open_terms = rule.open_terms
        self.extra_open_terms = rule.extra_open_terms

    def facts(self, symbol: Symbol) -> LicenseFacts:
        """Judge one symbol."""
        status, reason, clauses = self._verdict(symbol)
        spdx = symbol.spdx
        term = self._open_term(symbol)
        return _facts(
            written=symbol.written,
            id=symbol.canonical,
            name=(spdx.name if spdx else symbol.catalogue.name if symbol.catalogue else None),
            known_as=symbol.kind,
            on_spdx_list=spdx is not None,
            osi_approved=spdx.osi if spdx else None,
            fsf_libre=spdx.fsf if spdx else None,
            deprecated=symbol.deprecated is not None or bool(spdx and spdx.deprecated),
            copyleft=spdx.copyleft if spdx else None,
            or_later=symbol.or_later,
            exception=symbol.exception.id if symbol.exception else symbol.exception_written,
            open_terms=term is not None,
            open_terms_rationale=term,
            fails=clauses,
            binds_trained_models=symbol.catalogue.binds_trained_models
            if symbol.catalogue
            else None,
            status=status,
            reason=reason,
        )

    def _open_term(self, symbol: Symbol) -> str | None:
        if symbol.spdx is None or "open-terms" not in self.accepts:
            return None
        key = symbol.spdx.id.lower()
        if key in self.extra_open_terms:
            return "listed in the policy's extra_open_terms"
        if self.open_terms is not None:
            return "listed in the policy's open_terms" if key in self.open_terms else None
        term = self.data.open_terms.get(key)
        if term is None or self.element not in term.elements:
            return None
        return term.rationale

    def _verdict(self, symbol: Symbol) -> tuple[Status, str, list[LicenseClause]]:  # noqa: PLR0911
        if symbol.catalogue is not None:
            entry = symbol.catalogue
            clauses = [
                _clause(kind=f.kind, clause=f.clause, osd=f.osd, summary=f.summary)
                for f in entry.fails
            ]
            parts = [_failure(f.kind, f.clause, f.osd) for f in entry.fails]
            return "fail", f"{entry.name} does not grant the freedoms: {'; '.join(parts)}", clauses
        if symbol.exception_written is not None and symbol.exception is None:
            return "fail", self._bad_exception(symbol), []
        if symbol.kind == "none":
            return (
                "fail",
                "no licence: nothing grants the freedoms to use, study, modify and share",
                [],
            )
        if symbol.kind == "noassertion":
            return "fail", "licence not stated (NOASSERTION): osaid cannot verify a grant", []
        if symbol.kind == "family" and symbol.family is not None:
            reason = f"'{symbol.written}' names a licence family, not one licence"
            return "fail", f"{reason}: {symbol.family.advice}", []
        if symbol.spdx is None:
            return "fail", self._unknown(symbol), []
        return self._spdx_verdict(symbol)

    def _spdx_verdict(self, symbol: Symbol) -> tuple[Status, str, list[LicenseClause]]:
        spdx = symbol.spdx
        assert spdx is not None  # noqa: S101 - narrowed by the caller
        if "osi-approved" in self.accepts and spdx.osi:
            later = " (or later; judged as the base licence)" if symbol.or_later else ""
            kept = ""
            if symbol.exception is not None:
                kept = f"; the SPDX exception {symbol.exception.id} keeps its standing"
            return "pass", f"{spdx.id} is an OSI-approved licence{later}{kept}", []
        if self._open_term(symbol) is not None:
            return "pass", f"{spdx.id} is on osaid's open-terms policy list for {self.element}", []
        if "open-terms" in self.accepts:
            return (
                "fail",
                (
                    f"{spdx.id} is neither OSI-approved nor on osaid's open-terms policy list for "
                    f"{self.element}"
                ),
                [],
            )
        listed = self.data.open_terms.get(spdx.id.lower())
        extra = (
            " (open terms are accepted for data information and parameters, not code)"
            if listed
            else ""
        )
        return "fail", f"{spdx.id} is not an OSI-approved licence{extra}", []

    def _bad_exception(self, symbol: Symbol) -> str:
        written = symbol.exception_written or ""
        if written.lower() in self.data.licenses:
            return f"'{written}' is a licence, not an SPDX exception ('{symbol.written}')"
        return f"cannot verify the exception '{written}': it is not on the SPDX exceptions list"

    @staticmethod
    def _unknown(symbol: Symbol) -> str:
        if symbol.written.lower().startswith(("licenseref-", "documentref-")):
            return (
                f"cannot verify '{symbol.written}': a custom licence reference osaid does not know"
            )
        return f"cannot verify '{symbol.written}': not an SPDX id nor a licence osaid knows"

    def combine(self, tree: Tree) -> tuple[Status, list[str]]:
        """Combine verdicts up the tree; returns the status and the reasons that decided it."""
        if isinstance(tree, Symbol):
            facts = self.facts(tree)
            return facts.status, [facts.reason]
        results = [self.combine(part) for part in tree.parts]
        passing = [reasons for status, reasons in results if status == "pass"]
        failing = [reasons for status, reasons in results if status == "fail"]
        if tree.operator == "OR":
            if passing:
                return "pass", [*passing[0], "OR: the recipient may choose a passing option"]
            return "fail", [reason for reasons in failing for reason in reasons]
        if failing:
            return "fail", [reason for reasons in failing for reason in reasons]
        return "pass", [reason for reasons in passing for reason in reasons]


def _failure(kind: str, clause: str | None, osd: list[str]) -> str:
    """``use restriction (§5 and Attachment A, OSD 6)``; unchecked clauses are left out."""
    where = [part for part in (clause, *osd) if part]
    shown = kind.replace("-", " ")
    return f"{shown} ({', '.join(where)})" if where else shown


@lru_cache(maxsize=4096)
def evaluate_cached(expression: str, rule: Rule) -> LicenseEvaluation:
    """Evaluate with the shipped licence data; cached because batches repeat expressions."""
    return evaluate_with(shipped_license_data(), expression, rule)


def not_evaluated(expression: str, rule: Rule, reason: str) -> LicenseEvaluation:
    """A failing evaluation of an expression osaid declined to parse (a limit was reached)."""
    return _evaluation(
        expression=expression,
        element=rule.element,
        condition=rule.condition,
        spdx_license_list_version=shipped_license_data().list_version,
        normalized=None,
        status="fail",
        reasons=[f"not evaluated: {reason}"],
        warnings=[],
        licenses=[],
        would_pass=list(rule.examples),
    )


def evaluate_with(data: LicenseData, expression: str, rule: Rule) -> LicenseEvaluation:
    """Evaluate ``expression`` against ``rule`` using ``data``."""
    judge = Judge(data, rule)
    common: dict[str, Any] = {
        "expression": expression,
        "element": rule.element,
        "condition": rule.condition,
        "spdx_license_list_version": data.list_version,
    }
    try:
        tree = parse_expression(expression, data)
    except MalformedExpression as exc:
        return _evaluation(
            **common,
            normalized=None,
            status="fail",
            malformed=True,
            reasons=[f"malformed licence expression: {exc.reason}"],
            warnings=[],
            licenses=[],
            would_pass=list(rule.examples),
        )
    status, reasons = judge.combine(tree)
    found = symbols(tree)
    warnings = [w for s in found for w in s.warnings]
    parsed_operators = isinstance(tree, Node) or tree.exception_written is not None
    if parsed_operators and _lowercase_operators(expression):
        warnings.append("SPDX operators are written in upper case (AND, OR, WITH)")
    return _evaluation(
        **common,
        normalized=render(tree),
        status=status,
        reasons=reasons,
        warnings=list(dict.fromkeys(warnings)),
        licenses=[judge.facts(s) for s in found],
        would_pass=[] if status == "pass" else list(rule.examples),
    )


def _lowercase_operators(expression: str) -> list[str]:
    return [w for w in expression.split() if w.upper() in {"AND", "OR", "WITH"} and w != w.upper()]
