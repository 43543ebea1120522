"""Licence-text identification (issue 13, item 2): the corpus, look-alikes, notices, bad input.

The corpus in tests/data/licence-texts/ holds real files, unchanged, each with the
identification it must get (PROVENANCE.tsv; README.md there says how it is written).
"""

from __future__ import annotations

import csv
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DATA
from osaid._errors import LicenseDataError
from osaid.licensing import shipped_license_data
from osaid.licensing._text_tables import (
    load_phrase_rules,
    shipped_phrase_rules,
    shipped_text_words,
)
from osaid.licensing._texts import (
    MAX_MATCHED_CHARS,
    Identification,
    Method,
    TextKind,
    identify,
    identify_file,
)

CORPUS = DATA / "licence-texts"
ROWS = list(
    csv.DictReader(
        (CORPUS / "PROVENANCE.tsv").read_text(encoding="utf-8").splitlines(), delimiter="\t"
    )
)
BY_FILE = {row["file"]: row for row in ROWS}


def text_of(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


def answer(result: Identification) -> str:
    """The identification written as in PROVENANCE.tsv's `expected` column."""
    if not result.found:
        return result.kind.value
    written = f"{result.kind.value}: {', '.join(result.licenses)}"
    choices = [e.choices for e in result.found if e.choices]
    if choices:
        written += f" (choices {choices[0][0]} / {choices[0][1]})"
    return written


# ------------------------------------------------------------------------------------------
# The corpus


def test_corpus_is_what_the_provenance_says() -> None:
    """Every file is listed, unchanged (sha256), with a source and a licence."""
    files = {p.name for p in CORPUS.iterdir()} - {"PROVENANCE.tsv", "README.md"}
    assert files == set(BY_FILE)
    for row in ROWS:
        digest = hashlib.sha256((CORPUS / row["file"]).read_bytes()).hexdigest()
        assert digest == row["sha256"], row["file"]
        assert row["repository"].count("/") == 1, row["file"]
        assert len(row["commit"]) == 40, row["file"]
        assert row["licence_of_file"], row["file"]


def test_corpus_covers_what_the_issue_asks() -> None:
    """At least 15 licences in full text, 5 of them AI licences, plus notices and a README."""
    texts = {row["expected"] for row in ROWS if row["expected"].startswith("licence-text")}
    ai = {t for t in texts if "LicenseRef-" in t}
    assert len(texts) >= 15
    assert len(ai) >= 5
    kinds = {row["expected"].split(":")[0].split(" |")[0] for row in ROWS}
    assert {"notice", "mention", "not-recognised"} <= kinds


@pytest.mark.parametrize("row", ROWS, ids=[row["file"] for row in ROWS])
def test_corpus_file(row: dict[str, str]) -> None:
    """Each real file gets its expected identification (one of them, where several are right)."""
    result = identify_file(CORPUS / row["file"], row["file"])
    assert answer(result) in row["expected"].split(" | ")
    assert result.name == row["file"]
    if result.kind is TextKind.LICENCE_TEXT and not result.ambiguous:
        assert result.expression == result.licenses[0]
        assert result.confidence is not None
        assert result.confidence >= 0.75
    else:
        assert result.kind is TextKind.NOTICE or result.expression is None


def test_every_phrase_rule_fires_on_its_own_text_only() -> None:
    """Each AI rule with a corpus copy recognises that copy and no other corpus file."""
    rules = {rule.id: rule for rule in shipped_phrase_rules()}
    fired: dict[str, list[str]] = {}
    for row in ROWS:
        for evidence in identify_file(CORPUS / row["file"]).found:
            if evidence.method is Method.PHRASES and evidence.full_text:
                fired.setdefault(evidence.license, []).append(row["file"])
    assert all(len(files) == 1 for files in fired.values()), fired
    without_copy = set(rules) - set(fired)
    assert {rules[i].key for i in without_copy} == {"bigscience-openrail-m"}


# ------------------------------------------------------------------------------------------
# Look-alikes: never the open sibling


@pytest.mark.parametrize(
    ("name", "expected", "never"),
    [
        ("cc-by-nc-4.0-alpaca.DATA_LICENSE", "CC-BY-NC-4.0", {"CC-BY-4.0"}),
        ("cc-by-nc-sa-4.0-imagebind.LICENSE", "CC-BY-NC-SA-4.0", {"CC-BY-SA-4.0", "CC-BY-4.0"}),
        ("cc-by-nd-4.0-pydidas.txt", "CC-BY-ND-4.0", {"CC-BY-4.0"}),
    ],
)
def test_nc_nd_texts_are_never_their_open_siblings(
    name: str, expected: str, never: set[str]
) -> None:
    """The non-commercial and no-derivatives texts keep their own id, whole or trimmed."""
    text = text_of(name)
    body = text[text.index("By exercising the Licensed Rights") :]  # without the CC preamble
    for variant in (text, body, text.replace("\n", " "), text.upper()):
        result = identify(variant, name)
        assert result.licenses == (expected,)
        assert not never & set(result.licenses)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("This dataset is licensed under CC BY-NC 4.0.\n", "CC-BY-NC-4.0"),
        ("Data: CC-BY-NC-SA-4.0. Code: see LICENSE.\n", "CC-BY-NC-SA-4.0"),
        ("Licence: Creative Commons Attribution-NoDerivatives 4.0\n", None),
        ("https://creativecommons.org/licenses/by-nc/4.0/\n", "CC-BY-NC-4.0"),
        ("Weights under the CC BY-ND 4.0 licence\n", "CC-BY-ND-4.0"),
    ],
)
def test_nc_nd_names_are_never_their_open_siblings(text: str, expected: str | None) -> None:
    """A notice or a sentence naming an NC/ND licence never names plain CC-BY."""
    result = identify(text, "README.md")
    assert "CC-BY-4.0" not in result.licenses
    assert "CC-BY-SA-4.0" not in result.licenses
    assert result.licenses == ((expected,) if expected else ())


