"""Generate hostile cases: what a pull request can send a hook that runs osaid, as files and runs.

Each case is one thing an attacker can commit or arrange (issue 10, "Why"): a file name that
looks like an option, an ``--output`` target that points elsewhere, a standard output that
fails, a merge that could drop a fact, input shaped to make a scanner quadratic, a FIFO, an
alias bomb, a deep tree, a string no output format expects, a value that could forge a report
line, a bad value for the library. A case is a function that builds its files in a folder at a
scale and returns a :class:`Run`: the command, its environment and standard streams, and what
must come of it (allowed exit codes, text that must or must not appear, what it may write).

Two scales: ``test`` is small and fast (``tests/test_hostile.py`` runs every case at it, as a
subprocess, and asserts the expectations and that nothing outside the case folder was read or
written); ``full`` is at the input limit (10 MiB files, 100,000 directory entries, 10,000
inputs), for ``benchmarks/bench.py`` to time and measure against the goals (2 s, 300 MiB).

Each case folder has a sibling ``outside/`` holding sentinel files whose content is
:data:`SECRET`: a case that reaches outside points there, and the secret must never appear in
anything osaid prints or writes.

Run ``python tasks/hostile.py [--scale test|full] [--only TEXT] [--show]`` to run the cases
and print each outcome (a quick look; the assertions are the test's), or ``--build-into DIR
--only TEXT`` to build one case in DIR and print its command, to try it by hand.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import json
import os
import re
import stat
import subprocess
import sys
import tempfile
import threading
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

from osaid import MAX_INPUT_BYTES
from osaid.render import RENDERERS

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
HOOKS = ROOT / ".pre-commit-hooks.yaml"

Scale = Literal["test", "full"]
SCALES: tuple[Scale, ...] = ("test", "full")
Stdout = Literal["pipe", "closed-pipe", "closed", "full"]
Stderr = Literal["pipe", "tty", "full"]

KIB = 1024
MIB = 1024 * KIB
LIMIT = MAX_INPUT_BYTES
"""The default input limit (10 MiB): a ``full`` case's files are just within it."""

FORMATS: tuple[str, ...] = tuple(RENDERERS)
"""Every output format osaid has (a new one is covered without editing this file)."""

SECRET = "osaid-hostile-sentinel-7c3e9a"  # noqa: S105 - a marker, not a password
"""What the files outside a case folder hold; nothing osaid prints or writes may contain it."""

OUTSIDE = "outside"
CASE = "case"
SCRATCH = "scratch"

UTF8: Mapping[str, str] = {"PYTHONIOENCODING": "utf-8"}


@dataclass(frozen=True)
class Run:
    """How to run one case and what must come of it."""

    argv: tuple[str, ...]
    codes: frozenset[int]
    """The exit codes that are right (0 conformant, 1 not conformant, 2 refused)."""
    present: tuple[str, ...] = ()
    """Text that must appear in standard output or standard error (decoded as UTF-8)."""
    absent: tuple[str, ...] = ()
    """Text that must appear in neither."""
    env: Mapping[str, str] = field(default_factory=lambda: dict(UTF8))
    """Variables set on top of a clean environment (no locale or Python I/O settings)."""
    stdout: Stdout = "pipe"
    stderr: Stderr = "pipe"
    form: str | None = None
    """The format standard output holds when the run decides (exit 0 or 1), to validate."""
    outputs: tuple[str, ...] = ()
    """Files (relative to the case folder) the run may create or replace; nothing else."""
    max_output: int | None = None
    """At most this many bytes on standard output and standard error together."""
    watch: tuple[str, ...] = ()
    """Absolute paths outside the case's folders that must be left exactly as they were."""
    controls: str = "\n\t"
    """C0 characters allowed raw in what is printed (a terminal adds carriage returns)."""
    ascii: bool = False
    """Everything printed must be ASCII (the output encoding is ASCII)."""


@dataclass(frozen=True)
class Case:
    """One hostile input or arrangement: ``build(folder, scale)`` makes its files."""

    klass: str
    """The class of attack (one per item of issue 10's "Why"); the benchmark reports the
    worst case of each."""
    name: str
    build: Callable[[Path, Scale], Run]
    needs: frozenset[str] = frozenset()
    """What the platform must offer: ``fifo``, ``symlink``, ``pty``, ``dev-full``,
    ``byte-names`` (file names that are not UTF-8)."""

    @property
    def id(self) -> str:
        return f"{self.klass}/{self.name}"


def available(needs: frozenset[str]) -> bool:
    """Whether this platform offers everything in ``needs``."""
    offers = {
        "fifo": hasattr(os, "mkfifo"),
        "symlink": os.name == "posix",
        "pty": sys.platform.startswith("linux"),
        "dev-full": Path("/dev/full").exists(),
        "byte-names": sys.platform.startswith("linux"),
        "dev-null": Path("/dev/null").exists(),
    }
    return all(offers.get(need, False) for need in needs)


# ------------------------------------------------------------------------------------------
# Folders, sentinels and running


@dataclass(frozen=True)
class Layout:
    """A case's folders: ``case`` (the working directory), ``outside`` and ``scratch``."""

    root: Path

    @property
    def case(self) -> Path:
        return self.root / CASE

    @property
    def outside(self) -> Path:
        return self.root / OUTSIDE

    @property
    def scratch(self) -> Path:
        """HOME and TMPDIR of the run: osaid has no business writing there either."""
        return self.root / SCRATCH


SENTINELS: Mapping[str, str] = {
    "sentinel.yaml": (
        f"manifest: osaid/1\nname: {SECRET}\nversion: {SECRET}\ncomponents:\n"
        f"  - kind: training-code\n    license: LicenseRef-{SECRET}\n"
    ),
    "README.md": f"---\nlicense: mit\nbase_model: {SECRET}\n---\n# {SECRET}\n",
    "LICENSE": f"{SECRET}\nSPDX-License-Identifier: LicenseRef-{SECRET}\n",
    "src/secret.py": f"# SPDX-License-Identifier: LicenseRef-{SECRET}\n",
    "defs/osaid-8.8.toml": f'[definition]\nid = "osaid-8.8"\ntitle = "{SECRET}"\n',
}
"""Files beside every case folder, each one that osaid would print something of if read."""


def prepare(root: Path) -> Layout:
    """Make ``root/case`` (empty), ``root/scratch`` (empty) and ``root/outside`` (sentinels)."""
    layout = Layout(root)
    layout.case.mkdir(parents=True)
    layout.scratch.mkdir()
    for name, text in SENTINELS.items():
        path = layout.outside / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return layout


def environment(layout: Layout, run: Run, pycache: Path | None = None) -> dict[str, str]:
    """A clean environment for the run: no locale, Python I/O or osaid settings of ours.

    Python's bytecode caches go to ``pycache`` when given (``PYTHONPYCACHEPREFIX``: outside
    the source tree and the case's folders), so runs after the first import compiled modules
    as an installed package does; without it, nothing is written and every run compiles.
    """
    dropped = ("LC_", "LANG", "PYTHONIO", "PYTHONUTF8", "PYTHONDONTWRITEBYTECODE", "OSAID_")
    env = {k: v for k, v in os.environ.items() if not k.startswith(dropped) and k != "NO_COLOR"}
    env.update(HOME=str(layout.scratch), TMPDIR=str(layout.scratch))
    if pycache is None:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    else:
        env["PYTHONPYCACHEPREFIX"] = str(pycache)
    env.update(run.env)
    return env


@dataclass(frozen=True)
class Outcome:
    """What one run did."""

    code: int
    stdout: bytes
    stderr: bytes
    seconds: float
    peak_mib: float
    """Peak resident memory of the child process (``ru_maxrss`` from ``os.wait4``)."""
    timed_out: bool
    printed: int
    """Bytes written to standard output and standard error (kept or not)."""
    truncated: bool = False
    """Standard output was longer than what is kept (:data:`_KEEP`): its format is not
    validated (a benchmark at full scale prints hundreds of MB)."""


_KEEP = 256 * MIB
"""Bytes of each stream kept for checking; the rest is counted and dropped."""


class _Drain(threading.Thread):
    """Read a descriptor to its end (or EIO, for a terminal), keeping the first ``_KEEP``."""

    def __init__(self, descriptor: int) -> None:
        super().__init__(daemon=True)
        self.descriptor = descriptor
        self.kept = bytearray()
        self.count = 0

    def run(self) -> None:
        while True:
            try:
                chunk = os.read(self.descriptor, 1 << 16)
            except OSError as exc:
                if exc.errno == errno.EIO:  # the terminal's other side is closed
                    break
                raise
            if not chunk:
                break
            self.count += len(chunk)
            if len(self.kept) < _KEEP:
                self.kept += chunk[: _KEEP - len(self.kept)]


@contextlib.contextmanager
def _stream(kind: str) -> Iterator[tuple[int | None, _Drain | None]]:
    """(descriptor for the child, drain for the parent) for one standard stream arrangement.

    ``closed`` yields None, which :func:`execute` turns into a standard output closed before
    osaid starts.
    """
    if kind == "closed":  # the launcher closes it
        yield None, None
        return
    if kind == "full":
        full = os.open("/dev/full", os.O_WRONLY)
        try:
            yield full, None
        finally:
            os.close(full)
        return
    if kind == "closed-pipe":
        read_end, write_end = os.pipe()
        os.close(read_end)  # the reader is gone, as in `osaid check ... | true`
        try:
            yield write_end, None
        finally:
            os.close(write_end)
        return
    if kind == "tty":
        import pty  # noqa: PLC0415 - POSIX only, and only for this arrangement

        parent, child = pty.openpty()
    else:
        parent, child = os.pipe()
    drain = _Drain(parent)
    drain.start()
    try:
        yield child, drain
    finally:
        with contextlib.suppress(OSError):
            os.close(child)
        drain.join(120)
        os.close(parent)


LAUNCHER = """
import os, sys, time
report, close, argv = int(sys.argv[1]), sys.argv[2] == "closed", sys.argv[3:]
os.set_inheritable(report, False)
if close:
    os.close(1)
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execv(argv[0], argv)
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - start
os.write(report, f"{os.waitstatus_to_exitcode(status)} {seconds} {usage.ru_maxrss}".encode())
"""
"""Runs the command as its own forked child and reports its exit code, seconds and peak memory.

A child's peak resident memory (``ru_maxrss``) starts from what the process it was forked
from held, and ``subprocess`` (which may use vfork) would hand the child this script's own
peak: up to hundreds of MiB after building a case at full scale. Forked from this small
launcher instead (``python -E -S``, a few MiB), the figure is the command's own. It also
closes standard output for the ``closed`` arrangement (``>&-``).
"""


