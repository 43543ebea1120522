"""The files a checked repository is made of that no component accounts for.

Weights, tokenizer files, configurations and code sit at the top of a model repository; a
manifest that points at none of them leaves ``model.safetensors`` unexplained. When a
directory is checked, its top level is listed once (bounded, no file opened, no sub-directory
walked), each name is matched against ``repository-files.toml``, and a file no component's
local ``location`` names (itself, or a folder holding it) is reported with the fix.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from osaid.readers._repository_files import FileKind, kind_of_file

if TYPE_CHECKING:
    from osaid.model import Component
    from osaid.readers._repository import Repository

MAX_ENTRIES = 5_000
"""At most this many entries of the repository's top level are looked at."""

MAX_REPORTED = 10
"""At most this many unaccounted files are named, one warning each; the rest are counted."""


class Unaccounted(NamedTuple):
    """A file that looks like part of the release, and what it looks like."""

    name: str
    kind: FileKind
    path: Path


def unaccounted(repo: Repository, components: tuple[Component, ...]) -> list[Unaccounted]:
    """The files at the top of ``repo`` that look like release parts no component names."""
    covered: list[Path] = []
    for component in components:
        if component.location is None:
            continue
        path, problem = repo.locate(component.location)
        if path is not None and problem is None:
            covered.append(path)
    return [
        item
        for item in release_files(repo.root)
        if not any(item.path == c or c in item.path.parents for c in covered)
    ]


def release_files(root: Path) -> list[Unaccounted]:
    """The files at the top of ``root`` that look like parts of a release, in name order.

    ``osaid init`` points its placeholder components at them.
    """
    found = []
    try:
        with os.scandir(root) as listing:
            for count, entry in enumerate(listing):
                if count >= MAX_ENTRIES:
                    break
                kind = kind_of_file(entry.name)
                if kind is not None and _is_file(entry):
                    found.append(Unaccounted(entry.name, kind, Path(entry.path)))
    except OSError:
        return []
    return sorted(found, key=lambda item: item.name)


def _is_file(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file(follow_symlinks=False)
    except OSError:
        return False


def messages(found: list[Unaccounted]) -> list[str]:
    """One warning per file (at most :data:`MAX_REPORTED`), with the fix."""
    shown = [
        f"{item.name} looks like {item.kind.what}; no component points at it. Declare it as "
        f"the `location` of a `{item.kind.kind.value}` component (or of the component it "
        "belongs to), or move it out of the repository if it is not part of the release."
        for item in found[:MAX_REPORTED]
    ]
    more = len(found) - len(shown)
    if more > 0:
        shown.append(f"{more} more files look like parts of the release no component points at.")
    return shown
