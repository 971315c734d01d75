"""Writing an audit to its folder: ``audit.json`` and ``audit.html``, each replaced whole.

Files are written beside their final name and moved into place, so a reader (or a
browser reloading the page) never sees half a file, and an interrupted run leaves the
previous audit intact until the new one is complete.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from editcheck.audit.page import render_page

JSON_NAME = "audit.json"
HTML_NAME = "audit.html"


def write_audit(summary: dict[str, Any], out_dir: Path, inputs: Sequence[str] = ()) -> list[Path]:
    """Write the summary as JSON and as the HTML page into ``out_dir`` (created if missing)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    data = {**summary, "inputs": list(inputs)}
    written = [
        _replace(out_dir / JSON_NAME, json.dumps(data, ensure_ascii=False, indent=2) + "\n"),
        _replace(out_dir / HTML_NAME, render_page(summary, inputs)),
    ]
    return written


def _replace(path: Path, text: str) -> Path:
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)
    return path
