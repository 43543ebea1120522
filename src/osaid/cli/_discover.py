"""``osaid check --recursive``: the releases of a monorepo, one directory each.

A directory given is walked (symbolic links are not followed, hidden and tool directories
such as ``.git`` and ``node_modules`` are skipped), and every directory holding an osaid
manifest (a file the directory reader always reads) becomes one input, checked the way a
directory is checked: its release descriptions merged. The directory given stays an input
when it holds a manifest itself, or when no sub-directory does (so "no release description
found" is still said about it). Files given are kept as they are.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

__all__ = ["MAX_DIRECTORIES", "releases"]

MAX_DIRECTORIES = 100_000
"""Directories walked under one path at most: a walk of a huge tree stops rather than hangs."""

_SKIPPED = frozenset({"node_modules", "__pycache__", "site-packages", "venv"})


def _has_manifest(directory: str, names: list[str]) -> bool:
    from osaid.readers import always_read  # noqa: PLC0415

    return any(always_read(name) and (Path(directory) / name).is_file() for name in names)


def _walk(root: str) -> list[str]:
    found: list[str] = []
    for walked, (directory, subdirs, files) in enumerate(os.walk(root, followlinks=False), 1):
        subdirs[:] = sorted(d for d in subdirs if not d.startswith(".") and d not in _SKIPPED)
        if _has_manifest(directory, files):
            found.append(directory)
        if walked >= MAX_DIRECTORIES:
            break
    return found


def releases(paths: Sequence[str]) -> list[str]:
    """The inputs ``paths`` stand for: each directory replaced by its releases, in order."""
    inputs: list[str] = []
    for path in paths:
        if not Path(path).is_dir():
            inputs.append(path)
            continue
        found = _walk(path)
        inputs += found or [path]
    return list(dict.fromkeys(inputs))
