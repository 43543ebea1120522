"""Renderers turn reports into text for people and machines.

Each format is one module exposing ``render(reports, many) -> str``, where ``many`` says
whether several inputs were asked for (so output shapes follow the command, not how many
inputs could be read); adding a format means adding a module and one entry to ``RENDERERS``
(``osaid check --format`` takes its choices from it). A format that can colour its output for a
terminal also registers a colour variant in ``COLOUR_RENDERERS``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from osaid.render import _hook, _json, _junit, _markdown, _sarif, _text
from osaid.report import Report

Renderer = Callable[[Sequence[Report], bool], str]

RENDERERS: dict[str, Renderer] = {
    "text": _text.render,
    "json": _json.render,
    "markdown": _markdown.render,
    "sarif": _sarif.render,
    "junit": _junit.render,
    "hook": _hook.render,
}

COLOUR_RENDERERS: dict[str, Renderer] = {
    "text": _text.render_colour,
}
"""Variants for a terminal; used only when writing to one and ``NO_COLOR`` is unset."""

__all__ = ["COLOUR_RENDERERS", "RENDERERS", "Renderer"]
