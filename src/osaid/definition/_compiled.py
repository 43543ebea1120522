"""The shipped definitions, resolved and validated once, kept in a compact form for every run.

Reading the shipped TOML files, resolving their ``extends`` chains and validating every record
cost each ``osaid check`` (every commit hook) more than checking the release did, for data
that changes only when osaid does. ``definitions/compiled.json`` holds them already resolved
and validated, with a checksum of every ``*.toml`` it was made from and of the record classes
it was made for. A run reads the sources' bytes (no parsing), compares the digests, and builds
only the definitions it uses, without validating them again. When anything differs (a
definition edited, added or removed, a record class changed) the sources are loaded and
validated as always, so the compiled file can make a run faster but never change what it finds.
``tasks/compile_data.py`` writes it; the test suite checks that it is current.

Only the shipped directory is compiled: definitions from ``$OSAID_DEFINITIONS_PATH`` are
always read from their files (and then every definition is, as they may extend shipped ones).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from pydantic import BaseModel

from osaid._compiled import FORMAT, choose_by, construct, digest, fingerprint, read_compiled
from osaid.definition._records import CheckRecord, Definition

if TYPE_CHECKING:
    from osaid.definition._graded import GradedDefinition
    from osaid.definition._loader import AnyDefinition, Kind

__all__ = ["COMPILED", "Compiled", "compiled_form", "records"]

COMPILED = "compiled.json"
"""The compiled form's file name in the definitions directory."""


def _sources(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.toml"))


def _model(kind: Kind) -> type[BaseModel]:
    if kind == "graded":
        from osaid.definition._graded import GradedDefinition  # noqa: PLC0415 - graded only

        return GradedDefinition
    return Definition


@cache
def records(kind: Kind) -> str:
    """The fingerprint of the record classes of ``kind``'s definitions."""
    models: list[type[BaseModel]] = [_model(kind)]
    if kind == "binary":
        from osaid.evaluate.checks import CHECKS  # noqa: PLC0415 - the kinds' records

        models += [check.record for check in CHECKS.values()]
    return fingerprint(models)


def compiled_form(directory: Path, found: tuple[AnyDefinition, ...]) -> dict[str, Any]:
    """What ``compiled.json`` holds for the definitions ``found`` in ``directory``."""
    return {
        "format": FORMAT,
        "records": {kind: records(kind) for kind in sorted({d.kind for d in found})},
        "sources": digest(_sources(directory)),
        "elements": sorted({e for d in found if isinstance(d, Definition) for e in d.elements}),
        "definitions": [
            {"id": d.id, "file": Path(d.path).name, "kind": d.kind, "data": _dump(d)} for d in found
        ],
    }


def _dump(definition: AnyDefinition) -> dict[str, Any]:
    data = definition.model_dump(
        mode="json", by_alias=True, exclude={"path", "shipped"}, exclude_defaults=True
    )
    if isinstance(definition, Definition):  # each check keeps the name of its kind
        for record, requirement in zip(data["requirement"], definition.requirements, strict=True):
            record["check"] = {"key": requirement.check.key, **record["check"]}
    return data


class Compiled:
    """A current compiled form: its definitions, each built when first asked for."""

    def __init__(self, directory: Path, content: dict[str, Any]) -> None:
        self.directory = directory
        self.records: dict[str, str] = content["records"]
        self.elements: list[str] = list(content["elements"])
        self.entries: dict[str, dict[str, Any]] = {e["id"]: e for e in content["definitions"]}
        self._built: dict[str, AnyDefinition] = {}

    @classmethod
    def load(cls, directory: Path) -> Compiled | None:
        """The compiled form of ``directory``, or None when it is missing or not current."""
        content = read_compiled(directory / COMPILED, _sources(directory))
        if content is None:
            return None
        try:
            return cls(directory, content)
        except (KeyError, TypeError):  # a compiled form this code cannot read
            return None

    def definition(self, definition_id: str) -> AnyDefinition | None:
        """The definition ``definition_id``, or None (not compiled, or made for other records)."""
        if definition_id not in self._built:
            entry = self.entries.get(definition_id)
            if entry is None or self.records.get(entry["kind"]) != records(entry["kind"]):
                return None
            path = str(self.directory / entry["file"])
            built = construct(
                _model(entry["kind"]), {**entry["data"], "path": path, "shipped": True}
            )
            self._built[definition_id] = cast("Definition | GradedDefinition", built)
        return self._built[definition_id]

    def everything(self) -> tuple[AnyDefinition, ...] | None:
        """Every definition, in the sources' order (None when any cannot be built)."""
        found = [self.definition(definition_id) for definition_id in self.entries]
        return None if any(d is None for d in found) else tuple(d for d in found if d)


def _check(data: dict[str, Any]) -> tuple[type[BaseModel], dict[str, Any]]:
    """A requirement's check is rebuilt as the record of the kind it names."""
    from osaid.evaluate.checks import CHECKS  # noqa: PLC0415 - the kinds' records

    rest = dict(data)
    return CHECKS[rest.pop("key")].record, rest


choose_by(CheckRecord, _check)
