"""The ``osaid`` command line.

Exit codes are a contract scripts rely on: 0 when every input is conformant (for ``license``:
acceptable), 1 when any is not, 2 for usage errors and unreadable or invalid input. Errors are
one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO, TypeVar

from osaid._errors import OsaidError, UnknownDefinitionError
from osaid._escape import safe_line
from osaid._limits import MAX_INPUT_BYTES, parse_size
from osaid._version import __version__

if TYPE_CHECKING:
    from osaid.definition import Definition
    from osaid.grading import GradeReport
    from osaid.model import Release
    from osaid.policy import Policy
    from osaid.report import Report

EXIT_OK = 0
EXIT_FAIL = 1
EXIT_ERROR = 2


def _error(err: TextIO, message: str) -> None:
    """One ``osaid:`` line on stderr; what came from the input is escaped (see osaid._escape)."""
    print(f"osaid: {safe_line(message)}", file=err)


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
            "only when every input could be checked"
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
        help="whether a derived release also needs its base model's data information and code",
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
        return parse_size(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from osaid import check, read  # noqa: PLC0415 - keep `osaid --version` fast
    from osaid.definition import load_definition  # noqa: PLC0415
    from osaid.policy import Policy  # noqa: PLC0415
    from osaid.render import COLOUR_RENDERERS, RENDERERS  # noqa: PLC0415

    problem = _output_problem(args.output)
    if problem is not None:
        _error(err, problem)
        return EXIT_ERROR
    try:
        definition = load_definition(args.definition)
    except UnknownDefinitionError:
        # Only now look at graded definitions: importing the grader costs every other run.
        if _is_graded(args.definition):
            return _grade(args, out, err)
        raise
    if args.policy is not None:
        _error(err, "--policy applies only to graded definitions (mof-1.0)")
        return EXIT_ERROR
    other = load_definition(args.compare) if args.compare else None
    policy = Policy(derivatives=args.derivatives)

    def one(path: str) -> Report:
        release = read(path, max_input_bytes=args.max_input_size)
        report = check(release, definition, policy)
        return report if other is None else _compared(report, release, definition, other, policy)

    reports, failed = _each(args, err, one)
    code = _exit_code(args, failed, reports, [r.conformant for r in reports])
    if not reports:
        return code
    colour = args.output is None and _colour(out)
    renderer = (COLOUR_RENDERERS.get(args.format) if colour else None) or RENDERERS[args.format]
    text = renderer(reports, len(args.paths) > 1)
    if args.explain and args.format == "text":
        text += _explanations(reports)
    return _deliver(args, text, code, out, err)


def _explanations(reports: Sequence[Report]) -> str:
    """Each failing requirement once: what it asks, what passes, and how to fix it."""
    from osaid.render import _versions  # noqa: PLC0415
    from osaid.versions import explain  # noqa: PLC0415

    failing = dict.fromkeys(r.requirement for report in reports for r in report.failing())
    if not failing:
        return ""
    parts = ["", "Explanations of the failing requirements:", ""]
    parts += [_versions.explanation(explain(requirement)) for requirement in failing]
    return "\n".join(parts)


def _output_problem(output: str | None) -> str | None:
    """Why ``--output`` cannot be written, checked before any work is done; None when it can."""
    if output is None:
        return None
    target = Path(output)
    if target.is_dir() or output.endswith(("/", os.sep)):
        return f"--output {output} is a directory; give the path of a file"
    if not target.parent.is_dir():
        return f"--output {output}: directory {target.parent} does not exist"
    return None


def _colour(stream: TextIO) -> bool:
    """Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or minimal stream
        return False


def _deliver(args: argparse.Namespace, text: str, code: int, out: TextIO, err: TextIO) -> int:
    """Write rendered reports to ``--output`` or stdout, honouring ``--quiet``; the exit code.

    A file is written only when every input was checked: a run that exits 2 leaves any previous
    file untouched rather than replacing it with a report that silently lacks inputs.
    """
    if args.output is None:
        if not (args.quiet and code == EXIT_OK):
            out.write(text)
        return code
    if code == EXIT_ERROR:
        _error(err, f"{args.output} not written: not every input could be checked")
        return code
    try:
        _write_atomically(Path(args.output), text)
    except OSError as exc:
        _error(err, f"cannot write {args.output}: {exc.strerror or exc}")
        return EXIT_ERROR
    return code


def _write_atomically(target: Path, text: str) -> None:
    """Write a temporary file next to ``target``, flush and fsync it, then rename it over.

    Readers see the old file or the complete new one, never a partial one; on any error the
    temporary file is removed and ``target`` is untouched. A symbolic link is written through
    (its target replaced), not replaced by a regular file.
    """
    if target.is_symlink():
        target = target.resolve()
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temporary).chmod(_file_mode(target))
        Path(temporary).replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        raise
    if os.name == "posix":  # make the rename itself durable; best effort
        with contextlib.suppress(OSError):
            directory = os.open(target.parent, os.O_RDONLY)
            try:
                os.fsync(directory)
            finally:
                os.close(directory)


