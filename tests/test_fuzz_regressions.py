"""Replay the fuzz harness's seeds and every input it ever crashed on.

The harness (``fuzz/fuzz_inputs.py``) needs atheris and runs for minutes; this replays the same
:func:`exercise` on the saved inputs in a fraction of a second, so a fixed crash stays fixed.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from conftest import ROOT

FUZZ = ROOT / "fuzz"
INPUTS = sorted(
    path
    for folder in (FUZZ / "corpus", FUZZ / "regressions")
    for path in folder.iterdir()
    if path.is_file() and path.name != "README.md"
)


def _harness() -> ModuleType:
    spec = importlib.util.spec_from_file_location("osaid_fuzz_exercise", FUZZ / "exercise.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


HARNESS = _harness()


def test_seed_corpus_covers_every_reader_and_a_licence() -> None:
    """The seeds the fuzzer starts from: one per input format plus a licence expression."""
    names = {path.name for path in INPUTS if path.parent.name == "corpus"}
    assert {"manifest.yaml", "mof.yml", "card.md", "spdx2.json", "cdx.json", "expr.txt"} <= names


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_saved_input_is_refused_cleanly_or_checked(path: Path, tmp_path: Path) -> None:
    """osaid answers every saved input with a report or an OsaidError, never anything else."""
    HARNESS.exercise(HARNESS.decode(path.read_bytes()), tmp_path)
