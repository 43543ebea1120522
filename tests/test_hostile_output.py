"""Every output format survives any string a release can carry (issue 10, item 6).

A pull request controls every value of a release: its name, version and producer, component
names, licences as written, notes, the file names and key paths its evidence points at. Whatever
they hold (lone surrogates, non-UTF-8 file names, controls, bidi overrides, line breaks,
Markdown, HTML, URLs, mentions), every format must render without raising, as valid UTF-8 with
no raw control character, and with the same structure as for a plain value: a value can never
add a line, a heading, a table row, a link or a finding. Markdown is checked against cmark-gfm,
the renderer GitHub uses.
"""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import cmarkgfm
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import osaid
from conftest import EXAMPLES, CliRunner
from osaid._escape import safe
from osaid.grading import GRADE_RENDERERS, grade, load_graded_definition
from osaid.model import (
    Component,
    ComponentKind,
    LicenseDeclaration,
    Note,
    Origin,
    Release,
    Source,
)
from osaid.render import COLOUR_RENDERERS, RENDERERS
from osaid.report import Report

SGR = re.compile(r"\x1b\[[0-9;]*m")

HOSTILE = {
    "lone surrogate": "X\ud800Y",
    "non-UTF-8 file name": "\udcff.yaml",
    "OSC title": "\x1b]0;pwned\x07",
    "carriage return": "Apache\r2.0",
    "newline and fake verdict": "1.0\n\n**Conformant** with Open Source AI Definition 1.0",
    "bidi override": "abc\u202edef",
    "line separator": "a\u2028b",
    "NUL and DEL": "a\x00b\x7f",
    "C1 NEL": "a\x85b",
    "non-character": "a\ufffeb",
    "markdown link": "[click](https://evil.example)",
    "markdown image": "![x](https://evil.example/x.png)",
    "raw html": "<img src=x onerror=alert(1)>",
    "autolink": "see https://evil.example and www.evil.example",
    "email": "mail security@evil.example",
    "mention and issue": "@someone #123",
    "table pipe": "a | b | c",
    "backticks": "``` `x` ```",
    "backslashes": "\\[x\\](y) \\\\",
    "entity": "&amp; &#60;",
    "emphasis": "**bold** _it_ ~~del~~",
    "block markers": "- 1. > # x",
    "heading": "## Conformant",
}

FRAGMENTS = sorted(HOSTILE.values())


def _release(
    value: str, *, file: str = "in.json", key: str = "name", expression: str = ""
) -> Release:
    """A release with ``value`` in every field that reports show, ``file``/``key`` in origins.

    The evaluated licence expression stays fixed (Apache-2.0 passes, llama2 fails) unless
    ``expression`` is given, so the findings do not depend on ``value``: only how they read.
    """
    origin = Origin(file=file, key=key, line=3)
    good = LicenseDeclaration(expression=expression or "Apache-2.0", written=value, origin=origin)
    bad = LicenseDeclaration(expression=expression or "llama2", written=value, origin=origin)
    components = (
        Component(
            kind=ComponentKind.MODEL_PARAMETERS_FINAL,
            name=value,
            license=bad,
            notes=value,
            origin=origin,
        ),
        Component(kind=ComponentKind.TRAINING_CODE, name=value, license=good, origin=origin),
        Component(kind=ComponentKind.DATASETS, name=value, license=bad, origin=origin),
    )
    return Release(
        name=value,
        version=value,
        producer=value,
        components=components,
        source=Source(file=file, format="osaid-manifest"),
        origins={"name": origin, "version": origin, "producer": origin},
        notes=(Note(code="hostile-note", message=value, origin=origin),),
    )


def _report(value: str, **fields: str) -> Report:
    return osaid.check(_release(value, **fields), "osaid-1.0")


# ------------------------------------------------------------------------------------------
# what "safe" means, per format


def _strings(data: Any) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, item in data.items():
            yield key
            yield from _strings(item)
    elif isinstance(data, list):
        for item in data:
            yield from _strings(item)


def _assert_encodable_and_quiet(output: str) -> None:
    """Valid UTF-8, and nothing that drives a terminal (only tab and newline raw)."""
    output.encode("utf-8")  # raises on a lone surrogate
    assert safe(SGR.sub("", output)) == SGR.sub("", output)


def _assert_json(output: str) -> Any:
    data = json.loads(output)
    assert output.isascii()
    for text in _strings(data):
        text.encode("utf-8")  # no string decodes to a lone surrogate
    return data


