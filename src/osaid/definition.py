"""Versioned rule sets (definitions) loaded from ``definitions/*.toml``.

A definition is data: requirements with their element, obligation, legal condition, clause and
remediation. The engine interprets these records generically and never looks at a requirement
id, so a new OSAID version is a new data file.
"""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Iterable
from enum import Enum
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from osaid._arguments import definition_spec
from osaid._errors import DefinitionError, Problem, UnknownDefinitionError
from osaid._resources import data_dir
from osaid._validation import suggest
from osaid.model import ComponentKind, DataFacet, Scope

if TYPE_CHECKING:
    from packaging.specifiers import SpecifierSet
    from packaging.version import Version

__all__ = [
    "DEFINITIONS_ENV",
    "Aggregate",
    "Applies",
    "AttributeCheck",
    "Condition",
    "Definition",
    "Element",
    "Evidence",
    "Obligation",
    "Requirement",
    "available_definitions",
    "element_names",
    "load_definition",
    "load_definition_file",
]

DEFINITIONS_ENV = "OSAID_DEFINITIONS_PATH"
"""Environment variable naming extra directories of definition files (os.pathsep-separated)."""


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Obligation(str, Enum):
    """How strongly a requirement binds.

    ``must``: always required. ``must-if-used``: required unless the release declares the thing
    unused. ``recommended``: reported, never affects the verdict.
    """

    MUST = "must"
    MUST_IF_USED = "must-if-used"
    RECOMMENDED = "recommended"


class Condition(_Record):
    """A legal condition, e.g. "OSI-approved licence", as the sources of acceptable licences."""

    title: str
    phrase: str
    """The condition as it reads in a sentence ("an OSI-approved licence")."""
    accepts: list[Literal["osi-approved", "open-terms"]] = Field(min_length=1)
    description: str
    examples: list[str] = Field(default_factory=list)
    """Licences that meet the condition, suggested in remediations."""


class Element(_Record):
    """One element of the preferred form (data information, code, parameters) or the freedoms."""

    title: str
    condition: str | None = None
    clause: str
    url: str


class Evidence(_Record):
    """Requirement satisfied by components of given kinds (optionally covering a facet)."""

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


class AttributeCheck(_Record):
    """Requirement satisfied by a release attribute taking one of the passing values."""

    name: Literal["distribution", "scope"]
    passes: list[str] = Field(min_length=1)


class Aggregate(_Record):
    """Requirement satisfied when every requirement of the listed elements is satisfied."""

    elements: list[str] = Field(min_length=1)


class Applies(_Record):
    """When a requirement applies; outside these cases it is not applicable."""

    scopes: list[Scope] | None = None
    derived: bool | None = None
    """True: only for a release derived from a base model (a teacher is not a base, unless
    the policy reads teachers as bases)."""
    teacher: bool | None = None
    """True: only for a release distilled from a teacher model."""
    policy: dict[str, str] = Field(default_factory=dict)
    """Only under these policy choices (``{derivatives = "recursive"}``)."""


class Override(_Record):
    """What a requirement becomes under one policy choice (see ``Requirement.when``)."""

    obligation: Obligation


class Requirement(_Record):
    """One requirement of a definition."""

    id: str
    element: str
    obligation: Obligation
    title: str
    statement: str
    clause: str
    url: str
    remediation: str
    condition: str | None = None
    evidence: Evidence | None = None
    attribute: AttributeCheck | None = None
    aggregate: Aggregate | None = None
    applies: Applies = Applies()
    affects_verdict: bool | None = None
    """False for a requirement that only restates others (its failures are theirs, counted
    once); by default a requirement affects the verdict unless it is recommended."""
    when: dict[str, Override] = Field(default_factory=dict)
    """Overrides under a policy choice, keyed ``field=value``: ``"evaluation_code=required"``."""

    @model_validator(mode="after")
    def _one_check(self) -> Requirement:
        checks = [c for c in (self.evidence, self.attribute, self.aggregate) if c is not None]
        if len(checks) != 1:
            raise ValueError("needs exactly one of [requirement.evidence], .attribute, .aggregate")
        return self


