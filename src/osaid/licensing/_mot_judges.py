"""Grading policies: how a component's resolved licence string is judged open and type-appropriate.

``mot-compat`` reproduces the Model Openness Tool exactly, mistakes included: the licence string
is looked up whole, exactly and case-sensitively, in MOT's own licence database
(``licenses/mot/``). ``default`` fixes what MOT gets wrong; each fix is one entry of
:data:`DEVIATIONS`, and a component whose outcome differs from MOT's is reported with the
deviations that made the difference.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Literal

from osaid._errors import LicenseDataError, Problem
from osaid.licensing._data import LicenseData, shipped_license_data
from osaid.licensing._expression import (
    MalformedExpression,
    Symbol,
    Tree,
    parse_expression,
    render,
    symbols,
)
from osaid.licensing._mot import Deviation, MotLicenceData, mot_licence_data
from osaid.model import NONE, LicenseDeclaration

if TYPE_CHECKING:
    DEVIATIONS: tuple[Deviation, ...]

__all__ = [
    "DEVIATIONS",
    "POLICIES",
    "ComponentState",
    "DefaultJudge",
    "Deviation",
    "GradingPolicy",
    "Judgement",
    "MotCompatJudge",
    "deviations",
    "judge_for",
]

GradingPolicy = Literal["default", "mot-compat"]
POLICIES: tuple[GradingPolicy, ...] = ("default", "mot-compat")
ComponentState = Literal["included", "invalid", "unlicensed"]


def deviations() -> tuple[Deviation, ...]:
    """Osaid's documented deviations from MOT (``licenses/mot/deviations.toml``), in order."""
    return mot_licence_data().deviations


def __getattr__(name: str) -> object:
    """``DEVIATIONS``: the deviations, read from the data on first use."""
    if name == "DEVIATIONS":
        return deviations()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True)
class Judgement:
    """How one component's licence fared under a policy."""

    state: ComponentState
    type_appropriate: bool | None
    """None when the component is not included (the question does not arise)."""
    normalized: str | None = None
    reasons: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    """Warnings about how the licence string was read (assumed ids, deprecated ids, ...)."""
    deviations: tuple[str, ...] = ()
    """Deviation ids the default policy relied on for this outcome."""

    @property
    def outcome(self) -> tuple[ComponentState, bool | None]:
        """What the grade depends on and what warnings report."""
        return self.state, self.type_appropriate


def _unlicensed(declaration: LicenseDeclaration | None) -> Judgement:
    if declaration is None:
        reason = "no licence: none is given and no global licence applies to inherit"
    else:
        reason = f"explicitly without a licence ('{declaration.written}')"
    return Judgement("unlicensed", None, NONE, (reason,))


class MotCompatJudge:
    """MOT's licence test, exactly: whole-string, case-sensitive lookups in MOT's data."""

    policy: GradingPolicy = "mot-compat"

    def __init__(self, data: MotLicenceData) -> None:
        self.records = data.last_wins()
        self.open_data = frozenset(data.open_data)
        self.always_open = frozenset(data.always_open)
        self.snapshot_version = data.snapshot_version
        self.commit = data.commit

    def judge(self, declaration: LicenseDeclaration | None, content_type: str) -> Judgement:
        """Judge the resolved licence string of one component."""
        if declaration is None or declaration.expression == NONE:
            return _unlicensed(declaration)
        text = declaration.expression
        reason = self.open_reason(text)
        if reason is None:
            return Judgement(
                "invalid",
                None,
                text,
                (
                    f"'{text}' is not open for MOT: no exact, case-sensitive match among the "
                    "OSI-approved or FSF-libre ids of its licence database, its open-data list "
                    "or its special-cased ids",
                ),
            )
        record = self.records.get(text)
        type_ok = record is not None and content_type in record[2]
        return Judgement("included", type_ok, text, (reason,))

    def open_reason(self, text: str) -> str | None:
        """Why MOT counts ``text`` as open, or None when it does not."""
        record = self.records.get(text)
        if record is not None and record[0]:
            return f"{text} is OSI-approved in MOT's licence database"
        if record is not None and record[1]:
            return f"{text} is FSF-libre in MOT's licence database"
        if text in self.open_data:
            return f"{text} is on MOT's open-data list"
        if text in self.always_open:
            return f"{text} is special-cased as open by MOT"
        return None


@dataclass
class _Eval:
    open: bool
    type_ok: bool
    reasons: list[str]
    deviations: list[str] = field(default_factory=list)


