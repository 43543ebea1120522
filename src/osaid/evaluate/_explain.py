"""Explain requirements and compare definition versions, for both kinds of definition.

Users need to know which version a verdict is against and what a new version changes for them:
``explain`` says what one requirement (or a graded definition's component) asks and how to pass
it, ``diff`` lists what changed between two definitions requirement by requirement (matched by
the id after the version prefix), and ``compare`` shows where one release's results differ
between two definitions, and why. What a check passes and fails on, and what ``diff`` compares,
is worded by its kind (:mod:`osaid.evaluate.checks`).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from osaid._errors import Problem, UnknownDefinitionError, UsageError
from osaid._escape import encodable
from osaid._validation import suggest
from osaid.definition import (
    AnyDefinition,
    Definition,
    Element,
    GradedComponent,
    GradedDefinition,
    Obligation,
    Requirement,
    all_definitions,
)
from osaid.evaluate.checks import CHECKS
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
    model_config = ConfigDict(frozen=True, defer_build=True)


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


Rule = Requirement | GradedComponent
"""What a definition asks: a requirement of a binary one, a component of a graded one."""


def _rules(definition: AnyDefinition) -> list[tuple[str, Rule]]:
    """Each requirement of a binary definition, each component of a graded one, by full id."""
    if isinstance(definition, GradedDefinition):
        return [(f"{definition.id}/{c.kind.value}", c) for _, c in definition.components()]
    return [(r.id, r) for r in definition.requirements]


def find_requirement(requirement_id: str) -> tuple[AnyDefinition, Rule]:
    """Find a requirement (or a graded definition's component) by its full id."""
    ids = []
    for definition in all_definitions():
        for rule_id, rule in _rules(definition):
            if rule_id == requirement_id:
                return definition, rule
            ids.append(rule_id)
    raise UnknownDefinitionError(
        Problem(f"unknown requirement '{requirement_id}'{suggest(requirement_id, ids)}")
    )


def explain(requirement_id: str) -> Explanation:
    """Describe a requirement: what it asks, what passes, what fails, how to fix it."""
    definition, rule = find_requirement(requirement_id)
    if isinstance(rule, GradedComponent):
        assert isinstance(definition, GradedDefinition)  # noqa: S101 - rules follow their kind
        return _component(definition, rule)
    assert isinstance(definition, Definition)  # noqa: S101
    passes, fails = _criteria(definition, rule)
    return Explanation(
        requirement=rule.id,
        definition=definition.id,
        definition_title=definition.definition.title,
        definition_source="shipped" if definition.shipped else "user",
        # a display model: a non-UTF-8 directory name is escaped here, so JSON can hold it
        definition_path=None if definition.shipped else encodable(definition.path),
        element=rule.element,
        obligation=rule.obligation.value,
        obligation_meaning=_OBLIGATIONS[rule.obligation],
        title=rule.title,
        statement=rule.statement,
        clause=rule.clause,
        url=rule.url,
        passes_when=passes,
        fails_when=fails,
        remediation=rule.remediation,
    )


def _criteria(definition: Definition, requirement: Requirement) -> tuple[list[str], list[str]]:
    passes, fails = CHECKS[requirement.check.key].criteria(definition, requirement)
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


_OPEN = (
    "published under an open licence: OSI-approved or FSF-libre, or an open data licence "
    "(policy `default` reads SPDX expressions; `mot-compat` matches licence ids exactly as "
    "the Model Openness Tool does)"
)


def _component(definition: GradedDefinition, component: GradedComponent) -> Explanation:
    """A graded definition's component in plain words: which classes need it, what counts."""
    found = definition.component(component.kind)
    rank = found[0] if found else 0
    introduced = definition.graded_class(rank)
    needed = [c.label for c in definition.classes if c.rank <= rank]
    meaning = (
        f"required for {' and '.join(needed)}"
        if component.required
        else "optional: shown, never counted for a class"
    )
    passes = [f"a `{component.kind.value}` component is listed, {_OPEN}"]
    passes += [
        f"when it is not included, `{s.by.value}` stands in for it ({s.note})"
        for s in definition.substitutions
        if s.missing is component.kind
    ]
    plural = {"document": "documents"}.get(component.content_type, component.content_type)
    return Explanation(
        requirement=f"{definition.id}/{component.kind.value}",
        definition=definition.id,
        definition_title=definition.definition.title,
        definition_source="shipped" if definition.shipped else "user",
        definition_path=None if definition.shipped else encodable(definition.path),
        element=f"class-{rank}",
        obligation="required" if component.required else "optional",
        obligation_meaning=meaning,
        title=component.name,
        statement=component.description,
        clause=f"{definition.definition.title}, {introduced.label}",
        url=definition.definition.url,
        passes_when=passes,
        fails_when=[
            f"missing: no `{component.kind.value}` component is listed",
            "invalid: its licence is not open",
            "unlicensed: it is listed without a licence, and no global licence of its content "
            "type is declared for it to inherit",
            f"a licence made for {plural} is recommended: another open licence counts, with a "
            "warning",
        ],
        remediation=(
            f"Publish the {component.name} under an open licence and list it as kind "
            f"`{component.kind.value}`."
        ),
    )


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


def _signature(definition: AnyDefinition, rule: Rule) -> dict[str, str]:
    """What diff compares of a requirement (or a graded component); wording is compared last."""
    if isinstance(rule, GradedComponent):
        found = (
            definition.component(rule.kind) if isinstance(definition, GradedDefinition) else None
        )
        return {
            "class": str(found[0] if found else 0),
            "obligation": "required" if rule.required else "optional",
            "content type": rule.content_type,
            "title": rule.name,
            "wording": rule.description,
        }
    assert isinstance(definition, Definition)  # noqa: S101 - rules follow their kind
    condition = definition.condition_for(rule)
    kind = CHECKS[rule.check.key]
    return {
        "element": rule.element,
        "obligation": rule.obligation.value,
        "condition": condition.title if condition and kind.judges_licences(rule) else "none",
        "check": kind.signature(definition, rule),
        "applies": rule.applies.model_dump_json(),
        "counts": str(rule.affects_verdict is not False),
        "when": ", ".join(f"{k}: {v.obligation.value}" for k, v in rule.when.items()),
        "title": rule.title,
        "wording": rule.statement,
    }


def _title(rule: Rule) -> str:
    return rule.name if isinstance(rule, GradedComponent) else rule.title


def _added(rule: Rule) -> list[str]:
    if isinstance(rule, GradedComponent):
        return [f"{'required' if rule.required else 'optional'}: {rule.description}"]
    return [f"{rule.obligation.value}: {rule.statement}"]


def diff(old: AnyDefinition, new: AnyDefinition) -> DefinitionDiff:
    """Requirement-by-requirement (or component-by-component) changes from ``old`` to ``new``."""
    if old.kind != new.kind:
        raise UsageError(
            Problem(
                f"{old.id} is a {old.kind} definition and {new.id} a {new.kind} one; only "
                "definitions of one kind can be compared"
            )
        )
    before = {suffix(i): r for i, r in _rules(old)}
    after = {suffix(i): r for i, r in _rules(new)}
    changes = [
        Change(requirement=key, kind="removed", title=_title(before[key]))
        for key in before
        if key not in after
    ]
    for key, rule in after.items():
        if key not in before:
            changes.append(
                Change(requirement=key, kind="added", title=_title(rule), details=_added(rule))
            )
            continue
        a, b = _signature(old, before[key]), _signature(new, rule)
        details = [
            ("wording changed" if field == "wording" else f"{field}: {a[field]} → {b[field]}")
            for field in a
            if a[field] != b[field]
        ]
        if details:
            changes.append(
                Change(requirement=key, kind="changed", title=_title(rule), details=details)
            )
    return DefinitionDiff(old=old.id, new=new.id, header=_header(old, new), changes=changes)


def _describe(definition: Definition, element: Element | None) -> str:
    if element is None:
        return "absent"
    condition = definition.conditions[element.condition].title if element.condition else None
    return f"{element.title} ({condition or 'no condition'})"


def _header(old: AnyDefinition, new: AnyDefinition) -> list[str]:
    if isinstance(old, GradedDefinition) or isinstance(new, GradedDefinition):
        return _graded_header(old, new)
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


def _graded_header(old: AnyDefinition, new: AnyDefinition) -> list[str]:
    """Classes whose label changed, appeared or went (graded definitions)."""
    labels = [
        {c.rank: c.label for c in d.classes} if isinstance(d, GradedDefinition) else {}
        for d in (old, new)
    ]
    return [
        f"class {rank}: {labels[0].get(rank, 'absent')} → {labels[1].get(rank, 'absent')}"
        for rank in sorted(set(labels[0]) | set(labels[1]))
        if labels[0].get(rank) != labels[1].get(rank)
    ]


_SAME_REQUIREMENT = "the requirement is unchanged; its result depends on other requirements"


def _reason(change: Change, here: str, there: str) -> str:
    if change.kind == "added":
        return f"not in {there}"
    if change.kind == "removed":
        return f"not in {here}"
    return f"changed since {there}"


def compare(
    report: Report, other: Report, definition: AnyDefinition, other_def: AnyDefinition
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
