"""Load definition files of both kinds, resolve ``extends``, and validate them with located errors.

Every ``*.toml`` of a definitions directory is one definition; its ``[definition]`` table says
its ``kind``: ``binary`` (the default: requirements met or not, a verdict) or ``graded``
(cumulative classes of components). Both kinds are read, resolved and validated here, and every
problem names the file and key it is in: a broken rule set is refused, never guessed.

A definition may state only what differs from the one it ``extends`` (of the same kind):

- the ``[definition]`` header is complete, except for the keys inherited when left out
  (:data:`_INHERITED_HEADER`);
- binary: whole ``[conditions.X]`` and ``[elements.X]`` tables replace or add to the parent's,
  ``[[requirement]]`` records override a parent requirement with the same id suffix (only the
  keys given are replaced) or add a new one (``after = "suffix"`` places it after an inherited
  one instead of at the end), and ``[remove] requirements = ["suffix", ...]`` (and
  ``conditions = [...]``) drops inherited ones. Inherited requirement ids take the extending
  definition's id as their prefix (``osaid-1.0/code/inference`` becomes
  ``osaid-1.1/code/inference``), and ``{version}`` and ``{url}`` in clauses and URLs are filled
  in with each definition's own values;
- graded: a ``[[class]]`` replaces the parent's class of the same ``rank`` (or adds one), and
  ``[[substitution]]`` records, when given, replace the parent's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from osaid._errors import DefinitionError, Problem
from osaid._resources import data_dir
from osaid._toml import read_toml
from osaid._validation import problems, suggest
from osaid.definition._graded import (
    GradedClass,
    GradedComponent,
    GradedDefinition,
    GradedHeader,
    GradedSource,
    Substitution,
    inconsistencies,
)
from osaid.definition._records import (
    Applies,
    CheckRecord,
    Condition,
    Definition,
    Element,
    Header,
    Override,
    Requirement,
)
from osaid.evaluate.checks import CHECKS

AnyDefinition = Definition | GradedDefinition
"""A definition of either kind."""

Kind = Literal["binary", "graded"]
KINDS: tuple[Kind, ...] = ("binary", "graded")

_INHERITED_HEADER: dict[Kind, tuple[str, ...]] = {
    "binary": ("summary", "url", "copyleft_allowed", "copyleft_clause"),
    "graded": ("summary", "unclassified_label", "sources"),
}
_TOP_LEVEL: dict[Kind, frozenset[str]] = {
    "binary": frozenset(
        {
            "definition",
            "conditions",
            "elements",
            "notes",
            "component_elements",
            "requirement",
            "remove",
        }
    ),
    "graded": frozenset({"definition", "class", "substitution"}),
}


def _vocabulary(*models: type[BaseModel]) -> frozenset[str]:
    """Every key a definition file may use, for did-you-mean suggestions."""
    return frozenset(
        name
        for model in models
        for field_name, info in model.model_fields.items()
        for name in (field_name, info.alias)
        if name
    )


_FIELDS: dict[Kind, frozenset[str]] = {
    "binary": _vocabulary(
        Definition,
        Header,
        Condition,
        Element,
        Applies,
        Override,
        Requirement,
        *(kind.record for kind in CHECKS.values()),
    )
    | {"remove", "requirements", "after", *CHECKS},
    "graded": _vocabulary(
        GradedDefinition, GradedHeader, GradedSource, GradedClass, GradedComponent, Substitution
    ),
}


@dataclass
class _Raw:
    path: Path
    data: dict[str, Any]
    kind: Kind = "binary"

    @property
    def name(self) -> str:
        return str(self.path)

    def problem(self, key: str, message: str) -> DefinitionError:
        return DefinitionError(Problem(message, file=self.name, key=key or None))


@dataclass(frozen=True)
class _File:
    """Where a key of a data file is (data files have no line numbers here)."""

    name: str

    def problem(self, key: str, message: str) -> Problem:
        return Problem(message, file=self.name, key=key or None)


def load_directory(directories: Iterable[Path], only: Path | None = None) -> list[AnyDefinition]:
    """Load every ``*.toml`` definition in ``directories``, resolved, in reading order.

    With ``only``, load just that file: it is read strictly, and the other files are read
    only as candidate parents, so a broken neighbour does not break it.
    """
    if only is None:
        raws = _read_all(directories, strict=True)
        resolver = _Resolver(raws)
        return [resolver.definition(definition_id) for definition_id in raws]
    target = _read(only)
    target_id = _header_id(target)
    raws = _read_all(directories, strict=False, skip=only)
    raws[target_id] = target
    return [_Resolver(raws).definition(target_id)]


def _read_all(
    directories: Iterable[Path], *, strict: bool, skip: Path | None = None
) -> dict[str, _Raw]:
    raws: dict[str, _Raw] = {}
    for directory in directories:
        for path in sorted(Path(directory).glob("*.toml")):
            if skip is not None and path.resolve() == skip.resolve():
                continue
            try:
                raw = _read(path)
                definition_id = _header_id(raw)
            except DefinitionError:
                if strict:
                    raise
                continue
            if definition_id in raws and not strict:
                continue
            if definition_id in raws:
                other = raws[definition_id].name
                raise raw.problem("definition.id", f"id '{definition_id}' is also used by {other}")
            raws[definition_id] = raw
    return raws


def _read(path: Path) -> _Raw:
    data = read_toml(path, DefinitionError)
    raw = _Raw(path, data)
    header = data.get("definition")
    kind = header.get("kind", "binary") if isinstance(header, dict) else "binary"
    if kind not in KINDS:
        hint = suggest(str(kind), KINDS) or f" (a definition is {' or '.join(KINDS)})"
        raise raw.problem("definition.kind", f"'{kind}' is not a kind of definition{hint}")
    raw.kind = kind
    for key in data:
        if key not in _TOP_LEVEL[kind]:
            raise raw.problem(key, "unknown key" + suggest(key, _TOP_LEVEL[kind]))
    return raw


def _header_id(raw: _Raw) -> str:
    header = raw.data.get("definition")
    if not isinstance(header, dict):
        raise raw.problem("definition", "a [definition] table is required")
    definition_id = header.get("id")
    if not isinstance(definition_id, str) or not definition_id:
        raise raw.problem("definition.id", "required key is missing")
    return definition_id


class _Resolver:
    """Resolve ``extends`` chains with memoisation and cycle detection."""

    def __init__(self, raws: dict[str, _Raw]) -> None:
        self.raws = raws
        self.merged: dict[str, dict[str, Any]] = {}
        self.done: dict[str, AnyDefinition] = {}

    def definition(self, definition_id: str) -> AnyDefinition:
        if definition_id not in self.done:
            raw = self.raws[definition_id]
            data = self.merge(definition_id, ())
            self.done[definition_id] = _VALIDATE[raw.kind](raw, data)
        return self.done[definition_id]

    def merge(self, definition_id: str, chain: tuple[str, ...]) -> dict[str, Any]:
        if definition_id in self.merged:
            return self.merged[definition_id]
        raw = self.raws[definition_id]
        parent_id = raw.data["definition"].get("extends")
        if parent_id is None:
            merged = {k: v for k, v in raw.data.items() if k != "remove"}
            if "remove" in raw.data:
                raise raw.problem("remove", "only a definition that extends another can remove")
        else:
            if parent_id == definition_id or parent_id in chain:
                cycle = " -> ".join([*chain, definition_id, parent_id])
                raise raw.problem("definition.extends", f"extends cycle: {cycle}")
            if parent_id not in self.raws:
                hint = suggest(str(parent_id), [i for i in self.raws if i != definition_id])
                raise raw.problem("definition.extends", f"unknown definition '{parent_id}'{hint}")
            parent_kind = self.raws[parent_id].kind
            if parent_kind != raw.kind:
                raise raw.problem(
                    "definition.extends",
                    f"'{parent_id}' is a {parent_kind} definition; a {raw.kind} definition "
                    "extends only one of its own kind",
                )
            parent = self.merge(parent_id, (*chain, definition_id))
            merged = _OVERRIDE[raw.kind](raw, parent, definition_id)
        self.merged[definition_id] = merged
        return merged


def _header(raw: _Raw, parent: dict[str, Any]) -> dict[str, Any]:
    inherited = _INHERITED_HEADER[raw.kind]
    header = {k: v for k, v in parent["definition"].items() if k in inherited}
    return {**header, **raw.data["definition"]}


# -- binary definitions ---------------------------------------------------------------------


def _override_binary(raw: _Raw, parent: dict[str, Any], child_id: str) -> dict[str, Any]:
    child = raw.data
    return {
        "definition": _header(raw, parent),
        "conditions": _conditions(raw, parent.get("conditions", {})),
        "elements": {**parent.get("elements", {}), **child.get("elements", {})},
        "notes": {**parent.get("notes", {}), **child.get("notes", {})},
        "component_elements": {
            **parent.get("component_elements", {}),
            **child.get("component_elements", {}),
        },
        "requirement": _requirements(raw, parent.get("requirement", []), child_id),
    }


def _conditions(raw: _Raw, inherited: dict[str, Any]) -> dict[str, Any]:
    merged = {**inherited, **raw.data.get("conditions", {})}
    for index, name in enumerate(raw.data.get("remove", {}).get("conditions", [])):
        if name not in merged:
            raise raw.problem(f"remove.conditions[{index}]", f"no inherited condition '{name}'")
        del merged[name]
    return merged


def _suffix(requirement_id: object) -> str:
    text = str(requirement_id)
    return text.split("/", 1)[1] if "/" in text else text


def _requirements(
    raw: _Raw, inherited: list[dict[str, Any]], child_id: str
) -> list[dict[str, Any]]:
    records = {
        _suffix(r.get("id")): {**r, "id": f"{child_id}/{_suffix(r.get('id'))}"} for r in inherited
    }
    removed = raw.data.get("remove", {}).get("requirements", [])
    for index, suffix in enumerate(removed):
        if suffix not in records:
            raise raw.problem(
                f"remove.requirements[{index}]",
                f"no inherited requirement '{suffix}'" + suggest(str(suffix), records),
            )
        del records[suffix]
    order = list(records)
    for index, record in enumerate(raw.data.get("requirement", [])):
        if not isinstance(record, dict) or "id" not in record:
            raise raw.problem(f"requirement[{index}].id", "required key is missing")
        suffix = _suffix(record["id"])
        fields = {k: v for k, v in record.items() if k != "after"}
        if suffix not in records:
            order.insert(_position(raw, record, order, index), suffix)
        records[suffix] = {**records.get(suffix, {}), **fields}
    return [records[suffix] for suffix in order]


def _position(raw: _Raw, record: dict[str, Any], order: list[str], index: int) -> int:
    """Where a new requirement goes: after the one named by ``after``, else at the end."""
    after = record.get("after")
    if after is None:
        return len(order)
    if after not in order:
        raise raw.problem(
            f"requirement[{index}].after", f"no requirement '{after}'" + suggest(str(after), order)
        )
    return order.index(after) + 1


def _fill(data: dict[str, Any]) -> dict[str, Any]:
    """Expand ``{version}`` and ``{url}`` in clauses and URLs with this definition's values.

    Inherited records are written once with placeholders, so each version that inherits them
    cites itself. The merged parent data is left untouched for other children.
    """
    header = data.get("definition", {})
    values = {"{version}": str(header.get("version", "")), "{url}": str(header.get("url", ""))}

    def expand(record: object) -> object:
        if not isinstance(record, dict):
            return record
        copy = dict(record)
        for key in ("clause", "url", "copyleft_clause"):
            if isinstance(copy.get(key), str):
                for placeholder, value in values.items():
                    copy[key] = copy[key].replace(placeholder, value)
        return copy

    filled = dict(data)
    filled["definition"] = expand(header)
    filled["elements"] = {k: expand(v) for k, v in data.get("elements", {}).items()}
    filled["requirement"] = [expand(r) for r in data.get("requirement", [])]
    return filled


def _shipped(path: Path) -> bool:
    """Whether ``path`` sits in the directory of the definitions osaid ships."""
    try:
        return path.parent.resolve() == data_dir("definitions").resolve()
    except (OSError, RuntimeError, ValueError):  # pragma: no cover - an unresolvable directory
        return False


def _located(error: ValidationError, raw: _Raw, root: str = "") -> list[Problem]:
    """Validation errors as problems naming the file and key, in the loader's words."""
    found = problems(error, _File(raw.name), root, _FIELDS[raw.kind])
    return [Problem(p.message.removeprefix("Value error, "), file=p.file, key=p.key) for p in found]