class Header(_Record):
    """The ``[definition]`` table."""

    id: str
    family: str
    version: str
    title: str
    status: Literal["draft", "final"]
    published: datetime.date
    url: str
    summary: str
    copyleft_allowed: bool
    copyleft_clause: str | None = None
    extends: str | None = None
    """The definition this one is stated relative to (see ``osaid._rulesets``)."""


class Definition(_Record):
    """A complete, validated rule set."""

    definition: Header
    conditions: dict[str, Condition]
    elements: dict[str, Element]
    requirement: list[Requirement] = Field(min_length=1)
    component_elements: dict[ComponentKind, str] = Field(default_factory=dict)
    """The element each component kind belongs to, for judging a declared licence that no
    requirement needs (a dataset's, a paper's): such a licence is judged and, if it fails,
    reported as a warning."""
    path: str = ""
    shipped: bool = False
    """True for the definitions osaid ships (set by the loader; a file cannot claim it)."""

    @property
    def id(self) -> str:
        """The definition id, e.g. ``osaid-1.0``."""
        return self.definition.id

    @property
    def requirements(self) -> list[Requirement]:
        """The requirements in file order."""
        return self.requirement

    def element_condition(self, element: str) -> Condition | None:
        """The legal condition an element's licences must meet, if it has one."""
        name = self.elements[element].condition
        return self.conditions[name] if name else None

    def condition_for(self, requirement: Requirement) -> Condition | None:
        """The condition that applies to ``requirement`` (its own, else its element's)."""
        if requirement.condition:
            return self.conditions[requirement.condition]
        return self.element_condition(requirement.element)

    def licensed_elements(self) -> list[str]:
        """Elements that carry a legal condition (what ``osaid license --for`` accepts)."""
        return [name for name, element in self.elements.items() if element.condition]


def load_definition_file(path: str | Path) -> Definition:
    """Load one definition file; a file that ``extends`` another is resolved in its directory."""
    from osaid._rulesets import load_directory  # noqa: PLC0415 - _rulesets imports this module

    target = Path(path)
    for definition in load_directory([target.parent], only=target):
        return definition
    raise DefinitionError(Problem("no definition in this file", file=str(path)))  # pragma: no cover


def _directories(extra: Iterable[Path] = ()) -> list[Path]:
    paths = [data_dir("definitions"), *extra]
    configured = os.environ.get(DEFINITIONS_ENV, "")
    paths += [Path(p) for p in configured.split(os.pathsep) if p]
    return paths


@cache
def _load(directories: tuple[Path, ...]) -> tuple[Definition, ...]:
    from osaid._rulesets import load_directory  # noqa: PLC0415 - _rulesets imports this module

    return tuple(load_directory(list(directories)))


def available_definitions(directories: Iterable[Path] = ()) -> list[Definition]:
    """Every definition (shipped, plus ``directories`` and $OSAID_DEFINITIONS_PATH), sorted."""
    found = _load(tuple(_directories(directories)))
    return sorted(found, key=lambda d: (d.definition.family, _version(d)))


def element_names(directories: Iterable[Path] = ()) -> list[str]:
    """Every element name any available definition has (what licence data may refer to)."""
    return sorted({name for d in available_definitions(directories) for name in d.elements})


def _version(definition: Definition) -> Version:
    from packaging.version import InvalidVersion, Version  # noqa: PLC0415 - see load_definition

    try:
        return Version(definition.definition.version)
    except (InvalidVersion, ValueError):  # ValueError: more digits than int() converts
        return Version("0")


