"""Conformance cases: one input file plus its expected outcome for one requirement.

Each case lives in ``tests/cases/<requirement id>/`` (the id's slashes become folders) as a pair
``<case>.yaml`` (a complete input: an osaid manifest or a MOF file) and
``<case>.expected.json`` (the expected result for that requirement). Case names start with the
expected status: ``pass-``, ``fail-``, ``missing-`` or ``na-``.

Graded definitions (``mof-1.0``) have cases too, under ``tests/cases/<definition>/<component
kind>/``: the result of that component, and ``grade``, the class the release reaches.

A requirement that checks exactly what another version's requirement checks (same id suffix,
element, obligation, applicability, evidence or check, and the same accepted licence sources)
is covered by that requirement's cases, and those cases are run against it too: a draft that
did not change a requirement needs no copies. Verdicts and warnings depend on the whole
definition, so they are asserted only against the definition the case folder names.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import osaid
from osaid.definition import Definition, Requirement
from osaid.report import Evidence, Report, Result

CASES = Path(__file__).parent / "cases"
EXPECTED_SUFFIX = ".expected.json"
PREFIXES = {"pass": "pass-", "fail": "fail-", "missing": "missing-", "not-applicable": "na-"}
KEYS = {
    "status",
    "summary_contains",
    "evidence",
    "verdict",
    "warnings",
    "xfail",
    "policy",
    "grade",
}


def _expected_files() -> list[Path]:
    return sorted(CASES.rglob(f"*{EXPECTED_SUFFIX}"))


def _case_name(expected: Path) -> str:
    return expected.name.removesuffix(EXPECTED_SUFFIX)


def _case_id(expected: Path) -> str:
    return (expected.parent / _case_name(expected)).relative_to(CASES).as_posix()


def _requirement_id(folder: Path) -> str:
    return "/".join(folder.relative_to(CASES).parts)


def _load(expected: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(expected.read_text(encoding="utf-8"))
    return data


def _all_requirement_ids() -> set[str]:
    return {r.id for d in osaid.available_definitions() for r in d.requirements}


def _graded_ids() -> dict[str, int]:
    """Each graded definition's component result id, with the class rank introducing it."""
    return {
        f"{d.id}/{c.kind.value}": rank
        for d in osaid.available_graded_definitions()
        for rank, c in d.components()
    }


def _suffix(requirement_id: str) -> str:
    return requirement_id.split("/", 1)[1]


def _signature(definition: Definition, requirement: Requirement) -> str:
    """What a requirement checks, without its wording: equal signatures judge alike."""
    condition = definition.condition_for(requirement)
    record = requirement.check
    check = {
        "suffix": _suffix(requirement.id),
        "element": requirement.element,
        "obligation": requirement.obligation.value,
        "applies": requirement.applies.model_dump(mode="json"),
        record.key: record.model_dump(mode="json", exclude=set(record.wording)),
        "accepts": sorted(condition.accepts) if condition else None,
    }
    return json.dumps(check, sort_keys=True)


def _requirements() -> dict[str, tuple[Definition, Requirement]]:
    return {r.id: (d, r) for d in osaid.available_definitions() for r in d.requirements}


def _equivalents(requirement_id: str) -> list[str]:
    """Requirement ids (of any definition) that check exactly what ``requirement_id`` checks."""
    table = _requirements()
    definition, requirement = table[requirement_id]
    wanted = _signature(definition, requirement)
    return [rid for rid, (d, r) in table.items() if _signature(d, r) == wanted]


def _params() -> list[Any]:
    params = []
    for expected in _expected_files():
        reason = _load(expected).get("xfail")
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        own = _requirement_id(expected.parent)
        for target in _equivalents(own) if own in _requirements() else [own]:
            case_id = _case_id(expected) + ("" if target == own else f"@{target.split('/')[0]}")
            params.append(pytest.param(expected, target, id=case_id, marks=marks))
    return params


def _result_for(report: Report, requirement: str) -> Result:
    found = [r for r in report.results if r.requirement == requirement]
    assert len(found) == 1, f"{requirement} has {len(found)} results in the report"
    return found[0]


def _all_evidence(result: Result) -> list[Evidence]:
    return [*result.evidence, *(c.evidence for c in result.components)]


