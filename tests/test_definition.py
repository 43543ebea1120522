"""The shipped rule set, broken definition files, and choosing a definition by id."""

from __future__ import annotations

from pathlib import Path

import pytest

import osaid
from conftest import CONFORMANT, DATA, INVALID_DEFINITIONS, NOT_CONFORMANT_EXAMPLES
from osaid import DefinitionError, Status, UnknownDefinitionError, load_definition
from osaid.definition import Definition, Obligation, load_definition_file
from osaid.model import Component, ComponentKind, LicenseDeclaration, Origin, Release, Source
from osaid.report import Report

MINIMAL = DATA / "definition-minimal.toml"


@pytest.fixture(scope="module")
def shipped() -> Definition:
    """The shipped OSAID 1.0 definition."""
    return load_definition("osaid-1.0")


# ------------------------------------------------------------------------------------------
# The shipped rule set


def test_shipped_definition_header(shipped: Definition) -> None:
    """osaid-1.0 is the final OSAID 1.0 of 2024-10-28."""
    header = shipped.definition
    assert (shipped.id, header.family, header.version, header.status) == (
        "osaid-1.0",
        "osaid",
        "1.0",
        "final",
    )
    assert str(header.published) == "2024-10-28"
    assert header.url.startswith("https://opensource.org/")


def test_requirement_ids_start_with_definition_id(shipped: Definition) -> None:
    """Every requirement id is '<definition id>/...'."""
    for requirement in shipped.requirements:
        assert requirement.id.startswith(shipped.id + "/"), requirement.id


def test_requirement_ids_are_unique(shipped: Definition) -> None:
    """No two requirements share an id."""
    ids = [r.id for r in shipped.requirements]
    assert len(ids) == len(set(ids))


def test_every_element_used_exists(shipped: Definition) -> None:
    """Every element named by a requirement or an aggregate is defined, with its condition."""
    for requirement in shipped.requirements:
        assert requirement.element in shipped.elements, requirement.id
        if requirement.aggregate is not None:
            assert set(requirement.aggregate.elements) <= set(shipped.elements), requirement.id
        if requirement.condition is not None:
            assert requirement.condition in shipped.conditions, requirement.id
    for name, element in shipped.elements.items():
        assert element.condition is None or element.condition in shipped.conditions, name


def test_every_requirement_has_clause_url_remediation(shipped: Definition) -> None:
    """Each requirement has a clause, an https url, a title, a statement and a remediation."""
    for requirement in shipped.requirements:
        for field in ("clause", "title", "statement", "remediation"):
            assert getattr(requirement, field).strip(), (requirement.id, field)
        assert requirement.url.startswith("https://"), requirement.id


def test_every_requirement_has_exactly_one_check(shipped: Definition) -> None:
    """Each requirement is judged by exactly one of evidence, attribute or aggregate."""
    for requirement in shipped.requirements:
        checks = [requirement.evidence, requirement.attribute, requirement.aggregate]
        assert sum(c is not None for c in checks) == 1, requirement.id


def test_every_element_with_requirements_is_covered(shipped: Definition) -> None:
    """The three OSAID elements, the freedoms and the models-and-weights clause are covered."""
    used = {r.element for r in shipped.requirements}
    assert used == {"data-information", "code", "parameters", "freedoms", "models-and-weights"}
    assert shipped.licensed_elements() == ["data-information", "code", "parameters"]


def test_conditions_match_osaid(shipped: Definition) -> None:
    """Code needs an OSI-approved licence; data information and parameters OSI-approved terms."""
    code = shipped.element_condition("code")
    params = shipped.element_condition("parameters")
    data = shipped.element_condition("data-information")
    assert code is not None
    assert params is not None
    assert data is not None
    assert code.accepts == ["osi-approved"]
    assert set(params.accepts) == set(data.accepts) == {"osi-approved", "open-terms"}
    assert shipped.element_condition("freedoms") is None


def test_shipped_examples_of_conditions_pass(shipped: Definition) -> None:
    """Every licence a condition suggests as an example actually passes for its elements."""
    for name, element in shipped.elements.items():
        condition = shipped.element_condition(name)
        if condition is None:
            continue
        for example in condition.examples:
            result = osaid.evaluate_license(example, name)
            assert result.status == "pass", (name, example)
        assert element.clause.strip()


