"""The records of a graded definition: cumulative classes of components, as data.

A graded definition (``kind = "graded"`` in its ``[definition]`` table) lists classes by rank
(1 is the most demanding), the components each class introduces, and substitution rules.
Python never names a component or a class: everything the graded scorer needs is read from the
file, and a broken file is refused with its file name and key (by the one loader,
:mod:`osaid.definition._loader`, which reads binary and graded definitions alike).
"""

from __future__ import annotations

import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from osaid._errors import Problem
from osaid.model import ComponentKind

__all__ = [
    "ContentType",
    "GradedClass",
    "GradedComponent",
    "GradedDefinition",
    "GradedHeader",
    "GradedSource",
    "Substitution",
    "inconsistencies",
]

ContentType = Literal["code", "data", "document"]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


class GradedSource(_Record):
    """A document the definition is taken from."""

    title: str
    url: str
    commit: str | None = None
    note: str | None = None


class GradedHeader(_Record):
    """The ``[definition]`` table of a graded definition (``kind = "graded"``)."""

    id: str = Field(min_length=1)
    family: str
    version: str
    title: str
    status: Literal["draft", "final"]
    published: datetime.date
    summary: str
    unclassified_label: str
    sources: list[GradedSource] = Field(min_length=1)
    extends: str | None = None
    """The graded definition this one is stated relative to (see the loader)."""
    kind: Literal["graded"]
    """A graded definition says so: its results are classes, not a pass/fail verdict."""

    @property
    def url(self) -> str:
        """Where the definition is published: its first source."""
        return self.sources[0].url


class GradedComponent(_Record):
    """One component a class introduces."""

    kind: ComponentKind
    name: str = Field(min_length=1)
    """The component's name in MOF files (MOT's exact spelling)."""
    content_type: ContentType
    required: bool = True
    description: str
    mot_id: int | None = None


class GradedClass(_Record):
    """One class: its rank (1 = most demanding), label, and the components it introduces."""

    rank: int = Field(ge=1)
    label: str
    title: str
    components: list[GradedComponent] = Field(alias="component", min_length=1)


class Substitution(_Record):
    """``by`` stands in for ``missing`` when ``missing`` is not included (see the grader)."""

    missing: ComponentKind
    by: ComponentKind
    source: str
    note: str


class GradedDefinition(_Record):
    """A complete, validated graded definition."""

    definition: GradedHeader
    classes: list[GradedClass] = Field(alias="class", min_length=1)
    substitutions: list[Substitution] = Field(alias="substitution", default_factory=list)
    path: str = ""
    shipped: bool = False
    """True for the definitions osaid ships (set by the loader; a file cannot claim it)."""

    @property
    def id(self) -> str:
        """The definition id, e.g. ``mof-1.0``."""
        return self.definition.id

    @property
    def kind(self) -> Literal["graded"]:
        """``graded``: a release is put in the most demanding class it reaches."""
        return self.definition.kind

    @property
    def ranks(self) -> list[int]:
        """Class ranks from the least demanding to the most demanding (e.g. 3, 2, 1)."""
        return sorted((c.rank for c in self.classes), reverse=True)

    def graded_class(self, rank: int) -> GradedClass:
        """The class of ``rank``."""
        return next(c for c in self.classes if c.rank == rank)

    def components(self) -> list[tuple[int, GradedComponent]]:
        """Every component with the rank of the class that introduces it, in file order."""
        return [(c.rank, component) for c in self.classes for component in c.components]

    def component(self, kind: ComponentKind) -> tuple[int, GradedComponent] | None:
        """The component of ``kind`` and its rank, or None when the definition has none."""
        return next(((r, c) for r, c in self.components() if c.kind == kind), None)

    def scope(self, rank: int) -> list[tuple[int, GradedComponent]]:
        """The components class ``rank`` covers: its own and those of every less demanding class."""
        return [(r, c) for r, c in self.components() if r >= rank]


def inconsistencies(definition: GradedDefinition, name: str) -> list[Problem]:
    """Rank gaps, components listed twice and substitutions naming unknown components."""
    found: list[Problem] = []
    ranks = [c.rank for c in definition.classes]
    for index, rank in enumerate(ranks):
        if rank > len(ranks) or ranks.count(rank) > 1:
            found.append(
                Problem(
                    f"class ranks must be 1..{len(ranks)}, each used once (found {ranks})",
                    file=name,
                    key=f"class[{index}].rank",
                )
            )
    kinds: set[ComponentKind] = set()
    names: set[str] = set()
    for index, graded in enumerate(definition.classes):
        for position, component in enumerate(graded.components):
            key = f"class[{index}].component[{position}]"
            if component.kind in kinds:
                found.append(
                    Problem(
                        f"component kind '{component.kind.value}' is listed twice",
                        file=name,
                        key=f"{key}.kind",
                    )
                )
            if component.name in names:
                found.append(
                    Problem(
                        f"component name '{component.name}' is listed twice",
                        file=name,
                        key=f"{key}.name",
                    )
                )
            kinds.add(component.kind)
            names.add(component.name)
    for index, rule in enumerate(definition.substitutions):
        for field_name in ("missing", "by"):
            kind: ComponentKind = getattr(rule, field_name)
            if kind not in kinds:
                found.append(
                    Problem(
                        f"'{kind.value}' is not a component of any class",
                        file=name,
                        key=f"substitution[{index}].{field_name}",
                    )
                )
        if rule.missing == rule.by:
            found.append(
                Problem(
                    "a component cannot stand in for itself",
                    file=name,
                    key=f"substitution[{index}].by",
                )
            )
    return found