class _Unreadable(CheckRecord):
    """Stands in for a check whose table was refused, so the rest is still validated."""


def _checks(
    raw: _Raw, records: list[Any], notes: dict[str, Any]
) -> tuple[list[Any], list[Problem]]:
    """Each requirement's check read through its kind's record (the table named after it).

    A field of the record that names a note (``checklist_note = "mof-data-information"``)
    gets that note's text; an unknown note is refused at its key.
    """
    kinds = " or ".join(f"[requirement.{key}]" for key in CHECKS)
    read: list[Any] = []
    found: list[Problem] = []
    for index, record in enumerate(records):
        if not isinstance(record, dict):
            read.append(record)
            continue
        present = [key for key in CHECKS if key in record]
        if len(present) != 1:
            found.append(
                Problem(f"needs exactly one of {kinds}", file=raw.name, key=f"requirement[{index}]")
            )
            read.append(
                {k: v for k, v in record.items() if k not in CHECKS} | {"check": _Unreadable()}
            )
            continue
        key = present[0]
        table, unknown = _with_notes(record[key], CHECKS[key].record, notes)
        found.extend(
            Problem(message, file=raw.name, key=f"requirement[{index}].{key}.{field}")
            for field, message in unknown
        )
        try:
            check: CheckRecord = CHECKS[key].record.model_validate(table)
        except ValidationError as exc:
            found.extend(_located(exc, raw, f"requirement[{index}].{key}"))
            check = _Unreadable()
        read.append({k: v for k, v in record.items() if k != key} | {"check": check})
    return read, found


