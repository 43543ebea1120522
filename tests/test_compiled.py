"""Compiled data: the shipped definitions and licence tables, built without validating again.

A compiled file is an optimisation only: these tests hold it to giving exactly what reading and
validating the sources gives, and to being ignored the moment its sources or models change.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import osaid
from conftest import EXAMPLES, MOT_MODELS, ROOT
from osaid.definition._compiled import COMPILED, Compiled
from osaid.definition._loader import load_directory
from osaid.licensing._data import load_license_data
from osaid.report import Report

DEFINITIONS = ROOT / "definitions"


def test_the_committed_compiled_files_are_current() -> None:
    """`tasks/compile_data.py --check` passes: the compiled files match their sources."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "tasks" / "compile_data.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_compiled_definitions_equal_the_validated_sources() -> None:
    """Every compiled definition, of both kinds, equals the one read and validated."""
    compiled = Compiled.load(DEFINITIONS)
    assert compiled is not None
    built = compiled.everything()
    assert built is not None
    read = load_directory([DEFINITIONS])
    # Where a definition was read from (and so whether it counts as shipped) depends on how
    # osaid is installed: the repository's definitions/ are the package's own only in an
    # editable install. The definitions themselves must be equal either way.
    where = {"path", "shipped"}
    assert [d.model_dump(exclude=where) for d in built] == [
        d.model_dump(exclude=where) for d in read
    ]
    assert all(d.shipped for d in built)
    assert {d.kind for d in built} == {"binary", "graded"}


def test_compiled_licence_tables_equal_the_validated_sources() -> None:
    """The licence data from the compiled tables equals the data read from the TOML files."""
    shipped = load_license_data()
    read = load_license_data(ROOT / "licenses", osaid.definition.element_names())
    assert shipped == read
    assert shipped.open_terms_policy == read.open_terms_policy  # kept from an open table


def test_a_changed_source_is_read_again(tmp_path: Path) -> None:
    """One byte of a definition changed: the compiled form is not used."""
    copy = tmp_path / "definitions"
    shutil.copytree(DEFINITIONS, copy)
    assert Compiled.load(copy) is not None
    target = copy / "osaid-1.0.toml"
    target.write_text(target.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert Compiled.load(copy) is None


def test_a_compiled_form_for_other_records_is_not_used(tmp_path: Path) -> None:
    """Made for record classes with other fields, a definition is read from its sources."""
    copy = tmp_path / "definitions"
    shutil.copytree(DEFINITIONS, copy)
    form = json.loads((copy / COMPILED).read_text(encoding="utf-8"))
    form["records"]["binary"] = "0" * 64
    (copy / COMPILED).write_text(json.dumps(form), encoding="utf-8")
    compiled = Compiled.load(copy)
    assert compiled is not None
    assert compiled.definition("osaid-1.0") is None
    assert compiled.definition("mof-1.0") is not None


def test_reports_built_without_validation_are_valid_reports() -> None:
    """Results and reports are assembled from typed values: validating them changes nothing."""
    for path in [*sorted(EXAMPLES.glob("*/osaid.yaml")), MOT_MODELS / "Amber.yml"]:
        report = osaid.check(path)
        assert Report.model_validate_json(report.model_dump_json()) == report
        assert Report.model_validate(report.model_dump()) == report
