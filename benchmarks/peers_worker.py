"""Runs editcheck's peers inside their own venv and times each call: one JSON line per file.

Started by ``benchmarks/peers.py`` with the peers venv's Python, so proselint, jusText and
trafilatura never share a venv with editcheck. Standard library and the peers only.

Protocol (stdin and stdout, one JSON object a line):

    {"tool": "hello"}                          -> {"versions": {...}}
    {"tool": "proselint", "path": "d.txt"}     -> {"path", "tool", "cpu", "wall", "found"}
    {"tool": "justext", "path": "p.html.gz", "paragraphs": true}
                                               -> ... and "paragraphs": [[text, "good"|"bad"]]
    {"tool": "trafilatura", "path": "p.html.gz"}

Only the tool's own call is timed (``time.process_time`` and ``perf_counter``); reading the
file, gunzipping it and choosing jusText's stop list happen before the clock starts. Each
tool is imported, and its stop lists or checks loaded, before the first timed call.
"""

from __future__ import annotations

import gzip
import json
import platform
import re
import sys
import time
from importlib import metadata
from pathlib import Path
from typing import Any

# jusText stop lists by the page's <html lang>; a page in a language without one gets the
# empty list (jusText's documented language-independent mode); no lang attribute: English.
_LANGS = {
    "en": "English",
    "ru": "Russian",
    "pt": "Portuguese",
    "ko": "Korean",
    "it": "Italian",
    "id": "Indonesian",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "nl": "Dutch",
    "pl": "Polish",
    "tr": "Turkish",
    "sv": "Swedish",
}
_LANG_ATTR = re.compile(rb"<html[^>]*?\blang\s*=\s*[\"']?([a-zA-Z]{2,3})", re.I)
_STOPLISTS: dict[str, frozenset[str]] = {}


def _read(path: str) -> bytes:
    data = Path(path).read_bytes()
    return gzip.decompress(data) if path.endswith(".gz") else data


def stoplist_for(page: bytes, forced: str | None) -> tuple[str, frozenset[str]]:
    """The stop list jusText should get for a page, and its name."""
    import justext

    if forced:
        name = forced
    else:
        m = _LANG_ATTR.search(page[:20000])
        code = m.group(1).decode().lower()[:2] if m else "en"
        name = _LANGS.get(code, "") if code != "en" else "English"
    if name not in _STOPLISTS:
        _STOPLISTS[name] = justext.get_stoplist(name) if name else frozenset()
    return name or "(none)", _STOPLISTS[name]


def _proselint() -> Any:
    """A function linting one text, for the installed proselint (0.14+ or older)."""
    try:
        from proselint.checks import __register__
        from proselint.config import DEFAULT
        from proselint.registry import CheckRegistry
        from proselint.tools import LintFile
    except ImportError:  # proselint < 0.14
        from proselint.tools import lint

        return lint
    CheckRegistry().register_many(__register__)
    return lambda text: LintFile("<draft>", text).lint(DEFAULT)


def versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for name in ("proselint", "jusText", "trafilatura", "lxml"):
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "absent"
    return out


def main() -> int:
    import justext
    import trafilatura

    lint = _proselint()
    lint("Warm up: this sentence is very unique.")  # compiles proselint's checks
    warm = (
        b"<html><body><article><p>"
        + b"The council said it would meet. " * 20
        + b"</p></article></body></html>"
    )
    justext.justext(warm, stoplist_for(warm, None)[1])
    trafilatura.extract(warm)
    for raw in sys.stdin:
        req = json.loads(raw)
        tool, path = req["tool"], req.get("path", "")
        if tool == "hello":
            answer: dict[str, Any] = {"versions": versions()}
        elif tool == "proselint":
            text = _read(path).decode("utf-8")
            t0, c0 = time.perf_counter(), time.process_time()
            found = len(lint(text))
            answer = {
                "cpu": time.process_time() - c0,
                "wall": time.perf_counter() - t0,
                "found": found,
            }
        elif tool == "justext":
            page = _read(path)
            name, stoplist = stoplist_for(page, req.get("stoplist"))
            t0, c0 = time.perf_counter(), time.process_time()
            paragraphs = justext.justext(page, stoplist)
            answer = {
                "cpu": time.process_time() - c0,
                "wall": time.perf_counter() - t0,
                "found": sum(not p.is_boilerplate for p in paragraphs),
                "stoplist": name,
            }
            if req.get("paragraphs"):
                answer["paragraphs"] = [[p.text, p.class_type] for p in paragraphs]
        elif tool == "trafilatura":
            page = _read(path)
            t0, c0 = time.perf_counter(), time.process_time()
            text = trafilatura.extract(page)
            answer = {
                "cpu": time.process_time() - c0,
                "wall": time.perf_counter() - t0,
                "found": len(text or ""),
            }
        else:
            answer = {"error": f"unknown tool {tool!r}"}
        answer.update(tool=tool, path=path)
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
