"""The built-in formats, registered as a plugin through editcheck's own entry points.

Each renderer's module is imported the first time that format renders: a run writes one
format, and a cold ``editcheck check`` should not import JSON, HTML templating and SARIF
to print text.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence

from editcheck.annotations import Report
from editcheck.formats.base import Formatter, RenderContext, RenderFunction
from editcheck.hookspecs import hookimpl


def _lazy(target: str) -> RenderFunction:
    """``"module:function"`` as a render function that imports the module on first call."""
    module_name, name = target.split(":")

    def render(reports: Sequence[Report], context: RenderContext) -> str:
        function: RenderFunction = getattr(importlib.import_module(module_name), name)
        return function(reports, context)

    render.__name__ = render.__qualname__ = name
    render.__doc__ = f"{target}, imported when first used."
    return render


@hookimpl
def editcheck_formatters() -> list[Formatter]:
    return [
        Formatter(
            "text",
            "compiler-style diagnostics, coloured on a terminal",
            _lazy("editcheck.formats.text:render_text"),
        ),
        Formatter(
            "json",
            "a JSON array of report objects, one per input",
            _lazy("editcheck.formats.jsonfmt:render_json"),
        ),
        Formatter(
            "jsonl",
            "one JSON report per line, written as each draft finishes",
            _lazy("editcheck.formats.jsonfmt:render_jsonl"),
            streaming=True,
        ),
        Formatter(
            "sarif",
            "SARIF 2.1.0 for code-scanning services",
            _lazy("editcheck.formats.sarif:render_sarif"),
        ),
        Formatter(
            "github",
            "GitHub Actions workflow commands (annotations on a pull request)",
            _lazy("editcheck.formats.github:render_github"),
            streaming=True,
        ),
        Formatter(
            "w3c",
            "W3C Web Annotation collections (JSON-LD)",
            _lazy("editcheck.formats.w3c:render_w3c"),
        ),
        Formatter(
            "html",
            "one self-contained page showing the drafts with highlights",
            _lazy("editcheck.formats.html:render_html"),
            needs_content=True,
        ),
    ]
