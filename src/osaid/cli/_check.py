"""``osaid check``: releases against a definition of either kind, one report per input.

One path for every definition: the definition chosen by ``--definition`` (an id, a family or a
PEP 440 specifier, binary or graded) decides what is checked, the scorer of its kind does it,
and any ``--format`` renders the reports. ``check`` streams: each report is written as soon as
it is checked (:mod:`osaid.cli._batch`), and ``--output`` writes only where it is safe
(:mod:`osaid.cli._output`).
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from osaid._limits import MAX_INPUT_BYTES
from osaid.cli._parser import jobs, policy_choices, size
from osaid.cli._stdio import EXIT_ERROR
from osaid.cli._stdio import error as _error

if TYPE_CHECKING:
    from osaid.cli._parallel import Settings as Work
    from osaid.cli._parser import Commands
    from osaid.definition import AnyDefinition
    from osaid.model import Release
    from osaid.policy import Policy
    from osaid.report import Report
    from osaid.waivers import Acceptance

__all__ = ["add", "run"]

_POLICY_OPTIONS = {
    "derivatives": (
        "--derivatives",
        "whether a derived release also needs its base model's data information and code "
        "(the base's licence binds its parameters either way)",
    ),
    "distillation": (
        "--distillation",
        "whether a distillation teacher is a data source whose outputs must be listed "
        "(default) or a base whose data information, code and terms are needed",
    ),
    "evaluation_code": (
        "--evaluation-code",
        "whether evaluation (benchmark) code is recommended (default) or required if used",
    ),
    "conflicts": (
        "--conflicts",
        "whether sources that state different licences for one component (a card and a "
        "manifest, a declaration and its LICENSE text or SPDX headers) fail (default) or warn",
    ),
    "grading": (
        "--policy",
        "graded definitions (mof-1.0) only: 'mot-compat' reproduces the Model Openness Tool "
        "exactly, 'default' corrects it (documented deviations)",
    ),
}
"""The :class:`osaid.Policy` fields the command line sets: option and help (choices and
defaults are Policy's own)."""


def _formats() -> list[str]:
    from osaid.render import RENDERERS  # noqa: PLC0415 - the formats are the registry's

    return sorted(RENDERERS)


def add(commands: Commands) -> None:
    """The ``check`` subcommand and its options."""
    from osaid.definition import DEFAULT_DEFINITION  # noqa: PLC0415 - light: a constant

    check = commands.add_parser(
        "check",
        help=(
            "check releases: directories, osaid manifests, model cards, SPDX and CycloneDX "
            "documents, MOF model files"
        ),
    )
    check.add_argument(
        "paths",
        nargs="*",
        default=["."],
        metavar="PATH",
        help=(
            "a directory (its release descriptions merged, as the hook checks it) or one file; "
            "default: the current directory"
        ),
    )
    check.add_argument(
        "-r",
        "--recursive",
        action="store_true",
        help=(
            "also check each sub-directory holding an osaid manifest (a monorepo's releases), "
            "one report each"
        ),
    )
    check.add_argument(
        "--color",
        choices=["auto", "always", "never"],
        default="auto",
        help=(
            "colour the text report: auto (default) on a terminal unless NO_COLOR is set, or "
            "when FORCE_COLOR is set"
        ),
    )
    check.add_argument(
        "--definition",
        default=None,
        help=(
            f"definition id, family or version specifier, of either kind (default: the "
            f"configuration's, else {DEFAULT_DEFINITION}; 'mof-1.0' grades into MOF classes)"
        ),
    )
    check.add_argument(
        "--format",
        choices=_formats(),
        default=None,
        help="output format (default: the configuration's, else text)",
    )
    check.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help=(
            "write the report to FILE instead of standard output, replacing it atomically "
            "when every input could be checked or the format carries the ones that could not "
            "(json, sarif, junit, markdown, github, gitlab); never through a symbolic link, "
            "over an input or over anything but a regular file; '-', /dev/stdout, /dev/stderr and "
            "/dev/fd/N stream to that descriptor"
        ),
    )
    check.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print nothing when every input passes (exit 0); reports are still printed otherwise",
    )
    check.add_argument(
        "--strict",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="fail (exit 1) on a warning of level 'warning'; 'info' notes never fail",
    )
    check.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="CODE",
        help="silence the warning CODE (repeatable; osaid explain --warnings lists them)",
    )
    found = check.add_mutually_exclusive_group()
    found.add_argument(
        "--config",
        metavar="FILE",
        help="read the configuration from FILE (a .osaid.toml, or a pyproject.toml with "
        "[tool.osaid]) instead of looking for one from the first path upwards",
    )
    found.add_argument("--no-config", action="store_true", help="use no configuration file")
    check.add_argument(
        "--baseline",
        metavar="FILE",
        help="fail only on findings not recorded in FILE (written by --write-baseline)",
    )
    check.add_argument(
        "--write-baseline",
        metavar="FILE",
        help="record every finding of this run in FILE (replaced atomically), then report them "
        "against it",
    )
    check.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="text format: list every requirement, not only what fails (the rest is counted)",
    )
    check.add_argument(
        "--explain",
        action="store_true",
        help="after a text report, explain every failing requirement and how to fix it",
    )
    check.add_argument(
        "--compare",
        metavar="OTHER",
        help="also check against definition OTHER and show where and why the results differ",
    )
    check.add_argument(
        "--max-input-size",
        type=size,
        default=MAX_INPUT_BYTES,
        metavar="SIZE",
        help="refuse input files larger than SIZE (bytes, or e.g. 50MiB; default 10MiB)",
    )
    check.add_argument(
        "-j",
        "--jobs",
        type=jobs,
        default=1,
        metavar="N",
        help="check the paths in N worker processes (default 1); reports stay in input order",
    )
    for field, (option, text) in _POLICY_OPTIONS.items():
        check.add_argument(
            option,
            dest=field,
            choices=policy_choices(field),
            default=None,
            metavar=option.removeprefix("--").upper(),
            help=f"{text} (%(choices)s)",
        )


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Check every path against the chosen definition; the exit code of the whole run."""
    from osaid import check, read  # noqa: PLC0415 - keep `osaid --version` fast
    from osaid.cli._batch import Batch, Job, open_output  # noqa: PLC0415
    from osaid.cli._parallel import Settings as Work  # noqa: PLC0415
    from osaid.cli._settings import settings  # noqa: PLC0415
    from osaid.cli._summary import step_summary  # noqa: PLC0415
    from osaid.config import ConfigError  # noqa: PLC0415
    from osaid.definition import select_definition  # noqa: PLC0415
    from osaid.evaluate import policy_fields  # noqa: PLC0415
    from osaid.policy import Policy  # noqa: PLC0415
    from osaid.render import stream  # noqa: PLC0415

    try:
        chosen = settings(args, _formats(), list(_POLICY_OPTIONS))
    except ConfigError as exc:  # every problem of the file, each on its line
        for problem in exc.problems:
            _error(err, str(problem))
        return EXIT_ERROR
    if args.recursive:
        from osaid.cli._discover import releases  # noqa: PLC0415

        args.paths = releases(args.paths)
    output = open_output(args.output, args.paths, out, err, args.quiet)
    if output is None:
        return EXIT_ERROR
    try:
        definition = select_definition(chosen.definition)
        given = chosen.policy
        unused = [field for field in given if field not in policy_fields(definition)]
        if "grading" in unused and args.grading is not None:  # a configuration's is for mof runs
            _error(err, "--policy applies only to graded definitions (mof-1.0)")
            return EXIT_ERROR
        other = select_definition(args.compare) if args.compare else None
        policy = Policy(**given)
        accept = chosen.acceptance

        def one(path: str) -> Report:
            release = read(path, max_input_bytes=args.max_input_size)
            report = check(release, definition, policy)
            if other is not None:
                report = _compared(report, release, definition, other, policy)
            return accept.apply(report)

        evaluate: Callable[[str], Report] = one
        if args.jobs > 1 and len(args.paths) > 1:
            work = Work(definition, other, policy, args.max_input_size)
            evaluate = _in_parallel(args, work, accept)
        colour = args.output is None and _colour(out, args.color)
        batch = Batch(output, err, quiet=args.quiet, strict=chosen.strict)
        explain = _Explanations() if args.explain and chosen.format == "text" else None
        report_stream = stream(
            chosen.format, len(args.paths) > 1, colour=colour, verbose=args.verbose
        )
        summary = step_summary(chosen.format, len(args.paths) > 1, report_stream)
        code = batch.run(args.paths, Job(evaluate, summary or report_stream, _passes, explain))
        if summary is not None:
            code = summary.write(err, code)
    finally:
        output.discard()
    return _write_baseline(args, accept, code, err)


def _in_parallel(
    args: argparse.Namespace, work: Work, accept: Acceptance
) -> Callable[[str], Report]:
    """``--jobs``: each path checked in a worker process, waivers and baselines applied here."""
    from osaid.cli._parallel import in_processes  # noqa: PLC0415

    parallel = in_processes(args.paths, work, min(args.jobs, len(args.paths)))
    return lambda path: accept.apply(parallel(path))


def _passes(report: Report) -> bool:
    """Conformant, or every blocking result waived or in the baseline (verdict unchanged)."""
    return report.conformant or report.accepted


def _write_baseline(args: argparse.Namespace, accept: Acceptance, code: int, err: TextIO) -> int:
    """``--write-baseline``: write the findings seen, once every input was checked.

    Never over an input, through a link or over anything but a regular file (as ``--output``).
    """
    given: str | None = args.write_baseline
    if given is None or accept.recorded is None:
        return code
    if code == EXIT_ERROR:
        _error(err, f"{given} not written: not every input could be checked")
        return code
    from osaid.cli._output import OutputRefusedError, replace_file  # noqa: PLC0415
    from osaid.waivers import baseline_text  # noqa: PLC0415

    target = _baseline_target(given, args.paths, err)
    if target is None:
        return EXIT_ERROR
    try:
        replace_file(target, [baseline_text(accept.recorded).encode("utf-8")])
    except (OSError, OutputRefusedError) as exc:
        _error(err, f"cannot write {given}: {getattr(exc, 'strerror', None) or exc}")
        return EXIT_ERROR
    return code


def _baseline_target(given: str, paths: list[str], err: TextIO) -> Path | None:
    """Where ``--write-baseline`` may write, or None after saying why not."""
    from osaid.cli._batch import given_inputs  # noqa: PLC0415
    from osaid.cli._output import OutputRefusedError, resolve_target  # noqa: PLC0415

    try:
        target = resolve_target(given)
    except OutputRefusedError as exc:
        _error(err, f"--write-baseline {given} {exc}")
        return None
    if given_inputs(paths).given.holds(target):
        _error(err, f"--write-baseline {given} is one of the inputs; it was not replaced")
        return None
    return target


class _Explanations:
    """``--explain``: each failing requirement once: what it asks, what passes, how to fix it."""

    @staticmethod
    def failing(report: Report) -> list[str]:
        return [result.requirement for result in report.failing()]

    @staticmethod
    def text(requirements: Iterable[str]) -> str:
        from osaid import render  # noqa: PLC0415
        from osaid.evaluate import explain  # noqa: PLC0415

        failing = list(requirements)
        if not failing:
            return ""
        parts = ["", "Explanations of the failing requirements:", ""]
        parts += [render.explanation(explain(requirement)) for requirement in failing]
        return "\n".join(parts)


def _colour(stream: TextIO, choice: str = "auto") -> bool:
    """``--color``: always, never, or (auto) for a terminal.

    Under auto a non-empty ``NO_COLOR`` turns colour off (https://no-color.org) and a non-empty
    ``FORCE_COLOR`` turns it on even into a pipe (https://force-color.org); when both are set
    ``NO_COLOR`` wins, as the safer reading. ``TERM=dumb`` turns it off.
    """
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or minimal stream
        return False


def _compared(
    report: Report,
    release: Release,
    definition: AnyDefinition,
    other: AnyDefinition,
    policy: Policy,
) -> Report:
    from osaid import check  # noqa: PLC0415
    from osaid.evaluate import compare  # noqa: PLC0415

    other_report = check(release, other, policy)
    return report.model_copy(
        update={"comparison": compare(report, other_report, definition, other)}
    )
