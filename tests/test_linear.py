"""Scanning and expanding input is bounded: what each rewritten scanner and budget answers.

Issue 10, "linear-time parsing" and "budgets by size": every regular expression applied to
input was rewritten where it could backtrack, SPDX 3 licence sets are expanded once each with
cycle and depth checks and a length budget, did-you-mean compares a bounded number of short
candidates, YAML aliases are counted by the text they expand to and SPDX tag-value has a
field budget. Speed itself is measured by benchmarks/patterns.py, never here: these tests
check results, on ordinary input (unchanged) and on the adversarial input the old code got
wrong (a RecursionError, a wrong line, a dropped bound).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

import osaid
from conftest import DATA, Writer
from osaid import InputError
from osaid._spdx_tags import COMMENT_ENDS, find_tags
from osaid._validation import MAX_CANDIDATES, MAX_SUGGESTED_LENGTH, suggest
from osaid.model import Component, ComponentKind, LicenseDeclaration, Origin
from osaid.readers._card import heading
from osaid.readers._document import MAX_NODES, parse
from osaid.readers._license_file import guess
from osaid.readers._repository import Repository
from osaid.readers._spdx2 import (
    MAX_UNREADABLE,
    _linear_lexer,
    _tag_line,
    _text_value,
    _xml_spans,
)

SPDX = DATA / "spdx"

# ------------------------------------------------------------------------------------------
# Model card headings


@pytest.mark.parametrize(
    ("body", "title"),
    [
        ("# Open LM\n", "Open LM"),
        ("intro\n# Open LM 7B ##\ntext\n", "Open LM 7B"),
        ("#\tTabbed title\t\n", "Tabbed title"),
        ("#Not a heading\n## Level two\n# Level one", "Level one"),
        ("# C#\n", "C#"),
        ("# C# #\n", "C#"),
        ("# Title\r\nbody\r\n", "Title"),
        ("#   \n# \t#\n# Real title\n", "Real title"),
        ("# a" + " " * 5000 + "b  \n", "a" + " " * 5000 + "b"),
        ("no heading at all\n", None),
    ],
)
def test_card_heading(body: str, title: str | None) -> None:
    """The first level-1 heading with a title, CommonMark's closing run of '#' removed.

    The old pattern kept a CRLF's CR in the title, cut 'C#' to 'C' and took a blank heading as
    the title ' '.
    """
    assert heading(body) == title


def test_card_name_from_a_crlf_heading(write: Writer) -> None:
    """A card written with CRLF line ends is named without a carriage return."""
    path = write("card.md", "---\r\nlicense: mit\r\n---\r\n# Open LM\r\n\r\nText.\r\n")
    assert osaid.read(path).name == "Open LM"


# ------------------------------------------------------------------------------------------
# SPDX-License-Identifier tags (repository files and LICENSE files)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("// SPDX-License-Identifier: MIT\n", ["MIT"]),
        ("/* SPDX-License-Identifier: Apache-2.0 OR MIT */\n", ["Apache-2.0 OR MIT"]),
        ("<!-- SPDX-License-Identifier: CC-BY-4.0 -->", ["CC-BY-4.0"]),
        ("{# SPDX-License-Identifier: GPL-2.0-or-later #}", ["GPL-2.0-or-later"]),
        ('"""SPDX-License-Identifier: MIT"""', ["MIT"]),
        ("# SPDX-License-Identifier: MIT\r\n# more\r\n", ["MIT"]),
        ("/* SPDX-License-Identifier: MIT */ /* SPDX-License-Identifier: ISC */", ["MIT", "ISC"]),
        ("# SPDX-License-Identifier: MIT" + " \t" * 4000 + "*/", ["MIT"]),
        ("# SPDX-License-Identifier: a" + " " * 8000 + "b", ["a" + " " * 8000 + "b"]),
    ],
)
def test_tags_in_repository_files(text: str, found: list[str]) -> None:
    """The expression runs to the end of its line or to a comment terminator."""
    assert [expression for _, expression in find_tags(text, COMMENT_ENDS)] == found


def test_a_tag_with_nothing_on_its_line_is_empty() -> None:
    """The old pattern read an empty tag's expression from the next line."""
    text = "# SPDX-License-Identifier:\n# SPDX-FileCopyrightText: 2024 Example\n"
    assert list(find_tags(text, COMMENT_ENDS)) == [(2, "")]


