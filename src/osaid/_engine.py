"""Evaluate a release against a definition under a policy.

The engine is generic: it reads each requirement record (evidence kinds, attribute checks,
aggregates, applicability) and never branches on a requirement id or a licence id.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from osaid._fixes import licence_fix, remediation, terms_fix
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
    shipped_terms,
)
from osaid.model import (
    AdditionalTerm,
    BaseRelation,
    Component,
    EvidenceBasis,
    Origin,
    Release,
    ReleaseBase,
)
from osaid.policy import Policy
from osaid.report import (
    BaseSummary,
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
    own: set[int] = field(default_factory=set)
    """``id`` of each of the release's own components (not a base model's), filled on first use:
    asked once per component, a scan of the list made 30,000 components take 20 s."""

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
    requirements = [_under_policy(r, policy) for r in definition.requirements]
    results: dict[str, Result] = {}
    for requirement in requirements:
        if requirement.aggregate is None:
            results[requirement.id] = _evaluate_one(requirement, ctx)
    for requirement in requirements:
        if requirement.aggregate is not None:
            results[requirement.id] = _aggregate(requirement, ctx, list(results.values()))
    ordered = [results[r.id] for r in requirements]
    _judge_the_rest(ctx)
    for notice in ctx.repository.notices if ctx.repository else ():
        ctx.warn("repository-limit", notice)  # a walk of the repository was cut short
    return _report(ctx, ordered)


def _under_policy(requirement: Requirement, policy: Policy) -> Requirement:
    """The requirement as the policy reads it: its ``when."field=value"`` overrides applied."""
    for choice, override in requirement.when.items():
        field_name, _, value = choice.partition("=")
        if str(getattr(policy, field_name)) == value:
            return requirement.model_copy(update={"obligation": override.obligation})
    return requirement


def _affects_verdict(requirement: Requirement) -> bool:
    if requirement.affects_verdict is not None:
        return requirement.affects_verdict
    return requirement.obligation is not Obligation.RECOMMENDED


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
            base_models=[
                BaseSummary(name=base.name, relation=base.relation.value)
                for base in release.base_models
            ],
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
    follows_from: list[str] | None = None,
) -> Result:
    passed = status in (Status.PASS, Status.NOT_APPLICABLE)
    return Result(
        requirement=requirement.id,
        element=requirement.element,
        obligation=requirement.obligation.value,
        title=requirement.title,
        status=status,
        affects_verdict=_affects_verdict(requirement),
        summary=f"{requirement.title}: {summary}",
        details=[requirement.statement, *(d for d in details or [] if d)],
        clause=requirement.clause,
        clause_url=requirement.url,
        evidence=evidence or [],
        components=components or [],
        remediation=None if passed else remediation or requirement.remediation,
        follows_from=follows_from or [],
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
    if applies.derived and not _bases(ctx):
        if _teachers(ctx):
            return (
                "the release declares only a distillation teacher, which policy "
                "'distillation: data-source' reads as a source of training data, not a base"
            )
        return "the release does not declare a base model"
    if applies.teacher and not _teachers(ctx):
        return "the release declares no distillation teacher"
    for name, wanted in applies.policy.items():
        chosen = str(getattr(ctx.policy, name))
        if chosen != wanted:
            return f"applies under policy '{name}: {wanted}'; this check uses '{name}: {chosen}'"
    return None


def _bases(ctx: _Context) -> list[ReleaseBase]:
    """The bases whose data, code and terms a derived release carries.

    A distillation teacher is one only when the policy reads teachers as bases.
    """
    as_base = ctx.policy.distillation == "base"
    return [
        base
        for base in ctx.release.base_models
        if as_base or base.relation is not BaseRelation.DISTILLATION_TEACHER
    ]


def _teachers(ctx: _Context) -> list[ReleaseBase]:
    return [
        base
        for base in ctx.release.base_models
        if base.relation is BaseRelation.DISTILLATION_TEACHER
    ]


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
        met = [r.requirement for r in results if r.element in wanted and r.affects_verdict]
        return _result(
            requirement,
            Status.PASS,
            "every data-information and code requirement is met",
            follows_from=met,
        )
    names = ", ".join(r.requirement for r in blocking)
    scope_ref = _ref(ctx.release.origins.get("scope"), ctx.release.scope.value)
    return _result(
        requirement,
        Status.FAIL,
        f"claiming the {ctx.release.scope.value} needs what derived it, but {len(blocking)} "
        f"requirement(s) are not met",
        details=[
            f"not met: {names}",
            "these failures are reported under their own elements and counted once there; "
            "this result only restates them",
        ],
        evidence=[scope_ref] if scope_ref else _list_ref_release(ctx),
        follows_from=[r.requirement for r in blocking],
    )


def _evidence(requirement: Requirement, evidence: Evidence, ctx: _Context) -> Result:
    if evidence.subject == "release":
        return _evidence_in(requirement, evidence, ctx, ctx.release.components, None)
    subjects = _bases(ctx) if evidence.subject == "base-model" else _teachers(ctx)
    found = [(s, _evidence_in(requirement, evidence, ctx, s.components, s)) for s in subjects]
    return _per_subject(requirement, found)


def _label(base: ReleaseBase) -> str:
    if base.relation is BaseRelation.DISTILLATION_TEACHER:
        return f"teacher '{base.name}'"
    return f"base '{base.name}' ({base.relation.value})"


_WORST = (Status.FAIL, Status.MISSING, Status.PASS, Status.NOT_APPLICABLE)


def _per_subject(requirement: Requirement, found: list[tuple[ReleaseBase, Result]]) -> Result:
    """One result from each base's (or teacher's): the worst status, each base named."""
    status = next(s for s in _WORST if any(r.status is s for _, r in found))
    deciding = [(b, r) for b, r in found if r.status is status]
    prefix = f"{requirement.title}: "
    summary = "; ".join(f"{_label(b)}: {r.summary.removeprefix(prefix)}" for b, r in deciding)
    details = [d for _, r in deciding for d in r.details[1:]]
    return _result(
        requirement,
        status,
        summary,
        evidence=[e for _, r in deciding for e in r.evidence],
        components=[c for _, r in found for c in r.components],
        details=details,
    )


def _evidence_in(
    requirement: Requirement,
    evidence: Evidence,
    ctx: _Context,
    components: tuple[Component, ...],
    base: ReleaseBase | None,
) -> Result:
    matching = [c for c in components if c.kind in evidence.kinds]
    if not matching and base is None and _use_checklist(evidence, ctx):
        return _checklist(requirement, evidence, ctx, components)
    if not matching:
        return _nothing_declared(requirement, evidence, ctx, base)
    used = [c for c in matching if c.used]
    refs = [e for e in (_ref(c.origin, c.name) for c in matching) if e]
    if not used:
        return _unused(requirement, evidence, refs)
    if evidence.facet is not None:
        return _facet(requirement, evidence, used)
    if not evidence.license:
        names = ", ".join(dict.fromkeys(c.name for c in used))
        return _result(requirement, Status.PASS, f"declared ({names})", evidence=refs)
    return _licensed(requirement, ctx, used, binding=evidence.binding, own=base is None)


def _unused(requirement: Requirement, evidence: Evidence, refs: list[EvidenceRef]) -> Result:
    """Every matching component is declared unused."""
    if evidence.facet is not None and requirement.obligation is Obligation.MUST_IF_USED:
        # "labelling, if used" cannot be settled by a description that is itself declared unused
        return _result(
            requirement,
            Status.MISSING,
            f"the description is declared as not used, so it cannot say whether "
            f"{evidence.facet.value} applies",
            evidence=refs,
        )
    return _declared_unused(requirement, refs)


def _nothing_declared(
    requirement: Requirement, evidence: Evidence, ctx: _Context, base: ReleaseBase | None
) -> Result:
    wanted = " or ".join(k.value for k in evidence.kinds)
    if evidence.binding:
        return _result(
            requirement,
            Status.PASS,
            f"no {wanted} licence is declared, so no terms are known to bind this release",
        )
    if base is None:
        return _result(
            requirement,
            Status.MISSING,
            f"no {wanted} component is declared",
            evidence=_list_ref_release(ctx),
        )
    ref = _ref(base.origin, base.name)
    return _result(
        requirement,
        Status.MISSING,
        f"no {wanted} component is declared",
        evidence=[ref] if ref else [],
    )


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
            "declared as not used, but it cannot be waived: the definition requires it",
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
    """The component's licence, its terms beyond the licence and what the repository says.

    The fix follows the first cause that applies: restricting terms, then a contradiction in
    the repository, then the licence itself.
    """
    declaration = component.license
    condition = ctx.definition.element_condition(element)
    phrase = condition.phrase if condition else "acceptable terms"
    examples = condition.examples if condition else []
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
    fix = None
    if status == "fail":
        fix = licence_fix(
            component.name, ref, evaluation if declaration else None, phrase, examples
        )
    contradicted = ctx.repository.problems(component) if ctx.repository else []
    if contradicted:
        reasons = [*(c.message for c in contradicted), *(reasons if status == "fail" else [])]
        status = "fail"
        fix = "; ".join(c.fix for c in contradicted)
    restricting = _restricting_terms(component, ctx) or _terms_in_notes(component, ctx)
    if restricting:
        reasons = [*(why for why, _ in restricting), *(reasons if status == "fail" else [])]
        status = "fail"
        fix = "; ".join(f for _, f in restricting)
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
        fix=fix,
    )


def _terms_of(component: Component, ctx: _Context) -> tuple[AdditionalTerm, ...]:
    """The component's own terms, and the release's when it is one of the release's parts."""
    if not ctx.own:
        ctx.own.update(id(c) for c in ctx.release.components)
    if id(component) in ctx.own:
        return (*component.additional_terms, *ctx.release.additional_terms)
    return component.additional_terms


