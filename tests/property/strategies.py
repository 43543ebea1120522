"""Hypothesis strategies: licence ids from the shipped data, expression trees, manifests."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, Union

from hypothesis import strategies as st

from osaid.licensing import shipped_license_data
from osaid.model import ComponentKind, DataFacet, Distribution, Scope
from osaid.readers._mof import component_names

_DATA = shipped_license_data()

OSI_IDS = sorted(
    lic.id for lic in _DATA.licenses.values() if lic.osi and lic.id.lower() not in _DATA.catalogue
)
"""OSI-approved SPDX ids that osaid does not catalogue as failing: pass for every element."""

OPEN_TERMS_IDS = sorted(term.id for term in _DATA.open_terms.values())
"""Non-OSI ids on the open-terms policy list: pass for parameters and data information only."""

CATALOGUE_IDS = sorted({entry.id for entry in _DATA.catalogue.values()})
"""Ids of catalogued licences that fail for every element."""

ALL_SPDX_IDS = sorted(lic.id for lic in _DATA.licenses.values())
EXCEPTION_IDS = sorted(exc.id for exc in _DATA.exceptions.values())
ELEMENTS = ("code", "data-information", "parameters")
SENTINELS = ("NONE", "NOASSERTION")

elements = st.sampled_from(ELEMENTS)

unknown_refs = st.from_regex(r"LicenseRef-[A-Za-z0-9][A-Za-z0-9.\-]{0,15}", fullmatch=True).filter(
    lambda ref: ref.lower() not in _DATA.catalogue and not ref.lower().endswith("-or-later")
)
"""Custom licence references osaid cannot know (always fail)."""

licence_ids = st.one_of(
    st.sampled_from(OSI_IDS),
    st.sampled_from(OPEN_TERMS_IDS),
    st.sampled_from(CATALOGUE_IDS),
    st.sampled_from(ALL_SPDX_IDS),
    st.sampled_from(SENTINELS),
    unknown_refs,
)
"""One licence reference, drawn from every category the evaluator distinguishes."""

failing_ids = st.one_of(st.sampled_from(CATALOGUE_IDS), st.sampled_from(SENTINELS), unknown_refs)
"""References that fail for every element."""

_CARRY_AN_EXCEPTION = {
    lic.id.lower() for lic in _DATA.licenses.values() if " WITH " in (lic.successor or "")
}
"""Deprecated composite ids (``GPL-2.0-with-GCC-exception``): SPDX replaced them with an
expression that already has its ``WITH``, so a second exception is malformed, not a leaf."""

leaves = st.one_of(
    licence_ids,
    st.builds(
        lambda lic, exc: f"{lic} WITH {exc}",
        licence_ids.filter(lambda lic: lic.lower() not in _CARRY_AN_EXCEPTION),
        st.sampled_from(EXCEPTION_IDS),
    ),
)
"""A licence reference, sometimes with an SPDX exception."""


@dataclass(frozen=True)
class Expr:
    """An AND / OR node of a generated licence expression."""

    op: Literal["AND", "OR"]
    parts: tuple[Tree, ...]


Tree = Union[str, Expr]  # noqa: UP007 - a runtime alias, evaluated on Python 3.10


def _node(children: st.SearchStrategy[Tree]) -> st.SearchStrategy[Tree]:
    return st.builds(
        Expr,
        st.sampled_from(["AND", "OR"]),
        st.lists(children, min_size=2, max_size=4).map(tuple),
    )


trees: st.SearchStrategy[Tree] = st.recursive(leaves, _node, max_leaves=8)
"""Licence expression trees of up to eight leaves."""


def leaf_list(tree: Tree) -> list[str]:
    """The leaves of ``tree`` from left to right."""
    if isinstance(tree, str):
        return [tree]
    return [leaf for part in tree.parts for leaf in leaf_list(part)]


def oracle(tree: Tree, leaf_status: Callable[[str], str]) -> str:
    """The status SPDX semantics give ``tree``: OR needs any part to pass, AND every part."""
    if isinstance(tree, str):
        return leaf_status(tree)
    results = [oracle(part, leaf_status) == "pass" for part in tree.parts]
    passed = any(results) if tree.op == "OR" else all(results)
    return "pass" if passed else "fail"


def render(
    tree: Tree,
    rng: random.Random | None = None,
    *,
    extra_parens: bool = False,
    mixed_case: bool = False,
) -> str:
    """Write ``tree`` as an SPDX expression.

    Compound operands are always parenthesised. With ``rng``: ``extra_parens`` wraps random
    sub-expressions in redundant parentheses and ``mixed_case`` changes the case of ids and
    operators at random.
    """

    def case(word: str) -> str:
        if not (mixed_case and rng):
            return word
        return "".join(c.upper() if rng.random() < 0.5 else c.lower() for c in word)

    def wrap(text: str) -> str:
        if extra_parens and rng and rng.random() < 0.3:
            return f"({text})"
        return text

    if isinstance(tree, str):
        return wrap(" ".join(case(word) for word in tree.split(" ")))
    pieces = []
    for part in tree.parts:
        text = render(part, rng, extra_parens=extra_parens, mixed_case=mixed_case)
        pieces.append(f"({text})" if isinstance(part, Expr) else text)
    return wrap(f" {case(tree.op)} ".join(pieces))


def shuffled(tree: Tree, rng: random.Random) -> Tree:
    """``tree`` with the operands of every node in a random order."""
    if isinstance(tree, str):
        return tree
    parts = [shuffled(part, rng) for part in tree.parts]
    rng.shuffle(parts)
    return Expr(tree.op, tuple(parts))


# ------------------------------------------------------------------------------------------
# Manifests

KINDS = [kind.value for kind in ComponentKind]
FACETS = [facet.value for facet in DataFacet]

licence_values = st.one_of(st.none(), licence_ids, trees.map(render))


@st.composite
def components(
    draw: st.DrawFn, licences: st.SearchStrategy[str | None] = licence_values
) -> dict[str, Any]:
    """One valid manifest component."""
    item: dict[str, Any] = {"kind": draw(st.sampled_from(KINDS))}
    licence = draw(licences)
    if licence is not None:
        item["license"] = licence
    if draw(st.booleans()):
        item["used"] = draw(st.booleans())
    if item["kind"] == "data-description":
        covers = draw(st.lists(st.sampled_from(FACETS), unique=True))
        item["covers"] = covers
        # A facet cannot be both covered and not used: the reader refuses that contradiction.
        rest = [f for f in FACETS if f not in covers]
        item["not_used"] = draw(st.lists(st.sampled_from(rest), unique=True)) if rest else []
    if draw(st.booleans()):
        item["name"] = draw(st.text(max_size=20))
    return item


@st.composite
def manifests(
    draw: st.DrawFn, licences: st.SearchStrategy[str | None] = licence_values
) -> dict[str, Any]:
    """A valid osaid manifest as plain data."""
    manifest: dict[str, Any] = {
        "manifest": "osaid/1",
        "name": draw(st.text(min_size=1, max_size=20)),
        "scope": draw(st.sampled_from([s.value for s in Scope])),
        "distribution": draw(st.sampled_from([d.value for d in Distribution])),
        "components": draw(st.lists(components(licences), max_size=12)),
    }
    if draw(st.booleans()):
        manifest["base_model"] = {
            "name": draw(st.text(min_size=1, max_size=20)),
            "components": draw(st.lists(components(licences), max_size=4)),
        }
    return manifest


json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(10**12), max_value=10**12),
        st.floats(allow_nan=False),
        st.text(max_size=20),
        st.sampled_from(KINDS + FACETS + ALL_SPDX_IDS[:20] + component_names()),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.text(max_size=10), children, max_size=4),
    ),
    max_leaves=10,
)
"""Arbitrary JSON-compatible values (used to corrupt manifests)."""

VOCABULARY = [
    "manifest", "name", "version", "producer", "scope", "distribution", "base_model",
    "components", "kind", "license", "location", "used", "notes", "covers", "not_used",
    "licence", "framework", "release",
]  # fmt: skip


@st.composite
def corrupted(draw: st.DrawFn, value: Any) -> Any:
    """``value`` with some of its nested values replaced, removed or joined by junk keys."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            choice = draw(st.integers(0, 9))
            if choice == 0:
                continue
            out[key] = draw(json_values) if choice == 1 else draw(corrupted(item))
        if draw(st.integers(0, 5)) == 0:
            out[draw(st.sampled_from(VOCABULARY) | st.text(max_size=8))] = draw(json_values)
        return out
    if isinstance(value, list):
        return [draw(corrupted(item)) for item in value]
    return draw(json_values) if draw(st.integers(0, 9)) == 0 else value


@st.composite
def mof_documents(draw: st.DrawFn) -> dict[str, Any]:
    """A MOF model file as plain data, with licences at component and global level."""
    names = st.sampled_from(component_names())
    items = []
    for name in draw(st.lists(names, max_size=10)):
        item: dict[str, Any] = {"name": name}
        if draw(st.booleans()):
            item["license"] = draw(st.one_of(st.none(), licence_ids, st.just("unlicensed")))
        items.append(item)
    globals_ = {
        kind: {"name": draw(licence_ids)}
        for kind in draw(
            st.lists(st.sampled_from(["code", "data", "document", "distribution"]), unique=True)
        )
    }
    release: dict[str, Any] = {"name": draw(st.text(min_size=1, max_size=20)), "components": items}
    if globals_:
        release["license"] = globals_
    if draw(st.booleans()):
        release["origin"] = draw(st.text(max_size=20))
    return {"framework": {"name": "Model Openness Framework"}, "release": release}


messy_documents = st.one_of(
    manifests().flatmap(corrupted),
    mof_documents().flatmap(corrupted),
    json_values,
)
"""Documents that may or may not be valid manifests or MOF files."""
