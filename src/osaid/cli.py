"""The ``osaid`` command line.

Exit codes are a contract scripts rely on: 0 when every input is conformant (for ``license``:
acceptable), 1 when any is not, 2 for usage errors and unreadable or invalid input. Errors are
one line on stderr, never a traceback. The code holds whatever happens to the output (see
:mod:`osaid._stdio`): a report that could not be written never turns a run into exit 0.

``check`` streams: each report is written as soon as it is checked (:mod:`osaid._batch`), and
``--output`` writes only where it is safe (:mod:`osaid._output`).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, NoReturn, TextIO

from osaid import _stdio
from osaid._errors import OsaidError, UnknownDefinitionError
from osaid._escape import dumps, safe_line
from osaid._limits import MAX_INPUT_BYTES, MAX_INPUT_BYTES_LIMIT, describe_size, parse_size
from osaid._stdio import EXIT_ERROR, EXIT_FAIL, EXIT_OK
from osaid._stdio import error as _error
from osaid._version import __version__

if TYPE_CHECKING:
    from osaid._batch import Output
    from osaid.definition import Definition
    from osaid.grading import GradeReport
    from osaid.model import Release
    from osaid.policy import Policy
    from osaid.report import Report

__all__ = ["EXIT_ERROR", "EXIT_FAIL", "EXIT_OK", "main", "run"]


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as one line and exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_ERROR, f"{self.prog}: error: {safe_line(message)}\n")


def _parser() -> argparse.ArgumentParser:
    from osaid.render import RENDERERS  # noqa: PLC0415 - the formats are the registry's

    parser = _Parser(
        prog="osaid",
        description=(
            "Check an AI release against the OSI Open Source AI Definition. A self-assessment "
            "aid: OSI does not certify AI systems."
        ),
    )
    parser.add_argument("--version", action="version", version=f"osaid {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    check = commands.add_parser("check", help="check releases (osaid manifests, MOF model files)")
    check.add_argument("paths", nargs="+", metavar="PATH", help="input files")
    check.add_argument(
        "--definition", default="osaid-1.0", help="definition id (default osaid-1.0)"
    )
    check.add_argument(
        "--format",
        choices=sorted(RENDERERS),
        default="text",
        help="output format (graded definitions such as mof-1.0: text or json)",
    )
    check.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help=(
            "write the report to FILE instead of standard output, replacing it atomically and "
            "only when every input could be checked; never through a symbolic link, over an "
            "input or over anything but a regular file; '-', /dev/stdout, /dev/stderr and "
            "/dev/fd/N stream to that descriptor"
        ),
    )
    check.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print nothing when every input passes (exit 0); reports are still printed otherwise",
    )
    check.add_argument("--strict", action="store_true", help="treat warnings as failures (exit 1)")
    check.add_argument(
        "--explain",
        action="store_true",
        help="after a text report, explain every failing requirement and how to fix it",
    )
    check.add_argument(
        "--policy",
        choices=["default", "mot-compat"],
        default=None,
        help=(
            "graded definitions (mof-1.0) only: 'mot-compat' reproduces the Model Openness "
            "Tool exactly, 'default' corrects it (documented deviations)"
        ),
    )
    check.add_argument(
        "--compare",
        metavar="OTHER",
        help="also check against definition OTHER and show where and why the results differ",
    )
    check.add_argument(
        "--max-input-size",
        type=_size,
        default=MAX_INPUT_BYTES,
        metavar="SIZE",
        help="refuse input files larger than SIZE (bytes, or e.g. 50MiB; default 10MiB)",
    )
    check.add_argument(
        "--derivatives",
        choices=["recursive", "delta-only"],
        default="recursive",
        help=(
            "whether a derived release also needs its base model's data information and code "
            "(the base's licence binds its parameters either way)"
        ),
    )
    check.add_argument(
        "--distillation",
        choices=["data-source", "base"],
        default="data-source",
        help=(
            "whether a distillation teacher is a data source whose outputs must be listed "
            "(default) or a base whose data information, code and terms are needed"
        ),
    )
    check.add_argument(
        "--evaluation-code",
        choices=["optional", "required"],
        default="optional",
        help="whether evaluation (benchmark) code is recommended (default) or required if used",
    )

    lic = commands.add_parser("license", help="judge one licence expression for one element")
    lic.add_argument("expression", help="SPDX licence expression, e.g. 'Apache-2.0 OR MIT'")
    lic.add_argument(
        "--for",
        dest="element",
        required=True,
        choices=["code", "data-information", "parameters"],
        help="which OSAID element the licence covers",
    )
    lic.add_argument("--definition", default="osaid-1.0", help="definition id (default osaid-1.0)")
    lic.add_argument("--format", choices=["text", "json"], default="text", help="output format")

    listing = commands.add_parser("definitions", help="list the definitions and their versions")
    listing.add_argument("--format", choices=["text", "json"], default="text")

    explain = commands.add_parser("explain", help="explain one requirement in plain words")
    explain.add_argument("requirement", help="requirement id, e.g. osaid-1.0/code/inference")
    explain.add_argument("--format", choices=["text", "json"], default="text")

    diff = commands.add_parser("diff", help="what changed between two definitions")
    diff.add_argument("old", help="definition id or specifier, e.g. osaid-0.0.9")
    diff.add_argument("new", help="definition id or specifier, e.g. osaid-1.0")
    diff.add_argument("--format", choices=["text", "json"], default="text")

    init = commands.add_parser(
        "init", help="write a starter osaid.yaml for a repository, pre-filled from what it finds"
    )
    init.add_argument(
        "directory", nargs="?", default=".", metavar="DIR", help="the repository (default: .)"
    )
    init.add_argument(
        "--force", action="store_true", help="replace an existing osaid.yaml, .yml or .json"
    )

    schema = commands.add_parser("schema", help="print the JSON Schema of the osaid manifest")
    schema.add_argument("which", nargs="?", choices=["manifest", "report"], default="manifest")
    return parser


def _size(text: str) -> int:
    try:
        size = parse_size(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a size (write bytes, or e.g. 512KiB, 50MiB, 1GiB)"
        ) from None
    if size > MAX_INPUT_BYTES_LIMIT:
        raise argparse.ArgumentTypeError(
            f"'{text}' is larger than {describe_size(MAX_INPUT_BYTES_LIMIT)}, the largest limit"
        )
    return size


def _check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from osaid import check, read  # noqa: PLC0415 - keep `osaid --version` fast
    from osaid._batch import Batch, Job, open_output  # noqa: PLC0415
    from osaid.definition import load_definition  # noqa: PLC0415
    from osaid.policy import Policy  # noqa: PLC0415
    from osaid.render import stream  # noqa: PLC0415

    output = open_output(args.output, args.paths, out, err, args.quiet)
    if output is None:
        return EXIT_ERROR
    try:
        try:
            definition = load_definition(args.definition)
        except UnknownDefinitionError:
            # Only now look at graded definitions: importing the grader costs every other run.
            if _is_graded(args.definition):
                return _grade(args, output, err)
            raise
        if args.policy is not None:
            _error(err, "--policy applies only to graded definitions (mof-1.0)")
            return EXIT_ERROR
        other = load_definition(args.compare) if args.compare else None
        policy = Policy(
            derivatives=args.derivatives,
            distillation=args.distillation,
            evaluation_code=args.evaluation_code,
        )

        def one(path: str) -> Report:
            release = read(path, max_input_bytes=args.max_input_size)
            report = check(release, definition, policy)
            if other is None:
                return report
            return _compared(report, release, definition, other, policy)

        colour = args.output is None and _colour(out)
        batch = Batch(output, err, quiet=args.quiet, strict=args.strict)
        explain = _Explanations() if args.explain and args.format == "text" else None
        report_stream = stream(args.format, len(args.paths) > 1, colour=colour)
        return batch.run(args.paths, Job(one, report_stream, _conformant, explain))
    finally:
        output.discard()


def _conformant(report: Report) -> bool:
    return report.conformant


class _Explanations:
    """``--explain``: each failing requirement once: what it asks, what passes, how to fix it."""

    @staticmethod
    def failing(report: Report) -> list[str]:
        return [result.requirement for result in report.failing()]

    @staticmethod
    def text(requirements: Iterable[str]) -> str:
        from osaid.render import _versions  # noqa: PLC0415
        from osaid.versions import explain  # noqa: PLC0415

        failing = list(requirements)
        if not failing:
            return ""
        parts = ["", "Explanations of the failing requirements:", ""]
        parts += [_versions.explanation(explain(requirement)) for requirement in failing]
        return "\n".join(parts)


def _colour(stream: TextIO) -> bool:
    """Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or minimal stream
        return False


