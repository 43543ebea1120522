"""The shell every check runs in: the release, its definition and policy, warnings, budgets.

One :class:`Context` per check: it collects each warning once (with every place it was
raised), evaluates each licence expression once per element (components repeat them) within
the licence-text budget against crafted input, and judges each component once per element.
The helpers build results the same way for every check kind, so a result always carries the
requirement's statement, clause and remediation.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from osaid._compiled import trusted
from osaid._limits import MAX_LICENSE_TEXT
from osaid._warnings import level_of
from osaid.definition import Obligation
from osaid.licensing import LicenseEvaluation, Rule, evaluate_cached, not_evaluated
from osaid.model import BaseRelation, Origin, Release, ReleaseBase
from osaid.report import ComponentCheck, ReportWarning, Result, Status
from osaid.report import Evidence as EvidenceRef

if TYPE_CHECKING:
    from osaid.definition import Definition, Requirement
    from osaid.policy import Policy
    from osaid.readers import Repository

__all__ = [
    "Context",
    "EvidenceRef",
    "affects_verdict",
    "bases",
    "label",
    "license_for",
    "list_ref",
    "ref",
    "result",
    "rule",
    "teachers",
]

_evidence = trusted(EvidenceRef)
_warning = trusted(ReportWarning)

GROUP_AFTER = 5
"""More warnings of one code than this are reported as one, with their count."""

GROUPED_PLACES = 3
"""How many places a grouped warning lists."""
_result = trusted(Result)
"""Results are built from values the check typed itself: validating them again only cost the
time of building the report's validators (see :mod:`osaid._compiled`)."""

_OVER_BUDGET = (
    f"this input's licence expressions exceed {MAX_LICENSE_TEXT:,} characters in total, a limit "
    "against crafted input; declare fewer or shorter distinct expressions"
)


def ref(origin: Origin | None, value: str | None = None) -> EvidenceRef | None:
    """Evidence pointing at ``origin`` (None when the value has no origin)."""
    if origin is None:
        return None
    return _evidence(file=origin.file, key=origin.key, line=origin.line, value=value)


@dataclass
class Context:
    """One check of one release against one definition under one policy."""

    release: Release
    definition: Definition
    policy: Policy
    repository: Repository | None = None
    warned: dict[str, tuple[str, dict[EvidenceRef, None]]] = field(default_factory=dict)
    """Each warning message once, with its code and the places it was raised (in order)."""
    evaluations: dict[tuple[str, str], LicenseEvaluation] = field(default_factory=dict)
    """Licence evaluations of this check by (expression, element): components repeat them."""
    licence_text: set[str] = field(default_factory=set)
    """Distinct expressions met so far; their lengths count against MAX_LICENSE_TEXT."""
    licence_chars: int = 0
    component_checks: dict[tuple[int, str], ComponentCheck] = field(default_factory=dict)
    """Each component's verdict per element: ``id`` is safe, the release outlives the check."""
    conflicts_judged: set[int] = field(default_factory=set)
    """``id`` of each base model whose conflicting sources a requirement judged."""
    own: set[int] = field(default_factory=set)
    """``id`` of each of the release's own components (not a base model's), filled on first use:
    asked once per component, a scan of the list made 30,000 components take 20 s."""

    def warn(self, code: str, message: str, evidence: Iterable[EvidenceRef | None] = ()) -> None:
        """Record a warning (once per message, with each place it was raised)."""
        _, places = self.warned.setdefault(message, (code, {}))
        places.update((e, None) for e in evidence if e is not None)

    def warnings(self) -> list[ReportWarning]:
        """The warnings raised so far, in order, one per cause.

        A cause raised for many parts (a reader's note per custom licence of a 278-package
        SBOM) is one warning: the first message, how many more there are, and the places of
        the first :data:`GROUPED_PLACES`. A few of one code stay separate, as each names its part.
        """
        by_code: dict[str, list[tuple[str, dict[EvidenceRef, None]]]] = {}
        for message, (code, places) in self.warned.items():
            by_code.setdefault(code, []).append((message, places))
        found = []
        for code, entries in by_code.items():
            if len(entries) <= GROUP_AFTER:
                found += [
                    _warning(code=code, message=m, evidence=list(p), level=level_of(code))
                    for m, p in entries
                ]
                continue
            first = [e for _, p in entries[:GROUPED_PLACES] for e in p]
            more = len(entries) - 1
            message = (
                f"{entries[0][0]} (The same holds for {more} more; the first "
                f"{min(GROUPED_PLACES, len(entries))} places are listed.)"
            )
            found.append(
                _warning(
                    code=code,
                    message=message,
                    evidence=list(dict.fromkeys(first)),
                    level=level_of(code),
                )
            )
        return found

    def license(self, expression: str, element: str) -> LicenseEvaluation:
        """``expression`` judged for ``element`` (once per check, within the budget)."""
        key = (expression, element)
        found = self.evaluations.get(key)
        if found is None:
            judged = rule(element, self.definition, self.policy)
            if self._within_budget(expression):
                found = evaluate_cached(expression, judged)
            else:
                found = not_evaluated(expression, judged, _OVER_BUDGET)
            self.evaluations[key] = found
        return found

    def _within_budget(self, expression: str) -> bool:
        """Whether ``expression`` was met already or still fits MAX_LICENSE_TEXT (then count it)."""
        if expression in self.licence_text:
            return True
        if self.licence_chars + len(expression) > MAX_LICENSE_TEXT:
            return False
        self.licence_text.add(expression)
        self.licence_chars += len(expression)
        return True


