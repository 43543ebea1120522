"""Adopting osaid in a team's CI: warning codes and levels, configuration, waivers, baselines.

Each behaviour is exercised end to end through the command line, on a repository laid out in
a temporary directory (``.git`` marks its root, so the configuration search stops there).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

import osaid
from conftest import CONFORMANT, DATA, EXAMPLES, ROOT, CliRunner
from osaid._warnings import CODES
from osaid.config import find_config
from osaid.report import Report

WEIGHTS = "osaid-1.0/parameters/final"


def repository(root: Path, weights: str = "Apache-2.0") -> Path:
    """The conformant example as a repository (its documents exist), weights under ``weights``."""
    data = yaml.safe_load(CONFORMANT.read_text(encoding="utf-8"))
    for component in data["components"]:
        if component["kind"] == "model-parameters-final":
            component["license"] = weights
    (root / ".git").mkdir(parents=True)
    (root / "docs").mkdir()
    (root / "docs" / "DATASHEET.md").write_text("# Training data\n", encoding="utf-8")
    (root / "docs" / "data-sources.md").write_text("# Sources\n", encoding="utf-8")
    (root / "osaid.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return root


def waiver(expires: str | None = None, requirement: str = WEIGHTS, **extra: str) -> str:
    lines = ["[[waivers]]", f'requirement = "{requirement}"', 'reason = "relicensing approved"']
    lines += [f"expires = {expires}"] if expires else []
    lines += [f'{key} = "{value}"' for key, value in extra.items()]
    return "\n".join(lines) + "\n"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = repository(tmp_path / "repo")
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def failing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = repository(tmp_path / "repo", weights="CC-BY-NC-4.0")
    monkeypatch.chdir(root)
    return root


def _sarif_validator() -> jsonschema.Draft4Validator:
    schema = json.loads((DATA / "schemas" / "sarif-schema-2.1.0.json").read_text("utf-8"))
    return jsonschema.Draft4Validator(schema)


def _json(out: str) -> Any:
    found = json.loads(out)
    assert isinstance(found, dict)
    return found


# -- warning codes and levels ------------------------------------------------------------


class TestWarningCodes:
    def test_a_conformant_repository_passes_strict(self, repo: Path, run_cli: CliRunner) -> None:
        """The directory check's notes (merged sources, open-terms policy) are `info`."""
        report = osaid.check(repo)
        assert report.conformant
        assert {w.code for w in report.warnings} == {"directory-sources", "open-terms-policy"}
        assert {w.level for w in report.warnings} == {"info"}
        assert run_cli("check", "--strict", ".").code == 0
        sarif = json.loads(run_cli("check", "--strict", "--format", "sarif", ".").out)
        assert {r["level"] for r in sarif["runs"][0]["results"]} <= {"note"}

    def test_every_code_raised_in_the_source_is_in_the_table(self) -> None:
        """Codes written as literals where warnings are raised are all listed, with a level."""
        pattern = re.compile(
            r"(?:code=|\.warn\(\s*|\(\s*)\"([a-z0-9]+(?:-[a-z0-9]+)+)\",?\s*(?:\n\s*)?f?\""
        )
        literal = re.compile(r"code=\"([a-z0-9-]+)\"|\.warn\(\s*\"([a-z0-9-]+)\"")
        found: set[str] = set()
        for path in (ROOT / "src" / "osaid").rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            found.update(a or b for a, b in literal.findall(text))
        directory = (ROOT / "src" / "osaid" / "readers" / "_directory.py").read_text("utf-8")
        found.update(m for m in pattern.findall(directory) if m.startswith("directory-"))
        assert {"directory-limit", "directory-sources", "card-inferred"} <= found | set(CODES)
        assert found - set(CODES) == set()
        assert {c.level for c in CODES.values()} == {"info", "warning"}

    def test_additional_terms_that_only_warn_have_codes(self) -> None:
        """A kind of additional terms that does not restrict is raised under its own id."""
        import tomli

        data = tomli.loads((ROOT / "licenses" / "additional-terms.toml").read_text("utf-8"))
        warned = {kind["id"] for kind in data["kind"] if not kind["restricts"]}
        assert warned <= set(CODES)

    def test_every_warning_of_the_examples_and_test_data_has_a_listed_code(self) -> None:
        paths = [*EXAMPLES.glob("*/osaid.yaml"), *sorted((DATA / "mot" / "models").glob("*"))[:20]]
        for path in paths:
            for warning in osaid.check(path).warnings:
                assert warning.code in CODES, (path, warning.code)
                assert warning.level == CODES[warning.code].level

    def test_readme_lists_every_code_with_its_level(self) -> None:
        readme = (ROOT / "README.md").read_text(encoding="utf-8")
        for code in CODES.values():
            assert f"| `{code.code}` | {code.level} |" in readme, code.code

    def test_explain_shows_a_code_and_lists_them_all(self, run_cli: CliRunner) -> None:
        one = run_cli("explain", "open-terms-policy")
        assert one.code == 0
        assert one.out.split()[:2] == ["open-terms-policy", "info"]
        listed = run_cli("explain", "--warnings", "--format", "json")
        assert [row["code"] for row in json.loads(listed.out)] == list(CODES)
        typo = run_cli("explain", "card-infered")
        assert typo.code == 2
        assert "did you mean 'card-inferred'?" in typo.err

    @pytest.mark.usefixtures("repo")
    def test_ignore_silences_a_code_and_refuses_an_unknown_one(self, run_cli: CliRunner) -> None:
        report = _json(
            run_cli("check", "--format", "json", "--ignore", "directory-sources", ".").out
        )
        assert [w["code"] for w in report["warnings"]] == ["open-terms-policy"]
        wrong = run_cli("check", "--ignore", "directory-sorces", ".")
        assert wrong.code == 2
        assert (
            "'directory-sorces' is not a warning code; did you mean 'directory-sources'?"
            in wrong.err
        )
        assert wrong.out == ""


