"""Documents written by others (tests/data/real/), each checked and its reading asserted.

Every document in ``tests/data/real/docs`` is kept byte for byte as its source repository has it
(provenance and licence in ``tests/data/real/MANIFEST.tsv``). Each is checked the way a user
would check it: a file with ``osaid check FILE --format json``, a model card as the ``README.md``
of a folder named after the document. The reading (exit code, release identity, components and
their licences, the requirements not met, the warning codes, or the error line for exit 2) is
compared with ``tests/data/real/expected.json``.

A change in how osaid reads real documents shows as a change in that file. After a change on
purpose, rewrite it with ``OSAID_UPDATE_GOLDEN=1 python -m pytest -q tests/test_real_documents.py``
and review the diff.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

import pytest

from conftest import DATA
from osaid import cli

REAL = DATA / "real"
DOCS = REAL / "docs"
EXPECTED = REAL / "expected.json"
UPDATE = os.environ.get("OSAID_UPDATE_GOLDEN") == "1"
NAMES = sorted(path.name for path in DOCS.iterdir())


def _folders() -> dict[str, str]:
    """The folder each card had in its repository when it was a README.md (the Hub repo name)."""
    with (REAL / "MANIFEST.tsv").open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return {
            row["file"]: PurePosixPath(row["path"]).parent.name
            for row in rows
            if PurePosixPath(row["path"]).name == "README.md"
        }


FOLDERS = _folders()


def _target(name: str, tmp_path: Path, docs: Path = DOCS) -> Path:
    """The path to check: the document itself, or for a card a folder holding it as README.md.

    The folder is named as in the card's repository when it was a README.md there, else after
    the document.
    """
    source = docs / name
    if not name.startswith("card-"):
        return source
    folder = tmp_path / FOLDERS.get(name, name.removesuffix(".md"))
    folder.mkdir()
    shutil.copyfile(source, folder / "README.md")
    return folder


def _components(report: dict[str, Any]) -> list[str]:
    """Every component a result judged, as ``kind: name [licence]``, sorted and deduplicated."""
    seen = {
        f"{c['kind']}: {c['component']} [{c['license'] or 'no licence'}]"
        for result in report["results"]
        for c in result["components"]
    }
    return sorted(seen)


def _reading(name: str, tmp_path: Path, docs: Path = DOCS) -> dict[str, Any]:
    """What osaid makes of one document, in the terms the expected file records."""
    target = _target(name, tmp_path, docs)
    out, err = io.StringIO(), io.StringIO()
    code = cli.run(["check", str(target), "--format", "json"], out, err)
    if code == 2:
        message = err.getvalue().replace(str(target.parent), "<dir>").strip()
        return {"exit": code, "error": message.splitlines()}
    report = json.loads(out.getvalue())
    release = report["release"]
    lines = [
        evidence["line"]
        for result in report["results"]
        for evidence in result["evidence"] + [c["evidence"] for c in result["components"]]
    ]
    return {
        "exit": code,
        "format": report["input_format"],
        "release": {
            "name": release["name"],
            "version": release["version"],
            "producer": release["producer"],
            "scope": release["scope"],
            "base_models": [f"{b['name']} ({b['relation']})" for b in release["base_models"]],
        },
        "components": _components(report),
        "fail": [r["requirement"] for r in report["results"] if r["status"] == "fail"],
        "missing": [r["requirement"] for r in report["results"] if r["status"] == "missing"],
        "evidence_without_line": f"{lines.count(None)} of {len(lines)}",
        "warnings": dict(sorted(Counter(w["code"] for w in report["warnings"]).items())),
    }


@pytest.fixture(scope="module")
def expected() -> dict[str, Any]:
    """The expected readings (empty while they are being rewritten)."""
    if UPDATE or not EXPECTED.exists():
        return {}
    loaded: dict[str, Any] = json.loads(EXPECTED.read_text(encoding="utf-8"))
    return loaded


@pytest.fixture(scope="module")
def collected() -> Iterator[dict[str, Any]]:
    """Readings gathered in this run; written to the expected file when updating."""
    readings: dict[str, Any] = {}
    yield readings
    if UPDATE and len(readings) == len(NAMES):
        text = json.dumps(dict(sorted(readings.items())), indent=1, ensure_ascii=False)
        EXPECTED.write_text(text + "\n", encoding="utf-8")


@pytest.mark.parametrize("name", NAMES)
def test_real_document_reads_as_expected(
    name: str, tmp_path: Path, expected: dict[str, Any], collected: dict[str, Any]
) -> None:
    """The document's reading is the one recorded in expected.json."""
    reading = _reading(name, tmp_path)
    collected[name] = reading
    if UPDATE:
        return
    assert name in expected, f"no expected reading for {name}: run with OSAID_UPDATE_GOLDEN=1"
    assert reading == expected[name]


LINE_ENDINGS = {"CRLF": b"\r\n", "CR": b"\r"}
TEXT_NAMES = [name for name in NAMES if b"\x00" not in (DOCS / name).read_bytes()]


@pytest.mark.parametrize("ending", sorted(LINE_ENDINGS))
@pytest.mark.parametrize("name", TEXT_NAMES)
def test_real_document_reads_the_same_with_other_line_endings(
    name: str, ending: str, tmp_path: Path, expected: dict[str, Any]
) -> None:
    """Written with CRLF (Windows) or CR (old Mac) line endings, a document reads the same.

    The regression: SPDX 2 tag-value files with CRLF were refused ("spdx-tools:
    'Relationship'") and a card with CR endings was no card at all.
    """
    if UPDATE:
        pytest.skip("rewriting the expected file")
    docs = tmp_path / "docs"
    docs.mkdir()
    lines = (DOCS / name).read_bytes().replace(b"\r\n", b"\n").split(b"\n")
    (docs / name).write_bytes(LINE_ENDINGS[ending].join(lines))
    checked = tmp_path / "checked"
    checked.mkdir()
    assert _reading(name, checked, docs) == expected[name]


def test_every_document_has_provenance_and_a_licence() -> None:
    """The manifest lists exactly the documents kept, each with a commit and a licence file."""
    with (REAL / "MANIFEST.tsv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert sorted(row["file"] for row in rows) == NAMES
    licence_files = {path.name for path in (REAL / "licenses").iterdir()}
    readme = (REAL / "licenses" / "README.md").read_text(encoding="utf-8")
    for row in rows:
        assert len(row["commit"]) == 40, row["file"]
        assert row["licence"], row["file"]
        assert row["repository"], row["file"]
        assert row["path"], row["file"]
    for licence_file in licence_files - {"README.md"}:
        assert f"`{licence_file}`" in readme, licence_file


def test_expected_file_has_no_stale_documents(expected: dict[str, Any]) -> None:
    """Every expected reading belongs to a document that is still in the corpus."""
    if UPDATE:
        pytest.skip("rewriting the expected file")
    assert sorted(expected) == NAMES
