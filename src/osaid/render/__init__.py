"""Renderers turn reports into text for people and machines.

Each format is one module exposing ``render(reports, many) -> str``, where ``many`` says
whether several inputs were asked for (so output shapes follow the command, not how many
inputs could be read); adding a format means adding a module and one entry to ``RENDERERS``
(``osaid check --format`` takes its choices from it). A format that can colour its output for a
terminal also registers a colour variant in ``COLOUR_RENDERERS``.

The registries name each renderer as ``module:function`` and import it on first use: the
command line needs the format names for ``--help`` and ``--version``, and a check imports only
the renderer it prints with.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, MutableMapping, Sequence
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from osaid.report import Report

Renderer = Callable[[Sequence["Report"], bool], str]


class _Registry(MutableMapping[str, Renderer]):
    """Format name to renderer; entries written as ``module:function`` load when looked up."""

    def __init__(self, entries: dict[str, str]) -> None:
        self._entries: dict[str, Renderer | str] = dict(entries)

    def __getitem__(self, name: str) -> Renderer:
        entry = self._entries[name]
        if isinstance(entry, str):
            module, _, function = entry.partition(":")
            entry = self._entries[name] = getattr(import_module(f"{__name__}.{module}"), function)
        return entry

    def __setitem__(self, name: str, renderer: Renderer) -> None:
        self._entries[name] = renderer

    def __delitem__(self, name: str) -> None:
        del self._entries[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)


RENDERERS: MutableMapping[str, Renderer] = _Registry(
    {
        "text": "_text:render",
        "json": "_json:render",
        "markdown": "_markdown:render",
        "sarif": "_sarif:render",
        "junit": "_junit:render",
        "hook": "_hook:render",
    }
)

COLOUR_RENDERERS: MutableMapping[str, Renderer] = _Registry({"text": "_text:render_colour"})
"""Variants for a terminal; used only when writing to one and ``NO_COLOR`` is unset."""

__all__ = ["COLOUR_RENDERERS", "RENDERERS", "Renderer"]