def execute(run: Run, layout: Layout, timeout: float, pycache: Path | None = None) -> Outcome:
    """Run ``run`` from the case folder, measuring seconds and peak memory; kill at ``timeout``.

    Standard input is /dev/null. The timeout is a hang guard only: the run's whole process
    group is killed and the outcome says so.
    """
    env = environment(layout, run, pycache)
    report_read, report_write = os.pipe()
    with _stream(run.stdout) as (out, out_drain), _stream(run.stderr) as (err, err_drain):
        argv = [sys.executable, "-E", "-S", "-c", LAUNCHER, str(report_write), run.stdout]
        process = subprocess.Popen(
            [*argv, *run.argv],
            cwd=layout.case,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            pass_fds=(report_write,),
            start_new_session=True,  # one process group to kill
        )
        os.close(report_write)
        killed = threading.Event()

        def kill() -> None:
            killed.set()
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, 9)

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            process.wait()
        finally:
            timer.cancel()
    with os.fdopen(report_read, "rb") as report:
        figures = report.read().split()
    if len(figures) == 3:
        code, seconds, peak = int(figures[0]), float(figures[1]), int(figures[2]) / 1024
    else:  # the launcher itself was killed
        code, seconds, peak = process.returncode, timeout, 0.0
    return Outcome(
        code=code,
        stdout=bytes(out_drain.kept) if out_drain else b"",
        stderr=bytes(err_drain.kept) if err_drain else b"",
        seconds=seconds,
        peak_mib=peak,
        timed_out=killed.is_set(),
        printed=(out_drain.count if out_drain else 0) + (err_drain.count if err_drain else 0),
        truncated=out_drain is not None and out_drain.count > len(out_drain.kept),
    )


_RAW_RANGES = ((0x00, 0x1F), (0x7F, 0x9F), (0x200E, 0x200F), (0x202A, 0x202E), (0x2066, 0x2069))
_RAW_SINGLE = {0x061C, 0x2028, 0x2029}


def raw_controls(text: str, allowed: str) -> list[str]:
    """The C0, C1, bidi and line-separator characters in ``text`` (as escapes), but ``allowed``."""
    found = []
    for char in set(text) - set(allowed):
        point = ord(char)
        if point in _RAW_SINGLE or any(low <= point <= high for low, high in _RAW_RANGES):
            found.append(f"\\u{point:04x}")
    return sorted(found)


def problems(run: Run, outcome: Outcome) -> list[str]:
    """What is wrong with ``outcome`` for ``run``, from what it printed (empty when right).

    Exit code, a traceback, invalid UTF-8 or raw control characters on either stream, text
    that must or must not appear, the secret, the output's size and validity of its format.
    """
    found: list[str] = []
    if outcome.timed_out:
        found.append("did not finish (killed by the hang guard)")
    if outcome.code not in run.codes:
        found.append(f"exit {outcome.code}, expected one of {sorted(run.codes)}")
    texts: dict[str, str] = {}
    for label, data in (("stdout", outcome.stdout), ("stderr", outcome.stderr)):
        try:
            texts[label] = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            found.append(f"{label} is not valid UTF-8 ({exc.reason} at byte {exc.start})")
            texts[label] = data.decode("utf-8", "replace")
        raw = raw_controls(texts[label], run.controls)
        if raw:
            found.append(f"{label} holds raw {', '.join(raw)}")
    both = texts["stdout"] + texts["stderr"]
    if run.ascii and not both.isascii():
        found.append("printed characters beyond ASCII to an ASCII output")
    for marker in ("Traceback (most recent call last)", "Exception ignored"):
        if marker in both:
            found.append(f"{marker!r} in the output")
    found += [f"missing {text!r}" for text in run.present if text not in both]
    found += [f"unexpected {text!r}" for text in run.absent if text in both]
    if SECRET in both:
        found.append("the secret from outside/ was printed")
    if run.max_output is not None and outcome.printed > run.max_output:
        found.append(f"printed {outcome.printed:,} bytes, more than {run.max_output:,}")
    if run.form and outcome.code in (0, 1) and not outcome.truncated:
        found += _invalid(run.form, texts["stdout"])
    return found


def _invalid(form: str, text: str) -> list[str]:
    """Whether ``text`` is a valid document of ``form`` (JSON, SARIF, JUnit XML)."""
    if form in ("json", "sarif"):
        try:
            data = json.loads(text)
        except ValueError as exc:
            return [f"stdout is not valid JSON: {exc}"]
        if form == "sarif":
            return [f"SARIF message text holds a live link: {t[:80]!r}" for t in _linked(data)]
    if form == "junit":
        try:
            ET.fromstring(text)  # noqa: S314 - osaid's own output, parsed to check it
        except ET.ParseError as exc:
            return [f"stdout is not valid XML: {exc}"]
    return []


_LINK = re.compile(r"(?<!\\)\[[^\]]*(?<!\\)\]\(")


def _linked(data: Any) -> Iterator[str]:
    """SARIF ``message.text`` values holding ``[text](`` with unescaped brackets.

    SARIF viewers render embedded links in plain-text messages (SARIF 2.1.0 section 3.11.6);
    only escaped brackets are text.
    """
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            message = value.get("message")
            text = message.get("text") if isinstance(message, dict) else None
            if isinstance(text, str) and _LINK.search(text):
                yield text
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)


def remove_tree(top: Path) -> None:
    """Remove ``top`` whatever it holds, deepest entries first.

    Trees too deep for ``shutil.rmtree`` (which recurses), FIFOs, links and names that are not
    UTF-8: iterative, relative to directory descriptors, so no path grows past PATH_MAX.
    """
    if not top.exists() and not top.is_symlink():
        return
    if not top.is_dir() or top.is_symlink():
        top.unlink()
        return
    stack = [os.open(top, os.O_RDONLY | os.O_DIRECTORY)]
    names: list[str] = []
    while stack:
        descriptor = stack[-1]
        inner = None
        with os.scandir(descriptor) as listing:
            for entry in listing:
                if entry.is_dir(follow_symlinks=False):
                    inner = entry.name
                    break
                os.unlink(entry.name, dir_fd=descriptor)
        if inner is not None:
            stack.append(os.open(inner, os.O_RDONLY | os.O_DIRECTORY, dir_fd=descriptor))
            names.append(inner)
            continue
        os.close(stack.pop())
        if names:
            os.rmdir(names.pop(), dir_fd=stack[-1])
    top.rmdir()


def snapshot(root: Path) -> dict[bytes, tuple[Any, ...]]:
    """Every entry under ``root`` (iteratively): kind, mode, inode and content or link target."""
    found: dict[bytes, tuple[Any, ...]] = {}
    stack = [os.fsencode(root)]
    while stack:
        directory = stack.pop()
        with os.scandir(directory) as listing:
            for entry in listing:
                info = entry.stat(follow_symlinks=False)
                kind = stat.S_IFMT(info.st_mode)
                detail: Any = None
                if stat.S_ISREG(info.st_mode):
                    with open(entry.path, "rb") as file:  # noqa: PTH123 - bytes path
                        detail = hash(file.read())
                elif stat.S_ISLNK(info.st_mode):
                    detail = os.readlink(entry.path)  # noqa: PTH115 - bytes path
                elif stat.S_ISDIR(info.st_mode):
                    stack.append(entry.path)
                found[entry.path] = (kind, stat.S_IMODE(info.st_mode), info.st_ino, detail)
    return found


def watched(paths: tuple[str, ...]) -> dict[str, tuple[int, ...] | None]:
    """Identity of paths outside the case's folders (device, inode, mode, rdev, size)."""
    state: dict[str, tuple[int, ...] | None] = {}
    for path in paths:
        try:
            info = os.lstat(path)
        except OSError:
            state[path] = None
            continue
        state[path] = (info.st_dev, info.st_ino, info.st_mode, info.st_rdev, info.st_size)
    return state


# ------------------------------------------------------------------------------------------
# Building blocks


def osaid(*args: str) -> tuple[str, ...]:
    """``python -m osaid ARGS`` with the interpreter running this script."""
    return (sys.executable, "-m", "osaid", *args)


def python(code: str, *args: str) -> tuple[str, ...]:
    return (sys.executable, "-c", code, *args)


def scaled(scale: Scale, test: int, full: int) -> int:
    return test if scale == "test" else full


