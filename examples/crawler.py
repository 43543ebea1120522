"""A Hub crawler's audit: model cards held in memory, checked, one JSON line per card.

    python examples/crawler.py                 # 1,000 cards built in memory (a demo dump)
    python examples/crawler.py --jobs 2        # the same in two worker processes
    python examples/crawler.py dump.jsonl      # {"id": ..., "card": "<README.md text>"} lines

Nothing is written to disk: each card is text (as a crawler fetched it), checked with
``osaid.check_many``; a card that cannot be read (broken front matter) is an ``OsaidError``,
printed as an ``error`` line, and the audit goes on.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import osaid

LICENSES = ["apache-2.0", "mit", "llama3.1", "cc-by-nc-4.0", "openrail", "other", None]
BASES = [None, "meta-llama/Llama-3.1-8B", "mistralai/Mistral-7B-v0.1", "org/open-base"]
DATASETS = [None, ["allenai/c4"], ["HuggingFaceFW/fineweb", "openai/gsm8k"]]


def demo_cards(count: int) -> Iterator[tuple[str, str]]:
    """``count`` (id, card text) pairs: every mix of the values above, and a broken card."""
    mixes = itertools.cycle(itertools.product(LICENSES, BASES, DATASETS))
    for number in range(count):
        model = f"demo-org/model-{number:04d}"
        if number == count // 2:  # a card whose front matter is not YAML
            yield model, "---\nlicense: [apache-2.0\n---\n# Broken card\n"
            continue
        license_, base, datasets = next(mixes)
        lines = ["---", "library_name: transformers", "pipeline_tag: text-generation"]
        if license_ is not None:
            lines.append(f"license: {license_}")
        if base is not None:
            lines.append(f"base_model: {base}")
        if datasets is not None:
            lines += ["datasets:", *(f"- {name}" for name in datasets)]
        lines += ["---", f"# {model}", "", "A model card as a crawler fetched it."]
        yield model, "\n".join(lines) + "\n"


def dump_cards(path: str) -> Iterator[tuple[str, str]]:
    """(id, card text) pairs from a JSON-lines dump."""
    with Path(path).open(encoding="utf-8") as dump:
        for line in dump:
            if line.strip():
                entry = json.loads(line)
                yield str(entry["id"]), str(entry["card"])


def line_for(model: str, item: osaid.Report | osaid.OsaidError) -> str:
    """One JSON line: the verdict and what blocks it, or the error with its line."""
    if isinstance(item, osaid.OsaidError):
        entry: dict[str, object] = {"id": model, "error": str(item), "line": item.line}
    else:
        entry = {
            "id": model,
            "verdict": item.verdict.value,
            "failing": [result.requirement for result in item.failing()],
            "warnings": [warning.code for warning in item.warnings],
        }
    return json.dumps(entry, ensure_ascii=True)


def main(argv: list[str] | None = None) -> int:
    """Audit the cards; a summary on stderr. Exit 0: a card that cannot be read is a result."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dump", nargs="?", help="a JSON-lines dump (default: 1,000 demo cards)")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument("--count", type=int, default=1000, help="demo cards (default 1000)")
    args = parser.parse_args(argv)
    cards = dump_cards(args.dump) if args.dump else demo_cards(args.count)
    ids: list[str] = []

    def texts() -> Iterator[bytes]:
        for model, text in cards:
            ids.append(model)
            yield text.encode("utf-8")  # as fetched: bytes, decoded by osaid as UTF-8

    failed = 0
    for number, item in enumerate(osaid.check_many(texts(), jobs=args.jobs)):
        failed += isinstance(item, osaid.OsaidError)
        sys.stdout.write(line_for(ids[number], item) + "\n")
    sys.stderr.write(f"checked {len(ids)} cards; {failed} could not be read\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
