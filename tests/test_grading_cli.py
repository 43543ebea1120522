"""The command line routes graded definitions (MOF classes) to the grader."""

from __future__ import annotations

import json

from conftest import CONFORMANT, MOT_MODELS, CliRunner


def test_mof_grade_in_json_next_to_verdict(run_cli: CliRunner) -> None:
    """`check --definition mof-1.0 --policy mot-compat` prints grade next to verdict, exit 0."""
    result = run_cli(
        "check",
        MOT_MODELS / "Amber.yml",
        "--definition",
        "mof-1.0",
        "--policy",
        "mot-compat",
        "--format",
        "json",
    )
    assert result.code == 0
    report = json.loads(result.out)
    assert report["verdict"] == "conformant"
    assert report["grade"] == {
        "class": 1,
        "label": "Class I - Open Science Model",
        "progress": {"1": 100, "2": 100, "3": 100},
    }
    keys = list(report)
    assert keys.index("grade") == keys.index("verdict") + 1


def test_unclassified_release_exits_1(run_cli: CliRunner) -> None:
    """A release that reaches no MOF class is not conformant with mof-1.0 (exit 1)."""
    result = run_cli(
        "check", MOT_MODELS / "Aquila-7B.yml", "--definition", "mof", "--format", "json"
    )
    assert result.code == 1
    assert json.loads(result.out)["grade"]["class"] == 0


def test_policy_only_with_graded_definitions(run_cli: CliRunner) -> None:
    """--policy with an OSAID definition, or --compare with a graded one, is a usage error."""
    result = run_cli("check", CONFORMANT, "--policy", "mot-compat")
    assert result.code == 2
    assert "--policy applies only to graded definitions" in result.err
    result = run_cli("check", CONFORMANT, "--definition", "mof-1.0", "--compare", "osaid-1.0")
    assert result.code == 2


def test_graded_names_are_exported_lazily() -> None:
    """osaid.grade and friends are public but grading loads only when first used."""
    import subprocess
    import sys

    code = (
        "import sys, osaid; assert 'osaid.grading' not in sys.modules; "
        "osaid.grade; assert 'osaid.grading' in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_an_osaid_check_does_not_import_the_grader() -> None:
    """Checking against an OSAID definition never loads grading (it costs every commit hook)."""
    import subprocess
    import sys

    code = (
        "import io, sys, osaid.cli; "
        f"osaid.cli.run(['check', {str(CONFORMANT)!r}], io.StringIO(), io.StringIO()); "
        "assert 'osaid.grading' not in sys.modules, 'grading was imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_reading_a_mof_file_loads_the_catalogue_not_the_grader() -> None:
    """A MOF file needs the MOF component catalogue, not the grader, its MOT data or renderers.

    Importing the whole grader cost about 40 ms of every check of a MOF file.
    """
    import subprocess
    import sys

    mof = MOT_MODELS / "Amber.yml"
    code = (
        "import io, sys, osaid.cli; "
        f"osaid.cli.run(['check', {str(mof)!r}], io.StringIO(), io.StringIO()); "
        "assert 'osaid.grading._definition' in sys.modules; "
        "loaded = [m for m in ('osaid.grading._grade', 'osaid.grading._mot_data', "
        "'osaid.grading._render') if m in sys.modules]; "
        "assert not loaded, loaded"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
