"""One loader and one selection for both kinds of definition (binary and graded)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import MOT_MODELS, ROOT, CliRunner
from osaid import DefinitionError, UnknownDefinitionError
from osaid.definition import (
    Definition,
    GradedDefinition,
    all_definitions,
    available_definitions,
    available_graded_definitions,
    load_definition,
    load_definition_file,
    load_graded_definition,
    load_graded_definition_file,
    select_definition,
)

MOF = ROOT / "definitions" / "mof-1.0.toml"

GRADED_CHILD = """[definition]
id = "mof-1.1"
kind = "graded"
family = "mof"
version = "1.1"
title = "Model Openness Framework 1.1 (test)"
status = "final"
published = 2031-01-01
extends = "mof-1.0"

[[class]]
rank = 3
label = "Class III - Open Model (renamed)"
title = "Open Model"

[[class.component]]
kind = "model-architecture"
name = "Model architecture"
content_type = "code"
description = "The architecture's code."

[[class.component]]
kind = "technical-report"
name = "Technical report"
content_type = "document"
description = "A report on the model."
"""


@pytest.fixture
def defs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A directory of the user's, named by $OSAID_DEFINITIONS_PATH."""
    directory = tmp_path / "defs"
    directory.mkdir()
    monkeypatch.setenv("OSAID_DEFINITIONS_PATH", str(directory))
    return directory


def _own_framework(defs: Path) -> Path:
    text = MOF.read_text(encoding="utf-8")
    text = text.replace('id = "mof-1.0"', 'id = "own-1.0"').replace(
        'family = "mof"', 'family = "own"'
    )
    path = defs / "own-1.0.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_one_listing_holds_both_kinds() -> None:
    """The shipped definitions of both kinds come from one directory and one listing."""
    found = {d.id: d for d in all_definitions()}
    assert isinstance(found["mof-1.0"], GradedDefinition)
    assert isinstance(found["osaid-1.0"], Definition)
    assert found["mof-1.0"].kind == "graded"
    assert found["osaid-1.0"].kind == "binary"
    assert found["mof-1.0"].shipped
    assert {d.id for d in available_definitions()} == {
        d.id for d in found.values() if d.kind == "binary"
    }
    assert [d.id for d in available_graded_definitions()] == ["mof-1.0"]


@pytest.mark.parametrize("spec", ["mof-1.0", "mof", "mof>=1.0", "mof==1.0", "mof~=1.0"])
def test_graded_definitions_are_chosen_like_binary_ones(spec: str) -> None:
    """Id, family and PEP 440 specifiers choose graded definitions too."""
    assert select_definition(spec).id == "mof-1.0"
    assert load_graded_definition(spec).id == "mof-1.0"


def test_each_kind_view_keeps_to_its_kind() -> None:
    """load_definition chooses among binary definitions only, load_graded_definition graded."""
    with pytest.raises(UnknownDefinitionError, match=r"unknown definition 'mof-1\.0'"):
        load_definition("mof-1.0")
    with pytest.raises(UnknownDefinitionError, match="unknown graded definition 'osaid'"):
        load_graded_definition("osaid")
    assert select_definition("osaid").id == "osaid-1.0"


def test_the_definitions_path_adds_graded_definitions(defs: Path, run_cli: CliRunner) -> None:
    """$OSAID_DEFINITIONS_PATH adds graded definitions, labelled as not shipped."""
    path = _own_framework(defs)
    own = select_definition("own")
    assert isinstance(own, GradedDefinition)
    assert not own.shipped
    assert own.path == str(path)
    listing = run_cli("definitions")
    assert listing.code == 0
    line = next(line for line in listing.out.splitlines() if line.startswith("own-1.0"))
    assert "(graded" in line
    assert "does not ship with osaid" in line


def test_a_shipped_family_is_never_a_user_definition(defs: Path) -> None:
    """A user's graded file in the mof family is chosen only by its id, never by 'mof'."""
    text = GRADED_CHILD.replace('id = "mof-1.1"', 'id = "mof-9.0"').replace("1.1", "9.0")
    (defs / "mof-9.0.toml").write_text(text, encoding="utf-8")
    assert select_definition("mof").id == "mof-1.0"
    assert select_definition("mof-9.0").id == "mof-9.0"
    with pytest.raises(UnknownDefinitionError, match=r"chosen only by their id \(mof-9.0\)"):
        select_definition("mof>=9")


