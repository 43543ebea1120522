"""Measure osaid's speed and memory against its goals, and print each figure beside its goal.

Run from a clone after `pip install .`:  python benchmarks/bench.py [--quick]

Figures (goals from the project's performance issue):
- cold start: `osaid check` on one manifest as a whole process, against the floor of a process
  that only imports pydantic, PyYAML and license-expression and builds its licensing object
  (goal: at most 1.5x the floor); the floor plus one validated pydantic model is printed too,
  as that is the least any pydantic-validating command pays;
- batch: all MOT corpus files in one process against the cost of one file, both as JSON
  (goal: at most 3x), and its peak memory (goal: at most 150 MiB);
- throughput: in-process check() of a typical manifest after warm-up (goal: >= 2,000/s);
- growth: licence expressions of 10 to 10,000 terms and manifests of 10 to 10,000 components
  (goal: linear; the per-item cost is printed so growth is visible);
- hostile inputs: each answered with exit 2 (or a failing finding) and no traceback, within a
  second or two;
- hostile trees: directories and repositories a pull request can commit (100,000 files, a
  location nested 1,100 deep, FIFOs as the input and inside a location), each answered within
  2 s and 300 MiB, exit 1 or 2 and no traceback;
- licence texts: the licence-text corpus identified (correct / wrong / no answer), time per
  file, and the first identification in a new process (benchmarks/licence_texts.py).
Timings are medians of several runs; nothing here is a test and nothing asserts.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = ROOT / "examples" / "conformant" / "osaid.yaml"
CORPUS = sorted((ROOT / "tests" / "data" / "mot" / "models").glob("*.yml"))
FLOOR = "import pydantic, yaml, license_expression; license_expression.Licensing().parse('MIT')"
PYDANTIC_FLOOR = FLOOR + "\nclass M(pydantic.BaseModel):\n    x: int\nM(x=1)"
"""The floor plus one validated pydantic model: ``import pydantic`` alone loads none of the
model machinery, so this is what any command line that validates with pydantic pays."""

ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
"""Child processes may write bytecode caches, as an installed package has them: without them
every run would measure compiling osaid's modules, not running them."""


def _median_seconds(command: list[str], runs: int) -> float:
    subprocess.run(command, check=False, capture_output=True, env=ENV)  # warm caches
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=False, capture_output=True, env=ENV)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _peak_rss_mib(command: list[str]) -> float:
    code = (
        "import resource, subprocess, sys; "
        f"subprocess.run({command!r}, capture_output=True); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=ENV
    )
    return int(out.stdout.strip()) / 1024


def _line(name: str, value: str, goal: str, ok: bool) -> None:
    print(f"{name:<44} {value:>14}   goal {goal:<22} {'ok' if ok else 'MISSED'}")


def _note(name: str, value: str) -> None:
    print(f"{name:<44} {value:>14}   (reference)")


def cold_start(runs: int) -> None:
    """Whole-process cost of one check against the import floor."""
    floor = _median_seconds([sys.executable, "-c", FLOOR], runs)
    pydantic_floor = _median_seconds([sys.executable, "-c", PYDANTIC_FLOOR], runs)
    version = _median_seconds([sys.executable, "-m", "osaid", "--version"], runs)
    check = _median_seconds([sys.executable, "-m", "osaid", "check", str(MANIFEST)], runs)
    _note("cold start: import floor", f"{floor * 1000:.0f} ms")
    _note("cold start: floor + one pydantic model", f"{pydantic_floor * 1000:.0f} ms")
    _note("cold start: osaid --version", f"{version * 1000:.0f} ms")
    ratio = check / floor
    _line(
        "cold start: osaid check one manifest",
        f"{check * 1000:.0f} ms",
        "<= 1.5x floor",
        ratio <= 1.5,
    )
    print(f"{'':<44} {ratio:>13.2f}x floor, {check / pydantic_floor:.2f}x floor + pydantic model")