def _is_graded(spec: str) -> bool:
    from osaid.grading import available_graded_definitions  # noqa: PLC0415

    found = available_graded_definitions()
    return spec in {d.id for d in found} | {d.definition.family for d in found}


def _grade(args: argparse.Namespace, output: Output, err: TextIO) -> int:
    """Grade inputs against a graded definition (MOF classes) instead of checking OSAID."""
    from osaid import read  # noqa: PLC0415
    from osaid._batch import Batch, Job  # noqa: PLC0415
    from osaid.grading import GRADE_RENDERERS, grade, load_graded_definition  # noqa: PLC0415
    from osaid.render import _stream  # noqa: PLC0415

    if args.compare:
        _error(err, "--compare applies only to OSAID definitions")
        return EXIT_ERROR
    if args.format not in GRADE_RENDERERS:
        formats = ", ".join(sorted(GRADE_RENDERERS))
        _error(
            err,
            f"--format {args.format} is not available for graded definitions "
            f"({args.definition}); use one of: {formats}",
        )
        return EXIT_ERROR
    definition = load_graded_definition(args.definition)
    many = len(args.paths) > 1
    render = GRADE_RENDERERS[args.format]
    report_stream: _stream.ReportStream[GradeReport] = (
        _stream.JsonArray(render, many)
        if args.format == "json"
        else _stream.Joined(render, many, separator="\n")
    )

    def one(path: str) -> GradeReport:
        release = read(path, max_input_bytes=args.max_input_size)
        return grade(release, definition, args.policy or "default")

    batch = Batch(output, err, quiet=args.quiet, strict=args.strict)
    return batch.run(args.paths, Job(one, report_stream, _reached))


