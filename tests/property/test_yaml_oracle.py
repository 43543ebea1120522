"""osaid's YAML reading builds exactly what ``yaml.safe_load`` builds.

(The YAML reader itself: ``parse`` sends text starting with ``{`` or ``[`` to the JSON reader.)

The reader builds plain values while it walks the composed nodes (to locate every key) and
leaves anything unusual to PyYAML's constructor. These tests hold the result to PyYAML's own,
type for type, on generated documents, on every YAML feature with a special constructor, and on
every YAML file shipped in the repository.
"""

from __future__ import annotations

import datetime
import math
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATA, EXAMPLES, ROOT
from osaid import InputError
from osaid.readers._document import _parse_yaml

pytestmark = pytest.mark.property


def _same(ours: Any, theirs: Any) -> bool:
    """Equal and of the same types all the way down (``1 == True`` is not enough)."""
    if type(ours) is not type(theirs):
        return False
    if isinstance(ours, dict):
        return list(ours) == list(theirs) and all(
            _same(k1, k2) and _same(ours[k1], theirs[k2])
            for k1, k2 in zip(ours, theirs, strict=True)
        )
    if isinstance(ours, list):
        return len(ours) == len(theirs) and all(map(_same, ours, theirs))
    if isinstance(ours, float) and math.isnan(ours):
        return math.isnan(theirs)
    return bool(ours == theirs)


def _check(text: str) -> None:
    try:
        expected = yaml.safe_load(text)
    except yaml.YAMLError:
        return
    try:
        ours = _parse_yaml(text, "oracle.yaml", 0).data
    except InputError as exc:
        refused = str(exc)
    else:
        assert _same(ours, expected), (ours, expected)
        return
    # osaid is stricter than YAML on one point, on purpose: keys written alike ('true' and
    # true, '1' and 1) are refused as given twice (tests/test_readers.py covers it).
    assert "key is given twice" in refused, refused


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.dates(),
    st.datetimes(),
    st.binary(max_size=10),
    st.sampled_from(["yes", "no", "on", "off", "~", "null", "0x1f", "0o17", "1_000", "1e3"]),
)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(st.text(max_size=8), st.integers(), st.booleans()), children),
    ),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None)
@given(documents, st.sampled_from([None, True, False]))
def test_generated_documents_read_as_pyyaml_reads_them(document: Any, flow: bool | None) -> None:
    """Any data PyYAML can write, in block or flow style, reads back identically."""
    _check(yaml.safe_dump({"doc": document, "again": document}, default_flow_style=flow))


@pytest.mark.parametrize(
    "text",
    [
        "base: &b {a: 1, b: 2}\nchild:\n  <<: *b\n  b: 3\n",  # merge key
        "list: &l [1, 2]\nsame: *l\n",  # shared list
        "s: !!set {a, b}\n",
        "o: !!omap [{a: 1}, {b: 2}]\n",
        "p: !!pairs [{a: 1}, {a: 2}]\n",
        "? [1, 2]\n: complex\n",  # complex key: PyYAML refuses it
        "= : value\n",
        "t: 2024-10-28\nts: 2024-10-28 12:00:00\nb: !!binary aGVsbG8=\n",
        "1: int key\ntrue: bool key\n~: null key\n1.5: float key\n",
        "x: !!str 12\ny: !!int '12'\nz: !!float '1'\n",
        "- a\n- - b\n  - c\n- {d: e}\n",
        "plain",
        "",
        "a: !custom x\n",
    ],
)
def test_every_special_construct_reads_as_pyyaml_reads_it(text: str) -> None:
    """Merge keys, sets, ordered maps, complex keys, recursive aliases, tags: as PyYAML does."""
    try:
        expected = yaml.safe_load(text)
    except yaml.YAMLError:
        with pytest.raises(Exception):  # noqa: B017, PT011 - osaid wraps it as InputError
            _parse_yaml(text, "oracle.yaml", 0)
        return
    ours = _parse_yaml(text, "oracle.yaml", 0).data
    assert _same(ours, expected), (ours, expected)


def test_a_recursive_alias_is_left_to_pyyaml() -> None:
    """A list containing itself is built by PyYAML's constructor, as ``safe_load`` builds it."""
    data = _parse_yaml("r: &r [1, *r]\n", "oracle.yaml", 0).data
    assert data["r"][0] == 1
    assert data["r"][1] is data["r"]


SHIPPED = sorted(
    {
        *EXAMPLES.rglob("*.yaml"),
        *DATA.rglob("*.yml"),
        *DATA.rglob("*.yaml"),
        *(ROOT / "fuzz" / "corpus").glob("*.y*ml"),
    }
)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(ROOT)))
def test_shipped_yaml_reads_as_pyyaml_reads_it(path: Path) -> None:
    """Every YAML file in the repository (the MOT corpus included)."""
    _check(path.read_text(encoding="utf-8"))


def test_dates_stay_dates() -> None:
    """A spot check the type-strict comparison relies on."""
    data = _parse_yaml("d: 2024-10-28\n", "d.yaml", 0).data
    assert type(data["d"]) is datetime.date
