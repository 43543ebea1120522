"""The command-line contract that users' scripts rely on: exit codes, stderr lines, JSON shape."""

from __future__ import annotations

import gc
import io
import json
import weakref
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

import osaid
import osaid.cli
from conftest import (
    CONFORMANT,
    EXAMPLES,
    NOT_CONFORMANT_EXAMPLES,
    CliResult,
    CliRunner,
    Writer,
)

MANIFEST_HEAD = "manifest: osaid/1\nname: Test release\n"

# name -> (file name, content); each one is an input `osaid check` must refuse with exit code 2.
BAD_INPUTS: dict[str, tuple[str, str | bytes]] = {
    "invalid-yaml": ("broken.yaml", MANIFEST_HEAD + "components: [\n  - kind: training-code\n"),
    "top-level-list": ("list.yaml", "- manifest: osaid/1\n- name: x\n"),
    "unknown-key": (
        "unknown-key.yaml",
        MANIFEST_HEAD + "components:\n  - kind: training-code\n    licence: MIT\n",
    ),
    "unknown-kind": ("unknown-kind.yaml", MANIFEST_HEAD + "components:\n  - kind: trainig-code\n"),
    "binary": ("weights.bin", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
    "not-utf8": ("latin1.yaml", "manifest: osaid/1\nname: café\n".encode("latin-1")),
    "duplicate-key": ("dup.yaml", MANIFEST_HEAD + "name: Again\n"),
    "version-float": ("float.yaml", MANIFEST_HEAD + "version: 1.0\n"),
    "empty": ("empty.yaml", ""),
}


def assert_one_error_line(result: CliResult, *fragments: str) -> str:
    """Exit 2, exactly one stderr line starting 'osaid:' with every fragment, no traceback."""
    assert result.code == 2, result
    assert "Traceback" not in result.out + result.err
    assert len(result.err_lines) == 1, result.err
    line = result.err_lines[0]
    assert line.startswith("osaid:"), line
    for fragment in fragments:
        assert fragment in line, (fragment, line)
    return line


def json_out(result: CliResult) -> Any:
    """Parse stdout as JSON."""
    return json.loads(result.out)


# ------------------------------------------------------------------------------------------
# osaid check: exit codes


def test_conformant_example_exits_0(run_cli: CliRunner) -> None:
    """`osaid check` exits 0 on the conformant example and says CONFORMANT."""
    result = run_cli("check", CONFORMANT)
    assert result.code == 0, result
    assert "CONFORMANT" in result.out
    assert result.err == ""


@pytest.mark.parametrize("path", NOT_CONFORMANT_EXAMPLES, ids=lambda p: p.parent.name)
def test_other_examples_exit_1(run_cli: CliRunner, path: Path) -> None:
    """`osaid check` exits 1 on every example that is not conformant, with nothing on stderr."""
    result = run_cli("check", path)
    assert result.code == 1, result
    assert "NOT CONFORMANT" in result.out
    assert result.err == ""


def test_examples_are_the_expected_set() -> None:
    """The examples directory holds the conformant example and at least three failing ones."""
    assert CONFORMANT.is_file()
    names = {p.parent.name for p in NOT_CONFORMANT_EXAMPLES}
    assert {"hosted-fine-tune", "license-failure", "missing-components"} <= names


def test_missing_file_exits_2(run_cli: CliRunner, tmp_path: Path) -> None:
    """A path that does not exist is one located error line and exit 2."""
    missing = tmp_path / "nope.yaml"
    assert_one_error_line(run_cli("check", missing), str(missing), "no such file")


def test_directory_exits_2(run_cli: CliRunner, tmp_path: Path) -> None:
    """A directory given as PATH is refused with exit 2."""
    assert_one_error_line(run_cli("check", tmp_path), str(tmp_path), "no release description found")


def test_invalid_yaml_names_file_and_line(run_cli: CliRunner, write: Writer) -> None:
    """Invalid YAML is reported with the file name and a line number."""
    path = write(*BAD_INPUTS["invalid-yaml"])
    line = assert_one_error_line(run_cli("check", path), "invalid YAML")
    assert line.startswith(f"osaid: {path}:")
    assert line.split(":")[2].strip().isdigit(), line


def test_top_level_list_exits_2(run_cli: CliRunner, write: Writer) -> None:
    """A YAML list at the top level is refused and the message says a mapping was expected."""
    path = write(*BAD_INPUTS["top-level-list"])
    assert_one_error_line(run_cli("check", path), str(path), "mapping", "list")


def test_unknown_key_names_key_line_and_suggestion(run_cli: CliRunner, write: Writer) -> None:
    """An unknown key is reported by key path and line, with a did-you-mean for a near miss."""
    path = write(*BAD_INPUTS["unknown-key"])
    line = assert_one_error_line(run_cli("check", path), f"{path}:5:", "components[0].licence")
    assert "did you mean 'license'" in line


def test_unknown_component_kind_exits_2(run_cli: CliRunner, write: Writer) -> None:
    """An unknown component kind is refused, located, with a did-you-mean."""
    path = write(*BAD_INPUTS["unknown-kind"])
    line = assert_one_error_line(run_cli("check", path), f"{path}:4:", "components[0].kind")
    assert "did you mean 'training-code'" in line


def test_binary_file_exits_2(run_cli: CliRunner, write: Writer) -> None:
    """A binary file is refused as binary content."""
    path = write(*BAD_INPUTS["binary"])
    assert_one_error_line(run_cli("check", path), str(path), "binary")


def test_non_utf8_names_byte_offset(run_cli: CliRunner, write: Writer) -> None:
    """Non-UTF-8 bytes are refused and the message names the offset of the first bad byte."""
    name, content = BAD_INPUTS["not-utf8"]
    assert isinstance(content, bytes)
    offset = content.index(b"\xe9")
    path = write(name, content)
    assert_one_error_line(run_cli("check", path), str(path), "UTF-8", f"offset {offset}")


def test_unknown_definition_exits_2(run_cli: CliRunner) -> None:
    """An unknown --definition is one error line with a did-you-mean, and exit 2."""
    result = run_cli("check", "--definition", "osaid-2.0", CONFORMANT)
    assert_one_error_line(result, "unknown definition 'osaid-2.0'", "did you mean 'osaid-1.0'")
    assert result.out == ""


def test_unknown_definition_message_has_no_input_placeholder(run_cli: CliRunner) -> None:
    """The unknown-definition message does not blame a placeholder '<input>'."""
    result = run_cli("check", "--definition", "osaid-2.0", CONFORMANT)
    assert "<input>" not in result.err


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_in_subprocess_has_no_traceback(
    run_process: CliRunner, write: Writer, case: str
) -> None:
    """As a real process, every refused input gives exit 2, one 'osaid:' line, no traceback."""
    path = write(*BAD_INPUTS[case])
    line = assert_one_error_line(run_process("check", path))
    assert path.name in line


def test_missing_file_and_directory_in_subprocess(run_process: CliRunner, tmp_path: Path) -> None:
    """As a real process, a missing file and a directory are both clean exit-2 errors."""
    assert_one_error_line(run_process("check", tmp_path / "missing.yaml"), "no such file")
    assert_one_error_line(run_process("check", tmp_path), "no release description found")


def test_unknown_definition_in_subprocess(run_process: CliRunner) -> None:
    """As a real process, an unknown definition is a clean exit-2 error."""
    assert_one_error_line(run_process("check", "--definition", "nope", CONFORMANT), "nope")


def test_subprocess_success_paths(run_process: CliRunner) -> None:
    """As a real process, a conformant input exits 0 and a failing one exits 1."""
    assert run_process("check", CONFORMANT).code == 0
    result = run_process("check", "--format", "json", *NOT_CONFORMANT_EXAMPLES)
    assert result.code == 1
    assert [r["verdict"] for r in json.loads(result.out)] == ["not-conformant"] * len(
        NOT_CONFORMANT_EXAMPLES
    )


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_huge_integer_is_a_clean_error(run_process: CliRunner, write: Writer, fmt: str) -> None:
    """An absurdly long integer literal is refused as input, not a traceback."""
    digits = "1" * 5000
    if fmt == "yaml":
        path = write("big.yaml", f"{MANIFEST_HEAD}version: {digits}\n")
    else:
        path = write("big.json", f'{{"manifest": "osaid/1", "name": "x", "version": {digits}}}')
    assert_one_error_line(run_process("check", path), path.name)


def test_lone_surrogate_in_json_is_not_a_traceback(run_process: CliRunner, write: Writer) -> None:
    """A JSON string holding a lone surrogate escape does not crash the text output."""
    path = write("surrogate.json", '{"manifest": "osaid/1", "name": "\\ud800"}')
    result = run_process("check", path)
    assert "Traceback" not in result.out + result.err
    assert result.code in (1, 2)


# ------------------------------------------------------------------------------------------
# osaid check: several paths, JSON


def test_several_paths_print_array_in_input_order(run_cli: CliRunner) -> None:
    """With several PATHs, --format json prints an array of reports in input order."""
    paths = [*NOT_CONFORMANT_EXAMPLES, CONFORMANT]
    result = run_cli("check", "--format", "json", *paths)
    assert result.code == 1
    payload = json_out(result)
    assert isinstance(payload, list)
    assert [r["input"] for r in payload] == [str(p) for p in paths]


def test_one_path_prints_one_object(run_cli: CliRunner) -> None:
    """With one PATH, --format json prints a single report object."""
    payload = json_out(run_cli("check", "--format", "json", CONFORMANT))
    assert isinstance(payload, dict)
    assert payload["verdict"] == "conformant"


def test_bad_path_among_good_ones_still_reports_good_ones(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    """A bad path among good ones: the good ones are reported, one error line, exit 2.

    The bad one is an error object in its place in the array (``verdict`` ``error``).
    """
    missing = tmp_path / "missing.yaml"
    paths = [CONFORMANT, missing, *NOT_CONFORMANT_EXAMPLES]
    result = run_cli("check", "--format", "json", *paths)
    assert_one_error_line(result, str(missing))
    payload = json_out(result)
    assert [r["input"] for r in payload] == [str(p) for p in paths]
    assert payload[1]["verdict"] == "error"
    assert [r["verdict"] != "error" for r in payload] == [True, False] + [True] * len(
        NOT_CONFORMANT_EXAMPLES
    )


def test_bad_path_among_good_ones_text(run_cli: CliRunner, tmp_path: Path) -> None:
    """In text format too, the good inputs are reported before exit 2."""
    missing = tmp_path / "missing.yaml"
    result = run_cli("check", CONFORMANT, missing)
    assert result.code == 2
    assert str(CONFORMANT) in result.out
    assert_one_error_line(result, str(missing))


def test_two_paths_one_bad_still_prints_an_array(run_cli: CliRunner, tmp_path: Path) -> None:
    """With two PATHs of which one is unreadable, the JSON output is still an array."""
    result = run_cli("check", "--format", "json", CONFORMANT, tmp_path / "missing.yaml")
    assert result.code == 2
    assert isinstance(json_out(result), list)


def test_json_contract_fields(run_cli: CliRunner) -> None:
    """The JSON report carries the documented contract fields."""
    report = json_out(run_cli("check", "--format", "json", EXAMPLES / "license-failure/osaid.yaml"))
    assert report["definition"] == "osaid-1.0"
    assert report["verdict"] == "not-conformant"
    assert report["tool_version"] == osaid.__version__
    assert report["definition_version"] == "1.0"
    assert report["spdx_license_list_version"]
    assert isinstance(report["warnings"], list)
    assert report["results"]
    for result in report["results"]:
        for field in ("requirement", "element", "status", "summary", "clause", "evidence"):
            assert field in result, field
        assert "remediation" in result
        assert result["status"] in {"pass", "fail", "missing", "not-applicable"}
        if result["status"] in {"fail", "missing"}:
            assert result["remediation"]
    for warning in report["warnings"]:
        assert warning["code"]
        assert warning["message"]


def test_json_report_matches_report_schema(run_cli: CliRunner) -> None:
    """Every JSON report validates against the schema printed by `osaid schema report`."""
    schema = json_out(run_cli("schema", "report"))
    validator = jsonschema.Draft202012Validator(schema)
    reports = json_out(run_cli("check", "--format", "json", CONFORMANT, *NOT_CONFORMANT_EXAMPLES))
    for report in reports:
        errors = [e.message for e in validator.iter_errors(report)]
        assert errors == []


def test_derivatives_delta_only(run_cli: CliRunner) -> None:
    """--derivatives delta-only makes the base-model requirements not applicable."""
    path = EXAMPLES / "hosted-fine-tune/osaid.yaml"
    recursive = json_out(run_cli("check", "--format", "json", path))
    delta = json_out(run_cli("check", "--format", "json", "--derivatives", "delta-only", path))
    assert recursive["policy"]["derivatives"] == "recursive"
    assert delta["policy"]["derivatives"] == "delta-only"

    def status(report: Any, requirement: str) -> str:
        return str(next(r["status"] for r in report["results"] if r["requirement"] == requirement))

    assert status(recursive, "osaid-1.0/derivation/base-code") == "missing"
    assert status(delta, "osaid-1.0/derivation/base-code") == "not-applicable"


# ------------------------------------------------------------------------------------------
# osaid check --strict


def test_conformant_example_has_a_warning() -> None:
    """The conformant example relies on the open-terms policy, which is reported as a warning."""
    report = osaid.check(CONFORMANT)
    assert report.conformant
    assert "open-terms-policy" in {w.code for w in report.warnings}


def test_strict_ignores_informational_notes(run_cli: CliRunner) -> None:
    """The conformant example's only warning is an `info` note (the open-terms policy), which
    is always present for it and so never fails --strict."""
    levels = {w.code: w.level for w in osaid.check(CONFORMANT).warnings}
    assert levels == {"open-terms-policy": "info"}
    assert run_cli("check", "--strict", CONFORMANT).code == 0


def test_strict_turns_warnings_into_exit_1(run_cli: CliRunner, write: Writer) -> None:
    """--strict exits 1 for a conformant input with a warning of level `warning` (a licence
    written with a lower-case operator), and --ignore of its code silences it."""
    text = CONFORMANT.read_text(encoding="utf-8").replace(
        "license: Apache-2.0", "license: Apache-2.0 or MIT", 1
    )
    path = write("lower-case.yaml", text)
    report = osaid.check(path)
    assert report.conformant
    assert ("license-normalized", "warning") in {(w.code, w.level) for w in report.warnings}
    assert run_cli("check", path).code == 0
    assert run_cli("check", "--strict", path).code == 1
    assert run_cli("check", "--strict", "--ignore", "license-normalized", path).code == 0
    assert run_cli("check", "--strict", "--no-strict", path).code == 0


def test_strict_without_warnings_exits_0(run_cli: CliRunner, write: Writer) -> None:
    """--strict still exits 0 for a conformant input without any warning."""
    text = CONFORMANT.read_text(encoding="utf-8").replace("CC-BY-4.0", "MIT")
    path = write("no-warnings.yaml", text)
    assert osaid.check(path).warnings == []
    assert run_cli("check", "--strict", path).code == 0


# ------------------------------------------------------------------------------------------
# osaid license


@pytest.mark.parametrize(
    ("expression", "element", "code"),
    [
        ("MIT", "code", 0),
        ("Apache-2.0 OR MIT", "code", 0),
        ("CC-BY-4.0", "parameters", 0),
        ("CC-BY-4.0", "data-information", 0),
        ("CC-BY-4.0", "code", 1),
        ("llama3.1", "parameters", 1),
        ("NONE", "code", 1),
        ("LicenseRef-mine", "parameters", 1),
    ],
)
def test_license_exit_codes(run_cli: CliRunner, expression: str, element: str, code: int) -> None:
    """`osaid license` exits 0 when acceptable for the element and 1 when not."""
    result = run_cli("license", expression, "--for", element)
    assert result.code == code, result
    assert result.err == ""
    verdict = "acceptable" if code == 0 else "NOT acceptable"
    assert f": {verdict} for {element}" in result.out


MALFORMED = ["MIT AND", "MIT, Apache-2.0", "(MIT", "(Apache-2.0) AND ()", "", "Apache-2.0 OR"]


@pytest.mark.parametrize("expression", MALFORMED)
def test_license_malformed_exits_2(run_cli: CliRunner, expression: str) -> None:
    """A malformed expression exits 2 with one 'osaid:' line saying it is malformed."""
    result = run_cli("license", expression, "--for", "code")
    assert_one_error_line(result, "malformed licence expression")


@pytest.mark.parametrize("expression", MALFORMED)
def test_license_malformed_json_exits_2(run_cli: CliRunner, expression: str) -> None:
    """With --format json a malformed expression still exits 2 and the JSON says malformed."""
    result = run_cli("license", expression, "--for", "code", "--format", "json")
    assert result.code == 2
    payload = json_out(result)
    assert payload["malformed"] is True
    assert payload["status"] == "fail"
    assert payload["normalized"] is None


@pytest.mark.parametrize(
    "args",
    [
        ("license", "MIT", "--for", "weights"),
        ("license", "MIT", "--for"),
        ("license", "--for", "code"),
    ],
    ids=["invalid-for", "empty-for", "missing-expression"],
)
def test_license_usage_errors_exit_2(run_cli: CliRunner, args: tuple[str, ...]) -> None:
    """A missing or invalid --for (or expression) is a usage error: one stderr line, exit 2."""
    result = run_cli(*args)
    assert result.code == 2
    assert len(result.err_lines) == 1, result.err
    assert result.err_lines[0].startswith("osaid")
    assert "Traceback" not in result.err


def test_license_usage_error_in_subprocess(run_process: CliRunner) -> None:
    """As a real process, an invalid --for is exit 2 with one line on stderr."""
    result = run_process("license", "MIT", "--for", "weights")
    assert result.code == 2
    assert len(result.err_lines) == 1
    assert "weights" in result.err


def test_license_json_fields(run_cli: CliRunner) -> None:
    """The licence JSON has expression, normalized, for, status, reasons and licenses."""
    result = run_cli("license", "mit or Apache-2.0", "--for", "code", "--format", "json")
    assert result.code == 0
    payload = json_out(result)
    assert payload["expression"] == "mit or Apache-2.0"
    assert payload["normalized"] == "MIT OR Apache-2.0"
    assert payload["for"] == "code"
    assert payload["status"] == "pass"
    assert payload["reasons"]
    assert [lic["id"] for lic in payload["licenses"]] == ["MIT", "Apache-2.0"]
    assert payload["spdx_license_list_version"]


def test_license_json_failure_names_clause(run_cli: CliRunner) -> None:
    """A catalogued licence fails in JSON with its failing clauses listed."""
    result = run_cli("license", "gemma", "--for", "parameters", "--format", "json")
    assert result.code == 1
    payload = json_out(result)
    assert payload["status"] == "fail"
    assert payload["licenses"][0]["fails"]
    assert payload["would_pass"]


def test_license_unknown_definition_exits_2(run_cli: CliRunner) -> None:
    """`osaid license --definition` with an unknown id is a clean exit-2 error."""
    result = run_cli("license", "MIT", "--for", "code", "--definition", "nope")
    assert_one_error_line(result, "unknown definition")


# ------------------------------------------------------------------------------------------
# osaid schema, --version, usage


def manifest_validator(run_cli: CliRunner) -> jsonschema.protocols.Validator:
    """The validator for the schema `osaid schema` prints."""
    result = run_cli("schema")
    assert result.code == 0
    schema = json_out(result)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*/osaid.yaml")), ids=lambda p: p.parent.name)
def test_schema_validates_examples(run_cli: CliRunner, path: Path) -> None:
    """The manifest JSON Schema accepts every shipped example."""
    validator = manifest_validator(run_cli)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert [e.message for e in validator.iter_errors(data)] == []


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d["components"][0].update(licence="MIT"),
        lambda d: d.update(colour="blue"),
        lambda d: d["components"][0].update(kind="trainig-code"),
        lambda d: d.update(version=1.0),
        lambda d: d.pop("manifest"),
    ],
    ids=["unknown-component-key", "unknown-top-key", "unknown-kind", "float-version", "no-marker"],
)
def test_schema_rejects_invalid_manifests(run_cli: CliRunner, mutate: Any) -> None:
    """The manifest JSON Schema rejects what the reader rejects (unknown keys, bad kinds...)."""
    validator = manifest_validator(run_cli)
    data = yaml.safe_load(CONFORMANT.read_text(encoding="utf-8"))
    mutate(data)
    assert list(validator.iter_errors(data))


