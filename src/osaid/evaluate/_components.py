"""Judge one component: its licence, what the repository says, and terms beyond the licence.

A component's verdict for an element is the same for every requirement that reads it (the OSI
checklist mapping judges the same components for several requirements), so each (component,
element) is judged once per check. The fix follows the first cause that applies: restricting
terms, then a contradiction in the repository, then the licence itself (:mod:`._fixes`).
Every declared licence no requirement needed is judged too, and a failing one is a warning.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from osaid._compiled import trusted
from osaid._keys import location
from osaid.evaluate._context import Context, EvidenceRef
from osaid.evaluate._context import ref as at
from osaid.evaluate._fixes import licence_fix, terms_fix
from osaid.licensing import LicenseEvaluation, shipped_terms
from osaid.model import NOASSERTION, AdditionalTerm, Component, Origin
from osaid.readers._repository import Contradiction
from osaid.report import ComponentCheck

if TYPE_CHECKING:
    from osaid.definition import Requirement

__all__ = ["check_component", "judge_component", "judge_the_rest", "terms_of", "was_judged"]

_check = trusted(ComponentCheck)
"""Built from values the judge typed itself (see :mod:`osaid._compiled`)."""


def check_component(component: Component, requirement: Requirement, ctx: Context) -> ComponentCheck:
    """Judge one component's licence for the requirement's element (once per check).

    The verdict depends on the element only, and the OSI checklist mapping judges the same
    components for several requirements, so each (component, element) is judged once.
    """
    key = (id(component), requirement.element)
    found = ctx.component_checks.get(key)
    if found is None:
        found = ctx.component_checks[key] = judge_component(component, requirement.element, ctx)
    return found


def judge_component(component: Component, element: str, ctx: Context) -> ComponentCheck:
    """The component's licence, its terms beyond the licence and what the repository says.

    The fix follows the first cause that applies: restricting terms, then a contradiction in
    the repository, then the licence itself.
    """
    declaration = component.license
    condition = ctx.definition.element_condition(element)
    phrase = condition.phrase if condition else "acceptable terms"
    examples = condition.examples if condition else []
    if declaration is None:
        evaluation = ctx.license(NOASSERTION, element)
        reasons = [f"no licence is declared for {component.name}, so osaid cannot verify a grant"]
        status: Literal["pass", "fail"] = "fail"
        ref = at(component.origin, component.name)
    else:
        evaluation = ctx.license(declaration.expression, element)
        reasons = evaluation.reasons
        status = evaluation.status
        ref = at(declaration.origin, declaration.written) or at(component.origin, component.name)
        license_warnings(ctx, evaluation, ref)
    assert ref is not None  # noqa: S101 - every component has an origin
    fix = None
    if status == "fail":
        fix = licence_fix(
            component.name,
            ref,
            evaluation if declaration else None,
            phrase,
            examples,
            inferred_from=component.inferred_from,
        )
    contradicted = disagreements(component, ctx, ref)
    if contradicted:
        reasons = [*(c.message for c in contradicted), *(reasons if status == "fail" else [])]
        status = "fail"
        fix = "; ".join(c.fix for c in contradicted)
    restricting = restricting_terms(component, ctx) or terms_in_notes(component, ctx)
    if restricting:
        reasons = [*(why for why, _ in restricting), *(reasons if status == "fail" else [])]
        status = "fail"
        fix = "; ".join(f for _, f in restricting)
    return _check(
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


def disagreements(component: Component, ctx: Context, ref: EvidenceRef) -> list[Contradiction]:
    """What other sources and the repository contradict about ``component`` that fails it.

    Conflicts (another source's licence, a licence text, a header) fail unless the policy
    says ``conflicts = "warn"``, when they are warnings; doubts are always warnings; defects
    (a path that does not exist) always fail.
    """
    found = [Contradiction(c.message, c.fix, "conflict") for c in component.conflicts]
    places = [ref, *(at(c.origin, c.fact) for c in component.conflicts)]
    if ctx.repository is not None:
        found.extend(ctx.repository.problems(component))
    failing = []
    for each in found:
        if each.kind == "doubt":
            ctx.warn("licence-text", f"{component.name}: {each.message} ({each.fix})", [ref])
        elif each.kind == "conflict" and ctx.policy.conflicts == "warn":
            ctx.warn(
                "license-conflict",
                f"{component.name}: {each.message} (a warning only, under the policy "
                "conflicts = warn)",
                places,
            )
        else:
            failing.append(each)
    return failing


def terms_of(component: Component, ctx: Context) -> tuple[AdditionalTerm, ...]:
    """The component's own terms, and the release's when it is one of the release's parts."""
    if not ctx.own:
        ctx.own.update(id(c) for c in ctx.release.components)
    if id(component) in ctx.own:
        return (*component.additional_terms, *ctx.release.additional_terms)
    return component.additional_terms


def restricting_terms(component: Component, ctx: Context) -> list[tuple[str, str]]:
    """(reason, fix) for each term beyond the licence that restricts use; gates are warned."""
    found = []
    data = shipped_terms()
    for term in terms_of(component, ctx):
        kind = data.kinds[term.kind]
        where = term.location or _place(term.origin)
        ref = at(term.origin, term.kind)
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


def terms_in_notes(component: Component, ctx: Context) -> list[tuple[str, str]]:
    """Notes that name a use policy, with no terms declared: the grant cannot be verified.

    A release whose own notes say its weights are "subject to an acceptable use policy" is
    not shown to grant use for any purpose, whatever its licence label: osaid cannot read the
    policy, so it fails as "cannot verify" (the safe reading) and asks for the terms to be
    declared, where their kind decides.
    """
    if not component.notes or terms_of(component, ctx):
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
    return f"{location(origin.file, origin.line)}, {origin.key}"


def license_warnings(ctx: Context, evaluation: LicenseEvaluation, ref: EvidenceRef | None) -> None:
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


def was_judged(component: Component, ctx: Context) -> bool:
    return any(key[0] == id(component) for key in ctx.component_checks)


def judge_the_rest(ctx: Context) -> None:
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
        read_notes(component, ctx)
        if component.license is None or id(component) in judged:
            continue
        element = ctx.definition.component_elements.get(component.kind)
        if element is None or ctx.definition.element_condition(element) is None:
            for conflict in component.conflicts:  # judged by nothing: still said, as a warning
                ctx.warn("license-conflict", f"{component.name}: {conflict.message}", [])
            continue
        check = judge_component(component, element, ctx)
        if check.status == "fail":
            ctx.warn(
                "unneeded-licence-fails",
                f"{component.name}: the licence '{check.license}' fails for {element}: "
                f"{check.reasons[0]}; no requirement needs this component, so the verdict does "
                "not change",
                [check.evidence],
            )


def read_notes(component: Component, ctx: Context) -> None:
    """Notes of a component no licence requirement judged: a warning, as nothing can fail."""
    if not component.notes or terms_of(component, ctx) or was_judged(component, ctx):
        return
    found = shipped_terms().phrases_in(component.notes)
    if found:
        ctx.warn(
            "undeclared-terms",
            f"{component.name}: its notes mention '{found[0]}'; if it comes with a use policy or "
            "other terms beyond its licence, declare them under additional_terms (terms that "
            "restrict use fail the element)",
            [at(component.origin, component.name)],
        )
