"""Evidence in the repository: do the files a manifest names exist, and do they agree?

The commonest real mistake is a manifest that claims files or licences the repository does not
contain. When a directory is checked, each component's local ``location`` and ``license_file``
must exist inside it: a path that escapes the repository (``..``, an absolute path, a symlink
pointing outside) is refused, never followed. ``SPDX-License-Identifier`` lines in the files a
component points at, a REUSE-style ``LICENSES/`` folder, and the licence texts of its
``license_file`` or of the LICENSE/COPYING files nearest to it (:mod:`._text_evidence`) must
agree with the licence the component declares. URLs are reported as declared and never
fetched.

The repository comes from whoever sent the pull request, so looking at it is bounded: only
regular files are opened (a FIFO or device is never opened, so nothing blocks), walks are
iterative and stop at :data:`MAX_DEPTH` levels, :data:`MAX_ENTRIES` directory entries and
:data:`MAX_FILES` files, and a walk cut short says so in a warning (:attr:`Repository.notices`)
instead of truncating silently.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Literal, NamedTuple

from osaid._files import FileRefusedError, kind_of, read_regular
from osaid._limits import MAX_LICENSE_TEXT
from osaid._spdx_tags import COMMENT_ENDS, find_tags
from osaid.licensing import (
    Identification,
    MalformedExpression,
    TextKind,
    identify_file,
    parse_expression,
    shipped_license_data,
    symbols,
)
from osaid.model import NOASSERTION, NONE, Component
from osaid.readers._text_evidence import licence_files, text_problems

MAX_FILES = 500
"""At most this many files are scanned under one component location."""

MAX_DEPTH = 64
"""Directories nested deeper than this under a location are not walked into."""

MAX_ENTRIES = 20_000
"""At most this many directory entries are looked at under one location (and in
``LICENSES/``), whatever they are: a walk costs at most this many ``scandir`` entries."""

HEAD_BYTES = 8192
"""Only the head of a file is searched for its SPDX-License-Identifier line."""

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv"}
_NO_GRANT = {NONE, NOASSERTION}


def _ids(expression: str) -> set[str] | None:
    """The canonical licence ids of an expression, or None when it cannot be parsed."""
    try:
        tree = parse_expression(expression, shipped_license_data())
    except MalformedExpression:
        return None
    return {s.canonical.split(" WITH ")[0].removesuffix("+").casefold() for s in symbols(tree)}


class Contradiction(NamedTuple):
    """Something the repository contradicts about a component, and the fix for that cause.

    ``kind`` says how the check treats it: ``defect`` (a path that does not exist, a malformed
    header) always fails; ``conflict`` (a header, a licence text or ``LICENSES/`` that states
    another licence than the declaration, or another source that does) fails unless the policy
    says ``conflicts = "warn"``; ``doubt`` (a text whose licence osaid cannot settle, a licence
    file it cannot read) is a warning.
    """

    message: str
    fix: str
    kind: Literal["defect", "conflict", "doubt"] = "defect"


def _path_fix(label: str, value: str, problem: str) -> str:
    if problem.startswith("does not exist"):
        return (
            f"create '{value}' in the repository, or correct `{label}` to where it really is "
            "(a repository-relative path or a URL)"
        )
    return f"point `{label}` at a file or folder inside the repository, or at a URL"


@dataclass
class Repository:
    """A local repository whose files back a release's declarations."""

    root: Path
    _cache: dict[object, list[Contradiction]] = field(default_factory=dict)
    _parsed: dict[str, set[str] | None] = field(default_factory=dict)
    """Licence ids of each distinct expression parsed; their lengths count against the budget."""
    _parsed_chars: int = 0
    notices: list[str] = field(default_factory=list)
    """Warnings about what could not be looked at in full (a walk cut short by a bound)."""
    _texts: dict[Path, Identification] = field(default_factory=dict)
    """Each licence text identified, once per check."""
    _nearest: dict[Path, tuple[list[Path], list[str]]] = field(default_factory=dict)
    """The licence files (and links out of the repository) of each folder looked at."""

    declared: tuple[str, ...] = ()
    """Every licence expression the release declares: a licence text some other component
    declares is plausibly theirs, so beside a component it does not cover it is a doubt, not
    a conflict (a code LICENSE beside CC-BY documentation)."""

    @classmethod
    def at(cls, directory: str, declared: Iterable[str] = ()) -> Repository:
        return cls(Path(directory).resolve(), declared=tuple(dict.fromkeys(declared)))

    @cached_property
    def declared_ids(self) -> set[str]:
        """The licence ids of every declaration of the release (within the parsing budget)."""
        found: set[str] = set()
        for expression in self.declared:
            if self.affordable(expression):
                found |= self.ids(expression) or set()
        return found

    def problems(self, component: Component) -> list[Contradiction]:
        """Everything the repository contradicts about ``component``, in plain words."""
        # A tuple, not JSON: a non-UTF-8 file name (surrogates) in an origin cannot be encoded.
        key = (component.location, component.license_file, component.license)
        if key not in self._cache:
            self._cache[key] = self._problems(component)
        return self._cache[key]

    def _problems(self, component: Component) -> list[Contradiction]:
        found: list[Contradiction] = []
        declared = component.license.expression if component.license else None
        paths: dict[str, Path] = {}
        for label, value in (
            ("location", component.location),
            ("license_file", component.license_file),
        ):
            if value is None:
                continue
            path, problem = self.locate(value)
            if problem is not None:
                found.append(
                    Contradiction(f"{label} '{value}' {problem}", _path_fix(label, value, problem))
                )
            elif path is not None:
                paths[label] = path
        if declared:
            if "location" in paths:
                found.extend(self._tags_disagree(paths["location"], declared))
            found.extend(self._texts_disagree(component, paths, declared))
            found.extend(self._reuse_disagrees(declared))
        return found

    def _texts_disagree(
        self, component: Component, paths: dict[str, Path], declared: str
    ) -> list[Contradiction]:
        """The component's licence file, else the licence files nearest to where it lives."""
        own = paths.get("license_file")
        if own is not None:
            if not own.is_file():
                return []  # a folder of licence texts: the REUSE check reads LICENSES/
            return text_problems(self, own, declared, "license_file")
        lives = paths.get("location") or self._card_folder(component)
        if component.license_file is not None or lives is None:
            return []  # a licence file given as a URL, or a component not in the repository
        files, outside = self.nearest_licences(lives)
        found = [
            Contradiction(
                f"the licence file {name} is a symbolic link out of the repository; osaid did "
                "not follow it, so it could not compare it with the declared licence",
                f"replace the link {name} with the licence text itself",
                "doubt",
            )
            for name in outside
        ]
        near = (
            f"the licence file nearest to location '{component.location}',"
            if component.location is not None
            else f"the licence file beside {self.shown(lives)},"
        )
        for file in files:
            found.extend(text_problems(self, file, declared, near, others=self.declared_ids))
        return found

    def _card_folder(self, component: Component) -> Path | None:
        """Where a component a reader inferred without a location lives: beside its source.

        A Hugging Face card's ``license`` is the licence of the repository the card is in, so
        the weights it implies live there; a declared component without a location does not
        say where it is, and is not compared.
        """
        if component.inferred_from is None or component.location is not None:
            return None
        try:
            source = Path(component.origin.file).resolve()
        except (OSError, RuntimeError, ValueError):
            return None
        if self.root not in source.parents or not source.is_file():
            return None
        return source

    def nearest_licences(self, path: Path) -> tuple[list[Path], list[str]]:
        """The licence files of ``path``'s folder, or of the closest folder above it with some."""
        directory = path if path.is_dir() else path.parent
        while True:
            if directory not in self._nearest:
                self._nearest[directory] = licence_files(self.root, directory)
            files, outside = self._nearest[directory]
            if files or outside or directory == self.root or self.root not in directory.parents:
                return files, [f"{self.shown(directory / name)}" for name in outside]
            directory = directory.parent

    def shown(self, path: Path) -> str:
        """``path`` as the user sees it: relative to the repository, with forward slashes."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.name

    def identified(self, path: Path, shown: str) -> Identification:
        """The licence text at ``path``, identified once per check."""
        if path not in self._texts:
            self._texts[path] = identify_file(path, shown)
        return self._texts[path]

    def locate(self, text: str) -> tuple[Path | None, str | None]:
        """Resolve a declared path inside the repository; URLs are left alone.

        The path must name a regular file or a directory inside the repository: anything
        else (a FIFO, a device, a socket) is refused without being opened, and a path no file
        system can hold (a NUL character, an over-long name) is a finding, not an error.
        """
        if _URL.match(text) and not re.match(r"^[A-Za-z]:[\\/]", text):
            return None, None
        resolved, problem = self._inside(text)
        if resolved is None:
            return None, problem
        try:
            mode = resolved.stat().st_mode
        except OSError as exc:
            return None, _stat_problem(exc)
        if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
            return None, f"is {kind_of(mode)}, not a file or directory; osaid does not open it"
        return resolved, None

    def _inside(self, text: str) -> tuple[Path | None, str]:
        """``text`` resolved inside the repository, or why it cannot be."""
        if "\x00" in text:
            return None, "is not a valid path (it contains a NUL character)"
        relative = Path(text)
        if relative.is_absolute() or text.startswith(("/", "\\")):
            return None, "is an absolute path; osaid reads only files inside the repository"
        try:
            resolved = (self.root / relative).resolve()
        except (OSError, RuntimeError, ValueError):
            return None, "cannot be resolved (a symlink loop?)"
        if resolved != self.root and self.root not in resolved.parents:
            return None, "points outside the repository (through '..' or a symlink); not followed"
        return resolved, ""

    def affordable(self, expression: str) -> bool:
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

    def _tags_disagree(self, path: Path, declared: str) -> list[Contradiction]:
        if not self.affordable(declared):
            return []
        wanted = self.ids(declared)
        if wanted is None:
            return []
        found = []
        for file, line, expression in self._tags(path):
            if not self.affordable(expression):
                break
            ids = self.ids(expression)
            where = f"{file.relative_to(self.root).as_posix()}:{line}"
            if ids is None:
                found.append(
                    Contradiction(
                        f"{where} has a malformed SPDX-License-Identifier '{expression}'",
                        f"correct the SPDX-License-Identifier line at {where}",
                    )
                )
            elif not ids <= wanted:
                found.append(
                    Contradiction(
                        f"{where} says SPDX-License-Identifier: {expression}, which the declared "
                        f"licence '{declared}' does not cover",
                        f"make {where} and the declaration agree: correct that header, or "
                        f"declare the licence the file really has (with AND if both apply)",
                        "conflict",
                    )
                )
            if len(found) >= 3:
                break
        return found

    def _tags(self, path: Path) -> list[tuple[Path, int, str]]:
        tags = []
        for file in self._files(path):
            try:
                head = read_regular(file, HEAD_BYTES)[:HEAD_BYTES]
            except FileRefusedError:
                continue  # replaced since it was listed, or unreadable: nothing to compare
            text = head.decode("utf-8", errors="replace")
            line, counted = 1, 0
            for start, expression in find_tags(text, COMMENT_ENDS):
                line += text.count("\n", counted, start)
                counted = start
                tags.append((file, line, expression))
        return tags

    def _files(self, path: Path) -> list[Path]:
        """The regular files under ``path`` (itself when it is one), bounded and in name order.

        The walk is iterative (no recursion limit to hit), never follows a symbolic link,
        skips version-control and dependency folders, and looks at nothing but regular files;
        a bound reached is reported once in :attr:`notices`.
        """
        if path.is_file():
            return [path]
        walk = _Walk()
        stack: list[tuple[Path, int]] = [(path, 0)]
        while stack and not walk.stopped:
            directory, depth = stack.pop()
            subdirectories = walk.visit(directory, depth)
            stack.extend((sub, depth + 1) for sub in reversed(subdirectories))
        if walk.cuts:
            where = path.relative_to(self.root).as_posix() if path != self.root else "."
            self.notices.append(
                f"location '{where}': osaid stopped looking for SPDX-License-Identifier lines "
                f"{' and '.join(walk.cuts)} (limits against crafted input); files past them "
                "were not compared with the declared licence"
            )
        return walk.files

    @property
    def reuse_licences(self) -> set[str] | None:
        """Licence ids with a text in ``LICENSES/`` (REUSE), or None without that folder."""
        files = self.reuse_files
        return None if files is None else set(files)

    @cached_property
    def reuse_files(self) -> dict[str, Path] | None:
        """Each licence id of ``LICENSES/`` (REUSE) and its text, or None without the folder."""
        folder = self.root / "LICENSES"
        if not folder.is_dir() or folder.is_symlink():
            return None
        names: dict[str, Path] = {}
        try:
            with os.scandir(folder) as entries:
                for count, entry in enumerate(entries):
                    if count >= MAX_ENTRIES:
                        self.notices.append(
                            f"LICENSES/ holds more than {MAX_ENTRIES:,} entries (a limit against "
                            "crafted input); osaid did not compare it with the declared licences"
                        )
                        return None
                    if _is_regular(entry):
                        names.setdefault(Path(entry.name).stem.casefold(), Path(entry.path))
        except OSError:
            return None
        return names

    def _reuse_disagrees(self, declared: str) -> list[Contradiction]:
        present = self.reuse_licences
        if present is None or not self.affordable(declared):
            return []
        ids = self.ids(declared)
        if ids is None:
            return []
        missing = sorted(i for i in ids if i.upper() not in _NO_GRANT and i not in present)
        if not missing:
            return self._reuse_texts(ids)
        texts = ", ".join(f"LICENSES/{i}.txt" for i in missing)
        return [
            Contradiction(
                f"LICENSES/ has no text for {', '.join(missing)} (REUSE): the repository does not "
                f"ship the licence '{declared}' declares",
                f"add {texts} (for example with `reuse download`), or correct the declared licence",
                "conflict",
            )
        ]

    def _reuse_texts(self, ids: set[str]) -> list[Contradiction]:
        """Each ``LICENSES/<id>`` the declaration names must hold that licence's text.

        Only a clear identification of another licence counts (``LICENSES/MIT.txt`` holding
        the Apache-2.0 text); anything osaid cannot settle is left to ``reuse lint``.
        """
        files = self.reuse_files or {}
        found = []
        for licence_id in sorted(ids):
            path = files.get(licence_id)
            if path is None:
                continue
            shown = self.shown(path)
            text = self.identified(path, shown)
            expression = text.expression
            if text.kind is not TextKind.LICENCE_TEXT or expression is None:
                continue
            if not self.affordable(expression) or self.ids(expression) in (None, {licence_id}):
                continue
            found.append(
                Contradiction(
                    f"{shown} is named for {licence_id} but holds the full text of {expression}",
                    f"put the text of {licence_id} in {shown} (for example with `reuse "
                    "download`), or correct the declared licence",
                    "conflict",
                )
            )
        return found


def _stat_problem(exc: OSError) -> str:
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return "does not exist in the repository"
    if exc.errno == errno.ENAMETOOLONG:
        return "is not a usable path (a name in it is too long)"
    if exc.errno == errno.ELOOP:
        return "cannot be resolved (a symlink loop?)"
    return f"cannot be checked ({exc.strerror or exc})"


def _is_regular(entry: os.DirEntry[str]) -> bool:
    """Whether a directory entry is a regular file itself (a link to one is not)."""
    try:
        return entry.is_file(follow_symlinks=False)
    except OSError:
        return False


class _Walk:
    """One bounded walk: the regular files found, and the bounds that cut it short."""

    def __init__(self) -> None:
        self.files: list[Path] = []
        self.entries = 0
        self.stopped = False
        """Set once a count bound is reached: nothing more is looked at."""
        self.cuts: list[str] = []
        """What was left out, in words, once per bound."""

    def cut(self, reason: str, *, stop: bool) -> None:
        if reason not in self.cuts:
            self.cuts.append(reason)
        self.stopped = self.stopped or stop

    def visit(self, directory: Path, depth: int) -> list[Path]:
        """Collect the regular files of ``directory``; return its sub-directories to walk."""
        try:
            with os.scandir(directory) as listing:
                entries = sorted(self._take(listing), key=lambda entry: entry.name)
        except OSError:
            return []  # unreadable or vanished: nothing in it can contradict a licence
        subdirectories = []
        for entry in entries:
            if _is_regular(entry):
                if len(self.files) >= MAX_FILES:
                    self.cut(f"after {MAX_FILES:,} files", stop=True)
                    return []
                self.files.append(Path(entry.path))
            elif _is_directory(entry) and entry.name not in _SKIP_DIRS:
                if depth >= MAX_DEPTH:
                    self.cut(f"at {MAX_DEPTH} levels of nested directories", stop=False)
                    continue
                subdirectories.append(Path(entry.path))
        return subdirectories

    def _take(self, listing: Iterable[os.DirEntry[str]]) -> Iterator[os.DirEntry[str]]:
        """The entries of one listing while the walk's budget of entries lasts."""
        for entry in listing:
            if self.entries >= MAX_ENTRIES:
                self.cut(f"after {MAX_ENTRIES:,} directory entries", stop=True)
                return
            self.entries += 1
            yield entry


def _is_directory(entry: os.DirEntry[str]) -> bool:
    """Whether a directory entry is a directory itself (a link to one is not followed)."""
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False
