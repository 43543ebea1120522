"""Shared fixtures: repository paths, a file writer and two ways of running the command line."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import pytest
from hypothesis import settings
from hypothesis.configuration import set_hypothesis_home_dir

from osaid import cli

# Hypothesis keeps no example database, and its caches go under pytest's temporary directory
# (see pytest_sessionstart), so the suite writes nothing into the working tree.
settings.register_profile("osaid", database=None)
settings.load_profile("osaid")


def pytest_sessionstart(session: pytest.Session) -> None:
    """Point Hypothesis's storage directory at pytest's temporary directory before collection."""
    factory = getattr(session.config, "_tmp_path_factory", None)
    if isinstance(factory, pytest.TempPathFactory):
        set_hypothesis_home_dir(factory.mktemp("hypothesis"))


ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
DATA = Path(__file__).resolve().parent / "data"
MOT_MODELS = DATA / "mot" / "models"
INVALID_DEFINITIONS = DATA / "definitions-invalid"

CONFORMANT = EXAMPLES / "conformant" / "osaid.yaml"
NOT_CONFORMANT_EXAMPLES = sorted(
    path for path in EXAMPLES.glob("*/osaid.yaml") if path.parent.name != "conformant"
)


@dataclass(frozen=True)
class CliResult:
    """What one run of the command line produced."""

    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        """The non-empty lines written to stderr."""
        return [line for line in self.err.splitlines() if line.strip()]


class CliRunner(Protocol):
    """Runs ``osaid ARGS...`` and returns its exit code and output."""

    def __call__(self, *args: str | Path) -> CliResult: ...


Writer = Callable[[str, "str | bytes"], Path]


def _exit_code(value: object) -> int:
    if value is None:
        return 0
    return value if isinstance(value, int) else 1


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]) -> CliRunner:
    """Run the CLI in-process through ``cli.run``; argparse exits are turned into codes."""

    def run(*args: str | Path) -> CliResult:
        out, err = io.StringIO(), io.StringIO()
        try:
            code = cli.run([str(a) for a in args], out, err)
        except SystemExit as exc:  # argparse: usage errors, --version, --help
            code = _exit_code(exc.code)
        captured = capsys.readouterr()
        return CliResult(code, out.getvalue() + captured.out, err.getvalue() + captured.err)

    return run


@pytest.fixture
def run_process(tmp_path: Path) -> CliRunner:
    """Run ``python -m osaid`` as a real subprocess, from ``tmp_path``."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONIOENCODING": "utf-8"}

    def run(*args: str | Path) -> CliResult:
        done = subprocess.run(
            [sys.executable, "-m", "osaid", *[str(a) for a in args]],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            cwd=tmp_path,
            env=env,
            timeout=60,
            check=False,
        )
        return CliResult(done.returncode, done.stdout, done.stderr)

    return run


@pytest.fixture
def write(tmp_path: Path) -> Writer:
    """Write text or bytes to a file under ``tmp_path`` and return its path."""

    def write_file(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write_file