# -- configuration -------------------------------------------------------------------------


class TestConfiguration:
    def test_found_from_the_checked_path_upwards_and_not_past_the_repository(
        self, tmp_path: Path
    ) -> None:
        outer = tmp_path / "outer"
        root = outer / "repo"
        (root / "models" / "small").mkdir(parents=True)
        (outer / ".osaid.toml").write_text('definition = "osaid-0.0.9"\n', encoding="utf-8")
        assert find_config(root / "models" / "small") == outer / ".osaid.toml"
        (root / ".git").mkdir()
        assert find_config(root / "models" / "small") is None  # stops at the repository root
        (root / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
        assert find_config(root / "models" / "small") is None  # no [tool.osaid]: passed over
        (root / "pyproject.toml").write_text("[tool.osaid]\nstrict = true\n", encoding="utf-8")
        assert find_config(root / "models" / "small") == root / "pyproject.toml"
        (root / "models" / ".osaid.toml").write_text("strict = true\n", encoding="utf-8")
        assert find_config(root / "models" / "small") == root / "models" / ".osaid.toml"
        (root / ".osaid.toml").write_text("strict = true\n", encoding="utf-8")
        assert find_config(root) == root / ".osaid.toml"  # before pyproject.toml

    def test_pins_definition_and_policy_and_the_command_line_overrides(
        self, repo: Path, run_cli: CliRunner
    ) -> None:
        (repo / "pyproject.toml").write_text(
            '[tool.osaid]\ndefinition = "osaid-0.0.9"\nderivatives = "delta-only"\n'
            'format = "json"\n',
            encoding="utf-8",
        )
        report = _json(run_cli("check", ".").out)
        assert report["definition"] == "osaid-0.0.9"
        assert report["policy"]["derivatives"] == "delta-only"
        assert report["configuration"] == "pyproject.toml"
        given = _json(
            run_cli("check", "--definition", "osaid-1.0", "--derivatives", "recursive", ".").out
        )
        assert given["definition"] == "osaid-1.0"
        assert given["policy"]["derivatives"] == "recursive"
        plain = run_cli("check", "--no-config", ".")
        assert plain.out.startswith(".: Open Example LM")  # text: the file's format unused
        assert "osaid-1.0" in plain.out.splitlines()[0]

    @pytest.mark.usefixtures("repo")
    def test_config_option_reads_a_named_file(self, tmp_path: Path, run_cli: CliRunner) -> None:
        elsewhere = tmp_path / "team.toml"
        elsewhere.write_text('definition = "osaid-0.0.9"\nformat = "json"\n', encoding="utf-8")
        report = _json(run_cli("check", "--config", elsewhere, ".").out)
        assert report["definition"] == "osaid-0.0.9"
        assert report["configuration"] == str(elsewhere)

    def test_unknown_keys_name_file_key_line_and_a_close_match(
        self, repo: Path, run_cli: CliRunner
    ) -> None:
        (repo / "pyproject.toml").write_text(
            '[project]\nname = "x"\n\n[tool.osaid]\nstrcit = true\n\n[[tool.osaid.waivers]]\n'
            f'requirement = "{WEIGHTS}"\nreasn = "x"\n',
            encoding="utf-8",
        )
        result = run_cli("check", ".")
        assert result.code == 2
        assert result.out == ""
        assert (
            "pyproject.toml:5: tool.osaid.strcit: unknown key; did you mean 'strict'?" in result.err
        )
        assert (
            "pyproject.toml:9: tool.osaid.waivers[0].reasn: unknown key; did you mean 'reason'?"
            in result.err
        )
        assert (
            "pyproject.toml:7: tool.osaid.waivers[0].reason: required key is missing" in result.err
        )

    def test_bad_values_are_located(self, repo: Path, run_cli: CliRunner) -> None:
        (repo / ".osaid.toml").write_text(
            'strict = "yes"\n\nformat = "sarf"\nderivatives = "delta"\n', encoding="utf-8"
        )
        result = run_cli("check", ".")
        assert result.code == 2
        assert ".osaid.toml:1: strict: must be true or false" in result.err
        assert ".osaid.toml:4: derivatives:" in result.err
        (repo / ".osaid.toml").write_text('format = "sarf"\n', encoding="utf-8")
        result = run_cli("check", ".")
        assert result.code == 2
        assert (
            ".osaid.toml:1: format: 'sarf' is not an output format; did you mean 'sarif'?"
            in result.err
        )
        (repo / ".osaid.toml").write_text('ignore = ["card-infered"]\n', encoding="utf-8")
        result = run_cli("check", ".")
        assert result.code == 2
        assert ".osaid.toml:1: ignore: 'card-infered' is not a warning code" in result.err
        (repo / ".osaid.toml").write_text("strict = [\n", encoding="utf-8")
        result = run_cli("check", ".")
        assert result.code == 2
        assert "invalid TOML" in result.err

    def test_extra_open_terms_add_to_osaids_list(
        self, tmp_path: Path, run_cli: CliRunner, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        root = repository(tmp_path / "repo", weights="WTFPL")
        monkeypatch.chdir(root)
        assert run_cli("check", ".").code == 1
        (root / ".osaid.toml").write_text('extra_open_terms = ["WTFPL"]\n', encoding="utf-8")
        report = _json(run_cli("check", "--format", "json", ".").out)
        assert report["verdict"] == "conformant"
        assert report["policy"]["extra_open_terms"] == ["WTFPL"]
        # osaid's own list still applies: the CC-BY-4.0 documents pass as before
        statuses = {r["requirement"]: r["status"] for r in report["results"]}
        assert statuses["osaid-1.0/data-information/description"] == "pass"


# -- waivers -------------------------------------------------------------------------------


class TestWaivers:
    def test_a_waived_failure_exits_0_and_stays_not_conformant(
        self, failing: Path, run_cli: CliRunner
    ) -> None:
        assert run_cli("check", ".").code == 1
        (failing / ".osaid.toml").write_text(waiver("2999-12-31"), encoding="utf-8")
        result = run_cli("check", "--format", "json", ".")
        assert result.code == 0, result.err
        report = _json(result.out)
        assert report["verdict"] == "not-conformant"
        weights = next(r for r in report["results"] if r["requirement"] == WEIGHTS)
        assert weights["status"] == "fail"
        assert weights["waived"] is True
        assert weights["waivers"] == [
            {
                "requirement": WEIGHTS,
                "component": None,
                "reason": "relicensing approved",
                "expires": "2999-12-31",
                "expired": False,
            }
        ]

    def test_waivers_apply_in_worker_processes_too(self, failing: Path, run_cli: CliRunner) -> None:
        """``--jobs 2`` accepts the same failures, with the same output, as one process."""
        (failing / ".osaid.toml").write_text(waiver("2999-12-31"), encoding="utf-8")
        one = run_cli("check", "--format", "json", ".", "osaid.yaml")
        two = run_cli("check", "--jobs", "2", "--format", "json", ".", "osaid.yaml")
        assert (two.code, two.out) == (one.code, one.out)
        assert one.code == 0, one.err
        assert [r["verdict"] for r in json.loads(two.out)] == ["not-conformant"] * 2

    def test_the_waiver_shows_in_every_format(self, failing: Path, run_cli: CliRunner) -> None:
        (failing / ".osaid.toml").write_text(waiver(), encoding="utf-8")
        text = run_cli("check", ".")
        assert "NOT CONFORMANT" in text.out
        assert "waived: relicensing approved" in text.out
        hook = run_cli("check", "--format", "hook", ".")
        assert "is NOT conformant" in hook.out
        assert "waived: relicensing approved" in hook.out
        markdown = run_cli("check", "--format", "markdown", ".")
        assert "waived: relicensing approved" in markdown.out
        assert "still not conformant" in markdown.out
        junit = ET.fromstring(run_cli("check", "--format", "junit", ".").out)  # noqa: S314 - our own output
        failure = junit.find(f".//testcase[@name='{WEIGHTS}']/failure")
        assert failure is not None
        assert "waived: relicensing approved" in failure.get("message", "")
        sarif = json.loads(run_cli("check", "--format", "sarif", ".").out)
        _sarif_validator().validate(sarif)
        report = _json(run_cli("check", "--format", "json", ".").out)
        jsonschema.validate(report, Report.model_json_schema(by_alias=True))
        result = next(r for r in sarif["runs"][0]["results"] if r["ruleId"] == WEIGHTS)
        assert result["level"] == "error"
        assert result["suppressions"] == [
            {"kind": "external", "status": "accepted", "justification": "relicensing approved"}
        ]
        for fmt in ("text", "hook", "markdown", "junit", "sarif", "json"):
            assert run_cli("check", "--format", fmt, ".").code == 0, fmt

    def test_an_expired_waiver_fails_with_its_date(self, failing: Path, run_cli: CliRunner) -> None:
        (failing / ".osaid.toml").write_text(waiver("2001-02-03"), encoding="utf-8")
        result = run_cli("check", "--format", "hook", ".")
        assert result.code == 1
        assert "waiver expired on 2001-02-03: relicensing approved" in result.out
        sarif = json.loads(run_cli("check", "--format", "sarif", ".").out)
        assert all("suppressions" not in r for r in sarif["runs"][0]["results"])

    def test_a_waiver_for_another_component_does_not_cover(
        self, failing: Path, run_cli: CliRunner
    ) -> None:
        (failing / ".osaid.toml").write_text(
            waiver(component="model-parameters-final"), encoding="utf-8"
        )
        assert run_cli("check", ".").code == 0
        (failing / ".osaid.toml").write_text(waiver(component="tokenizer"), encoding="utf-8")
        result = run_cli("check", "--format", "json", ".")
        assert result.code == 1
        messages = [w["message"] for w in _json(result.out)["warnings"]]
        assert any("matches nothing" in m and "(tokenizer)" in m for m in messages)

    def test_a_waiver_that_matches_nothing_is_a_warning(
        self, repo: Path, run_cli: CliRunner
    ) -> None:
        (repo / ".osaid.toml").write_text(
            waiver(requirement="osaid-1.0/parameters/finall"), encoding="utf-8"
        )
        result = run_cli("check", "--format", "json", ".")
        assert result.code == 0
        unused = [w for w in _json(result.out)["warnings"] if w["code"] == "unused-waiver"]
        assert len(unused) == 1
        assert "did you mean 'osaid-1.0/parameters/final'?" in unused[0]["message"]
        assert unused[0]["level"] == "warning"
        assert run_cli("check", "--strict", ".").code == 1


# -- baselines -----------------------------------------------------------------------------


class TestBaselines:
    def test_a_baseline_blocks_only_a_new_finding(self, failing: Path, run_cli: CliRunner) -> None:
        written = run_cli("check", "--write-baseline", "osaid-baseline.json", ".")
        assert written.code == 0, written.err
        baseline = json.loads((failing / "osaid-baseline.json").read_text(encoding="utf-8"))
        assert [f["requirement"] for f in baseline["findings"]] == [WEIGHTS]
        assert all("line" not in f for f in baseline["findings"])
        known = run_cli("check", "--baseline", "osaid-baseline.json", "--format", "sarif", ".")
        assert known.code == 0
        _sarif_validator().validate(json.loads(known.out))
        states = {
            r["ruleId"]: r.get("baselineState") for r in json.loads(known.out)["runs"][0]["results"]
        }
        assert states[WEIGHTS] == "unchanged"
        # moving the failing component down the file changes its line, not its fingerprint
        manifest = yaml.safe_load((failing / "osaid.yaml").read_text(encoding="utf-8"))
        manifest["components"].reverse()
        (failing / "osaid.yaml").write_text(yaml.safe_dump(manifest), encoding="utf-8")
        assert run_cli("check", "--baseline", "osaid-baseline.json", ".").code == 0
        # a new failure: the datasheet becomes non-commercial
        for component in manifest["components"]:
            if component["kind"] == "data-description":
                component["license"] = "CC-BY-NC-4.0"
        (failing / "osaid.yaml").write_text(yaml.safe_dump(manifest), encoding="utf-8")
        new = run_cli("check", "--baseline", "osaid-baseline.json", "--format", "json", ".")
        assert new.code == 1
        states = {r["requirement"]: r["baseline"] for r in _json(new.out)["results"]}
        assert states[WEIGHTS] == "unchanged"
        assert states["osaid-1.0/data-information/description"] == "new"
        hook = run_cli("check", "--baseline", "osaid-baseline.json", "--format", "hook", ".")
        assert "new: not in the baseline" in hook.out
        assert "in the baseline: a known finding" in hook.out

    def test_a_baseline_from_the_configuration(self, failing: Path, run_cli: CliRunner) -> None:
        (failing / "ci").mkdir()
        assert run_cli("check", "--write-baseline", "ci/baseline.json", ".").code == 0
        (failing / ".osaid.toml").write_text('baseline = "ci/baseline.json"\n', encoding="utf-8")
        result = run_cli("check", "--format", "junit", ".")
        assert result.code == 0
        assert 'name="baseline" value="ci/baseline.json"' in result.out

    def test_an_unreadable_baseline_is_exit_2(self, failing: Path, run_cli: CliRunner) -> None:
        (failing / "b.json").write_text('{"findings": []}', encoding="utf-8")
        result = run_cli("check", "--baseline", "b.json", ".")
        assert result.code == 2
        assert "b.json: is not an osaid baseline" in result.err
        missing = run_cli("check", "--baseline", "nothing.json", ".")
        assert missing.code == 2
        assert "nothing.json" in missing.err

    def test_write_baseline_never_replaces_an_input(
        self, failing: Path, run_cli: CliRunner
    ) -> None:
        before = (failing / "osaid.yaml").read_bytes()
        result = run_cli("check", "--write-baseline", "osaid.yaml", "osaid.yaml")
        assert result.code == 2
        assert "is one of the inputs" in result.err
        assert (failing / "osaid.yaml").read_bytes() == before
        (failing / "link.json").symlink_to("osaid.yaml")
        assert run_cli("check", "--write-baseline", "link.json", ".").code == 2
        assert (failing / "osaid.yaml").read_bytes() == before


@pytest.mark.usefixtures("repo")
def test_a_configuration_for_both_kinds_of_definition(run_cli: CliRunner) -> None:
    """`grading` in the configuration is for graded runs: a binary check is not refused for it
    (the command-line `--policy` still is), and a graded run uses it."""
    Path(".osaid.toml").write_text('grading = "mot-compat"\n', encoding="utf-8")
    assert run_cli("check", ".").code == 0
    assert run_cli("check", "--policy", "mot-compat", ".").code == 2
    graded = run_cli("check", "--definition", "mof-1.0", "--format", "json", ".")
    assert '"mot-compat"' in graded.out


def test_no_baseline_is_written_when_an_input_cannot_be_read(
    failing: Path, run_cli: CliRunner
) -> None:
    (failing / "broken.yaml").write_text("components: [\n", encoding="utf-8")
    result = run_cli("check", "--write-baseline", "b.json", ".", "broken.yaml")
    assert result.code == 2
    assert "b.json not written: not every input could be checked" in result.err
    assert not (failing / "b.json").exists()
