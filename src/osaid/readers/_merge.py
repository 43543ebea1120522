"""Merge what several sources say about one release, by precedence.

Used for a directory of descriptions and for a model card carrying an ``osaid:`` manifest.
Precedence, highest first: the osaid manifest, SBOMs (SPDX, CycloneDX), MOF files, the model
card. A higher source wins a disagreement; a licence disagreement is also reported as a
warning naming both places. Components inferred by a reader (``inferred_from``) give way to
any declared component of the same kind.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from osaid.model import Component, EvidenceBasis, Note, Release, Source

RANK = {"osaid-manifest": 4, "spdx-2": 3, "spdx-3": 3, "cyclonedx": 3, "mof": 2, "hf-model-card": 1}
"""Precedence of sources when they disagree; unknown formats rank lowest."""

_FIELDS = ("name", "version", "producer", "scope", "distribution", "base_model")


def merge(
    releases: Iterable[Release],
    source: Source,
    *,
    skipped: Iterable[str] = (),
    describe: bool = True,
) -> Release:
    """Merge ``releases`` into one release read from ``source``, highest precedence first."""
    ordered = sorted(releases, key=_rank, reverse=True)
    origins = {}
    for release in reversed(ordered):
        origins.update(release.origins)
    components, conflicts = _components(ordered)
    basis = (
        EvidenceBasis.DECLARED
        if any(r.source.basis is EvidenceBasis.DECLARED for r in ordered)
        else EvidenceBasis.CHECKLIST
    )
    described = (_sources_note(ordered, list(skipped)),) if describe else ()
    has_manifest = any(r.source.format == "osaid-manifest" for r in ordered)
    notes = [n for r in ordered for n in r.notes if not (has_manifest and n.format_limit)]
    return Release(
        **{field: _field(ordered, field) for field in _FIELDS},
        components=tuple(components),
        source=source.model_copy(update={"basis": basis}),
        origins={**origins, "components": ordered[0].origin_of("components")},
        notes=(*described, *conflicts, *notes),
    )


def _rank(release: Release) -> int:
    return RANK.get(release.source.format, 0)


def _field(ordered: list[Release], field: str) -> object:
    for release in ordered:
        if field in release.origins:
            return getattr(release, field)
    return getattr(ordered[0], field)


def _components(ordered: list[Release]) -> tuple[list[Component], list[Note]]:
    kept: dict[tuple[str, str], Component] = {}
    conflicts: list[Note] = []
    declared: set[str] = set()
    for release in ordered:
        here: set[str] = set()
        for component in release.components:
            key = (component.kind.value, component.name.casefold())
            if component.inferred_from is not None and component.kind.value in declared:
                conflicts.extend(_conflicts(kept.values(), component))
            elif key in kept:
                conflicts.extend(_conflicts([kept[key]], component))
            else:
                kept[key] = component
                here.add(component.kind.value)
        declared |= here
    return list(kept.values()), conflicts


def _conflicts(winners: Iterable[Component], loser: Component) -> list[Note]:
    notes = []
    for winner in winners:
        if winner.kind != loser.kind or winner.license is None or loser.license is None:
            continue
        if winner.license.expression.casefold() == loser.license.expression.casefold():
            continue
        notes.append(
            Note(
                code="license-conflict",
                message=(
                    f"{winner.kind.value}: {_where(winner)} says '{winner.license.written}' but "
                    f"{_where(loser)} says '{loser.license.written}'; osaid used the first "
                    "(higher precedence)"
                ),
                origin=loser.license.origin or loser.origin,
            )
        )
    return notes


def _where(component: Component) -> str:
    declared = component.license
    origin = declared.origin if declared and declared.origin else component.origin
    line = f":{origin.line}" if origin.line else ""
    return f"{Path(origin.file).name}{line}"


def _sources_note(ordered: list[Release], skipped: list[str]) -> Note:
    used = ", ".join(f"{Path(r.source.file).name} ({r.source.format})" for r in ordered)
    message = f"Merged from {used}, in that order of precedence."
    if skipped:
        message += f" Not release descriptions, so not read: {', '.join(skipped)}."
    return Note(code="directory-sources", message=message)
