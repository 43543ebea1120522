"""Choose a definition, of either kind, by id, family or family plus a PEP 440 specifier.

One selection for binary and graded definitions: ``osaid-1.0`` and ``mof-1.0`` are exact ids;
``osaid`` and ``mof`` the latest final version of their family; ``osaid>=0.0.9`` or
``mof>=1.0`` the latest final version matching the specifier (``packaging``'s PEP 440). Drafts
are chosen only when asked for explicitly: by id, or pinned with ``==`` (``osaid==1.0rc2``).

The definitions are those osaid ships, plus the directories a program passes and those of
``$OSAID_DEFINITIONS_PATH``. A family osaid ships and its specifiers choose among the shipped
definitions only: a user definition, which may sit in the very repository being checked, is
chosen by its exact id (or by a family no shipped definition has), so adding a file can never
change what ``osaid`` means.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeVar, cast

from osaid._arguments import definition_spec
from osaid._errors import DefinitionError, Problem, UnknownDefinitionError
from osaid._resources import data_dir
from osaid._validation import suggest
from osaid.definition import DEFAULT_DEFINITION, DEFAULT_GRADED, DEFINITIONS_ENV
from osaid.definition._records import Definition

if TYPE_CHECKING:
    from packaging.specifiers import SpecifierSet
    from packaging.version import Version

    from osaid.definition._compiled import Compiled
    from osaid.definition._graded import GradedDefinition
    from osaid.definition._loader import AnyDefinition

__all__ = [
    "all_definitions",
    "available_definitions",
    "available_graded_definitions",
    "element_names",
    "load_any_definition_file",
    "load_definition",
    "load_definition_file",
    "load_graded_definition",
    "load_graded_definition_file",
    "select_definition",
]

D = TypeVar("D", bound="Definition | GradedDefinition")


def _directories(extra: Iterable[Path] = ()) -> list[Path]:
    paths = [data_dir("definitions"), *extra]
    configured = os.environ.get(DEFINITIONS_ENV, "")
    paths += [Path(p) for p in configured.split(os.pathsep) if p]
    return paths


@cache
def _compiled(directories: tuple[Path, ...]) -> Compiled | None:
    """The shipped definitions' compiled form, when only they are searched and it is current."""
    if directories != (data_dir("definitions"),):
        return None
    from osaid.definition._compiled import Compiled  # noqa: PLC0415 - only when needed

    return Compiled.load(directories[0])


@cache
def _load(directories: tuple[Path, ...]) -> tuple[AnyDefinition, ...]:
    """Every definition in ``directories``, read and validated.

    The shipped directory alone comes from its compiled form when that is current
    (:mod:`osaid.definition._compiled`).
    """
    compiled = _compiled(directories)
    found = compiled.everything() if compiled is not None else None
    if found is not None:
        return found
    from osaid.definition._loader import load_directory  # noqa: PLC0415 - only when needed

    return tuple(load_directory(list(directories)))


def _by_id(spec: object, directories: tuple[Path, ...], kind: Kind | None) -> AnyDefinition | None:
    """The compiled definition ``spec`` names exactly (None: not compiled, or another kind).

    Choosing by id, the common case, builds only that definition.
    """
    compiled = _compiled(directories)
    if compiled is None or not isinstance(spec, str):
        return None
    found = compiled.definition(spec)
    return found if found is not None and kind in (None, found.kind) else None


Kind = Literal["binary", "graded"]


def _is_graded(definition: AnyDefinition) -> bool:
    return definition.kind == "graded"


def _sorted(found: Iterable[D]) -> list[D]:
    return sorted(found, key=lambda d: (d.definition.family, _version(d)))


def all_definitions(directories: Iterable[Path] = ()) -> list[AnyDefinition]:
    """Every definition of both kinds (shipped, ``directories``, $OSAID_DEFINITIONS_PATH).

    Sorted by family, then version.
    """
    found = _load(tuple(_directories(directories)))
    return sorted(found, key=lambda d: (d.definition.family, _version(d)))


def available_definitions(directories: Iterable[Path] = ()) -> list[Definition]:
    """Every binary definition (shipped, ``directories``, $OSAID_DEFINITIONS_PATH), sorted."""
    found = _load(tuple(_directories(directories)))
    return _sorted(d for d in found if isinstance(d, Definition))


def available_graded_definitions(directories: Iterable[Path] = ()) -> list[GradedDefinition]:
    """Every graded definition (shipped, ``directories``, $OSAID_DEFINITIONS_PATH), sorted."""
    found = _load(tuple(_directories(directories)))
    return _sorted(cast("GradedDefinition", d) for d in found if _is_graded(d))


def element_names(directories: Iterable[Path] = ()) -> list[str]:
    """Every element name any available definition has (what licence data may refer to)."""
    compiled = _compiled(tuple(_directories(directories)))
    if compiled is not None:
        return compiled.elements
    return sorted({name for d in available_definitions(directories) for name in d.elements})


