"""RENDER: reports of either kind of definition as text for people and machines, keyed by format.

Each format is one module exposing ``render(reports, many) -> str``, where ``many`` says
whether several inputs were asked for (so output shapes follow the command, not how many
inputs could be read), and ``stream(render, many)``, how a batch writes it one report at a
time (:mod:`osaid.render._stream`); adding a format means adding a module and one entry to
``RENDERERS`` (``osaid check --format`` takes its choices from it). A format that can colour
its output for a terminal also registers a colour variant in ``COLOUR_RENDERERS``. Every format
renders reports of both kinds: a graded report (one whose ``grade`` is set) carries its
components as results, and the text and JSON formats write its own layout (``_graded``).

The registries name each renderer as ``module:function`` and import it on first use: the
command line needs the format names for ``--help`` and ``--version``, and a check imports only
the renderer it prints with.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, MutableMapping, Sequence
from importlib import import_module
from typing import TYPE_CHECKING

from osaid._lazy import exports

if TYPE_CHECKING:
    from osaid.render._graded import GRADE_RENDERERS, payload
    from osaid.render._stream import ReportStream
    from osaid.render._versions import (
        comparison,
        definition_rows,
        definitions,
        difference,
        explanation,
    )
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
        "github": "_github:render",
        "gitlab": "_gitlab:render",
    }
)

COLOUR_RENDERERS: MutableMapping[str, Renderer] = _Registry({"text": "_text:render_colour"})
"""Variants for a terminal; used only when writing to one and ``NO_COLOR`` is unset."""

VERBOSE_RENDERERS: MutableMapping[str, Renderer] = _Registry({"text": "_text:render_verbose"})
"""Variants listing every requirement (``osaid check --verbose``), where a format is terse."""

VERBOSE_COLOUR_RENDERERS: MutableMapping[str, Renderer] = _Registry(
    {"text": "_text:render_verbose_colour"}
)
"""The verbose variants coloured for a terminal."""

TEXT_SEPARATOR = "\n" + "-" * 78 + "\n"
"""Between two reports of the text format (a blank line, a rule, then the next report)."""


def _variant(name: str, colour: bool, verbose: bool) -> Renderer:
    """The renderer of ``name`` for a terminal and/or ``--verbose``, when the format has one."""
    choices = {
        (True, True): (VERBOSE_COLOUR_RENDERERS, VERBOSE_RENDERERS, COLOUR_RENDERERS),
        (False, True): (VERBOSE_RENDERERS,),
        (True, False): (COLOUR_RENDERERS,),
        (False, False): (),
    }[colour, verbose]
    for registry in choices:
        if name in registry:
            return registry[name]
    return RENDERERS[name]


def stream(
    name: str, many: bool, *, colour: bool = False, verbose: bool = False
) -> ReportStream[Report]:
    """Render format ``name`` one report at a time (see :mod:`osaid.render._stream`).

    Each ``add(report)`` returns the text to write at once and ``finish()`` what ends the
    document; together they are exactly ``RENDERERS[name](reports, many)`` (or the colour
    variant), so a batch need not keep its reports. Each format's module says how it streams
    (its ``stream(render, many)``): text, JSON and hook are written as each report arrives; a
    format whose first bytes depend on every report (Markdown, JUnit) keeps each report
    compressed and renders at the end, and so does a renderer a caller registered.
    """
    from osaid.render import _stream  # noqa: PLC0415 - only a batch needs it

    render = _variant(name, colour, verbose)
    module = sys.modules.get(getattr(render, "__module__", ""))
    factory = getattr(module, "stream", None) if module is not None else None
    if callable(factory) and module is not None and module.__name__.startswith(f"{__name__}."):
        made: ReportStream[Report] = factory(render, many)
        return made
    return _stream.Collected(render, many)


_LAZY = {
    "osaid.render._graded": ("GRADE_RENDERERS", "payload"),
    "osaid.render._versions": (
        "comparison",
        "definition_rows",
        "definitions",
        "difference",
        "explanation",
    ),
}
"""A graded report's own text and JSON, and the text of the version commands (definitions,
explain, diff, comparisons): loaded on first use."""

__getattr__ = exports(globals(), _LAZY)

__all__ = [
    "COLOUR_RENDERERS",
    "GRADE_RENDERERS",
    "RENDERERS",
    "VERBOSE_COLOUR_RENDERERS",
    "VERBOSE_RENDERERS",
    "Renderer",
    "comparison",
    "definition_rows",
    "definitions",
    "difference",
    "explanation",
    "payload",
    "stream",
]
