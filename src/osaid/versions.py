"""Explain requirements and compare definition versions.

Users need to know which version a verdict is against and what a new version changes for them:
``explain`` says what one requirement asks and how to pass it, ``diff`` lists what changed
between two definitions requirement by requirement (matched by the id after the version prefix),
and ``compare`` shows where one release's results differ between two definitions, and why.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from osaid._errors import Problem, UnknownDefinitionError
from osaid._escape import encodable
from osaid._validation import suggest
from osaid.definition import (
    Definition,
    Element,
    Obligation,
    Requirement,
    available_definitions,
)
from osaid.report import Comparison, Report, ResultDifference

__all__ = [
    "Change",
    "Comparison",
    "DefinitionDiff",
    "Explanation",
    "ResultDifference",
    "compare",
    "diff",
    "explain",
    "find_requirement",
]

_OBLIGATIONS = {
    Obligation.MUST: "required for every release it applies to",
    Obligation.MUST_IF_USED: "required if the release used it; declare `used: false` otherwise",
    Obligation.RECOMMENDED: "recommended only; never changes the verdict",
}


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


def suffix(requirement_id: str) -> str:
    """The part of a requirement id after the definition id (stable across versions)."""
    return requirement_id.split("/", 1)[1] if "/" in requirement_id else requirement_id


class Explanation(_Out):
    """One requirement in plain words."""

    requirement: str
    definition: str
    definition_title: str
    definition_source: str = "shipped"
    """``shipped`` or ``user`` (a definition that does not ship with osaid)."""
    definition_path: str | None = None
    """The file a ``user`` definition was read from."""
    element: str
    obligation: str
    obligation_meaning: str
    title: str
    statement: str
    clause: str
    url: str
    passes_when: list[str]
    fails_when: list[str]
    remediation: str


def find_requirement(requirement_id: str) -> tuple[Definition, Requirement]:
    """Find a requirement by its full id in any available definition."""
    ids = []
    for definition in available_definitions():
        for requirement in definition.requirements:
            if requirement.id == requirement_id:
                return definition, requirement
            ids.append(requirement.id)
    raise UnknownDefinitionError(
        Problem(f"unknown requirement '{requirement_id}'{suggest(requirement_id, ids)}")
    )


def explain(requirement_id: str) -> Explanation:
    """Describe a requirement: what it asks, what passes, what fails, how to fix it."""
    definition, requirement = find_requirement(requirement_id)
    passes, fails = _criteria(definition, requirement)
    return Explanation(
        requirement=requirement.id,
        definition=definition.id,
        definition_title=definition.definition.title,
        definition_source="shipped" if definition.shipped else "user",
        # a display model: a non-UTF-8 directory name is escaped here, so JSON can hold it
        definition_path=None if definition.shipped else encodable(definition.path),
        element=requirement.element,
        obligation=requirement.obligation.value,
        obligation_meaning=_OBLIGATIONS[requirement.obligation],
        title=requirement.title,
        statement=requirement.statement,
        clause=requirement.clause,
        url=requirement.url,
        passes_when=passes,
        fails_when=fails,
        remediation=requirement.remediation,
    )


def _criteria(definition: Definition, requirement: Requirement) -> tuple[list[str], list[str]]:
    passes: list[str] = []
    fails: list[str] = []
    if requirement.evidence is not None:
        _evidence_criteria(definition, requirement, passes, fails)
    if requirement.attribute is not None:
        check = requirement.attribute
        passes.append(f"`{check.name}` is {' or '.join(check.passes)}")
        fails.append(f"fail: `{check.name}` has another value")
    if requirement.aggregate is not None:
        elements = ", ".join(requirement.aggregate.elements)
        passes.append(f"every requirement of {elements} is met")
        fails.append(f"fail: any {elements} requirement is not met")
    if requirement.affects_verdict is False:
        passes.append(
            "never decides the verdict: it restates other requirements, whose failures are "
            "counted once under their own elements"
        )
    for choice, override in requirement.when.items():
        field_name, _, value = choice.partition("=")
        passes.append(f"under policy `{field_name}: {value}` it is {override.obligation.value}")
    passes.extend(_applies(requirement))
    return passes, fails


def _evidence_criteria(
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


def _applies(requirement: Requirement) -> list[str]:
    applies = requirement.applies
    found = []
    if applies.scopes is not None:
        scopes = " or ".join(scope.value for scope in applies.scopes)
        found.append(f"not applicable unless the claimed scope is {scopes}")
    if applies.derived:
        found.append(
            "not applicable unless the release declares a `base_model` (a distillation teacher "
            "counts only under policy `distillation: base`)"
        )
    if applies.teacher:
        found.append("not applicable unless a `base_model` has `relation: distillation-teacher`")
    found.extend(f"not applicable unless policy `{n}` is `{v}`" for n, v in applies.policy.items())
    return found


_SUBJECTS = {
    "release": "",
    "base-model": " of each base model (under `base_model`)",
    "teacher": " of each distillation teacher (under `base_model`)",
}


def _phrase(condition: object) -> str:
    return getattr(condition, "phrase", "the condition")


class Change(_Out):
    """One requirement that differs between two definitions."""

    requirement: str
    kind: str = Field(description="added, removed or changed")
    title: str
    details: list[str] = Field(default_factory=list)


class DefinitionDiff(_Out):
    """What changed from definition ``old`` to definition ``new``."""

    old: str
    new: str
    header: list[str]
    changes: list[Change]


def _signature(definition: Definition, requirement: Requirement) -> dict[str, str]:
    condition = definition.condition_for(requirement)
    evidence = requirement.evidence
    check = ""
    if evidence is not None:
        kinds = ", ".join(k.value for k in evidence.kinds)
        facet = f" covering {evidence.facet.value}" if evidence.facet else ""
        binding = ", binding" if evidence.binding else ""
        check = f"{kinds}{facet} ({evidence.match}, {evidence.subject}{binding})"
    elif requirement.attribute is not None:
        check = f"{requirement.attribute.name} in {requirement.attribute.passes}"
    elif requirement.aggregate is not None:
        check = f"all of {requirement.aggregate.elements}"
    return {
        "element": requirement.element,
        "obligation": requirement.obligation.value,
        "condition": condition.title
        if condition and (evidence is None or evidence.license)
        else "none",
        "check": check,
        "applies": requirement.applies.model_dump_json(),
        "counts": str(requirement.affects_verdict is not False),
        "when": ", ".join(f"{k}: {v.obligation.value}" for k, v in requirement.when.items()),
        "title": requirement.title,
        "wording": requirement.statement,
    }


def diff(old: Definition, new: Definition) -> DefinitionDiff:
    """Requirement-by-requirement changes from ``old`` to ``new``."""
    before = {suffix(r.id): r for r in old.requirements}
    after = {suffix(r.id): r for r in new.requirements}
    changes = [
        Change(requirement=key, kind="removed", title=before[key].title)
        for key in before
        if key not in after
    ]
    for key, requirement in after.items():
        if key not in before:
            details = [f"{requirement.obligation.value}: {requirement.statement}"]
            changes.append(
                Change(requirement=key, kind="added", title=requirement.title, details=details)
            )
            continue
        a, b = _signature(old, before[key]), _signature(new, requirement)
        details = [
            ("wording changed" if field == "wording" else f"{field}: {a[field]} → {b[field]}")
            for field in a
            if a[field] != b[field]
        ]
        if details:
            changes.append(
                Change(requirement=key, kind="changed", title=requirement.title, details=details)
            )
    return DefinitionDiff(old=old.id, new=new.id, header=_header(old, new), changes=changes)


def _describe(definition: Definition, element: Element | None) -> str:
    if element is None:
        return "absent"
    condition = definition.conditions[element.condition].title if element.condition else None
    return f"{element.title} ({condition or 'no condition'})"


def _header(old: Definition, new: Definition) -> list[str]:
    notes = []
    for element in sorted(set(old.elements) | set(new.elements)):
        a = old.elements.get(element)
        b = new.elements.get(element)
        before, after = _describe(old, a), _describe(new, b)
        if before != after:
            notes.append(f"element {element}: {before} → {after}")
    if old.definition.copyleft_allowed != new.definition.copyleft_allowed:
        yes_no = {True: "yes", False: "not stated"}
        notes.append(
            f"copyleft explicitly allowed: {yes_no[old.definition.copyleft_allowed]} → "
            f"{yes_no[new.definition.copyleft_allowed]}"
        )
    return notes


_SAME_REQUIREMENT = "the requirement is unchanged; its result depends on other requirements"


def _reason(change: Change, here: str, there: str) -> str:
    if change.kind == "added":
        return f"not in {there}"
    if change.kind == "removed":
        return f"not in {here}"
    return f"changed since {there}"


def compare(
    report: Report, other: Report, definition: Definition, other_def: Definition
) -> Comparison:
    """Compare two reports of one release under two definitions."""
    here = {suffix(r.requirement): r.status.value for r in report.results}
    there = {suffix(r.requirement): r.status.value for r in other.results}
    changes = {c.requirement: c for c in diff(other_def, definition).changes}
    differences = []
    for key in dict.fromkeys([*here, *there]):
        a, b = here.get(key, "absent"), there.get(key, "absent")
        if a != b:
            change = changes.get(key)
            why = (
                [_reason(change, definition.id, other_def.id), *change.details]
                if change
                else [_SAME_REQUIREMENT]
            )
            differences.append(ResultDifference(requirement=key, here=a, there=b, why=why))
    return Comparison(
        definition=report.definition,
        other_definition=other.definition,
        verdict=report.verdict.value,
        other_verdict=other.verdict.value,
        differences=differences,
    )
