"""A repository or directory as input: merge every release description found in it.

Publishers keep facts in several files (an osaid manifest, a model card, an SBOM). osaid reads
each recognised file at the top of the directory and merges what they say about one release.
Precedence, highest first: the osaid manifest, SBOMs (SPDX, CycloneDX), MOF files, the model
card. A higher source wins a disagreement, and a licence disagreement fails the component
naming both places (:mod:`._merge`). Every component keeps the file it came from. A file
osaid recognises as a release description but cannot read stops the check (exit 2, naming
it): the verdict would otherwise be reached without it.

A directory comes from whoever sent the pull request, so listing it is cheap and bounded: one
``scandir``, names filtered by suffix before anything is looked at, only regular files read
(a FIFO is never opened), at most :data:`MAX_FILES` files and :data:`MAX_BYTES_FACTOR` times the
per-file size limit in total, and every file left out is counted in a warning, never dropped
silently.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

from osaid._errors import InputError, Problem, UnreadableDescriptionError
from osaid._limits import MAX_INPUT_BYTES, describe_size
from osaid.model import Note, Release, Source
from osaid.readers import READERS
from osaid.readers._document import read_text
from osaid.readers._merge import listing, merge

Reader = Callable[[str, str], Release | None]

SUFFIXES = tuple(sorted({suffix for r in READERS for suffix in r.suffixes}))
"""Files considered at the top of a directory, as each format declares them (others, and
sub-directories, are not read)."""

_EXPLICIT_NAMES = frozenset(name for r in READERS for name in r.names)

MAX_FILES = 1_000
"""At most this many files of one directory are read as possible release descriptions (a real
repository has a few dozen at its top); osaid manifests are read first, then the rest in name
order, and the files past the bound are named in a warning."""

MAX_BYTES_FACTOR = 4
"""The files read from one directory total at most this many times the per-file size limit
(40 MiB by default); a file that does not fit is left unread and named in a warning."""


def read_directory(path: Path, reader: Reader, max_bytes: int = MAX_INPUT_BYTES) -> Release:
    """Read and merge the release descriptions in ``path`` (each file at most ``max_bytes``)."""
    entries = _entries(path)
    reading = _Reading(path.resolve(), reader, max_bytes)
    for index, entry in enumerate(entries):
        if not reading.room_for(entry):
            # Past the count bound; manifests came first, so none is left: name the rest only.
            reading.left.unread.extend(rest.name for rest in entries[index:])
            break
        reading.read(entry)
    reading.refuse()
    phrases = _left_out(reading.left, max_bytes)
    if not reading.found:
        raise InputError(
            Problem(
                "no release description found (looked for an osaid manifest, a model card "
                "README.md, MOF model files and SPDX/CycloneDX documents)"
                + "".join(f"; {text}" for _, text in phrases),
                file=str(path),
            )
        )
    source = Source(file=str(path), format="directory", repository=str(path))
    return merge(reading.found, source, skipped=reading.skipped, notes=_notes(phrases))


class _LeftOut(NamedTuple):
    """Names of a directory's possible descriptions that were not read, by reason."""

    outside: list[str]
    """Symbolic links out of the directory (never followed)."""
    too_large: list[str]
    """Files over the per-file size limit (never opened)."""
    unread: list[str]
    """Files past the directory's bounds (:data:`MAX_FILES`, :data:`MAX_BYTES_FACTOR`)."""
    refused: list[str]
    """Files that could not be read as text (a FIFO, a device, binary or not UTF-8), with why."""


class _Reading:
    """One directory being read: what was found, what was not, and the budget left."""

    def __init__(self, root: Path, reader: Reader, max_bytes: int) -> None:
        self.root = root
        self.reader = reader
        self.max_bytes = max_bytes
        self.budget = MAX_BYTES_FACTOR * max_bytes
        self.found: list[Release] = []
        self.skipped: list[str] = []
        """Files read that are no release description (or cannot be read)."""
        self.left = _LeftOut([], [], [], [])
        self.refused: list[UnreadableDescriptionError] = []
        """Files recognised as release descriptions that cannot be read."""

    def room_for(self, entry: os.DirEntry[str]) -> bool:
        """Whether the count bound still lets ``entry`` be read (an osaid manifest always is)."""
        return len(self.found) + len(self.skipped) < MAX_FILES or _explicit(entry.name)

    def read(self, entry: os.DirEntry[str]) -> None:
        """Read every entry that fits; a recognised description that cannot be read is kept.

        All of them are named at the end (:meth:`refuse`), not only the first.
        """
        try:
            self.take(entry)
        except UnreadableDescriptionError as exc:
            self.refused.append(exc)

    def refuse(self) -> None:
        """Raise one error naming every recognised description that could not be read."""
        if not self.refused:
            return
        reasons = [(exc.title, p) for exc in self.refused for p in exc.problems[:1]]
        if len(reasons) == 1:
            title, problem = reasons[0]
            message = (
                f"{problem.key + ': ' if problem.key else ''}{problem.message} (osaid recognises "
                f"this {title} but cannot read it, so the directory is not checked without it)"
            )
            raise UnreadableDescriptionError(
                Problem(message, file=problem.file, line=problem.line), title
            )
        listed = "; ".join(f"{p} ({title})" for title, p in reasons)
        message = (
            f"{len(reasons)} release descriptions osaid recognises cannot be read, so the "
            f"directory is not checked without them: {listed}"
        )
        raise UnreadableDescriptionError(Problem(message, file=str(self.root)), reasons[0][0])

    def take(self, entry: os.DirEntry[str]) -> None:
        """Read ``entry`` if it can be a description and fits the budget; else record why not."""
        size = _candidate(entry, self.root)
        explicit = _explicit(entry.name)
        if size is None:
            return
        if size < 0:
            self.left.outside.append(entry.name)
        elif not explicit and size > self.max_bytes:
            self.left.too_large.append(entry.name)  # cannot be a description: not opened
        elif not explicit and size > self.budget:
            self.left.unread.append(entry.name)
        else:
            self.budget -= min(size, self.max_bytes + 1)
            try:
                text = read_text(Path(entry.path), self.max_bytes)
            except InputError as exc:
                if explicit:
                    raise
                self.left.refused.append(f"{entry.name} ({exc.problems[0].message})")
                return
            release = _read_one(text, str(entry.path), self.reader, explicit=explicit)
            if release is None:
                self.skipped.append(entry.name)
            else:
                self.found.append(release)


