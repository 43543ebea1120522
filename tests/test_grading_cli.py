"""The command line routes graded definitions (MOF classes) to the grader."""

from __future__ import annotations

import json

import osaid
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


_READS = """
import json, sys
from pathlib import Path
from osaid._files import recording_reads
import osaid
root = Path(sys.argv[1])
with recording_reads() as reads:
    osaid.check(sys.argv[2])
names = {}
for path in root.rglob("*"):
    if path.is_file():
        status = path.stat()
        names[(status.st_dev, status.st_ino)] = path.relative_to(root).as_posix()
print(json.dumps(sorted(names[r] for r in reads if r in names)))
"""


def _data_read(path: str) -> list[str]:
    """The shipped data files (licenses/, definitions/) a fresh process reads to check ``path``."""
    import subprocess
    import sys

    from osaid._resources import data_dir

    root = data_dir("licenses").parent
    done = subprocess.run(
        [sys.executable, "-c", _READS, str(root), path],
        check=True,
        capture_output=True,
        text=True,
    )
    read: list[str] = json.loads(done.stdout)
    return [name for name in read if name.startswith(("licenses/", "definitions/"))]


def test_the_grader_is_public_at_the_top_level() -> None:
    """osaid.grade grades a release without importing anything else first."""
    report = osaid.grade(MOT_MODELS / "Amber.yml", "mof-1.0", "mot-compat")
    assert report.summary()["class"] == 1


def test_an_osaid_check_reads_no_grading_data() -> None:
    """Checking against an OSAID definition never reads MOT's licence data (every hook pays it)."""
    read = _data_read(str(CONFORMANT))
    assert read, "the check read no shipped data at all"
    assert not [name for name in read if name.startswith("licenses/mot/")], read


def test_reading_a_mof_file_reads_the_catalogue_not_the_licence_data() -> None:
    """A MOF file needs the MOF component catalogue, not MOT's licence data (the grader's).

    Loading the whole grader cost about 40 ms of every check of a MOF file.
    """
    read = _data_read(str(MOT_MODELS / "Amber.yml"))
    assert [name for name in read if "mof-1.0" in name], read
    assert not [name for name in read if name.startswith("licenses/mot/")], read
