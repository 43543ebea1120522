"""The graded scorer: a release against a graded definition (MOF 1.0), as MOT classifies it.

Per component: *missing* when the release does not list it, else *included* (open licence),
*invalid* (a licence that is not open) or *unlicensed*. Per class, from the least demanding
(Class III) to the most (Class I), every component of the class and of the less demanding
classes is put in one of those buckets; optional components are shown, never counted. Then the
substitution rules apply, and progress and class follow MOT (formats.md §1.3.4-1.3.5):

- progress(k) is 0 when a less demanding class is incomplete, else
  ``included_k / required_k * 100`` (at most 100);
- the class is the most demanding k whose progress is 100, else 0 ("Unclassified").

The graded results (:class:`~osaid.report.GradeReport`) travel in the one report envelope
(:class:`~osaid.report.Report`): its results are the definition's components (included,
invalid, unlicensed or missing), its verdict is conformant when any class is reached, and the
results that decide it are the required components the least demanding class lacks; so every
format renders a graded report, and exit codes keep their meaning.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from osaid._errors import OsaidError, Problem
from osaid._validation import suggest
from osaid._version import __version__
from osaid._warnings import level_of
from osaid.definition import (
    DEFAULT_GRADED,
    GradedComponent,
    GradedDefinition,
    load_graded_definition,
)
from osaid.evaluate._context import ref
from osaid.licensing import (
    POLICIES,
    DefaultJudge,
    GradingPolicy,
    Judgement,
    MotCompatJudge,
    deviations,
    judge_for,
)
from osaid.model import Component, ComponentKind, Release
from osaid.readers import read_path
from osaid.report import (
    GRADE_DISCLAIMER,
    GRADE_REPORT_FORMAT,
    AppliedDeviation,
    ClassGrade,
    ComponentGrade,
    Evidence,
    GradeReport,
    GradeWarning,
    Progress,
    Report,
    ReportWarning,
    Result,
    Status,
)

if TYPE_CHECKING:
    from osaid.policy import Policy

__all__ = ["POLICY_FIELDS", "grade", "score"]

POLICY_FIELDS = frozenset({"grading"})
"""The policy choice a graded definition's check reads: how licences are judged open."""

_WORST = {"invalid": 0, "unlicensed": 1, "included": 2}
_PLURAL = {"code": "code", "data": "data", "document": "documents"}


def grade(
    release: Release | str | Path,
    definition: str | GradedDefinition = DEFAULT_GRADED,
    policy: str = "default",
) -> GradeReport:
    """Grade a release against a graded definition under a policy (``default``/``mot-compat``).

    ``release`` is a :class:`Release` or the path of any input osaid reads. Raises only
    :class:`~osaid.OsaidError` subclasses (unknown policy or definition, unreadable input).
    """
    chosen = _policy(policy)
    if not isinstance(release, Release):
        release = read_path(release)
    graded = (
        definition
        if isinstance(definition, GradedDefinition)
        else load_graded_definition(definition)
    )
    return _graded(release, graded, chosen)


def score(release: Release, definition: GradedDefinition, policy: Policy) -> Report:
    """The report of ``release`` graded against ``definition`` under ``policy.grading``."""
    graded = _graded(release, definition, policy.grading)
    listed = ref(release.origin_of("components"))
    results = [_result(definition, graded, c, listed) for c in graded.components]
    counts = {status.value: sum(r.status is status for r in results) for status in Status}
    from osaid.evaluate._binary import summary_of  # noqa: PLC0415 - the one release summary
    from osaid.licensing import shipped_license_data  # noqa: PLC0415

    report = Report(
        report_format=GRADE_REPORT_FORMAT,
        tool_version=__version__,
        definition=definition.id,
        definition_title=definition.definition.title,
        definition_version=definition.definition.version,
        definition_url=definition.definition.url,
        definition_source="shipped" if definition.shipped else "user",
        definition_path=None if definition.shipped else definition.path,
        spdx_license_list_version=shipped_license_data().list_version,
        input=graded.input,
        input_format=graded.input_format,
        release=summary_of(release),
        verdict=graded.verdict,
        counts=counts,
        results=results,
        warnings=[
            ReportWarning(
                code=w.code, message=w.message, evidence=w.evidence, level=level_of(w.code)
            )
            for w in graded.warnings
        ],
        policy={"grading": policy.grading},
        disclaimer=GRADE_DISCLAIMER,
    )
    return report.with_grade(graded)


