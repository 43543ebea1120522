"""Licence facts loaded from ``licenses/``: generated SPDX data plus curated tables.

Python holds no licence lists: every id, alias, open-terms entry and failing clause comes from
these files, loaded once per process (and validated, so a broken table names file and key).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from osaid._errors import LicenseDataError, Problem
from osaid._resources import data_dir
from osaid._toml import read_toml
from osaid._validation import key_path, suggest


def normalize_spelling(text: str) -> str:
    """Case- and whitespace-insensitive key used for every lookup."""
    return re.sub(r"\s+", " ", text.strip()).casefold()


class SpdxLicense(NamedTuple):
    """One SPDX License List entry, reduced to the fields the rules read."""

    id: str
    name: str
    osi: bool
    fsf: bool
    deprecated: bool
    copyleft: bool
    successor: str | None = None
    """For a deprecated id: the current expression SPDX replaced it with (``ID`` or
    ``ID WITH EXCEPTION``), from SPDX's ``obsoletedBy`` data (see tasks/update_spdx.py)."""
    successor_or_later: str | None = None
    """The replacement of the id followed by ``+`` (``GPL-2.0+`` -> ``GPL-2.0-or-later``)."""


class SpdxException(NamedTuple):
    """One SPDX licence exception."""

    id: str
    name: str
    deprecated: bool