def _with_notes(
    table: Any, record: type[CheckRecord], notes: dict[str, Any]
) -> tuple[Any, list[tuple[str, str]]]:
    """``table`` with each note key its record names replaced by the note's text."""
    if not isinstance(table, dict):
        return table, []
    filled = dict(table)
    unknown = []
    for field in record.note_fields:
        name = table.get(field)
        if not isinstance(name, str):
            continue
        if name in notes:
            filled[field] = notes[name]
        else:
            hint = suggest(name, notes) or " (write it under [notes] and name it here)"
            unknown.append((field, f"unknown note '{name}'{hint}"))
    return filled, unknown


def _validate_binary(raw: _Raw, data: dict[str, Any]) -> Definition:
    filled = _fill(data)
    notes = filled.get("notes", {})
    notes = notes if isinstance(notes, dict) else {}
    requirements, found = _checks(raw, filled.get("requirement", []), notes)
    fields = {
        **filled,
        "requirement": requirements,
        "path": raw.name,
        "shipped": _shipped(raw.path),
    }
    try:
        definition = Definition.model_validate(fields)
    except ValidationError as exc:
        raise DefinitionError([*_located(exc, raw), *found]) from None
    if found:
        raise DefinitionError(found)
    _check_consistency(definition, raw.name)
    return definition


