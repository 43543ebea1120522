"""``osaid schema``: the JSON Schema of the osaid manifest, or of the JSON report."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, TextIO

from osaid.cli._stdio import EXIT_OK

if TYPE_CHECKING:
    from osaid.cli._parser import Commands

__all__ = ["add", "run"]


def add(commands: Commands) -> None:
    """The ``schema`` subcommand."""
    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of the osaid manifest, or of the JSON report",
    )
    schema.add_argument(
        "which",
        nargs="?",
        choices=["manifest", "report"],
        default="manifest",
        help="manifest (default): osaid.yaml; report: what check --format json prints",
    )


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:  # noqa: ARG001
    """Print the schema asked for."""
    if args.which == "report":
        from osaid.report import Report  # noqa: PLC0415

        schema = Report.model_json_schema(by_alias=True)
    else:
        from osaid.readers import manifest_schema  # noqa: PLC0415

        schema = manifest_schema()
    out.write(json.dumps(schema, indent=2) + "\n")
    return EXIT_OK
