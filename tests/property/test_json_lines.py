"""Every key of any valid JSON gets its line, whatever characters and escapes it holds.

The regression: the CycloneDX specification's ML fixtures hold ``\\uD83E\\uDD17`` (an emoji, as
``json.dumps`` writes it by default), and every result on them lost its line.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from osaid._keys import join_key
from osaid.readers._document import parse

pytestmark = pytest.mark.property

_TEXT = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=12)
_SCALAR = st.one_of(st.none(), st.booleans(), st.integers(), _TEXT)


@given(
    st.dictionaries(_TEXT, _SCALAR, min_size=1, max_size=8),
    st.booleans(),
    st.booleans(),
)
def test_every_key_of_any_json_has_its_line(
    data: dict[str, object], ascii_only: bool, escape_slash: bool
) -> None:
    """One key per line (``indent=1``): key number i is on line i + 2, for any key text."""
    text = json.dumps({"k": data}, indent=1, ensure_ascii=ascii_only)
    if escape_slash:
        text = text.replace("/", "\\/")
    doc = parse(text, "x.json")
    assert doc.data == {"k": data}
    for index, key in enumerate(data):
        assert doc.line(join_key("k", key)) == index + 3, (key, text)


def test_surrogate_pair_and_lone_surrogate_escapes_keep_their_lines() -> None:
    r"""A pair (``\uD83E\uDD17``), a lone surrogate and an escaped backslash before ``uD83E``."""
    text = (
        '{\n "a": "\\uD83E\\uDD17",\n "\\ud83e\\udd17": 1,\n "b": "\\ud800",\n "c": "\\\\uD83E"\n}'
    )
    doc = parse(text, "x.json")
    assert doc.data == {"a": "\U0001f917", "\U0001f917": 1, "b": "\ud800", "c": "\\uD83E"}
    assert [doc.line(key) for key in ("a", "\U0001f917", "b", "c")] == [2, 3, 4, 5]
