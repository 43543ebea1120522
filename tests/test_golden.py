"""Golden outputs: every renderer on every example and one input per format, byte for byte.

Each case runs the command line in-process from the repository root (relative paths, so the
files hold no machine's paths) and compares standard output with ``tests/golden/<name>``, and
the exit code with the case's. A change of output is a change users see: regenerate with
``OSAID_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py`` and review every file that
changed (``git diff tests/golden``) before committing it.
"""

from __future__ import annotations

import io
import itertools
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

import osaid
from conftest import ROOT
from osaid import cli
from osaid.render import COLOUR_RENDERERS

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("OSAID_UPDATE_GOLDEN") == "1"

FORMATS = ("text", "json", "markdown", "sarif", "junit", "hook", "github", "gitlab")

INPUTS = {
    "conformant": ("examples/conformant/osaid.yaml", 0),
    "hosted-fine-tune": ("examples/hosted-fine-tune/osaid.yaml", 1),
    "license-failure": ("examples/license-failure/osaid.yaml", 1),
    "missing-components": ("examples/missing-components/osaid.yaml", 1),
    "mof-pythia-12b": ("tests/data/mot/models/Pythia-12B.yml", 0),
    "spdx2-chat-assistant": ("tests/data/spdx/chat-assistant.spdx.json", 1),
    "spdx3-summarizer": ("tests/data/spdx/summarizer-aibom.spdx3.json", 1),
    "cyclonedx-model": ("tests/data/cyclonedx/model.cdx.json", 1),
    "card-llama-finetune": ("tests/data/cards/llama-finetune.md", 1),
    "directory-repo": ("tests/data/repo", 0),
}
"""The examples, one input of each format osaid reads, and a directory (merged sources)."""

EXAMPLES = [
    INPUTS[name][0]
    for name in ("conformant", "hosted-fine-tune", "license-failure", "missing-components")
]


@dataclass(frozen=True)
class Case:
    """A command line, the file its standard output must equal, and its exit code.

    ``more`` are further command lines whose output is appended (with the same exit code):
    one file holds the explanations of every requirement of a definition.
    """

    name: str
    argv: tuple[str, ...]
    code: int
    more: tuple[tuple[str, ...], ...] = ()


def _cases() -> list[Case]:
    cases = [
        Case(f"check/{name}.{fmt}", ("check", "--format", fmt, path), code)
        for name, (path, code) in INPUTS.items()
        for fmt in FORMATS
    ]
    cases += [
        Case(f"check/several-examples.{fmt}", ("check", "--format", fmt, *EXAMPLES), 1)
        for fmt in FORMATS
    ]
    mof = INPUTS["mof-pythia-12b"][0]
    amber = "tests/data/mot/models/Amber.yml"
    for policy in ("default", "mot-compat"):
        for fmt in ("text", "json"):
            argv = ("check", "--definition", "mof-1.0", "--policy", policy, "--format", fmt)
            cases.append(Case(f"graded/pythia-12b.{policy}.{fmt}", (*argv, mof), 0))
            cases.append(Case(f"graded/several.{policy}.{fmt}", (*argv, mof, amber), 0))
    conformant = INPUTS["conformant"][0]
    failing = INPUTS["license-failure"][0]
    compare = ("check", "--compare", "osaid-0.0.9", "--definition", "osaid-1.0")
    cases += [
        Case("check/compare-0.0.9.text", (*compare, conformant), 0),
        Case("check/compare-0.0.9.json", (*compare, "--format", "json", conformant), 0),
        Case("check/compare-0.0.9.markdown", (*compare, "--format", "markdown", conformant), 0),
        Case("check/explain.text", ("check", "--explain", failing), 1),
        Case("check/license-failure.verbose-text", ("check", "--verbose", failing), 1),
        Case("check/strict.hook", ("check", "--strict", "--format", "hook", mof), 0),
        Case("check/policy-delta-only.json", _delta_only(), 1),
    ]
    cases += _command_cases()
    return cases


def _delta_only() -> tuple[str, ...]:
    path = INPUTS["hosted-fine-tune"][0]
    return ("check", "--derivatives", "delta-only", "--format", "json", path)


def _command_cases() -> list[Case]:
    cases = [
        Case("commands/definitions.text", ("definitions",), 0),
        Case("commands/definitions.json", ("definitions", "--format", "json"), 0),
        Case("commands/schema-manifest.json", ("schema", "manifest"), 0),
        Case("commands/schema-report.json", ("schema", "report"), 0),
    ]
    shipped = osaid.available_definitions()
    for definition in shipped:
        formats = ("text", "json") if definition.id == "osaid-1.0" else ("text",)
        for fmt in formats:
            runs = [("explain", r.id, "--format", fmt) for r in definition.requirements]
            cases.append(Case(f"explain/{definition.id}.{fmt}", runs[0], 0, tuple(runs[1:])))
    ordered = [d.id for d in shipped]
    for old, new in itertools.pairwise(ordered):
        for fmt in ("text", "json"):
            cases.append(Case(f"diff/{old}--{new}.{fmt}", ("diff", old, new, "--format", fmt), 0))
    expressions = {
        "apache": ("Apache-2.0", "code", 0),
        "cc-by-parameters": ("CC-BY-4.0", "parameters", 0),
        "cc-by-nc-data": ("CC-BY-NC-4.0 OR LicenseRef-x", "data-information", 1),
        "llama": ("llama3.1", "parameters", 1),
    }
    for name, (expression, element, code) in expressions.items():
        for fmt in ("text", "json"):
            argv = ("license", expression, "--for", element, "--format", fmt)
            cases.append(Case(f"license/{name}.{fmt}", argv, code))
    return cases


CASES = _cases()


def _run(case: Case) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    codes = {cli.run(list(argv), out, err) for argv in (case.argv, *case.more)}
    assert len(codes) == 1, (case.name, codes)
    return codes.pop(), out.getvalue()


def _compare(name: str, text: str) -> None:
    path = GOLDEN / name
    data = text.encode("utf-8", "surrogatepass")
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)
        return
    assert path.exists(), f"no golden file {path}: run with OSAID_UPDATE_GOLDEN=1"
    assert path.read_bytes() == data, f"{name} differs from its golden file"


@pytest.fixture(autouse=True)
def _from_the_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("OSAID_DEFINITIONS_PATH", raising=False)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_output_is_unchanged(case: Case) -> None:
    """The command's standard output equals its golden file, byte for byte, and so does its code."""
    code, text = _run(case)
    _compare(case.name, text)
    assert code == case.code, (case.argv, code)


def test_colour_text_is_unchanged() -> None:
    """The text format's colour variant (for a terminal) is as recorded."""
    reports = [osaid.check(path) for path in EXAMPLES]
    _compare("check/several-examples.colour-text", COLOUR_RENDERERS["text"](reports, True))


def test_every_golden_file_has_a_case() -> None:
    """No golden file is left over from a case that no longer exists."""
    names = {c.name for c in CASES} | {"check/several-examples.colour-text"}
    found = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file()}
    assert found - names == set()