def test_version(run_cli: CliRunner) -> None:
    """`osaid --version` prints the package version and exits 0."""
    result = run_cli("--version")
    assert result.code == 0
    assert result.out.strip() == f"osaid {osaid.__version__}"


def test_no_command_is_usage_error(run_cli: CliRunner) -> None:
    """`osaid` without a command prints usage on stderr and exits 2."""
    result = run_cli()
    assert result.code == 2
    assert "usage" in result.err
    assert result.out == ""


def test_check_without_paths_is_usage_error(run_cli: CliRunner) -> None:
    """`osaid check` without a PATH is a usage error with exit 2."""
    result = run_cli("check")
    assert result.code == 2
    assert len(result.err_lines) == 1


def test_control_character_in_subprocess_is_not_a_traceback(
    run_process: CliRunner, write: Writer
) -> None:
    """As a real process, a YAML file with a control character is a clean exit-2 error."""
    path = write("ctl.yaml", "manifest: osaid/1\nname: x\x1f\n")
    assert_one_error_line(run_process("check", path), path.name)


def test_bad_timestamp_tag_in_subprocess_is_not_a_traceback(
    run_process: CliRunner, write: Writer
) -> None:
    """As a real process, a YAML value tagged !!timestamp that is no timestamp is a clean error."""
    path = write("ts.yaml", "manifest: osaid/1\nname: !!timestamp x\n")
    assert_one_error_line(run_process("check", path), path.name)


