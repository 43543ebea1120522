"""The public API is typed for its users, and every public name is documented.

``tests/typing/user_code.py`` is representative user code; it is type-checked here under
``mypy --strict`` as a user's project would check it: no pydantic plugin, no osaid settings,
errors inside osaid itself not reported (as for an installed package).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import osaid
from conftest import ROOT

USER_CODE = ROOT / "tests" / "typing" / "user_code.py"


def _mypy(tmp_path: Path, *files: Path) -> subprocess.CompletedProcess[str]:
    config = tmp_path / "mypy.ini"
    config.write_text("[mypy]\n", encoding="utf-8")
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--config-file",
            str(config),
            "--follow-imports=silent",
            "--cache-dir",
            str(tmp_path / "cache"),
            "--python-version",
            "3.10",
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "MYPYPATH": str(ROOT / "src")},
    )


def test_user_code_type_checks_under_strict_mypy(tmp_path: Path) -> None:
    result = _mypy(tmp_path, USER_CODE)
    assert result.returncode == 0, result.stdout
    assert "Success" in result.stdout


def test_strict_mypy_catches_a_misuse_of_the_api(tmp_path: Path) -> None:
    """The check can fail: wrong argument types and a wrong result type are reported."""
    misuse = tmp_path / "misuse.py"
    misuse.write_text(
        "import osaid\n"
        "osaid.check_text(5)\n"
        "osaid.check_data(['not', 'a', 'mapping'])\n"
        "verdict: int = osaid.check('osaid.yaml').verdict\n",
        encoding="utf-8",
    )
    result = _mypy(tmp_path, misuse)
    assert result.returncode == 1
    assert re.findall(r"misuse\.py:(\d+): error", result.stdout) == ["2", "3", "4"]


def _api_section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("\n## Python API\n")
    end = readme.index("\n## ", start + 1)
    return readme[start:end]


def test_every_public_name_is_documented_in_the_readme_api_section() -> None:
    section = _api_section()
    missing = [name for name in osaid.__all__ if f"`{name}`" not in section]
    assert missing == []


def test_the_api_sections_show_the_new_calls_with_examples() -> None:
    section = _api_section()
    for call in ("check_text(", "check_data(", "check_many(", "to_json()", "to_dict()"):
        assert f"osaid.{call}" in section or f"report.{call}" in section, call