class DefaultJudge:
    """osaid's corrected MOF licence test: SPDX expressions over osaid's licence data."""

    policy: GradingPolicy = "default"

    def __init__(self, spdx: LicenseData, mot: MotLicenceData) -> None:
        self.spdx = spdx
        self.mot = MotCompatJudge(mot)
        self.types = {key.lower(): value for key, value in mot.merged_content_types().items()}
        self.mot_types = {key.lower(): value[2] for key, value in mot.last_wins().items()}
        corrections = {c.written: c for c in mot.corrections}
        problems = [
            Problem(f"'{c.id}' is not on the SPDX License List", file="osaid-corrections.toml")
            for c in mot.corrections
            if c.id.lower() not in spdx.licenses
        ]
        if problems:
            raise LicenseDataError(problems)
        self.open_data: dict[str, str | None] = {}
        for written in mot.open_data:
            fix = corrections.get(written)
            self.open_data[(fix.id if fix else written).lower()] = fix.deviation if fix else None
        self.always_open = {key.lower() for key in mot.always_open}

    def judge(self, declaration: LicenseDeclaration | None, content_type: str) -> Judgement:
        """Judge the resolved licence expression of one component."""
        if declaration is None:
            return _unlicensed(declaration)
        text = declaration.expression
        try:
            tree = parse_expression(text, self.spdx)
        except MalformedExpression as exc:
            return Judgement(
                "invalid", None, None, (f"malformed licence expression: {exc.reason}",)
            )
        if isinstance(tree, Symbol) and tree.kind == "none":
            return _unlicensed(declaration)
        result = self._tree(tree, content_type)
        notes = tuple(dict.fromkeys(w for s in symbols(tree) for w in s.warnings))
        if not result.open:
            return Judgement("invalid", None, render(tree), tuple(result.reasons), notes)
        return Judgement(
            "included",
            result.type_ok,
            render(tree),
            tuple(result.reasons),
            notes,
            tuple(dict.fromkeys(result.deviations)),
        )

    def _tree(self, tree: Tree, content_type: str) -> _Eval:
        if isinstance(tree, Symbol):
            return self._symbol(tree, content_type)
        parts = [self._tree(part, content_type) for part in tree.parts]
        if tree.operator == "OR":
            chosen = next((p for p in parts if p.open and p.type_ok), None)
            chosen = chosen or next((p for p in parts if p.open), None)
            if chosen is None:
                return _Eval(False, False, [r for p in parts for r in p.reasons])
            reasons = [*chosen.reasons, "OR: the recipient may choose this option"]
            return _Eval(True, chosen.type_ok, reasons, ["spdx-expressions", *chosen.deviations])
        reasons = [r for p in parts for r in p.reasons]
        deviations = ["multiple-licences", *(d for p in parts for d in p.deviations)]
        return _Eval(all(p.open for p in parts), all(p.type_ok for p in parts), reasons, deviations)

    def _symbol(self, symbol: Symbol, content_type: str) -> _Eval:
        unresolved = _unresolved(symbol)
        if unresolved is not None:
            return _Eval(False, False, [unresolved])
        spdx = symbol.spdx
        assert spdx is not None  # noqa: S101 - _unresolved returns a reason when it is None
        key = spdx.id.lower()
        deviations = self._spelling(symbol)
        if spdx.osi:
            reason = f"{spdx.id} is OSI-approved"
        elif spdx.fsf:
            reason = f"{spdx.id} is FSF-libre"
        elif key in self.open_data:
            reason = f"{spdx.id} is on MOT's open-data list"
        elif key in self.always_open:
            reason = f"{spdx.id} is special-cased as open by MOT"
        else:
            return _Eval(
                False,
                False,
                [
                    f"{spdx.id} is neither OSI-approved nor FSF-libre (SPDX "
                    f"{self.spdx.list_version}) nor on MOT's open-data list"
                ],
            )
        if self.mot.open_reason(spdx.id) is None:
            fix = self.open_data.get(key)
            deviations.append(fix or "current-spdx-flags")
        type_ok = content_type in self.types.get(key, frozenset())
        if type_ok and content_type not in self.mot_types.get(key, frozenset()):
            deviations.append("cc0-data-type")
        if symbol.exception is not None:
            reason += f"; the SPDX exception {symbol.exception.id} keeps its standing"
            deviations.append("spdx-expressions")
        return _Eval(True, type_ok, [reason], deviations)

    @staticmethod
    def _spelling(symbol: Symbol) -> list[str]:
        spdx = symbol.spdx
        assert spdx is not None  # noqa: S101 - narrowed by the caller
        written = symbol.license_written or symbol.written
        if symbol.alias is not None or (symbol.or_later and not written.endswith("+")):
            return ["licence-aliases"]
        if symbol.or_later:
            return ["spdx-expressions"]
        if written != spdx.id:
            return ["case-insensitive-ids"]
        return []


def _unresolved(symbol: Symbol) -> str | None:  # noqa: PLR0911
    """Why ``symbol`` cannot be open whatever the lists say, or None when it is an SPDX licence."""
    if symbol.kind == "none":
        return "NONE: no licence"
    if symbol.kind == "noassertion":
        return "NOASSERTION: the licence is not stated"
    if symbol.catalogue is not None:
        kinds = ", ".join(dict.fromkeys(f.kind.replace("-", " ") for f in symbol.catalogue.fails))
        return f"{symbol.catalogue.name} is not open ({kinds})"
    if symbol.family is not None:
        return f"'{symbol.written}' names a licence family: {symbol.family.advice}"
    if symbol.spdx is None:
        return f"'{symbol.written}' is not an SPDX id nor a licence osaid knows"
    if symbol.exception_written is not None and symbol.exception is None:
        return f"'{symbol.exception_written}' is not an SPDX licence exception osaid knows"
    return None


@cache
def judge_for(policy: GradingPolicy) -> MotCompatJudge | DefaultJudge:
    """The judge of ``policy``, built once per process from the shipped data."""
    if policy == "mot-compat":
        return MotCompatJudge(mot_licence_data())
    return DefaultJudge(shipped_license_data(), mot_licence_data())
