"""Open only regular files, without ever blocking: every file osaid reads may be hostile.

A pull request can commit a FIFO, and a user can point osaid at a device node. Opening a FIFO
for reading blocks until a writer appears (forever, in a hook), and reading ``/dev/zero`` never
ends. So every read of a file osaid did not write itself goes through :func:`read_regular`:
the file is opened with ``O_NONBLOCK`` (which makes opening a FIFO return at once), checked with
``fstat`` on the open descriptor (no race between the check and the read), and refused unless it
is a regular file. Callers turn :class:`FileRefusedError` into their own located error or
finding.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterator
from contextvars import ContextVar
from pathlib import Path

_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
_FLAGS |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


_READS: ContextVar[set[tuple[int, int]] | None] = ContextVar("osaid_reads", default=None)


@contextlib.contextmanager
def recording_reads() -> Iterator[set[tuple[int, int]]]:
    """Collect ``(st_dev, st_ino)`` of every file :func:`read_regular` reads meanwhile.

    ``osaid check --output`` uses it to refuse replacing any file the run read, whatever path
    led to it (a file under a component's location, a LICENSE, a hard link to an input).
    """
    reads: set[tuple[int, int]] = set()
    token = _READS.set(reads)
    try:
        yield reads
    finally:
        _READS.reset(token)


def note_reads(ids: set[tuple[int, int]]) -> None:
    """Add files read elsewhere (``osaid check --jobs``: in a worker) to the recording, if any."""
    reads = _READS.get()
    if reads is not None:
        reads.update(ids)


class FileRefusedError(Exception):
    """A path cannot be read as a regular file; ``reason`` is a phrase fit for a message.

    ``missing`` is True when nothing exists at the path, so callers can say "no such file"
    in their own words.
    """

    def __init__(self, reason: str, *, missing: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.missing = missing


def kind_of(mode: int) -> str:
    """What a file of this ``st_mode`` is, in words ("a FIFO (named pipe)", "a directory")."""
    kinds = (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISLNK, "a symbolic link"),
    )
    for test, name in kinds:
        if test(mode):
            return name
    return "not a regular file" if not stat.S_ISREG(mode) else "a regular file"


def not_regular(mode: int) -> str:
    """The refusal phrase for a file that is not regular: ``is a FIFO (named pipe), not ...``."""
    return f"is {kind_of(mode)}, not a regular file"


def read_regular(path: str | Path, limit: int) -> bytes:
    """Read at most ``limit + 1`` bytes of the regular file ``path``.

    One byte more than the limit is read so the caller can tell "exactly at the limit" from
    "larger". Raises :class:`FileRefusedError` for anything that is not a readable regular file
    (FIFOs, devices, sockets, directories, missing paths, over-long names, NUL bytes in the
    path), never blocking.
    """
    try:
        descriptor = os.open(path, _FLAGS)
    except ValueError:  # an embedded NUL byte: no file system can hold that name
        raise FileRefusedError("is not a valid path (it contains a NUL character)") from None
    except OSError as exc:
        raise _refused(exc, path) from None
    try:
        status = os.fstat(descriptor)
        mode = status.st_mode
        if not stat.S_ISREG(mode):
            raise FileRefusedError(not_regular(mode))
        reads = _READS.get()
        if reads is not None:
            reads.add((status.st_dev, status.st_ino))
        return _read_upto(descriptor, limit + 1)
    except OSError as exc:
        raise _refused(exc) from None
    finally:
        os.close(descriptor)


def _read_upto(descriptor: int, size: int) -> bytes:
    chunks: list[bytes] = []
    remaining = size
    while remaining > 0:
        chunk = os.read(descriptor, min(remaining, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def regular_file(path: str | Path) -> str | None:
    """Why ``path`` is not an existing regular file (following links), or None when it is.

    Uses ``stat`` only, which never blocks on a FIFO; for reading, use :func:`read_regular`.
    """
    try:
        mode = Path(path).stat().st_mode
    except ValueError:
        return "is not a valid path (it contains a NUL character)"
    except OSError as exc:
        return _refused(exc).reason
    return None if stat.S_ISREG(mode) else not_regular(mode)


_REASONS = {
    errno.ENOENT: "no such file",
    errno.ENOTDIR: "no such file (a part of the path is not a directory)",
    errno.EISDIR: "is a directory, not a file",
    errno.ENAMETOOLONG: "is not a usable path (a name in it is too long)",
    errno.ELOOP: "cannot be read (too many levels of symbolic links)",
    errno.EACCES: "cannot be read (permission denied)",
}


def _refused(exc: OSError, path: str | Path | None = None) -> FileRefusedError:
    if exc.errno in (errno.ENXIO, errno.EOPNOTSUPP) and path is not None:
        # opening a socket (or a device without a driver) fails: say what the path is instead
        with contextlib.suppress(OSError):
            return FileRefusedError(not_regular(Path(path).stat().st_mode))
    reason = _REASONS.get(exc.errno or 0)
    if reason is None:
        reason = f"cannot be read ({exc.strerror or exc})"
    return FileRefusedError(reason, missing=exc.errno in (errno.ENOENT, errno.ENOTDIR))
