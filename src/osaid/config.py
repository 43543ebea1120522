"""CONFIGURATION: ``[tool.osaid]`` in ``pyproject.toml``, or a ``.osaid.toml``.

A team writes its choices once instead of on every command line and in the hook's ``args``:
the definition, the policy (every :class:`~osaid.Policy` field, and open terms added to
osaid's list), the output format, ``strict``, the warning codes to ignore, waivers and a
baseline. Options given on the command line override the file.

Where it is found (:func:`find_config`): from the directory of the first checked path upwards,
the first directory holding a ``.osaid.toml`` or a ``pyproject.toml`` with a ``[tool.osaid]``
table (``.osaid.toml`` first when a directory has both); the search stops after the
repository root (the first directory holding ``.git``) or at the filesystem root. A
``pyproject.toml`` without ``[tool.osaid]`` is passed over, as ruff does.

The file is read with the project's TOML reader (only regular files, at most 1 MiB, UTF-8)
and validated like any input: an unknown key or a bad value is an error naming the file, the
key and its line, with a did-you-mean.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, StrictBool, ValidationError, create_model

from osaid._errors import Problem, UsageError
from osaid._keys import join_key, key_parent
from osaid._toml import read_toml
from osaid._validation import problems as located
from osaid.policy import Policy

__all__ = ["CONFIG_FILE", "Config", "ConfigError", "Waiver", "find_config", "load_config"]

CONFIG_FILE = ".osaid.toml"
PYPROJECT = "pyproject.toml"


class ConfigError(UsageError):
    """A configuration file cannot be read or holds a key or value osaid does not take."""


class Waiver(BaseModel):
    """A known failure accepted on purpose, with the reason a reviewer reads."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    requirement: str = Field(min_length=1)
    """The requirement id, as reports give it (``osaid-1.0/parameters/weights``)."""
    component: str | None = None
    """Only this component's failure (its name as reports give it); None: the whole result."""
    reason: str = Field(min_length=1)
    expires: date | None = None
    """From this day on the waiver no longer applies (and says so)."""


class _Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    definition: str | None = None
    format: str | None = None
    strict: StrictBool | None = None
    ignore: list[str] = Field(default_factory=list)
    waivers: list[Waiver] = Field(default_factory=list)
    baseline: str | None = None
    """A baseline file, relative to the configuration file's directory."""


def _optional(annotation: Any) -> Any:
    """A Policy field's type, optional; ``true``/``false`` only (not "yes" or 1) for a flag."""
    return (StrictBool if annotation is bool else annotation) | None


# Every Policy field, optional: a configuration states only what it changes.
_Config: type[_Settings] = create_model(  # type: ignore[call-overload]
    "_Config",
    __base__=_Settings,
    **{name: (_optional(info.annotation), None) for name, info in Policy.model_fields.items()},
)


class Config:
    """A configuration read from ``path`` (None: no file, every default)."""

    def __init__(self, path: Path | None, values: _Settings | None = None) -> None:
        self.path = path
        self.values = values if values is not None else _Settings()

    @property
    def directory(self) -> Path:
        return self.path.parent if self.path is not None else Path.cwd()

    def get(self, key: str) -> Any:
        return getattr(self.values, key, None)

    def policy(self) -> dict[str, Any]:
        """The Policy fields the file sets."""
        return {
            name: getattr(self.values, name)
            for name in Policy.model_fields
            if getattr(self.values, name, None) is not None
        }

    def baseline_path(self) -> Path | None:
        found = self.values.baseline
        return None if found is None else self.directory / found


def _holds_tool_table(path: Path) -> bool:
    """Cheap test before parsing: only a pyproject.toml naming ``tool.osaid`` is read."""
    try:
        with path.open("rb") as stream:
            head = stream.read(1024 * 1024)
    except OSError:
        return False
    return b"tool.osaid" in head or b'"osaid"' in head


def find_config(start: Path) -> Path | None:
    """The configuration file for a check of ``start`` (see the module docstring).

    A path that cannot be looked at (too long, a NUL, no permission) has no configuration:
    the check itself then says what is wrong with it.
    """
    try:
        here = start.resolve()
        directory = here if here.is_dir() else here.parent
    except (OSError, RuntimeError, ValueError):
        return None
    for folder in (directory, *directory.parents):
        found = _in_folder(folder)
        if found is not None:
            return found
        if _exists(folder / ".git"):
            return None
    return None


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except (OSError, ValueError):
        return False


def _in_folder(folder: Path) -> Path | None:
    own = folder / CONFIG_FILE
    try:
        if own.is_file():
            return own
        project = folder / PYPROJECT
        if not (project.is_file() and _holds_tool_table(project)):
            return None
    except (OSError, ValueError):
        return None
    data = read_toml(project, ConfigError)
    tool = data.get("tool")
    return project if isinstance(tool, dict) and "osaid" in tool else None


def load_config(path: Path) -> Config:
    """Read and validate the configuration in ``path``; ConfigError lists every problem."""
    data = read_toml(path, ConfigError)
    root = ""
    if path.name == PYPROJECT:
        tool = data.get("tool")
        table = tool.get("osaid") if isinstance(tool, dict) else None
        if table is None:
            raise ConfigError(Problem("has no [tool.osaid] table", file=str(path)))
        root, data = "tool.osaid", table
    locator = _Lines(path)
    if not isinstance(data, dict):
        raise ConfigError(locator.problem(root, "must be a table"))
    try:
        values = _Config.model_validate(data)
    except ValidationError as exc:
        vocabulary = [*_Config.model_fields, *Waiver.model_fields]
        raise ConfigError(located(exc, locator, root, vocabulary)) from None
    return Config(path, values)


_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(
    r"^\s*((?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*'))*)\s*="
)


def _parts(dotted: str) -> list[str]:
    return [
        part.strip().strip("\"'")
        for part in re.split(r"\.(?=(?:[^\"']|\"[^\"]*\"|'[^']*')*$)", dotted)
    ]


class _Lines:
    """Where each key of a TOML file is written: 1-based lines by key path.

    tomli gives values, not positions, so the lines of table headers and ``key =`` lines are
    found by a scan of the text; a key inside an inline table or array is located at the line
    of the key that holds it.
    """

    def __init__(self, path: Path) -> None:
        self.file = str(path)
        self.lines: dict[str, int] = {}
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return
        table = ""
        arrays: dict[str, int] = {}
        for number, line in enumerate(text.splitlines(), 1):
            header = _HEADER.match(line)
            if header:
                table = self._join(_parts(header.group(2)))
                if header.group(1) == "[[":
                    index = arrays.get(table, -1) + 1
                    arrays[table] = index
                    table = join_key(table, index)
                self.lines.setdefault(table, number)
                continue
            key = _KEY.match(line)
            if key:
                path_ = table
                for part in _parts(key.group(1)):
                    path_ = join_key(path_, part)
                self.lines.setdefault(path_, number)

    @staticmethod
    def _join(parts: list[str]) -> str:
        path = ""
        for part in parts:
            path = join_key(path, part)
        return path

    def line_of(self, key: str) -> int | None:
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key_parent(key)
        return None

    def problem(self, key: str, message: str) -> Problem:
        return Problem(message, file=self.file, key=key or None, line=self.line_of(key))