def _restricting_terms(component: Component, ctx: _Context) -> list[tuple[str, str]]:
    """(reason, fix) for each term beyond the licence that restricts use; gates are warned."""
    found = []
    data = shipped_terms()
    for term in _terms_of(component, ctx):
        kind = data.kinds[term.kind]
        where = term.location or _place(term.origin)
        ref = _ref(term.origin, term.kind)
        said = data.phrases_in(term.notes or "")
        if not kind.restricts and said:
            # the gate's own text asks users to accept a use policy: not verifiable as open
            found.append(
                (
                    f"{kind.summary} ({where}) and its text mentions '{said[0]}', so osaid "
                    "cannot verify that what users must accept restricts nothing",
                    f"declare the terms the gate of {component.name} makes users accept under "
                    "`additional_terms` (acceptable-use-policy, terms-of-service), or remove them",
                )
            )
            continue
        if not kind.restricts:
            ctx.warn(
                term.kind,
                f"{component.name}: {kind.summary} ({where}). Gating alone does not restrict "
                "the freedoms, so osaid does not fail it; read what the gate makes users "
                "accept, and declare a use policy or terms of service it imposes under "
                "additional_terms",
                [ref],
            )
            continue
        criteria = f" ({', '.join(kind.osd)})" if kind.osd else ""
        found.append(
            (
                f"subject to additional terms ({term.kind}, {where}): {kind.summary}{criteria}",
                terms_fix(component.name, term.kind, where),
            )
        )
    return found


