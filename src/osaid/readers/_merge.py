"""Merge what several sources say about one release, by precedence.

Used for a directory of descriptions and for a model card carrying an ``osaid:`` manifest.
Precedence, highest first: the osaid manifest, SBOMs (SPDX, CycloneDX), MOF files, the model
card. A higher source wins a disagreement: its value is what the report shows. A licence
disagreement is kept on the component (:class:`~osaid.model.Conflict`, both places quoted) and
fails the check unless the policy says ``conflicts = "warn"``; a base-model disagreement is a
warning naming both places. Components inferred by a reader (``inferred_from``)
give way to any declared component of the same kind.

The release's identity (name and version) comes whole from the highest source that names it:
an osaid manifest, else an SBOM (its model component), else a MOF file, else the card; never
a name from one source and a version from another.

A fact is never dropped: each field of the merged release comes from the highest source that
states it, and a source states a field exactly when its ``origins`` name it. Every reader gives
an origin to every field it sets, so a value a higher source did not mention (a card's
``base_model`` beside an ``osaid.yaml`` without one) survives; a value without an origin could
be lost without trace, so merging refuses it (:class:`UnattributedValueError`, a bug in a
reader, never a property of the input).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from osaid._errors import OsaidError, Problem
from osaid._keys import location
from osaid.model import Component, Conflict, EvidenceBasis, Note, Origin, Release, Source

if TYPE_CHECKING:
    from osaid.readers._base import Reader

FIELDS = (
    "name",
    "version",
    "producer",
    "scope",
    "distribution",
    "base_models",
    "additional_terms",
)
"""The release's own fields merged by precedence (components are merged one by one)."""

MAX_LISTED = 20
"""At most this many names are listed in one note; the rest are counted."""


class UnattributedValueError(OsaidError, RuntimeError):
    """A reader set a field without recording where it came from: merging could lose it.

    This is a bug in osaid, not in the input; the message says which reader and field.
    """


def listing(names: Sequence[str]) -> str:
    """``a, b, c`` or, past :data:`MAX_LISTED` names, ``a, b, ... and 99,980 more``."""
    shown = ", ".join(names[:MAX_LISTED])
    more = len(names) - MAX_LISTED
    return f"{shown} and {more:,} more" if more > 0 else shown


def unattributed(release: Release) -> list[str]:
    """The fields ``release`` sets (away from their defaults) without an origin."""
    return [
        name
        for name in FIELDS
        if name not in release.origins
        and getattr(release, name) != Release.model_fields[name].get_default()
    ]


def merge(
    releases: Iterable[Release],
    source: Source,
    *,
    skipped: Sequence[str] = (),
    notes: Iterable[Note] = (),
    describe: bool = True,
) -> Release:
    """Merge ``releases`` into one release read from ``source``, highest precedence first.

    ``skipped`` names files that were read but are no release description, ``notes`` are
    added after the description of the sources (when ``describe``).
    """
    ordered = sorted(releases, key=_rank, reverse=True)
    for release in ordered:
        missing = unattributed(release)
        if missing:
            message = (
                f"internal error: the {release.source.format} reader set {', '.join(missing)} "
                "without recording where it came from, so merging could lose it; please report "
                "this as a bug in osaid"
            )
            raise UnattributedValueError(Problem(message, file=release.source.file))
    components = _components(ordered)
    basis = (
        EvidenceBasis.DECLARED
        if any(r.source.basis is EvidenceBasis.DECLARED for r in ordered)
        else EvidenceBasis.CHECKLIST
    )
    described = (_sources_note(ordered, skipped), *notes) if describe else ()
    complete = any(_format(r).complete for r in ordered)
    kept = [n for r in ordered for n in r.notes if not (complete and n.format_limit)]
    values, origins = _fields(ordered)
    base_notes = _with_base_conflicts(ordered, values)
    return Release(
        **values,
        components=tuple(components),
        source=source.model_copy(
            update={"basis": basis, "manifest_in": ordered[0].source.manifest_in}
        ),
        origins={**origins, "components": ordered[0].origin_of("components")},
        notes=(*described, *base_notes, *kept),
    )


class _Unknown:
    """The facts of a format no reader declares (a release built by a program)."""

    precedence = 0
    complete = False


def _format(release: Release) -> Reader | _Unknown:
    from osaid.readers import reader  # noqa: PLC0415 - readers import this module

    return reader(release.source.format) or _Unknown()


def _rank(release: Release) -> int:
    """The precedence its format declares; unknown formats rank lowest."""
    return _format(release).precedence


def _fields(ordered: list[Release]) -> tuple[dict[str, object], dict[str, Origin]]:
    """Each field from the highest source that states it; the default when none does.

    Origins other than the merged fields (and ``components``) are kept too, highest first.
    """
    values: dict[str, object] = {}
    origins: dict[str, Origin] = {}
    for release in reversed(ordered):
        origins.update(release.origins)
    for name in FIELDS:
        stating = next((r for r in ordered if name in r.origins), None)
        if stating is not None:
            values[name] = getattr(stating, name)
            origins[name] = stating.origins[name]
    if _identity_from_model(ordered, values, origins):
        return values, origins
    named = next((r for r in ordered if "name" in r.origins), None)
    version = origins.get("version")
    if named is not None and version is not None and version.file != named.origins["name"].file:
        # identity is one file's: never a name from one file and a version from another
        values["version"] = named.version
        origins.pop("version")
        if "version" in named.origins:
            origins["version"] = named.origins["version"]
    return values, origins


