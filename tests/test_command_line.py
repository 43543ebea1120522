"""The command line: did-you-mean, defaults, --color, license for every element, --recursive."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from conftest import CONFORMANT, EXAMPLES, CliRunner
from osaid import cli

ESC = "\x1b["


def test_a_mistyped_command_says_which_was_meant(run_cli: CliRunner) -> None:
    result = run_cli("chek")
    assert result.code == 2
    assert result.err_lines[-1].endswith("did you mean 'check'?")


def test_a_mistyped_option_says_which_was_meant(run_cli: CliRunner) -> None:
    result = run_cli("check", "--formt", "json", CONFORMANT)
    assert result.code == 2
    assert result.err_lines[-1].endswith("did you mean '--format'?")
    value = run_cli("check", "--format", "jsn", CONFORMANT)
    assert value.err_lines[-1].endswith("did you mean 'json'?")


def test_check_defaults_to_the_current_directory(
    run_cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(CONFORMANT, tmp_path / "osaid.yaml")
    monkeypatch.chdir(tmp_path)
    result = run_cli("check", "--format", "json")
    assert json.loads(result.out)["input"] == "."


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def _coloured(argv: list[str]) -> bool:
    out = _Tty()
    cli.run(["check", *argv, str(CONFORMANT)], out, io.StringIO())
    return ESC in out.getvalue()


def _piped(argv: list[str]) -> bool:
    out = io.StringIO()
    cli.run(["check", *argv, str(CONFORMANT)], out, io.StringIO())
    return ESC in out.getvalue()


def test_color_option_and_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert _coloured([])
    assert not _piped([])
    assert not _coloured(["--color", "never"])
    assert _piped(["--color", "always"])
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert _piped([])
    monkeypatch.setenv("NO_COLOR", "1")
    assert not _coloured([])  # NO_COLOR wins over FORCE_COLOR
    assert _coloured(["--color", "always"])  # the option wins over both


def test_license_without_for_judges_every_element(run_cli: CliRunner) -> None:
    result = run_cli("license", "CC-BY-4.0", "--format", "json")
    assert result.code == 1  # open terms for data and parameters, not a licence for code
    items = json.loads(result.out)
    verdicts = {item["for"]: item["status"] for item in items}
    assert verdicts == {"data-information": "pass", "code": "fail", "parameters": "pass"}
    text = run_cli("license", "Apache-2.0")
    assert text.code == 0
    assert text.out.count("acceptable for") == 3


def test_recursive_reports_each_release_in_subfolders(run_cli: CliRunner, tmp_path: Path) -> None:
    for name in ("conformant", "license-failure"):
        target = tmp_path / "models" / name
        target.mkdir(parents=True)
        shutil.copy(EXAMPLES / name / "osaid.yaml", target / "osaid.yaml")
    (tmp_path / ".git" / "x").mkdir(parents=True)
    shutil.copy(CONFORMANT, tmp_path / ".git" / "x" / "osaid.yaml")  # never looked at
    (tmp_path / "link").symlink_to(tmp_path / "models")  # not followed
    flat = run_cli("check", "--format", "json", tmp_path)
    assert flat.code == 2  # only the top: no release description there
    assert json.loads(flat.out)["verdict"] == "error"
    result = run_cli("check", "--recursive", "--format", "json", tmp_path)
    items = json.loads(result.out)
    inputs = [Path(item["input"]).relative_to(tmp_path).as_posix() for item in items]
    assert inputs == ["models/conformant", "models/license-failure"]
    assert result.code == 1


def test_help_says_what_each_command_does(run_cli: CliRunner) -> None:
    text = " ".join(run_cli("--help").out.split())
    assert "MOF model files" in text
    assert "directories" in text
    assert "the JSON report or the graded report" in text
    assert "PATH input files" not in run_cli("check", "--help").out