_STATUS = {
    "included": Status.PASS,
    "invalid": Status.FAIL,
    "unlicensed": Status.FAIL,
    "missing": Status.MISSING,
}


def _result(
    definition: GradedDefinition,
    graded: GradeReport,
    component: ComponentGrade,
    listed: Evidence | None,
) -> Result:
    """One component of the definition as a result.

    It decides the verdict when the least demanding class lacks it: the verdict is whether any
    class is reached, and a class is reached only when every less demanding one is.
    """
    least = graded.classes[0]
    lacking = {*least.missing, *least.invalid, *least.unlicensed}
    introduced = definition.graded_class(component.introduced_in)
    status = _STATUS[component.status]
    reason = component.reasons[0] if component.reasons else component.status
    shown = component.normalized or component.license or "no licence"
    summary = {
        "included": f"included under {shown}",
        "invalid": f"not open: {reason}",
        "unlicensed": f"unlicensed: {reason}",
        "missing": f"missing: {reason}",
    }[component.status]
    spec = definition.component(ComponentKind(component.kind))
    description = spec[1].description if spec else component.name
    evidence = component.evidence or listed
    return Result(
        requirement=f"{definition.id}/{component.kind}",
        element=f"class-{component.introduced_in}",
        obligation="required" if component.required else "optional",
        title=component.name,
        status=status,
        affects_verdict=component.required and component.kind in lacking,
        summary=f"{component.name}: {summary}",
        details=[description, *component.reasons],
        clause=f"{definition.definition.title}, {introduced.label}",
        clause_url=definition.definition.url,
        evidence=[evidence] if evidence else [],
        remediation=None if status is Status.PASS else _fix(component, shown),
    )


def _fix(component: ComponentGrade, shown: str) -> str:
    """What to change for the component to count: its cause, then what would pass."""
    kind = _PLURAL.get(component.content_type, component.content_type)
    if component.status == "missing":
        return (
            f"Publish the {component.name} and list it (kind `{component.kind}`) under an open "
            f"licence (one made for {kind} is recommended)."
        )
    if component.status == "unlicensed":
        return f"State the open licence the {component.name} is published under."
    return (
        f"Relicense the {component.name}: '{shown}' is not open (an OSI-approved or FSF-libre "
        f"licence, or an open data licence, would count)."
    )


def _graded(release: Release, graded: GradedDefinition, chosen: GradingPolicy) -> GradeReport:
    judge = judge_for(chosen)
    reference = judge_for("mot-compat") if isinstance(judge, DefaultJudge) else None
    work = _Work(graded, judge, reference)
    work.collect(release)
    components = [work.component(rank, spec) for rank, spec in graded.components()]
    status = {ComponentKind(c.kind): c for c in components}
    classes = _classes(graded, status)
    progress = _progress(graded, classes)
    reached = [rank for rank in sorted(progress) if progress[rank] == 100]
    rank = reached[0] if reached else 0
    label = graded.graded_class(rank).label if rank else graded.definition.unclassified_label
    return GradeReport(
        definition=graded.id,
        definition_title=graded.definition.title,
        definition_version=graded.definition.version,
        definition_source="shipped" if graded.shipped else "user",
        definition_path=None if graded.shipped else graded.path,
        policy=chosen,
        licence_data=_licence_data(judge),
        input=release.source.file,
        input_format=release.source.format,
        release=release.name,
        class_=rank,
        label=label,
        progress={str(k): progress[k] for k in sorted(progress)},
        total_progress=sum(progress.values()) / len(progress),
        classes=[
            classes[k].model_copy(update={"progress": progress[k], "reached": k >= rank > 0})
            for k in graded.ranks
        ],
        components=components,
        warnings=work.warnings,
        deviations=work.applied(),
    )


def _policy(policy: str) -> GradingPolicy:
    for known in POLICIES:
        if policy == known:
            return known
    raise OsaidError(
        Problem(
            f"unknown grading policy '{policy}'{suggest(policy, POLICIES)} "
            f"(choose one of: {', '.join(POLICIES)})"
        )
    )


