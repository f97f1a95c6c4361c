"""Renderers: turn a Comparison into text for a terminal, Markdown, JSON or HTML.

Renderers only format data; they never compare. Each format lives in its own module.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any, Protocol

from diffdoc.models import Comparison

# format name -> module defining `render(comparison: Comparison, **options) -> str`
RENDERERS: dict[str, str] = {
    "text": "diffdoc.report.text",
    "md": "diffdoc.report.markdown",
    "json": "diffdoc.report.json",
    "html": "diffdoc.report.html",
}


class Renderer(Protocol):
    def __call__(self, comparison: Comparison, **options: Any) -> str: ...


def renderer(fmt: str) -> Renderer:
    """The render function for an output format name."""
    module = import_module(RENDERERS[fmt])
    render: Renderer = module.render
    return render


def render(comparison: Comparison, fmt: str, **options: Any) -> str:
    """Render `comparison` in the format `fmt` (one of RENDERERS)."""
    return renderer(fmt)(comparison, **options)
