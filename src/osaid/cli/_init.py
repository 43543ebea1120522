"""``osaid init``: write a starter ``osaid.yaml`` (see :mod:`osaid.cli._starter`)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from osaid.cli._parser import Commands

__all__ = ["add", "run"]


def add(commands: Commands) -> None:
    """The ``init`` subcommand."""
    init = commands.add_parser(
        "init", help="write a starter osaid.yaml for a repository, pre-filled from what it finds"
    )
    init.add_argument(
        "directory", nargs="?", default=".", metavar="DIR", help="the repository (default: .)"
    )
    init.add_argument(
        "--force", action="store_true", help="replace an existing osaid.yaml, .yml or .json"
    )


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Write the starter; exit 0 when written (errors raise, and exit 2)."""
    from osaid.cli._starter import command  # noqa: PLC0415 - keep `osaid --version` fast

    return command(args, out, err)
