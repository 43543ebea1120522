"""Evidence in the repository: do the files a manifest names exist, and do they agree?

The commonest real mistake is a manifest that claims files or licences the repository does not
contain. When a directory is checked, each component's local ``location`` and ``license_file``
must exist inside it: a path that escapes the repository (``..``, an absolute path, a symlink
pointing outside) is refused, never followed. ``SPDX-License-Identifier`` lines in the files a
component points at, and a REUSE-style ``LICENSES/`` folder, must agree with the licence the
component declares. URLs are reported as declared and never fetched.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from osaid._limits import MAX_LICENSE_TEXT
from osaid._spdx_tags import COMMENT_ENDS, find_tags
from osaid.licensing import shipped_license_data
from osaid.licensing._expression import MalformedExpression, parse_expression, symbols
from osaid.model import Component

MAX_FILES = 500
"""At most this many files are scanned under one component location."""

HEAD_BYTES = 8192
"""Only the head of a file is searched for its SPDX-License-Identifier line."""

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv"}
_NO_GRANT = {"NONE", "NOASSERTION"}


def _ids(expression: str) -> set[str] | None:
    """The canonical licence ids of an expression, or None when it cannot be parsed."""
    try:
        tree = parse_expression(expression, shipped_license_data())
    except MalformedExpression:
        return None
    return {s.canonical.split(" WITH ")[0].removesuffix("+").casefold() for s in symbols(tree)}


@dataclass
class Repository:
    """A local repository whose files back a release's declarations."""

    root: Path
    _cache: dict[str, list[str]] = field(default_factory=dict)
    _parsed: dict[str, set[str] | None] = field(default_factory=dict)
    """Licence ids of each distinct expression parsed; their lengths count against the budget."""
    _parsed_chars: int = 0

    @classmethod
    def at(cls, directory: str) -> Repository:
        return cls(Path(directory).resolve())

    def problems(self, component: Component) -> list[str]:
        """Everything the repository contradicts about ``component``, in plain words."""
        key = component.model_dump_json(include={"location", "license_file", "license"})
        if key not in self._cache:
            self._cache[key] = self._problems(component)
        return self._cache[key]

    def _problems(self, component: Component) -> list[str]:
        found: list[str] = []
        declared = component.license.expression if component.license else None
        for label, value in (
            ("location", component.location),
            ("license_file", component.license_file),
        ):
            if value is None:
                continue
            path, problem = self.locate(value)
            if problem is not None:
                found.append(f"{label} '{value}' {problem}")
            elif path is not None and label == "location" and declared:
                found.extend(self._tags_disagree(path, declared))
        if declared:
            found.extend(self._reuse_disagrees(declared))
        return found

    def locate(self, text: str) -> tuple[Path | None, str | None]:
        """Resolve a declared path inside the repository; URLs are left alone."""
        if _URL.match(text) and not re.match(r"^[A-Za-z]:[\\/]", text):
            return None, None
        relative = Path(text)
        if relative.is_absolute() or text.startswith(("/", "\\")):
            return None, "is an absolute path; osaid reads only files inside the repository"
        try:
            resolved = (self.root / relative).resolve()
        except (OSError, RuntimeError):
            return None, "cannot be resolved (a symlink loop?)"
        if resolved != self.root and self.root not in resolved.parents:
            return None, "points outside the repository (through '..' or a symlink); not followed"
        if not resolved.exists():
            return None, "does not exist in the repository"
        return resolved, None

    def _affordable(self, expression: str) -> bool:
        """Whether ``expression`` is parsed already or still fits the parsing budget.

        These cross-checks are best effort: past the budget they stop rather than parse
        without bound (the declared licences themselves are judged, within their own budget,
        by the engine).
        """
        return (
            expression in self._parsed or self._parsed_chars + len(expression) <= MAX_LICENSE_TEXT
        )

    def ids(self, expression: str) -> set[str] | None:
        """The licence ids of ``expression`` (None when malformed), parsed once per check."""
        if expression not in self._parsed:
            self._parsed_chars += len(expression)
            self._parsed[expression] = _ids(expression)
        return self._parsed[expression]

    def _tags_disagree(self, path: Path, declared: str) -> list[str]:
        if not self._affordable(declared):
            return []
        wanted = self.ids(declared)
        if wanted is None:
            return []
        found = []
        for file, line, expression in self._tags(path):
            if not self._affordable(expression):
                break
            ids = self.ids(expression)
            where = f"{file.relative_to(self.root).as_posix()}:{line}"
            if ids is None:
                found.append(f"{where} has a malformed SPDX-License-Identifier '{expression}'")
            elif not ids <= wanted:
                found.append(
                    f"{where} says SPDX-License-Identifier: {expression}, which the declared "
                    f"licence '{declared}' does not cover"
                )
            if len(found) >= 3:
                break
        return found

    def _tags(self, path: Path) -> list[tuple[Path, int, str]]:
        tags = []
        for file in self._files(path):
            try:
                with file.open("rb") as handle:
                    head = handle.read(HEAD_BYTES).decode("utf-8", errors="replace")
            except OSError:
                continue
            line, counted = 1, 0
            for start, expression in find_tags(head, COMMENT_ENDS):
                line += head.count("\n", counted, start)
                counted = start
                tags.append((file, line, expression))
        return tags

    def _files(self, path: Path) -> list[Path]:
        if path.is_file():
            return [path]
        files: list[Path] = []
        for current, dirs, names in os.walk(path, followlinks=False):
            dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS)
            for name in sorted(names):
                candidate = Path(current) / name
                if candidate.is_symlink():
                    continue
                files.append(candidate)
                if len(files) >= MAX_FILES:
                    return files
        return files

    @cached_property
    def reuse_licences(self) -> set[str] | None:
        """Licence ids with a text in ``LICENSES/`` (REUSE), or None without that folder."""
        folder = self.root / "LICENSES"
        if not folder.is_dir() or folder.is_symlink():
            return None
        return {entry.stem.casefold() for entry in folder.iterdir() if entry.is_file()}

    def _reuse_disagrees(self, declared: str) -> list[str]:
        present = self.reuse_licences
        if present is None or not self._affordable(declared):
            return []
        ids = self.ids(declared)
        if ids is None:
            return []
        missing = sorted(i for i in ids if i.upper() not in _NO_GRANT and i not in present)
        if not missing:
            return []
        return [
            f"LICENSES/ has no text for {', '.join(missing)} (REUSE): the repository does not "
            f"ship the licence '{declared}' declares"
        ]
