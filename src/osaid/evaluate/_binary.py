"""The binary scorer: every requirement of a pass/fail definition, and one verdict.

The scorer is generic: each requirement's applicability (``applies``) and policy overrides
(``when``) are read here, and its check is evaluated by its kind (:mod:`osaid.evaluate.checks`:
evidence, attribute, aggregate); kinds that read other results run last. It never branches on
a requirement id or a licence id. The verdict is conformant unless a result that decides it
fails or is missing.
"""

from __future__ import annotations

from typing import Any

from osaid._compiled import trusted
from osaid._version import __version__
from osaid.definition import Definition, Requirement
from osaid.evaluate._components import judge_the_rest
from osaid.evaluate._context import Context, bases, ref, result, teachers
from osaid.evaluate._fixes import embedded
from osaid.evaluate.checks import CHECKS
from osaid.licensing import shipped_license_data
from osaid.model import Release
from osaid.policy import Policy
from osaid.readers import Repository, reader
from osaid.report import BaseSummary, ReleaseSummary, Report, Result, Status, Verdict

__all__ = ["POLICY_FIELDS", "score", "summary_of"]

POLICY_FIELDS = frozenset(
    {
        "open_terms",
        "extra_open_terms",
        "derivatives",
        "checklist_evidence",
        "evaluation_code",
        "distillation",
        "conflicts",
    }
)
"""The policy choices a binary definition's check reads."""

_report_of = trusted(Report)
_summary = trusted(ReleaseSummary)
_base = trusted(BaseSummary)
"""Built from values the scorer typed itself (see :mod:`osaid._compiled`)."""


def score(release: Release, definition: Definition, policy: Policy) -> Report:
    """Check ``release`` against every requirement of ``definition``."""
    root = release.source.repository
    declared = (c.license.expression for c in release.components if c.license is not None)
    repository = Repository.at(root, declared) if root else None
    ctx = Context(release, definition, policy, repository=repository)
    for note in release.notes:
        ctx.warn(note.code, note.message, [ref(note.origin)])
    requirements = [_under_policy(r, policy) for r in definition.requirements]
    results: dict[str, Result] = {}
    for last in (False, True):  # kinds that read other results (aggregates) run last
        for requirement in requirements:
            if CHECKS[requirement.check.key].after_others is last:
                earlier = list(results.values()) if last else []
                results[requirement.id] = _evaluate(requirement, ctx, earlier)
    ordered = _as_written(ctx, [results[r.id] for r in requirements])
    judge_the_rest(ctx)
    for base in release.base_models:  # disagreements no requirement judged are still said
        if base.conflicts and id(base) not in ctx.conflicts_judged:
            for conflict in base.conflicts:
                ctx.warn("base-model-conflict", conflict.message, [ref(base.origin, base.name)])
    for notice in ctx.repository.notices if ctx.repository else ():
        ctx.warn("repository-limit", notice)  # a walk of the repository was cut short
    if ctx.repository is not None:
        from osaid.readers._inventory import messages, unaccounted  # noqa: PLC0415 - directories

        for message in messages(unaccounted(ctx.repository, release.components)):
            ctx.warn("repository-inventory", message)
    return _report(ctx, ordered)


def _as_written(ctx: Context, ordered: list[Result]) -> list[Result]:
    """Fixes phrased for the file the publisher edits, when it takes a manifest under a key.

    A missing item's fix then ends with the line of YAML to add there (a model card's own
    ``base_model`` must stay a Hub id, so "under ``base_model``, add ..." would break it).
    """
    manifest_in = ctx.release.source.manifest_in
    found = reader(manifest_in) if manifest_in else None
    if found is None or found.manifest_key is None:
        return ordered
    by_id = {r.id: r for r in ctx.definition.requirements}
    phrased = []
    for item in ordered:
        requirement = by_id.get(item.requirement)
        # only what is missing is added there: a failing declaration is fixed where it is
        if item.status is Status.MISSING and item.remediation and requirement is not None:
            keys = _named(CHECKS[requirement.check.key].manifest(ctx.definition, requirement), ctx)
            fix = embedded(item.remediation, found.manifest_key, found.title, keys)
            phrased.append(item.model_copy(update={"remediation": fix}))
        else:
            phrased.append(item)
    return phrased


def _named(keys: dict[str, Any] | None, ctx: Context) -> dict[str, Any] | None:
    """A ``base_model`` entry for each base by name, as a manifest must name its bases."""
    if not keys or "base_model" not in keys:
        return keys
    entries = [{"name": base.name, **keys["base_model"]} for base in bases(ctx) if base.name]
    if not entries:
        return keys
    return {**keys, "base_model": entries[0] if len(entries) == 1 else entries}


def _evaluate(requirement: Requirement, ctx: Context, earlier: list[Result]) -> Result:
    reason = _not_applicable(requirement, ctx)
    if reason is not None:
        return result(requirement, Status.NOT_APPLICABLE, reason)
    return CHECKS[requirement.check.key].evaluate(requirement, ctx, earlier)


def _under_policy(requirement: Requirement, policy: Policy) -> Requirement:
    """The requirement as the policy reads it: its ``when."field=value"`` overrides applied."""
    for choice, override in requirement.when.items():
        field_name, _, value = choice.partition("=")
        if str(getattr(policy, field_name)) == value:
            return requirement.model_copy(update={"obligation": override.obligation})
    return requirement


def _not_applicable(requirement: Requirement, ctx: Context) -> str | None:
    applies = requirement.applies
    release = ctx.release
    if applies.scopes is not None and release.scope not in applies.scopes:
        claimed = ", ".join(s.value for s in applies.scopes)
        return (
            f"applies when the claim is limited to the {claimed}; "
            f"this release claims the {release.scope.value}"
        )
    if applies.derived and not bases(ctx):
        if teachers(ctx):
            return (
                "the release declares only a distillation teacher, which policy "
                "'distillation: data-source' reads as a source of training data, not a base"
            )
        return "the release does not declare a base model"
    if applies.teacher and not teachers(ctx):
        return "the release declares no distillation teacher"
    for name, wanted in applies.policy.items():
        chosen = str(getattr(ctx.policy, name))
        if chosen != wanted:
            return f"applies under policy '{name}: {wanted}'; this check uses '{name}: {chosen}'"
    return None


def _report(ctx: Context, results: list[Result]) -> Report:
    release = ctx.release
    blocking = [r for r in results if r.blocks]
    counts = {status.value: sum(r.status is status for r in results) for status in Status}
    header = ctx.definition.definition
    return _report_of(
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
        release=summary_of(release),
        verdict=Verdict.NOT_CONFORMANT if blocking else Verdict.CONFORMANT,
        counts=counts,
        results=results,
        warnings=ctx.warnings(),
        policy=ctx.policy.model_dump(mode="json", exclude={"grading"}),
    )


def summary_of(release: Release) -> ReleaseSummary:
    """The release as a report describes it."""
    return _summary(
        name=release.name,
        version=release.version,
        producer=release.producer,
        scope=release.scope.value,
        distribution=release.distribution.value,
        base_model=release.base_model.name if release.base_model else None,
        base_models=[
            _base(name=base.name, relation=base.relation.value) for base in release.base_models
        ],
    )
