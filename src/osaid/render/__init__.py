"""Renderers turn reports into text for people and machines.

Each format is one module exposing ``render(reports, many) -> str``, where ``many`` says
whether several inputs were asked for (so output shapes follow the command, not how many
inputs could be read); adding a format means adding a module and one entry to ``RENDERERS``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from osaid.render import _json, _text
from osaid.report import Report

Renderer = Callable[[Sequence[Report], bool], str]

RENDERERS: dict[str, Renderer] = {
    "text": _text.render,
    "json": _json.render,
}

__all__ = ["RENDERERS", "Renderer"]
