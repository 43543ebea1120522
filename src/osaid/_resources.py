"""Locate the data directories shipped with osaid.

In a wheel, ``definitions/`` and ``licenses/`` are installed as ``osaid/_data/...``; in a
source checkout they sit at the repository root. Both layouts must work, so code never builds
these paths itself.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """Return the directory holding the shipped ``name`` data (``definitions`` or ``licenses``)."""
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parents[1] / name
