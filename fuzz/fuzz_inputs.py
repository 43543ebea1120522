"""Fuzz osaid's readers and licence parser with atheris (coverage-guided).

Run (not part of CI): see fuzz/README.md (pip install atheris; a scratch copy of fuzz/corpus).

Every input goes through :func:`exercise.exercise`: as a file osaid must detect and read (any
format), as a licence expression, and as a manifest value. osaid may refuse an input only with
an osaid.OsaidError; anything else is a bug: atheris stops and saves the input, which then goes
into fuzz/regressions/ where tests/test_fuzz_regressions.py replays it.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent))

with atheris.instrument_imports():
    # Only modules imported inside this block are instrumented, and osaid imports most of its
    # modules lazily (on first use), so name the ones the harness drives.
    from exercise import exercise

    import osaid._engine
    import osaid._rulesets
    import osaid.definition
    import osaid.licensing
    import osaid.readers
    import osaid.readers._directory  # noqa: F401 - instrumented, not used directly

_TMP = Path(tempfile.mkdtemp(prefix="osaid-fuzz-"))


def _one(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    exercise(provider.ConsumeUnicodeNoSurrogates(len(data)), _TMP)


def main() -> None:
    """Start atheris with the command-line arguments (corpus directories, limits)."""
    atheris.Setup(sys.argv, _one)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
