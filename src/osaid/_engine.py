"""Evaluate a release against a definition under a policy.

The engine is generic: it reads each requirement record (evidence kinds, attribute checks,
aggregates, applicability) and never branches on a requirement id or a licence id.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from osaid._limits import MAX_LICENSE_TEXT
from osaid._repository import Repository
from osaid._version import __version__
from osaid.definition import Definition, Evidence, Obligation, Requirement
from osaid.licensing import (
    LicenseEvaluation,
    Rule,
    evaluate_cached,
    not_evaluated,
    shipped_license_data,
)
from osaid.model import Component, EvidenceBasis, Origin, Release
from osaid.policy import Policy
from osaid.report import (
    ComponentCheck,
    ReleaseSummary,
    Report,
    ReportWarning,
    Result,
    Status,
    Verdict,
)
from osaid.report import Evidence as EvidenceRef

NO_LICENCE = "NOASSERTION"

_OVER_BUDGET = (
    f"this input's licence expressions exceed {MAX_LICENSE_TEXT:,} characters in total, a limit "
    "against crafted input; declare fewer or shorter distinct expressions"
)


def _ref(origin: Origin | None, value: str | None = None) -> EvidenceRef | None:
    if origin is None:
        return None
    return EvidenceRef(file=origin.file, key=origin.key, line=origin.line, value=value)


@dataclass
class _Context:
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

    def warn(self, code: str, message: str, evidence: Iterable[EvidenceRef | None] = ()) -> None:
        _, places = self.warned.setdefault(message, (code, {}))
        places.update((e, None) for e in evidence if e is not None)

    def warnings(self) -> list[ReportWarning]:
        return [
            ReportWarning(code=code, message=message, evidence=list(places))
            for message, (code, places) in self.warned.items()
        ]

    def license(self, expression: str, element: str) -> LicenseEvaluation:
        key = (expression, element)
        found = self.evaluations.get(key)
        if found is None:
            rule = _rule(element, self.definition, self.policy)
            if self._within_budget(expression):
                found = evaluate_cached(expression, rule)
            else:
                found = not_evaluated(expression, rule, _OVER_BUDGET)
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


def _rule(element: str, definition: Definition, policy: Policy) -> Rule:
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
        examples=tuple(condition.examples) if condition else (),
    )


def license_for(
    expression: str, element: str, definition: Definition, policy: Policy
) -> LicenseEvaluation:
    """Evaluate ``expression`` against the legal condition ``definition`` sets for ``element``."""
    return evaluate_cached(expression, _rule(element, definition, policy))


def evaluate(release: Release, definition: Definition, policy: Policy) -> Report:
    """Check ``release`` against every requirement of ``definition``."""
    root = release.source.repository
    ctx = _Context(release, definition, policy, repository=Repository.at(root) if root else None)
    for note in release.notes:
        ctx.warn(note.code, note.message, [_ref(note.origin)])
    results: dict[str, Result] = {}
    for requirement in definition.requirements:
        if requirement.aggregate is None:
            results[requirement.id] = _evaluate_one(requirement, ctx)
    for requirement in definition.requirements:
        if requirement.aggregate is not None:
            results[requirement.id] = _aggregate(requirement, ctx, list(results.values()))
    ordered = [results[r.id] for r in definition.requirements]
    for notice in ctx.repository.notices if ctx.repository else ():
        ctx.warn("repository-limit", notice)  # a walk of the repository was cut short
    return _report(ctx, ordered)


def _report(ctx: _Context, results: list[Result]) -> Report:
    release = ctx.release
    blocking = [
        r for r in results if r.affects_verdict and r.status in (Status.FAIL, Status.MISSING)
    ]
    counts = {status.value: sum(r.status is status for r in results) for status in Status}
    header = ctx.definition.definition
    return Report(
        tool_version=__version__,
        definition=header.id,
        definition_title=header.title,
        definition_version=header.version,
        definition_url=header.url,
        definition_source="shipped" if ctx.definition.shipped else "user",
        definition_path=None if ctx.definition.shipped else ctx.definition.path,
        spdx_license_list_version=shipped_license_data().list_version,
        input=release.source.file,
        input_format=release.source.format,
        release=ReleaseSummary(
            name=release.name,
            version=release.version,
            producer=release.producer,
            scope=release.scope.value,
            distribution=release.distribution.value,
            base_model=release.base_model.name if release.base_model else None,
        ),
        verdict=Verdict.NOT_CONFORMANT if blocking else Verdict.CONFORMANT,
        counts=counts,
        results=results,
        warnings=ctx.warnings(),
        policy=ctx.policy.model_dump(mode="json"),
    )


def _result(
    requirement: Requirement,
    status: Status,
    summary: str,
    *,
    evidence: list[EvidenceRef] | None = None,
    components: list[ComponentCheck] | None = None,
    details: list[str] | None = None,
    remediation: str | None = None,
) -> Result:
    passed = status in (Status.PASS, Status.NOT_APPLICABLE)
    return Result(
        requirement=requirement.id,
        element=requirement.element,
        obligation=requirement.obligation.value,
        title=requirement.title,
        status=status,
        affects_verdict=requirement.obligation is not Obligation.RECOMMENDED,
        summary=f"{requirement.title}: {summary}",
        details=[requirement.statement, *(d for d in details or [] if d)],
        clause=requirement.clause,
        clause_url=requirement.url,
        evidence=evidence or [],
        components=components or [],
        remediation=None if passed else remediation or requirement.remediation,
    )


def _evaluate_one(requirement: Requirement, ctx: _Context) -> Result:
    reason = _not_applicable(requirement, ctx)
    if reason is not None:
        return _result(requirement, Status.NOT_APPLICABLE, reason)
    if requirement.attribute is not None:
        return _attribute(requirement, ctx)
    assert requirement.evidence is not None  # noqa: S101 - guaranteed by Requirement validation
    return _evidence(requirement, requirement.evidence, ctx)


def _not_applicable(requirement: Requirement, ctx: _Context) -> str | None:
    applies = requirement.applies
    release = ctx.release
    if applies.scopes is not None and release.scope not in applies.scopes:
        claimed = ", ".join(s.value for s in applies.scopes)
        return (
            f"applies when the claim is limited to the {claimed}; "
            f"this release claims the {release.scope.value}"
        )
    if applies.derived:
        if release.base_model is None:
            return "the release does not declare a base model"
        if ctx.policy.derivatives == "delta-only":
            return "policy 'derivatives: delta-only' checks only what the derived release added"
    return None


def _attribute(requirement: Requirement, ctx: _Context) -> Result:
    check = requirement.attribute
    assert check is not None  # noqa: S101 - caller checked
    value = getattr(ctx.release, check.name)
    text = value.value if hasattr(value, "value") else str(value)
    evidence = [e for e in [_ref(ctx.release.origins.get(check.name), text)] if e]
    if text in check.passes:
        return _result(requirement, Status.PASS, f"{check.name} is '{text}'", evidence=evidence)
    return _result(
        requirement,
        Status.FAIL,
        f"{check.name} is '{text}'; it must be {' or '.join(repr(p) for p in check.passes)}",
        evidence=evidence,
    )


def _aggregate(requirement: Requirement, ctx: _Context, results: list[Result]) -> Result:
    reason = _not_applicable(requirement, ctx)
    if reason is not None:
        return _result(requirement, Status.NOT_APPLICABLE, reason)
    assert requirement.aggregate is not None  # noqa: S101 - caller checked
    wanted = set(requirement.aggregate.elements)
    blocking = [
        r
        for r in results
        if r.element in wanted and r.affects_verdict and r.status in (Status.FAIL, Status.MISSING)
    ]
    if not blocking:
        return _result(
            requirement, Status.PASS, "every data-information and code requirement is met"
        )
    names = ", ".join(r.requirement for r in blocking)
    scope_ref = _ref(ctx.release.origins.get("scope"), ctx.release.scope.value)
    return _result(
        requirement,
        Status.FAIL,
        f"claiming the {ctx.release.scope.value} needs what derived it, but {len(blocking)} "
        f"requirement(s) are not met",
        details=[f"not met: {names}"],
        evidence=[scope_ref] if scope_ref else _list_ref_release(ctx),
    )


def _subject(evidence: Evidence, ctx: _Context) -> tuple[Component, ...]:
    if evidence.subject == "base-model":
        base = ctx.release.base_model
        return base.components if base is not None else ()
    return ctx.release.components


def _evidence(requirement: Requirement, evidence: Evidence, ctx: _Context) -> Result:
    components = _subject(evidence, ctx)
    matching = [c for c in components if c.kind in evidence.kinds]
    if not matching and _use_checklist(evidence, ctx):
        return _checklist(requirement, evidence, ctx, components)
    if not matching:
        wanted = " or ".join(k.value for k in evidence.kinds)
        where = " for the base model" if evidence.subject == "base-model" else ""
        return _result(
            requirement,
            Status.MISSING,
            f"no {wanted} component is declared{where}",
            evidence=_list_ref(evidence, ctx),
        )
    used = [c for c in matching if c.used]
    refs = [e for e in (_ref(c.origin, c.name) for c in matching) if e]
    if not used:
        return _declared_unused(requirement, refs)
    if evidence.facet is not None:
        return _facet(requirement, evidence, used)
    if not evidence.license:
        return _result(requirement, Status.PASS, "declared", evidence=refs)
    return _licensed(requirement, ctx, used)


def _list_ref(evidence: Evidence, ctx: _Context) -> list[EvidenceRef]:
    """Point a missing item at the component list it should be added to."""
    base = ctx.release.base_model
    if evidence.subject == "base-model" and base is not None:
        origin = base.origin
    else:
        origin = ctx.release.origin_of("components")
    ref = _ref(origin)
    return [ref] if ref is not None else []


def _list_ref_release(ctx: _Context) -> list[EvidenceRef]:
    ref = _ref(ctx.release.origin_of("components"))
    return [ref] if ref is not None else []


def _use_checklist(evidence: Evidence, ctx: _Context) -> bool:
    return (
        bool(evidence.checklist_kinds)
        and ctx.release.source.basis is EvidenceBasis.CHECKLIST
        and ctx.policy.checklist_evidence
    )


def _declared_unused(requirement: Requirement, refs: list[EvidenceRef]) -> Result:
    if requirement.obligation is Obligation.MUST:
        return _result(
            requirement,
            Status.FAIL,
            "declared as not used, but it is required wherever this requirement applies",
            evidence=refs,
        )
    return _result(requirement, Status.NOT_APPLICABLE, "declared as not used", evidence=refs)


def _facet(requirement: Requirement, evidence: Evidence, used: list[Component]) -> Result:
    """Every description must cover the facet, or say it does not apply to its data.

    OSAID asks for a description of *all* training data, so with several descriptions (one
    per dataset, say) one covering the facet is not enough.
    """
    facet = evidence.facet
    assert facet is not None  # noqa: S101 - caller checked
    silent = [c for c in used if facet not in c.covers and facet not in c.not_used]
    unused = [c for c in used if facet in c.not_used]
    if silent:
        refs = [e for e in (_ref(c.origin, c.name) for c in silent) if e]
        which = "the description" if len(used) == 1 else f"{silent[0].name}"
        return _result(
            requirement,
            Status.MISSING,
            f"{which} does not say it covers {facet.value}",
            evidence=refs,
        )
    refs = [e for e in (_ref(c.origin, c.name) for c in used) if e]
    if len(unused) < len(used):
        return _result(
            requirement, Status.PASS, f"the description covers {facet.value}", evidence=refs
        )
    if requirement.obligation is Obligation.MUST_IF_USED:
        return _result(
            requirement, Status.NOT_APPLICABLE, f"{facet.value} declared as not used", evidence=refs
        )
    return _result(
        requirement, Status.FAIL, f"{facet.value} cannot be declared unused", evidence=refs
    )


def _check_component(
    component: Component, requirement: Requirement, ctx: _Context
) -> ComponentCheck:
    """Judge one component's licence for the requirement's element (once per check).

    The verdict depends on the element only, and the OSI checklist mapping judges the same
    components for several requirements, so each (component, element) is judged once.
    """
    key = (id(component), requirement.element)
    found = ctx.component_checks.get(key)
    if found is None:
        found = ctx.component_checks[key] = _judge_component(component, requirement.element, ctx)
    return found


def _judge_component(component: Component, element: str, ctx: _Context) -> ComponentCheck:
    declaration = component.license
    if declaration is None:
        evaluation = ctx.license(NO_LICENCE, element)
        reasons = [f"no licence is declared for {component.name}, so osaid cannot verify a grant"]
        status: Literal["pass", "fail"] = "fail"
        ref = _ref(component.origin, component.name)
    else:
        evaluation = ctx.license(declaration.expression, element)
        reasons = evaluation.reasons
        status = evaluation.status
        ref = _ref(declaration.origin, declaration.written) or _ref(
            component.origin, component.name
        )
        _license_warnings(ctx, evaluation, ref)
    assert ref is not None  # noqa: S101 - every component has an origin
    contradicted = ctx.repository.problems(component) if ctx.repository else []
    if contradicted:
        reasons = [*contradicted, *(reasons if status == "fail" else [])]
        status = "fail"
    return ComponentCheck(
        component=component.name,
        kind=component.kind.value,
        license=declaration.written if declaration else None,
        normalized=evaluation.normalized if declaration else None,
        inherited_from=declaration.inherited_from if declaration else None,
        inferred_from=component.inferred_from,
        status=status,
        reasons=reasons,
        licenses=evaluation.licenses if declaration else [],
        evidence=ref,
    )


def _license_warnings(
    ctx: _Context, evaluation: LicenseEvaluation, ref: EvidenceRef | None
) -> None:
    for message in evaluation.warnings:
        ctx.warn("license-normalized", message, [ref])
    if evaluation.status != "pass":
        return
    for facts in evaluation.licenses:
        if facts.status == "pass" and facts.open_terms and not facts.osi_approved:
            ctx.warn(
                "open-terms-policy",
                f"{facts.id} was accepted as OSI-approved terms under osaid's open-terms policy: "
                "OSI has published no list of approved terms for data information or parameters, "
                "so this is osaid's documented policy, not an OSI decision.",
                [ref],
            )


def _licensed(requirement: Requirement, ctx: _Context, used: list[Component]) -> Result:
    checks = [_check_component(c, requirement, ctx) for c in used]
    failing = [c for c in checks if c.status == "fail"]
    # Failing components first (reports show the first place to look), each place once.
    refs = list(dict.fromkeys(c.evidence for c in [*failing, *checks]))
    evidence = requirement.evidence
    if evidence is not None and evidence.match == "any" and len(failing) < len(checks):
        failing = []
    condition = ctx.definition.condition_for(requirement)
    title = condition.title if condition else "no condition"
    phrase = condition.phrase if condition else "acceptable terms"
    if not failing:
        passing = [c for c in checks if c.status == "pass"]
        licences = ", ".join(dict.fromkeys(c.normalized or "" for c in passing))
        return _result(
            requirement,
            Status.PASS,
            f"under {licences} ({title})",
            evidence=refs,
            components=checks,
        )
    first = failing[0]
    shown = first.license if first.license is not None else "no licence"
    summary = f"{first.component} is under '{shown}', which needs {phrase}: {first.reasons[0]}"
    details = [f"{c.component}: {'; '.join(c.reasons)}" for c in failing]
    details += [
        f"{c.component}: {clause.clause + ': ' if clause.clause else ''}{clause.summary}"
        for c in failing
        for facts in c.licenses
        for clause in facts.fails
    ]
    examples = condition.examples if condition else []
    return _result(
        requirement,
        Status.FAIL,
        summary,
        evidence=refs,
        components=checks,
        details=[*details, _would_pass(examples)],
        remediation=_relicense(failing, phrase, examples),
    )


def _relicense(failing: list[ComponentCheck], phrase: str, examples: list[str]) -> str:
    """Name each failing component, where its licence is written, and what would pass."""
    places = []
    for check in failing:
        ref = check.evidence
        line = f", line {ref.line}" if ref.line else ""
        current = f"'{check.license}'" if check.license is not None else "no licence"
        places.append(f"{check.component} ({ref.key}{line}, now {current})")
    such_as = f" such as {', '.join(examples)}" if examples else ""
    return f"Release {'; '.join(places)} under {phrase}{such_as}."


def _would_pass(examples: list[str]) -> str:
    if not examples:
        return ""
    return f"would pass: {', '.join(examples)} (or another licence meeting the condition)"


def _checklist(
    requirement: Requirement, evidence: Evidence, ctx: _Context, components: tuple[Component, ...]
) -> Result:
    candidates = [c for c in components if c.kind in evidence.checklist_kinds and c.used]
    if not candidates:
        wanted = ", ".join(k.value for k in evidence.checklist_kinds)
        return _result(
            requirement,
            Status.MISSING,
            f"none of the checklist components ({wanted}) is declared",
            evidence=_list_ref(evidence, ctx),
        )
    checks = [_check_component(c, requirement, ctx) for c in candidates]
    refs = [c.evidence for c in checks]
    passing = [c for c in checks if c.status == "pass"]
    if evidence.checklist_note:
        ctx.warn("checklist-evidence", evidence.checklist_note, refs[:1])
    if not passing:
        names = ", ".join(f"{c.component} ('{c.license or 'no licence'}')" for c in checks)
        return _result(
            requirement,
            Status.FAIL,
            f"judged from {names} (OSI checklist mapping): none is under acceptable terms",
            evidence=refs,
            components=checks,
            details=[f"{c.component}: {'; '.join(c.reasons)}" for c in checks],
        )
    preferred = {k.value for k in evidence.checklist_preferred}
    if (
        preferred
        and evidence.checklist_preferred_note
        and not any(c.kind in preferred for c in passing)
    ):
        ctx.warn(
            "checklist-documents-only", evidence.checklist_preferred_note, [passing[0].evidence]
        )
    names = ", ".join(c.component for c in passing)
    return _result(
        requirement,
        Status.PASS,
        f"judged from {names} (OSI 1.0 checklist mapping; see warnings)",
        evidence=refs,
        components=checks,
    )
