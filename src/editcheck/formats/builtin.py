"""The built-in formats, registered as a plugin through editcheck's own entry points."""

from __future__ import annotations

from editcheck.formats.base import Formatter
from editcheck.formats.jsonfmt import render_json, render_jsonl
from editcheck.formats.text import render_text
from editcheck.hookspecs import hookimpl


@hookimpl
def editcheck_formatters() -> list[Formatter]:
    return [
        Formatter("text", "compiler-style diagnostics, coloured on a terminal", render_text),
        Formatter("json", "a JSON array of report objects, one per input", render_json),
        Formatter("jsonl", "one JSON report per line, written as each draft finishes",
                  render_jsonl, streaming=True),
    ]