def test_repository_reports_an_empty_tag_on_its_own_line(tmp_path: Path) -> None:
    """An empty tag is malformed where it is written, and the line after it is not read."""
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.py").write_text(
        '"""Module."""\n# SPDX-License-Identifier:\n# GPL-3.0-only\n', encoding="utf-8"
    )
    component = Component(
        kind=ComponentKind.TRAINING_CODE,
        name="code",
        location="src",
        license=LicenseDeclaration(expression="MIT", written="MIT"),
        origin=Origin(file="osaid.yaml", key="components[0]"),
    )
    problems = Repository.at(str(tmp_path)).problems(component)
    assert [p.message for p in problems] == [
        "src/a.py:2 has a malformed SPDX-License-Identifier ''"
    ]


@pytest.mark.parametrize(
    ("text", "spdx", "hint"),
    [
        ("SPDX-License-Identifier: MIT\n\nMIT License\n", "MIT", None),
        ("Copyright 2024\nSPDX-License-Identifier:   Apache-2.0   \n", "Apache-2.0", None),
        ("SPDX-License-Identifier: MIT" + " " * 5000 + "OR\n", None, "SPDX-License-Identifier"),
        ("SPDX-License-Identifier:\nMIT\n", None, None),
        ("SPDX-License-Identifier:\nSPDX-License-Identifier: ISC\n", "ISC", None),
    ],
)
def test_licence_file_tag(text: str, spdx: str | None, hint: str | None) -> None:
    """The first tag with an expression on its own line; the old pattern read the next line."""
    found = guess("LICENSE", text)
    assert found.spdx == spdx
    assert (found.hint is None) if hint is None else (hint in (found.hint or ""))


def test_licence_file_head_is_bounded() -> None:
    """Only the head of a licence file is identified, however long its first line."""
    mit = (DATA / "licence-texts" / "mit-serde.LICENSE-MIT").read_text(encoding="utf-8")
    assert guess("LICENSE", mit + " " * 100_000).spdx == "MIT"
    assert guess("LICENSE", " " * 100_000 + mit).spdx is None


# ------------------------------------------------------------------------------------------
# SPDX 2 tag-value and XML


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ("PackageName: torch", ("PackageName", "torch")),
        ("PackageName:torch \t\r", ("PackageName", "torch")),
        ("Creator: Tool: x", ("Creator", "Tool: x")),
        (
            "PackageComment:" + " " * 5000 + "a" + " " * 5000 + "b",
            ("PackageComment", "a" + " " * 5000 + "b"),
        ),
        ("Tag:", ("Tag", "")),
        ("## a comment: not a field", None),
        ("Pâckage: x", None),
        (": value", None),
        ("no colon", None),
    ],
)
def test_tag_value_lines(line: str, field: tuple[str, str] | None) -> None:
    """A field is an ASCII tag, a colon and the value without surrounding blanks."""
    assert _tag_line(line) == field


def _tag_value(extra: str) -> str:
    return (
        "SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\nSPDXID: SPDXRef-DOCUMENT\n"
        "DocumentName: d\nDocumentNamespace: https://example.org/d\nCreator: Tool: t\n"
        "Created: 2024-06-03T09:12:44Z\n" + extra
    )


def test_tag_value_line_budget(write: Writer) -> None:
    """A tag-value document with more lines than a document may have values is refused.

    Counted before spdx-tools reads the text, and located at the first line past the budget.
    """
    path = write("many.spdx", _tag_value("Creator: Tool: t\n" * MAX_NODES))
    with pytest.raises(InputError) as caught:
        osaid.read(path)
    error = caught.value
    assert error.file == str(path)
    assert error.line == MAX_NODES + 1
    assert f"more than {MAX_NODES} lines" in str(error)


def test_tag_value_lexer_gives_spdx_tools_tokens() -> None:
    """The linear lexer gives spdx-tools' own tokens, unreadable characters included."""
    from spdx_tools.spdx.parser.tagvalue.lexer import SPDXLexer

    def tokens(lexer_class: Any, text: str) -> list[tuple[str, str, int, int]]:
        lexer = lexer_class()
        lexer.build(reflags=re.UNICODE)
        lexer.input(text)
        found = []
        while (token := lexer.token()) is not None:
            found.append((token.type, token.value, token.lineno, token.lexpos))
        return found

    texts = [
        (SPDX / "chat-assistant.spdx").read_text(encoding="utf-8"),
        "1a1:\n:\n\r\nTag: <text>a<b</tex</text>x\n#c\n!!\u00e9\n",
        "A:\nB: \t<text>\n</text>  \nC: <text>never ended",
    ]
    for text in texts:
        assert tokens(_linear_lexer(), text) == tokens(SPDXLexer, text)


