"""One ``osaid check`` run over many inputs: check, write and release each report in turn.

A batch keeps only what its end needs from each input (a small :class:`_Row`: passed, warned,
and for ``--explain`` the failing requirements), so memory stays flat however many inputs are
checked; the renderers' streams (``osaid.render.stream``) keep what the end of their document
needs. Where the text goes is an :class:`Output`:

- a stream (standard output, ``--output -``, ``/dev/stdout``, ``/dev/fd/N``) gets each report as
  soon as it is rendered. With ``--quiet`` nothing is printed while every input so far passed:
  that text is held (compressed) and printed as soon as one input does not pass, so the output
  is the same as without ``--quiet`` whenever it is printed at all;
- a file (``--output FILE``, see :mod:`osaid.cli._output`) is streamed into a temporary file and put
  in place at the end, only when every input could be checked or the format carries the ones
  that could not (JSON, SARIF, JUnit...: a code-scanning upload still finds its file and shows
  the errors), and the file is none of the files the run read and used (:class:`FileOutput`).

An input that cannot be read is listed on stderr with every problem found, one line each (up
to :data:`osaid._limits.MAX_REPORTED_PROBLEMS`), and given to the format's stream in its place
(:class:`osaid.render._failure.InputFailure`); the run exits 2.
"""

from __future__ import annotations

import contextlib
import gc
import os
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Generic, Protocol, TextIO, TypeVar

from osaid._errors import OsaidError, Problem
from osaid._escape import safe_line
from osaid._files import recording_reads
from osaid.cli._output import (
    AtomicFile,
    Inputs,
    OutputRefusedError,
    descriptor_of,
    resolve_target,
)
from osaid.cli._stdio import EXIT_ERROR, EXIT_FAIL, EXIT_OK, Guarded, error, guard, settle
from osaid.render._failure import InputFailure

if TYPE_CHECKING:
    from pydantic import BaseModel

    from osaid.render._stream import ReportStream

R = TypeVar("R", bound="BaseModel")
R_contra = TypeVar("R_contra", bound="BaseModel", contravariant=True)


class Explainer(Protocol[R_contra]):
    """``--explain``: the failing requirements of a report, and their explanations."""

    def failing(self, report: R_contra) -> Iterable[str]: ...

    def text(self, requirements: Iterable[str]) -> str: ...


class Output(Protocol):
    """Where a batch writes its text."""

    def write(self, text: str) -> None: ...

    def decided(self) -> None:
        """The run can no longer exit 0 (``--quiet`` output is due)."""

    def close(self, code: int, seen: Seen) -> int:
        """Finish writing; the exit code, made non-zero when the text could not be written."""

    def discard(self) -> None:
        """Drop what was not written yet (an exception ends the run)."""


# -- streams -------------------------------------------------------------------------------


class _Held:
    """Text waiting for ``--quiet`` to decide, compressed in blocks of about a MiB."""

    BLOCK = 1 << 20

    def __init__(self) -> None:
        self._blocks: list[bytes] = []
        self._pending: list[str] = []
        self._size = 0

    def add(self, text: str) -> None:
        self._pending.append(text)
        self._size += len(text)
        if self._size >= self.BLOCK:
            self._seal()

    def _seal(self) -> None:
        if self._pending:
            data = "".join(self._pending).encode("utf-8", "surrogatepass")
            self._blocks.append(zlib.compress(data, 1))
            self._pending, self._size = [], 0

    def drain(self) -> Iterator[str]:
        self._seal()
        blocks, self._blocks = self._blocks, []
        for block in blocks:
            yield zlib.decompress(block).decode("utf-8", "surrogatepass")


class StreamOutput:
    """Text written to a stream as it comes (held while ``--quiet`` may still print nothing)."""

    def __init__(self, stream: Guarded, err: TextIO, quiet: bool, own: bool = False) -> None:
        self.stream = stream
        self.err = err
        self.held: _Held | None = _Held() if quiet else None
        self.own = own  # a descriptor osaid opened (``/dev/fd/N``): settled and closed here

    def write(self, text: str) -> None:
        if not text:
            return
        if self.held is not None:
            self.held.add(text)
        else:
            self.stream.write(text)

    def decided(self) -> None:
        if self.held is not None:
            for text in self.held.drain():
                self.stream.write(text)
            self.held = None

    def close(self, code: int, seen: Seen) -> int:  # noqa: ARG002 - a stream is no file
        if code != EXIT_OK:
            self.decided()
        self.held = None
        if not self.own:  # run() says once on stderr that standard output failed
            self.stream.flush()
            return code if self.stream.failure is None else (code or EXIT_ERROR)
        code = settle(code, self.stream, self.err)
        self.discard()
        return code

    def discard(self) -> None:
        self.held = None
        if self.own and self.stream.stream is not None:
            with contextlib.suppress(OSError, ValueError):
                self.stream.stream.close()


