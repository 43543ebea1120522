"""The records of a binary (pass/fail) definition: requirements, elements, conditions.

A definition is data: requirements with their element, obligation, legal condition, clause and
remediation. The engine interprets these records generically and never looks at a requirement
id, so a new OSAID version is a new data file. The loader (:mod:`osaid.definition._loader`)
reads the files and resolves ``extends``; this module only says what a valid record is.
"""

from __future__ import annotations

import datetime
from enum import Enum
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, SerializeAsAny

from osaid._compiled import trusted
from osaid.model import ComponentKind, Scope

if TYPE_CHECKING:
    from osaid.evaluate.checks.aggregate import Aggregate
    from osaid.evaluate.checks.attribute import AttributeCheck
    from osaid.evaluate.checks.evidence import Evidence

__all__ = [
    "Applies",
    "CheckRecord",
    "Condition",
    "Definition",
    "Element",
    "Header",
    "Obligation",
    "Override",
    "Requirement",
]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


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
    about: str | None = None
    """What the element asks for, in a phrase (``osaid init`` writes it into the starter)."""
    condition: str | None = None
    clause: str
    url: str


class CheckRecord(_Record):
    """What a requirement checks: the table of one registered kind of check.

    Each kind (``evidence``, ``attribute``, ``aggregate``) is one module of
    :mod:`osaid.evaluate.checks` holding its record (a subclass of this), how it is evaluated and
    how explain and diff describe it. ``key`` is the table it is written as in a definition file;
    ``wording`` names the fields that only change what users read, never a result.
    """

    key: ClassVar[str] = ""
    wording: ClassVar[frozenset[str]] = frozenset()
    note_fields: ClassVar[frozenset[str]] = frozenset()
    """Fields whose value in the file is the key of one of the definition's ``[notes]``."""


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
    check: SerializeAsAny[CheckRecord]
    """The one check: written as a table of its kind (``[requirement.evidence]``) and read by
    the loader with that kind's record (see :class:`CheckRecord`)."""
    applies: Applies = Field(default_factory=trusted(Applies))
    """When it applies (always, unless the definition says otherwise)."""
    affects_verdict: bool | None = None
    """False for a requirement that only restates others (its failures are theirs, counted
    once); by default a requirement affects the verdict unless it is recommended."""
    when: dict[str, Override] = Field(default_factory=dict)
    """Overrides under a policy choice, keyed ``field=value``: ``"evaluation_code=required"``."""

    def _check_of(self, key: str) -> Any:
        return self.check if self.check.key == key else None

    @property
    def evidence(self) -> Evidence | None:
        """The check, when it is of kind ``evidence`` (else None)."""
        found: Evidence | None = self._check_of("evidence")
        return found

    @property
    def attribute(self) -> AttributeCheck | None:
        """The check, when it is of kind ``attribute`` (else None)."""
        found: AttributeCheck | None = self._check_of("attribute")
        return found

    @property
    def aggregate(self) -> Aggregate | None:
        """The check, when it is of kind ``aggregate`` (else None)."""
        found: Aggregate | None = self._check_of("aggregate")
        return found


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
    """The definition this one is stated relative to (see :mod:`osaid.definition._loader`)."""
    kind: Literal["binary"] = "binary"
    """A pass/fail definition (every requirement met or not); see also graded definitions."""


class Definition(_Record):
    """A complete, validated rule set."""

    definition: Header
    conditions: dict[str, Condition]
    elements: dict[str, Element]
    requirement: list[Requirement] = Field(min_length=1)
    notes: dict[str, str] = Field(default_factory=dict)
    """Texts several requirements share (a warning), each written once and named by its key
    (the loader puts the text where a requirement names the key)."""
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
    def kind(self) -> Literal["binary"]:
        """``binary``: the verdict is conformant or not (a graded definition grades instead)."""
        return self.definition.kind

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
