"""Measure osaid's speed and memory against its goals, and print each figure beside its goal.

Run from a clone after `pip install .`:
    python benchmarks/bench.py [--quick] [--hostile-only] [--only TEXT]

Figures (goals from the project's performance issue):
- cold start: `osaid check` on one manifest as a whole process, against the floor of a process
  that only imports pydantic, PyYAML and license-expression and builds its licensing object
  (goal: at most 1.5x the floor); the floor plus one validated pydantic model is printed too,
  as that is the least any pydantic-validating command pays;
- batch: all MOT corpus files in one process against the cost of one file, both as JSON
  (goal: at most 3x), and its peak memory (goal: at most 150 MiB);
- throughput: in-process check() of a typical manifest after warm-up (goal: >= 2,000/s);
- cards: in-process check_text of real cards against parsing the same front matter with
  PyYAML's C loader (goal: median at most 4x), and cards per second through check_many with
  jobs=1 and jobs=2 (benchmarks/cards.py);
- growth: licence expressions of 10 to 10,000 terms and manifests of 10 to 10,000 components
  (goal: linear; the per-item cost is printed so growth is visible);
- hostile inputs: every case of tasks/hostile.py at full scale (files at the 10 MiB input
  limit, 100,000 directory entries, 10,000 inputs, ...), each as a whole `osaid check`
  process; for each class the slowest case and the largest peak memory of the process, beside
  the goal (within 2 s and 300 MiB), and any outcome the case does not expect (exit code,
  traceback, raw control characters); `--hostile-only` runs only these, `--only TEXT` some;
- scanners: benchmarks/patterns.py's in-process figures at the input limit, for the scanning
  classes no hostile case runs as whole files (the others are measured once, above);
- licence texts: the licence-text corpus identified (correct / wrong / no answer), time per
  file, and the first identification in a new process (benchmarks/licence_texts.py).
Timings are medians of several runs (hostile cases: one run each); nothing here is a test
and nothing asserts.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
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


GOAL_SECONDS = 2.0
GOAL_MIB = 300.0
HANG_GUARD = 180.0
"""A run still going after this many seconds is stopped (and counted as missing the goal)."""


@dataclass
class _Worst:
    """The slowest and the largest case of one class, and the cases whose outcome was wrong."""

    seconds: float = 0.0
    slowest: str = ""
    peak: float = 0.0
    largest: str = ""
    wrong: list[str] = field(default_factory=list)
    cases: int = 0


def _hostile_figures(scale: str, only: str | None, each: bool) -> dict[str, _Worst]:
    """Every case of tasks/hostile.py at ``scale``, each as a whole ``osaid check`` process.

    Each run is measured by the case generator's launcher (``os.wait4`` on the command as its
    own forked child: its peak resident memory, not this script's). Bytecode caches are
    written to a scratch directory first, as an installed package has them.
    """
    import hostile

    worst: dict[str, _Worst] = {}
    with tempfile.TemporaryDirectory(prefix="osaid-bench-") as tmp:
        pycache = Path(tmp) / "pycache"
        warm = hostile.Run(argv=hostile.osaid("check", str(MANIFEST)), codes=frozenset({0}))
        layout = hostile.prepare(Path(tmp) / "warm")
        hostile.execute(warm, layout, HANG_GUARD, pycache)
        hostile.remove_tree(layout.root)
        for index, case in enumerate(hostile.CASES):
            if only and only.lower() not in case.id.lower():
                continue
            if not hostile.available(case.needs):
                continue
            layout = hostile.prepare(Path(tmp) / f"case{index}")
            try:
                run = case.build(layout.case, scale)  # type: ignore[arg-type]
                gc.collect()
                outcome = hostile.execute(run, layout, HANG_GUARD, pycache)
            finally:
                hostile.remove_tree(layout.root)
            if each:
                value = f"{outcome.seconds:.2f} s, {outcome.peak_mib:.0f} MiB"
                print(f"  {case.id:<70} {value:>18}   exit {outcome.code}", flush=True)
            figure = worst.setdefault(case.klass, _Worst())
            figure.cases += 1
            if outcome.seconds >= figure.seconds:
                figure.seconds, figure.slowest = outcome.seconds, case.name
            if outcome.peak_mib >= figure.peak:
                figure.peak, figure.largest = outcome.peak_mib, case.name
            figure.wrong += [f"{case.name}: {p}" for p in hostile.problems(run, outcome)[:2]]
    return worst


def hostile_classes(quick: bool, only: str | None, each: bool = False) -> None:
    """Per class of tasks/hostile.py, the worst case at the input limit beside the goals."""
    if not hasattr(os, "wait4") or not hasattr(os, "fork"):
        _note("hostile inputs", "skipped (needs POSIX)")
        return
    sys.path.insert(0, str(ROOT / "tasks"))
    scale = "test" if quick else "full"
    print(f"hostile inputs (tasks/hostile.py, {scale} scale): the worst case of each class")
    for klass, figure in _hostile_figures(scale, only, each).items():
        ok = figure.seconds <= GOAL_SECONDS and figure.peak <= GOAL_MIB and not figure.wrong
        value = f"{figure.seconds:.2f} s, {figure.peak:.0f} MiB"
        _line(f"hostile: {klass} ({figure.cases})", value, "<= 2 s, 300 MiB", ok)
        print(f"{'':<8}slowest: {figure.slowest}")
        if figure.largest != figure.slowest:
            print(f"{'':<8}largest: {figure.largest}")
        for wrong in figure.wrong[:5]:
            print(f"{'':<8}WRONG OUTCOME: {wrong}")


def scanners(quick: bool) -> None:
    """benchmarks/patterns.py's in-process classes no hostile case runs as whole files."""
    import hostile
    import patterns

    if quick:
        return
    print("scanners in process (benchmarks/patterns.py at the input limit, Python allocations)")
    for name, seconds, peak in patterns.worst_cases(skip=frozenset(hostile.CLASSES)):
        mib = peak / (1024 * 1024)
        ok = seconds <= GOAL_SECONDS and mib <= GOAL_MIB
        _line(f"scanner: {name}", f"{seconds:.2f} s, {mib:.0f} MiB", "<= 2 s, 300 MiB", ok)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs and smaller sizes")
    parser.add_argument(
        "--hostile-only", action="store_true", help="only the hostile inputs and the scanners"
    )
    parser.add_argument("--only", help="only the hostile cases whose id contains this text")
    parser.add_argument("--each", action="store_true", help="print every hostile case's figures")
    args = parser.parse_args()
    runs = 3 if args.quick else 7
    print(f"python {sys.version.split()[0]} on {sys.platform}; medians of {runs} runs")
    if not args.hostile_only:
        cold_start(runs)
        batch(runs)
        throughput()
        cards(args.quick)
        growth(args.quick)
    hostile_classes(args.quick, args.only, args.each)
    if not args.only:
        scanners(args.quick)
    if not args.hostile_only:
        licence_texts()
    return 0


def cards(quick: bool) -> None:
    """check_text of real cards against parsing their front matter (benchmarks/cards.py)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import cards as figures

    figures.report(_line, quick)


def licence_texts() -> None:
    """The corpus figures of benchmarks/licence_texts.py (the README quotes them)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import licence_texts as figures

    figures.report("licence texts: corpus", figures.corpus_files(), show=5)
    _note("licence texts: first identification", f"{figures.first_call_seconds() * 1000:.0f} ms")


if __name__ == "__main__":
    raise SystemExit(main())