def _terms_in_notes(component: Component, ctx: _Context) -> list[tuple[str, str]]:
    """Notes that name a use policy, with no terms declared: the grant cannot be verified.

    A release whose own notes say its weights are "subject to an acceptable use policy" is
    not shown to grant use for any purpose, whatever its licence label: osaid cannot read the
    policy, so it fails as "cannot verify" (the safe reading) and asks for the terms to be
    declared, where their kind decides.
    """
    if not component.notes or _terms_of(component, ctx):
        return []
    found = shipped_terms().phrases_in(component.notes)
    if not found:
        return []
    return [
        (
            f"its notes mention '{found[0]}' but no additional_terms are declared, so osaid "
            "cannot verify that nothing beyond the licence restricts its use",
            f"declare those terms under `additional_terms` of {component.name} (kind "
            "acceptable-use-policy, terms-of-service, output-restriction or gated-access), or "
            "reword the notes if no such terms apply",
        )
    ]


def _place(origin: Origin) -> str:
    line = f":{origin.line}" if origin.line else ""
    return f"{origin.file}{line}, {origin.key}"


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


def _licensed(
    requirement: Requirement,
    ctx: _Context,
    used: list[Component],
    *,
    binding: bool = False,
    own: bool = True,
) -> Result:
    """Judge the used components' licences; ``own`` is False for a base's or teacher's.

    A base's licence cannot be fixed by relicensing the base, so its remediation is the
    requirement's own; with ``binding`` only terms known to reach this release fail.
    """
    checks = [_check_component(c, requirement, ctx) for c in used]
    if binding:
        checks = [_binding(c) for c in checks]
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
        licences = ", ".join(dict.fromkeys(c.normalized or c.license or "" for c in passing))
        summary = f"under {licences} ({title})" if not binding else checks[0].reasons[0]
        return _result(requirement, Status.PASS, summary, evidence=refs, components=checks)
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
    fixed = remediation([c.fix or "" for c in failing]) if own else None
    return _result(
        requirement,
        Status.FAIL,
        summary,
        evidence=refs,
        components=checks,
        details=[*details, _would_pass(examples) if own else ""],
        remediation=fixed,
    )


