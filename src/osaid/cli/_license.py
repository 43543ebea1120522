"""``osaid license``: one licence expression judged for one element of a definition, or each.

Without ``--for`` the expression is judged for every element the definition puts a licence
condition on (one block, or one JSON object in an array, per element); the exit code is 0 only
when it is acceptable for every one. ``--for`` takes every element a definition puts a licence
condition on (the data says which: ``open-data`` is an element of ``osaid-1.0+open-data``
only); an element the chosen definition does not have is a usage error naming the ones it has.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TextIO

from osaid._escape import dumps
from osaid.cli._parser import Choices
from osaid.cli._stdio import EXIT_ERROR, EXIT_FAIL, EXIT_OK
from osaid.cli._stdio import error as _error

if TYPE_CHECKING:
    from osaid.cli._parser import Commands
    from osaid.licensing import LicenseEvaluation

__all__ = ["add", "run"]


def _elements() -> list[str]:
    """Every element any binary definition puts a licence condition on, in first-seen order."""
    from osaid.definition import available_definitions  # noqa: PLC0415 - only when asked

    found = (name for d in available_definitions() for name in d.licensed_elements())
    return list(dict.fromkeys(found))


def add(commands: Commands) -> None:
    """The ``license`` subcommand."""
    from osaid.definition import DEFAULT_DEFINITION  # noqa: PLC0415 - light: a constant

    lic = commands.add_parser(
        "license",
        help="judge a licence expression for one element of the definition, or for each",
    )
    lic.add_argument("expression", help="SPDX licence expression, e.g. 'Apache-2.0 OR MIT'")
    lic.add_argument(
        "--for",
        dest="element",
        default=None,
        choices=Choices(_elements),
        metavar="ELEMENT",
        help=(
            "which element of the definition the licence covers (%(choices)s; default: judge "
            "it for every element the definition has a licence condition for)"
        ),
    )
    lic.add_argument(
        "--definition",
        default=DEFAULT_DEFINITION,
        help=f"definition id (default {DEFAULT_DEFINITION})",
    )
    lic.add_argument("--format", choices=["text", "json"], default="text", help="output format")


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Judge the expression; exit 0 when acceptable, 1 when not, 2 when malformed."""
    from osaid import evaluate_license, load_definition  # noqa: PLC0415

    if args.element is None:
        elements = load_definition(args.definition).licensed_elements()
        results = [evaluate_license(args.expression, e, args.definition) for e in elements]
    else:
        results = [evaluate_license(args.expression, args.element, args.definition)]
    if args.format == "json":
        # dumps: an argument from a non-UTF-8 locale or file name may hold lone surrogates
        data = [r.model_dump(mode="json", by_alias=True) for r in results]
        out.write(dumps(data if args.element is None else data[0]) + "\n")
    else:
        out.write("".join(_text(r) for r in results))
    if results[0].malformed:
        _error(err, f"{results[0].reasons[0]}")
        return EXIT_ERROR
    return EXIT_OK if all(r.status == "pass" for r in results) else EXIT_FAIL


def _text(result: LicenseEvaluation) -> str:
    if result.malformed:
        return ""
    verdict = "acceptable" if result.status == "pass" else "NOT acceptable"
    lines = [f"{result.normalized}: {verdict} for {result.element} ({result.condition})"]
    lines += [f"  - {reason}" for reason in result.reasons]
    lines += [f"  warning: {w}" for w in result.warnings]
    if result.would_pass:
        lines.append(f"  would pass: {', '.join(result.would_pass)}")
    return "\n".join(lines) + "\n"
