"""``osaid definitions``, ``osaid explain`` and ``osaid diff``: the definitions themselves.

``definitions`` lists every definition of both kinds (shipped and from
``$OSAID_DEFINITIONS_PATH``); ``explain`` says what one requirement (or a graded definition's
component) asks; ``diff`` what changed between two definitions of one kind.
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, TextIO

from osaid._errors import Problem, UsageError
from osaid._escape import dumps
from osaid.cli._stdio import EXIT_OK

if TYPE_CHECKING:
    from osaid._warnings import WarningCode
    from osaid.cli._parser import Commands

__all__ = ["add", "definitions", "diff", "explain"]


def add(commands: Commands) -> None:
    """The ``definitions``, ``explain`` and ``diff`` subcommands."""
    listing = commands.add_parser("definitions", help="list the definitions and their versions")
    listing.add_argument("--format", choices=["text", "json"], default="text")

    explained = commands.add_parser(
        "explain", help="explain one requirement, or a warning code, in plain words"
    )
    explained.add_argument(
        "requirement",
        nargs="?",
        help="requirement id (e.g. osaid-1.0/code/inference) or warning code (e.g. card-inferred)",
    )
    explained.add_argument(
        "--warnings", action="store_true", help="list every warning code and its level"
    )
    explained.add_argument("--format", choices=["text", "json"], default="text")

    changed = commands.add_parser("diff", help="what changed between two definitions")
    changed.add_argument("old", help="definition id or specifier, e.g. osaid-0.0.9")
    changed.add_argument("new", help="definition id or specifier, e.g. osaid-1.0")
    changed.add_argument("--format", choices=["text", "json"], default="text")


def definitions(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:  # noqa: ARG001
    """Every definition of both kinds, one line (or one JSON object) each."""
    from osaid import render  # noqa: PLC0415
    from osaid.definition import all_definitions  # noqa: PLC0415

    found = all_definitions()
    if args.format == "json":
        out.write(json.dumps(render.definition_rows(found), indent=2) + "\n")
    else:
        out.write(render.definitions(found))
    return EXIT_OK


def explain(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:  # noqa: ARG001
    """One requirement in plain words, or warning codes and their levels."""
    from osaid import render  # noqa: PLC0415
    from osaid._validation import suggest  # noqa: PLC0415
    from osaid._warnings import CODES  # noqa: PLC0415
    from osaid.evaluate import explain as explained  # noqa: PLC0415

    if args.warnings or args.requirement in CODES:
        codes = list(CODES.values()) if args.warnings else [CODES[args.requirement]]
        return _codes(codes, args.format, out)
    if args.requirement is None:
        raise UsageError(Problem("give a requirement id or a warning code, or --warnings"))
    if "/" not in args.requirement:  # requirement ids are 'definition/element/name'
        hint = suggest(args.requirement, CODES)
        raise UsageError(
            Problem(
                f"'{args.requirement}' is neither a requirement id nor a warning code{hint} "
                "(osaid explain --warnings lists the codes)"
            )
        )
    item = explained(args.requirement)
    if args.format == "json":
        # dumps: ASCII, so a user definition's bidi and C1 characters are escapes, never raw
        out.write(dumps(item.model_dump(mode="json")) + "\n")
    else:
        out.write(render.explanation(item))
    return EXIT_OK


def _codes(codes: list[WarningCode], form: str, out: TextIO) -> int:
    """Warning codes as a table (text) or a list of objects (json)."""
    if form == "json":
        rows = [{"code": c.code, "level": c.level, "summary": c.summary} for c in codes]
        out.write(dumps(rows) + "\n")
        return EXIT_OK
    width = max(len(c.code) for c in codes)
    lines = [f"{c.code:<{width}}  {c.level:<7}  {c.summary}" for c in codes]
    if len(codes) > 1:
        lines.append(
            "\ninfo never fails --strict; --ignore CODE (or `ignore` in the configuration) "
            "silences a code."
        )
    out.write("\n".join(lines) + "\n")
    return EXIT_OK


def diff(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:  # noqa: ARG001
    """What changed from one definition to another, requirement by requirement."""
    from osaid import render  # noqa: PLC0415
    from osaid.definition import select_definition  # noqa: PLC0415
    from osaid.evaluate import diff as changes  # noqa: PLC0415

    result = changes(select_definition(args.old), select_definition(args.new))
    if args.format == "json":
        out.write(dumps(result.model_dump(mode="json")) + "\n")
    else:
        out.write(render.difference(result))
    return EXIT_OK
