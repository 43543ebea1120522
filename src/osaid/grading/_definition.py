"""Graded definitions (``definitions/graded/*.toml``): cumulative classes of components, as data.

A graded definition lists classes by rank (1 is the most demanding), the components each class
introduces, and substitution rules. Python never names a component or a class: everything the
grader needs is read from the file, and a broken file is refused with its file name and key.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from osaid._errors import DefinitionError, Problem, UnknownDefinitionError
from osaid._resources import data_dir
from osaid._toml import read_toml
from osaid._validation import problems, suggest
from osaid.model import ComponentKind
from osaid.readers._document import Document

__all__ = [
    "ContentType",
    "GradedClass",
    "GradedComponent",
    "GradedDefinition",
    "GradedHeader",
    "GradedSource",
    "Substitution",
    "available_graded_definitions",
    "graded_definitions_dir",
    "load_graded_definition",
    "load_graded_definition_file",
]

ContentType = Literal["code", "data", "document"]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class GradedSource(_Record):
    """A document the definition is taken from."""

    title: str
    url: str
    commit: str | None = None
    note: str | None = None


class GradedHeader(_Record):
    """The ``[definition]`` table of a graded definition."""

    id: str = Field(min_length=1)
    family: str
    version: str
    title: str
    status: Literal["draft", "final"]
    published: datetime.date
    summary: str
    unclassified_label: str
    sources: list[GradedSource] = Field(min_length=1)


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

    @property
    def id(self) -> str:
        """The definition id, e.g. ``mof-1.0``."""
        return self.definition.id

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


_VOCABULARY = {
    name
    for model in (
        GradedDefinition,
        GradedHeader,
        GradedSource,
        GradedClass,
        GradedComponent,
        Substitution,
    )
    for field_name, info in model.model_fields.items()
    for name in (field_name, info.alias)
    if name
}


def graded_definitions_dir() -> Path:
    """The directory of the shipped graded definitions (``definitions/graded``)."""
    return data_dir("definitions") / "graded"


def load_graded_definition_file(path: str | Path) -> GradedDefinition:
    """Load and validate one graded definition file; problems name the file and key."""
    name = str(path)
    data = read_toml(Path(path), DefinitionError)
    if "path" in data:
        raise DefinitionError(Problem("unknown key", file=name, key="path"))
    try:
        definition = GradedDefinition.model_validate({**data, "path": name})
    except ValidationError as exc:
        doc = Document(name=name, text="", data=data, syntax="toml")
        raise DefinitionError(problems(exc, doc, "", _VOCABULARY)) from None
    found = _inconsistencies(definition, name)
    if found:
        raise DefinitionError(found)
    return definition


def _inconsistencies(definition: GradedDefinition, name: str) -> list[Problem]:
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


@cache
def _load_all(directories: tuple[Path, ...]) -> tuple[GradedDefinition, ...]:
    found: dict[str, GradedDefinition] = {}
    for directory in directories:
        for path in sorted(directory.glob("*.toml")):
            definition = load_graded_definition_file(path)
            if definition.id in found:
                other = found[definition.id].path
                raise DefinitionError(
                    Problem(
                        f"id '{definition.id}' is also used by {other}",
                        file=str(path),
                        key="definition.id",
                    )
                )
            found[definition.id] = definition
    return tuple(found.values())


def available_graded_definitions(directories: Iterable[Path] = ()) -> list[GradedDefinition]:
    """Every graded definition shipped (plus those in ``directories``), sorted by id."""
    found = _load_all((graded_definitions_dir(), *directories))
    return sorted(found, key=lambda d: d.id)


def load_graded_definition(
    spec: str = "mof-1.0", directories: Iterable[Path] = ()
) -> GradedDefinition:
    """Return a graded definition by id (``mof-1.0``) or family (``mof``: the latest final)."""
    candidates = available_graded_definitions(directories)
    for definition in candidates:
        if definition.id == spec:
            return definition
    family = [
        d for d in candidates if d.definition.family == spec and d.definition.status == "final"
    ]
    if family:
        return max(family, key=lambda d: d.definition.published)
    known = [d.id for d in candidates]
    raise UnknownDefinitionError(
        Problem(
            f"unknown graded definition '{spec}'{suggest(spec, known)} "
            f"(available: {', '.join(known)})"
        )
    )