def _explicit(name: str) -> bool:
    return name.lower() in _EXPLICIT_NAMES


def _entries(path: Path) -> list[os.DirEntry[str]]:
    """The entries of ``path`` whose suffix can be a description, osaid manifests first.

    The rest follow in name order. Nothing else is looked at (not even with ``stat``).
    """
    manifests: list[tuple[str, os.DirEntry[str]]] = []
    others: list[tuple[str, os.DirEntry[str]]] = []
    try:
        with os.scandir(path) as listing_:
            for entry in listing_:
                name = entry.name.lower()
                if name.endswith(SUFFIXES):
                    (manifests if name in _EXPLICIT_NAMES else others).append((entry.name, entry))
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise InputError(Problem(f"cannot be listed ({reason})", file=str(path))) from None
    return [entry for _, entry in [*sorted(manifests), *sorted(others, key=itemgetter(0))]]


def candidates(path: Path) -> list[Path]:
    """The files of ``path`` that may be release descriptions, in reading order (``init``)."""
    root = path.resolve()
    files = []
    for entry in _entries(path):
        size = _candidate(entry, root)
        if size is not None and size >= 0:
            files.append(Path(entry.path))
    return files


def _candidate(entry: os.DirEntry[str], root: Path) -> int | None:
    """The size of a file worth reading; None for a sub-directory, -1 for a link out of ``root``.

    Only symbolic links are resolved; other entries cost one ``stat`` (a FIFO is never opened).
    An entry that cannot be examined is still a candidate: reading it says why it is refused.
    """
    try:
        if entry.is_symlink() and Path(entry.path).resolve().parent != root:
            return -1  # a symlink out of the directory is not followed
        if entry.is_dir():  # sub-directories are not read
            return None
        return entry.stat().st_size
    except (OSError, RuntimeError):
        return 0


def _read_one(text: str, name: str, reader: Reader, *, explicit: bool) -> Release | None:
    """Read one candidate's text; None when it is no release description osaid recognises.

    An invalid osaid manifest, or a file recognised as a description (an SBOM of a version
    osaid does not read, say) that cannot be read, raises: the directory's verdict would be
    reached without it. A file that is not valid JSON or YAML, or no format osaid knows, is
    skipped and listed. (A file that cannot be read as text at all never gets here.)
    """
    try:
        return reader(text, name)
    except UnreadableDescriptionError:
        raise
    except InputError:
        if explicit:
            raise
        return None


def _left_out(left: _LeftOut, max_bytes: int) -> list[tuple[str, str]]:
    """A warning code and a phrase for each reason files were left unread."""
    phrases = []
    if left.outside:
        phrases.append(
            (
                "directory-symlinks",
                f"symbolic links out of the directory, not followed: {listing(left.outside)}",
            )
        )
    if left.too_large:
        phrases.append(
            (
                "directory-too-large",
                f"larger than the input limit of {describe_size(max_bytes)}, not read: "
                f"{listing(left.too_large)}",
            )
        )
    if left.refused:
        phrases.append(
            (
                "directory-unreadable",
                f"could not be read as text, so not used: {listing(left.refused)}",
            )
        )
    if left.unread:
        phrases.append(
            (
                "directory-limit",
                f"not read, past the bound of {MAX_FILES:,} files or "
                f"{describe_size(MAX_BYTES_FACTOR * max_bytes)} read per directory (a limit "
                f"against crafted input): {listing(left.unread)}",
            )
        )
    return phrases


def _notes(phrases: list[tuple[str, str]]) -> list[Note]:
    """Warnings naming what was left unread, so no description is dropped silently."""
    notes = []
    for code, text in phrases:
        message = f"{text[0].upper()}{text[1:]}."
        if code == "directory-limit":
            message += (
                " Check a description among them by naming the file, or move unrelated files "
                "into a sub-directory."
            )
        notes.append(Note(code=code, message=message))
    return notes