def _file_mode(target: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual 0o666 minus the umask."""
    with contextlib.suppress(OSError):
        return target.stat().st_mode & 0o777
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _is_graded(spec: str) -> bool:
    from osaid.grading import available_graded_definitions  # noqa: PLC0415

    found = available_graded_definitions()
    return spec in {d.id for d in found} | {d.definition.family for d in found}


def _grade(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Grade inputs against a graded definition (MOF classes) instead of checking OSAID."""
    from osaid import read  # noqa: PLC0415
    from osaid.grading import GRADE_RENDERERS, grade, load_graded_definition  # noqa: PLC0415

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
    reports, failed = _each(
        args,
        err,
        lambda path: grade(
            read(path, max_input_bytes=args.max_input_size), definition, args.policy or "default"
        ),
    )
    code = _exit_code(args, failed, reports, [r.reached for r in reports])
    if not reports:
        return code
    text = GRADE_RENDERERS[args.format](reports, len(args.paths) > 1)
    return _deliver(args, text, code, out, err)


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
        out.write(item.model_dump_json(indent=2) + "\n")
    else:
        out.write(_versions.explanation(item))
    return EXIT_OK


def _diff(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:  # noqa: ARG001
    from osaid.definition import load_definition  # noqa: PLC0415
    from osaid.render import _versions  # noqa: PLC0415
    from osaid.versions import diff  # noqa: PLC0415

    result = diff(load_definition(args.old), load_definition(args.new))
    if args.format == "json":
        out.write(result.model_dump_json(indent=2) + "\n")
    else:
        out.write(_versions.difference(result))
    return EXIT_OK


_T = TypeVar("_T", "Report", "GradeReport")


def _each(
    args: argparse.Namespace, err: TextIO, evaluate: Callable[[str], _T]
) -> tuple[list[_T], bool]:
    """Evaluate every path; a bad input is one line on stderr and the others still run."""
    results: list[_T] = []
    failed = False
    progress = _Progress(err, len(args.paths))
    progress.active = progress.active and not args.quiet
    with _long_lived_heap():
        for index, path in enumerate(args.paths):
            progress.show(index, path)
            try:
                results.append(evaluate(path))
            except OsaidError as exc:
                progress.clear()
                _error(err, f"{exc}")
                failed = True
    progress.clear()
    return results, failed


@contextlib.contextmanager
def _long_lived_heap() -> Iterator[None]:
    """Keep the garbage collector from rescanning what a batch only accumulates.

    Every report is kept for the final rendering, so the heap grows with each input, and the
    collector's young-generation passes kept walking it: about a sixth of checking the
    273-file MOT corpus. What exists before the loop (modules, schemas, definitions, licence
    data) is frozen out of collection, and young collections run less often; reference
    counting still frees everything acyclic at once. Both are restored afterwards.
    """
    threshold = gc.get_threshold()
    frozen_by_caller = gc.get_freeze_count() > 0
    gc.freeze()
    gc.set_threshold(max(threshold[0], 20_000), *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        if not frozen_by_caller:  # an embedding program's own freeze is left as it was
            gc.unfreeze()


def _exit_code(
    args: argparse.Namespace,
    failed: bool,
    reports: Sequence[Report | GradeReport],
    passed: list[bool],
) -> int:
    """Exit 2 when an input could not be checked, 0 when all passed, else 1.

    With ``--strict`` a warning counts as not passing.
    """
    if failed:
        return EXIT_ERROR
    strict_fail = args.strict and any(r.warnings for r in reports)
    return EXIT_OK if all(passed) and not strict_fail else EXIT_FAIL


class _Progress:
    """A one-line counter on stderr for long runs, only when stderr is a terminal."""

    MIN_INPUTS = 20

    def __init__(self, err: TextIO, total: int) -> None:
        self.err = err
        self.total = total
        self.active = total >= self.MIN_INPUTS and err.isatty()
        self.width = 0

    def show(self, index: int, path: str) -> None:
        if not self.active:
            return
        text = f"osaid: checking {index + 1}/{self.total} {path}"[:79]
        self.err.write("\r" + text.ljust(self.width))
        self.err.flush()
        self.width = len(text)

    def clear(self) -> None:
        if self.active and self.width:
            self.err.write("\r" + " " * self.width + "\r")
            self.err.flush()
            self.width = 0


def _license(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from osaid import evaluate_license  # noqa: PLC0415

    result = evaluate_license(args.expression, args.element, args.definition)
    if args.format == "json":
        out.write(json.dumps(result.model_dump(mode="json", by_alias=True), indent=2) + "\n")
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
    """Run the command line and return its exit code (testable without ``SystemExit``)."""
    out = out or sys.stdout
    err = err or sys.stderr
    parser = _parser()
    args = parser.parse_args(argv)
    handler = _COMMANDS.get(args.command)
    if handler is None:
        parser.print_help(err)
        return EXIT_ERROR
    try:
        return handler(args, out, err)
    except OsaidError as exc:
        _error(err, f"{exc}")
        return EXIT_ERROR


def main() -> NoReturn:
    """Console entry point.

    pydantic plugins (observability hooks found through package entry points) are turned off
    for this process unless ``PYDANTIC_DISABLE_PLUGINS`` is already set: looking them up scans
    every installed distribution's metadata, which cost a pre-commit run about 10 ms for
    nothing a one-shot check reports.
    """
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        code = run()
    except KeyboardInterrupt:
        code = 130
    except BrokenPipeError:
        code = EXIT_OK
    sys.exit(code)