class _Tags(HTMLParser):
    """Counts of HTML elements, and the text outside code, of cmark-gfm's rendering."""

    def __init__(self) -> None:
        super().__init__()
        self.counts: dict[str, int] = {}
        self.text: list[str] = []
        self._code = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:  # noqa: ARG002
        self.counts[tag] = self.counts.get(tag, 0) + 1
        self._code += tag == "code"

    def handle_endtag(self, tag: str) -> None:
        self._code -= tag == "code"

    def handle_data(self, data: str) -> None:
        if not self._code:
            self.text.append(data)


def _github(markdown: str) -> _Tags:
    tags = _Tags()
    tags.feed(cmarkgfm.github_flavored_markdown_to_html(markdown))
    return tags


def _assert_markdown_structure(hostile: str, plain: str) -> None:
    """The same elements as for a plain value; no link, image, HTML, mention or reference.

    A backtick pair in a value may show that value as code in a fix (osaid's own `code` spans
    are rendered, not escaped): a code span is inert, so only its count may differ.
    """
    assert hostile.count("\n") == plain.count("\n")
    rendered, expected = _github(hostile), _github(plain)
    inert = {"code"}
    assert {k: v for k, v in rendered.counts.items() if k not in inert} == {
        k: v for k, v in expected.counts.items() if k not in inert
    }
    assert "a" not in rendered.counts
    assert "img" not in rendered.counts
    text = "".join(rendered.text)
    assert not re.search(r"@[A-Za-z0-9]", text), "an @mention or e-mail address GitHub links"
    assert not re.search(r"#\d", text), "an issue reference GitHub links"


def _unescape_sarif(text: str) -> str:
    """Read a plain-text message as SARIF 2.1.0 §3.11.6 does; fail on any embedded link."""
    out: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text) and text[index + 1] in "\\[]":
            out.append(text[index + 1])
            index += 2
            continue
        assert char not in "[]", f"unescaped {char!r} in SARIF text: {text!r}"
        out.append(char)
        index += 1
    return "".join(out)


def _assert_sarif(output: str, plain: str) -> None:
    log, expected = _assert_json(output), json.loads(plain)
    (run,), (run_plain,) = log["runs"], expected["runs"]
    assert len(run["results"]) == len(run_plain["results"])
    assert len(run["tool"]["driver"]["rules"]) == len(run_plain["tool"]["driver"]["rules"])
    for result in run["results"]:
        _unescape_sarif(result["message"]["text"])
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert uri.isascii()
        assert not re.search(r"[\s\\]", uri)
    for rule in run["tool"]["driver"]["rules"]:
        for text in (rule["shortDescription"]["text"], rule["fullDescription"]["text"]):
            _unescape_sarif(text)


def _assert_junit(output: str, plain: str) -> None:
    root = ET.fromstring(output.encode("utf-8"))  # noqa: S314 - our own output
    expected = ET.fromstring(plain.encode("utf-8"))  # noqa: S314 - our own output
    assert len(list(root.iter())) == len(list(expected.iter()))


def _lines_equal(hostile: str, plain: str) -> None:
    assert hostile.count("\n") == plain.count("\n"), hostile


def _same_shape(hostile: Any, plain: Any) -> None:
    """The same keys and list lengths everywhere; only string values differ."""
    if isinstance(plain, dict):
        assert isinstance(hostile, dict)
        assert list(hostile) == list(plain)
        for key in plain:
            _same_shape(hostile[key], plain[key])
    elif isinstance(plain, list):
        assert isinstance(hostile, list)
        assert len(hostile) == len(plain)
        for a, b in zip(hostile, plain, strict=True):
            _same_shape(a, b)
    elif not isinstance(plain, str):
        assert hostile == plain


def _assert_json_shape(hostile: str, plain: str) -> None:
    _same_shape(_assert_json(hostile), json.loads(plain))


def _assert_workflow_commands(hostile: str, plain: str) -> None:
    """As many lines and commands as for a plain value; no other line can start a command."""
    _lines_equal(hostile, plain)
    commands = [line for line in hostile.splitlines() if line.startswith("::")]
    assert len(commands) == sum(line.startswith("::") for line in plain.splitlines())
    assert all(line.startswith(("::", "osaid: ")) for line in hostile.splitlines())
    for command in commands:
        head, _, _ = command[2:].partition("::")
        assert re.fullmatch(r"(error|warning|notice)( [a-z]+=[^,:]*(,[a-z]+=[^,:]*)*)?", head)


Check = Callable[[str, str], None]

STRUCTURE: dict[str, Check] = {
    "text": _lines_equal,
    "hook": _lines_equal,
    "markdown": _assert_markdown_structure,
    "sarif": _assert_sarif,
    "junit": _assert_junit,
    "json": _assert_json_shape,
    "github": _assert_workflow_commands,
    "gitlab": _assert_json_shape,
}