def rule(element: str, definition: Definition, policy: Policy) -> Rule:
    """The licence rule ``definition`` and ``policy`` set for ``element``."""
    condition = definition.element_condition(element)
    terms = None
    if policy.open_terms is not None:
        terms = frozenset(i.lower() for i in policy.open_terms)
    return Rule(
        element=element,
        condition=condition.title if condition else "no condition",
        accepts=frozenset(condition.accepts) if condition else frozenset(),
        open_terms=terms,
        extra_open_terms=frozenset(i.lower() for i in policy.extra_open_terms),
        examples=tuple(condition.examples) if condition else (),
    )


def license_for(
    expression: str, element: str, definition: Definition, policy: Policy
) -> LicenseEvaluation:
    """Evaluate ``expression`` against the legal condition ``definition`` sets for ``element``."""
    return evaluate_cached(expression, rule(element, definition, policy))


def affects_verdict(requirement: Requirement) -> bool:
    """Whether the requirement can decide the verdict: a must, unless it only restates others."""
    if requirement.affects_verdict is not None:
        return requirement.affects_verdict
    return requirement.obligation is not Obligation.RECOMMENDED


def result(
    requirement: Requirement,
    status: Status,
    summary: str,
    *,
    evidence: list[EvidenceRef] | None = None,
    components: list[ComponentCheck] | None = None,
    details: list[str] | None = None,
    remediation: str | None = None,
    follows_from: list[str] | None = None,
) -> Result:
    """The result of ``requirement``: its statement, clause and (when not met) its remediation."""
    passed = status in (Status.PASS, Status.NOT_APPLICABLE)
    return _result(
        requirement=requirement.id,
        element=requirement.element,
        obligation=requirement.obligation.value,
        title=requirement.title,
        status=status,
        affects_verdict=affects_verdict(requirement),
        summary=f"{requirement.title}: {summary}",
        details=[requirement.statement, *(d for d in details or [] if d)],
        clause=requirement.clause,
        clause_url=requirement.url,
        evidence=evidence or [],
        components=components or [],
        remediation=None if passed else remediation or requirement.remediation,
        follows_from=follows_from or [],
    )


def bases(ctx: Context) -> list[ReleaseBase]:
    """The bases whose data, code and terms a derived release carries.

    A distillation teacher is one only when the policy reads teachers as bases.
    """
    as_base = ctx.policy.distillation == "base"
    return [
        base
        for base in ctx.release.base_models
        if as_base or base.relation is not BaseRelation.DISTILLATION_TEACHER
    ]


def teachers(ctx: Context) -> list[ReleaseBase]:
    """The release's distillation teachers."""
    return [
        base
        for base in ctx.release.base_models
        if base.relation is BaseRelation.DISTILLATION_TEACHER
    ]


def label(base: ReleaseBase) -> str:
    """How a result names a base or a teacher."""
    if base.relation is BaseRelation.DISTILLATION_TEACHER:
        return f"teacher '{base.name}'"
    return f"base '{base.name}' ({base.relation.value})"


def list_ref(ctx: Context) -> list[EvidenceRef]:
    """Where the release lists its components (for what is missing from that list)."""
    found = ref(ctx.release.origin_of("components"))
    return [found] if found is not None else []