def _licence_data(judge: MotCompatJudge | DefaultJudge) -> str:
    if isinstance(judge, MotCompatJudge):
        return (
            f"MOT licence data at {judge.commit[:7]} (SPDX snapshot of "
            f"{judge.snapshot_version}, MOT's open-data list), exact matching"
        )
    return (
        f"SPDX License List {judge.spdx.list_version} and osaid's aliases, MOT's open-data list "
        "with osaid's corrections, SPDX expressions"
    )


@dataclass
class _Work:
    graded: GradedDefinition
    judge: MotCompatJudge | DefaultJudge
    reference: MotCompatJudge | DefaultJudge | None
    listed: dict[ComponentKind, list[Component]] = field(default_factory=dict)
    warnings: list[GradeWarning] = field(default_factory=list)
    changed: dict[str, list[str]] = field(default_factory=dict)

    def collect(self, release: Release) -> None:
        """Group the release's components by kind; warn about the ones the definition ignores."""
        ignored: list[Component] = []
        for base in release.base_models:
            self.warnings.extend(
                GradeWarning(code="base-model-conflict", message=c.message) for c in base.conflicts
            )
        for component in release.components:
            for conflict in component.conflicts:  # grading judges one licence: say the other
                self.warnings.append(
                    GradeWarning(
                        code="license-conflict",
                        message=conflict.message,
                        component=component.kind.value,
                        evidence=[_evidence(component)],
                    )
                )
            if self.graded.component(component.kind) is None:
                ignored.append(component)
            elif component.used:
                self.listed.setdefault(component.kind, []).append(component)
            else:
                self.warnings.append(
                    GradeWarning(
                        code="component-not-used",
                        message=(
                            f"'{component.name}' is declared as not used, so it counts as missing"
                        ),
                        component=component.kind.value,
                        evidence=[_evidence(component)],
                    )
                )
        if ignored:
            names = ", ".join(dict.fromkeys(c.name for c in ignored))
            self.warnings.append(
                GradeWarning(
                    code="not-graded",
                    message=f"{self.graded.definition.title} has no component for: {names}",
                    evidence=[_evidence(c) for c in ignored],
                )
            )

    def component(self, rank: int, spec: GradedComponent) -> ComponentGrade:
        """Judge the component of the definition ``spec`` (introduced by class ``rank``)."""
        base = {
            "kind": spec.kind.value,
            "name": spec.name,
            "content_type": spec.content_type,
            "introduced_in": rank,
            "required": spec.required,
        }
        listed = self.listed.get(spec.kind, [])
        if not listed:
            return ComponentGrade(
                **base, status="missing", reasons=[f"the release does not list a {spec.name}"]
            )
        judged = [(c, self.judge.judge(c.license, spec.content_type)) for c in listed]
        if isinstance(self.judge, MotCompatJudge):
            component, judgement = judged[-1]
            if len(judged) > 1:
                self._warn_duplicates(spec, listed)
        else:
            component, judgement = min(
                judged,
                key=lambda pair: (_WORST[pair[1].state], pair[1].type_appropriate is not False),
            )
        self._warn(spec, component, judgement)
        declaration = component.license
        return ComponentGrade(
            **base,
            status=judgement.state,
            license=declaration.written if declaration else None,
            normalized=judgement.normalized,
            inherited_from=declaration.inherited_from if declaration else None,
            type_appropriate=judgement.type_appropriate,
            reasons=list(judgement.reasons),
            evidence=_evidence(component),
        )

    def _warn_duplicates(self, spec: GradedComponent, listed: list[Component]) -> None:
        self.warnings.append(
            GradeWarning(
                code="duplicate-component",
                message=(
                    f"{spec.name} is listed {len(listed)} times; MOT keeps one entry per "
                    "component, and mot-compat grades the last one"
                ),
                component=spec.kind.value,
                evidence=[_evidence(c) for c in listed],
            )
        )

    def _warn(self, spec: GradedComponent, component: Component, judgement: Judgement) -> None:
        evidence = [_evidence(component)]
        licence = judgement.normalized or (component.license.written if component.license else "")
        if judgement.state == "included" and judgement.type_appropriate is False:
            self.warnings.append(
                GradeWarning(
                    code="not-type-appropriate",
                    message=(
                        f"{spec.name}: {licence} is open but not a type-appropriate "
                        f"{spec.content_type} licence (a conditional pass: the MOF requires an "
                        f"open licence and recommends one made for {_PLURAL[spec.content_type]})"
                    ),
                    component=spec.kind.value,
                    evidence=evidence,
                )
            )
        for note in judgement.notes:
            self.warnings.append(
                GradeWarning(
                    code="licence-reading",
                    message=f"{spec.name}: {note}",
                    component=spec.kind.value,
                    evidence=evidence,
                )
            )
        if self.reference is None:
            return
        mot = self.reference.judge(component.license, spec.content_type)
        if mot.outcome == judgement.outcome:
            return
        found = list(judgement.deviations)
        titles = [d.title for d in deviations() if d.id in found]
        because = "; ".join(titles) if titles else "osaid's licence data differs from MOT's"
        self.warnings.append(
            GradeWarning(
                code="deviation-from-mot",
                message=(
                    f"{spec.name}: {_describe(judgement)} under the default policy, "
                    f"{_describe(mot)} under MOT ({because})"
                ),
                component=spec.kind.value,
                deviations=found,
                evidence=evidence,
            )
        )
        for deviation in found:
            self.changed.setdefault(deviation, []).append(spec.kind.value)

    def applied(self) -> list[AppliedDeviation]:
        """The deviations that changed some component's outcome, in DEVIATIONS order."""
        return [
            AppliedDeviation(id=d.id, title=d.title, components=self.changed[d.id])
            for d in deviations()
            if d.id in self.changed
        ]


