"""The shipped licence tables, validated once and kept in a compact form for every run.

``licenses/compiled.json`` holds the curated tables (open terms, the AI-licence catalogue,
aliases and families, kinds of additional terms) already validated, with the digest of the
TOML files they come from, the fingerprint of their models and the definitions' element names
they were checked against (:mod:`osaid._compiled`). A run uses it only while all three match,
so it makes a cold start faster but never changes a verdict; ``tasks/compile_data.py`` writes
it. The generated SPDX list (``spdx.json``) is JSON already and is read as it is.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from osaid._compiled import FORMAT, construct, digest, fingerprint, read_compiled

__all__ = ["COMPILED", "SOURCES", "compiled_form", "compiled_tables", "validated_tables"]

COMPILED = "compiled.json"
"""The compiled form's file name in the licence data directory."""

SOURCES = ("open-terms.toml", "ai-licenses.toml", "aliases.toml", "additional-terms.toml")
"""The tables compiled, by file name."""


def _models() -> dict[str, type[BaseModel]]:
    from osaid.licensing._data import _AliasFile, _CatalogueFile, _OpenTermsFile  # noqa: PLC0415
    from osaid.licensing._terms import _File  # noqa: PLC0415

    return {
        "open-terms.toml": _OpenTermsFile,
        "ai-licenses.toml": _CatalogueFile,
        "aliases.toml": _AliasFile,
        "additional-terms.toml": _File,
    }


def validated_tables(root: Path, elements: Iterable[str]) -> dict[str, BaseModel]:
    """The tables of ``root`` read from their files and validated (to compile them).

    Loading the licence data of ``root`` first checks what validation alone does not: ids on
    the SPDX list, elements the definitions have.
    """
    from osaid.licensing._data import _load, load_license_data  # noqa: PLC0415

    load_license_data(root, list(elements))
    return {name: _load(model, root / name) for name, model in _models().items()}


def compiled_form(
    root: Path, tables: dict[str, BaseModel], elements: Iterable[str]
) -> dict[str, Any]:
    """What ``compiled.json`` holds for the validated ``tables`` (by file name) of ``root``."""
    return {
        "format": FORMAT,
        "records": fingerprint(_models().values()),
        "sources": digest([root / name for name in SOURCES]),
        "elements": sorted(elements),
        "tables": {
            name: tables[name].model_dump(mode="json", by_alias=True, exclude_defaults=True)
            for name in SOURCES
        },
    }


@cache
def compiled_tables(root: Path) -> dict[str, Any] | None:
    """The shipped tables from their compiled form (None when it is not current)."""
    from osaid.definition import element_names  # noqa: PLC0415 - what it was checked against

    content = read_compiled(root / COMPILED, [root / name for name in SOURCES])
    if content is None or content.get("elements") != sorted(element_names()):
        return None
    models = _models()
    if content.get("records") != fingerprint(models.values()):
        return None
    try:
        return {name: construct(models[name], content["tables"][name]) for name in SOURCES}
    except (KeyError, TypeError, ValueError):  # a compiled form this code cannot read
        return None
