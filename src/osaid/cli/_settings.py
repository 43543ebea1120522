"""What ``osaid check`` runs with: the configuration file, overridden by the command line.

Each setting is the command line's when given there, else the configuration's, else osaid's
default; ``--ignore`` adds to the configuration's ``ignore``. The baseline named in a
configuration is relative to that file's directory; one given as ``--baseline`` to the
working directory.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from osaid._errors import UsageError
from osaid._validation import suggest
from osaid._warnings import check_codes
from osaid.config import Config, ConfigError, find_config, load_config
from osaid.waivers import Acceptance, read_baseline

__all__ = ["Settings", "settings"]


@dataclass(frozen=True)
class Settings:
    """The resolved options of one ``check`` run."""

    config: Config
    definition: str
    format: str
    strict: bool
    policy: dict[str, Any]
    """Policy fields given: the configuration's, with the command line's over them."""
    acceptance: Acceptance


def _config(args: argparse.Namespace) -> Config:
    if args.no_config:
        return Config(None)
    if args.config is not None:
        return load_config(Path(args.config))
    found = find_config(Path(args.paths[0]))
    return load_config(found) if found is not None else Config(None)


def shown(path: Path) -> str:
    """A path as messages and reports give it: relative to the working directory if inside."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (OSError, ValueError, RuntimeError):
        return str(path)


def _located(config: Config, key: str, message: str) -> ConfigError:
    from osaid.config import _Lines  # noqa: PLC0415 - the one TOML key locator

    assert config.path is not None  # noqa: S101 - only called for a file's values
    root = "tool.osaid" if config.path.name == "pyproject.toml" else ""
    full = f"{root}.{key}" if root else key
    return ConfigError(_Lines(config.path).problem(full, message))


def _format(config: Config, given: str | None, formats: list[str]) -> str:
    if given is not None:
        return given
    value = config.get("format")
    if value is None:
        return "text"
    if value not in formats:
        hint = suggest(value, formats) or f" (one of {', '.join(formats)})"
        raise _located(config, "format", f"'{value}' is not an output format{hint}")
    return str(value)


def _ignored(config: Config, given: list[str]) -> frozenset[str]:
    check_codes(given, key="--ignore")
    listed = list(config.get("ignore") or [])
    try:
        check_codes(listed)
    except UsageError as exc:  # an unknown code in the file: name the file and line
        raise _located(config, "ignore", exc.problems[0].message) from None
    return frozenset(given) | frozenset(listed)


def settings(args: argparse.Namespace, formats: list[str], policy_options: list[str]) -> Settings:
    """Resolve the configuration and the command line (ConfigError, UsageError on bad ones)."""
    from osaid.definition import DEFAULT_DEFINITION  # noqa: PLC0415

    config = _config(args)
    policy = config.policy()
    policy.update({f: getattr(args, f) for f in policy_options if getattr(args, f) is not None})
    strict = args.strict if args.strict is not None else bool(config.get("strict"))
    baseline = Path(args.baseline) if args.baseline else config.baseline_path()
    acceptance = Acceptance(
        ignore=_ignored(config, list(args.ignore)),
        waivers=tuple(config.get("waivers") or ()),
        configuration=shown(config.path) if config.path is not None else None,
    )
    if args.write_baseline:
        acceptance.record(args.write_baseline)
    elif baseline is not None:
        acceptance.baseline = read_baseline(baseline)
        acceptance.baseline_file = shown(baseline)
    return Settings(
        config=config,
        definition=args.definition or config.get("definition") or DEFAULT_DEFINITION,
        format=_format(config, args.format, formats),
        strict=strict,
        policy=policy,
        acceptance=acceptance,
    )
