"""Properties of check(): robustness on any document, order independence, monotonicity."""

from __future__ import annotations

import contextlib
import json
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import osaid
from osaid import OsaidError, Report
from osaid.readers import read_text_as

from .strategies import OSI_IDS, failing_ids, licence_values, manifests, messy_documents

pytestmark = pytest.mark.property

SETTINGS = settings(max_examples=150, deadline=None)


def dump(document: Any, syntax: str) -> str:
    """Serialise ``document`` as JSON or YAML text."""
    if syntax == "json":
        return json.dumps(document, indent=2)
    return yaml.safe_dump(document, sort_keys=False)


def check_data(document: Any, syntax: str = "yaml") -> Report:
    """Read ``document`` (serialised as ``syntax``) as an input file and check it."""
    return osaid.check(read_text_as(dump(document, syntax), f"<hypothesis>.{syntax}"))


def statuses(report: Report) -> dict[str, str]:
    """Requirement id -> status value."""
    return {r.requirement: r.status.value for r in report.results}


@SETTINGS
@given(messy_documents, st.sampled_from(["json", "yaml"]))
def test_any_document_raises_only_osaid_errors(document: Any, syntax: str) -> None:
    """Reading and checking any document either gives a report or raises an OsaidError."""
    try:
        report = check_data(document, syntax)
    except OsaidError as exc:
        problems = exc.problems
    else:
        problems = []
        assert report.verdict in (osaid.Verdict.CONFORMANT, osaid.Verdict.NOT_CONFORMANT)
    assert all(problem.message for problem in problems)


# Printable text only, so that most examples get past the YAML reader into the readers and the
# engine; any text at all (control characters included) is covered by test_cli_properties.py.
printable_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff")
    | st.sampled_from("\t\n\r"),
    max_size=300,
)


@SETTINGS
@given(printable_text)
def test_any_text_raises_only_osaid_errors(text: str) -> None:
    """Any printable text given as an input file is read or refused with an OsaidError."""
    with contextlib.suppress(OsaidError):
        osaid.check(read_text_as(text, "<text>"))


@SETTINGS
@given(manifests(), st.randoms(use_true_random=False))
def test_results_do_not_depend_on_component_order(manifest: dict[str, Any], rng: Any) -> None:
    """Shuffling the components changes no requirement's status and not the verdict."""
    before = check_data(manifest)
    shuffled = dict(
        manifest, components=rng.sample(manifest["components"], len(manifest["components"]))
    )
    after = check_data(shuffled)
    assert statuses(after) == statuses(before)
    assert after.verdict == before.verdict
    assert {w.code for w in after.warnings} == {w.code for w in before.warnings}


@st.composite
def relicensing(draw: st.DrawFn) -> tuple[dict[str, Any], int, str]:
    """A manifest with a component under a failing licence, and an OSI-approved replacement."""
    manifest = draw(manifests(licence_values))
    index = draw(st.integers(0, len(manifest["components"])))
    manifest["components"].insert(
        index, {"kind": draw(st.sampled_from([k.value for k in osaid.ComponentKind])),
                "license": draw(failing_ids)}
    )  # fmt: skip
    return manifest, index, draw(st.sampled_from(OSI_IDS))


@SETTINGS
@given(relicensing())
def test_relicensing_to_osi_never_turns_pass_into_fail(
    case: tuple[dict[str, Any], int, str],
) -> None:
    """Moving one component from a failing licence to an OSI-approved one never loses a pass."""
    manifest, index, licence = case
    before = check_data(manifest)
    manifest["components"][index]["license"] = licence
    after = check_data(manifest)
    old, new = statuses(before), statuses(after)
    for requirement, status in old.items():
        if status == "pass":
            assert new[requirement] == "pass", requirement
    if before.conformant:
        assert after.conformant
    assert len(after.failing()) <= len(before.failing())