def write(folder: Path, name: str, content: str | bytes) -> Path:
    """Write ``content`` at ``folder/name`` (parents made) and return the path."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


CONFORMANT = "conformant"
FAILING = "license-failure"
FAILING_NAME = "Restricted Example LM"


def example(name: str) -> str:
    """A shipped example manifest (``conformant``, ``license-failure``, ...)."""
    return (EXAMPLES / name / "osaid.yaml").read_text(encoding="utf-8")


def example_json(name: str) -> dict[str, Any]:
    """A shipped example manifest as JSON data, to change and write as JSON."""
    data: dict[str, Any] = yaml.safe_load(example(name))
    return data


def conformant_repository(folder: Path) -> None:
    """The conformant example with the local files it names, so a directory check passes."""
    write(folder, "osaid.yaml", example(CONFORMANT))
    write(folder, "docs/DATASHEET.md", "# Datasheet\n")
    write(folder, "docs/data-sources.md", "# Data sources\n")


def hook_args(hook_id: str) -> tuple[str, ...]:
    """``args`` of a hook in the shipped .pre-commit-hooks.yaml (whose entry is osaid)."""
    hooks = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == hook_id)
    if hook["entry"] != "osaid":
        raise ValueError(f"hook {hook_id} runs {hook['entry']!r}, not osaid")
    return tuple(str(a) for a in hook["args"])


def mkfifo(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)


def nest(top: Path, depth: int, leaf: str, text: bytes) -> None:
    """``top/d/d/.../d/leaf`` ``depth`` levels deep, made relative to each level."""
    top.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(top, os.O_RDONLY)
    try:
        for _ in range(depth):
            os.mkdir("d", dir_fd=descriptor)
            inner = os.open("d", os.O_RDONLY, dir_fd=descriptor)
            os.close(descriptor)
            descriptor = inner
        file = os.open(leaf, os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=descriptor)
        os.write(file, text)
        os.close(file)
    finally:
        os.close(descriptor)


MANIFEST_HEAD = "manifest: osaid/1\nname: Hostile\n"
CARD_HEAD = "---\nlicense: mit\n---\n"
NOT_CONFORMANT = "is NOT conformant with Open Source AI Definition 1.0"
"""What the hook format says of a failing release (most cases print in that format)."""


def located(location: str, extra: str = "") -> str:
    """A manifest with one inference-code component at ``location`` (JSON-quoted)."""
    return (
        MANIFEST_HEAD + "components:\n  - kind: inference-code\n"
        f"    location: {json.dumps(location)}\n    license: MIT\n{extra}"
    )


def blanks(size: int) -> str:
    return " \t" * (size // 2)


def fill(line: str, size: int) -> str:
    """``line`` repeated to about ``size`` characters, never more."""
    return line * (size // len(line))


Builder = Callable[[Path, Scale], Run]


def checked(
    name: str,
    make: Callable[[int], str],
    codes: set[int],
    *present: str,
    fmt: str = "hook",
    test_size: int = 64 * KIB,
) -> Builder:
    """A file ``name`` of about ``test_size`` (test) or just within the input limit (full).

    ``make(size)`` returns its text; the benchmark's figures for the class are this file at
    the limit.
    """

    def build(folder: Path, scale: Scale) -> Run:
        text = make(scaled(scale, test_size, LIMIT - 16 * KIB))
        if len(text.encode("utf-8")) > LIMIT:
            raise ValueError(f"{name}: {len(text):,} characters is past the input limit")
        write(folder, name, text)
        return Run(
            argv=osaid("check", "--format", fmt, "--", name),
            codes=frozenset(codes),
            present=present,
            form=fmt,
        )

    return build


# ------------------------------------------------------------------------------------------
# File names that look like options


def option_named(directory: str, link: str | None) -> Builder:
    """A failing manifest at ``DIRECTORY/osaid.yaml``, passed as the osaid-file hook does.

    Read as options, ``-obad/osaid.yaml`` skipped the check and wrote the report over
    ``bad/osaid.yaml`` (through ``link`` when there is one: outside the repository). At full
    scale, 500 such files in one commit.
    """

    def build(folder: Path, scale: Scale) -> Run:
        names = [f"{directory}{index or ''}/osaid.yaml" for index in range(scaled(scale, 1, 500))]
        for name in names:
            write(folder, name, example(FAILING))
        if link:
            (folder / link).symlink_to(f"../{OUTSIDE}")
        return Run(
            argv=osaid(*hook_args("osaid-file"), *names),
            codes=frozenset({1}),
            present=(f"{directory}/osaid.yaml: {FAILING_NAME} {NOT_CONFORMANT}",),
        )

    return build


def suggested_command(folder: Path, scale: Scale) -> Run:
    """The hook's "Full report: osaid check PATH" must be safe to paste into a shell.

    Printed raw, a directory named ``x;touch pwned;`` runs ``touch pwned`` when the line is
    pasted, and ``-obad/osaid.yaml`` is read as ``-o bad/osaid.yaml`` again.
    """
    del scale
    names = ("-obad/osaid.yaml", "x;touch pwned;/osaid.yaml", "$(touch pwned)/osaid.yaml")
    for name in names:
        write(folder, name, example(FAILING))
    return Run(
        argv=osaid(*hook_args("osaid-file"), *names),
        codes=frozenset({1}),
        present=(
            "Full report: osaid check -- -obad/osaid.yaml",
            "Full report: osaid check 'x;touch pwned;/osaid.yaml'",
            "Full report: osaid check '$(touch pwned)/osaid.yaml'",
        ),
        absent=("osaid check x;", "osaid check $(", "osaid check -obad"),
    )


def init_suggestion(folder: Path, scale: Scale) -> Run:
    """``osaid init`` ends with "Then run: osaid check DIR", which must be quoted too."""
    del scale
    write(folder, "a b;touch pwned/README.md", CARD_HEAD + "# Card\n")
    return Run(
        argv=osaid("init", "--", "a b;touch pwned"),
        codes=frozenset({0}),
        present=("Then run: osaid check 'a b;touch pwned'",),
        outputs=("a b;touch pwned/osaid.yaml",),
    )


def option_cases() -> Iterator[Case]:
    klass, link = "option-like file names", frozenset({"symlink"})
    yield Case(klass, "osaid-file hook, -obad/osaid.yaml", option_named("-obad", None))
    yield Case(klass, "osaid-file hook, -ox/ with x linked out", option_named("-ox", "x"), link)
    yield Case(klass, "osaid-file hook, --output=x/", option_named("--output=x", "x"), link)
    yield Case(klass, "the hook's suggested command", suggested_command)
    yield Case(klass, "init's suggested command", init_suggestion)


# ------------------------------------------------------------------------------------------
# --output targets


def refused_output(
    target: str, reason: str, setup: Callable[[Path], object] = lambda _: None
) -> Builder:
    """``osaid check --output TARGET -- .`` refused with one line, nothing written anywhere."""

    def build(folder: Path, scale: Scale) -> Run:
        count = scaled(scale, 1, 1000)
        write(folder, "osaid.yaml", example(FAILING))
        names = [".", *(write(folder, f"m{n}.yaml", example(FAILING)).name for n in range(count))]
        setup(folder)
        return Run(
            argv=osaid("check", "--output", target, "--", *names),
            codes=frozenset({2}),
            present=(f"osaid: --output {target}{reason}",),
            absent=("NOT CONFORMANT",),
            watch=(target,) if target.startswith("/") else (),
        )

    return build


def stream_to_stdout(fmt: str) -> Builder:
    """``--output /dev/stdout`` into a pipe streams there (it was exit 2, the report lost)."""

    def build(folder: Path, scale: Scale) -> Run:
        del scale  # the same at both scales: "many inputs" measures counts
        names = [write(folder, f"m{n}.yaml", example(FAILING)).name for n in range(3)]
        return Run(
            argv=osaid("check", "--format", fmt, "--output", "/dev/stdout", "--", *names),
            codes=frozenset({1}),
            present=("m0.yaml",),
            form=fmt,
        )

    return build


def written_output(folder: Path, scale: Scale) -> Run:
    """The normal use: a report beside the descriptions replaces the last run's, atomically."""
    del scale
    write(folder, "osaid.yaml", example(FAILING))
    write(folder, "report.json", "old\n")
    return Run(
        argv=osaid("check", "--format", "json", "--output", "report.json", "--", "."),
        codes=frozenset({1}),
        outputs=("report.json",),
    )


def output_cases() -> Iterator[Case]:
    klass, link, fifo = "--output targets", frozenset({"symlink"}), frozenset({"fifo"})

    def linked(name: str, target: str) -> Callable[[Path], object]:
        return lambda folder: (folder / name).symlink_to(target)

    never_through = " is a symbolic link, and osaid never writes through one"
    only_regular = "and osaid replaces only regular files"
    outside = " resolves outside the working directory"
    yield Case(
        klass,
        "symlink out",
        refused_output("report.txt", never_through, linked("report.txt", "../outside/LICENSE")),
        link,
    )
    yield Case(
        klass,
        "dangling symlink out",
        refused_output("report.txt", never_through, linked("report.txt", "../outside/new.txt")),
        link,
    )
    yield Case(
        klass,
        "FIFO",
        refused_output(
            "report.txt",
            f" is a FIFO (named pipe), {only_regular}",
            lambda f: mkfifo(f / "report.txt"),
        ),
        fifo,
    )
    yield Case(
        klass,
        "device /dev/null",
        refused_output("/dev/null", f" is a character device, {only_regular}"),
        frozenset({"dev-null"}),
    )
    yield Case(
        klass,
        "a directory",
        refused_output("reports", " is a directory", lambda f: (f / "reports").mkdir()),
    )
    yield Case(klass, "the input itself", refused_output("osaid.yaml", " is one of the inputs"))
    yield Case(
        klass,
        "a hard link to an input",
        refused_output(
            "copy.yaml", " is one of the inputs", lambda f: os.link(f / "m0.yaml", f / "copy.yaml")
        ),
        link,
    )
    yield Case(klass, "relative path out through ..", refused_output("../outside/r.txt", outside))
    yield Case(
        klass,
        "parent symlinked out",
        refused_output("x/r.txt", outside, linked("x", f"../{OUTSIDE}")),
        link,
    )
    yield Case(
        klass, "descriptor not open", refused_output("/dev/fd/9", ": descriptor 9 is not open")
    )
    yield Case(klass, "a report beside the inputs", written_output)
    for fmt in FORMATS:
        yield Case(klass, f"/dev/stdout into a pipe [{fmt}]", stream_to_stdout(fmt))


# ------------------------------------------------------------------------------------------
# Exit codes whatever happens to standard output


def exit_code(
    which: str, stdout: Stdout, code: int, fmt: str = "text", stderr: Stderr = "pipe"
) -> Builder:
    """``which`` (an example, or ``missing``) checked with standard output ``stdout``."""

    def build(folder: Path, scale: Scale) -> Run:
        del scale  # nothing grows: the same at both scales
        names = (
            ["missing.yaml"]
            if which == "missing"
            else [write(folder, "m.yaml", example(which)).name]
        )
        if stderr == "full":
            present: tuple[str, ...] = ()
        elif code == 2 and which == "missing":
            present = ("osaid: missing.yaml: no such file",)
        else:
            present = ("osaid: could not write to standard output",)
        return Run(
            argv=osaid("check", "--format", fmt, "--", *names),
            codes=frozenset({code}),
            present=present,
            stdout=stdout,
            stderr=stderr,
        )

    return build


def encoded(env: Mapping[str, str], fmt: str) -> Builder:
    """An output encoding without the report's characters: escapes, never a traceback."""

    def build(folder: Path, scale: Scale) -> Run:
        del scale  # nothing grows: the same at both scales
        names = ["m\u00e9/osaid.yaml"]
        write(folder, names[0], example(CONFORMANT).replace("Open Example", "\u00c9xample"))
        return Run(
            argv=osaid("check", "--format", fmt, "--", *names),
            codes=frozenset({0}),
            env=env,
            form=fmt,
            present=("\\xc9xample LM",) if fmt in ("text", "markdown", "hook") else (),
            ascii=True,
        )

    return build


def exit_code_cases() -> Iterator[Case]:
    klass, full = "exit codes", frozenset({"dev-full"})
    yield Case(klass, "closed pipe, failing", exit_code(FAILING, "closed-pipe", 1))
    yield Case(klass, "closed pipe, conformant", exit_code(CONFORMANT, "closed-pipe", 2))
    yield Case(klass, "closed pipe, unreadable", exit_code("missing", "closed-pipe", 2))
    yield Case(klass, "closed stdout, failing", exit_code(FAILING, "closed", 1))
    yield Case(klass, "closed stdout, conformant", exit_code(CONFORMANT, "closed", 2))
    yield Case(klass, "/dev/full, failing", exit_code(FAILING, "full", 1), full)
    yield Case(klass, "/dev/full, conformant", exit_code(CONFORMANT, "full", 2), full)
    yield Case(
        klass, "/dev/full on both streams", exit_code(FAILING, "full", 1, stderr="full"), full
    )
    for fmt in FORMATS:
        yield Case(
            klass, f"closed pipe, failing [{fmt}]", exit_code(FAILING, "closed-pipe", 1, fmt)
        )
        c_locale = {"LC_ALL": "C", "PYTHONUTF8": "0"}
        yield Case(klass, f"C locale [{fmt}]", encoded(c_locale, fmt))
        yield Case(
            klass, f"PYTHONIOENCODING=ascii [{fmt}]", encoded({"PYTHONIOENCODING": "ascii"}, fmt)
        )


