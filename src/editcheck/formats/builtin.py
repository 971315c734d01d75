"""The built-in formats, registered as a plugin through editcheck's own entry points."""

from __future__ import annotations

from editcheck.formats.base import Formatter
from editcheck.formats.github import render_github
from editcheck.formats.html import render_html
from editcheck.formats.jsonfmt import render_json, render_jsonl
from editcheck.formats.sarif import render_sarif
from editcheck.formats.text import render_text
from editcheck.formats.w3c import render_w3c
from editcheck.hookspecs import hookimpl


@hookimpl
def editcheck_formatters() -> list[Formatter]:
    return [
        Formatter("text", "compiler-style diagnostics, coloured on a terminal", render_text),
        Formatter("json", "a JSON array of report objects, one per input", render_json),
        Formatter(
            "jsonl",
            "one JSON report per line, written as each draft finishes",
            render_jsonl,
            streaming=True,
        ),
        Formatter("sarif", "SARIF 2.1.0 for code-scanning services", render_sarif),
        Formatter(
            "github",
            "GitHub Actions workflow commands (annotations on a pull request)",
            render_github,
            streaming=True,
        ),
        Formatter("w3c", "W3C Web Annotation collections (JSON-LD)", render_w3c),
        Formatter(
            "html",
            "one self-contained page showing the drafts with highlights",
            render_html,
            needs_content=True,
        ),
    ]