class _Table(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class OpenTerm(_Table):
    """A licence osaid's policy accepts as open terms for some elements."""

    id: str
    elements: list[str] = Field(min_length=1)
    """Names of definition elements (``parameters``), checked against the definitions when the
    data is loaded (see :func:`load_license_data`)."""
    rationale: str
    source: str
    note: str | None = None


class Failure(_Table):
    """A clause of a licence that denies an OSAID freedom, with the OSD criterion it breaks."""

    kind: str
    clause: str | None = None
    """Where in the licence the term sits (a section, or the part of the text)."""
    checked: bool = True
    """False when where the term sits could not be checked against the text: the clause is then
    not shown to users (provenance stays in the data, never in a reason)."""
    osd: list[str] = Field(default_factory=list)
    summary: str

    @model_validator(mode="after")
    def _clause_when_checked(self) -> Failure:
        if self.checked == (self.clause is None):
            raise ValueError("give `clause` when checked, and omit it when `checked = false`")
        return self


class CatalogueEntry(_Table):
    """A known licence that does not grant the freedoms, and why."""

    key: str
    id: str
    name: str
    aliases: list[str] = Field(default_factory=list)
    url: str | None = None
    note: str | None = None
    fails: list[Failure] = Field(min_length=1)
    binds_trained_models: str | None = None
    """Where the licence reaches models trained on the material or its outputs (distillation),
    in users' words, e.g. "§1.b.i: models trained with its outputs must be named 'Llama...'"."""


class Alias(_Table):
    """A non-SPDX spelling that osaid maps to one SPDX id, with a warning."""

    spelling: str
    id: str
    source: str
    note: str | None = None


class Family(_Table):
    """A spelling that names a licence family without a version; osaid will not guess."""

    spelling: str
    members: list[str] = Field(default_factory=list)
    note: str
    """Where the entry comes from (kept in the data, not shown)."""
    advice: str
    """What users read: why osaid cannot pick one licence, and what to write instead."""


class _Meta(_Table):
    model_config = ConfigDict(extra="allow", frozen=True, defer_build=True)
    title: str


class _OpenTermsFile(_Table):
    meta: _Meta
    terms: list[OpenTerm]


class _CatalogueFile(_Table):
    meta: _Meta
    license: list[CatalogueEntry]


class _AliasFile(_Table):
    meta: _Meta
    alias: list[Alias] = Field(default_factory=list)
    family: list[Family] = Field(default_factory=list)


@dataclass(frozen=True)
class LicenseData:
    """Every licence fact osaid uses, indexed by normalised spelling."""

    list_version: str
    licenses: dict[str, SpdxLicense]
    exceptions: dict[str, SpdxException]
    open_terms: dict[str, OpenTerm]
    open_terms_policy: str
    catalogue: dict[str, CatalogueEntry]
    aliases: dict[str, Alias]
    families: dict[str, Family]


def _load(model: type[BaseModel], path: Path) -> Any:
    """Read the TOML table file ``path`` and validate it; problems name the file and key."""
    data = read_toml(path, LicenseDataError)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise LicenseDataError(
            [
                Problem(str(e["msg"]), file=str(path), key=key_path(e["loc"]))
                for e in exc.errors(include_url=False)
            ]
        ) from None


def _spdx(path: Path) -> tuple[str, dict[str, SpdxLicense], dict[str, SpdxException]]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        licenses = {
            key.lower(): SpdxLicense(
                key,
                value["name"],
                value["osi"],
                value["fsf"],
                value["deprecated"],
                value["copyleft"],
                value.get("successor"),
                value.get("successor_or_later"),
            )
            for key, value in raw["licenses"].items()
        }
        exceptions = {
            key.lower(): SpdxException(key, value["name"], value["deprecated"])
            for key, value in raw["exceptions"].items()
        }
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise LicenseDataError(Problem(f"malformed SPDX data ({exc})", file=str(path))) from None
    _check_successors(licenses, exceptions, path)
    return str(raw["license_list_version"]), licenses, exceptions


def _check_successors(
    licenses: dict[str, SpdxLicense], exceptions: dict[str, SpdxException], path: Path
) -> None:
    """Every replacement of a deprecated id names a current licence (and a listed exception)."""
    problems = []
    for lic in licenses.values():
        for successor in (lic.successor, lic.successor_or_later):
            if successor is None:
                continue
            license_id, _, exception_id = successor.partition(" WITH ")
            target = licenses.get(license_id.lower())
            if (
                target is None
                or target.deprecated
                or (exception_id and exception_id.lower() not in exceptions)
            ):
                problems.append(
                    Problem(
                        f"successor '{successor}' is not a current SPDX licence expression",
                        file=str(path),
                        key=f"licenses.{lic.id}",
                    )
                )
    if problems:
        raise LicenseDataError(problems)


def load_license_data(
    directory: Path | None = None, elements: Iterable[str] | None = None
) -> LicenseData:
    """Load and index the licence data in ``directory`` (default: the shipped ``licenses/``).

    The elements an open-terms entry names must be ``elements`` (default: every element of the
    available definitions), so a misspelt element is refused instead of never matching.
    """
    root = directory or data_dir("licenses")
    version, licenses, exceptions = _spdx(root / "spdx.json")
    compiled = None
    if directory is None and elements is None:
        from osaid.licensing._compiled import compiled_tables  # noqa: PLC0415

        compiled = compiled_tables(root)
    if compiled is not None:  # validated and checked when compiled, against these sources
        terms, catalogue, aliases = (
            compiled["open-terms.toml"],
            compiled["ai-licenses.toml"],
            compiled["aliases.toml"],
        )
    else:
        terms, catalogue, aliases = _tables(root, licenses, elements)
    indexed_catalogue: dict[str, CatalogueEntry] = {}
    for entry in catalogue.license:
        for spelling in (entry.id, entry.key, *entry.aliases):
            indexed_catalogue.setdefault(normalize_spelling(spelling), entry)
    policy = getattr(terms.meta, "policy", None) or terms.meta.title
    return LicenseData(
        list_version=version,
        licenses=licenses,
        exceptions=exceptions,
        open_terms={term.id.lower(): term for term in terms.terms},
        open_terms_policy=str(policy),
        catalogue=indexed_catalogue,
        aliases={normalize_spelling(a.spelling): a for a in aliases.alias},
        families={normalize_spelling(f.spelling): f for f in aliases.family},
    )


def _tables(
    root: Path, licenses: dict[str, SpdxLicense], elements: Iterable[str] | None
) -> tuple[_OpenTermsFile, _CatalogueFile, _AliasFile]:
    """The curated tables of ``root``, read, validated and checked against the SPDX list."""
    terms_path = root / "open-terms.toml"
    terms: _OpenTermsFile = _load(_OpenTermsFile, terms_path)
    catalogue: _CatalogueFile = _load(_CatalogueFile, root / "ai-licenses.toml")
    alias_path = root / "aliases.toml"
    aliases: _AliasFile = _load(_AliasFile, alias_path)
    _check_references(licenses, terms, aliases, terms_path, alias_path)
    _check_elements(terms, terms_path, elements)
    return terms, catalogue, aliases


def _check_references(
    licenses: dict[str, SpdxLicense],
    terms: _OpenTermsFile,
    aliases: _AliasFile,
    terms_path: Path,
    alias_path: Path,
) -> None:
    problems = [
        Problem(
            f"'{t.id}' is not on the SPDX License List", file=str(terms_path), key=f"terms[{i}].id"
        )
        for i, t in enumerate(terms.terms)
        if t.id.lower() not in licenses
    ]
    problems += [
        Problem(
            f"'{a.id}' is not on the SPDX License List", file=str(alias_path), key=f"alias[{i}].id"
        )
        for i, a in enumerate(aliases.alias)
        if a.id.lower() not in licenses
    ]
    if problems:
        raise LicenseDataError(problems)


def _check_elements(terms: _OpenTermsFile, path: Path, elements: Iterable[str] | None) -> None:
    """Every element an open-terms entry names is one the definitions have."""
    if elements is None:
        from osaid.definition import element_names  # noqa: PLC0415 - definitions are data too

        elements = element_names()
    known = set(elements)
    problems = [
        Problem(
            f"unknown element '{element}'{suggest(element, known)}",
            file=str(path),
            key=f"terms[{index}].elements[{position}]",
        )
        for index, term in enumerate(terms.terms)
        for position, element in enumerate(term.elements)
        if element not in known
    ]
    if problems:
        raise LicenseDataError(problems)


@cache
def shipped_license_data() -> LicenseData:
    """The licence data shipped with osaid, loaded once per process."""
    return load_license_data()
