"""A repository or directory as input: merge every release description found in it.

Publishers keep facts in several files (an osaid manifest, a model card, an SBOM). osaid reads
each recognised file at the top of the directory and merges what they say about one release.
Precedence, highest first: the osaid manifest, SBOMs (SPDX, CycloneDX), MOF files, the model
card. A higher source wins a disagreement; a licence disagreement is also reported as a
warning naming both places. Every component keeps the file it came from.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from osaid._document import read_text
from osaid._errors import InputError, Problem
from osaid._limits import MAX_INPUT_BYTES
from osaid.model import Release, Source
from osaid.readers._merge import merge

Reader = Callable[[str, str], Release | None]

SUFFIXES = {".yaml", ".yml", ".json", ".jsonld", ".md", ".markdown", ".spdx", ".xml", ".rdf"}
"""Files considered at the top of a directory (others, and sub-directories, are not read)."""

_EXPLICIT_NAMES = {"osaid.yaml", "osaid.yml", "osaid.json"}


def read_directory(path: Path, reader: Reader, max_bytes: int = MAX_INPUT_BYTES) -> Release:
    """Read and merge the release descriptions in ``path`` (each file at most ``max_bytes``)."""
    found: list[Release] = []
    skipped: list[str] = []
    for file in _candidates(path):
        release = _read_one(file, reader, skipped, max_bytes)
        if release is not None:
            found.append(release)
    if not found:
        raise InputError(
            Problem(
                "no release description found (looked for an osaid manifest, a model card "
                "README.md, MOF model files and SPDX/CycloneDX documents)",
                file=str(path),
            )
        )
    source = Source(file=str(path), format="directory", repository=str(path))
    return merge(found, source, skipped=skipped)


def _candidates(path: Path) -> list[Path]:
    try:
        entries = sorted(path.iterdir())
    except OSError as exc:
        raise InputError(Problem(f"cannot be listed ({exc.strerror})", file=str(path))) from None
    root = path.resolve()
    return [
        entry
        for entry in entries
        if entry.suffix.lower() in SUFFIXES
        and entry.is_file()
        and entry.resolve().parent == root  # a symlink out of the directory is not followed
    ]


def _read_one(file: Path, reader: Reader, skipped: list[str], max_bytes: int) -> Release | None:
    try:
        release = reader(read_text(file, max_bytes), str(file))
    except InputError:
        if file.name.lower() in _EXPLICIT_NAMES:
            raise
        skipped.append(file.name)
        return None
    if release is None:
        skipped.append(file.name)
    return release