def test_malformed_license_json_still_reports_on_stderr(run_cli: CliRunner) -> None:
    """With --format json, a malformed expression still gets its one 'osaid:' line and exit 2."""
    result = run_cli("license", "(MIT", "--for", "code", "--format", "json")
    assert result.code == 2
    assert len(result.err_lines) == 1
    assert result.err_lines[0].startswith("osaid:")


class _Tty(io.StringIO):
    """A text stream that claims to be a terminal."""

    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_terminal_for_long_runs() -> None:
    """Many inputs show a progress counter on a terminal's stderr, and none otherwise."""
    paths = [str(CONFORMANT)] * 20
    tty_err, plain_err = _Tty(), io.StringIO()
    assert osaid.cli.run(["check", *paths], io.StringIO(), tty_err) == 0
    assert "checking 20/20" in tty_err.getvalue()
    assert osaid.cli.run(["check", *paths], io.StringIO(), plain_err) == 0
    assert plain_err.getvalue() == ""


def test_error_lines_escape_what_came_from_the_input(run_cli: CliRunner, write: Writer) -> None:
    """A key, a licence or an option value from the input cannot drive the terminal on stderr.

    A newline, record separator or line separator in a key would otherwise even split the one
    error line in two (found by the command-line property tests).
    """
    body = '{"manifest": "osaid/1", "name": "x", "\\u001b[2J\\u2028\\u001e\\n": 1}'
    line = assert_one_error_line(run_cli("check", write("evil.json", body)), "unknown key")
    assert "\\u001b[2J\\u2028\\u001e\\u000a" in line
    line = assert_one_error_line(run_cli("license", "--for", "code", "MIT AND (\x1b[2J"))
    assert "\x1b" not in line
    result = run_cli("check", "--max-input-size", "\u202e5MiB", CONFORMANT)
    assert result.code == 2
    assert "\\u202e5MiB" in result.err
    assert "\u202e" not in result.err