def load_definition(spec: str = "osaid-1.0", directories: Iterable[Path] = ()) -> Definition:
    """Choose a definition by id, family or family plus version specifier.

    ``osaid-1.0`` is an exact id; ``osaid`` is the latest final version of the family;
    ``osaid>=0.0.9`` the latest final version matching the specifier (PEP 440 syntax, via
    ``packaging``). Drafts are chosen only when asked for explicitly: by id, or pinned with
    ``==`` (``osaid==1.0rc2``). None raises an :class:`OsaidError`, a value that is not a
    ``str`` a ``TypeError`` (a programming error).

    A family osaid ships (``osaid``) and its specifiers choose among the shipped definitions
    only: a definition from ``directories`` or $OSAID_DEFINITIONS_PATH, which may sit in the
    very repository being checked, is chosen by its exact id (or by a family no shipped
    definition has), so adding a file can never change what ``osaid`` means.
    """
    spec = definition_spec(spec)
    for definition in _load(tuple(_directories(directories))):
        if definition.id == spec:  # the common case needs no version ordering (nor packaging)
            return definition
    family, specifier = _split_spec(spec)
    candidates = available_definitions(directories)
    members = [d for d in candidates if d.definition.family == family]
    if not members:
        known = [d.id for d in candidates]
        families = sorted({d.definition.family for d in candidates})
        raise UnknownDefinitionError(
            Problem(
                f"unknown definition '{spec}'{suggest(spec, known + families)} "
                f"(available: {', '.join(known)})"
            )
        )
    shipped = [d for d in members if d.shipped]
    if not shipped:  # a family only user definitions have is theirs to name
        return _select(spec, members, specifier, [])
    return _select(spec, shipped, specifier, [d for d in members if not d.shipped])


MAX_SPEC_LENGTH = 200
"""Longer definition specifiers are refused before ``packaging`` parses them: it can take
seconds, or raise ValueError, on thousands of version digits. Real ones are a dozen characters."""

_SPEC = re.compile(r"^(?P<family>[A-Za-z][A-Za-z0-9_.-]*?)\s*(?P<specifier>[<>=!~].*)?$")


def _split_spec(spec: str) -> tuple[str, SpecifierSet]:
    from packaging.specifiers import InvalidSpecifier, SpecifierSet  # noqa: PLC0415

    if len(spec) > MAX_SPEC_LENGTH:
        raise UnknownDefinitionError(
            Problem(
                f"a definition id or specifier of {len(spec)} characters is longer than the "
                f"{MAX_SPEC_LENGTH} allowed"
            )
        )
    match = _SPEC.match(spec.strip())
    if match is None:
        raise UnknownDefinitionError(Problem(f"'{spec}' is not a definition id or family"))
    try:
        return match["family"], SpecifierSet(match["specifier"] or "")
    except (InvalidSpecifier, ValueError, OverflowError, RecursionError):
        raise UnknownDefinitionError(
            Problem(f"'{match['specifier']}' is not a version specifier (e.g. '>=1.0')")
        ) from None


def _select(
    spec: str, members: list[Definition], specifier: SpecifierSet, by_id: list[Definition]
) -> Definition:
    """The latest final member matching ``specifier`` (``by_id``: members left out, named)."""
    try:
        return _match(spec, members, specifier)
    except UnknownDefinitionError as exc:
        if not by_id:
            raise
        ids = ", ".join(d.id for d in by_id)
        raise UnknownDefinitionError(
            Problem(
                f"{exc.problems[0].message}; definitions that do not ship with osaid are "
                f"chosen only by their id ({ids})"
            )
        ) from None


def _match(spec: str, members: list[Definition], specifier: SpecifierSet) -> Definition:
    finals = [d for d in members if d.definition.status == "final"]
    matching = [d for d in finals if specifier.contains(_version(d), prereleases=True)]
    if matching:
        return max(matching, key=_version)
    pinned = {str(s.version) for s in specifier if s.operator in {"==", "==="}}
    drafts = [d for d in members if d.definition.status == "draft" and _pinned(d, pinned)]
    if drafts:
        return max(drafts, key=_version)
    listing = ", ".join(f"{d.id} ({d.definition.status})" for d in members)
    raise UnknownDefinitionError(
        Problem(
            f"no final version matches '{spec}'; drafts are chosen only by id or with '==' "
            f"(available: {listing})"
        )
    )


def _pinned(definition: Definition, pinned: set[str]) -> bool:
    from packaging.version import Version  # noqa: PLC0415

    version = _version(definition)
    return any(version == Version(p) for p in pinned if _parses(p))


def _parses(text: str) -> bool:
    from packaging.version import InvalidVersion, Version  # noqa: PLC0415

    try:
        Version(text)
    except (InvalidVersion, ValueError):
        return False
    return True