def _reached(report: GradeReport) -> bool:
    return report.reached


def _compared(
    report: Report, release: Release, definition: Definition, other: Definition, policy: Policy
) -> Report:
    from osaid import check  # noqa: PLC0415
    from osaid.versions import compare  # noqa: PLC0415

    other_report = check(release, other, policy)
    return report.model_copy(
        update={"comparison": compare(report, other_report, definition, other)}
    )


def _definitions(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:  # noqa: ARG001
    from osaid.definition import available_definitions  # noqa: PLC0415
    from osaid.render import _versions  # noqa: PLC0415

    found = available_definitions()
    if args.format == "json":
        out.write(json.dumps(_versions.definition_rows(found), indent=2) + "\n")
    else:
        out.write(_versions.definitions(found))
    return EXIT_OK


def _explain(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:  # noqa: ARG001
    from osaid.render import _versions  # noqa: PLC0415
    from osaid.versions import explain  # noqa: PLC0415

    item = explain(args.requirement)
    if args.format == "json":
        # dumps: ASCII, so a user definition's bidi and C1 characters are escapes, never raw
        out.write(dumps(item.model_dump(mode="json")) + "\n")
    else:
        out.write(_versions.explanation(item))
    return EXIT_OK


def _diff(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:  # noqa: ARG001
    from osaid.definition import load_definition  # noqa: PLC0415
    from osaid.render import _versions  # noqa: PLC0415
    from osaid.versions import diff  # noqa: PLC0415

    result = diff(load_definition(args.old), load_definition(args.new))
    if args.format == "json":
        out.write(dumps(result.model_dump(mode="json")) + "\n")
    else:
        out.write(_versions.difference(result))
    return EXIT_OK


def _license(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from osaid import evaluate_license  # noqa: PLC0415

    result = evaluate_license(args.expression, args.element, args.definition)
    if args.format == "json":
        # dumps: an argument from a non-UTF-8 locale or file name may hold lone surrogates
        out.write(dumps(result.model_dump(mode="json", by_alias=True)) + "\n")
    else:
        out.write(_license_text(result))
    if result.malformed:
        _error(err, f"{result.reasons[0]}")
        return EXIT_ERROR
    return EXIT_OK if result.status == "pass" else EXIT_FAIL


def _license_text(result: object) -> str:
    from osaid.licensing import LicenseEvaluation  # noqa: PLC0415

    assert isinstance(result, LicenseEvaluation)  # noqa: S101 - internal call
    if result.malformed:
        return ""
    verdict = "acceptable" if result.status == "pass" else "NOT acceptable"
    lines = [f"{result.normalized}: {verdict} for {result.element} ({result.condition})"]
    lines += [f"  - {reason}" for reason in result.reasons]
    lines += [f"  warning: {w}" for w in result.warnings]
    if result.would_pass:
        lines.append(f"  would pass: {', '.join(result.would_pass)}")
    return "\n".join(lines) + "\n"


def _schema(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:  # noqa: ARG001
    if args.which == "report":
        from osaid.report import Report  # noqa: PLC0415

        schema = Report.model_json_schema(by_alias=True)
    else:
        from osaid.readers._native import manifest_schema  # noqa: PLC0415

        schema = manifest_schema()
    out.write(json.dumps(schema, indent=2) + "\n")
    return EXIT_OK


def _init(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from osaid._init import command  # noqa: PLC0415

    return command(args, out, err)


_COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO, TextIO], int]] = {
    "check": _check,
    "license": _license,
    "schema": _schema,
    "definitions": _definitions,
    "explain": _explain,
    "diff": _diff,
    "init": _init,
}


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