def test_evidence_kinds_are_component_kinds(shipped: Definition) -> None:
    """Evidence lists component kinds only (validated as enum members)."""
    for requirement in shipped.requirements:
        if requirement.evidence is not None:
            assert requirement.evidence.kinds
            assert all(isinstance(k, ComponentKind) for k in requirement.evidence.kinds)


def _statuses(report: Report) -> dict[str, Status]:
    return {r.requirement: r.status for r in report.results}


def _release(*components: Component) -> Release:
    source = Source(file="<test>", format="test")
    return Release(name="t", components=components, source=source)


def _component(kind: ComponentKind, license_: str | None, index: int) -> Component:
    origin = Origin(file="<test>", key=f"components[{index}]", line=index + 1)
    declaration = (
        None if license_ is None else LicenseDeclaration(expression=license_, written=license_)
    )
    return Component(kind=kind, name=kind.value, license=declaration, origin=origin)


def test_recommended_requirements_never_affect_verdict(shipped: Definition) -> None:
    """Recommended requirements are reported but never change the verdict, pass or fail."""
    recommended = [r for r in shipped.requirements if r.obligation is Obligation.RECOMMENDED]
    assert recommended, "OSAID 1.0 has recommended requirements (checkpoints, optimizer state)"
    kinds = {k for r in recommended if r.evidence for k in r.evidence.kinds}
    base = osaid.read(CONFORMANT)
    others = tuple(c for c in base.components if c.kind not in kinds)
    without = base.model_copy(update={"components": others})
    failing = tuple(
        _component(kind, "LicenseRef-proprietary", 100 + i) for i, kind in enumerate(sorted(kinds))
    )
    with_failing = base.model_copy(update={"components": others + failing})
    for release in (base, without, with_failing):
        report = osaid.check(release, shipped)
        assert report.conformant
        for result in report.results:
            if result.requirement in {r.id for r in recommended}:
                assert result.affects_verdict is False
    statuses = _statuses(osaid.check(with_failing, shipped))
    assert {statuses[r.id] for r in recommended} == {Status.FAIL}
    statuses = _statuses(osaid.check(without, shipped))
    assert {statuses[r.id] for r in recommended} == {Status.MISSING}


def test_must_requirements_affect_verdict(shipped: Definition) -> None:
    """Every non-recommended requirement counts, except one that only restates others."""
    report = osaid.check(NOT_CONFORMANT_EXAMPLES[0], shipped)
    by_id = {r.id: r for r in shipped.requirements}
    for result in report.results:
        requirement = by_id[result.requirement]
        restates = requirement.aggregate is not None
        expected = requirement.obligation is not Obligation.RECOMMENDED and not restates
        assert result.affects_verdict is expected
        applies = result.status is not Status.NOT_APPLICABLE
        assert bool(result.follows_from) is (restates and applies)


def test_results_follow_definition_order(shipped: Definition) -> None:
    """A report has one result per requirement, in definition order."""
    report = osaid.check(CONFORMANT)
    assert [r.requirement for r in report.results] == [r.id for r in shipped.requirements]


def test_empty_release_fails_every_must(shipped: Definition) -> None:
    """A release with no components is missing every must requirement that applies to it."""
    report = osaid.check(_release(), shipped)
    assert not report.conformant
    for requirement in shipped.requirements:
        applies = (
            requirement.applies.derived is None
            and requirement.applies.teacher is None
            and requirement.applies.scopes is None
        )
        if (
            requirement.obligation is Obligation.MUST
            and requirement.evidence is not None
            and applies
        ):
            assert _statuses(report)[requirement.id] is Status.MISSING


# ------------------------------------------------------------------------------------------
# Loading definitions from files


def test_minimal_definition_loads_and_drives_the_engine() -> None:
    """A small valid definition file loads and the engine evaluates it generically."""
    definition = load_definition_file(MINIMAL)
    assert definition.id == "test-1.0"
    report = osaid.check(CONFORMANT, definition)
    assert report.definition == "test-1.0"
    assert [r.requirement for r in report.results] == [
        "test-1.0/code/training",
        "test-1.0/freedoms/distribution",
    ]
    assert report.conformant


