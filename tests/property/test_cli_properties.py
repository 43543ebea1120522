"""Properties of the command line: whatever it is given, an exit code and clean lines.

The command line sits in pre-commit hooks and CI on files anyone can send in a pull request:
for any bytes, any document and any licence string it must answer with exit 0, 1 or 2, and a
refusal is exactly one ``osaid:`` line on stderr naming the file, never a traceback. These run
``cli.run`` in-process, where an exception the command line failed to turn into exit 2 would
escape and fail the test.
"""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from osaid import cli
from osaid._limits import MAX_REPORTED_PROBLEMS

from .strategies import ELEMENTS, elements, messy_documents

pytestmark = pytest.mark.property

SETTINGS = settings(max_examples=100, deadline=None)

ANY_TEXT = st.text(max_size=400)
"""Any text at all: control characters, bidi overrides, surrogates, NUL."""


def _run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.run(list(args), out, err)
    return code, out.getvalue(), err.getvalue()


def _check_file(content: bytes, name: str = "input.yaml") -> tuple[int, str, str, str]:
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / name
        path.write_bytes(content)
        code, out, err = _run("check", str(path))
        return code, out, err, str(path)


def _assert_clean(code: int, out: str, err: str, path: str) -> None:
    assert code in (0, 1, 2)
    assert "Traceback" not in out + err
    if code == 2:  # one line per problem found (up to the limit, then one counting the rest)
        lines = err.splitlines()
        assert 1 <= len(lines) <= MAX_REPORTED_PROBLEMS + 1, lines
        assert all(line.startswith(f"osaid: {path}") for line in lines), lines
        assert out == ""
    else:
        assert err == ""
        assert out.startswith(path)


@SETTINGS
@given(st.binary(max_size=1500))
def test_any_bytes_get_an_exit_code_and_clean_lines(content: bytes) -> None:
    """Binary, truncated, non-UTF-8 or random bytes: a report or one error line."""
    _assert_clean(*_check_file(content))


@SETTINGS
@given(ANY_TEXT)
def test_any_text_gets_an_exit_code_and_clean_lines(text: str) -> None:
    """Any text as a file, including characters YAML forbids, is a report or one error line."""
    _assert_clean(*_check_file(text.encode("utf-8", errors="surrogatepass")))


@SETTINGS
@given(messy_documents, st.sampled_from(["json", "yaml"]))
def test_any_document_gets_an_exit_code_and_clean_lines(document: Any, syntax: str) -> None:
    """Near-miss manifests, MOF files and arbitrary nested data: report or one error line."""
    text = json.dumps(document) if syntax == "json" else yaml.safe_dump(document)
    _assert_clean(*_check_file(text.encode("utf-8"), f"input.{syntax}"))


@SETTINGS
@given(ANY_TEXT, elements)
def test_any_licence_string_gets_an_exit_code_and_no_traceback(text: str, element: str) -> None:
    """``osaid license`` judges any string: acceptable, not, or malformed (exit 2, one line)."""
    code, out, err = _run("license", "--for", element, "--", text)
    assert code in (0, 1, 2)
    assert "Traceback" not in out + err
    if code == 2:
        assert len(err.splitlines()) == 1
        assert err.startswith("osaid: ")


@SETTINGS
@given(ANY_TEXT, st.sampled_from(sorted(ELEMENTS)))
def test_hostile_licence_in_a_manifest_is_a_finding_not_an_error(text: str, element: str) -> None:
    """A licence value of any text inside a valid manifest never makes the input unreadable."""
    kind = {"code": "training-code", "data-information": "data-description"}.get(
        element, "model-parameters-final"
    )
    manifest = {
        "manifest": "osaid/1",
        "name": "hostile",
        "components": [{"kind": kind, "license": text}],
    }
    code, out, err, path = _check_file(json.dumps(manifest).encode("utf-8"), "osaid.json")
    assert code == 1, err
    _assert_clean(code, out, err, path)