@pytest.mark.parametrize(
    "token",
    [
        "<text>a</text>",
        "<text>a\nb</text>",
        "<text></text>",
        "<text>x</text>y</text>",
        "plain",
        "<text>no end",
        "<text></text></text>",
        "<text>\n</text>",
    ],
)
def test_text_values_unwrap_as_spdx_tools_does(token: str) -> None:
    """The text of a ``<text>`` value is what spdx-tools' own helper gives."""
    from spdx_tools.spdx.parser.tagvalue.helper_methods import str_from_text

    assert _text_value(token) == str_from_text(token)


def test_many_unreadable_characters_are_refused(write: Writer) -> None:
    """Past the budget, characters the lexer cannot read are refused, naming the line (spdx-tools
    kept a complaint for each: a 1 MiB line of digits took 229 MiB); even before the first tag,
    where spdx-tools skips them silently."""
    text = (SPDX / "chat-assistant.spdx").read_text(encoding="utf-8")
    path = write("junk.spdx", "\n" + "%" * (MAX_UNREADABLE + 1) + "\n" + text)
    with pytest.raises(InputError) as caught:
        osaid.read(path)
    assert caught.value.line == 2
    assert f"more than {MAX_UNREADABLE} characters are not tag-value syntax" in str(caught.value)
    assert len(osaid.read(write("few.spdx", "%" * MAX_UNREADABLE + "\n" + text)).components) == 5


def test_unreadable_tag_value_is_refused_as_spdx_tools_refuses_it(write: Writer) -> None:
    """Characters the lexer cannot read still make spdx-tools refuse the document."""
    text = (SPDX / "chat-assistant.spdx").read_text(encoding="utf-8")
    text = text.replace("FilesAnalyzed: false\n", "FilesAnalyzed: false\n" + "1" * 500 + "\n", 1)
    with pytest.raises(InputError, match="not a valid SPDX 2 document"):
        osaid.read(write("junk.spdx", text))


def test_tag_value_within_the_budget_is_read(write: Writer) -> None:
    """Fields up to the budget are read as before."""
    text = (SPDX / "chat-assistant.spdx").read_text(encoding="utf-8")
    assert len(osaid.read(write("sbom.spdx", text)).components) == 5


def test_xml_spans_skip_comments_and_cdata() -> None:
    """A package element in a comment or a CDATA section is no package."""
    text = (
        "<Document><!-- <packages> <packages>\n --><packages><name>a</name></packages>"
        "<![CDATA[<packages>]]><?pi <packages> ?><packages >b</packages >"
    )
    spans = _xml_spans(text, "packages")
    assert [text[start:end] for start, end in spans] == [
        "<packages><name>a</name>",
        "<packages >b",
    ]


def test_xml_spans_without_end_tags() -> None:
    """Start tags without end tags (never valid, but possible) each end where the next starts."""
    text = "<packages>" * 3
    assert _xml_spans(text, "packages") == [(0, 10), (10, 20), (20, 30)]


def test_spdx2_xml_package_line_after_a_commented_package(write: Writer) -> None:
    """A commented-out package does not shift where the real packages are said to be."""
    text = (SPDX / "chat-assistant.spdx.xml").read_text(encoding="utf-8")
    text = text.replace("<Document>", "<Document>\n<!-- <packages>old</packages> -->", 1)
    release = osaid.read(write("sbom.xml", text))
    first = release.components[0]
    assert first.name == "chat-assistant 1.4.0"
    lines = text.splitlines()
    assert first.origin.line is not None
    assert lines[first.origin.line - 1].strip() == "<packages>"
    assert first.origin.line > 4


# ------------------------------------------------------------------------------------------
# SPDX 3 licence sets

BASE = "https://spdx.example.org/b"


def _aibom(licences: list[dict[str, Any]], to: str) -> str:
    graph: list[dict[str, Any]] = [
        {"type": "CreationInfo", "@id": "_:c", "specVersion": "3.0.1", "created": "2024-11-20"},
        {"type": "ai_AIPackage", "spdxId": f"{BASE}/model", "name": "m"},
        *licences,
    ]
    for kind in ("hasDeclaredLicense", "hasConcludedLicense"):
        graph.append(
            {
                "type": "Relationship",
                "spdxId": f"{BASE}/{kind}",
                "from": f"{BASE}/model",
                "relationshipType": kind,
                "to": [to],
            }
        )
    document = {"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": graph}
    return json.dumps(document, indent=2)


