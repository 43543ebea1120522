"""Cards from memory: ``check_text`` against parsing the front matter, and batch rates.

Run from a clone: ``python benchmarks/cards.py`` (``benchmarks/bench.py`` prints the same).

- cost: for each real card, the median in-process time of ``osaid.check_text(card)`` divided
  by the median time of parsing the same front matter with PyYAML's C loader (goal: the
  median of those ratios at most 4x); the cards are the real ones the staging corpus holds
  (``/work/corpus-stage/docs/card-*.md``, read only as benchmark inputs, when present) and
  the tests' cards (``tests/data/cards``);
- rate: cards per second through ``osaid.check_many`` with ``jobs=1`` and ``jobs=2`` (a
  reference: worker processes pay for start-up and pickling, and help once a batch is large
  and the machine has idle cores).
Nothing here is a test and nothing asserts.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

STAGED = Path("/work/corpus-stage/docs")

import osaid  # noqa: E402 - after the path to this clone's osaid
from osaid.readers._card import split_front_matter  # noqa: E402

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def real_cards() -> list[tuple[str, str]]:
    """(name, text) of every real card available, each with YAML front matter."""
    paths = sorted(STAGED.glob("card-*.md")) if STAGED.is_dir() else []
    paths += sorted((ROOT / "tests" / "data" / "cards").glob("*.md"))
    cards = []
    for path in paths:
        text = path.read_bytes().decode("utf-8", "replace")
        if split_front_matter(text.removeprefix("\ufeff")) is not None:
            cards.append((path.name, text))
    return cards


def _median(function: Callable[[], object], runs: int) -> float:
    for _ in range(3):
        function()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def ratios(cards: list[tuple[str, str]], runs: int) -> list[tuple[str, float, float]]:
    """(name, check_text seconds, C-loader seconds) per card that osaid checks."""
    found = []
    for name, text in cards:
        parts = split_front_matter(text.removeprefix("\ufeff"))
        assert parts is not None  # noqa: S101 - real_cards keeps only cards with front matter
        front = parts[0]
        try:
            osaid.check_text(text)
        except osaid.OsaidError:
            continue  # a card osaid refuses costs a parse, not a check
        check = _median(lambda text=text: osaid.check_text(text), runs)  # type: ignore[misc]
        parse = _median(lambda front=front: yaml.load(front, Loader=Loader), runs)  # type: ignore[misc]  # noqa: S506 - the C safe loader
        found.append((name, check, parse))
    return found


def rate(cards: list[tuple[str, str]], jobs: int, count: int) -> float:
    """Cards per second through ``check_many`` over ``count`` cards (the set repeated)."""
    texts = [text.encode("utf-8") for _, text in cards]
    batch = [texts[index % len(texts)] for index in range(count)]
    start = time.perf_counter()
    for _ in osaid.check_many(batch, jobs=jobs):
        pass
    return count / (time.perf_counter() - start)


def report(line: Callable[[str, str, str, bool], None], quick: bool = False) -> None:
    """Print the figures through ``line(name, value, goal, ok)``."""
    cards = real_cards()
    found = ratios(cards, 5 if quick else 21)
    each = [check / parse for _, check, parse in found]
    median = statistics.median(each)
    line(
        f"cards: check_text / C-loader parse ({len(found)} cards)",
        f"{median:.2f}x",
        "<= 4x (median)",
        median <= 4,
    )
    worst = max(range(len(found)), key=lambda index: each[index])
    checks = statistics.median(check for _, check, _ in found)
    print(
        f"{'':<44} median check_text {checks * 1e6:,.0f} us; worst {each[worst]:.2f}x "
        f"({found[worst][0]}); best {min(each):.2f}x"
    )
    count = 200 if quick else 1000
    for jobs in (1, 2):
        figure = rate(cards, jobs, count)
        line(
            f"cards: check_many, jobs={jobs} ({count} cards)",
            f"{figure:,.0f}/s",
            "(reference)",
            True,
        )


def _print(name: str, value: str, goal: str, ok: bool) -> None:
    print(f"{name:<44} {value:>14}   goal {goal:<22} {'ok' if ok else 'MISSED'}")


if __name__ == "__main__":
    report(_print, quick="--quick" in sys.argv)
