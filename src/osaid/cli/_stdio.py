"""Standard output and error that can fail without changing what the exit code says.

A hook or CI step decides on the exit code, and that code must give the verdict (0 or 1) or the
error (2) whatever happens to the report on the way out: a reader that closes the pipe early
(``osaid check fail.yaml | true``), a closed stdout (``>&-``), a full disk (``> /dev/full``) or
an encoding that cannot show a character (``LC_ALL=C``, ``PYTHONIOENCODING=ascii``). Python's
own handling turns each into a traceback, an exit code of 0 or 1 that means nothing, or both.

:class:`Guarded` wraps a stream: a failed write is remembered (and later writes dropped) instead
of raised, and characters the encoding lacks become backslash escapes. :func:`settle` reports a
failure once on stderr and makes sure the run does not exit 0 after losing its output (a
conformant report that could not be written exits 2; a failing run keeps its 1, an error its 2).
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from typing import TextIO, cast

from osaid._escape import safe_line

__all__ = [
    "EXIT_ERROR",
    "EXIT_FAIL",
    "EXIT_OK",
    "Guarded",
    "as_text",
    "error",
    "guard",
    "process_streams",
    "release",
    "settle",
]

EXIT_OK = 0
EXIT_FAIL = 1
EXIT_ERROR = 2
"""The exit codes scripts rely on: conformant, not conformant, and could not check."""


def error(err: TextIO, message: str) -> None:
    """One ``osaid:`` line on stderr; what came from the input is escaped (see osaid._escape)."""
    err.write(f"osaid: {safe_line(message)}\n")


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or type(exc).__name__
    return "it is closed"


class Guarded(io.TextIOBase):
    """A text stream whose write errors are kept, not raised (see the module docstring)."""

    def __init__(self, stream: TextIO | None, label: str) -> None:
        super().__init__()
        self.stream = stream
        self.label = label
        self.failure: str | None = None
        self.reported = False

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if self.failure is None:
            if self.stream is None:
                self.failure = "it is closed"
            else:
                self._attempt(text)
        return len(text)

    def flush(self) -> None:
        if self.failure is None and self.stream is not None:
            self._attempt(None)

    def _attempt(self, text: str | None) -> None:
        """Write ``text`` (flush when None); keep the first failure instead of raising it."""
        stream = self.stream
        assert stream is not None  # noqa: S101 - checked by the callers
        try:
            if text is None:
                stream.flush()
                return
            try:
                stream.write(text)
            except UnicodeEncodeError:
                encoding = getattr(stream, "encoding", None) or "ascii"
                stream.write(text.encode(encoding, "backslashreplace").decode(encoding))
        except (OSError, ValueError) as exc:
            self.failure = _reason(exc)

    def isatty(self) -> bool:
        if self.stream is None or self.failure is not None:
            return False
        try:
            return self.stream.isatty()
        except (AttributeError, OSError, ValueError):
            return False

    def fileno(self) -> int:
        if self.stream is None:
            raise io.UnsupportedOperation(f"{self.label} is closed")
        return self.stream.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.stream, "encoding", None) or "utf-8"

    def close(self) -> None:
        """Never closes the wrapped stream (it belongs to the caller or the interpreter)."""
        with contextlib.suppress(Exception):
            self.flush()


def guard(stream: TextIO | None, label: str) -> Guarded:
    """``stream`` guarded (a stream that already is guarded is returned as it is)."""
    if isinstance(stream, Guarded):
        return stream
    return Guarded(stream, label)


def as_text(stream: Guarded) -> TextIO:
    """The guarded stream where a ``TextIO`` is expected (it has every method osaid uses)."""
    return cast("TextIO", stream)


def settle(code: int, out: Guarded, err: TextIO) -> int:
    """Flush ``out``; after a failed write say so once on ``err`` and never return 0."""
    out.flush()
    if out.failure is None:
        err.flush()
        return code
    if not out.reported:
        out.reported = True
        error(err, f"could not write to {out.label}: {out.failure}")
        err.flush()
    return code or EXIT_ERROR


def process_streams() -> tuple[Guarded, Guarded]:
    """Guard the process's stdout and stderr (argparse and warnings write through them too).

    Characters the output encoding lacks become backslash escapes. A standard descriptor that
    was closed when osaid started is pointed at the null device, so no file osaid opens later
    can take its number; the guard still reports the closed stream when something is written.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(AttributeError, OSError, TypeError, ValueError):
                reconfigure(errors="backslashreplace")
    out = Guarded(sys.stdout, "standard output")
    err = Guarded(sys.stderr, "standard error")
    for descriptor in (0, 1, 2):
        _occupy(descriptor)
    sys.stdout = as_text(out)
    sys.stderr = as_text(err)
    return out, err


def _occupy(descriptor: int) -> None:
    try:
        os.fstat(descriptor)
    except OSError:
        with contextlib.suppress(OSError):
            null = os.open(os.devnull, os.O_RDWR)
            if null != descriptor:
                os.dup2(null, descriptor)
                os.close(null)


def release(*streams: Guarded) -> None:
    """After a failed write, point the stream's descriptor at the null device.

    Python flushes the standard streams once more at exit; without this, output still buffered
    for a broken pipe or a full disk would fail again there, print "Exception ignored" and
    replace the exit code with 120.
    """
    for stream in streams:
        if stream.failure is None or stream.stream is None:
            continue
        with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
            descriptor = stream.stream.fileno()
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, descriptor)
            os.close(null)
