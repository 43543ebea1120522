"""Replay the fuzz harness's seeds and every input it ever crashed on.

The harness (``fuzz/fuzz_inputs.py``) needs atheris and runs for minutes; this replays the same
:func:`exercise` on the saved inputs in a fraction of a second, so a fixed crash stays fixed:
each input read as a file, as a directory of one or two files, as a licence and as a manifest
value, and every report rendered in every output format.
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


def test_seed_corpus_has_text_no_file_can_hold() -> None:
    """One seed is UTF-16 with lone surrogates (first byte 0xFE), as the library's callers can
    pass: the fuzzer starts from both kinds of text."""
    texts = [HARNESS.decode(path.read_bytes()) for path in INPUTS if path.parent.name == "corpus"]
    assert any("\ud800" in text for text in texts)


def test_the_directory_holds_one_or_two_files(tmp_path: Path) -> None:
    """A form feed splits the input into two files of the directory the harness reads."""
    one = HARNESS._directory("manifest: osaid/1\nname: x\n", tmp_path)
    assert len(list(one.iterdir())) == 1
    two = HARNESS._directory("manifest: osaid/1\nname: x\n\f---\nlicense: mit\n---\n", tmp_path)
    assert len(list(two.iterdir())) == 2
    assert sorted(p.read_text(encoding="utf-8")[:3] for p in two.iterdir()) == ["---", "man"]


@pytest.mark.parametrize(
    "output", ["a\x1bb", "\u202e", "x\x85", "line\u2028", "\ud800", "\x7f"], ids=ascii
)
def test_renderings_with_raw_controls_are_refused(output: str) -> None:
    """The harness's output check can fail: each character it must catch is caught."""
    with pytest.raises(AssertionError):
        HARNESS.check_output("text", output)
    HARNESS.check_output("text", "tab\tand newline\n are fine, as are \\u001b escapes")


def test_every_renderer_is_exercised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A checked seed is rendered by every entry of osaid.render.RENDERERS."""
    from osaid.render import RENDERERS

    seen: set[str] = set()
    check = HARNESS.check_output

    def recording(name: str, output: str) -> None:
        seen.add(name)
        check(name, output)

    monkeypatch.setattr(HARNESS, "check_output", recording)
    HARNESS.exercise((FUZZ / "corpus" / "manifest.yaml").read_text(encoding="utf-8"), tmp_path)
    assert seen == set(RENDERERS)