def batch(runs: int) -> None:
    """The whole corpus in one process against one file (same format), and peak memory."""
    json_check = [sys.executable, "-m", "osaid", "check", "--format", "json"]
    one = _median_seconds([*json_check, str(CORPUS[0])], runs)
    command = [*json_check, *map(str, CORPUS)]
    many = _median_seconds(command, max(1, runs // 2))
    _line(
        f"batch: {len(CORPUS)} MOT files in one process",
        f"{many * 1000:.0f} ms",
        "<= 3x one file",
        many <= 3 * one,
    )
    print(f"{'':<44} {many / one:>13.2f}x one file ({one * 1000:.0f} ms)")
    rss = _peak_rss_mib(command)
    _line("batch: peak memory", f"{rss:.0f} MiB", "<= 150 MiB", rss <= 150)


def _rate(function: Callable[[], object], seconds: float = 2.0) -> float:
    for _ in range(20):
        function()
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        function()
        count += 1
    return count / (time.perf_counter() - start)


def throughput() -> None:
    """check() of a typical manifest in process, after warm-up."""
    import osaid

    release = osaid.read(MANIFEST)
    rate = _rate(lambda: osaid.check(release))
    _line("throughput: check() of a parsed manifest", f"{rate:,.0f}/s", ">= 2,000/s", rate >= 2000)
    rate_file = _rate(lambda: osaid.check(MANIFEST))
    _line("throughput: check() reading the file too", f"{rate_file:,.0f}/s", "(reference)", True)


def growth(quick: bool) -> None:
    """Per-term and per-component cost as inputs grow."""
    import osaid
    from osaid.licensing import _expression as limits
    from osaid.licensing import evaluate_cached

    sizes = [10, 100, 1000] if quick else [10, 100, 1000, 10000]
    osaid.check(MANIFEST)  # warm: definitions and licence data load once, before timing
    for size in sizes:
        expression = " OR ".join(f"LicenseRef-x{i}" for i in range(size - 1)) + " OR MIT"
        evaluate_cached.cache_clear()
        start = time.perf_counter()
        result = osaid.evaluate_license(expression, "code")
        took = time.perf_counter() - start
        note = ""
        if result.malformed:  # refused by the length limit: time the parser without it too
            note = f"   (shipped: refused as over {limits.MAX_EXPRESSION_LENGTH:,} characters"
            note += f" in {took * 1000:.1f} ms; timed here with the limit lifted)"
            evaluate_cached.cache_clear()
            shipped = limits.MAX_EXPRESSION_LENGTH
            limits.MAX_EXPRESSION_LENGTH = len(expression)
            start = time.perf_counter()
            osaid.evaluate_license(expression, "code")
            took = time.perf_counter() - start
            limits.MAX_EXPRESSION_LENGTH = shipped
        print(
            f"growth: licence expression of {size:>6} terms {took * 1000:>10.1f} ms"
            f"   {took / size * 1e6:>8.1f} us/term{note}"
        )
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            path = Path(tmp) / f"m{size}.yaml"
            lines = ["manifest: osaid/1", "name: big", "components:"]
            lines += [
                f"  - kind: supporting-libraries\n    name: lib{i}\n    license: MIT"
                for i in range(size)
            ]
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            gc.collect()  # each size starts from a clean heap, not the previous size's garbage
            start = time.perf_counter()
            osaid.check(path)
            took = time.perf_counter() - start
            print(
                f"growth: manifest of {size:>6} components     {took * 1000:>10.1f} ms"
                f"   {took / size * 1e6:>8.1f} us/component"
            )


_MANIFEST_HEAD = "manifest: osaid/1\nname: hostile\n"


def _laughs() -> str:
    levels = ["a: &a [" + ", ".join(['"lol"'] * 9) + "]"]
    for previous, current in zip("abcdefgh", "bcdefghi", strict=True):
        levels.append(f"{current}: &{current} [" + ", ".join([f"*{previous}"] * 9) + "]")
    return _MANIFEST_HEAD + "\n".join(levels) + "\n"


def _licence(expression: str) -> str:
    return _MANIFEST_HEAD + f'components:\n  - kind: training-code\n    license: "{expression}"\n'


def _distinct_licences() -> str:
    lines = [_MANIFEST_HEAD + "components:"]
    for n in range(560):  # about 10 MiB of distinct 18,000-character expressions
        expression = " OR ".join(f"LicenseRef-a{n}x{i}" for i in range(800))
        lines.append(f'  - kind: supporting-libraries\n    name: l{n}\n    license: "{expression}"')
    return "\n".join(lines) + "\n"


HOSTILE: dict[str, Callable[[], str | bytes]] = {
    "!!python/object tag": lambda: _MANIFEST_HEAD.replace(
        "hostile", "!!python/object/apply:os.system ['echo pwned']"
    ),
    "billion laughs": _laughs,
    "20,000 nested brackets": lambda: "[" * 20_000 + "]" * 20_000,
    "10 MiB of tiny YAML values": lambda: _MANIFEST_HEAD + "notes:\n" + "- a\n" * 2_600_000,
    "9 MB JSON array": lambda: (
        '{"manifest": "osaid/1", "name": "x", "notes": [' + "0," * 4_500_000 + "0]}"
    ),
    "over the 10 MiB size limit": lambda: _MANIFEST_HEAD + "#" * (10 * 1024 * 1024),
    "binary (NUL bytes)": lambda: b"manifest: osaid/1\x00" * 1000,
    "not UTF-8": lambda: b"manifest: osaid/1\nname: caf\xe9\n",
    "licence: 20,000-term OR": lambda: _licence(" OR ".join(["MIT"] * 20_000)),
    "licence: 5,000 nested parens": lambda: _licence("(" * 5000 + "MIT" + ")" * 5000),
    "licence: 10 MiB distinct exprs": _distinct_licences,
    "control/bidi in values (JSON)": lambda: (
        '{"manifest": "osaid/1", "name": "\\u202eevil\\u001b[2J",'
        ' "components": [{"kind": "training-code", "license": "MIT\\u0007\\u2066"}]}'
    ),
}
"""Hostile inputs from the performance issue: each must be answered (exit 2, or exit 1 with a
failing finding for a hostile value in a valid manifest) within a second or two."""


_RAW = [c.encode("utf-8", "surrogatepass") for c in ("\x1b", "\x07", "\u202e", "\u2066")]
"""Characters that must never reach a terminal raw."""


def hostile() -> None:
    """Time each hostile input as a whole ``osaid check`` process."""
    with tempfile.TemporaryDirectory() as tmp:
        for title, make in HOSTILE.items():
            content = make()
            path = Path(tmp) / "hostile.yaml"
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8", errors="surrogatepass")
            start = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-m", "osaid", "check", str(path)],
                capture_output=True,
                check=False,
                env=ENV,
            )
            took = time.perf_counter() - start
            printed = done.stdout + done.stderr
            clean = done.returncode in (1, 2) and b"Traceback" not in printed
            clean = clean and not any(raw in printed for raw in _RAW)
            result = f"exit {done.returncode}, {took:.2f} s"
            _line(f"hostile: {title}", result, "< 2 s, escaped", clean and took < 2)


_TREE_MANIFEST = (
    "manifest: osaid/1\nname: hostile tree\ncomponents:\n"
    "  - kind: inference-code\n    location: {location}\n    license: MIT\n"
)


def _tree_many_files(root: Path, count: int) -> Path:
    (root / "osaid.yaml").write_text(_TREE_MANIFEST.format(location="src"), encoding="utf-8")
    for index in range(count):
        (root / f"f{index:06d}.json").write_text("{}\n", encoding="utf-8")
    return root


def _tree_deep(root: Path, depth: int) -> Path:
    (root / "osaid.yaml").write_text(_TREE_MANIFEST.format(location="deep"), encoding="utf-8")
    (root / "deep").mkdir()
    descriptor = os.open(root / "deep", os.O_RDONLY)
    for _ in range(depth):  # relative to each level: the path never grows past PATH_MAX
        os.mkdir("d", dir_fd=descriptor)
        inner = os.open("d", os.O_RDONLY, dir_fd=descriptor)
        os.close(descriptor)
        descriptor = inner
    os.close(descriptor)
    return root


def _tree_fifo_input(root: Path) -> Path:
    os.mkfifo(root / "osaid.yaml")
    return root / "osaid.yaml"


def _tree_fifo_in_location(root: Path) -> Path:
    (root / "osaid.yaml").write_text(_TREE_MANIFEST.format(location="src"), encoding="utf-8")
    (root / "src").mkdir()
    os.mkfifo(root / "src" / "a.py")
    return root


def _tree_nul_location(root: Path) -> Path:
    (root / "osaid.yaml").write_text(
        _TREE_MANIFEST.format(location='"src/a\\u0000b.py"'), encoding="utf-8"
    )
    return root


def _remove_deep(top: Path) -> None:
    """Remove a tree too deep for ``shutil.rmtree`` (which recurses), deepest level first."""
    stack = [str(top)] if top.is_dir() else []
    while stack:
        with os.scandir(stack[-1]) as listing:
            entries = list(listing)
        directories = [e.path for e in entries if e.is_dir(follow_symlinks=False)]
        if directories:
            stack.extend(directories)
            continue
        for entry in entries:
            Path(entry.path).unlink()
        Path(stack.pop()).rmdir()


def _measured(command: list[str], cwd: Path) -> tuple[int, float, float, bytes]:
    """Exit code, seconds, peak memory (MiB) and output of one run, killed after 60 s."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=out, cwd=cwd, env=ENV)
        timer = threading.Timer(60, process.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        took = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        return process.returncode, took, usage.ru_maxrss / 1024, out.read()


def hostile_trees(quick: bool) -> None:
    """Directories a pull request can commit, each checked as a whole ``osaid check`` process."""
    if not hasattr(os, "mkfifo") or not hasattr(os, "wait4"):
        _note("hostile trees", "skipped (needs POSIX)")
        return
    count = 20_000 if quick else 100_000
    cases: dict[str, Callable[[Path], Path]] = {
        f"{count:,} unrecognised .json files": lambda root: _tree_many_files(root, count),
        "location nested 1,100 deep": lambda root: _tree_deep(root, 1100),
        "FIFO as the input path": _tree_fifo_input,
        "FIFO inside a location directory": _tree_fifo_in_location,
        "NUL in a location (JSON \\u0000)": _tree_nul_location,
    }
    for title, build in cases.items():
        with tempfile.TemporaryDirectory() as tmp:
            target = build(Path(tmp))
            command = [sys.executable, "-m", "osaid", "check", str(target)]
            code, took, rss, printed = _measured(command, Path(tmp))
            _remove_deep(Path(tmp) / "deep")
        clean = code in (1, 2) and b"Traceback" not in printed
        ok = clean and took < 2 and rss <= 300
        result = f"exit {code}, {took:.2f} s, {rss:.0f} MiB, {len(printed):,} B out"
        _line(f"tree: {title}", result, "< 2 s, 300 MiB", ok)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs and smaller sizes")
    args = parser.parse_args()
    runs = 3 if args.quick else 7
    print(f"python {sys.version.split()[0]} on {sys.platform}; medians of {runs} runs")
    cold_start(runs)
    batch(runs)
    throughput()
    growth(args.quick)
    hostile()
    hostile_trees(args.quick)
    licence_texts()
    return 0


def licence_texts() -> None:
    """The corpus figures of benchmarks/licence_texts.py (the README quotes them)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import licence_texts as figures

    figures.report("licence texts: corpus", figures.corpus_files(), show=5)
    _note("licence texts: first identification", f"{figures.first_call_seconds() * 1000:.0f} ms")


if __name__ == "__main__":
    raise SystemExit(main())