def _set(name: str, members: list[str], kind: str = "Conjunctive") -> dict[str, Any]:
    return {
        "type": f"expandedlicensing_{kind}LicenseSet",
        "spdxId": f"{BASE}/{name}",
        "expandedlicensing_member": [f"{BASE}/{m}" for m in members],
    }


def _expression(name: str, text: str) -> dict[str, Any]:
    return {
        "type": "simplelicensing_LicenseExpression",
        "spdxId": f"{BASE}/{name}",
        "simplelicensing_licenseExpression": text,
    }


def _line_of(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if fragment in line)


def test_spdx3_set_containing_itself(write: Writer) -> None:
    """A set that is its own member is a located error naming it (it recursed until Python gave
    up)."""
    text = _aibom([_set("loop", ["loop"])], f"{BASE}/loop")
    path = write("aibom.json", text)
    with pytest.raises(InputError) as caught:
        osaid.read(path)
    error = caught.value
    assert f"licence element '{BASE}/loop' contains itself" in str(error)
    assert error.key == "@graph[2]"
    assert error.line == _line_of(text, f'"spdxId": "{BASE}/loop"') - 2  # the element's "{"


def test_spdx3_sets_containing_each_other(write: Writer) -> None:
    """A cycle through other sets is found too, naming the set met again."""
    licences = [
        _expression("mit", "MIT"),
        _set("a", ["mit", "b"]),
        _set("b", ["c"], "Disjunctive"),
        _set("c", ["a", "mit"]),
    ]
    path = write("aibom.json", _aibom(licences, f"{BASE}/a"))
    with pytest.raises(InputError, match=f"licence element '{BASE}/a' contains itself"):
        osaid.read(path)


def test_spdx3_shared_members_expand_once(write: Writer) -> None:
    """Sets sharing members give the expression they stand for, and a custom licence they share
    is noted once (it was expanded, and noted, once per path to it)."""
    custom = {
        "type": "expandedlicensing_CustomLicense",
        "spdxId": f"{BASE}/LicenseRef-acme",
        "name": "ACME",
    }
    licences = [
        custom,
        _expression("mit", "MIT"),
        _set("s0", ["mit", "LicenseRef-acme"], "Disjunctive"),
        _set("s1", ["s0", "s0"]),
        _set("s2", ["s1", "s1"]),
    ]
    release = osaid.read(write("aibom.json", _aibom(licences, f"{BASE}/s2")))
    licence = release.components[0].license
    assert licence is not None
    one = "(MIT OR LicenseRef-acme)"
    assert licence.expression == f"({one} AND {one}) AND ({one} AND {one})"
    assert [n.code for n in release.notes].count("spdx3-custom-licence") == 1


def test_spdx3_expansion_past_the_expression_limit(write: Writer) -> None:
    """A set standing for more than 20,000 characters is refused, naming it, unexpanded."""
    long = " AND ".join(f"LicenseRef-x{n}" for n in range(700))
    licences = [_expression("long", long), _set("twice", ["long", "long"])]
    text = _aibom(licences, f"{BASE}/twice")
    with pytest.raises(InputError) as caught:
        osaid.read(write("aibom.json", text))
    message = str(caught.value)
    assert f"licence element '{BASE}/twice' expands to a licence expression of more than" in message
    assert "20,000 characters" in message
    assert caught.value.key == "@graph[3]"


def test_spdx3_sharing_cannot_explode(write: Writer) -> None:
    """Forty sets each listing the previous one twice stand for 2**40 licences: refused."""
    licences = [_expression("s0", "MIT")]
    licences += [_set(f"s{n}", [f"s{n - 1}", f"s{n - 1}"]) for n in range(1, 41)]
    with pytest.raises(InputError, match="expands to a licence expression of more than"):
        osaid.read(write("aibom.json", _aibom(licences, f"{BASE}/s40")))