@dataclass
class Seen:
    """What a run read and used, for ``--output FILE`` to replace none of it."""

    named: Inputs = field(default_factory=Inputs)
    """Files the reports name: each input and the descriptions and evidence it is based on."""
    reads: set[tuple[int, int]] = field(default_factory=set)
    """Every file read through :func:`osaid._files.read_regular` (device, inode)."""
    failures_reported: bool = False
    """The document carries the inputs that could not be read (so it is still written)."""


class FileOutput:
    """``--output FILE``: streamed into a temporary file, put in place by :meth:`close`.

    Put in place only when it replaces no input: no path given, no file a report names, and
    no file the run read, except a file in a checked directory that the directory reader
    looked at and skipped as no release description (a report left there by the last run).
    """

    def __init__(self, given: str, target: Path, inputs: _GivenInputs, err: TextIO) -> None:
        self.given = given
        self.inputs = inputs
        self.err = err
        self.file = AtomicFile(target)
        self.failure: str | None = None

    def _is_input(self, seen: Seen) -> bool:
        target = self.file.target
        if self.inputs.given.holds(target) or seen.named.holds(target):
            return True
        read = Inputs()
        read.add_ids(seen.reads)
        return read.holds(target) and not self.inputs.candidates.holds(target)

    def write(self, text: str) -> None:
        if text and self.failure is None:
            try:
                self.file.write(text)
            except OSError as exc:
                self.failure = exc.strerror or str(exc)

    def decided(self) -> None:
        pass

    def close(self, code: int, seen: Seen) -> int:
        if code == EXIT_ERROR and not seen.failures_reported:
            self.file.discard()
            error(self.err, f"{self.given} not written: not every input could be checked")
            return code
        if self._is_input(seen):
            self.file.discard()
            error(self.err, f"--output {self.given} is one of the inputs; it was not replaced")
            return EXIT_ERROR
        if self.failure is None:
            try:
                self.file.commit()
            except OutputRefusedError as exc:
                error(self.err, f"--output {_shown(self.given)} {exc.reason}; it was not replaced")
                return EXIT_ERROR
            except OSError as exc:
                self.failure = exc.strerror or str(exc)
        if self.failure is not None:
            self.file.discard()
            error(self.err, f"cannot write {self.given}: {self.failure}")
            return code or EXIT_ERROR
        return code

    def discard(self) -> None:
        self.file.discard()


def open_output(
    given: str | None, paths: Sequence[str], out: TextIO, err: TextIO, quiet: bool
) -> Output | None:
    """The output of a ``check`` run, or None after one ``osaid:`` line saying why not."""
    if given is None:
        return StreamOutput(guard(out, "standard output"), err, quiet)
    descriptor = descriptor_of(given)
    if descriptor is not None:
        return _descriptor_output(given, descriptor, out, err, quiet)
    try:
        target = resolve_target(given)
    except OutputRefusedError as exc:
        error(err, f"--output {_shown(given)} {exc}")
        return None
    inputs = given_inputs(paths)
    if inputs.given.holds(target):
        error(err, f"--output {given} is one of the inputs; osaid does not replace an input")
        return None
    try:
        return FileOutput(given, target, inputs, err)
    except OSError as exc:
        error(err, f"--output {given} cannot be written ({exc.strerror or exc})")
        return None


def _shown(given: str) -> str:
    return given or "''"


def _descriptor_output(
    given: str, descriptor: int, out: TextIO, err: TextIO, quiet: bool
) -> Output | None:
    if descriptor in (1, 2):
        stream = out if descriptor == 1 else err
        label = "standard output" if descriptor == 1 else "standard error"
        return StreamOutput(guard(stream, label), err, quiet)
    try:
        handle = os.fdopen(os.dup(descriptor), "w", encoding="utf-8", errors="backslashreplace")
    except OSError as exc:
        error(err, f"--output {given}: descriptor {descriptor} is not open ({exc.strerror})")
        return None
    return StreamOutput(Guarded(handle, given), err, quiet, own=True)


@dataclass
class _GivenInputs:
    given: Inputs
    """The paths given, and the osaid manifests of a directory given (always read)."""
    candidates: Inputs
    """Every file the reader of a directory given looks at."""


def given_inputs(paths: Sequence[str]) -> _GivenInputs:
    """What is known to be read before the run: the paths given and the directories' files."""
    from osaid.readers import always_read, candidates  # noqa: PLC0415

    inputs = _GivenInputs(Inputs(), Inputs())
    for path in paths:
        inputs.given.add(path)
        with contextlib.suppress(OSError, ValueError, OsaidError):
            if Path(path).is_dir():
                for candidate in candidates(Path(path)):
                    inputs.candidates.add(candidate)
                    if always_read(candidate.name):
                        inputs.given.add(candidate)
    return inputs


def _warned(report: object) -> bool:
    """Whether a report has a warning ``--strict`` fails on (level ``warning``, not ``info``)."""
    return any(getattr(w, "level", "warning") == "warning" for w in getattr(report, "warnings", ()))