def _with_base_conflicts(ordered: list[Release], values: dict[str, object]) -> list[Note]:
    """Keep on the base used what lower sources naming other base models say.

    The conflicts go on the first base model of ``values`` (the check fails the base-model
    requirements with both places, or warns under ``conflicts = "warn"``); when the winner
    names no base model there is nothing to hold them, and they stay notes.
    """
    conflicts = _base_conflicts(ordered)
    used = values.get("base_models")
    if not conflicts or not isinstance(used, tuple) or not used:
        return [
            Note(code="base-model-conflict", message=c.message, origin=c.origin) for c in conflicts
        ]
    first = used[0]
    values["base_models"] = (first.model_copy(update={"conflicts": tuple(conflicts)}), *used[1:])
    return []


def _identity_from_model(
    ordered: list[Release], values: dict[str, object], origins: dict[str, Origin]
) -> bool:
    """Name the release after the model an SBOM describes, not the wrapper around it.

    When the highest source that names the release says its subject is something other than
    the model (``Release.model``: an application, a generator's job), the model's own name and
    version are the release's, both from that component. True when it applied.
    """
    named = next((r for r in ordered if "name" in r.origins), None)
    if named is None or named.model is None or len(ordered) < 2:
        return False
    model = named.model
    values["name"], values["version"] = model.name, model.version
    origins["name"] = model.origin
    origins.pop("version", None)
    if model.version_origin is not None:
        origins["version"] = model.version_origin
    return True


def _base_conflicts(ordered: list[Release]) -> list[Conflict]:
    """What each lower source that names another base model than the one used says."""
    stating = [r for r in ordered if "base_models" in r.origins]
    if len(stating) < 2:
        return []
    winner = stating[0]
    found = []
    for loser in stating[1:]:
        if _base_name(loser) == _base_name(winner):
            continue
        high = _place(winner.origins["base_models"])
        low = _place(loser.origins["base_models"])
        found.append(
            Conflict(
                fact="base_models",
                message=(
                    f"{high} says {_base_text(winner)} but {low} says {_base_text(loser)}; osaid "
                    "used the first (higher precedence)"
                ),
                fix=f"make the sources agree on the base model: correct {low} or {high}",
                origin=loser.origins["base_models"],
            )
        )
    return found


def _base_name(release: Release) -> list[str]:
    return sorted(base.name.casefold() for base in release.base_models)


def _base_text(release: Release) -> str:
    names = " + ".join(f"'{base.name}'" for base in release.base_models)
    return f"the base model is {names}" if names else "there is no base model"


def _place(origin: Origin) -> str:
    return location(Path(origin.file).name, origin.line)


def _components(ordered: list[Release]) -> list[Component]:
    """The components of every source, one per (kind, name); disagreements kept on the winner.

    A lower source's licence that differs from the kept component's is recorded on that
    component as a :class:`~osaid.model.Conflict`, which the check judges (a failure, or a
    warning under the policy ``conflicts = "warn"``).
    """
    kept: dict[tuple[str, str], Component] = {}
    declared: set[str] = set()
    for release in ordered:
        here: set[str] = set()
        for component in release.components:
            key = (component.kind.value, component.name.casefold())
            if component.inferred_from is not None and component.kind.value in declared:
                _record(kept, [k for k, c in kept.items() if c.kind == component.kind], component)
            elif key in kept:
                _record(kept, [key], component)
            else:
                kept[key] = component
                here.add(component.kind.value)
        declared |= here
    return list(kept.values())


def _record(
    kept: dict[tuple[str, str], Component], keys: list[tuple[str, str]], loser: Component
) -> None:
    """Keep on each winner of ``keys`` the licence ``loser`` states when it differs."""
    for key in keys:
        conflict = _conflict(kept[key], loser)
        if conflict is not None:
            winner = kept[key]
            kept[key] = winner.model_copy(update={"conflicts": (*winner.conflicts, conflict)})


def _conflict(winner: Component, loser: Component) -> Conflict | None:
    if winner.license is None or loser.license is None:
        return None
    if winner.license.expression.casefold() == loser.license.expression.casefold():
        return None
    high, low = _where(winner), _where(loser)
    said, other = winner.license.written, loser.license.written
    return Conflict(
        fact="license",
        message=(
            f"the sources disagree on its licence: {high} says '{said}' but {low} says "
            f"'{other}' (osaid reports the first, which has higher precedence)"
        ),
        fix=(
            f"make the sources agree on the licence of {winner.name}: change {low} to "
            f"'{said}', or change {high} to '{other}' if that is the licence it really has"
        ),
        origin=loser.license.origin or loser.origin,
    )


def _where(component: Component) -> str:
    declared = component.license
    return _place(declared.origin if declared and declared.origin else component.origin)


def _sources_note(ordered: list[Release], skipped: Sequence[str]) -> Note:
    used = ", ".join(f"{Path(r.source.file).name} ({r.source.format})" for r in ordered)
    message = f"Merged from {used}, in that order of precedence."
    if skipped:
        message += f" Not release descriptions, so not used: {listing(skipped)}."
    return Note(code="directory-sources", message=message)
