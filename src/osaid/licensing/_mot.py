"""MOT's own licence data (``licenses/mot/``), loaded and validated once per process.

The files keep MOT's data as MOT has it (duplicate records, misspelt ids); how the records merge
is decided by the grading policy that reads them (:mod:`osaid.licensing._mot_judges`), not here.
osaid's documented deviations from MOT (``deviations.toml``) and its corrections to MOT's data
(``osaid-corrections.toml``, each naming its deviation) are data here too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from osaid._errors import LicenseDataError, Problem
from osaid._resources import data_dir
from osaid._toml import read_toml
from osaid._validation import key_path, suggest

__all__ = [
    "Correction",
    "Deviation",
    "MotLicenceData",
    "MotRecord",
    "load_mot_licence_data",
    "mot_licence_data",
]


class _Table(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class _Flags(_Table):
    osi: bool
    fsf: bool


class MotRecord(_Table):
    """One of MOT's curated licence records (``mof-licenses.json``)."""

    id: str
    osi: bool
    fsf: bool
    content_types: list[str]


class _FileInfo(_Table):
    model_config = ConfigDict(extra="allow", frozen=True, defer_build=True)
    sha256: str


class _Generated(_Table):
    repository: str
    commit: str
    license: str
    generated_by: str
    files: dict[str, _FileInfo]
    snapshot: dict[str, _Flags]
    curated: list[MotRecord]


class _Meta(_Table):
    model_config = ConfigDict(extra="allow", frozen=True, defer_build=True)
    title: str


class _IdList(_Table):
    note: str
    ids: list[str] = Field(min_length=1)


class _OpenDataFile(_Table):
    meta: _Meta
    open_data: _IdList
    always_open: _IdList


class Correction(_Table):
    """An osaid fix to an id in MOT's open-data list (default policy only)."""

    written: str
    id: str
    deviation: str
    reason: str


class _CorrectionsFile(_Table):
    meta: _Meta
    open_data: list[Correction] = Field(default_factory=list)


class Deviation(_Table):
    """One documented way the ``default`` grading policy departs from MOT."""

    id: str
    title: str
    mot: str
    """What MOT does."""
    default: str
    """What osaid's default policy does instead."""
    source: str


class _DeviationsFile(_Table):
    meta: _Meta
    deviation: list[Deviation] = Field(min_length=1)


@dataclass(frozen=True)
class MotLicenceData:
    """MOT's licence database inputs, as MOT has them."""

    commit: str
    snapshot_version: str
    snapshot: dict[str, tuple[bool, bool]]
    """SPDX snapshot id -> (OSI-approved, FSF-libre), exact ids."""
    curated: tuple[MotRecord, ...]
    """The curated records in file order, duplicates kept."""
    open_data: tuple[str, ...]
    always_open: tuple[str, ...]
    corrections: tuple[Correction, ...]
    deviations: tuple[Deviation, ...] = ()
    """osaid's deviations from MOT, in the order reports list them."""

    def last_wins(self) -> dict[str, tuple[bool, bool, frozenset[str]]]:
        """MOT's merged database: the snapshot, then each curated record replacing the earlier."""
        merged: dict[str, tuple[bool, bool, frozenset[str]]] = {
            key: (osi, fsf, frozenset()) for key, (osi, fsf) in self.snapshot.items()
        }
        for record in self.curated:
            merged[record.id] = (record.osi, record.fsf, frozenset(record.content_types))
        return merged

    def merged_content_types(self) -> dict[str, frozenset[str]]:
        """Every content type any curated record gives an id (duplicates united, not replaced)."""
        found: dict[str, set[str]] = {}
        for record in self.curated:
            found.setdefault(record.id, set()).update(record.content_types)
        return {key: frozenset(value) for key, value in found.items()}


def _problems(exc: ValidationError, path: Path) -> LicenseDataError:
    return LicenseDataError(
        [
            Problem(str(e["msg"]), file=str(path), key=key_path(e["loc"]))
            for e in exc.errors(include_url=False)
        ]
    )


def _read_json(path: Path) -> dict[str, Any]:
    try:
        loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise LicenseDataError(
            Problem(f"cannot be read ({exc.strerror})", file=str(path))
        ) from None
    except ValueError as exc:
        raise LicenseDataError(Problem(f"invalid JSON: {exc}", file=str(path))) from None
    return loaded


def load_mot_licence_data(directory: Path | None = None) -> MotLicenceData:
    """Load and validate ``licenses/mot/`` (or ``directory``)."""
    root = directory or data_dir("licenses") / "mot"
    generated_path = root / "mot-licenses.json"
    open_path = root / "open-data.toml"
    corrections_path = root / "osaid-corrections.toml"
    try:
        generated = _Generated.model_validate(_read_json(generated_path))
    except ValidationError as exc:
        raise _problems(exc, generated_path) from None
    try:
        lists = _OpenDataFile.model_validate(read_toml(open_path, LicenseDataError))
    except ValidationError as exc:
        raise _problems(exc, open_path) from None
    try:
        corrections = _CorrectionsFile.model_validate(read_toml(corrections_path, LicenseDataError))
    except ValidationError as exc:
        raise _problems(exc, corrections_path) from None
    deviations = _deviations(root / "deviations.toml", corrections, corrections_path)
    snapshot_file = next(
        (info for name, info in generated.files.items() if name.endswith("/licenses.json")), None
    )
    version = getattr(snapshot_file, "release_date", "") if snapshot_file else ""
    return MotLicenceData(
        commit=generated.commit,
        snapshot_version=str(version),
        snapshot={key: (flags.osi, flags.fsf) for key, flags in generated.snapshot.items()},
        curated=tuple(generated.curated),
        open_data=tuple(lists.open_data.ids),
        always_open=tuple(lists.always_open.ids),
        corrections=tuple(corrections.open_data),
        deviations=deviations,
    )


def _deviations(
    path: Path, corrections: _CorrectionsFile, corrections_path: Path
) -> tuple[Deviation, ...]:
    """The deviations, each id once; every correction names one of them."""
    try:
        table = _DeviationsFile.model_validate(read_toml(path, LicenseDataError))
    except ValidationError as exc:
        raise _problems(exc, path) from None
    problems: list[Problem] = []
    seen: set[str] = set()
    for index, deviation in enumerate(table.deviation):
        if deviation.id in seen:
            problems.append(
                Problem(
                    f"id '{deviation.id}' is used twice",
                    file=str(path),
                    key=f"deviation[{index}].id",
                )
            )
        seen.add(deviation.id)
    for index, correction in enumerate(corrections.open_data):
        if correction.deviation not in seen:
            hint = suggest(correction.deviation, seen)
            problems.append(
                Problem(
                    f"unknown deviation '{correction.deviation}'{hint}",
                    file=str(corrections_path),
                    key=f"open_data[{index}].deviation",
                )
            )
    if problems:
        raise LicenseDataError(problems)
    return tuple(table.deviation)


@cache
def mot_licence_data() -> MotLicenceData:
    """The shipped MOT licence data, loaded once per process."""
    return load_mot_licence_data()
