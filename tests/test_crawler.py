"""``examples/crawler.py``: 1,000 cards checked in memory, one JSON line each, a bad one handled."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

CRAWLER = ROOT / "examples" / "crawler.py"


def _run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(CRAWLER), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": ""},
    )


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_crawler_checks_a_thousand_cards_in_memory(tmp_path: Path, jobs: str) -> None:
    result = _run(tmp_path, "--jobs", jobs)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 1000
    assert [line["id"] for line in lines] == [f"demo-org/model-{n:04d}" for n in range(1000)]
    errors = [line for line in lines if "error" in line]
    assert errors == [
        {
            "id": "demo-org/model-0500",
            "error": "<source 501>:3: invalid YAML: did not find expected ',' or ']'",
            "line": 3,
        }
    ]
    verdicts = {line["verdict"] for line in lines if "verdict" in line}
    assert verdicts <= {"conformant", "not-conformant"}
    assert all(isinstance(line.get("failing", []), list) for line in lines)
    assert "checked 1000 cards; 1 could not be read" in result.stderr
    assert list(tmp_path.iterdir()) == []  # nothing written where it ran


def test_crawler_reads_a_json_lines_dump(tmp_path: Path) -> None:
    card = (ROOT / "tests" / "data" / "cards" / "all-minilm.md").read_text(encoding="utf-8")
    dump = tmp_path / "dump.jsonl"
    dump.write_text(
        json.dumps({"id": "a/b", "card": card}) + "\n" + json.dumps({"id": "c/d", "card": "x"}),
        encoding="utf-8",
    )
    result = _run(tmp_path, str(dump))
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["id"] == "a/b"
    assert first["verdict"] == "not-conformant"
    assert second["id"] == "c/d"
    assert "not a format osaid reads (looks like plain text)" in second["error"]