@pytest.mark.parametrize(("expected_path", "target"), _params())
def test_case(expected_path: Path, target: str) -> None:
    """Checking a case input gives its expected status, summary, evidence, verdict and warnings."""
    expected = _load(expected_path)
    source = expected_path.parent / f"{_case_name(expected_path)}.yaml"
    own = target == _requirement_id(expected_path.parent)
    policy = osaid.Policy(**expected.get("policy", {}))
    report = osaid.check(source, target.split("/", maxsplit=1)[0], policy)
    result = _result_for(report, target)

    assert result.status.value == expected["status"], result.summary
    located = [(e.key, e.line) for e in _all_evidence(result)]
    for item in expected.get("evidence", []):
        assert (item["key"], item["line"]) in located, f"{item} not among {located}"
    if not own:
        return  # wording, verdict and warnings belong to the case's own definition
    for fragment in expected.get("summary_contains", []):
        assert fragment in result.summary, f"{fragment!r} not in {result.summary!r}"
    if "verdict" in expected:
        assert report.verdict.value == expected["verdict"]
    codes = [w.code for w in report.warnings]
    for code in expected.get("warnings", []):
        assert code in codes, f"warning {code!r} not among {codes}"
    if "grade" in expected:
        assert report.grade is not None, "a graded case needs a graded definition"
        assert report.grade.label == expected["grade"]


def test_every_class_of_a_graded_definition_is_reached_and_missed() -> None:
    """For each class: a case that reaches it, and a case where one of its components fails."""
    ranks = _graded_ids()
    reached: set[tuple[str, str]] = set()
    missed: set[tuple[str, int]] = set()
    for expected in _expected_files():
        own = _requirement_id(expected.parent)
        data = _load(expected)
        if own not in ranks:
            continue
        definition_id = own.split("/", 1)[0]
        reached.add((definition_id, data["grade"]))
        if data["status"] in {"fail", "missing"}:
            missed.add((definition_id, ranks[own]))
    gaps = []
    for definition in osaid.available_graded_definitions():
        for graded in definition.classes:
            if (definition.id, graded.label) not in reached:
                gaps.append(f"{definition.id}: no case reaches {graded.label}")
            if (definition.id, graded.rank) not in missed:
                gaps.append(f"{definition.id}: no case where a {graded.label} component fails")
        if (definition.id, definition.definition.unclassified_label) not in reached:
            gaps.append(f"{definition.id}: no case reaches no class")
    assert not gaps, "\n".join(gaps)


def test_every_requirement_has_pass_and_failing_cases() -> None:
    """Every requirement of every shipped definition has a pass case and a fail-or-missing case."""
    statuses: dict[str, set[str]] = {}
    known = _requirements()
    for expected in _expected_files():
        own = _requirement_id(expected.parent)
        for requirement in _equivalents(own) if own in known else [own]:
            statuses.setdefault(requirement, set()).add(_load(expected)["status"])
    gaps = []
    for requirement in sorted(_all_requirement_ids()):
        seen = statuses.get(requirement, set())
        if "pass" not in seen:
            gaps.append(f"{requirement}: no pass case")
        if not seen & {"fail", "missing"}:
            gaps.append(f"{requirement}: no fail or missing case")
    assert not gaps, "\n".join(gaps)


def test_every_case_folder_is_a_requirement() -> None:
    """Every folder holding case files names a requirement id of a shipped definition."""
    known = _all_requirement_ids() | set(_graded_ids())
    folders = {p.parent for p in CASES.rglob("*") if p.is_file()}
    orphans = sorted(_requirement_id(f) for f in folders if _requirement_id(f) not in known)
    assert not orphans, f"case folders that match no requirement: {orphans}"


def test_every_input_has_expected_and_back() -> None:
    """Every ``.yaml`` case has its ``.expected.json`` and every expected outcome its ``.yaml``."""
    inputs = {p.with_suffix("") for p in CASES.rglob("*.yaml")}
    outcomes = {p.parent / _case_name(p) for p in _expected_files()}
    assert inputs, "no conformance cases found"
    assert not inputs - outcomes, f"inputs without expected outcome: {sorted(inputs - outcomes)}"
    assert not outcomes - inputs, f"expected outcomes without input: {sorted(outcomes - inputs)}"


def test_expected_files_are_well_formed() -> None:
    """Each expected outcome uses known keys, a valid status and a name matching that status."""
    problems = []
    for expected in _expected_files():
        data = _load(expected)
        unknown = set(data) - KEYS
        status = data.get("status")
        if unknown:
            problems.append(f"{_case_id(expected)}: unknown keys {sorted(unknown)}")
        if status not in PREFIXES:
            problems.append(f"{_case_id(expected)}: invalid status {status!r}")
        elif not _case_name(expected).startswith(PREFIXES[status]):
            problems.append(f"{_case_id(expected)}: name should start with {PREFIXES[status]!r}")
        if status == "fail" and not data.get("summary_contains"):
            problems.append(f"{_case_id(expected)}: a fail case needs summary_contains")
    assert not problems, "\n".join(problems)