# ------------------------------------------------------------------------------------------
# A fact that disappears in a merge


FINE_TUNE_CARD = "---\nlicense: apache-2.0\nbase_model: meta-llama/Llama-3.1-8B\n---\n# Tuned\n"


def merged_base_model(fmt: str) -> Builder:
    """A fine-tune's card beside a conformant osaid.yaml: the base model counts (exit 1)."""

    def build(folder: Path, scale: Scale) -> Run:
        del scale
        conformant_repository(folder)
        write(folder, "README.md", FINE_TUNE_CARD)
        return Run(
            argv=osaid("check", "--format", fmt, "--", "."),
            codes=frozenset({1}),
            present=("meta-llama/Llama-3.1-8B",),
            form=fmt,
        )

    return build


def card_osaid_block(folder: Path, scale: Scale) -> Run:
    """A card whose ``osaid:`` block does not repeat ``base_model`` keeps the card's."""
    del scale
    card = "---\nlicense: apache-2.0\nbase_model: org/base\nosaid:\n  version: '2'\n---\n# Tuned\n"
    write(folder, "README.md", card)
    return Run(
        argv=osaid("check", "--format", "text", "--", "README.md"),
        codes=frozenset({1}),
        present=("Base model's data information", "at README.md:3 (base_model)"),
    )


def merge_cases() -> Iterator[Case]:
    for fmt in FORMATS:
        yield Case("merging", f"card base_model beside osaid.yaml [{fmt}]", merged_base_model(fmt))
    yield Case("merging", "card osaid block without base_model", card_osaid_block)


# ------------------------------------------------------------------------------------------
# Scanners that must stay linear: the shapes benchmarks/patterns.py times in process, here as
# whole files


CARDS: Mapping[str, tuple[Callable[[int], str], set[int], str]] = {
    "spaces in a heading": (lambda n: CARD_HEAD + "# a" + " " * n + "b\n", {1}, NOT_CONFORMANT),
    "blanks before a hash": (lambda n: CARD_HEAD + "# a" + blanks(n) + "#b\n", {1}, "#b"),
    "many spaced headings": (
        lambda n: CARD_HEAD + fill("# a" + " " * 64 + "b\n", n),
        {1},
        NOT_CONFORMANT,
    ),
    "front matter fence then spaces": (
        lambda n: "---\n---" + " " * n + "x\n",
        {2},
        "invalid YAML",
    ),
    "near-miss fences": (
        lambda n: "---\nlicense: mit\n" + fill("--- " + "x" * 60 + "\n", n),
        {2},
        "invalid YAML",
    ),
}

TAG_VALUE_HEAD = (
    "SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\nSPDXID: SPDXRef-DOCUMENT\n"
    "DocumentName: hostile\nDocumentNamespace: https://sbom.example.org/hostile\n"
    "Creator: Tool: hostile\nCreated: 2024-06-03T09:12:44Z\n"
    "PackageName: p\nSPDXID: SPDXRef-p\nPackageDownloadLocation: NOASSERTION\n"
    "FilesAnalyzed: false\nPackageLicenseConcluded: MIT\n"
)

TAG_VALUE_LINES: Mapping[str, tuple[Callable[[int], str], set[int], str]] = {
    "spaces in a value": (
        lambda n: TAG_VALUE_HEAD + "PackageComment: a" + " " * n + "b\n",
        {1},
        NOT_CONFORMANT,
    ),
    "blanks then CR": (
        lambda n: TAG_VALUE_HEAD + "PackageComment:" + blanks(n) + "\r\n",
        {1},
        NOT_CONFORMANT,
    ),
    "many spaced lines": (
        lambda n: TAG_VALUE_HEAD + fill("A: a" + " " * 60 + "b\n", n),
        {2},
        "Unknown tag",
    ),
    "one long text value": (
        lambda n: TAG_VALUE_HEAD + "PackageComment: <text>" + "x" * n + "</text>\n",
        {1},
        NOT_CONFORMANT,
    ),
}

LINE_BUDGET = 200_000
"""Values (lines of tag-value) one document may hold."""