def select_definition(
    spec: str = DEFAULT_DEFINITION, directories: Iterable[Path] = ()
) -> AnyDefinition:
    """Choose a definition of either kind by id, family or specifier (see the module docstring).

    None raises an :class:`OsaidError`, a value that is not a ``str`` a ``TypeError``.
    """
    searched = tuple(_directories(directories))
    found = _by_id(spec, searched, None)
    return found if found is not None else _select(spec, _load(searched), "definition")


def load_definition(spec: str = DEFAULT_DEFINITION, directories: Iterable[Path] = ()) -> Definition:
    """Choose a binary (pass/fail) definition by id, family or family plus version specifier.

    ``osaid-1.0`` is an exact id; ``osaid`` is the latest final version of the family;
    ``osaid>=0.0.9`` the latest final version matching the specifier (PEP 440 syntax, via
    ``packaging``). Drafts are chosen only when asked for explicitly: by id, or pinned with
    ``==`` (``osaid==1.0rc2``). None raises an :class:`OsaidError`, a value that is not a
    ``str`` a ``TypeError`` (a programming error). :func:`select_definition` chooses among
    graded definitions too.

    A family osaid ships (``osaid``) and its specifiers choose among the shipped definitions
    only: a definition from ``directories`` or $OSAID_DEFINITIONS_PATH, which may sit in the
    very repository being checked, is chosen by its exact id (or by a family no shipped
    definition has), so adding a file can never change what ``osaid`` means.
    """
    searched = tuple(_directories(directories))
    compiled = _by_id(spec, searched, "binary")
    if isinstance(compiled, Definition):
        return compiled
    found = _load(searched)
    return _select(spec, [d for d in found if isinstance(d, Definition)], "definition")


def load_graded_definition(
    spec: str = DEFAULT_GRADED, directories: Iterable[Path] = ()
) -> GradedDefinition:
    """Choose a graded definition by id (``mof-1.0``), family (``mof``) or specifier."""
    searched = tuple(_directories(directories))
    compiled = _by_id(spec, searched, "graded")
    if compiled is not None:
        return cast("GradedDefinition", compiled)
    graded = [cast("GradedDefinition", d) for d in _load(searched) if _is_graded(d)]
    return _select(spec, graded, "graded definition")


def load_any_definition_file(path: str | Path) -> AnyDefinition:
    """Load one definition file of either kind; ``extends`` is resolved in its directory."""
    from osaid.definition._loader import load_directory  # noqa: PLC0415 - only when needed

    target = Path(path)
    for definition in load_directory([target.parent], only=target):
        return definition
    raise DefinitionError(Problem("no definition in this file", file=str(path)))  # pragma: no cover


def load_definition_file(path: str | Path) -> Definition:
    """Load one binary definition file (``extends`` is resolved in its directory)."""
    return cast("Definition", _of_kind(load_any_definition_file(path), "binary", path))


def load_graded_definition_file(path: str | Path) -> GradedDefinition:
    """Load one graded definition file; problems name the file and key."""
    return cast("GradedDefinition", _of_kind(load_any_definition_file(path), "graded", path))


def _of_kind(definition: AnyDefinition, expected: Kind, path: str | Path) -> AnyDefinition:
    if definition.kind != expected:
        raise DefinitionError(
            Problem(
                f"is a {definition.kind} definition, not a {expected} one",
                file=str(path),
                key="definition.kind",
            )
        )
    return definition


def _version(definition: AnyDefinition) -> Version:
    from packaging.version import InvalidVersion, Version  # noqa: PLC0415 - see _select

    try:
        return Version(definition.definition.version)
    except (InvalidVersion, ValueError):  # ValueError: more digits than int() converts
        return Version("0")


def _select(spec: object, found: Sequence[D], noun: str) -> D:
    """The definition ``spec`` names among ``found`` (see the module docstring)."""
    text = definition_spec(spec)
    for definition in found:
        if definition.id == text:  # the common case needs no version ordering (nor packaging)
            return definition
    family, specifier = _split_spec(text)
    candidates = _sorted(found)
    members = [d for d in candidates if d.definition.family == family]
    if not members:
        known = [d.id for d in candidates]
        families = sorted({d.definition.family for d in candidates})
        raise UnknownDefinitionError(
            Problem(
                f"unknown {noun} '{text}'{suggest(text, known + families)} "
                f"(available: {', '.join(known)})"
            )
        )
    shipped = [d for d in members if d.shipped]
    if not shipped:  # a family only user definitions have is theirs to name
        return _chosen(text, members, specifier, [])
    return _chosen(text, shipped, specifier, [d for d in members if not d.shipped])


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


def _chosen(spec: str, members: list[D], specifier: SpecifierSet, by_id: list[D]) -> D:
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


def _match(spec: str, members: list[D], specifier: SpecifierSet) -> D:
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


def _pinned(definition: AnyDefinition, pinned: set[str]) -> bool:
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
