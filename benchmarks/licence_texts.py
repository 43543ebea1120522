"""Licence-text identification: accuracy on the corpus, time per file and first-call cost.

Run from a clone:  python benchmarks/licence_texts.py [--spdx-texts DIR]

- corpus: every file of tests/data/licence-texts/ against its expected identification
  (PROVENANCE.tsv): correct, wrong (a licence or a kind it does not have), or no answer (not
  recognised, or only a mention, where a text or notice was expected);
- time: median and largest time per file after the first, and what the first identification
  adds to a new process that has loaded osaid's licence data (importing and loading the
  matcher and the phrase and size tables);
- with ``--spdx-texts DIR`` (``test/simpleTestForGenerator`` of a spdx/license-list-XML
  checkout, CC0-1.0), the same counts on the SPDX License List's own texts, each expected to be
  the licence its file is named after (a GNU text may be either choice).
Nothing here is a test and nothing asserts; benchmarks/bench.py prints the corpus figures.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import subprocess
import sys
import time
from pathlib import Path

from osaid.licensing import shipped_license_data
from osaid.licensing._texts import Identification, TextKind, identify_file

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "licence-texts"
FIRST_CALL = (
    "import time; from osaid.licensing import shipped_license_data; shipped_license_data(); "
    "t = time.perf_counter(); "
    "from osaid.licensing._texts import identify; "
    "identify(open({path!r}, encoding='utf-8').read(), 'LICENSE'); "
    "print(time.perf_counter() - t)"
)
"""What the first identification adds to a process that has loaded osaid's licence data (as
every check has): importing the identifier and the matcher, and loading their data."""


def written(result: Identification) -> str:
    """The identification as PROVENANCE.tsv writes it."""
    if not result.found:
        return result.kind.value
    text = f"{result.kind.value}: {', '.join(result.licenses)}"
    choices = [e.choices for e in result.found if e.choices]
    return text + (f" (choices {choices[0][0]} / {choices[0][1]})" if choices else "")


def verdict(result: Identification, expected: list[str]) -> str:
    """``correct``, ``no answer`` (nothing assumed) or ``wrong`` (something false assumed)."""
    if written(result) in expected:
        return "correct"
    if result.kind in (TextKind.NOT_RECOGNISED, TextKind.MENTION):
        return "no answer"
    return "wrong"


def measure(files: list[tuple[Path, list[str]]]) -> tuple[dict[str, int], list[float], list[str]]:
    """Counts per verdict, seconds per file, and what went wrong."""
    counts = {"correct": 0, "wrong": 0, "no answer": 0}
    times, misses = [], []
    identify_file(files[0][0])  # the first call loads the matcher: timed separately
    for path, expected in files:
        start = time.perf_counter()
        result = identify_file(path, path.name)
        times.append(time.perf_counter() - start)
        outcome = verdict(result, expected)
        counts[outcome] += 1
        if outcome != "correct":
            misses.append(f"{outcome}: {path.name}: {written(result)} (expected {expected[0]})")
    return counts, times, misses


def corpus_files() -> list[tuple[Path, list[str]]]:
    """The corpus files with their expected identifications."""
    rows = csv.DictReader(
        (CORPUS / "PROVENANCE.tsv").read_text(encoding="utf-8").splitlines(), delimiter="\t"
    )
    return [(CORPUS / row["file"], row["expected"].split(" | ")) for row in rows]


def spdx_files(directory: Path) -> list[tuple[Path, list[str]]]:
    """SPDX's test texts of the licences on the shipped list (not the exceptions).

    Each is expected to be the full text of the licence its file is named after.
    """
    licences = shipped_license_data().licenses
    files = []
    for path in sorted(directory.glob("*.txt")):
        licence = path.stem
        if licence.lower() not in licences:
            continue
        family = licence.removesuffix("-only").removesuffix("-or-later")
        gnu = f"licence-text: {family} (choices {family}-only / {family}-or-later)"
        files.append((path, [f"licence-text: {licence}", gnu]))
    return files


def first_call_seconds(runs: int = 5) -> float:
    """A fresh process's first identification (one Apache-2.0 text), licence data loaded."""
    path = str(CORPUS / "apache-2.0-serde.LICENSE-APACHE")
    code = FIRST_CALL.format(path=path)
    times = [
        float(
            subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(runs)
    ]
    return statistics.median(times)


def report(label: str, files: list[tuple[Path, list[str]]], show: int) -> None:
    """Print the counts and times for ``files``."""
    counts, times, misses = measure(files)
    print(
        f"{label}: {len(files)} files: {counts['correct']} correct, {counts['wrong']} wrong, "
        f"{counts['no answer']} no answer; per file median {statistics.median(times) * 1000:.1f}"
        f" ms, largest {max(times) * 1000:.0f} ms"
    )
    for miss in misses[:show]:
        print(f"  {miss}")


def main() -> int:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spdx-texts", type=Path, metavar="DIR")
    parser.add_argument("--show", type=int, default=20, help="list at most this many misses")
    args = parser.parse_args()
    report("licence texts: corpus", corpus_files(), args.show)
    if args.spdx_texts:
        report("licence texts: SPDX test texts", spdx_files(args.spdx_texts), args.show)
    print(
        f"licence texts: first identification in a new process {first_call_seconds() * 1000:.0f} ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
