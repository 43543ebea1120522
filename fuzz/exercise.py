"""What the fuzz harness does with one input, importable without atheris.

``tests/test_fuzz_regressions.py`` runs every seed in ``corpus/`` and every saved crash in
``regressions/`` through :func:`exercise`, so an input that once broke osaid stays fixed.
osaid may refuse an input only with an :class:`osaid.OsaidError`; any other exception (a
crash, a third-party exception, a ``RecursionError``) propagates and is a bug.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import osaid
from osaid.readers import read_text_as


def exercise(text: str, scratch: Path) -> None:
    """Feed ``text`` to osaid three ways: as a file of any format, a licence, a manifest value.

    ``scratch`` is a directory for the manifest file written for the third way.
    """
    with contextlib.suppress(osaid.OsaidError):
        osaid.check(read_text_as(text, "fuzz-input"))
    result = osaid.evaluate_license(text[:2000], "code")
    if result.status not in {"pass", "fail"}:
        raise AssertionError(result.status)
    manifest = scratch / "m.yaml"
    manifest.write_text(
        f"manifest: osaid/1\nname: x\ncomponents:\n  - kind: tokenizer\n    license: {text!r}\n",
        encoding="utf-8",
    )
    with contextlib.suppress(osaid.OsaidError):
        osaid.check(manifest)


def decode(data: bytes) -> str:
    """The text a saved input stands for: UTF-8 with anything undecodable replaced."""
    return data.decode("utf-8", errors="replace")
