"""Fuzz osaid's readers, directory reader, licence parser and renderers with atheris.

Run (not part of CI): see fuzz/README.md (pip install atheris; a scratch copy of fuzz/corpus).

Every input goes through :func:`exercise.exercise`: as a file osaid must detect and read (any
format), as one or two files of a directory, as a licence expression and as a manifest value;
every report is rendered in every output format. osaid may refuse an input only with an
osaid.OsaidError, and every rendering must be valid UTF-8 with no raw control character;
anything else is a bug: atheris stops and saves the input, which then goes into
fuzz/regressions/ where tests/test_fuzz_regressions.py replays it.
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
    from exercise import decode, exercise

    import osaid._engine
    import osaid._rulesets
    import osaid.definition
    import osaid.licensing
    import osaid.readers
    import osaid.readers._directory
    import osaid.render

    for _format in osaid.render.RENDERERS:  # renderers import on first use: import them here
        _renderer = osaid.render.RENDERERS[_format]

_TMP = Path(tempfile.mkdtemp(prefix="osaid-fuzz-"))


def _one(data: bytes) -> None:
    # decode(), not atheris.FuzzedDataProvider: a saved input must replay as the same text in
    # tests/test_fuzz_regressions.py, which has no atheris
    exercise(decode(data), _TMP)


def main() -> None:
    """Start atheris with the command-line arguments (corpus directories, limits)."""
    atheris.Setup(sys.argv, _one)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