def test_a_graded_definition_extends_another(defs: Path) -> None:
    """A graded file states only its differences: a class replaces the one of its rank."""
    (defs / "mof-1.1.toml").write_text(GRADED_CHILD, encoding="utf-8")
    child = select_definition("mof-1.1")
    assert isinstance(child, GradedDefinition)
    assert child.ranks == [3, 2, 1]
    assert child.graded_class(3).label == "Class III - Open Model (renamed)"
    kinds = [c.kind.value for c in child.graded_class(3).components]
    assert kinds == ["model-architecture", "technical-report"]
    assert child.graded_class(2).label == "Class II - Open Tooling Model"
    assert child.definition.unclassified_label == "Unclassified"  # inherited
    assert child.substitutions == load_graded_definition("mof-1.0").substitutions


def test_extends_never_crosses_kinds(defs: Path) -> None:
    """A graded definition extending a binary one is refused at its extends key."""
    text = GRADED_CHILD.replace('extends = "mof-1.0"', 'extends = "osaid-1.0"')
    path = defs / "mof-1.1.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DefinitionError) as caught:
        all_definitions()
    assert caught.value.file == str(path)
    assert caught.value.key == "definition.extends"
    assert "'osaid-1.0' is a binary definition" in str(caught.value)


def test_an_unknown_kind_is_refused_with_a_suggestion(tmp_path: Path) -> None:
    """``kind = "graed"`` names the file and key and suggests the kind meant."""
    path = tmp_path / "x.toml"
    path.write_text(MOF.read_text(encoding="utf-8").replace('"graded"', '"graed"'), "utf-8")
    with pytest.raises(DefinitionError) as caught:
        load_graded_definition_file(path)
    assert caught.value.key == "definition.kind"
    assert "did you mean 'graded'" in str(caught.value)


def test_a_file_loaded_as_the_other_kind_says_which_it_is() -> None:
    """Loading the MOF file as a binary definition says it is a graded one."""
    with pytest.raises(DefinitionError, match="is a graded definition, not a binary one"):
        load_definition_file(MOF)
    assert load_graded_definition_file(MOF).id == "mof-1.0"


def test_a_graded_file_keeps_graded_keys(tmp_path: Path) -> None:
    """Binary tables in a graded file are unknown keys (each kind has its own vocabulary)."""
    path = tmp_path / "x.toml"
    path.write_text(MOF.read_text(encoding="utf-8") + "\n[elements.code]\n", "utf-8")
    with pytest.raises(DefinitionError) as caught:
        load_graded_definition_file(path)
    assert caught.value.key == "elements"


def test_the_command_line_grades_with_a_specifier(run_cli: CliRunner) -> None:
    """`--definition 'mof>=1.0'` grades (it used to be an unknown definition)."""
    result = run_cli("check", MOT_MODELS / "Amber.yml", "--definition", "mof>=1.0")
    assert result.code == 0, result.err
    assert "Class I - Open Science Model" in result.out


def test_graded_definitions_compare_with_their_own_kind(defs: Path, run_cli: CliRunner) -> None:
    """--compare works between graded definitions and is refused across kinds."""
    (defs / "mof-1.1.toml").write_text(GRADED_CHILD, encoding="utf-8")
    amber = MOT_MODELS / "Amber.yml"
    result = run_cli("check", amber, "--definition", "mof-1.1", "--compare", "mof-1.0")
    assert result.code == 0, result.err
    assert "Compared with mof-1.0" in result.out
    across = run_cli("check", amber, "--definition", "mof-1.0", "--compare", "osaid-1.0")
    assert across.code == 2
    assert "only definitions of one kind can be compared" in across.err


def test_explain_describes_a_graded_component(run_cli: CliRunner) -> None:
    """`osaid explain mof-1.0/datasets` says which classes need it and what counts."""
    result = run_cli("explain", "mof-1.0/datasets")
    assert result.code == 0, result.err
    assert "required for Class I - Open Science Model" in result.out
    assert "missing: no `datasets` component is listed" in result.out