def _check_consistency(definition: Definition, name: str) -> None:
    found: list[Problem] = []
    seen: set[str] = set()
    for index, requirement in enumerate(definition.requirement):
        found.extend(
            _check_requirement(definition, requirement, f"requirement[{index}]", name, seen)
        )
        seen.add(requirement.id)
    for element_name, element in definition.elements.items():
        if element.condition and element.condition not in definition.conditions:
            found.append(
                Problem(
                    f"unknown condition '{element.condition}'"
                    + suggest(element.condition, definition.conditions),
                    file=name,
                    key=f"elements.{element_name}.condition",
                )
            )
    for kind, element_name in definition.component_elements.items():
        if element_name not in definition.elements:
            found.append(
                Problem(
                    f"unknown element '{element_name}'"
                    + suggest(element_name, definition.elements),
                    file=name,
                    key=f"component_elements.{kind.value}",
                )
            )
    if found:
        raise DefinitionError(found)


def _policy_choice(field: str, value: str) -> str | None:
    """Why ``field = value`` is not a policy choice, or None when it is one."""
    from typing import get_args  # noqa: PLC0415 - only when a definition names a policy

    from osaid.policy import Policy  # noqa: PLC0415

    info = Policy.model_fields.get(field)
    if info is None:
        return f"unknown policy field '{field}'" + suggest(field, Policy.model_fields)
    choices = [str(v) for v in get_args(info.annotation)]
    if value not in choices:
        return f"'{value}' is not a choice of policy '{field}' ({', '.join(choices)})"
    return None


