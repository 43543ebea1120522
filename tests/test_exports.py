"""The public names: ``__all__`` and the lazy export tables agree, and every name resolves.

``osaid`` imports its public names on first use (PEP 562). A name listed in ``__all__`` but
missing from the table would fail only when a user first touched it; a name in the table but
not in ``__all__`` would be public without being documented as such.
"""

from __future__ import annotations

import subprocess
import sys
from importlib import import_module
from types import ModuleType

import pytest

import osaid

PACKAGES = (
    "osaid",
    "osaid.definition",
    "osaid.grading",
    "osaid.licensing",
    "osaid.readers",
    "osaid.render",
)


def _lazy(module: ModuleType) -> set[str]:
    table: dict[str, tuple[str, ...]] = getattr(module, "_LAZY", {})
    return {name for names in table.values() for name in names}


@pytest.mark.parametrize("name", PACKAGES)
def test_all_lists_exactly_the_public_names(name: str) -> None:
    """Every name of ``__all__`` resolves, and every lazily exported name is in ``__all__``."""
    module = import_module(name)
    public = set(module.__all__)
    assert len(public) == len(module.__all__), "a name is listed twice"
    assert _lazy(module) <= public
    for attribute in sorted(public):
        assert getattr(module, attribute) is not None, attribute


def test_dir_shows_the_public_surface() -> None:
    """``dir(osaid)`` lists what ``__all__`` promises (tab completion shows the API)."""
    assert sorted(dir(osaid)) == sorted(osaid.__all__)


def test_unknown_names_raise_attribute_error() -> None:
    """A name that is not exported is an AttributeError naming the module, not a KeyError."""
    with pytest.raises(AttributeError, match="osaid"):
        getattr(osaid, "no_such_name")  # noqa: B009


def test_importing_osaid_stays_cheap() -> None:
    """``import osaid`` loads no validation library: every public name loads on first use."""
    code = (
        "import sys, osaid; "
        "heavy = [m for m in ('pydantic', 'yaml', 'license_expression') if m in sys.modules]; "
        "assert not heavy, heavy"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