def test_ai_sibling_versions_are_told_apart() -> None:
    """Llama 3, 3.1, 3.2, 3.3 and 4, and the two Tongyi Qianwen texts, each keep their own id."""
    names = [r["file"] for r in ROWS if r["file"].startswith(("ai-llama", "ai-qwen"))]
    ids = [identify(text_of(name), name).licenses for name in names]
    assert all(len(found) == 1 for found in ids)
    assert len({found[0] for found in ids}) == len(names)


def test_ai_text_without_its_dated_line_is_only_a_mention() -> None:
    """The title is not enough: without the version line the Llama 3.1 text is a mention."""
    text = text_of("ai-llama-3.1.LICENSE").replace("Llama 3.1 Version Release Date", "Date")
    result = identify(text, "LICENSE")
    assert result.kind is TextKind.MENTION
    assert result.expression is None


def test_ai_title_in_a_short_notice_is_a_mention() -> None:
    """Quoting the title and the dated line in a short note is not the licence."""
    note = (
        "This model is released under the Llama 3.1 Community License Agreement\n"
        "(Llama 3.1 Version Release Date: July 23, 2024).\n"
    )
    result = identify(note, "NOTICE")
    assert result.kind is TextKind.MENTION
    assert result.licenses == ("LicenseRef-scancode-llama-3.1-license-2024",)


# ------------------------------------------------------------------------------------------
# Filled-in copyright lines and variants


@pytest.mark.parametrize(
    "header",
    [
        "Copyright (c) 2024 Jane Doe\n",
        "Copyright © 2019-2024 Example Labs, Inc. and contributors\n",
        "(c) 2021 A. Person <a@example.org>\nCopyright 2022 Other Corp.\n",
        "MIT License\n\nCopyright (c) 2016-present The Example Authors\n",
    ],
)
def test_filled_in_copyright_lines(header: str) -> None:
    """An MIT text with any copyright lines above it is still MIT."""
    result = identify(header + "\n" + text_of("mit-serde.LICENSE-MIT"), "LICENSE")
    assert result.kind is TextKind.LICENCE_TEXT
    assert result.expression == "MIT"


def test_bsd_placeholder_filled_in() -> None:
    """The REUSE BSD-3-Clause copy with its placeholder replaced by a real holder."""
    text = text_of("bsd-3-clause-kde-plain.txt").replace("<year> <owner>", "2024 Jane Doe")
    assert "2024 Jane Doe" in text
    assert identify(text, "LICENSE").expression == "BSD-3-Clause"


# ------------------------------------------------------------------------------------------
# Notices, headers and mentions

