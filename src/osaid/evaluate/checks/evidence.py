"""``[requirement.evidence]``: components of given kinds must be declared, used and licensed.

The kind OSAID's requirements mostly are: "the training code, under an OSI-approved licence".
It checks the release's own components, or each base model's or distillation teacher's
(``subject``); a description must cover a facet (``facet``); a licence may not matter
(``license = false``), one passing component may be enough (``match = "any"``), or only terms
that reach models trained on the material fail (``binding``). For formats that only list MOF
components, ``checklist_kinds`` judge data information the way OSI's 1.0 checklist does.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import Field

from osaid.definition import CheckRecord, Obligation
from osaid.evaluate._components import check_component
from osaid.evaluate._context import (
    Context,
    EvidenceRef,
    bases,
    label,
    list_ref,
    ref,
    result,
    teachers,
)
from osaid.evaluate._fixes import PLACEHOLDER, remediation
from osaid.evaluate.checks._base import CheckKind
from osaid.model import Component, ComponentKind, DataFacet, EvidenceBasis, ReleaseBase
from osaid.report import ComponentCheck, Result, Status

if TYPE_CHECKING:
    from osaid.definition import Condition, Definition, Requirement

__all__ = ["Evidence", "EvidenceKind"]


class Evidence(CheckRecord):
    """Requirement satisfied by components of given kinds (optionally covering a facet)."""

    key: ClassVar[str] = "evidence"
    wording: ClassVar[frozenset[str]] = frozenset({"checklist_note", "checklist_preferred_note"})
    note_fields: ClassVar[frozenset[str]] = wording

    kinds: list[ComponentKind] = Field(min_length=1)
    checklist_kinds: list[ComponentKind] = Field(default_factory=list)
    facet: DataFacet | None = None
    license: bool = True
    match: Literal["all", "any"] = "all"
    """``all``: every used component of these kinds must pass; ``any``: one passing suffices
    (the 0.0.9 checklist's "at least one data component")."""
    subject: Literal["release", "base-model", "teacher"] = "release"
    """``base-model``: each base the release was derived from, judged one by one (a
    distillation teacher only when the policy reads teachers as bases); ``teacher``: each
    distillation teacher."""
    binding: bool = False
    """Judge a licence only for whether its terms reach this release: pass unless a clause
    of a known licence binds what was made from the material (a teacher's licence that claims
    models trained on its outputs), since an unknown teacher licence binds nothing known."""
    checklist_note: str | None = None
    """Warning shown when the requirement was judged through ``checklist_kinds``."""
    checklist_preferred: list[ComponentKind] = Field(default_factory=list)
    checklist_preferred_note: str | None = None
    """Extra warning when no passing checklist component is of a preferred kind."""


class EvidenceKind(CheckKind):
    """Components of ``kinds`` are declared, used and (unless ``license = false``) licensed."""

    record = Evidence

    def manifest(self, definition: Definition, requirement: Requirement) -> dict[str, Any] | None:
        """A component of the first kind, under ``base_model`` when the base is the subject.

        Its location and licence are placeholders (the licence names the first example the
        element's condition gives: osaid cannot know the real one); a teacher's terms
        cannot be met by adding anything, so that check has none.
        """
        evidence = requirement.evidence
        if evidence is None or evidence.subject == "teacher":
            return None
        component: dict[str, Any] = {"kind": evidence.kinds[0].value, "location": PLACEHOLDER}
        condition = definition.element_condition(requirement.element)
        if evidence.license and condition is not None and condition.examples:
            component["license"] = f"<SPDX id, e.g. {condition.examples[0]}>"
        if evidence.facet is not None:
            component["covers"] = [evidence.facet.value]
        found = {"components": [component]}
        return {"base_model": found} if evidence.subject == "base-model" else found

    def evaluate(self, requirement: Requirement, ctx: Context, earlier: Sequence[Result]) -> Result:  # noqa: ARG002
        evidence = requirement.evidence
        assert evidence is not None  # noqa: S101 - the scorer chose this kind by the record
        return _evaluate(requirement, evidence, ctx)

    def criteria(
        self, definition: Definition, requirement: Requirement
    ) -> tuple[list[str], list[str]]:
        passes: list[str] = []
        fails: list[str] = []
        _criteria(definition, requirement, passes, fails)
        return passes, fails

    def signature(self, definition: Definition, requirement: Requirement) -> str:  # noqa: ARG002
        evidence = requirement.evidence
        assert evidence is not None  # noqa: S101
        kinds = ", ".join(k.value for k in evidence.kinds)
        facet = f" covering {evidence.facet.value}" if evidence.facet else ""
        binding = ", binding" if evidence.binding else ""
        return f"{kinds}{facet} ({evidence.match}, {evidence.subject}{binding})"

    def judges_licences(self, requirement: Requirement) -> bool:
        evidence = requirement.evidence
        return evidence is not None and evidence.license


# -- evaluation ------------------------------------------------------------------------------


def _evaluate(requirement: Requirement, evidence: Evidence, ctx: Context) -> Result:
    if evidence.subject == "release":
        return _evidence_in(requirement, evidence, ctx, ctx.release.components, None)
    subjects = bases(ctx) if evidence.subject == "base-model" else teachers(ctx)
    found = [
        (
            s,
            _conflicted(requirement, s, ctx)
            or _evidence_in(requirement, evidence, ctx, s.components, s),
        )
        for s in subjects
    ]
    return _per_subject(requirement, found)


def _conflicted(requirement: Requirement, base: ReleaseBase, ctx: Context) -> Result | None:
    """A base the sources disagree on fails (or, under ``conflicts = "warn"``, is warned)."""
    if not base.conflicts:
        return None
    place = ref(base.origin, base.name)
    ctx.conflicts_judged.add(id(base))
    if ctx.policy.conflicts == "warn":
        for conflict in base.conflicts:
            ctx.warn("base-model-conflict", conflict.message, [place])
        return None
    return result(
        requirement,
        Status.FAIL,
        "the sources disagree on the base model: " + "; ".join(c.message for c in base.conflicts),
        evidence=[e for e in (place, *(ref(c.origin, c.fact) for c in base.conflicts)) if e],
        remediation=_sentence("; ".join(dict.fromkeys(c.fix for c in base.conflicts))),
    )


_WORST = (Status.FAIL, Status.MISSING, Status.PASS, Status.NOT_APPLICABLE)


def _sentence(text: str) -> str:
    return f"{text[0].upper()}{text[1:]}."


def _per_subject(requirement: Requirement, found: list[tuple[ReleaseBase, Result]]) -> Result:
    """One result from each base's (or teacher's): the worst status, each base named."""
    status = next(s for s in _WORST if any(r.status is s for _, r in found))
    deciding = [(b, r) for b, r in found if r.status is status]
    prefix = f"{requirement.title}: "
    summary = "; ".join(f"{label(b)}: {r.summary.removeprefix(prefix)}" for b, r in deciding)
    details = [d for _, r in deciding for d in r.details[1:]]
    own = [r.remediation for _, r in deciding if r.remediation != requirement.remediation]
    return result(
        requirement,
        status,
        summary,
        evidence=[e for _, r in deciding for e in r.evidence],
        components=[c for _, r in found for c in r.components],
        details=details,
        remediation=" ".join(dict.fromkeys(r for r in own if r)) or None,
    )


def _evidence_in(
    requirement: Requirement,
    evidence: Evidence,
    ctx: Context,
    components: tuple[Component, ...],
    base: ReleaseBase | None,
) -> Result:
    matching = [c for c in components if c.kind in evidence.kinds]
    if not matching and base is None and _use_checklist(evidence, ctx, components):
        return _checklist(requirement, evidence, ctx, components)
    if not matching:
        return _nothing_declared(requirement, evidence, ctx, base)
    used = [c for c in matching if c.used]
    refs = [e for e in (ref(c.origin, c.name) for c in matching) if e]
    if not used:
        return _unused(requirement, evidence, refs)
    if evidence.facet is not None:
        return _facet(requirement, evidence, used)
    if not evidence.license:
        names = ", ".join(dict.fromkeys(c.name for c in used))
        return result(requirement, Status.PASS, f"declared ({names})", evidence=refs)
    return _licensed(requirement, ctx, used, binding=evidence.binding, own=base is None)


def _unused(requirement: Requirement, evidence: Evidence, refs: list[EvidenceRef]) -> Result:
    """Every matching component is declared unused."""
    if evidence.facet is not None and requirement.obligation is Obligation.MUST_IF_USED:
        # "labelling, if used" cannot be settled by a description that is itself declared unused
        return result(
            requirement,
            Status.MISSING,
            f"the description is declared as not used, so it cannot say whether "
            f"{evidence.facet.value} applies",
            evidence=refs,
        )
    return _declared_unused(requirement, refs)


def _nothing_declared(
    requirement: Requirement, evidence: Evidence, ctx: Context, base: ReleaseBase | None
) -> Result:
    wanted = " or ".join(k.value for k in evidence.kinds)
    if evidence.binding:
        return result(
            requirement,
            Status.PASS,
            f"no {wanted} licence is declared, so no terms are known to bind this release",
        )
    if base is None:
        return result(
            requirement,
            Status.MISSING,
            f"no {wanted} component is declared",
            evidence=list_ref(ctx),
        )
    place = ref(base.origin, base.name)
    return result(
        requirement,
        Status.MISSING,
        f"no {wanted} component is declared",
        evidence=[place] if place else [],
    )


def _use_checklist(evidence: Evidence, ctx: Context, components: tuple[Component, ...]) -> bool:
    """Whether the OSI checklist mapping reads this requirement.

    It does when the release comes from a format that only lists MOF components, or when any
    of the checklist components does (a MOF file merged with an SBOM keeps its reading: the
    basis is each component's).
    """
    if not evidence.checklist_kinds or not ctx.policy.checklist_evidence:
        return False
    if ctx.release.source.basis is EvidenceBasis.CHECKLIST:
        return True
    kinds = set(evidence.checklist_kinds)
    return any(c.basis is EvidenceBasis.CHECKLIST and c.kind in kinds for c in components)


def _declared_unused(requirement: Requirement, refs: list[EvidenceRef]) -> Result:
    if requirement.obligation is Obligation.MUST:
        return result(
            requirement,
            Status.FAIL,
            "declared as not used, but it cannot be waived: the definition requires it",
            evidence=refs,
        )
    return result(requirement, Status.NOT_APPLICABLE, "declared as not used", evidence=refs)


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
        refs = [e for e in (ref(c.origin, c.name) for c in silent) if e]
        which = "the description" if len(used) == 1 else f"{silent[0].name}"
        return result(
            requirement,
            Status.MISSING,
            f"{which} does not say it covers {facet.value}",
            evidence=refs,
        )
    refs = [e for e in (ref(c.origin, c.name) for c in used) if e]
    if len(unused) < len(used):
        return result(
            requirement, Status.PASS, f"the description covers {facet.value}", evidence=refs
        )
    if requirement.obligation is Obligation.MUST_IF_USED:
        return result(
            requirement, Status.NOT_APPLICABLE, f"{facet.value} declared as not used", evidence=refs
        )
    return result(
        requirement, Status.FAIL, f"{facet.value} cannot be declared unused", evidence=refs
    )


def _licensed(
    requirement: Requirement,
    ctx: Context,
    used: list[Component],
    *,
    binding: bool = False,
    own: bool = True,
) -> Result:
    """Judge the used components' licences; ``own`` is False for a base's or teacher's.

    A base's licence cannot be fixed by relicensing the base, so its remediation is the
    requirement's own; with ``binding`` only terms known to reach this release fail.
    """
    checks = [check_component(c, requirement, ctx) for c in used]
    if binding:
        checks = [_binding(c) for c in checks]
    failing = [c for c in checks if c.status == "fail"]
    # Failing components first (reports show the first place to look), each place once.
    refs = list(dict.fromkeys(c.evidence for c in [*failing, *checks]))
    if ctx.policy.conflicts == "fail":  # the other side of each disagreement is a place too
        others = (ref(k.origin, k.fact) for c in used for k in c.conflicts if k.origin)
        refs += [r for r in dict.fromkeys(others) if r is not None and r not in refs]
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
        return result(requirement, Status.PASS, summary, evidence=refs, components=checks)
    first = failing[0]
    shown = first.license if first.license is not None else "no licence"
    licensed = [c for c in failing if _licence_met(c, requirement.element, ctx)]
    if first in licensed:  # its licence is fine: a path, a conflict or terms fail it
        summary = f"{first.component} (under '{shown}'): {first.reasons[0]}"
    else:
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
    return result(
        requirement,
        Status.FAIL,
        summary,
        evidence=refs,
        components=checks,
        # licences that would pass help only where a licence is what fails
        details=[*details, _would_pass(examples) if own and len(licensed) < len(failing) else ""],
        remediation=fixed,
    )


def _licence_met(check: ComponentCheck, element: str, ctx: Context) -> bool:
    """Whether the component's declared licence itself meets the element's condition."""
    expression = check.normalized or check.license
    return expression is not None and ctx.license(expression, element).status == "pass"


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
    requirement: Requirement, evidence: Evidence, ctx: Context, components: tuple[Component, ...]
) -> Result:
    candidates = [c for c in components if c.kind in evidence.checklist_kinds and c.used]
    if not candidates:
        wanted = ", ".join(k.value for k in evidence.checklist_kinds)
        return result(
            requirement,
            Status.MISSING,
            f"none of the checklist components ({wanted}) is declared",
            evidence=list_ref(ctx),
        )
    checks = [check_component(c, requirement, ctx) for c in candidates]
    refs = [c.evidence for c in checks]
    passing = [c for c in checks if c.status == "pass"]
    if evidence.checklist_note:
        ctx.warn("checklist-evidence", evidence.checklist_note, refs[:1])
    if not passing:
        names = ", ".join(f"{c.component} ('{c.license or 'no licence'}')" for c in checks)
        return result(
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
    return result(
        requirement,
        Status.PASS,
        f"judged from {names} (OSI 1.0 checklist mapping; see warnings)",
        evidence=refs,
        components=checks,
    )


# -- explanation ---------------------------------------------------------------------------


def _criteria(
    definition: Definition, requirement: Requirement, passes: list[str], fails: list[str]
) -> None:
    evidence = requirement.evidence
    assert evidence is not None  # noqa: S101 - the caller checked
    condition = definition.condition_for(requirement)
    terms = ""
    if condition is not None:
        examples = f" (for example {', '.join(condition.examples)})" if condition.examples else ""
        terms = f" under {condition.phrase}{examples}"
    kinds = " or ".join(f"`{k.value}`" for k in evidence.kinds)
    where = _SUBJECTS[evidence.subject]
    if evidence.facet is not None:
        passes.append(f"a {kinds} component{where} lists `{evidence.facet.value}` in `covers`")
        fails.append(f"missing: the description does not list `{evidence.facet.value}`")
    elif evidence.binding:
        passes.append(
            f"no {kinds} licence{where} is catalogued as reaching models trained on its outputs"
        )
        fails.append(f"fail: the licence of a {kinds} component{where} binds models trained on it")
        return
    elif evidence.license:
        quantity = "at least one" if evidence.match == "any" else "every used"
        passes.append(f"{quantity} {kinds} component{where} is declared{terms}")
        fails.append(f"fail: a {kinds} component's licence does not meet {_phrase(condition)}")
        fails.append("fail: no licence, NONE, NOASSERTION or an unknown licence reference")
        fails.append(
            "fail: the component (or the release) declares additional terms that restrict use "
            "(an acceptable-use policy, terms of service, an output restriction), or its notes "
            "name such terms without declaring them"
        )
    else:
        passes.append(f"a {kinds} component{where} is declared")
    fails.append(f"missing: no {kinds} component{where} is declared")
    if requirement.obligation is Obligation.MUST:
        fails.append("fail: the component is declared with `used: false`")
    if evidence.checklist_kinds:
        alt = ", ".join(k.value for k in evidence.checklist_kinds)
        passes.append(f"for MOF files (OSI checklist mapping): one of {alt}{terms}")


_SUBJECTS = {
    "release": "",
    "base-model": " of each base model (under `base_model`)",
    "teacher": " of each distillation teacher (under `base_model`)",
}


def _phrase(condition: Condition | None) -> str:
    return getattr(condition, "phrase", "the condition")
