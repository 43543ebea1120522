"""Definitions that do not ship with osaid are data from strangers (issue 10, items 4 and 5).

$OSAID_DEFINITIONS_PATH may point into the repository a pull request changes. Such a definition
can claim any title, so every format labels it as not shipped, with its path; a shipped family
name (``--definition osaid``, ``osaid>=1.0``) keeps meaning the shipped definitions; and a file
there can only ever be refused with one located line: never block, never a traceback.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

import osaid
from conftest import DATA, CliRunner
from osaid import DefinitionError, UnknownDefinitionError
from osaid.definition import available_definitions, load_definition, load_definition_file
from osaid.grading import available_graded_definitions, load_graded_definition_file

FORGED_TITLE = "Open Source AI Definition 1.0"

# A final "osaid-9.9" that passes anything distributed: what a pull request could add.
LENIENT = (DATA / "forged" / "lenient-definition.toml.in").read_text(encoding="utf-8")

LLAMA = (DATA / "forged" / "llama-manifest.yaml").read_text(encoding="utf-8")


@pytest.fixture
def user_definitions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A definitions directory of the pull request's, on $OSAID_DEFINITIONS_PATH."""
    directory = tmp_path / "pr-definitions"
    directory.mkdir()
    text = LENIENT.format(title=FORGED_TITLE, requirement="Made available")
    (directory / "osaid-9.9.toml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("OSAID_DEFINITIONS_PATH", str(directory))
    return directory


@pytest.fixture
def llama(tmp_path: Path) -> Path:
    path = tmp_path / "llama.yaml"
    path.write_text(LLAMA, encoding="utf-8")
    return path


# ------------------------------------------------------------------------------------------
# the family alias never resolves to a definition from a user directory


@pytest.mark.usefixtures("user_definitions")
@pytest.mark.parametrize("spec", ["osaid", "osaid>=1.0", "osaid>0.0.9", "osaid~=1.0"])
def test_a_user_definition_cannot_take_over_the_family_name(
    spec: str, run_cli: CliRunner, llama: Path
) -> None:
    """The issue's example: a final ``osaid-9.9`` titled like OSAID 1.0 made a Llama release
    conformant under ``--definition osaid``. The family still means the shipped osaid-1.0."""
    assert load_definition(spec).id == "osaid-1.0"
    result = run_cli("check", llama, "--definition", spec, "--format", "json")
    assert result.code == 1
    report = json.loads(result.out)
    assert report["definition"] == "osaid-1.0"
    assert report["verdict"] == "not-conformant"
    assert report["definition_source"] == "shipped"
    assert report["definition_path"] is None


@pytest.mark.usefixtures("user_definitions")
def test_a_specifier_only_user_definitions_match_says_how_to_choose_them() -> None:
    """``osaid>=2`` matches no shipped definition; the error names the user one's id."""
    with pytest.raises(UnknownDefinitionError) as caught:
        load_definition("osaid>=2")
    message = str(caught.value)
    assert "no final version matches 'osaid>=2'" in message
    assert "chosen only by their id (osaid-9.9)" in message


def test_directories_passed_in_code_follow_the_same_rule(tmp_path: Path) -> None:
    """``load_definition("osaid", [directory])`` is osaid-1.0 too; the id chooses the file."""
    (tmp_path / "osaid-9.9.toml").write_text(
        LENIENT.format(title=FORGED_TITLE, requirement="x"), encoding="utf-8"
    )
    assert load_definition("osaid", [tmp_path]).id == "osaid-1.0"
    chosen = load_definition("osaid-9.9", [tmp_path])
    assert not chosen.shipped
    assert chosen.path == str(tmp_path / "osaid-9.9.toml")


def test_a_family_only_user_definitions_have_is_theirs(tmp_path: Path) -> None:
    """A family osaid does not ship (``acme``) resolves among the user's definitions."""
    text = LENIENT.format(title="ACME policy", requirement="x")
    text = text.replace('family = "osaid"', 'family = "acme"').replace("osaid-9.9", "acme-2.0")
    (tmp_path / "acme-2.0.toml").write_text(text, encoding="utf-8")
    assert load_definition("acme", [tmp_path]).id == "acme-2.0"
    assert load_definition("acme>=2", [tmp_path]).id == "acme-2.0"


def test_shipped_definitions_are_marked_shipped() -> None:
    assert all(d.shipped for d in available_definitions())
    report = osaid.check(_release_file(), "osaid-1.0")
    assert report.definition_source == "shipped"
    assert report.definition_path is None


def _release_file() -> Path:
    return Path(__file__).resolve().parents[1] / "examples" / "conformant" / "osaid.yaml"


# ------------------------------------------------------------------------------------------
# chosen by id, a user definition is labelled with its path in every format


@pytest.mark.parametrize("fmt", ["text", "hook", "markdown"])
def test_a_user_definition_is_labelled_wherever_its_title_is_shown(
    fmt: str, run_cli: CliRunner, llama: Path, user_definitions: Path
) -> None:
    """Its title is shown with "a definition that does not ship with osaid" and the file."""
    result = run_cli("check", llama, "--definition", "osaid-9.9", "--format", fmt)
    assert result.code == 0, result.err
    path = str(user_definitions / "osaid-9.9.toml")
    title_lines = [line for line in result.out.splitlines() if FORGED_TITLE in line]
    assert title_lines
    for line in title_lines:
        assert "a definition that does not ship with osaid" in line
        assert path in line
    assert f"{FORGED_TITLE} (osaid-9.9)" not in result.out


def test_a_user_definition_is_labelled_in_json_sarif_and_junit(
    run_cli: CliRunner, llama: Path, user_definitions: Path
) -> None:
    path = str(user_definitions / "osaid-9.9.toml")
    report = json.loads(
        run_cli("check", llama, "--definition", "osaid-9.9", "--format", "json").out
    )
    assert report["definition_source"] == "user"
    assert report["definition_path"] == path
    assert report["definition_title"] == FORGED_TITLE

    sarif = json.loads(
        run_cli("check", llama, "--definition", "osaid-9.9", "--format", "sarif").out
    )
    (run,) = sarif["runs"]
    assert run["properties"]["definitionSource"] == "user"
    assert run["properties"]["definitionPath"] == path
    for rule in run["tool"]["driver"]["rules"]:
        text = rule["fullDescription"]["text"]
        assert "osaid-9.9 is a definition that does not ship with osaid" in text
        assert path in text

    junit = run_cli("check", llama, "--definition", "osaid-9.9", "--format", "junit").out
    properties = {
        p.get("name"): p.get("value")
        for p in ET.fromstring(junit.encode()).iter("property")  # noqa: S314 - our own output
    }
    assert properties["definition_source"] == "user"
    assert properties["definition_path"] == path


def test_shipped_reports_gain_the_source_fields_after_the_url(run_cli: CliRunner) -> None:
    """A shipped definition's JSON report says so; SARIF names no path for it."""
    report = json.loads(run_cli("check", _release_file(), "--format", "json").out)
    keys = list(report)
    at = keys.index("definition_url")
    assert keys[at + 1 : at + 3] == ["definition_source", "definition_path"]
    sarif = json.loads(run_cli("check", _release_file(), "--format", "sarif").out)
    assert sarif["runs"][0]["properties"]["definitionSource"] == "shipped"
    assert "definitionPath" not in sarif["runs"][0]["properties"]


def test_definitions_and_explain_label_user_definitions(
    run_cli: CliRunner, user_definitions: Path
) -> None:
    path = str(user_definitions / "osaid-9.9.toml")
    listing = run_cli("definitions").out.splitlines()
    (line,) = [row for row in listing if row.startswith("osaid-9.9 ")]
    assert line.endswith(f"[a definition that does not ship with osaid: {path}]")
    assert all("does not ship" not in row for row in listing if row is not line)
    rows = json.loads(run_cli("definitions", "--format", "json").out)
    sources = {row["id"]: (row["source"], row["path"]) for row in rows}
    assert sources["osaid-9.9"] == ("user", path)
    assert sources["osaid-1.0"] == ("shipped", None)
    explained = run_cli("explain", "osaid-9.9/freedoms/distribution").out
    assert f"{FORGED_TITLE}  [a definition that does not ship with osaid: {path}]" in explained
    item = json.loads(run_cli("explain", "osaid-9.9/freedoms/distribution", "--format", "json").out)
    assert (item["definition_source"], item["definition_path"]) == ("user", path)


# ------------------------------------------------------------------------------------------
# titles and texts of definitions are escaped wherever shown


def test_definition_titles_and_texts_are_escaped(
    run_cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, llama: Path
) -> None:
    """A title that sets the terminal title or breaks a line is shown as escapes."""
    directory = tmp_path / "defs"
    directory.mkdir()
    text = LENIENT.format(
        title="T\\u001b]0;pwned\\u0007\\nPASS forged",
        requirement="R\\u202eX\\r[l](https://e.x)",
    )
    (directory / "osaid-9.9.toml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("OSAID_DEFINITIONS_PATH", str(directory))
    outputs = [
        run_cli("definitions").out,
        run_cli("explain", "osaid-9.9/freedoms/distribution").out,
        run_cli("diff", "osaid-1.0", "osaid-9.9").out,
    ]
    outputs += [
        run_cli("check", llama, "--definition", "osaid-9.9", "--format", fmt).out
        for fmt in ("text", "hook", "markdown", "junit", "sarif")
    ]
    for output in outputs:
        assert output
        for raw in ("\x1b", "\x07", "\u202e", "\r", "\nPASS forged"):
            assert raw not in output
    assert "T\\u001b]0;pwned\\u0007\\u000aPASS forged" in outputs[0]


# ------------------------------------------------------------------------------------------
# loading never blocks and never raises a traceback


def test_a_fifo_among_user_definitions_is_refused_without_blocking(tmp_path: Path) -> None:
    """``*.toml`` that is a FIFO: one located line and exit 2, in a process that must end."""
    directory = tmp_path / "defs"
    directory.mkdir()
    os.mkfifo(directory / "trap.toml")
    env = {**os.environ, "OSAID_DEFINITIONS_PATH": str(directory), "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(
        [sys.executable, "-m", "osaid", "check", str(_release_file())],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,  # a hang guard: before the fix the process waited for a writer forever
        check=False,
    )
    assert done.returncode == 2
    assert (
        done.stderr
        == f"osaid: {directory / 'trap.toml'}: is a FIFO (named pipe), not a regular file\n"
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'[definition]\nid = "\xff"\n', "is not UTF-8 text (byte offset 19 cannot be decoded)"),
        (b"a = " + b"[" * 100_000 + b"]" * 100_000, "invalid TOML: nested too deeply"),
        (b"a = " + b"{b=" * 100_000 + b"}" * 100_000, "invalid TOML: nested too deeply"),
        (b"# " + b"x" * (1024 * 1024), "is larger than 1 MiB; not read"),
    ],
    ids=["not-utf8", "deep-arrays", "deep-tables", "oversized"],
)
def test_a_broken_definitions_file_is_one_located_line(
    content: bytes,
    message: str,
    run_cli: CliRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    directory = tmp_path / "defs"
    directory.mkdir()
    path = directory / "bad.toml"
    path.write_bytes(content)
    monkeypatch.setenv("OSAID_DEFINITIONS_PATH", str(directory))
    result = run_cli("check", _release_file())
    assert result.code == 2
    assert result.err_lines == [f"osaid: {path}: {message}"]
    assert "Traceback" not in result.err
    with pytest.raises(DefinitionError, match=r"bad\.toml"):
        load_definition_file(path)


@pytest.mark.parametrize(
    "content",
    [b'[definition]\nid = "\xff"\n', b"a = " + b"[" * 100_000 + b"]" * 100_000],
    ids=["not-utf8", "deep"],
)
def test_the_graded_loader_refuses_the_same_files(content: bytes, tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_bytes(content)
    with pytest.raises(DefinitionError, match=r"bad\.toml"):
        load_graded_definition_file(path)
    with pytest.raises(DefinitionError, match=r"bad\.toml"):
        available_graded_definitions([tmp_path])


_LOAD_FIFO = """
import sys
from osaid import DefinitionError
from osaid.definition import load_definition_file
from osaid.grading import load_graded_definition_file
for load in (load_graded_definition_file, load_definition_file):
    try:
        load(sys.argv[1])
    except DefinitionError as exc:
        print(exc)
"""


def test_the_loaders_refuse_a_fifo(tmp_path: Path) -> None:
    """Reading a FIFO would wait for a writer; both loaders refuse it at once instead.

    Run in a child process with a hang guard, so a regression fails instead of hanging.
    """
    fifo = tmp_path / "trap.toml"
    os.mkfifo(fifo)
    done = subprocess.run(
        [sys.executable, "-c", _LOAD_FIFO, str(fifo)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.stdout.splitlines() == [f"{fifo}: is a FIFO (named pipe), not a regular file"] * 2
    assert done.returncode == 0


@pytest.mark.parametrize(
    "spec",
    ["osaid>=" + "9" * 5000, "osaid==" + "1." * 3000, "osaid" + " " * 5000 + ">=1"],
    ids=["digits", "segments", "spaces"],
)
def test_an_overlong_specifier_is_one_line(spec: str, run_cli: CliRunner) -> None:
    """``--definition "osaid>=" + 5,000 digits`` gave a ValueError traceback."""
    result = run_cli("check", _release_file(), "--definition", spec)
    assert result.code == 2
    assert result.err_lines == [
        f"osaid: a definition id or specifier of {len(spec)} characters is longer than the "
        "200 allowed"
    ]
    with pytest.raises(UnknownDefinitionError):
        load_definition(spec)


def test_a_long_version_in_a_user_definition_is_not_a_crash(tmp_path: Path) -> None:
    """Thousands of version digits in a file sort as version 0, not a ValueError."""
    text = LENIENT.format(title="t", requirement="x").replace(
        'version = "9.9"', f'version = "{"9" * 5000}"'
    )
    (tmp_path / "osaid-9.9.toml").write_text(text, encoding="utf-8")
    assert load_definition("osaid", [tmp_path]).id == "osaid-1.0"
    assert "osaid-9.9" in {d.id for d in available_definitions([tmp_path])}


@pytest.mark.parametrize("spec", [1, b"osaid"])
def test_a_spec_that_is_not_a_string_is_a_type_error(spec: object) -> None:
    with pytest.raises(TypeError, match="str"):
        load_definition(spec)  # type: ignore[arg-type]


def test_no_spec_is_an_osaid_error() -> None:
    with pytest.raises(osaid.OsaidError, match="no definition given"):
        load_definition(None)  # type: ignore[arg-type]


def test_a_non_utf8_definitions_directory_is_shown_escaped(
    run_cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, llama: Path
) -> None:
    """A directory named ``b"u\\xffdefs"``: every JSON output holds ``u\\udcffdefs``, valid."""
    directory = Path(os.fsdecode(bytes(tmp_path) + b"/u\xffdefs"))
    directory.mkdir()
    text = LENIENT.format(title=FORGED_TITLE, requirement="x")
    (directory / "osaid-9.9.toml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("OSAID_DEFINITIONS_PATH", str(directory))
    shown = f"{tmp_path}/u\\udcffdefs/osaid-9.9.toml"
    outputs = {
        "explain": run_cli("explain", "osaid-9.9/freedoms/distribution", "--format", "json"),
        "definitions": run_cli("definitions", "--format", "json"),
        "json": run_cli("check", llama, "--definition", "osaid-9.9", "--format", "json"),
        "sarif": run_cli("check", llama, "--definition", "osaid-9.9", "--format", "sarif"),
    }
    for name, result in outputs.items():
        assert result.err == "", name
        strings = list(_strings(json.loads(result.out)))
        assert any(shown in text for text in strings), name
        for text in strings:
            text.encode("utf-8")  # no lone surrogate left after decoding


def _strings(data: object) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)
