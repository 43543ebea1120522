"""Fuzz osaid's readers and licence parser with atheris (coverage-guided).

Run (not part of CI): see fuzz/README.md (pip install atheris; a scratch copy of fuzz/corpus).

Every input is fed three ways: as a file osaid must detect and read (any format), as a licence
expression, and as a manifest value. osaid may refuse an input only with an osaid.OsaidError;
anything else (a crash, a third-party exception, a RecursionError) is a bug: atheris stops and
saves the input, which then becomes a regression test in tests/test_fuzz_regressions.py.
"""

from __future__ import annotations

import contextlib
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    import osaid
    from osaid.readers import read_text_as

_TMP = Path(tempfile.mkdtemp(prefix="osaid-fuzz-"))


def _one(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    text = provider.ConsumeUnicodeNoSurrogates(len(data))
    with contextlib.suppress(osaid.OsaidError):
        osaid.check(read_text_as(text, "fuzz-input"))
    result = osaid.evaluate_license(text[:2000], "code")
    if result.status not in {"pass", "fail"}:
        raise AssertionError(result.status)
    manifest = _TMP / "m.yaml"
    manifest.write_text(
        f"manifest: osaid/1\nname: x\ncomponents:\n  - kind: tokenizer\n    license: {text!r}\n",
        encoding="utf-8",
    )
    with contextlib.suppress(osaid.OsaidError):
        osaid.check(manifest)


def main() -> None:
    """Start atheris with the command-line arguments (corpus directories, limits)."""
    atheris.Setup(sys.argv, _one)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
