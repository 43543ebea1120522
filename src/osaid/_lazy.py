"""Public names of a package imported on first use (PEP 562).

``import osaid`` and ``osaid --version`` must stay cheap, and reading a MOF file needs the MOF
catalogue without the whole grader: a package lists which submodule holds each public name,
and the submodule is imported when the name is first looked up.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module


def exports(
    namespace: dict[str, object], modules: Mapping[str, tuple[str, ...]]
) -> Callable[[str], object]:
    """A module ``__getattr__`` serving each name in ``modules`` from its submodule.

    ``namespace`` is the package's ``globals()``: a name, once imported, is stored there, so
    later look-ups are plain attribute reads.
    """
    owner = {name: module for module, names in modules.items() for name in names}

    def __getattr__(name: str) -> object:  # noqa: N807 - the PEP 562 hook
        module = owner.get(name)
        if module is None:
            raise AttributeError(f"module {namespace['__name__']!r} has no attribute {name!r}")
        value = getattr(import_module(module), name)
        namespace[name] = value
        return value

    return __getattr__
