"""Definitions that extend another: one new file per version, overrides only, strict checks."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import pytest

import osaid
from conftest import CONFORMANT, ROOT
from osaid import DefinitionError
from osaid.definition import available_definitions, load_definition, load_definition_file

HEADER = """[definition]
id = "{id}"
family = "osaid"
version = "{version}"
title = "Test {id}"
status = "{status}"
published = 2030-01-01
extends = "{parent}"
"""


def _write(
    directory: Path,
    definition_id: str,
    parent: str,
    body: str = "",
    *,
    version: str = "1.1",
    status: str = "final",
) -> Path:
    path = directory / f"{definition_id}.toml"
    header = HEADER.format(id=definition_id, version=version, status=status, parent=parent)
    path.write_text(header + body, encoding="utf-8")
    return path


@pytest.fixture
def defs(tmp_path: Path) -> Path:
    """An extra definitions directory, searched after the shipped one."""
    target = tmp_path / "definitions"
    target.mkdir()
    return target


def test_hypothetical_osaid_1_1_is_one_new_file(defs: Path) -> None:
    """A new OSAID version that changes one requirement is one small file and checks releases."""
    _write(
        defs,
        "osaid-1.1",
        "osaid-1.0",
        """
[[requirement]]
id = "osaid-1.1/parameters/intermediate-checkpoints"
obligation = "must"
""",
    )
    new = load_definition("osaid-1.1", [defs])
    old = load_definition("osaid-1.0")
    assert [r.id.split("/", 1)[1] for r in new.requirements] == [
        r.id.split("/", 1)[1] for r in old.requirements
    ]
    changed = next(r for r in new.requirements if r.id.endswith("intermediate-checkpoints"))
    assert changed.obligation.value == "must"
    assert changed.statement == next(
        r.statement for r in old.requirements if r.id.endswith("intermediate-checkpoints")
    )
    assert new.definition.url == old.definition.url
    report = osaid.check(CONFORMANT, new)
    assert report.definition == "osaid-1.1"
    assert all(r.requirement.startswith("osaid-1.1/") for r in report.results)
    # The family name keeps meaning the shipped definitions; a user file is chosen by its id.
    assert load_definition("osaid", [defs]).id == "osaid-1.0"
    assert not new.shipped
    assert new.path == str(defs / "osaid-1.1.toml")


def test_remove_and_add_requirements(defs: Path) -> None:
    """An extending file can drop inherited requirements and add new ones."""
    _write(
        defs,
        "osaid-1.1",
        "osaid-1.0",
        """
[remove]
requirements = ["parameters/optimizer-state"]

