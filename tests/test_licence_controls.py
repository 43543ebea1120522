r"""Control and invisible characters in a licence expression are refused first (issue 10).

``osaid license $'Apache\r2.0'`` was accepted as Apache-2.0: spelling normalisation folded the
carriage return into a space before the character check ran, and the warning then printed the
CR raw. Now such characters are refused before any normalisation, named as an escape, on the
command line and inside inputs alike. Tab and line feed still separate tokens like a space.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import CliRunner
from osaid import evaluate_license

REFUSED = {
    "carriage return": ("Apache\r2.0", "\\u000d", 7, "a control character"),
    "escape": ("MIT\x1b[2J", "\\u001b", 4, "a control character"),
    "NUL": ("MIT\x00", "\\u0000", 4, "a control character"),
    "DEL": ("Apache\x7f2.0", "\\u007f", 7, "a control character"),
    "C1 next line": ("Apache\x852.0", "\\u0085", 7, "a control character"),
    "bidi override": ("MIT\u202e", "\\u202e", 4, "an invisible format character"),
    "bidi isolate": ("\u2066Apache-2.0", "\\u2066", 1, "an invisible format character"),
    "zero-width space": ("Apache\u200b-2.0", "\\u200b", 7, "an invisible format character"),
    "line separator": ("Apache\u20282.0", "\\u2028", 7, "a line separator"),
    "lone surrogate": ("MIT\udcff", "\\udcff", 4, "a lone surrogate"),
}


@pytest.mark.parametrize(
    ("expression", "escape", "position", "kind"), list(REFUSED.values()), ids=list(REFUSED)
)
def test_controls_are_refused_before_normalising(
    expression: str, escape: str, position: int, kind: str
) -> None:
    result = evaluate_license(expression, "code")
    assert result.malformed
    assert result.status == "fail"
    assert result.normalized is None
    reason = result.reasons[0]
    assert f"character {escape} ({kind}" in reason
    assert f"at position {position} " in reason
    assert reason.isprintable()
    assert expression[position - 1] not in reason


def test_the_license_command_refuses_a_carriage_return(run_cli: CliRunner) -> None:
    """The issue's example: exit 2, one line naming ``\\u000d``, nothing printed raw."""
    result = run_cli("license", "Apache\r2.0", "--for", "code")
    assert result.code == 2
    assert result.out == ""
    assert result.err_lines == [
        "osaid: malformed licence expression: character \\u000d (a control character) at "
        "position 7 is not allowed in a licence expression"
    ]
    assert "\r" not in result.err


def test_the_license_command_json_names_the_character(run_cli: CliRunner) -> None:
    result = run_cli("license", "Apache\r2.0", "--for", "code", "--format", "json")
    assert result.code == 2
    payload = json.loads(result.out)
    assert payload["malformed"] is True
    assert "\\u000d" in payload["reasons"][0]


def test_a_control_character_in_a_manifest_licence_is_a_finding(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    """Inside an input it is a failing malformed-expression finding, shown as an escape."""
    manifest = {
        "manifest": "osaid/1",
        "name": "cr",
        "components": [{"kind": "training-code", "name": "train", "license": "Apache\r2.0"}],
    }
    path = tmp_path / "osaid.json"
    path.write_text(json.dumps(manifest), encoding="utf-8")
    result = run_cli("check", path)
    assert result.code == 1
    assert "\r" not in result.out
    line = next(row for row in result.out.splitlines() if "malformed licence expression" in row)
    assert "character \\u000d (a control character) at position 7" in line
    report = json.loads(run_cli("check", path, "--format", "json").out)
    training = next(r for r in report["results"] if r["requirement"].endswith("code/training"))
    assert training["status"] == "fail"


@pytest.mark.parametrize(
    ("expression", "normalized"),
    [
        ("  MIT\n OR\tApache-2.0 ", "MIT OR Apache-2.0"),
        ("MIT\n", "MIT"),
        ("\r\nApache-2.0\r\n", "Apache-2.0"),
        ("Apache 2.0", "Apache-2.0"),
    ],
)
def test_whitespace_still_separates_tokens(expression: str, normalized: str) -> None:
    """Spaces, tabs and line feeds between tokens and line ends around them stay harmless."""
    assert evaluate_license(expression, "code").normalized == normalized


def test_the_license_command_json_survives_a_lone_surrogate(run_cli: CliRunner) -> None:
    """An argument decoded from non-UTF-8 bytes (``$'\\xff'``): valid JSON, ``\\udcff`` text."""
    result = run_cli("license", "\udcff", "--for", "code", "--format", "json")
    assert result.code == 2
    payload = json.loads(result.out)
    assert payload["expression"] == "\\udcff"
    result.out.encode("utf-8")