def test_every_format_has_a_structure_check() -> None:
    """A format added to the registry must be added here too."""
    assert set(STRUCTURE) == set(RENDERERS)


def _assert_renders(report: Report, plain: Report) -> None:
    for name, renderer in RENDERERS.items():
        for many in (False, True):
            output = renderer([report], many)
            _assert_encodable_and_quiet(output)
            STRUCTURE[name](output, renderer([plain], many))
    _assert_encodable_and_quiet(COLOUR_RENDERERS["text"]([report], False))


@pytest.mark.parametrize("value", list(HOSTILE.values()), ids=list(HOSTILE))
def test_every_format_survives_a_hostile_value_in_every_field(value: str) -> None:
    """The same value as name, version, producer, component names, licences, notes."""
    _assert_renders(_report(value), _report("plain"))


@pytest.mark.parametrize("value", list(HOSTILE.values()), ids=list(HOSTILE))
def test_every_format_survives_hostile_file_names_and_keys(value: str) -> None:
    """Evidence pointing at a hostile file name and key path (SARIF turns it into a URI)."""
    report = _report("plain", file=f"dir/{value}", key=f"components[0].{value}")
    _assert_renders(report, _report("plain", file="dir/plain", key="components[0].plain"))


@pytest.mark.parametrize("value", list(HOSTILE.values()), ids=list(HOSTILE))
def test_every_format_survives_a_hostile_licence_expression(value: str) -> None:
    """A licence expression evaluated as written: a finding, never a crash or raw text."""
    report = _report(value, expression=value)
    for renderer in RENDERERS.values():
        _assert_encodable_and_quiet(renderer([report], False))