def _binding(check: ComponentCheck) -> ComponentCheck:
    """A teacher's licence fails the student only where it reaches models trained on it."""
    reaching = [facts for facts in check.licenses if facts.binds_trained_models]
    if reaching:
        reasons = [
            f"{f.name or f.id} binds models trained on its outputs: {f.binds_trained_models}"
            for f in reaching
        ]
        return check.model_copy(update={"status": "fail", "reasons": reasons, "fix": None})
    shown = check.normalized or check.license or "its licence"
    reason = f"{shown} is not known to reach models trained on the teacher's outputs"
    return check.model_copy(update={"status": "pass", "reasons": [reason], "fix": None})


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
            evidence=_list_ref_release(ctx),
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


def _was_judged(component: Component, ctx: _Context) -> bool:
    return any(key[0] == id(component) for key in ctx.component_checks)


def _judge_the_rest(ctx: _Context) -> None:
    """Judge every declared licence no requirement needed, and read notes for unstated terms.

    A malformed or failing licence on a dataset, paper or model card is a warning naming its
    line: it cannot change the verdict, but the promise that every declared licence is
    evaluated must hold. Notes that mention a use policy ask for it to be declared.
    """
    judged = {key[0] for key in ctx.component_checks}
    everything = [
        *ctx.release.components,
        *(c for b in ctx.release.base_models for c in b.components),
    ]
    for component in everything:
        _read_notes(component, ctx)
        if component.license is None or id(component) in judged:
            continue
        element = ctx.definition.component_elements.get(component.kind)
        if element is None or ctx.definition.element_condition(element) is None:
            continue
        check = _judge_component(component, element, ctx)
        if check.status == "fail":
            ctx.warn(
                "unneeded-licence-fails",
                f"{component.name}: the licence '{check.license}' fails for {element}: "
                f"{check.reasons[0]}; no requirement needs this component, so the verdict does "
                "not change",
                [check.evidence],
            )


def _read_notes(component: Component, ctx: _Context) -> None:
    """Notes of a component no licence requirement judged: a warning, as nothing can fail."""
    if not component.notes or _terms_of(component, ctx) or _was_judged(component, ctx):
        return
    found = shipped_terms().phrases_in(component.notes)
    if found:
        ctx.warn(
            "undeclared-terms",
            f"{component.name}: its notes mention '{found[0]}'; if it comes with a use policy or "
            "other terms beyond its licence, declare them under additional_terms (terms that "
            "restrict use fail the element)",
            [_ref(component.origin, component.name)],
        )
