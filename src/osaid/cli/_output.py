"""Where osaid writes (``check --output``, ``osaid init``), and writing there safely.

osaid runs in hooks and CI inside repositories a stranger prepared, so the place it writes to
is as untrusted as the files it reads: a committed symbolic link ``report.txt -> ~/.bashrc``
would have the report overwrite a file outside the repository, a FIFO or a device node would be
replaced by a regular file, and an input named as the output would be replaced by its own
report. So a file is written only where it is safe:

- never through a symbolic link (a dangling one included), and only over a regular file or
  where nothing exists yet: a FIFO, a device, a socket or a directory is refused;
- never over an input of the run (compared by resolved path and by device and inode, so a hard
  link or a second spelling of the same file is caught too);
- a relative path must stay inside the working directory once ``..`` and symbolic links in its
  parent are resolved; a path written absolute on the command line is the user's own choice;
- atomically: the text goes to an unnamed temporary file beside the target while the run lasts
  (nothing a directory walk could see), then to a named temporary file that is flushed to disk
  and renamed over the target. A run that fails leaves the target as it was.

``-``, ``/dev/stdout``, ``/dev/stderr`` and ``/dev/fd/N`` (or ``/proc/self/fd/N``) are not files
to replace but descriptors to stream to, as a shell redirection would.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from osaid._files import kind_of

__all__ = [
    "AtomicFile",
    "Inputs",
    "OutputRefusedError",
    "append_file",
    "descriptor_of",
    "replace_file",
    "replaceable",
    "resolve_target",
]

STANDARD_STREAMS = {"-": 1, "/dev/stdout": 1, "/dev/stderr": 2}
_DESCRIPTOR = re.compile(r"/(?:dev|proc/self)/fd/([0-9]{1,9})")
_CHUNK = 1 << 20


class OutputRefusedError(Exception):
    """A target osaid will not write; ``reason`` is a phrase that follows the target's name.

    ``hint`` says what a command-line user can do instead ("" when nothing general applies).
    """

    def __init__(self, reason: str, hint: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.reason} ({self.hint})" if self.hint else self.reason


def descriptor_of(given: str) -> int | None:
    """The descriptor ``given`` names (``-`` and ``/dev/stdout`` are 1), or None for a file."""
    if given in STANDARD_STREAMS:
        return STANDARD_STREAMS[given]
    match = _DESCRIPTOR.fullmatch(given)
    return int(match.group(1)) if match else None


def resolve_target(given: str, cwd: Path | None = None) -> Path:
    """The file to write for the path ``given`` on the command line, or OutputRefusedError.

    The result is absolute, with its parent resolved (so later checks compare real paths). A
    relative ``given`` must resolve inside ``cwd`` (default: the working directory).
    """
    if not given:
        raise OutputRefusedError("is empty; give the path of a file")
    if "\0" in given:
        raise OutputRefusedError("is not a valid path (it contains a NUL character)")
    if given.endswith(("/", os.sep)) or Path(given).name in ("", ".", ".."):
        raise OutputRefusedError("is a directory; give the path of a file")
    path = Path(given)
    try:
        base = Path(os.path.realpath(cwd or Path.cwd()))
        parent = Path(os.path.realpath(base / path.parent))
        if not path.is_absolute() and not parent.is_relative_to(base):
            raise OutputRefusedError(
                f"resolves outside the working directory (into {parent}); write a path "
                "inside it, or give an absolute path"
            )
        parent_mode = parent.stat().st_mode
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            reason = f"cannot be written: directory {path.parent} does not exist"
            raise OutputRefusedError(reason) from None
        raise OutputRefusedError(f"cannot be written ({exc.strerror or exc})") from None
    if not stat.S_ISDIR(parent_mode):
        raise OutputRefusedError(f"cannot be written: {path.parent} is not a directory")
    target = parent / path.name
    replaceable(target)
    return target


def replaceable(path: Path) -> None:
    """Raise OutputRefusedError unless ``path`` is absent or a regular file (not a link)."""
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return
    except ValueError:
        raise OutputRefusedError("is not a valid path (it contains a NUL character)") from None
    except OSError as exc:
        raise OutputRefusedError(f"cannot be written ({exc.strerror or exc})") from None
    if stat.S_ISLNK(mode):
        raise OutputRefusedError(
            "is a symbolic link, and osaid never writes through one",
            "remove it, or give the path of the file it points to",
        )
    if stat.S_ISDIR(mode):
        raise OutputRefusedError("is a directory; give the path of a file")
    if not stat.S_ISREG(mode):
        raise OutputRefusedError(
            f"is {kind_of(mode)}, and osaid replaces only regular files",
            "use - or /dev/stdout to write to standard output",
        )


class Inputs:
    """The files a run reads, by resolved path and by device and inode."""

    def __init__(self) -> None:
        self._paths: set[str] = set()
        self._ids: set[tuple[int, int]] = set()

    def add(self, path: str | Path) -> None:
        """Remember ``path`` (following links, as reading does); unusable paths are ignored."""
        with contextlib.suppress(OSError, ValueError):
            self._paths.add(os.path.realpath(path))
            status = Path(path).stat()
            self._ids.add((status.st_dev, status.st_ino))

    def add_all(self, paths: Iterable[str | Path]) -> None:
        for path in paths:
            self.add(path)

    def add_ids(self, ids: Iterable[tuple[int, int]]) -> None:
        """Remember files by ``(st_dev, st_ino)``, as :func:`osaid._files.recording_reads`."""
        self._ids.update(ids)

    def holds(self, target: Path) -> bool:
        """True when ``target`` (a resolved path, not a link) is one of the inputs."""
        if str(target) in self._paths:
            return True
        try:
            status = target.lstat()
        except OSError:
            return False
        return (status.st_dev, status.st_ino) in self._ids


def append_file(target: Path, text: str) -> None:
    """Append ``text`` to ``target`` (created if absent), never through a symbolic link.

    For files a CI runner hands over by path (``$GITHUB_STEP_SUMMARY``): the path is the
    runner's, not the repository's, so it may be anywhere, but a link put there (or a FIFO, a
    device) is refused: ``O_NOFOLLOW`` refuses a link as the last component, and the opened
    file must be a regular file. Raises OutputRefusedError or OSError.
    """
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
    flags |= getattr(os, "O_NONBLOCK", 0)  # a FIFO must not block the run
    replaceable(target)
    try:
        descriptor = os.open(target, flags, 0o666)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise OutputRefusedError(
                "is a symbolic link, and osaid never writes through one"
            ) from None
        raise
    with os.fdopen(descriptor, "ab") as stream:
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
            raise OutputRefusedError("is not a regular file")
        stream.write(text.encode("utf-8", "backslashreplace"))


def replace_file(target: Path, chunks: Iterable[bytes], mode: int | None = None) -> None:
    """Write ``chunks`` to a new file beside ``target``, flush it to disk, rename it over.

    Readers see the old file or the complete new one, never a partial one. ``target`` is
    checked again just before the rename, so a link or FIFO that appeared meanwhile is refused
    rather than replaced. On any error the temporary file is removed and ``target`` is
    untouched. ``mode`` defaults to the existing file's permissions, else 0o666 less the umask.
    """
    import tempfile  # noqa: PLC0415 - only a run that writes a file needs it

    mode = _file_mode(target) if mode is None else mode
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            for chunk in chunks:
                stream.write(chunk)
            stream.flush()
            os.fsync(stream.fileno())
        temporary.chmod(mode)
        replaceable(target)
        temporary.replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    _sync_directory(target.parent)


def _sync_directory(directory: Path) -> None:
    """Make a rename durable (POSIX; best effort)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        descriptor = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _file_mode(target: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual 0o666 minus the umask."""
    with contextlib.suppress(OSError):
        return target.stat().st_mode & 0o777
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


class AtomicFile:
    """Text streamed during a run, put in place as ``target`` only by :meth:`commit`.

    While the run lasts the text is in an unnamed temporary file in the target's directory
    (same file system, nothing visible to a directory walk), so memory stays flat however long
    the report grows. Text is written as UTF-8; what cannot be encoded (a lone surrogate) is
    written as a backslash escape rather than failing the run.
    """

    def __init__(self, target: Path) -> None:
        import tempfile  # noqa: PLC0415 - only a run that writes a file needs it

        self.target = target
        self._spool: IO[bytes] = tempfile.TemporaryFile(dir=target.parent)  # noqa: SIM115

    def write(self, text: str) -> None:
        self._spool.write(text.encode("utf-8", "backslashreplace"))

    def commit(self) -> None:
        """Replace the target with everything written (OSError and OutputRefusedError pass)."""
        try:
            self._spool.flush()
            self._spool.seek(0)
            replace_file(self.target, iter(lambda: self._spool.read(_CHUNK), b""))
        finally:
            self.discard()

    def discard(self) -> None:
        """Drop what was written; the target is left as it was."""
        with contextlib.suppress(OSError):
            self._spool.close()