def test_spdx3_nesting_is_bounded(write: Writer) -> None:
    """Sets nested 400 deep are refused by depth (the old code overflowed the stack)."""
    licences = [_expression("s0", "MIT")]
    licences += [_set(f"s{n}", [f"s{n - 1}"]) for n in range(1, 401)]
    with pytest.raises(InputError, match="nested deeper than 100 levels"):
        osaid.read(write("aibom.json", _aibom(licences, f"{BASE}/s400")))


# ------------------------------------------------------------------------------------------
# Did-you-mean


def test_suggestions_for_ordinary_words_are_kept() -> None:
    """Misspelt keys and values still get their suggestion, among many candidates too."""
    assert suggest("licence", ["license", "location", "kind"]) == "; did you mean 'license'?"
    refs = [f"data-{n:05d}" for n in range(5000)] + ["data-web"]
    assert suggest("data-wbe", refs) == "; did you mean 'data-web'?"
    assert suggest("TRAINING_CODE", ["training-code"]) == "; did you mean 'training-code'?"


def test_the_word_itself_is_never_suggested(write: Writer) -> None:
    """``notes`` is a component key: at the top level it is unknown, and "did you mean 'notes'?"
    suggested the very word written."""
    assert suggest("notes", ["notes", "name"]) == ""
    assert suggest("Notes", ["notes"]) == "; did you mean 'notes'?"
    path = write("osaid.yaml", "manifest: osaid/1\nname: x\nnotes: a\n")
    with pytest.raises(InputError) as caught:
        osaid.read(path)
    assert str(caught.value).startswith(f"{path}:3: notes: unknown key")
    assert "did you mean 'notes'" not in str(caught.value)


def test_long_words_get_no_suggestion() -> None:
    """A word past the length bound is not compared (old: compared with every candidate)."""
    word = "a" * (MAX_SUGGESTED_LENGTH + 1)
    assert suggest(word, [word + "b"]) == ""
    assert suggest(word[:-1], [word]) != ""


def test_only_the_candidates_closest_in_length_are_compared() -> None:
    """With more same-length candidates than the bound, a longer near-miss is not reached."""
    unrelated = [f"zz{n:05d}" for n in range(MAX_CANDIDATES)]
    assert suggest("model-a", [*unrelated, "model-ab"]) == ""
    assert suggest("model-a", [*unrelated[:10], "model-ab"]) == "; did you mean 'model-ab'?"


def test_cyclonedx_unknown_ref_among_many(write: Writer) -> None:
    """An unknown bom-ref among thousands still names the one it was meant to be."""
    components: list[dict[str, Any]] = [
        {
            "type": "machine-learning-model",
            "name": "m",
            "modelCard": {"modelParameters": {"datasets": [{"ref": "data-wbe"}]}},
        },
        {"bom-ref": "data-web", "type": "data", "name": "web"},
    ]
    components += [{"bom-ref": f"ref-{n}", "type": "data", "name": "d"} for n in range(3000)]
    bom = {"bomFormat": "CycloneDX", "specVersion": "1.6", "components": components}
    with pytest.raises(InputError, match="did you mean 'data-web'"):
        osaid.read(write("bom.json", json.dumps(bom)))


# ------------------------------------------------------------------------------------------
# YAML aliases by expanded text


def test_aliases_expanding_past_the_text_limit_are_refused() -> None:
    """A 100 KB string aliased 120 times stands for 12 MB of text: refused, located, although
    it is only 120 values."""
    names = "".join("  - kind: supporting-libraries\n    name: *big\n" for _ in range(120))
    text = f"manifest: osaid/1\nname: &big {'a' * 100_000}\ncomponents:\n{names}"
    with pytest.raises(InputError) as caught:
        parse(text, "big.yaml")
    assert "aliases expand to more than 10 MiB of text" in str(caught.value)
    assert caught.value.line == 4  # the list that repeats the alias


def test_aliases_within_the_text_limit_are_read() -> None:
    """Aliases that repeat short values, however often within the value budget, are fine."""
    items = "".join("  - *licence\n" for _ in range(10_000))
    doc = parse(f"a: &licence Apache-2.0\nb:\n{items}", "ok.yaml")
    assert doc.data["b"] == ["Apache-2.0"] * 10_000


def test_a_long_document_may_stand_for_its_own_length() -> None:
    """A document longer than the text limit (allowed by a raised size limit) is not refused
    for the text it holds without aliases."""
    text = "a: " + "x" * (10 * 1024 * 1024 + 10) + "\n"
    assert len(parse(text, "long.yaml").data["a"]) == 10 * 1024 * 1024 + 10