def files_named(report: object) -> set[str]:
    """The input of a report and every file its evidence points at (all read by the run)."""
    named = {str(getattr(report, "input", ""))}
    for group in ("results", "warnings"):
        for item in getattr(report, group, ()):
            named.update(str(ref.file) for ref in getattr(item, "evidence", ()))
    named.discard("")
    return named


# -- the run ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Job(Generic[R]):
    """What a batch does with each path: check it, render it, judge it, maybe explain it."""

    evaluate: Callable[[str], R]
    stream: ReportStream[R]
    passed: Callable[[R], bool]
    explain: Explainer[R] | None = None


@dataclass(frozen=True)
class _Row:
    """What the end of a run needs from one report."""

    passed: bool
    warned: bool


class Batch:
    """Check ``paths`` in order, writing each report as soon as it is rendered."""

    def __init__(self, output: Output, err: TextIO, *, quiet: bool, strict: bool) -> None:
        self.output = output
        self.err = err
        self.quiet = quiet
        self.strict = strict
        self.failed = False
        self.rows: list[_Row] = []
        self.seen = Seen()
        self.collect_files = isinstance(output, FileOutput)
        self.failing: dict[str, None] = {}
        self.unread = 0

    def run(self, paths: Sequence[str], job: Job[R]) -> int:
        """Check every path; a bad input is one line on stderr and the others still run."""
        progress = _Progress(self.err, len(paths))
        progress.active = progress.active and not self.quiet
        try:
            with _long_lived_heap(), recording_reads() as reads:
                for index, path in enumerate(paths):
                    progress.show(index, path)
                    self._one(path, job, progress)
            self.seen.reads = reads
            progress.clear()
            code = self._code()
            if self.rows or self.unread:
                tail = job.stream.finish()
                if job.explain is not None:
                    tail += job.explain.text(self.failing)
                self.output.write(tail)
        except BaseException:
            self.output.discard()
            raise
        return self.output.close(code, self.seen)

    def _one(self, path: str, job: Job[R], progress: _Progress) -> None:
        try:
            report = job.evaluate(path)
        except OsaidError as exc:
            progress.clear()
            self._unreadable(InputFailure.of(path, exc), job)
            return
        row = _Row(job.passed(report), _warned(report))
        self.rows.append(row)
        if self.collect_files:
            self.seen.named.add_all(files_named(report))
        if job.explain is not None:
            self.failing.update(dict.fromkeys(job.explain.failing(report)))
        text = job.stream.add(report)
        del report  # rendered: nothing else keeps it
        if not row.passed or (self.strict and row.warned):
            self.output.decided()
        progress.clear()
        self.output.write(text)

    def _unreadable(self, failure: InputFailure, job: Job[R]) -> None:
        """Every problem of an input that cannot be read on stderr, and in the format's place."""
        for problem in failure.problems:
            located = Problem(problem.message, failure.file_of(problem), problem.key, problem.line)
            error(self.err, str(located))
        if failure.omitted:
            error(self.err, f"{failure.input}: {failure.omitted_note()}")
        self.failed = True
        self.unread += 1
        self.output.decided()
        text = job.stream.failure(failure)
        self.seen.failures_reported = job.stream.embeds_failures
        self.output.write(text)

    def _code(self) -> int:
        """Exit 2 when an input could not be checked, 0 when all passed, else 1.

        With ``--strict`` a warning counts as not passing.
        """
        if self.failed:
            return EXIT_ERROR
        strict_fail = self.strict and any(row.warned for row in self.rows)
        if all(row.passed for row in self.rows) and not strict_fail:
            return EXIT_OK
        return EXIT_FAIL


@contextlib.contextmanager
def _long_lived_heap() -> Iterator[None]:
    """Keep the garbage collector from rescanning what exists before a batch.

    A batch allocates many short-lived objects per input, and young-generation passes kept
    walking the long-lived ones (modules, schemas, definitions, licence data): about a sixth
    of checking the 273-file MOT corpus when reports were kept to the end. What exists before
    the loop is frozen out of collection, and young collections run less often; reference
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


class _Progress:
    """A one-line counter on stderr for long runs, only when stderr is a terminal.

    The path is escaped like every error line: a file name can hold a terminal control
    sequence (an OSC title, a cursor move), and a terminal is exactly where this is shown.
    """

    MIN_INPUTS = 20

    def __init__(self, err: TextIO, total: int) -> None:
        self.err = err
        self.total = total
        self.active = total >= self.MIN_INPUTS and _isatty(err)
        self.width = 0

    def show(self, index: int, path: str) -> None:
        if not self.active:
            return
        text = safe_line(f"osaid: checking {index + 1}/{self.total} {path}")[:79]
        self.err.write("\r" + text.ljust(self.width))
        self.err.flush()
        self.width = len(text)

    def clear(self) -> None:
        if self.active and self.width:
            self.err.write("\r" + " " * self.width + "\r")
            self.err.flush()
            self.width = 0


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, OSError, ValueError):
        return False