def _check_requirement(
    definition: Definition, requirement: Requirement, key: str, name: str, seen: set[str]
) -> list[Problem]:
    found = []

    def bad(field: str, message: str) -> None:
        found.append(Problem(message, file=name, key=f"{key}.{field}"))

    if requirement.id in seen:
        bad("id", f"requirement id '{requirement.id}' is used twice")
    if not requirement.id.startswith(definition.id + "/"):
        bad("id", f"requirement ids must start with '{definition.id}/'")
    if requirement.element not in definition.elements:
        bad(
            "element",
            f"unknown element '{requirement.element}'"
            + suggest(requirement.element, definition.elements),
        )
    if requirement.condition and requirement.condition not in definition.conditions:
        bad("condition", f"unknown condition '{requirement.condition}'")
    check = requirement.check.key
    for where, message in CHECKS[check].problems(definition, requirement):
        bad(f"{check}.{where}", message)
    for field, value in requirement.applies.policy.items():
        reason = _policy_choice(field, value)
        if reason is not None:
            bad(f"applies.policy.{field}", reason)
    for choice in requirement.when:
        field, equals, value = choice.partition("=")
        reason = _policy_choice(field, value) if equals else 'write when."field=value"'
        if reason is not None:
            bad(f"when.{choice}", reason)
    return found


# -- graded definitions ---------------------------------------------------------------------


def _override_graded(raw: _Raw, parent: dict[str, Any], child_id: str) -> dict[str, Any]:  # noqa: ARG001
    classes = {c.get("rank"): c for c in parent.get("class", []) if isinstance(c, dict)}
    for record in raw.data.get("class", []):
        rank = record.get("rank") if isinstance(record, dict) else None
        classes[rank] = record
    merged = {"definition": _header(raw, parent), "class": list(classes.values())}
    substitutions = raw.data.get("substitution", parent.get("substitution"))
    if substitutions is not None:
        merged["substitution"] = substitutions
    return merged


def _validate_graded(raw: _Raw, data: dict[str, Any]) -> GradedDefinition:
    for key in ("path", "shipped"):
        if key in data:
            raise raw.problem(key, "unknown key")
    fields = {**data, "path": raw.name, "shipped": _shipped(raw.path)}
    try:
        definition = GradedDefinition.model_validate(fields)
    except ValidationError as exc:
        raise DefinitionError(_located(exc, raw)) from None
    found = inconsistencies(definition, raw.name)
    if found:
        raise DefinitionError(found)
    return definition


_OVERRIDE: dict[Kind, Callable[[_Raw, dict[str, Any], str], dict[str, Any]]] = {
    "binary": _override_binary,
    "graded": _override_graded,
}
_VALIDATE: dict[Kind, Callable[[_Raw, dict[str, Any]], AnyDefinition]] = {
    "binary": _validate_binary,
    "graded": _validate_graded,
}