INVALID = {
    "unknown-key.toml": ("requirement[0].remedation", "did you mean 'remediation'"),
    "unknown-element.toml": ("requirement[0].element", "unknown element 'kode'"),
    "duplicate-requirement-id.toml": ("requirement[1].id", "used twice"),
    "two-checks.toml": ("requirement[0]", "exactly one"),
    "unknown-condition.toml": ("elements.code.condition", "unknown condition"),
    "bad-obligation.toml": ("requirement[0].obligation", "must-if-used"),
}


def test_invalid_definition_files_are_all_tested() -> None:
    """Every file in definitions-invalid/ has a test case (and the set is the documented one)."""
    names = {p.name for p in INVALID_DEFINITIONS.glob("*.toml")}
    assert names == {*INVALID, "bad-toml.toml"}


@pytest.mark.parametrize(("name", "expected"), sorted(INVALID.items()), ids=sorted(INVALID))
def test_invalid_definition_names_file_and_key(name: str, expected: tuple[str, str]) -> None:
    """A broken definition raises DefinitionError whose message names the file and the key."""
    key, fragment = expected
    path = INVALID_DEFINITIONS / name
    with pytest.raises(DefinitionError) as caught:
        load_definition_file(path)
    error = caught.value
    assert error.file == str(path)
    assert error.key == key
    message = str(error)
    assert message.startswith(f"{path}: {key}: "), message
    assert fragment in message
    assert len(error.problems) == 1, [str(p) for p in error.problems]


def test_bad_toml_names_file_and_line() -> None:
    """A definition that is not valid TOML raises DefinitionError naming the file and the line."""
    path = INVALID_DEFINITIONS / "bad-toml.toml"
    with pytest.raises(DefinitionError) as caught:
        load_definition_file(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: invalid TOML")
    assert "line 2" in message


def test_missing_definition_file(tmp_path: Path) -> None:
    """A definition file that does not exist raises DefinitionError naming it."""
    with pytest.raises(DefinitionError, match=r"nope\.toml: no such file"):
        load_definition_file(tmp_path / "nope.toml")


def test_definition_errors_are_osaid_errors() -> None:
    """DefinitionError is an OsaidError and a ValueError, so callers can catch either."""
    assert issubclass(DefinitionError, osaid.OsaidError)
    assert issubclass(DefinitionError, ValueError)
    assert issubclass(UnknownDefinitionError, LookupError)


# ------------------------------------------------------------------------------------------
# Choosing a shipped definition


def test_family_gives_latest_final() -> None:
    """`load_definition("osaid")` gives the latest final definition of the family."""
    finals = [
        d
        for d in osaid.available_definitions()
        if d.definition.family == "osaid" and d.definition.status == "final"
    ]
    assert load_definition("osaid") == finals[-1]
    assert load_definition("osaid").id == "osaid-1.0"


def test_default_definition_is_osaid_1_0() -> None:
    """The default definition is osaid-1.0, and loading is cached (same object)."""
    assert load_definition().id == "osaid-1.0"
    assert load_definition("osaid-1.0") is load_definition("osaid-1.0")


def test_available_definitions_are_sorted() -> None:
    """available_definitions lists every shipped definition, osaid-1.0 among them."""
    ids = [d.id for d in osaid.available_definitions()]
    assert "osaid-1.0" in ids
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("spec", ["osaid-2.0", "osaid-1.1", "osaid-1"])
def test_unknown_definition_did_you_mean(spec: str) -> None:
    """An unknown id raises UnknownDefinitionError with a did-you-mean and the available ids."""
    with pytest.raises(UnknownDefinitionError) as caught:
        load_definition(spec)
    message = str(caught.value)
    assert f"unknown definition '{spec}'" in message
    assert "did you mean 'osaid-1." in message
    assert "osaid-1.0" in message.split("available: ")[1]


def test_unknown_definition_without_near_miss() -> None:
    """A far-off id still lists what is available."""
    with pytest.raises(UnknownDefinitionError, match=r"available: .*osaid-1\.0"):
        load_definition("nothing-like-it")


def test_check_accepts_definition_object_or_id() -> None:
    """check() takes a definition id or a Definition object with the same result."""
    by_id = osaid.check(CONFORMANT, "osaid-1.0")
    by_object = osaid.check(CONFORMANT, load_definition("osaid-1.0"))
    assert by_id == by_object