APACHE_HEADER = """\
Copyright 2024 Example Labs

Licensed under the Apache License, Version 2.0 (the "License");
you may not use this file except in compliance with the License.
You may obtain a copy of the License at

    http://www.apache.org/licenses/LICENSE-2.0

Unless required by applicable law or agreed to in writing, software
distributed under the License is distributed on an "AS IS" BASIS,
WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
See the License for the specific language governing permissions and
limitations under the License.
"""

GPL_OR_LATER = """\
This program is free software; you can redistribute it and/or modify
it under the terms of the GNU General Public License as published by
the Free Software Foundation; either version 2 of the License, or
(at your option) any later version.

This program is distributed in the hope that it will be useful,
but WITHOUT ANY WARRANTY; without even the implied warranty of
MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
GNU General Public License for more details.
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (APACHE_HEADER, "Apache-2.0"),
        ("Licensed under the Apache License, Version 2.0\n", "Apache-2.0"),
        (GPL_OR_LATER, "GPL-2.0-or-later"),
        (
            "This Source Code Form is subject to the terms of the Mozilla Public\n"
            "License, v. 2.0. If a copy of the MPL was not distributed with this\n"
            "file, You can obtain one at https://mozilla.org/MPL/2.0/.\n",
            "MPL-2.0",
        ),
        ("# SPDX-License-Identifier: Apache-2.0 OR MIT\nimport os\n", "Apache-2.0 OR MIT"),
        ("/* SPDX-License-Identifier: BSD-3-Clause */\n", "BSD-3-Clause"),
        ("https://www.apache.org/licenses/LICENSE-2.0\n", "Apache-2.0"),
    ],
)
def test_notices_name_a_licence_without_being_its_text(text: str, expected: str) -> None:
    """A header, a one-line statement, a tag or a licence URL is a notice: one licence, stated."""
    result = identify(text, "LICENSE")
    assert result.kind is TextKind.NOTICE
    assert result.expression == expected
    assert not any(e.full_text for e in result.found)
    assert "not a full licence text" in result.describe()


def test_differing_tags_state_no_single_licence() -> None:
    """Two tags naming different licences: a notice of both, and no expression."""
    text = "// SPDX-License-Identifier: MIT\n// SPDX-License-Identifier: GPL-3.0-only\n"
    result = identify(text, "NOTICE")
    assert result.kind is TextKind.NOTICE
    assert result.licenses == ("MIT", "GPL-3.0-only")
    assert [e.line for e in result.found] == [1, 2]
    assert result.expression is None


def test_malformed_tag_states_nothing() -> None:
    """A tag that is not an SPDX expression is reported as such and states no licence."""
    result = identify("SPDX-License-Identifier: MIT OR (\n", "LICENSE")
    assert result.kind is TextKind.NOTICE
    assert result.found[0].malformed
    assert result.expression is None
    assert "not a valid SPDX expression" in result.describe()


def test_readme_naming_apache_is_a_mention_not_a_declaration() -> None:
    """The Alpaca README names Apache 2.0 (code) and CC BY NC 4.0 (data): mentions only."""
    result = identify_file(CORPUS / "readme-alpaca.md", "README.md")
    assert result.kind is TextKind.MENTION
    assert result.licenses == ("Apache-2.0", "CC-BY-NC-4.0")
    assert result.expression is None
    assert [e.line for e in result.found] == [8, 9]
    assert "mentions Apache-2.0 (line 8)" in result.describe()


@pytest.mark.parametrize(
    ("text", "licences"),
    [
        ("This project is licensed under the Apache 2.0 license. See LICENSE.\n", ("Apache-2.0",)),
        ("Code is GPL-3.0-only; docs are CC-BY-4.0.\n", ("GPL-3.0-only", "CC-BY-4.0")),
        ("We fine-tuned Llama 2 on our data.\n", ("LicenseRef-scancode-llama-2-license-2023",)),
        ("See docs/llama\n2. Install the package\n", ()),  # never across a line break
        ("Released under the MIT licence; uses JSON and X11.\n", ()),  # bare words name nothing
        ("Our model is available in GGUF format\n", ()),
    ],
)
def test_prose_mentions(text: str, licences: tuple[str, ...]) -> None:
    """Prose names licences by versioned ids and names; it never declares one."""
    result = identify(text, "README.md")
    assert result.licenses == licences
    assert result.kind is (TextKind.MENTION if licences else TextKind.NOT_RECOGNISED)
    assert result.expression is None


def test_url_only_licence_file_is_not_recognised() -> None:
    """A LICENSE holding only a link to a page (as meta-llama/llama-models has) names nothing."""
    text = "https://github.com/example-org/example-models/blob/main/README.md#licence\n"
    result = identify(text, "LICENSE")
    assert result.kind is TextKind.NOT_RECOGNISED
    assert result.describe() == "no licence text recognised"


# ------------------------------------------------------------------------------------------
# GNU texts and several texts


@pytest.mark.parametrize(
    ("name", "family"),
    [
        ("gpl-2.0-htop.COPYING", "GPL-2.0"),
        ("gpl-3.0-shellcheck.LICENSE", "GPL-3.0"),
        ("lgpl-2.1-chardet.LICENSE", "LGPL-2.1"),
        ("agpl-3.0-searxng.LICENSE", "AGPL-3.0"),
    ],
)
def test_gnu_texts_say_they_are_ambiguous(name: str, family: str) -> None:
    """A GNU text does not say only or or-later: both are kept, and no expression is given."""
    result = identify(text_of(name), name)
    assert result.kind is TextKind.LICENCE_TEXT
    assert result.ambiguous
    assert result.expression is None
    assert result.found[0].choices == (f"{family}-only", f"{family}-or-later")
    assert "does not say whether" in result.describe()


def test_gnu_how_to_apply_section_is_part_of_the_text() -> None:
    """The LGPL's own "how to apply" notice (or-later) is not a second statement."""
    result = identify(text_of("lgpl-2.1-chardet.LICENSE"), "LICENSE")
    assert result.licenses == ("LGPL-2.1",)


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (("apache-2.0-serde.LICENSE-APACHE", "mit-serde.LICENSE-MIT"), ("Apache-2.0", "MIT")),
        (
            ("ai-llama-3.1.LICENSE", "mit-kulcsar.LICENSE"),
            ("LicenseRef-scancode-llama-3.1-license-2024", "MIT"),
        ),
    ],
)
def test_several_texts_name_each_and_assume_none(
    names: tuple[str, ...], expected: tuple[str, ...]
) -> None:
    """Two full texts in one file (dual licensing): both reported, no single licence."""
    result = identify("\n\n".join(text_of(name) for name in names), "LICENSE")
    assert result.kind is TextKind.SEVERAL_TEXTS
    assert set(result.licenses) == set(expected)
    assert result.expression is None
    assert result.describe().startswith("several licence texts: ")