TAG_VALUE_BUDGETS: Mapping[str, tuple[Callable[[int], str], set[int], str]] = {
    "short fields within the budget": (
        lambda n: TAG_VALUE_HEAD + "Creator: Tool: t\n" * min(n // 17, LINE_BUDGET - 20),
        {1},
        NOT_CONFORMANT,
    ),
    "long fields within the budget": (
        lambda n: (
            TAG_VALUE_HEAD + fill("Creator: Tool: " + "t" * 36 + "\n", n)[: 52 * (LINE_BUDGET - 20)]
        ),
        {1},
        NOT_CONFORMANT,
    ),
    "packages with their own licences": (
        lambda n: (
            TAG_VALUE_HEAD
            + "".join(own_licence(i) for i in range(min(n // 200, (LINE_BUDGET - 20) // 7)))
        ),
        {1},
        NOT_CONFORMANT,
    ),
    "blank lines within the budget": (
        lambda n: TAG_VALUE_HEAD + "\n" * min(n, LINE_BUDGET - 20),
        {1},
        NOT_CONFORMANT,
    ),
    "past the line budget": (
        lambda n: TAG_VALUE_HEAD + "A:\n" * max(n // 3, LINE_BUDGET),
        {2},
        "lines, a limit against crafted input",
    ),
    "unreadable characters": (
        lambda n: TAG_VALUE_HEAD + "1" * n + "\n",
        {2},
        "more than 1000 characters are not tag-value syntax",
    ),
}


def own_licence(n: int) -> str:
    """A package under a custom licence the document defines (7 fields)."""
    return (
        f"PackageName: p{n}\nSPDXID: SPDXRef-p{n}\nPackageDownloadLocation: NOASSERTION\n"
        f"FilesAnalyzed: false\nPackageLicenseConcluded: LicenseRef-l{n}\n"
        f"LicenseID: LicenseRef-l{n}\nExtractedText: <text>l{n}</text>\n"
    )


def spdx_xml(body: str) -> str:
    """An SPDX 2.3 XML document with one package, and ``body`` before it."""
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<Document>\n'
        "<SPDXID>SPDXRef-DOCUMENT</SPDXID>\n<spdxVersion>SPDX-2.3</spdxVersion>\n"
        "<dataLicense>CC0-1.0</dataLicense>\n<name>hostile</name>\n"
        "<documentNamespace>https://sbom.example.org/hostile</documentNamespace>\n"
        "<creationInfo><created>2024-06-03T09:12:44Z</created>"
        "<creators>Tool: hostile</creators></creationInfo>\n"
        f"{body}\n"
        "<packages><SPDXID>SPDXRef-p</SPDXID><name>p</name>"
        "<downloadLocation>NOASSERTION</downloadLocation><filesAnalyzed>false</filesAnalyzed>"
        "<licenseConcluded>MIT</licenseConcluded></packages>\n</Document>\n"
    )


XML: Mapping[str, tuple[Callable[[int], str], set[int], str]] = {
    "start tags in a comment": (
        lambda n: spdx_xml("<!--" + "<packages " * (n // 10) + "-->"),
        {1},
        NOT_CONFORMANT,
    ),
    "start tags in CDATA": (
        lambda n: spdx_xml("<comment><![CDATA[" + "<packages>" * (n // 10) + "]]></comment>"),
        {1},
        NOT_CONFORMANT,
    ),
    "unclosed comment": (
        lambda n: spdx_xml("<!--" + "<packages " * (n // 10)),
        {2},
        "invalid XML",
    ),
}

BASE = "https://spdx.example.org/b"
MIT = "https://spdx.org/licenses/MIT"
LISTED_MIT = {"type": "expandedlicensing_ListedLicense", "spdxId": MIT}


def aibom(graph: list[dict[str, Any]], top: str) -> str:
    """An SPDX 3 AI package declared and concluded under licence element ``top``."""
    elements: list[dict[str, Any]] = [
        {"type": "CreationInfo", "@id": "_:c", "specVersion": "3.0.1", "created": "2024-11-20"},
        {"type": "ai_AIPackage", "spdxId": f"{BASE}/model", "name": "m"},
        *graph,
    ]
    for kind in ("hasDeclaredLicense", "hasConcludedLicense"):
        elements.append(
            {
                "type": "Relationship",
                "spdxId": f"{BASE}/{kind}",
                "from": f"{BASE}/model",
                "relationshipType": kind,
                "to": [f"{BASE}/{top}"],
            }
        )
    document = {"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": elements}
    return json.dumps(document)


def licence_set(name: str, members: list[str], kind: str = "Conjunctive") -> dict[str, Any]:
    return {
        "type": f"expandedlicensing_{kind}LicenseSet",
        "spdxId": f"{BASE}/{name}",
        "expandedlicensing_member": members,
    }


def padded(element: dict[str, Any], size: int) -> dict[str, Any]:
    """``element`` with a comment that brings the document to about ``size`` bytes."""
    return {**element, "comment": "x" * max(0, size - 20_000)}


def shared_sets(size: int) -> str:
    """Each set has two members, both the previous set: 2**n licences from n elements.

    A 9 KB file of these never finished.
    """
    count = 60  # within the 100 levels of nesting, so the expansion budget is what stops it
    graph = [LISTED_MIT, padded(licence_set("s0", [MIT, MIT]), size)]
    graph += [
        licence_set(f"s{n}", [f"{BASE}/s{n - 1}"] * 2, "Disjunctive") for n in range(1, count)
    ]
    return aibom(graph, f"s{count - 1}")


def wide_sets(size: int) -> str:
    """Sets of many members, each the previous set: wide rather than deep."""
    width = max(2, min(90, int((size // 60) ** 0.5)))  # within the 100 levels of nesting
    graph = [LISTED_MIT, licence_set("s0", [MIT] * width)]
    graph += [
        licence_set(f"s{n}", [f"{BASE}/s{n - 1}"] * width, "Disjunctive") for n in range(1, width)
    ]
    return aibom(graph, f"s{width - 1}")


def self_set(size: int) -> str:
    """A set that is its own member (it recursed until Python gave up)."""
    return aibom([padded(licence_set("loop", [f"{BASE}/loop"]), size)], "loop")


def cycle_sets(size: int) -> str:
    """Fifty sets, each the next one's only member, the last the first's."""
    count = 50
    graph = [licence_set(f"c{n}", [f"{BASE}/c{(n + 1) % count}"]) for n in range(count)]
    graph[0] = padded(graph[0], size)
    return aibom(graph, "c0")


def long_sets(size: int) -> str:
    """Sets just under the 20,000-character expression limit, one per package.

    Within every budget, so the whole document is read.
    """
    members = [f"LicenseRef-m{n}" for n in range(900)]
    graph: list[dict[str, Any]] = [
        {
            "type": "simplelicensing_LicenseExpression",
            "spdxId": f"{BASE}/{member}",
            "simplelicensing_licenseExpression": member,
        }
        for member in members
    ]
    graph.append(licence_set("long", [f"{BASE}/{m}" for m in members]))
    for n in range(max(1, min(size // 400, 500))):
        graph += [
            {"type": "software_Package", "spdxId": f"{BASE}/p{n}", "name": f"p{n}"},
            licence_set(f"s{n}", [f"{BASE}/long", f"{BASE}/{members[n % 900]}"], "Disjunctive"),
            {
                "type": "Relationship",
                "spdxId": f"{BASE}/r{n}",
                "from": f"{BASE}/p{n}",
                "relationshipType": "hasDeclaredLicense",
                "to": [f"{BASE}/s{n}"],
            },
        ]
    graph.append(LISTED_MIT)
    return aibom(graph, "top").replace(f'"{BASE}/top"', f'"{MIT}"')


EXPANDS = "expands to a licence expression of more than 20,000 characters"
CONTAINS_ITSELF = "contains itself (directly or through other licence elements)"
SPDX3: Mapping[str, tuple[Callable[[int], str], set[int], str]] = {
    "sets sharing members": (shared_sets, {2}, EXPANDS),
    "wide shared sets": (wide_sets, {2}, EXPANDS),
    "a set containing itself": (self_set, {2}, CONTAINS_ITSELF),
    "sets containing each other": (cycle_sets, {2}, CONTAINS_ITSELF),
    "long sets within the budgets": (long_sets, {1}, NOT_CONFORMANT),
}


def cyclonedx(components: list[dict[str, Any]]) -> str:
    return json.dumps({"bomFormat": "CycloneDX", "specVersion": "1.6", "components": components})


def model_using(ref: str) -> dict[str, Any]:
    return {
        "type": "machine-learning-model",
        "name": "m",
        "modelCard": {"modelParameters": {"datasets": [{"ref": ref}]}},
    }


def data(ref: str) -> dict[str, Any]:
    return {"bom-ref": ref, "type": "data", "name": "d"}


NO_BOM_REF = "is no bom-ref in this BOM"
DATA_COMPONENTS = 25_000
"""Data components a BOM can hold within the value budget (7 values each, keys counted);
refs of 95 characters, within the 100 a did-you-mean compares."""
CYCLONEDX: Mapping[str, tuple[Callable[[int], str], set[int], str]] = {
    "unknown ref among many": (
        lambda n: cyclonedx(
            [model_using("data-" + "x" * 90 + "?")]
            + [data(f"data-{i:090d}") for i in range(min(n // 150, DATA_COMPONENTS))]
        ),
        {2},
        NO_BOM_REF,
    ),
    "unknown ref among near misses": (
        lambda n: cyclonedx(
            [model_using("data-" + "x" * 90 + "?")]
            + [
                data("data-" + "x" * 84 + chr(97 + i % 26) + f"{i:05d}")
                for i in range(min(n // 150, DATA_COMPONENTS))
            ]
        ),
        {2},
        NO_BOM_REF,
    ),
    "long unknown ref": (
        lambda n: cyclonedx(
            [
                model_using("data-" + "x" * (n // 2 - 200) + "?"),
                data("data-" + "x" * (n // 2 - 200) + "!"),
            ]
        ),
        {2},
        NO_BOM_REF,
    ),
}


def repository_heads(head: str) -> Builder:
    """Files under a location whose heads hold ``SPDX-License-Identifier`` then blanks.

    Only the first 8 KiB of each of the first 500 files under a location are searched, so the
    full case is 500 such files.
    """

    def build(folder: Path, scale: Scale) -> Run:
        write(folder, "osaid.yaml", located("src"))
        text = head + " " * (8 * KIB) + "x\n"
        for index in range(scaled(scale, 8, 500)):
            write(folder, f"src/f{index:03d}.py", text)
        return Run(
            argv=osaid("check", "--format", "hook", "--", "."),
            codes=frozenset({1}),
            present=("Hostile " + NOT_CONFORMANT,),
        )

    return build


LICENCE_FILES: Mapping[str, Callable[[int], str]] = {
    "identifier then spaces": lambda n: "SPDX-License-Identifier: a" + " " * n + "b",
    "identifier then blanks": lambda n: "SPDX-License-Identifier:" + blanks(n) + "\n",
    "version dots": lambda n: "gnu general public license, version " + "1." * (n // 2) + "-",
    "two titles far apart": lambda n: "apache license, version 2.0" + " " * n + "mit license",
}


def init_reading(make: Callable[[int], str]) -> Builder:
    """``osaid init`` guessing a LICENSE (and naming from a card heading) of long blank runs."""

    def build(folder: Path, scale: Scale) -> Run:
        size = scaled(scale, 64 * KIB, LIMIT - 16 * KIB)
        write(folder, "LICENSE", make(size))
        write(folder, "README.md", CARD_HEAD + "# a" + " " * size + "b\n")
        return Run(
            argv=osaid("init", "--", "."),
            codes=frozenset({0}),
            present=("Wrote osaid.yaml.",),
            outputs=("osaid.yaml",),
        )

    return build


def scanner_cases() -> Iterator[Case]:
    tables = (
        ("card headings", "README.md", CARDS),
        ("tag-value lines", "sbom.spdx", TAG_VALUE_LINES),
        ("tag-value budgets", "sbom.spdx", TAG_VALUE_BUDGETS),
        ("XML comments", "sbom.spdx.xml", XML),
        ("SPDX 3 licence sets", "aibom.json", SPDX3),
        ("CycloneDX did-you-mean", "bom.json", CYCLONEDX),
    )
    for klass, name, table in tables:
        for shape, (make, codes, present) in table.items():
            yield Case(klass, shape, checked(name, make, codes, present))
    klass = "SPDX-License-Identifier scans"
    yield Case(klass, "spaces after the tag", repository_heads("# SPDX-License-Identifier: MIT"))
    yield Case(
        klass, "blanks after the tag", repository_heads("# SPDX-License-Identifier:" + blanks(200))
    )
    for shape, make in LICENCE_FILES.items():
        yield Case("LICENSE files for init", shape, init_reading(make))


# ------------------------------------------------------------------------------------------
# Only regular files are read


A_FIFO = "is a FIFO (named pipe), not a regular file"


def fifo_input(folder: Path, scale: Scale) -> Run:
    del scale
    mkfifo(folder / "osaid.yaml")
    return Run(
        argv=osaid("check", "--", "osaid.yaml"),
        codes=frozenset({2}),
        present=(f"osaid: osaid.yaml: {A_FIFO}",),
    )


FIFO_API = """
import osaid
from osaid.readers import read_path
for call in (osaid.check, osaid.read, read_path):
    try:
        call("osaid.yaml")
    except osaid.InputError as exc:
        print(call.__name__, "refused:", exc)
"""


def fifo_input_api(folder: Path, scale: Scale) -> Run:
    del scale
    mkfifo(folder / "osaid.yaml")
    return Run(
        argv=python(FIFO_API),
        codes=frozenset({0}),
        present=tuple(f"{call} refused: osaid.yaml: {A_FIFO}" for call in ("check", "read_path")),
    )


def fifo_in_location(folder: Path, scale: Scale) -> Run:
    write(folder, "osaid.yaml", located("src"))
    for index in range(scaled(scale, 3, 500)):
        mkfifo(folder / "src" / f"a{index}.py")
    write(folder, "src/b.py", "# SPDX-License-Identifier: GPL-3.0-only\n")
    return Run(
        argv=osaid("check", "--format", "hook", "--", "."),
        codes=frozenset({1}),
        present=("src/b.py:1 says SPDX-License-Identifier: GPL-3.0-only",),
    )


def fifo_as_evidence(folder: Path, scale: Scale) -> Run:
    del scale
    write(folder, "osaid.yaml", located("pipe", "    license_file: lpipe\n"))
    mkfifo(folder / "pipe")
    mkfifo(folder / "lpipe")
    return Run(
        argv=osaid("check", "--format", "text", "--", "."),
        codes=frozenset({1}),
        present=(
            "location 'pipe' is a FIFO (named pipe), not a file or directory",
            "license_file 'lpipe' is a FIFO (named pipe)",
        ),
    )


def fifo_in_directory(folder: Path, scale: Scale) -> Run:
    del scale
    conformant_repository(folder)
    mkfifo(folder / "README.md")
    mkfifo(folder / "model.yml")
    return Run(
        argv=osaid("check", "--format", "text", "--", "."),
        codes=frozenset({0}),
        present=(
            "Could not be read as text, so not used: README.md (is a FIFO (named pipe), not a "
            "regular file), model.yml (is a FIFO (named pipe), not a regular file).",
        ),
    )


def fifo_definitions(folder: Path, scale: Scale) -> Run:
    del scale
    write(folder, "m.yaml", example(FAILING))
    mkfifo(folder / "defs" / "trap.toml")
    return Run(
        argv=osaid("check", "--", "m.yaml"),
        codes=frozenset({2}),
        env={**UTF8, "OSAID_DEFINITIONS_PATH": str(folder / "defs")},
        present=(f"defs/trap.toml: {A_FIFO}",),
    )


def device_input(folder: Path, scale: Scale) -> Run:
    del folder, scale
    return Run(
        argv=osaid("check", "--", "/dev/zero"),
        codes=frozenset({2}),
        present=("osaid: /dev/zero: is a character device, not a regular file",),
    )


def links_out(folder: Path, scale: Scale) -> Run:
    """Links out of the checked directory: named, never followed (the secret stays outside)."""
    del scale
    manifest = located("src", "    license_file: LICENSE\n") + (
        "  - kind: training-code\n    location: ../outside/src\n    license: MIT\n"
        "    license_file: ../outside/LICENSE\n"
    )
    write(folder, "osaid.yml", manifest)
    for name, target in (
        ("src", "src"),
        ("LICENSE", "LICENSE"),
        ("README.md", "README.md"),
        ("osaid.yaml", "sentinel.yaml"),
        ("LICENSES", "src"),
    ):
        (folder / name).symlink_to(f"../{OUTSIDE}/{target}")
    return Run(
        argv=osaid("check", "--format", "text", "--", "."),
        codes=frozenset({1}),
        present=(
            "Symbolic links out of the directory, not followed: osaid.yaml, README.md.",
            "location 'src' points outside the repository",
            "license_file '../outside/LICENSE' points outside the repository",
        ),
    )


def file_kind_cases() -> Iterator[Case]:
    klass, fifo, link = "FIFOs, devices and links", frozenset({"fifo"}), frozenset({"symlink"})
    yield Case(klass, "FIFO as the input (CLI)", fifo_input, fifo)
    yield Case(klass, "FIFO as the input (API)", fifo_input_api, fifo)
    yield Case(klass, "FIFOs inside a location", fifo_in_location, fifo)
    yield Case(klass, "FIFO as location and license_file", fifo_as_evidence, fifo)
    yield Case(klass, "FIFO descriptions in a checked directory", fifo_in_directory, fifo)
    yield Case(klass, "FIFO in OSAID_DEFINITIONS_PATH", fifo_definitions, fifo)
    yield Case(klass, "device as the input", device_input, frozenset({"dev-null"}))
    yield Case(klass, "links out of the checked directory", links_out, link)


# ------------------------------------------------------------------------------------------
# Budgets by size, not count


EXPANDED_TEXT = 10 * MIB
"""What a YAML document may stand for once aliases are expanded."""


def aliases(within: bool, fmt: str) -> Builder:
    """A string aliased 300 times: past the 10 MiB of expanded text, or within it.

    Past it, the file is refused at once (a 9.5 MB one ran out of memory); within it, the
    report may repeat the text it stands for, but only a few times (the hook output was
    633 MB from a 2 MB file).
    """

    def build(folder: Path, scale: Scale) -> Run:
        times = 300
        expanded = scaled(scale, MIB, EXPANDED_TEXT - 64 * KIB)
        past = scaled(scale, 64 * KIB, LIMIT - 64 * KIB)
        length = expanded // (times + 10) if within else past
        names = "\n".join("  - kind: supporting-libraries\n    name: *big" for _ in range(times))
        write(
            folder,
            "osaid.yaml",
            f"manifest: osaid/1\nname: &big {'a' * length}\ncomponents:\n{names}\n",
        )
        return Run(
            argv=osaid("check", "--format", fmt, "--", "osaid.yaml"),
            codes=frozenset({1} if within else {2}),
            present=() if within else ("aliases expand to more than 10 MiB of text",),
            form=fmt,
            max_output=8 * expanded + MIB,
        )

    return build


def many_inputs(fmt: str) -> Builder:
    """Thousands of inputs: each report is rendered and released as it comes."""

    def build(folder: Path, scale: Scale) -> Run:
        write(folder, "a.yaml", example(FAILING))
        write(folder, "b.yaml", example(CONFORMANT))
        names = ["a.yaml" if n % 2 else "b.yaml" for n in range(scaled(scale, 40, 10_000))]
        return Run(
            argv=osaid("check", "--format", fmt, "--", *names),
            codes=frozenset({1}),
            form=fmt,
        )

    return build


def many_files(folder: Path, scale: Scale) -> Run:
    """A checked directory of 100,000 files: the names left out are capped with a count.

    The report used to list every one (1.4 MB, 19 s).
    """
    count = scaled(scale, 1500, 100_000)
    conformant_repository(folder)
    for index in range(count):
        write(folder, f"f{index:06d}.json", "{}\n")
    return Run(
        argv=osaid("check", "--format", "hook", "--", "."),
        codes=frozenset({0}),
        # 1,000 files read (osaid.yaml first), 20 names shown of each list
        present=("and 979 more.", f"and {count + 1 - 1000 - 20:,} more."),
        max_output=8 * KIB,
    )


def many_candidates(folder: Path, scale: Scale) -> Run:
    """Many files that look like descriptions: read up to the count and byte bounds, named."""
    count = scaled(scale, 1200, 20_000)
    conformant_repository(folder)
    for index in range(count):
        write(folder, f"m{index:05d}.yaml", "a: 1\n")
    return Run(
        argv=osaid("check", "--format", "hook", "--", "."),
        codes=frozenset({0}),
        present=("more",),
        max_output=8 * KIB,
    )


def deep_tree(folder: Path, scale: Scale) -> Run:
    """A location nested 1,100 deep: an iterative walk that stops at its bound, saying so."""
    write(folder, "osaid.yaml", located("deep"))
    depth = scaled(scale, 1100, 1900)
    nest(folder / "deep", depth, "deep.py", b"# SPDX-License-Identifier: GPL-3.0-only\n")
    return Run(
        argv=osaid("check", "--format", "text", "--", "."),
        codes=frozenset({1}),
        present=("location 'deep'", "at 64 levels of nested directories"),
    )


def budget_cases() -> Iterator[Case]:
    for fmt in FORMATS:
        yield Case("YAML aliases", f"past the expanded-text limit [{fmt}]", aliases(False, fmt))
        yield Case("YAML aliases", f"within the expanded-text limit [{fmt}]", aliases(True, fmt))
        yield Case("many inputs", f"thousands of inputs [{fmt}]", many_inputs(fmt))
    yield Case("large directories", "100,000 files not used", many_files)
    yield Case("large directories", "20,000 files like descriptions", many_candidates)
    yield Case("large directories", "a location nested 1,100 deep", deep_tree)


# ------------------------------------------------------------------------------------------
# The first hostile set: documents shaped against the parsers (all answered since the
# performance issue; kept so the benchmark shows them at the limit beside the rest)


def laughs(size: int) -> str:
    """Nine levels of nine aliases ("billion laughs"): 387 million values from 1 KB."""
    del size
    levels = ["a: &a [" + ", ".join(['"lol"'] * 9) + "]"]
    for previous, current in zip("abcdefgh", "bcdefghi", strict=True):
        levels.append(f"{current}: &{current} [" + ", ".join([f"*{previous}"] * 9) + "]")
    return MANIFEST_HEAD + "\n".join(levels) + "\n"


def licensed(expression: Callable[[int], str]) -> Callable[[int], str]:
    """Components licensed ``expression(i)``, as many as fit in the document's size.

    Distinct expressions are parsed up to 250,000 characters per input (the rest are "not
    evaluated"), and each is at most 20,000 characters: at the limit, about a dozen are parsed
    and the rest cost nothing. Past 25,000 components the value budget would refuse the file.
    """

    def make(size: int) -> str:
        lines = [MANIFEST_HEAD + "components:"]
        per = len(json.dumps(expression(99_999))) + 70
        for i in range(max(1, min(size // per, 25_000))):
            lines.append(
                f"  - kind: supporting-libraries\n    name: l{i}\n"
                f"    license: {json.dumps(expression(i))}"
            )
        return "\n".join(lines) + "\n"

    return make


TOO_MANY_VALUES = "values (a limit against crafted input)"
"""The value budget's message (its number grows with documents over 10 million characters)."""
BUDGETED = {"tiny YAML values", "a JSON array of numbers", "distinct long expressions"}

"""Shapes that reach their budget only past a size: at test scale they are 1 MiB."""
STRUCTURE: Mapping[str, tuple[Callable[[int], str], set[int], str]] = {
    "a !!python/object tag": (
        lambda _: MANIFEST_HEAD.replace("Hostile", "!!python/object/apply:os.system ['echo x']"),
        {2},
        "osaid: osaid.yaml:2:",
    ),
    "billion laughs": (laughs, {2}, "aliases expand to more than 1000000 values"),
    "nested brackets": (lambda n: "[" * (n // 2) + "]" * (n // 2), {2}, "nested"),
    "tiny YAML values": (
        lambda n: MANIFEST_HEAD + "notes:\n" + fill("- a\n", n),
        {2},
        TOO_MANY_VALUES,
    ),
    "a JSON array of numbers": (
        lambda n: '{"manifest": "osaid/1", "name": "x", "notes": [' + fill("0,", n) + "0]}",
        {2},
        TOO_MANY_VALUES,
    ),
}
LICENCES: Mapping[str, tuple[Callable[[int], str], set[int], str]] = {
    "20,000-term OR": (lambda i: " OR ".join(["MIT"] * 20_000) + f" OR x{i}", {1}, "malformed"),
    "longest valid OR": (
        lambda i: " OR ".join(["MIT"] * 2_780) + f" OR LicenseRef-{i}",
        {1},
        NOT_CONFORMANT,
    ),
    "nested parentheses": (
        lambda i: "(" * 9_000 + f"LicenseRef-{i}" + ")" * 9_000,
        {1},
        "malformed",
    ),
    "spaces inside an expression": (
        lambda i: "MIT" + " " * 19_000 + f"x{i}",
        {1},
        "not an SPDX id nor a licence osaid knows",
    ),
    "distinct long expressions": (
        lambda i: " OR ".join(f"LicenseRef-a{i}x{t}" for t in range(800)),
        {1},
        "not evaluated",
    ),
    "control and bidi characters": (lambda i: f"MIT\x07\u2066 AND LicenseRef-{i}", {1}, "\\u0007"),
}


def oversized(folder: Path, scale: Scale) -> Run:
    """Past the size limit: refused before it is read."""
    write(folder, "osaid.yaml", MANIFEST_HEAD + "#" * scaled(scale, LIMIT, 5 * LIMIT))
    return Run(
        argv=osaid("check", "--", "osaid.yaml"),
        codes=frozenset({2}),
        present=("is larger than the input limit of 10 MiB",),
    )


def undecodable(content: bytes, message: str) -> Builder:
    def build(folder: Path, scale: Scale) -> Run:
        write(folder, "osaid.yaml", content * scaled(scale, 1000, (LIMIT - KIB) // len(content)))
        return Run(
            argv=osaid("check", "--", "osaid.yaml"),
            codes=frozenset({2}),
            present=(message,),
        )

    return build


def first_set_cases() -> Iterator[Case]:
    for shape, (make, codes, present) in STRUCTURE.items():
        name = "osaid.json" if shape.startswith(("a JSON", "nested")) else "osaid.yaml"
        size = MIB if shape in BUDGETED else 64 * KIB
        build = checked(name, make, codes, present, test_size=size)
        yield Case("YAML and JSON structure", shape, build)
    yield Case("YAML and JSON structure", "over the size limit", oversized)
    yield Case(
        "YAML and JSON structure",
        "binary (NUL bytes)",
        undecodable(b"manifest: osaid/1\x00", "binary content (NUL byte at offset 17)"),
    )
    yield Case(
        "YAML and JSON structure",
        "not UTF-8",
        undecodable(b"name: caf\xe9\n", "is not UTF-8 text (invalid byte at offset 9)"),
    )
    for shape, (make, codes, present) in LICENCES.items():
        for fmt in ("hook", "json"):
            size = MIB if shape in BUDGETED else 64 * KIB
            # the hook shows failing requirements only; "not evaluated" is in a finding's details
            shown = (
                NOT_CONFORMANT if (fmt, shape) == ("hook", "distinct long expressions") else present
            )
            if (fmt, shown) == ("json", NOT_CONFORMANT):
                shown = '"verdict": "not-conformant"'
            document = licensed(make)
            build = checked("osaid.yaml", document, codes, shown, fmt=fmt, test_size=size)
            yield Case("licence expressions", f"{shape} [{fmt}]", build)


# ------------------------------------------------------------------------------------------
# One line, never a traceback


def long_location(folder: Path, scale: Scale) -> Run:
    write(folder, "osaid.yaml", located("a" * scaled(scale, 300, MIB)))
    return Run(
        argv=osaid("check", "--format", "text", "--", "."),
        codes=frozenset({1}),
        present=("is not a usable path (a name in it is too long)",),
    )


def nul_location(folder: Path, scale: Scale) -> Run:
    del scale
    manifest = example_json(FAILING)
    manifest["components"][0]["location"] = "docs/a\x00b.md"
    write(folder, "osaid.json", json.dumps(manifest))
    return Run(
        argv=osaid("check", "--format", "text", "--", "."),
        codes=frozenset({1}),
        present=("is not a valid path (it contains a NUL character)",),
    )


def surrogates(fmt: str) -> Builder:
    r"""Lone surrogates (``"\ud800"`` in JSON) in a name, a version, a component and a licence."""

    def build(folder: Path, scale: Scale) -> Run:
        manifest = example_json(FAILING)
        manifest["name"] = "lone \ud800 name"
        manifest["version"] = "\udcff"
        manifest["components"][0]["name"] = "\ud800" * scaled(scale, 1, 100_000)
        manifest["components"][0]["license"] = "MIT\udfff"
        write(folder, "osaid.json", json.dumps(manifest))  # ASCII: written as \ud800
        return Run(
            argv=osaid("check", "--format", fmt, "--", "osaid.json"),
            codes=frozenset({1}),
            present=("\\ud800",),
            form=fmt,
        )

    return build


def byte_names(fmt: str) -> Builder:
    r"""File names that are not UTF-8 (``caf\xff.yaml``): an input, a directory, a file in it."""

    def build(folder: Path, scale: Scale) -> Run:
        del scale
        name, directory = os.fsdecode(b"caf\xff.yaml"), os.fsdecode(b"dir\xfe")
        write(folder, name, example(FAILING))
        write(folder, f"{directory}/osaid.yaml", example(FAILING))
        write(folder, directory + "/" + os.fsdecode(b"x\xfd.json"), "{}\n")
        return Run(
            argv=osaid("check", "--format", fmt, "--", name, directory),
            codes=frozenset({1}),
            present=shown_name(fmt),
            form=fmt,
        )

    return build


def shown_name(fmt: str) -> tuple[str, ...]:
    r"""How each format shows the names ``caf\xff.yaml`` and ``dir\xfe``."""
    if fmt == "sarif":  # URIs percent-encode the bytes; JSON strings escape the backslash
        return ("caf%FF.yaml", "caf\\\\udcff.yaml", "dir\\\\udcfe")
    if fmt in ("json", "gitlab"):  # JSON strings escape the backslash
        return ("caf\\\\udcff.yaml", "dir\\\\udcfe")
    return ("caf\\udcff.yaml", "dir\\udcfe")


def long_argument(folder: Path, scale: Scale) -> Run:
    del folder
    length = scaled(scale, 5000, 120_000)  # one argument may be 128 KiB on Linux
    return Run(
        argv=osaid("check", "--", "x" * length),
        codes=frozenset({2}),
        present=("osaid: xxx",),
        max_output=length + KIB,
    )


def long_specifier(folder: Path, scale: Scale) -> Run:
    digits = scaled(scale, 5000, 120_000)
    write(folder, "m.yaml", example(FAILING))
    return Run(
        argv=osaid("check", "--definition", "osaid>=" + "9" * digits, "--", "m.yaml"),
        codes=frozenset({2}),
        present=(f"of {digits + 7} characters is longer than the 200 allowed",),
        max_output=KIB,
    )


def bad_definitions(content: Callable[[int], bytes], message: str) -> Builder:
    """A file in $OSAID_DEFINITIONS_PATH that is not UTF-8 or nests deeply: one located line."""

    def build(folder: Path, scale: Scale) -> Run:
        write(folder, "m.yaml", example(FAILING))
        write(folder, "defs/bad.toml", content(scaled(scale, 100_000, 340_000)))
        return Run(
            argv=osaid("check", "--", "m.yaml"),
            codes=frozenset({2}),
            env={**UTF8, "OSAID_DEFINITIONS_PATH": str(folder / "defs")},
            present=(f"defs/bad.toml: {message}",),
        )

    return build


def traceback_cases() -> Iterator[Case]:
    klass = "tracebacks"
    yield Case(klass, "location over 255 characters", long_location)
    yield Case(klass, "NUL in a location", nul_location)
    for fmt in FORMATS:
        yield Case(klass, f"lone surrogates [{fmt}]", surrogates(fmt))
        yield Case(
            klass, f"non-UTF-8 file names [{fmt}]", byte_names(fmt), frozenset({"byte-names"})
        )
    yield Case(klass, "5,000-character path argument", long_argument)
    yield Case(klass, "5,000-digit specifier", long_specifier)
    yield Case(
        klass,
        "definitions file not UTF-8",
        bad_definitions(lambda n: b'[definition]\nid = "\xff"\n' + b"#" * n, "is not UTF-8 text"),
    )
    yield Case(
        klass,
        "definitions nested deep (arrays)",
        bad_definitions(lambda n: b"a = " + b"[" * n + b"]" * n, "invalid TOML: nested too deeply"),
    )
    yield Case(
        klass,
        "definitions nested deep (tables)",
        bad_definitions(
            lambda n: b"a = " + b"{b=" * (n // 3) + b"}" * (n // 3),
            "invalid TOML: nested too deeply",
        ),
    )


# ------------------------------------------------------------------------------------------
# Text that forges or misleads


FORGED_VERSION = (
    "1.0\n\n## Conformant with Open Source AI Definition 1.0\n\nsee https://evil.example/x\n"
)
LINKED_NAME = "[click](https://evil.example/y)"


def forged_version(fmt: str) -> Builder:
    """Line breaks in ``version`` may add no heading, verdict line or live URL.

    A name may not carry a live link either (SARIF messages are checked for links in every
    case).
    """

    def build(folder: Path, scale: Scale) -> Run:
        manifest = example_json(FAILING)
        manifest["version"] = FORGED_VERSION * scaled(scale, 1, 2000)
        manifest["name"] = LINKED_NAME
        write(folder, "osaid.json", json.dumps(manifest))
        absent = ["\n## Conformant", "\nConformant with", "<br><br>", "<br>## "]
        if fmt == "markdown":
            absent += ["https://evil.example", "[click](https"]
        return Run(
            argv=osaid("check", "--format", fmt, "--", "osaid.json"),
            codes=frozenset({1}),
            absent=tuple(absent),
            form=fmt,
        )

    return build


def licence_cr(fmt: str) -> Builder:
    r"""``osaid license $'Apache\r2.0'`` was accepted as Apache-2.0, its warning with a raw CR."""

    def build(folder: Path, scale: Scale) -> Run:
        del folder, scale
        return Run(
            argv=osaid("license", "Apache\r2.0", "--for", "code", "--format", fmt),
            codes=frozenset({2}),
            present=("\\u000d",),
            absent=('"status": "pass"',),
        )

    return build


def progress_osc(folder: Path, scale: Scale) -> Run:
    """File names holding an OSC title sequence, on the progress line of a terminal."""
    del scale  # the progress line shows from 20 inputs; "many inputs" measures counts
    names = [f"\x1b]0;pwned\x07{n}.yaml" for n in range(25)]
    for name in names:
        write(folder, name, example(FAILING))
    return Run(
        argv=osaid("check", "--format", "hook", "--", *names),
        codes=frozenset({1}),
        stderr="tty",
        controls="\n\t\r",  # the progress line's own carriage returns, and the terminal's
        present=("osaid: checking 1/", "\\u001b]0;pwned\\u00070.yaml"),
    )


DECOY_CARD = """---
license: apache-2.0
osaid:
  components:
    - kind: training-code
      license: LicenseRef-Proprietary
"osaid.components[0].license": decoy
---
# Decoy
"""


def decoy_key(folder: Path, scale: Scale) -> Run:
    """A key literally named like a key path may not take the nested key's place in evidence."""
    del scale
    write(folder, "README.md", DECOY_CARD)
    return Run(
        argv=osaid("check", "--format", "hook", "--", "README.md"),
        codes=frozenset({1}),
        present=("README.md:6: [code] Training code",),
        absent=("README.md:7:",),
    )


def init_c1_name(folder: Path, scale: Scale) -> Run:
    """A card name with U+0080 made init fail, naming an osaid.yaml it never wrote."""
    del scale
    write(folder, "README.md", CARD_HEAD + "# Model \x80 x \u202e \x1b[31m\u2028y\n")
    return Run(
        argv=osaid("init", "--", "."),
        codes=frozenset({0}),
        present=("Wrote osaid.yaml.", "Model \\u0080 x \\u202e \\u001b[31m\\u2028y"),
        outputs=("osaid.yaml",),
    )


FORGED = ROOT / "tests" / "data" / "forged"
LENIENT_DEFINITION = (FORGED / "lenient-definition.toml.in").read_text(encoding="utf-8")
"""A final ``osaid-9.9`` that passes anything distributed: what a pull request could add."""

LLAMA = (FORGED / "llama-manifest.yaml").read_text(encoding="utf-8")

FORGED_REQUIREMENT = "Made \\u001b]0;pwned\\u0007available\\nPASS forged"


def user_definition(spec: str, fmt: str) -> Builder:
    """A pull request's definitions directory with a final osaid-9.9 titled like OSAID 1.0.

    ``--definition osaid`` must still mean the shipped definitions (the Llama release fails);
    chosen by its id, the definition is labelled as not shipped, with its path.
    """

    def build(folder: Path, scale: Scale) -> Run:
        del scale
        text = LENIENT_DEFINITION.format(
            title="Open Source AI Definition 1.0", requirement=FORGED_REQUIREMENT
        )
        write(folder, "defs/osaid-9.9.toml", text)
        write(folder, "llama.yaml", LLAMA)
        shipped = spec == "osaid"
        if shipped:
            present: tuple[str, ...] = ("osaid-1.0",)
        elif fmt == "sarif":
            present = ("osaid-9.9", "defs/osaid-9.9.toml", '"definitionSource": "user"')
        elif fmt == "json":
            present = ("osaid-9.9", "defs/osaid-9.9.toml", '"definition_source": "user"')
        elif fmt == "junit":
            present = ("osaid-9.9", "defs/osaid-9.9.toml", '"definition_source" value="user"')
        else:
            present = ("osaid-9.9", "does not ship with osaid", "defs/osaid-9.9.toml")
        return Run(
            argv=osaid("check", "--definition", spec, "--format", fmt, "--", "llama.yaml"),
            codes=frozenset({1} if shipped else {0}),
            env={**UTF8, "OSAID_DEFINITIONS_PATH": str(folder / "defs")},
            present=present,
            absent=("\nPASS forged",),
            form=fmt,
        )

    return build


def definition_listing(args: tuple[str, ...], fmt: str) -> Builder:
    """Titles and texts of a user definition printed by ``definitions``, ``explain``, ``diff``."""

    def build(folder: Path, scale: Scale) -> Run:
        del scale
        title = "T\\u001b]0;pwned\\u0007\\nPASS forged \\u202eevil"
        write(
            folder,
            "defs/osaid-9.9.toml",
            LENIENT_DEFINITION.format(title=title, requirement="x\\u0085y"),
        )
        return Run(
            argv=osaid(*args, "--format", fmt),
            codes=frozenset({0}),
            env={**UTF8, "OSAID_DEFINITIONS_PATH": str(folder / "defs")},
            present=("\\u001b]0;pwned",) if args[0] == "definitions" else ("x\\u0085y",),
            absent=("\nPASS forged",),
            form=fmt,
        )

    return build


def forging_cases() -> Iterator[Case]:
    klass = "forging text"
    for fmt in FORMATS:
        yield Case(klass, f"line breaks in version, a link as name [{fmt}]", forged_version(fmt))
        yield Case(
            klass, f"user definition titled like OSAID 1.0 [{fmt}]", user_definition("osaid", fmt)
        )
        yield Case(
            klass, f"user definition chosen by id [{fmt}]", user_definition("osaid-9.9", fmt)
        )
    for fmt in ("text", "json"):
        yield Case(klass, f"osaid license $'Apache\\r2.0' [{fmt}]", licence_cr(fmt))
        for args in (
            ("definitions",),
            ("explain", "osaid-9.9/freedoms/distribution"),
            ("diff", "osaid-1.0", "osaid-9.9"),
        ):
            yield Case(
                klass, f"user definition titles in {args[0]} [{fmt}]", definition_listing(args, fmt)
            )
    yield Case(
        klass, "OSC sequences in file names on the progress line", progress_osc, frozenset({"pty"})
    )
    yield Case(klass, "key paths that collide", decoy_key)
    yield Case(klass, "init with U+0080 in a card name", init_c1_name)


# ------------------------------------------------------------------------------------------
# The library's error contract


API_DRIVER = """
import osaid
from osaid.readers import read_path, read_text_as
from osaid.render import RENDERERS

api = osaid  # untyped on purpose: these are the values the annotations rule out
calls = {
    "check nul": lambda: api.check("a\\x00b.yaml"),
    "read nul": lambda: api.read("a\\x00b.yaml"),
    "check overlong": lambda: api.check("x" * LONG),
    "check overlong in a directory": lambda: api.check("/".join(["y" * 200] * 30)),
    "check empty": lambda: api.check(""),
    "check fifo": lambda: api.check("fifo.yaml"),
    "read_path fifo": lambda: read_path("fifo.yaml"),
    "check device": lambda: api.check("/dev/zero"),
    "check limit 2**63": lambda: api.check("m.yaml", max_input_bytes=2**63),
    "check limit 0": lambda: api.check("m.yaml", max_input_bytes=0),
    "check policy by name": lambda: api.check("m.yaml", policy="x"),
    "check definition None": lambda: api.check("m.yaml", definition=None),
    "check definition long": lambda: api.check("m.yaml", definition="osaid>=" + "9" * LONG),
    "licence definition None": lambda: api.evaluate_license("MIT", definition=None),
    "licence unknown element": lambda: api.evaluate_license("MIT", "weights"),
    "load_definition None": lambda: api.load_definition(None),
    "check int": lambda: api.check(5),
    "read bytes": lambda: api.read(b"m.yaml"),
    "check policy int": lambda: api.check("m.yaml", policy=3),
    "licence None": lambda: api.evaluate_license(None),
    "read_text_as NUL and surrogates": lambda: read_text_as("\\x00\\ud800" * LONG, "x.json"),
    "read_text_as raw surrogate": lambda: read_text_as(RAW, "x.json"),
    "read_text_as raw surrogate in YAML": lambda: read_text_as(RAW_YAML, "x.yaml"),
    "read_text_as raw surrogate in XML": lambda: read_text_as(RAW_XML, "x.xml"),
    "read_text_as deep": lambda: read_text_as("[" * LONG + "]" * LONG, "x.json"),
}
for name, call in calls.items():
    try:
        result = call()
    except osaid.OsaidError as exc:
        where = "located" if exc.file or exc.key else ""
        print(f"{name}: OsaidError {type(exc).__name__}", where)
    except TypeError as exc:
        print(f"{name}: TypeError", "naming types" if "must be" in str(exc) else str(exc))
    else:
        print(f"{name}: answered {type(result).__name__}")
release = read_text_as(ESCAPED, "x.json")
report = api.check(release)
read_path("pipes")
for fmt in RENDERERS:
    RENDERERS[fmt]([report], False).encode("utf-8")
    print(f"rendered {fmt}")
"""

API_ANSWERS = {
    "check nul": "OsaidError InputError located",
    "read nul": "OsaidError InputError located",
    "check overlong": "OsaidError InputError located",
    "check overlong in a directory": "OsaidError InputError located",
    "check empty": "OsaidError InputError",
    "check fifo": "OsaidError InputError located",
    "read_path fifo": "OsaidError InputError located",
    "check device": "OsaidError InputError located",
    "check limit 2**63": "OsaidError UsageError located",
    "check limit 0": "OsaidError UsageError located",
    "check policy by name": "OsaidError UsageError located",
    "check definition None": "OsaidError UsageError located",
    "check definition long": "OsaidError UnknownDefinitionError",
    "licence definition None": "OsaidError UsageError located",
    "licence unknown element": "OsaidError UsageError located",
    "load_definition None": "OsaidError UsageError located",
    "check int": "TypeError naming types",
    "read bytes": "TypeError naming types",
    "check policy int": "TypeError naming types",
    "licence None": "TypeError naming types",
    "read_text_as NUL and surrogates": "OsaidError InputError located",
    "read_text_as raw surrogate": "OsaidError InputError located",
    "read_text_as raw surrogate in YAML": "OsaidError InputError located",
    "read_text_as raw surrogate in XML": "OsaidError InputError located",
    "read_text_as deep": "OsaidError InputError located",
}


def api_contract(folder: Path, scale: Scale) -> Run:
    """Bad values for the public API: an OsaidError subclass (located) or a TypeError, only.

    A release with hostile strings renders in every format as valid UTF-8.
    """
    long = scaled(scale, 5000, MIB)
    write(folder, "m.yaml", example(FAILING))
    mkfifo(folder / "fifo.yaml")
    conformant_repository(folder / "pipes")
    mkfifo(folder / "pipes" / "README.md")
    hostile = "\ud800\x1b]0;x\x07\u202e\n## PASS"
    escaped = json.dumps({"manifest": "osaid/1", "name": hostile, "version": "\udcff"})
    constants = {
        "LONG": long,
        "ESCAPED": escaped,
        "RAW": '{"manifest": "osaid/1", "name": "\ud800"}',
        "RAW_YAML": "manifest: osaid/1\nname: a\ud800\n",
        "RAW_XML": spdx_xml("<comment>\ud800</comment>"),
    }
    code = "".join(f"{key} = {value!r}\n" for key, value in constants.items()) + API_DRIVER
    return Run(
        argv=python(code),
        codes=frozenset({0}),
        present=(
            *(f"{name}: {answer}" for name, answer in API_ANSWERS.items()),
            *(f"rendered {fmt}" for fmt in FORMATS),
        ),
        absent=("answered",),
    )


# ------------------------------------------------------------------------------------------
# The list


CASES: tuple[Case, ...] = (
    *option_cases(),
    *output_cases(),
    *exit_code_cases(),
    *merge_cases(),
    *scanner_cases(),
    *file_kind_cases(),
    *budget_cases(),
    *first_set_cases(),
    *traceback_cases(),
    *forging_cases(),
    Case("API contract", "bad values and hostile files", api_contract, frozenset({"fifo"})),
)
"""Every case, in the order of issue 10's "Why"."""

CLASSES: tuple[str, ...] = tuple(dict.fromkeys(case.klass for case in CASES))


# Running by hand


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=SCALES, default="test")
    parser.add_argument("--only", help="run only the cases whose id contains this text")
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--show", action="store_true", help="print what each run printed")
    parser.add_argument(
        "--build-into", type=Path, metavar="DIR", help="only build the first matching case in DIR"
    )
    args = parser.parse_args()
    if args.build_into:
        case = next(c for c in CASES if (args.only or "").lower() in c.id.lower())
        layout = prepare(args.build_into)
        run = case.build(layout.case, args.scale)
        print(f"cd {layout.case} && {' '.join(run.argv)}")
        return 0
    for case in CASES:
        if args.only and args.only.lower() not in case.id.lower():
            continue
        if not available(case.needs):
            print(f"skipped  {case.id} (needs {', '.join(sorted(case.needs))})")
            continue
        with tempfile.TemporaryDirectory(prefix="osaid-hostile-") as tmp:
            layout = prepare(Path(tmp) / "root")
            try:
                run = case.build(layout.case, args.scale)
                outcome = execute(run, layout, args.timeout)
            finally:
                remove_tree(layout.root)
        found = problems(run, outcome)
        verdict = "ok" if not found else "WRONG"
        print(
            f"{verdict:<8} {case.id}: exit {outcome.code}, {outcome.seconds:.2f} s, "
            f"{outcome.peak_mib:.0f} MiB, {outcome.printed:,} B printed"
        )
        for problem in found:
            print(f"           {problem}")
        if found or args.show:
            sys.stdout.write(
                "           stdout: " + outcome.stdout.decode("utf-8", "replace")[:3000] + "\n"
            )
            sys.stdout.write(
                "           stderr: " + outcome.stderr.decode("utf-8", "replace")[:400] + "\n"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
