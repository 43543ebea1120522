"""Properties of licence evaluation: SPDX operator semantics and robustness."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from osaid import Policy, evaluate_license

from .strategies import (
    OPEN_TERMS_IDS,
    OSI_IDS,
    Tree,
    elements,
    leaf_list,
    leaves,
    oracle,
    render,
    shuffled,
    trees,
)

pytestmark = pytest.mark.property

SETTINGS = settings(max_examples=150, deadline=None)


def status(expression: str, element: str) -> str:
    """The status of ``expression`` for ``element``."""
    return evaluate_license(expression, element).status


@SETTINGS
@given(leaves, leaves, elements)
def test_or_passes_iff_either_passes(a: str, b: str, element: str) -> None:
    """`A OR B` passes exactly when A passes or B passes."""
    expected = "pass" if "pass" in (status(a, element), status(b, element)) else "fail"
    assert status(f"{a} OR {b}", element) == expected


@SETTINGS
@given(leaves, leaves, elements)
def test_and_passes_iff_both_pass(a: str, b: str, element: str) -> None:
    """`A AND B` passes exactly when both A and B pass."""
    both = status(a, element) == status(b, element) == "pass"
    assert status(f"{a} AND {b}", element) == ("pass" if both else "fail")


@SETTINGS
@given(trees, elements)
def test_tree_status_follows_operator_semantics(tree: Tree, element: str) -> None:
    """Any AND/OR tree evaluates as its leaves combined with any-of / all-of."""
    result = evaluate_license(render(tree), element)
    assert not result.malformed, result.reasons
    assert result.status == oracle(tree, lambda leaf: status(leaf, element))
    assert len(result.licenses) == len(leaf_list(tree))


@SETTINGS
@given(trees, elements, st.randoms(use_true_random=False))
def test_status_invariant_under_order_parens_and_case(
    tree: Tree, element: str, rng: random.Random
) -> None:
    """Reordering operands, adding redundant parentheses and changing case keep the status."""
    plain = evaluate_license(render(tree), element)
    variant = render(shuffled(tree, rng), rng, extra_parens=True, mixed_case=True)
    changed = evaluate_license(variant, element)
    assert not changed.malformed, (variant, changed.reasons)
    assert changed.status == plain.status, variant


@SETTINGS
@given(st.text(), elements)
def test_arbitrary_text_never_raises(text: str, element: str) -> None:
    """Any text evaluates to pass or fail without raising; malformed text always fails."""
    result = evaluate_license(text, element)
    assert result.status in ("pass", "fail")
    if result.malformed:
        assert result.status == "fail"
        assert result.normalized is None
        assert result.reasons


@SETTINGS
@given(st.one_of(st.text(), trees.map(render)), elements)
def test_normalized_expression_is_idempotent(text: str, element: str) -> None:
    """The normalized expression re-evaluates to the same status and normalizes to itself."""
    result = evaluate_license(text, element)
    if result.normalized is None:
        return
    again = evaluate_license(result.normalized, element)
    assert again.status == result.status
    assert not again.malformed
    assert again.normalized == result.normalized


@SETTINGS
@given(
    st.sampled_from(OPEN_TERMS_IDS),
    st.lists(st.sampled_from(OPEN_TERMS_IDS), unique=True),
    st.sampled_from(["parameters", "data-information"]),
)
def test_policy_open_terms_decides_non_osi_terms(
    term: str, listed: list[str], element: str
) -> None:
    """With a policy list, a non-OSI open term passes for data and parameters iff listed."""
    policy = Policy(open_terms=tuple(listed))
    expected = "pass" if term in listed else "fail"
    assert evaluate_license(term, element, policy=policy).status == expected
    assert evaluate_license(term, "code", policy=policy).status == "fail"


@SETTINGS
@given(st.sampled_from(OSI_IDS), st.lists(st.sampled_from(OPEN_TERMS_IDS)), elements)
def test_osi_approved_pass_whatever_the_policy(
    licence: str, listed: list[str], element: str
) -> None:
    """An OSI-approved licence passes for every element under any open-terms policy."""
    policy = Policy(open_terms=tuple(listed))
    assert evaluate_license(licence, element, policy=policy).status == "pass"
