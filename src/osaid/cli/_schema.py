"""``osaid schema``: the JSON Schema of the osaid manifest or of the JSON report (binary or graded).

It prints one, or with ``--write DIR`` writes every schema into ``DIR`` under its file name
(its ``$id``), as the repository's ``schemas/`` holds them; see :mod:`osaid._schemas`.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from osaid.cli._stdio import EXIT_ERROR, EXIT_OK, error

if TYPE_CHECKING:
    from osaid.cli._parser import Commands

__all__ = ["add", "run"]


def add(commands: Commands) -> None:
    """The ``schema`` subcommand."""
    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of the osaid manifest, the JSON report or the graded report",
    )
    schema.add_argument(
        "which",
        nargs="?",
        choices=["manifest", "report", "grade-report"],
        default="manifest",
        help=(
            "manifest (default): osaid.yaml; report: what check --format json prints; "
            "grade-report: the same for a graded definition (mof-1.0)"
        ),
    )
    schema.add_argument(
        "--write",
        metavar="DIR",
        help=(
            "write every schema into the directory DIR as osaid-manifest-1.schema.json, "
            "osaid-report-1.schema.json and osaid-grade-report-1.schema.json (replacing those "
            "files), instead of printing one"
        ),
    )


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Print the schema asked for, or write them all."""
    from osaid import _schemas  # noqa: PLC0415 - keep `osaid --version` fast

    if args.write is None:
        out.write(_schemas.text(_schemas.generated(args.which)))
        return EXIT_OK
    return _write(Path(args.write), out, err)


def _write(directory: Path, out: TextIO, err: TextIO) -> int:
    from osaid import _schemas  # noqa: PLC0415
    from osaid.cli._output import AtomicFile, OutputRefusedError  # noqa: PLC0415

    if not directory.is_dir():
        error(err, f"--write {directory}: not a directory")
        return EXIT_ERROR
    for which, name in _schemas.SCHEMAS.items():
        target = directory / name
        try:
            file = AtomicFile(target)
            file.write(_schemas.text(_schemas.generated(which)))
            file.commit()
        except OutputRefusedError as exc:
            error(err, f"{target} {exc.reason}; it was not replaced")
            return EXIT_ERROR
        except OSError as exc:
            error(err, f"cannot write {target}: {exc.strerror or exc}")
            return EXIT_ERROR
        out.write(f"wrote {target}\n")
    return EXIT_OK
