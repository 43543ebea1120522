"""Explain requirements and compare definition versions: :mod:`osaid.evaluate` holds them.

Kept so that ``osaid.versions.explain`` and the others keep working; import them from
:mod:`osaid.evaluate`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from osaid._lazy import exports

if TYPE_CHECKING:
    from osaid.evaluate import (
        Change,
        DefinitionDiff,
        Explanation,
        compare,
        diff,
        explain,
        find_requirement,
    )
    from osaid.report import Comparison, ResultDifference

__all__ = [
    "Change",
    "Comparison",
    "DefinitionDiff",
    "Explanation",
    "ResultDifference",
    "compare",
    "diff",
    "explain",
    "find_requirement",
]

_LAZY = {
    "osaid.evaluate": (
        "Change",
        "DefinitionDiff",
        "Explanation",
        "compare",
        "diff",
        "explain",
        "find_requirement",
    ),
    "osaid.report": ("Comparison", "ResultDifference"),
}

__getattr__ = exports(globals(), _LAZY)