[[requirement]]
id = "osaid-1.1/parameters/model-card"
element = "parameters"
obligation = "recommended"
title = "Model card"
statement = "A test requirement."
clause = "test"
url = "https://example.org"
remediation = "Publish a model card."
[requirement.evidence]
kinds = ["model-card"]
""",
    )
    ids = [r.id for r in load_definition("osaid-1.1", [defs]).requirements]
    assert "osaid-1.1/parameters/optimizer-state" not in ids
    assert ids[-1] == "osaid-1.1/parameters/model-card"


@pytest.mark.parametrize(
    ("body", "key", "fragment"),
    [
        (
            '[remove]\nrequirements = ["code/inferense"]\n',
            "remove.requirements[0]",
            "did you mean 'code/inference'",
        ),
        (
            '[[requirement]]\nid = "osaid-1.1/code/new"\nelement = "code"\n',
            "requirement[28].obligation",
            "required key is missing",
        ),
        (
            '[[requirement]]\nid = "osaid-1.1/code/inference"\nelement = "cod"\n',
            "requirement[17].element",
            "unknown element 'cod'",
        ),
        ("[bogus]\nx = 1\n", "bogus", "unknown key"),
    ],
)
def test_broken_extension_names_file_and_key(
    defs: Path, body: str, key: str, fragment: str
) -> None:
    """A broken extending file is refused naming the file, the key and the reason."""
    path = _write(defs, "osaid-1.1", "osaid-1.0", body)
    with pytest.raises(DefinitionError) as caught:
        load_definition("osaid-1.1", [defs])
    assert caught.value.file == str(path)
    assert caught.value.key == key
    assert fragment in str(caught.value)


def test_unknown_parent_is_refused(tmp_path: Path) -> None:
    """Extending a definition that does not exist is an error with a did-you-mean."""
    path = _write(tmp_path, "osaid-1.1", "osaid-1.O")
    shutil.copy(ROOT / "definitions" / "osaid-1.0.toml", tmp_path)
    with pytest.raises(DefinitionError) as caught:
        load_definition_file(path)
    assert caught.value.key == "definition.extends"
    assert "did you mean 'osaid-1.0'" in str(caught.value)


def test_extends_cycle_is_refused(tmp_path: Path) -> None:
    """Two definitions extending each other are refused, showing the cycle."""
    _write(tmp_path, "a-1", "b-1", version="1")
    path = _write(tmp_path, "b-1", "a-1", version="2")
    with pytest.raises(DefinitionError) as caught:
        available_definitions([tmp_path])
    assert "extends cycle" in str(caught.value)
    assert caught.value.key == "definition.extends"
    with pytest.raises(DefinitionError):
        load_definition_file(path)


def test_duplicate_definition_id_is_refused(defs: Path) -> None:
    """Two files declaring the same definition id are refused, naming both."""
    shutil.copy(ROOT / "definitions" / "osaid-1.0.toml", defs / "copy.toml")
    with pytest.raises(DefinitionError) as caught:
        available_definitions([defs])
    assert "also used by" in str(caught.value)


def test_definitions_path_environment(defs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """$OSAID_DEFINITIONS_PATH adds directories of definitions to the shipped ones."""
    extra = defs.parent / "extra"
    extra.mkdir()
    _write(extra, "osaid-1.1", "osaid-1.0")
    monkeypatch.setenv("OSAID_DEFINITIONS_PATH", str(extra))
    assert load_definition("osaid-1.1").id == "osaid-1.1"


@pytest.mark.parametrize(
    ("spec", "chosen"),
    [
        ("osaid", "osaid-1.0"),
        ("osaid-1.0", "osaid-1.0"),
        ("osaid>=0.0.9", "osaid-1.0"),
        ("osaid-0.0.9", "osaid-0.0.9"),
        ("osaid==1.0rc2", "osaid-1.0-rc2"),
        ("osaid == 0.0.8", "osaid-0.0.8"),
    ],
)
def test_choosing_a_version(spec: str, chosen: str) -> None:
    """Ids, families and specifiers choose a version; drafts only when asked for explicitly."""
    assert load_definition(spec).id == chosen


@pytest.mark.parametrize(
    ("spec", "fragment"),
    [
        ("osaid<1.0", "drafts are chosen only by id or with '=='"),
        ("osaid>>1", "is not a version specifier"),
        ("osaid-2.0", "did you mean 'osaid-1."),
    ],
)
def test_choosing_a_version_that_does_not_exist(spec: str, fragment: str) -> None:
    """A specifier matching no final version, or a malformed one, is a clear error."""
    with pytest.raises(osaid.UnknownDefinitionError) as caught:
        load_definition(spec)
    assert fragment in str(caught.value)


def test_draft_chain_states_only_differences() -> None:
    """Each draft after 0.0.8 extends its predecessor and is much shorter than a full copy."""
    chain = ["osaid-0.0.8", "osaid-0.0.9", "osaid-1.0-rc1", "osaid-1.0-rc2", "osaid-1.0"]
    for parent, child in itertools.pairwise(chain):
        assert load_definition(child).definition.extends == parent
    base = (ROOT / "definitions" / "osaid-0.0.8.toml").read_text(encoding="utf-8")
    final = (ROOT / "definitions" / "osaid-1.0.toml").read_text(encoding="utf-8")
    assert "[[requirement]]" not in final
    assert len(final) < len(base) / 10


def test_versions_differ_where_the_reference_says() -> None:
    """Legal conditions, copyleft and the data-information items change across versions."""

    def condition(spec: str, element: str) -> str:
        found = load_definition(spec).element_condition(element)
        assert found is not None
        return found.title

    assert condition("osaid-0.0.8", "data-information") == "OSD-compliant licence"
    assert condition("osaid-0.0.8", "parameters") == "OSD-conformant terms"
    assert condition("osaid-0.0.9", "parameters") == "OSI-approved terms"
    assert condition("osaid-1.0", "data-information") == "OSI-approved terms"
    assert condition("osaid-1.0", "code") == "OSI-approved licence"
    assert not load_definition("osaid-0.0.9").definition.copyleft_allowed
    assert load_definition("osaid-1.0-rc1").definition.copyleft_allowed
    ids = {r.id.split("/", 1)[1] for r in load_definition("osaid-0.0.9").requirements}
    assert "data-information/public-data-listing" not in ids
    assert "data-information/checklist-data-component" in ids
    rc2 = {r.id.split("/", 1)[1]: r for r in load_definition("osaid-1.0-rc2").requirements}
    rc1 = {r.id.split("/", 1)[1]: r for r in load_definition("osaid-1.0-rc1").requirements}
    assert "complete" in rc2["data-information/description"].statement
    assert "detailed" in rc1["data-information/description"].statement
    assert rc1["data-information/description"].clause.startswith("OSAID 1.0-RC1")


def test_shared_notes_are_named_by_key_and_inherited(defs: Path) -> None:
    """A warning several requirements share is written once under [notes]; an extending file
    inherits it and may reword it, and every requirement naming it reads the new text."""
    shipped = load_definition("osaid-1.0")
    users = [r for r in shipped.requirements if r.evidence and r.evidence.checklist_note]
    assert len({r.evidence.checklist_note for r in users if r.evidence}) < len(users)
    assert shipped.notes["mof-data-information"].startswith("A MOF file cannot state")
    _write(defs, "osaid-1.1", "osaid-1.0", '[notes]\nmof-data-information = "Reworded."\n')
    child = load_definition("osaid-1.1", [defs])
    reworded = [r.id for r in child.requirements if r.evidence and r.evidence.checklist_note]
    texts = {r.evidence.checklist_note for r in child.requirements if r.evidence}
    assert "Reworded." in texts
    assert len(reworded) == len(users)


def test_an_unknown_note_is_refused_at_its_key(defs: Path) -> None:
    """A requirement naming a note the definition does not have names the file and key."""
    path = _write(
        defs,
        "osaid-1.1",
        "osaid-1.0",
        '[[requirement]]\nid = "osaid-1.1/data-information/description"\n'
        '[requirement.evidence]\nkinds = ["data-description"]\n'
        'checklist_kinds = ["datasets"]\nchecklist_note = "mof-data-informaton"\n',
    )
    with pytest.raises(DefinitionError) as caught:
        load_definition("osaid-1.1", [defs])
    assert caught.value.file == str(path)
    assert caught.value.key == "requirement[1].evidence.checklist_note"
    assert "unknown note 'mof-data-informaton'; did you mean 'mof-data-information'?" in str(
        caught.value
    )


def test_each_element_says_what_it_asks_for() -> None:
    """Element prose is data: what init writes about an element comes from the definition."""
    shipped = load_definition("osaid-1.0")
    for name in ("data-information", "code", "parameters"):
        assert shipped.elements[name].about, name
