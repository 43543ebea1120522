"""The registry of check kinds: one module each, read by the loader, scorer, explain and diff."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

import pytest

import osaid
from conftest import CONFORMANT
from osaid import DefinitionError
from osaid.definition import CheckRecord, load_definition_file
from osaid.evaluate import CHECKS, CheckKind, diff, explain
from osaid.evaluate._context import result
from osaid.report import Status

if TYPE_CHECKING:
    from osaid.definition import Definition, Requirement
    from osaid.evaluate._context import Context
    from osaid.report import Result

MINIMAL = Path(__file__).resolve().parent / "data" / "definition-minimal.toml"


def test_every_shipped_requirement_has_a_registered_check() -> None:
    """Each requirement's check is of a registered kind, written as that kind's table."""
    for definition in osaid.available_definitions():
        for requirement in definition.requirements:
            kind = CHECKS[requirement.check.key]
            assert isinstance(requirement.check, kind.record), requirement.id
    assert set(CHECKS) == {"evidence", "attribute", "aggregate"}


def test_the_former_fields_still_name_each_check() -> None:
    """``requirement.evidence`` (and attribute, aggregate) is the check of that kind or None."""
    definition = osaid.load_definition("osaid-0.0.9")
    for requirement in definition.requirements:
        present = [
            key for key in ("evidence", "attribute", "aggregate") if getattr(requirement, key)
        ]
        assert present == [requirement.check.key], requirement.id


class Named(CheckRecord):
    """A test kind: the release must be named ``name``."""

    key: ClassVar[str] = "named"

    name: str


class NamedKind(CheckKind):
    """Passes when the release's name is the record's ``name``."""

    record = Named

    def evaluate(self, requirement: Requirement, ctx: Context, earlier: Sequence[Result]) -> Result:  # noqa: ARG002
        check = requirement.check
        assert isinstance(check, Named)
        status = Status.PASS if ctx.release.name == check.name else Status.FAIL
        return result(requirement, status, f"the release is named {ctx.release.name!r}")

    def criteria(
        self,
        definition: Definition,  # noqa: ARG002
        requirement: Requirement,
    ) -> tuple[list[str], list[str]]:
        check = requirement.check
        assert isinstance(check, Named)
        return [f"the release is named {check.name!r}"], ["fail: it has another name"]

    def signature(self, definition: Definition, requirement: Requirement) -> str:  # noqa: ARG002
        check = requirement.check
        assert isinstance(check, Named)
        return f"named {check.name}"


NAMED = """[definition]
id = "named-1.0"
family = "named"
version = "1.0"
title = "Test: the release has a name"
status = "final"
published = 2030-01-01
url = "https://example.invalid/named"
summary = "A definition with a kind of check osaid does not ship."
copyleft_allowed = true

[conditions]

[elements.freedoms]
title = "Freedoms"
clause = "Test"
url = "https://example.invalid/named#freedoms"

[[requirement]]
id = "named-1.0/freedoms/name"
element = "freedoms"
obligation = "must"
title = "Named"
statement = "The release has the expected name."
clause = "Test, Name"
url = "https://example.invalid/named#name"
remediation = "Rename the release."
[requirement.named]
name = "{name}"
"""


def test_a_new_kind_of_check_is_one_class_in_the_registry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A kind registered in CHECKS is read, evaluated, explained and diffed with no other edit."""
    monkeypatch.setitem(CHECKS, "named", NamedKind())
    path = tmp_path / "named-1.0.toml"
    path.write_text(NAMED.replace("{name}", "Open Example LM"), encoding="utf-8")
    definition = load_definition_file(path)
    assert isinstance(definition.requirements[0].check, Named)
    report = osaid.check(CONFORMANT, definition)
    assert report.conformant
    assert report.results[0].summary == "Named: the release is named 'Open Example LM'"
    other = tmp_path / "other" / "named-1.0.toml"
    other.parent.mkdir()
    other.write_text(NAMED.replace("{name}", "Another"), encoding="utf-8")
    changes = diff(definition, load_definition_file(other)).changes
    assert [c.details for c in changes] == [["check: named Open Example LM → named Another"]]
    monkeypatch.setenv("OSAID_DEFINITIONS_PATH", str(tmp_path))
    assert explain("named-1.0/freedoms/name").passes_when == [
        "the release is named 'Open Example LM'"
    ]


def test_an_unregistered_table_is_not_a_check(tmp_path: Path) -> None:
    """Without the kind in the registry, its table is refused like any unknown key."""
    path = tmp_path / "named-1.0.toml"
    path.write_text(NAMED.replace("{name}", "x"), encoding="utf-8")
    with pytest.raises(DefinitionError) as caught:
        load_definition_file(path)
    messages = [str(p) for p in caught.value.problems]
    assert any("needs exactly one of [requirement.evidence]" in m for m in messages), messages


def test_a_check_table_is_validated_at_its_own_key(tmp_path: Path) -> None:
    """A bad value inside a check's table names that table's key."""
    text = MINIMAL.read_text(encoding="utf-8")
    assert 'kinds = ["training-code"]' in text
    path = tmp_path / "bad.toml"
    path.write_text(text.replace('kinds = ["training-code"]', 'kinds = ["trainng-code"]'), "utf-8")
    with pytest.raises(DefinitionError) as caught:
        load_definition_file(path)
    problem = caught.value.problems[0]
    assert problem.key is not None
    assert problem.key.endswith(".evidence.kinds[0]")
    assert "did you mean 'training-code'" in problem.message