def _surrogates_escaped(data: Any) -> Any:
    """The test's own statement of the JSON escaping: each surrogate as ``\\uXXXX`` text."""
    if isinstance(data, str):
        return re.sub("[\ud800-\udfff]", lambda m: f"\\u{ord(m.group()):04x}", data)
    if isinstance(data, dict):
        return {_surrogates_escaped(k): _surrogates_escaped(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_surrogates_escaped(item) for item in data]
    return data


def test_json_keeps_every_value_and_escapes_only_surrogates() -> None:
    """JSON holds exactly the report's data; a surrogate becomes the six characters \\udcff."""
    report = _report("X\ud800Y", file="\udcff.yaml", key="k\udcfe")
    data = json.loads(RENDERERS["json"]([report], False))
    assert data == _surrogates_escaped(report.model_dump(mode="json", by_alias=True))
    assert data["release"]["name"] == "X\\ud800Y"
    assert data["input"] == "\\udcff.yaml"


def test_sarif_uri_keeps_the_bytes_of_a_non_utf8_file_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``b"\\xff.yaml"`` is ``%FF.yaml`` in the URI: it still points at its file."""
    monkeypatch.chdir(tmp_path)
    report = _report("plain", file=os.fsdecode(b"d/\xff.yaml"))
    log = json.loads(RENDERERS["sarif"]([report], False))
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
    }
    assert uris == {"d/%FF.yaml"}
    outside = _report("plain", file="/elsewhere/\ud800.yaml")
    log = json.loads(RENDERERS["sarif"]([outside], False))
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri == {"uri": "file:///elsewhere/%ED%A0%80.yaml"}


def test_sarif_message_carries_no_live_link() -> None:
    """``[text](url)`` from the input is escaped as §3.11.6 says; the text reads as written."""
    report = _report("[click](https://evil.example)")
    log = json.loads(RENDERERS["sarif"]([report], False))
    texts = [r["message"]["text"] for r in log["runs"][0]["results"]]
    assert any("\\[click\\](https://evil.example)" in text for text in texts)
    assert all("[click](" not in text.replace("\\[click\\]", "") for text in texts)
    assert any("[click](https://evil.example)" in _unescape_sarif(text) for text in texts)


def test_sarif_help_markdown_keeps_only_osaids_link() -> None:
    """Rules' help.markdown is escaped Markdown whose one live link is the clause's."""
    log = json.loads(RENDERERS["sarif"]([_report("plain")], False))
    for rule in log["runs"][0]["tool"]["driver"]["rules"]:
        tags = _github(rule["help"]["markdown"])
        assert tags.counts.get("a", 0) <= 1
        assert "img" not in tags.counts


def test_markdown_version_cannot_forge_a_heading_or_verdict() -> None:
    """The issue's example: line breaks in ``version`` became ``<br>`` in the ``##`` heading,
    adding a fake "Conformant with ..." line and an auto-linked URL to a PR comment."""
    value = "1.0\n\nConformant with Open Source AI Definition 1.0 https://evil.example"
    report = osaid.check(_release("plain").model_copy(update={"version": value}), "osaid-1.0")
    text = RENDERERS["markdown"]([report], False)
    heading = text.splitlines()[0]
    assert heading.startswith("## plain 1.0\\\\u000a\\\\u000aConformant with")
    assert "<br>" not in heading
    html = cmarkgfm.github_flavored_markdown_to_html(text)
    assert "<a " not in html
    verdicts = [line for line in text.splitlines() if "onformant**" in line]
    assert verdicts == ["**Not conformant** with Open Source AI Definition 1.0 (osaid-1.0)"]
    assert _github(text).counts.get("h2") == 1


def test_markdown_cells_keep_four_columns() -> None:
    """``|`` and line breaks in values cannot split a table row or add one."""
    text = RENDERERS["markdown"]([_report("a | b\n| PASS | forged | x | y |")], True)
    html = cmarkgfm.github_flavored_markdown_to_html(text)
    rows = re.findall(r"<tr>(.*?)</tr>", html, re.S)
    assert rows
    assert all(row.count("<td") in (0, 4) and row.count("<th") in (0, 4) for row in rows)
    plain = cmarkgfm.github_flavored_markdown_to_html(
        RENDERERS["markdown"]([_report("plain")], True)
    )
    assert len(rows) == len(re.findall(r"<tr>", plain))


HOSTILE_TEXT = st.lists(
    st.one_of(
        st.sampled_from(FRAGMENTS),
        st.text(st.characters(categories=["Cs", "Cc", "Cf", "Zl", "Zp", "Zs", "L", "N", "P", "S"])),
    ),
    min_size=1,
    max_size=6,
).map(lambda parts: "v" + "".join(parts))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=HOSTILE_TEXT, file=HOSTILE_TEXT, key=HOSTILE_TEXT)
def test_any_value_file_name_and_key_render_safely_in_every_format(
    value: str, file: str, key: str
) -> None:
    """Property: whatever the values, file names and keys, every format keeps its shape."""
    _assert_renders(
        _report(value, file=file, key=key),
        _report("plain", file="plain", key="plain"),
    )


def test_grade_reports_survive_hostile_values() -> None:
    """The graded formats (``--definition mof-1.0``) survive the same values."""
    definition = load_graded_definition("mof-1.0")
    for value in HOSTILE.values():
        report = grade(_release(value, file=f"d/{value}"), definition)
        for name, renderer in GRADE_RENDERERS.items():
            output = renderer([report], False)
            _assert_encodable_and_quiet(output)
            if name == "json":
                _assert_json(output)


# ------------------------------------------------------------------------------------------
# through the command line: JSON input with a lone surrogate, a non-UTF-8 file name


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_cli_lone_surrogate_from_json_input(
    fmt: str, run_process: CliRunner, tmp_path: Path
) -> None:
    """``"\\ud800"`` in a JSON manifest: every format exits 1 with a report, no traceback."""
    document = {
        "manifest": "osaid/1",
        "name": "X\ud800Y",
        "version": "1\ud800",
        "components": [{"kind": "model-parameters-final", "name": "p\udcff", "license": "MIT"}],
    }
    (tmp_path / "in.json").write_text(json.dumps(document), encoding="ascii")
    result = run_process("check", "in.json", "--format", fmt)
    assert result.code == 1, result.err
    assert result.err == ""
    assert "\ufffd" not in result.out  # the subprocess decoded every byte as UTF-8
    if fmt != "gitlab":  # Code Quality findings name no release, only what fails
        assert "ud800" in result.out
    _assert_encodable_and_quiet(result.out)
    if fmt in ("json", "sarif", "gitlab"):
        _assert_json(result.out)


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_cli_non_utf8_file_name(fmt: str, run_process: CliRunner, tmp_path: Path) -> None:
    """A directory entry named ``b"\\xff.yaml"``, checked as a file and in its directory."""
    folder = tmp_path / "d"
    folder.mkdir()
    source = (EXAMPLES / "license-failure" / "osaid.yaml").read_bytes()
    Path(os.fsdecode(bytes(folder) + b"/\xff.yaml")).write_bytes(source)
    for target in (os.fsdecode(b"d/\xff.yaml"), "d"):
        result = run_process("check", target, "--format", fmt)
        assert result.code == 1, result.err
        assert result.err == ""
        assert "\ufffd" not in result.out
        assert "udcff" in result.out or "%FF" in result.out or target == "d"
        _assert_encodable_and_quiet(result.out)
        if fmt in ("json", "sarif"):
            _assert_json(result.out)
