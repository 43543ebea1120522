"""The default text report: what needs attention first, the rest as one count line."""

from __future__ import annotations

import osaid
from conftest import CONFORMANT, EXAMPLES
from osaid.render import RENDERERS, VERBOSE_RENDERERS

LICENSE_FAILURE = EXAMPLES / "license-failure" / "osaid.yaml"


def test_a_conformant_report_without_warnings_is_two_lines() -> None:
    report = osaid.check(CONFORMANT, "osaid-1.0").model_copy(update={"warnings": []})
    lines = RENDERERS["text"]([report], False).splitlines()
    assert len(lines) == 2
    assert "CONFORMANT" in lines[0]
    assert lines[1].startswith("17 passed, 0 failing, 2 recommended not met, 9 not applicable")


def test_failures_and_warnings_first_and_no_pass_line() -> None:
    report = osaid.check(LICENSE_FAILURE, "osaid-1.0")
    text = RENDERERS["text"]([report], False)
    assert "PASS" not in text
    assert text.count("  FAIL    ") == len(report.failing())
    assert text.index("Warnings:") > text.index("  FAIL    ")
    assert text.splitlines()[-1].startswith("14 passed, 2 failing")


def test_each_reason_is_said_once() -> None:
    report = osaid.check(LICENSE_FAILURE, "osaid-1.0")
    text = RENDERERS["text"]([report], False)
    reason = "Creative Commons Attribution Non Commercial 4.0 International does not grant"
    assert text.count(reason) == 1
    assert "would pass: Apache-2.0, MIT" not in text  # the fix already names them


def test_verbose_lists_every_requirement_without_repeating_titles() -> None:
    report = osaid.check(LICENSE_FAILURE, "osaid-1.0")
    text = VERBOSE_RENDERERS["text"]([report], False)
    marks = ("  PASS    ", "  FAIL    ", "  MISSING ", "  N/A     ")
    assert sum(line.startswith(marks) for line in text.splitlines()) == len(report.results)
    assert "  PASS    Description covers scope\n" in text
    assert "the description covers scope" not in text
