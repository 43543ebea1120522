"""Key paths cannot collide with literal keys (issue 10, item 6).

Key paths were joined with ``.`` and ``[n]``, so a front-matter key literally named
``osaid.components[0].license`` took the place of the nested key and evidence pointed at the
decoy line. Unusual keys are now quoted when joined (``a."b.c"[0]``); ordinary ones read as
before.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

import osaid
from conftest import Writer
from osaid._keys import join_key, key_parent
from osaid.readers._document import parse

DECOY_CARD = """---
license: apache-2.0
osaid:
  components:
    - kind: training-code
      license: LicenseRef-Proprietary
"osaid.components[0].license": decoy
---
# Decoy
"""


def _training(report: osaid.Report) -> osaid.Result:
    return next(r for r in report.results if r.requirement.endswith("code/training"))


def test_a_decoy_key_does_not_take_the_place_of_the_nested_key(write: Writer) -> None:
    """Evidence points at the licence the block declares (line 6), not the decoy (line 7)."""
    report = osaid.check(write("README.md", DECOY_CARD))
    result = _training(report)
    assert result.status is osaid.Status.FAIL
    assert (result.evidence[0].key, result.evidence[0].line) == ("osaid.components[0].license", 6)


def test_the_decoy_key_keeps_its_own_quoted_path() -> None:
    """Both keys are recorded, each under its own path."""
    doc = parse('a:\n  b: 1\n"a.b": 2\n"x y": 3\n', "d.yaml")
    assert doc.lines["a.b"] == 2
    assert doc.lines['"a.b"'] == 3
    assert doc.line('"x y"') == 4
    assert doc.line('"a.b"') == 3
    assert doc.line("a.b") == 2


def test_ordinary_key_paths_read_as_before() -> None:
    """Keys made of letters, digits, ``-``, ``_``, ``@`` and ``:`` are not quoted."""
    path = ""
    for part in ("@graph", 3, "bom-ref", "software_packageVersion", "spdx:name"):
        path = join_key(path, part)
    assert path == "@graph[3].bom-ref.software_packageVersion.spdx:name"


def test_unusual_keys_are_quoted_and_escaped() -> None:
    """Dots, brackets, quotes, backslashes, spaces, control characters and "" are quoted."""
    assert join_key("a", "b.c") == 'a."b.c"'
    assert join_key("a", "x[0]") == 'a."x[0]"'
    assert join_key("", 'say "hi"') == '"say \\"hi\\""'
    assert join_key("a", "back\\slash") == 'a."back\\\\slash"'
    assert join_key("a", "") == 'a.""'
    assert join_key("a", "tab\there") == 'a."tab\there"'


def test_a_problem_under_a_dotted_key_is_located_on_its_line(write: Writer) -> None:
    """An unknown key holding a dot is reported quoted, on its own line."""
    text = json.dumps({"manifest": "osaid/1", "name": "x", "components.0": 1}, indent=1)
    with pytest.raises(osaid.InputError) as caught:
        osaid.read(write("m.json", text))
    problem = next(p for p in caught.value.problems if p.key == '"components.0"')
    assert problem.message.startswith("unknown key")
    assert problem.line == 4


_KEYS = st.one_of(st.integers(min_value=0, max_value=99), st.text(max_size=8))


@given(st.lists(_KEYS, max_size=6))
def test_key_parent_undoes_join_key(parts: list[str | int]) -> None:
    """Every path built by join_key yields its prefixes back, one level at a time."""
    prefixes = [""]
    for part in parts:
        prefixes.append(join_key(prefixes[-1], part))
    path = prefixes[-1]
    walked = [path]
    while walked[-1]:
        walked.append(key_parent(walked[-1]))
    assert walked[::-1] == prefixes


@given(st.text(max_size=30))
def test_key_parent_of_any_text_is_shorter_and_never_fails(key: str) -> None:
    """Readers may look up paths that are not well formed: the walk up always ends."""
    if key:
        assert len(key_parent(key)) < len(key)
