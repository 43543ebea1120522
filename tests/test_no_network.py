"""A check never touches the network and never writes: every shipped input, sockets disabled."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path
from typing import Any, NoReturn

import pytest

import osaid
from conftest import DATA, EXAMPLES

INPUTS = sorted(
    [
        *EXAMPLES.glob("*/osaid.yaml"),
        *(DATA / "mot" / "models").glob("*.yml"),
        *(DATA / "mot" / "test_data").glob("*.yml"),
        *(DATA / "cards").glob("*.md"),
        *(
            p
            for p in (DATA / "spdx").iterdir()
            if "broken" not in p.name
            and "truncated" not in p.name
            and "two-declared" not in p.name
            and "missing-licence" not in p.name
        ),
        *(
            p
            for p in (DATA / "cyclonedx").glob("*.json")
            if p.stem.split(".")[0] in {"model", "fine-tune", "several-licences"}
        ),
        DATA / "repo",
    ]
)


def _refuse(*_: Any, **__: Any) -> NoReturn:
    raise AssertionError("osaid tried to use the network")


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any attempt to open a connection or resolve a name fail the test."""
    monkeypatch.setattr(socket.socket, "connect", _refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", _refuse)
    monkeypatch.setattr(socket, "create_connection", _refuse)
    monkeypatch.setattr(socket, "getaddrinfo", _refuse)


@pytest.mark.usefixtures("no_network")
def test_every_shipped_input_checks_without_network() -> None:
    """Every example, corpus file, card, SBOM and the test repository checks offline."""
    assert len(INPUTS) > 300
    for path in INPUTS:
        report = osaid.check(path)
        assert report.results, path


@pytest.mark.usefixtures("no_network")
def test_grading_and_versions_work_without_network() -> None:
    """Grading, explain and diff need no network either."""
    from osaid.versions import diff, explain

    osaid.grade(DATA / "mot" / "models" / "Amber.yml", "mof-1.0", "mot-compat")
    explain("osaid-1.0/code/inference")
    diff(osaid.load_definition("osaid-0.0.8"), osaid.load_definition("osaid-1.0"))


def _snapshot(root: Path) -> list[tuple[str, int, int]]:
    return sorted(
        (p.relative_to(root).as_posix(), p.stat().st_size, p.stat().st_mtime_ns)
        for p in root.rglob("*")
    )


def test_check_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Checking inputs leaves their directory and the working directory untouched."""
    work = tmp_path / "work"
    shutil.copytree(DATA / "repo", work / "repo")
    shutil.copytree(EXAMPLES, work / "examples")
    shutil.copy(DATA / "spdx" / "chat-assistant.spdx", work / "sbom.spdx")
    monkeypatch.chdir(work)
    before = _snapshot(work)
    osaid.check(work / "repo")
    for path in sorted((work / "examples").glob("*/osaid.yaml")):
        osaid.check(path)
    osaid.check(work / "sbom.spdx")
    assert _snapshot(work) == before