def test_two_copies_of_one_licence_are_one_text() -> None:
    """A file with the MIT text twice (two holders) is MIT."""
    mit = text_of("mit-kulcsar.LICENSE")
    assert identify(mit + "\n" + mit, "LICENSE").expression == "MIT"


def test_below_threshold_nothing_is_assumed() -> None:
    """A licence text buried in a page of other prose is only a mention."""
    prose = "This paragraph describes the project, its goals and how to build it.\n" * 60
    result = identify(prose + text_of("mit-serde.LICENSE-MIT"), "README.md")
    assert result.kind is TextKind.MENTION
    assert result.licenses == ("MIT",)
    assert result.found[0].confidence is not None
    assert result.found[0].confidence < 0.75
    assert result.expression is None


# ------------------------------------------------------------------------------------------
# Bad input: one clear result, never a traceback


def test_binary_file_is_unreadable(tmp_path: Path) -> None:
    """A binary LICENSE is refused with the offset of its first NUL byte."""
    path = tmp_path / "LICENSE"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    result = identify_file(path, "LICENSE")
    assert result.kind is TextKind.UNREADABLE
    assert result.reason == "is binary (NUL byte at offset 8), not a licence text"
    assert result.describe() == f"not read: it {result.reason}"
    assert result.expression is None


def test_non_utf8_file_is_unreadable(tmp_path: Path) -> None:
    """Latin-1 bytes are refused with their offset."""
    path = tmp_path / "COPYING"
    path.write_bytes("Copyright 2024 J\xfcrgen\n".encode("latin-1"))
    result = identify_file(path)
    assert result.kind is TextKind.UNREADABLE
    assert result.reason == "is not UTF-8 text (invalid byte at offset 16)"
    assert result.name == str(path)


def test_file_over_the_input_limit_is_unreadable(tmp_path: Path) -> None:
    """Past the input limit the file is not read at all."""
    path = tmp_path / "LICENSE"
    path.write_text(text_of("mit-serde.LICENSE-MIT") * 2, encoding="utf-8")
    result = identify_file(path, "LICENSE", max_bytes=1024)
    assert result.kind is TextKind.UNREADABLE
    assert result.reason == "is larger than the input limit of 1 KiB"


