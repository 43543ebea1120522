"""COMMAND LINE: the ``osaid`` command, one module per command, on top of the pipeline.

Exit codes are a contract scripts rely on: 0 when every input is conformant (for ``license``:
acceptable), 1 when any is not, 2 for usage errors and unreadable or invalid input. Errors are
one line on stderr, never a traceback. The code holds whatever happens to the output (see
:mod:`osaid.cli._stdio`): a report that could not be written never turns a run into exit 0.

Each command is one module with ``add(commands)`` (its arguments; choices come from the data
and the registries, never from here) and a handler; ``_check`` streams its reports
(``_batch``) and writes ``--output`` only where it is safe (``_output``, the one atomic writer,
which ``init`` uses too). Command modules import the pipeline only when they run, so
``osaid --version`` stays cheap.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn, TextIO

from osaid._errors import OsaidError
from osaid._version import __version__
from osaid.cli import _check, _init, _license, _schema, _stdio, _versions
from osaid.cli._parser import Parser
from osaid.cli._stdio import EXIT_ERROR, EXIT_FAIL, EXIT_OK
from osaid.cli._stdio import error as _error

__all__ = ["EXIT_ERROR", "EXIT_FAIL", "EXIT_OK", "main", "run"]

Handler = Callable[[argparse.Namespace, TextIO, TextIO], int]

_COMMANDS: dict[str, Handler] = {
    "check": _check.run,
    "license": _license.run,
    "schema": _schema.run,
    "definitions": _versions.definitions,
    "explain": _versions.explain,
    "diff": _versions.diff,
    "init": _init.run,
}


def _parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="osaid",
        description=(
            "Check an AI release against the OSI Open Source AI Definition. A self-assessment "
            "aid: OSI does not certify AI systems."
        ),
    )
    parser.add_argument("--version", action="version", version=f"osaid {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    _check.add(commands)
    _license.add(commands)
    _versions.add(commands)
    _init.add(commands)
    _schema.add(commands)
    return parser


def run(
    argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run the command line and return its exit code (testable without ``SystemExit``).

    The exit code gives the verdict or the error whatever happens to the output: when
    standard output cannot take the report (a closed pipe, a full disk, a closed descriptor)
    that is said once on stderr, a failing run keeps its 1 (an error its 2), and a run that
    would have exited 0 exits 2, because its report was lost.
    """
    guarded_out = _stdio.guard(sys.stdout if out is None else out, "standard output")
    guarded_err = _stdio.guard(sys.stderr if err is None else err, "standard error")
    out, err = _stdio.as_text(guarded_out), _stdio.as_text(guarded_err)
    parser = _parser()
    args = parser.parse_args(argv)
    handler = _COMMANDS.get(args.command)
    if handler is None:
        parser.print_help(err)
        return _stdio.settle(EXIT_ERROR, guarded_out, err)
    try:
        code = handler(args, out, err)
    except OsaidError as exc:
        _error(err, f"{exc}")
        code = EXIT_ERROR
    return _stdio.settle(code, guarded_out, err)


def main() -> NoReturn:
    """Console entry point.

    pydantic plugins (observability hooks found through package entry points) are turned off
    for this process unless ``PYDANTIC_DISABLE_PLUGINS`` is already set: looking them up scans
    every installed distribution's metadata, which cost a pre-commit run about 10 ms for
    nothing a one-shot check reports.

    An unexpected exception (a bug in osaid) prints its traceback and exits 2, never 1: 1 says
    "not conformant", and a crash has not decided that.
    """
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    out, err = _stdio.process_streams()
    try:
        code = run(None, _stdio.as_text(out), _stdio.as_text(err))
    except SystemExit as exc:  # argparse: --help, --version, usage errors
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else EXIT_ERROR)
        code = _stdio.settle(code, out, _stdio.as_text(err))
    except KeyboardInterrupt:
        code = 130
    except Exception:  # the last resort: keep the exit code truthful
        import traceback  # noqa: PLC0415 - only for a bug

        err.write(traceback.format_exc())
        _error(_stdio.as_text(err), "internal error (a bug in osaid; please report it)")
        code = _stdio.settle(EXIT_ERROR, out, _stdio.as_text(err))
    _stdio.release(out, err)
    sys.exit(code)