def test_batch_leaves_the_garbage_collector_as_it_found_it() -> None:
    """A program running the command line in-process keeps its own collector settings.

    A batch freezes what exists before its loop and collects less often while it only
    accumulates reports; both are undone, even when an input fails.
    """
    threshold = gc.get_threshold()
    paths = [str(CONFORMANT), "does-not-exist.yaml", str(CONFORMANT)]
    assert osaid.cli.run(["check", *paths], io.StringIO(), io.StringIO()) == 2
    assert gc.get_threshold() == threshold
    assert gc.get_freeze_count() == 0


def test_text_summary_table_for_several_inputs(run_cli: CliRunner) -> None:
    """Several inputs end with a summary line per input naming its failing elements."""
    result = run_cli("check", CONFORMANT, EXAMPLES / "license-failure" / "osaid.yaml")
    summary = result.out.split("Summary:")[1]
    assert "Open Example LM — conformant" in summary
    assert "not conformant (failing: code, parameters)" in summary


# ------------------------------------------------------------------------------------------
# hostile paths on the command line (issue 10)


def _failing_manifest_at(root: Path, name: str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes((EXAMPLES / "license-failure" / "osaid.yaml").read_bytes())
    return path


@pytest.mark.parametrize("name", ["-obad/osaid.yaml", "-ox/osaid.yaml"])
def test_a_file_named_like_an_option_is_checked_after_dashes(
    run_cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """pre-commit appends file names after the hook's args, which end with `--`: a manifest
    at `-obad/osaid.yaml` is checked (exit 1), not read as `-o bad/osaid.yaml` (which skipped
    the check and wrote the report there; `-ox` with `x -> ../outside` wrote outside)."""
    root = tmp_path / "repo"
    (tmp_path / "outside").mkdir()
    _failing_manifest_at(root, name)
    (root / "x").symlink_to("../outside")
    monkeypatch.chdir(root)
    result = run_cli("check", "--format", "hook", "--", name)
    assert result.code == 1, result
    assert f"{name}: Restricted Example LM is NOT conformant" in result.out
    assert not (root / "bad").exists()
    assert list((tmp_path / "outside").iterdir()) == []


def test_a_5000_character_path_is_one_line(run_cli: CliRunner, run_process: CliRunner) -> None:
    """An overlong path used to escape as OSError: File name too long (a traceback)."""
    for run in (run_cli, run_process):
        line = assert_one_error_line(run("check", "x" * 5000))
        assert "too long" in line.lower()


def test_an_empty_path_is_an_error_not_the_working_directory(run_cli: CliRunner) -> None:
    """`osaid check ""` used to check the working directory."""
    assert_one_error_line(run_cli("check", ""), "path is empty")


def test_an_absurd_input_limit_is_a_usage_error(run_cli: CliRunner) -> None:
    for value in ("99999999999GiB", "1" * 5000):
        result = run_cli("check", "--max-input-size", value, CONFORMANT)
        assert result.code == 2
        assert len(result.err_lines) == 1
        assert "Traceback" not in result.err


def test_progress_line_escapes_path_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An OSC title sequence in a file name reached the terminal through the progress line."""
    hostile = "\x1b]0;pwned\x07\x1b[2J"
    monkeypatch.chdir(tmp_path)
    paths = []
    for index in range(20):
        Path(f"{hostile}{index}.yaml").write_bytes(CONFORMANT.read_bytes())
        paths.append(f"{hostile}{index}.yaml")
    err = _Tty()
    assert osaid.cli.run(["check", "--format", "hook", *paths], io.StringIO(), err) == 0
    shown = err.getvalue()
    assert "checking 20/20" in shown
    assert "\x1b" not in shown
    assert "\x07" not in shown
    assert "\\u001b]0;pwned\\u0007" in shown


def test_reports_are_released_as_soon_as_they_are_written(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A batch keeps no report (10,000 inputs used to hold 1.5 GB): each is written, then freed."""
    real_check = osaid.check
    alive: list[weakref.ref[Any]] = []
    during: list[int] = []

    def check(*args: Any, **kwargs: Any) -> Any:
        during.append(sum(ref() is not None for ref in alive))
        report = real_check(*args, **kwargs)
        alive.append(weakref.ref(report))
        return report

    monkeypatch.setattr(osaid, "check", check)
    for fmt in ("text", "json", "hook"):
        alive.clear()
        during.clear()
        out = io.StringIO()
        assert (
            osaid.cli.run(["check", "--format", fmt, *[str(CONFORMANT)] * 5], out, io.StringIO())
            == 0
        )
        assert during == [0] * 5, fmt
        assert out.getvalue().count("Open Example LM") >= 5
