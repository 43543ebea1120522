"""The linear scanners find what the backtracking patterns they replaced found, on real input.

Issue 10 replaced regular expressions that were quadratic on runs of blanks. The patterns that
were replaced are kept here as oracles: on generated input of the kind real files hold (a
tag's expression on the tag's own line, headings with a title, any field line), the new code
must give the same answer. Where the answers differ on purpose (an empty tag no longer reads
the next line, CommonMark's closing '#', a CRLF), tests/test_linear.py states the new answer.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from osaid._spdx_tags import COMMENT_ENDS, find_tags
from osaid.readers._card import heading
from osaid.readers._spdx2 import _tag_line

pytestmark = pytest.mark.property

OLD_REPOSITORY_TAG = re.compile(
    r"SPDX-License-Identifier:\s*(?P<expr>[^\r\n]*?)\s*(?:\*/|-->|#\}|\"\"\"|$)", re.M
)
OLD_LICENCE_FILE_TAG = re.compile(r"SPDX-License-Identifier:\s*(?P<expr>[^\r\n]+?)\s*$", re.M)
OLD_TAG_LINE = re.compile(r"^([A-Za-z]+):[ \t]*(.*?)[ \t\r]*$")
OLD_HEADING = re.compile(r"^#[ \t]+(?P<title>.+?)[ \t#]*$", re.M)

TAG = "SPDX-License-Identifier:"
_PIECES = ["MIT", "Apache-2.0", " OR ", " AND ", "(", ")", " ", "\t", "\xa0", "-", "*", "#", '"']
_PIECES += ["*/", "-->", "#}", '"""', "x", "+", ":"]

expression_text = st.lists(st.sampled_from(_PIECES), max_size=8).map("".join)
other_text = st.text(st.characters(blacklist_characters="\r\n"), max_size=20)


@st.composite
def tag_lines(draw: st.DrawFn) -> str:
    """A line holding a tag whose line goes on with something other than blanks."""
    before = draw(other_text)
    expression = draw(expression_text)
    first = draw(st.sampled_from(["MIT", "x", "*/", "-->", "(", "#"]))
    return before + TAG + draw(st.sampled_from(["", " ", "\t "])) + first + expression


files = st.lists(st.one_of(tag_lines(), other_text), min_size=1, max_size=6).flatmap(
    lambda lines: st.sampled_from(["\n", "\r\n"]).map(lambda end: end.join(lines) + end)
)


@settings(max_examples=400, deadline=None)
@given(files)
def test_repository_tags_match_the_old_pattern(text: str) -> None:
    old = [(m.start(), m["expr"].strip()) for m in OLD_REPOSITORY_TAG.finditer(text)]
    assert list(find_tags(text, COMMENT_ENDS)) == old


@settings(max_examples=400, deadline=None)
@given(files)
def test_licence_file_tag_matches_the_old_pattern(text: str) -> None:
    head = "\n".join(text.splitlines())
    old = OLD_LICENCE_FILE_TAG.search(head)
    new = next((expression for _, expression in find_tags(head) if expression), None)
    assert new == (old["expr"] if old else None)


@settings(max_examples=400, deadline=None)
@given(st.text(st.characters(blacklist_characters="\n"), max_size=40))
def test_tag_value_lines_match_the_old_pattern(line: str) -> None:
    old = OLD_TAG_LINE.match(line)
    assert _tag_line(line) == (old.groups() if old else None)


titles = st.text(st.characters(blacklist_characters="\r\n#"), min_size=1, max_size=20).filter(
    lambda title: title.strip(" \t") != ""
)


headings = st.tuples(
    st.sampled_from(["# ", "#\t", "# \t "]),
    titles,
    st.sampled_from(["", " ", "\t", " #", "  ##", "\t#", " # \t"]),
).map("".join)
markdown = st.lists(
    st.one_of(other_text.filter(lambda text: not text.startswith("#")), headings), max_size=6
).map("\n".join)


@settings(max_examples=400, deadline=None)
@given(markdown)
def test_card_heading_matches_the_old_pattern(body: str) -> None:
    old = OLD_HEADING.search(body)
    assert heading(body) == (old["title"] if old else None)