def test_huge_text_is_capped_and_says_so(tmp_path: Path) -> None:
    """A 10 MiB LICENSE (within the limit) is identified from its head, and says so."""
    path = tmp_path / "LICENSE"
    filler = "\n" * (9 * 1024 * 1024)  # blank lines: no words to dilute the licence text
    path.write_text(text_of("mit-serde.LICENSE-MIT") + filler, encoding="utf-8")
    result = identify_file(path, "LICENSE")
    assert result.truncated
    assert result.expression == "MIT"
    assert f"only the first {MAX_MATCHED_CHARS // 1024} Ki characters were identified" in (
        result.notes
    )
    tail = identify(filler + text_of("mit-serde.LICENSE-MIT"), "LICENSE")
    assert tail.truncated
    assert tail.kind is TextKind.NOT_RECOGNISED


def test_huge_tag_line_is_bounded() -> None:
    """A tag with a 100,000-character value is malformed, and shown shortened."""
    result = identify("SPDX-License-Identifier: " + "MIT AND " * 12_500, "LICENSE")
    assert result.found[0].malformed
    assert len(result.found[0].license) <= 103


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_fifo_and_directory_are_unreadable(tmp_path: Path) -> None:
    """A FIFO is refused at once (never waited on), and so is a directory or a missing file."""
    fifo = tmp_path / "LICENSE"
    os.mkfifo(fifo)
    assert identify_file(fifo).reason == "is a FIFO (named pipe), not a regular file"
    assert identify_file(tmp_path).kind is TextKind.UNREADABLE
    assert identify_file(tmp_path / "missing").reason == "no such file"


@pytest.mark.parametrize(
    "text",
    ["", "\ufeff", "\n" * 1000, "\x00\x01\x02", "\u202e" * 100, "SPDX-License-Identifier:"],
)
def test_odd_text_gives_one_result(text: str) -> None:
    """Empty, control-character and tag-only texts are simply not recognised."""
    result = identify(text, "LICENSE")
    assert result.kind in (TextKind.NOT_RECOGNISED, TextKind.NOTICE)
    assert result.expression is None


# ------------------------------------------------------------------------------------------
# Data and loading


def test_phrase_keys_must_be_catalogue_keys(tmp_path: Path) -> None:
    """A rule for a key ai-licenses.toml does not know, or a phrase not in normalised form,
    names the file and the key."""
    path = tmp_path / "phrases.toml"
    path.write_text(
        '[meta]\ntitle = "t"\n\n'
        '[[rule]]\nkey = "llama-9"\nphrases = ["a", "b"]\nmin_words = 10\nsource = "s"\n\n'
        '[[rule]]\nkey = "llama-2"\nphrases = ["Llama 2", "b"]\nmin_words = 10\nsource = "s"\n',
        encoding="utf-8",
    )
    with pytest.raises(LicenseDataError) as caught:
        load_phrase_rules(path, shipped_license_data())
    problems = [(p.key, p.message) for p in caught.value.problems]
    assert problems == [
        ("rule[0].key", "'llama-9' is not a key of ai-licenses.toml"),
        ("rule[1].phrases[0]", "phrase 'Llama 2' is not written in normalised form"),
    ]
    assert caught.value.file == str(path)


def test_text_sizes_cover_the_shipped_spdx_list() -> None:
    """Nearly every SPDX id has the size of its text; a missing one is never a full text."""
    sizes = shipped_text_words()
    missing = {i for i in shipped_license_data().licenses if i not in sizes}
    assert len(missing) <= 10, sorted(missing)
    assert sizes["mit"] > 100
    assert sizes["apache-2.0"] > 1000


def test_matcher_is_loaded_on_first_use_only() -> None:
    """Importing osaid, the licensing package or init's LICENSE reader loads no matcher."""
    code = (
        "import sys, osaid, osaid.licensing._texts, osaid.readers._license_file\n"
        "assert 'licenseclassifier' not in sys.modules\n"
        "from osaid.licensing._texts import identify\n"
        "identify('Licensed under the Apache License, Version 2.0', 'LICENSE')\n"
        "assert 'licenseclassifier' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, env=dict(os.environ))
