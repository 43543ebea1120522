"""What the files at the top of a repository are, by name, from ``repository-files.toml``.

Python holds no file-name patterns: they are data beside this module (see the comment at the
top of that file for why there), loaded once on first use.
"""

from __future__ import annotations

from fnmatch import fnmatchcase
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from osaid._errors import LicenseDataError, Problem
from osaid._toml import read_toml
from osaid.model import ComponentKind

FILE = Path(__file__).with_name("repository-files.toml")


class _Patterns(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    patterns: tuple[str, ...] = Field(min_length=1)


class FileKind(BaseModel):
    """Files that are probably one component of a release (``[[file]]`` of the data file)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    kind: ComponentKind
    what: str
    patterns: tuple[str, ...] = Field(min_length=1)

    def matches(self, name: str) -> bool:
        folded = name.casefold()
        return any(fnmatchcase(folded, p.casefold()) for p in self.patterns)


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    licence: _Patterns
    file: tuple[FileKind, ...] = ()


@cache
def _table() -> _File:
    data = read_toml(FILE, LicenseDataError)
    try:
        return _File.model_validate(data)
    except ValidationError as exc:
        raise LicenseDataError(Problem(str(exc).splitlines()[0], file=str(FILE))) from None


def is_licence_file(name: str) -> bool:
    """Whether ``name`` is the name of a licence file (``LICENSE``, ``COPYING.txt``...)."""
    folded = name.casefold()
    return any(fnmatchcase(folded, p.casefold()) for p in _table().licence.patterns)


def kind_of_file(name: str) -> FileKind | None:
    """What the file ``name`` probably is, when it looks like part of a release."""
    return next((k for k in _table().file if k.matches(name)), None)