def _describe(judgement: Judgement) -> str:
    if judgement.state != "included":
        return judgement.state
    if judgement.type_appropriate:
        return "included"
    return "included (not type-appropriate)"


def _evidence(component: Component) -> Evidence:
    declaration = component.license
    origin = declaration.origin if declaration and declaration.origin else component.origin
    return Evidence(
        file=origin.file,
        key=origin.key,
        line=origin.line,
        value=declaration.written if declaration else None,
    )


def _classes(
    graded: GradedDefinition, status: dict[ComponentKind, ComponentGrade]
) -> dict[int, ClassGrade]:
    """Bucket each class's components, then apply the substitution rules."""
    found: dict[int, ClassGrade] = {}
    for rank in graded.ranks:
        scope = graded.scope(rank)
        buckets: dict[str, list[str]] = {
            "included": [],
            "optional": [],
            "missing": [],
            "invalid": [],
            "unlicensed": [],
        }
        required = 0
        for _, spec in scope:
            state = status[spec.kind].status
            if spec.required:
                required += 1
                buckets[state].append(spec.kind.value)
            elif state == "included":
                buckets["optional"].append(spec.kind.value)
            elif state != "missing":
                buckets[state].append(spec.kind.value)
        notes: list[str] = []
        in_scope = {spec.kind: spec for _, spec in scope}
        for rule in graded.substitutions:
            replaced, substitute = status[rule.missing], status[rule.by]
            if replaced.status == "included" or substitute.status == "missing":
                continue
            if rule.missing.value in buckets["missing"]:
                buckets["missing"].remove(rule.missing.value)
            if rule.by not in in_scope:
                buckets[substitute.status].append(rule.by.value)
                notes.append(f"{rule.by.value} counted in place of {rule.missing.value}")
            elif (
                rule.missing in in_scope
                and in_scope[rule.missing].required
                and in_scope[rule.by].required
                and substitute.status == "included"
            ):
                required -= 1
                notes.append(f"{rule.missing.value} not needed: {rule.by.value} is included")
        found[rank] = ClassGrade(
            class_=rank,
            label=graded.graded_class(rank).label,
            reached=False,
            progress=0,
            required=required,
            substitutions=notes,
            **buckets,
        )
    return found


def _progress(graded: GradedDefinition, classes: dict[int, ClassGrade]) -> dict[int, Progress]:
    """MOT's progress: 0 behind an incomplete less demanding class, else the included share."""
    result: dict[int, Progress] = {}
    for rank in graded.ranks:
        blocked = any(
            len(classes[other].included) < classes[other].required
            for other in graded.ranks
            if other > rank
        )
        result[rank] = 0 if blocked else _percent(classes[rank])
    return result


def _percent(graded: ClassGrade) -> Progress:
    if graded.required <= 0:
        return 100
    value = len(graded.included) / graded.required * 100
    if value >= 100:
        return 100
    return int(value) if value.is_integer() else value
