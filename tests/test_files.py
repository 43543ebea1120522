"""Only regular files are read, and opening never blocks (osaid._files)."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from osaid._files import FileRefusedError, read_regular, regular_file


def test_a_regular_file_is_read_up_to_one_byte_past_the_limit(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_bytes(b"0123456789")
    assert read_regular(target, 100) == b"0123456789"
    assert read_regular(target, 4) == b"01234"
    assert regular_file(target) is None


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_refused_at_once_instead_of_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "osaid.yaml"
    os.mkfifo(fifo)
    with pytest.raises(FileRefusedError, match="FIFO"):
        read_regular(fifo, 100)
    assert "FIFO" in (regular_file(fifo) or "")


def test_a_device_is_refused_before_it_is_read() -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("needs /dev/zero")
    with pytest.raises(FileRefusedError, match="character device"):
        read_regular("/dev/zero", 100)


def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s"
    if len(str(path)) > 100:
        pytest.skip("socket path too long for AF_UNIX")
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        with pytest.raises(FileRefusedError, match="socket"):
            read_regular(path, 100)
    finally:
        server.close()


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("missing.yaml", "no such file"),
        ("a\x00b", "NUL character"),
        ("x" * 5000, "too long"),
    ],
)
def test_unusable_paths_are_refusals_with_a_reason(tmp_path: Path, name: str, reason: str) -> None:
    with pytest.raises(FileRefusedError, match=reason):
        read_regular(tmp_path / name, 100)
    assert reason in (regular_file(tmp_path / name) or "")


def test_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FileRefusedError, match="directory"):
        read_regular(tmp_path, 100)


def test_missing_is_flagged_so_callers_can_word_it_themselves(tmp_path: Path) -> None:
    with pytest.raises(FileRefusedError) as caught:
        read_regular(tmp_path / "nope", 10)
    assert caught.value.missing
