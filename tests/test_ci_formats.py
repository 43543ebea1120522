"""``--format github`` (workflow-command annotations) and ``--format gitlab`` (Code Quality)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import osaid
from conftest import CONFORMANT, EXAMPLES, MOT_MODELS, CliRunner
from osaid._errors import InputError, Problem
from osaid.render import RENDERERS
from osaid.render._failure import InputFailure
from osaid.render._github import PER_KIND, data, prop
from osaid.render._gitlab import SEVERITIES

LICENSE_FAILURE = EXAMPLES / "license-failure" / "osaid.yaml"
COMMAND = re.compile(r"^::(error|warning|notice) (?:([^:]*))?::(.*)$")


def _annotations(text: str) -> list[tuple[str, dict[str, str], str]]:
    found = []
    for line in text.splitlines():
        match = COMMAND.match(line)
        if match:
            props = dict(p.split("=", 1) for p in (match.group(2) or "").split(",") if p)
            found.append((match.group(1), props, match.group(3)))
    return found


def test_escaping_follows_the_workflow_command_rules() -> None:
    assert data("50% done\nnext") == "50%25 done%0Anext"
    assert "\r" not in data("a\rb")  # a control character, escaped before the command rules
    assert prop("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    assert "\x1b" not in data("\x1b[31mred")


def test_a_hostile_value_cannot_start_a_command_or_a_property() -> None:
    problem = Problem("bad\n::error file=x::forged", file="a,b:c.yaml", key="k", line=2)
    text = RENDERERS["github"]([InputFailure.of("a,b:c.yaml", InputError(problem))], False)  # type: ignore[list-item]
    lines = text.splitlines()
    assert sum(line.startswith("::") for line in lines) == 1
    ((kind, props, message),) = _annotations(text)
    assert kind == "error"
    assert props["file"] == "a%2Cb%3Ac.yaml"
    assert "%0A::error" in message
    assert all(line.startswith(("::", "osaid: ")) for line in lines)


def test_annotations_are_capped_per_kind_with_a_notice_of_the_rest(run_cli: CliRunner) -> None:
    models = sorted(MOT_MODELS.glob("*.yml"))[:20]
    result = run_cli("check", "--format", "github", *models)
    annotations = _annotations(result.out)
    kinds = [kind for kind, _, _ in annotations]
    assert kinds.count("error") == PER_KIND
    assert kinds.count("warning") <= PER_KIND
    assert kinds.count("notice") <= PER_KIND
    # errors first, then warnings, then notices; the count of the rest is the last notice
    assert kinds == sorted(kinds, key=["error", "warning", "notice"].index)
    assert "more are not annotated" in annotations[-1][2]
    # every finding not annotated is still a log line
    report = [osaid.check(m, "osaid-1.0") for m in models]
    failing = sum(len(r.failing()) for r in report)
    assert result.out.count("osaid: error: ") == failing - PER_KIND


def test_each_failing_requirement_is_an_error_at_its_line(run_cli: CliRunner) -> None:
    result = run_cli("check", "--format", "github", LICENSE_FAILURE)
    assert result.code == 1
    report = osaid.check(LICENSE_FAILURE, "osaid-1.0")
    errors = [(p, m) for kind, p, m in _annotations(result.out) if kind == "error"]
    assert len(errors) == len(report.failing())
    for (props, message), failing in zip(errors, report.failing(), strict=True):
        ref = failing.evidence[0]
        assert props["file"] == prop(str(Path(ref.file).resolve().relative_to(Path.cwd())))
        assert props["line"] == str(ref.line)
        assert props["title"] == prop(f"osaid {failing.requirement}")
        assert "%0AFix: " in message


def test_gitlab_has_every_documented_field(run_cli: CliRunner) -> None:
    result = run_cli("check", "--format", "gitlab", LICENSE_FAILURE, CONFORMANT)
    assert result.code == 1
    issues = json.loads(result.out)
    assert isinstance(issues, list)
    assert issues
    fingerprints = set()
    for issue in issues:
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert isinstance(issue["description"], str)
        assert issue["description"]
        assert issue["severity"] in SEVERITIES
        assert re.fullmatch(r"[0-9a-f]{64}", issue["fingerprint"])
        fingerprints.add(issue["fingerprint"])
        location = issue["location"]
        assert not Path(location["path"]).is_absolute()
        assert isinstance(location["lines"]["begin"], int)
        assert location["lines"]["begin"] >= 1
    assert len(fingerprints) == len(issues)
    report = osaid.check(LICENSE_FAILURE, "osaid-1.0")
    critical = [i for i in issues if i["severity"] == "critical"]
    assert [i["check_name"] for i in critical] == [r.requirement for r in report.failing()]


def test_gitlab_reports_an_unreadable_input_as_a_blocker(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    broken = tmp_path / "osaid.yaml"
    broken.write_text("manifest: osaid/1\nname: x\nscope: sytem\n", "utf-8")
    result = run_cli("check", "--format", "gitlab", broken)
    assert result.code == 2
    (issue,) = json.loads(result.out)
    assert issue["severity"] == "blocker"
    assert issue["check_name"] == "osaid/input-error"
    assert issue["location"]["lines"]["begin"] == 3


def test_the_step_summary_is_appended_and_never_through_a_link(
    run_cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("before\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert run_cli("check", "--format", "github", LICENSE_FAILURE).code == 1
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("before\n## Restricted Example LM")
    # only --format github writes it
    assert run_cli("check", "--format", "text", LICENSE_FAILURE).code == 1
    assert summary.read_text(encoding="utf-8") == text
    outside = tmp_path / "outside.txt"
    link = tmp_path / "link.md"
    link.symlink_to(outside)
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(link))
    result = run_cli("check", "--format", "github", CONFORMANT)
    assert result.code == 2  # conformant, but the summary could not be written
    assert "symbolic link" in result.err
    assert not outside.exists()
