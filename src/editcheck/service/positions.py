"""Offsets for JavaScript editors: convert a report's code-point offsets to UTF-16 units.

editcheck counts Unicode code points (as Python and the CLI do); a browser's strings,
``Range`` offsets and most rich-text editors count UTF-16 code units, so every character
outside the Basic Multilingual Plane (most emoji) counts twice there. With
``position_encoding: "utf-16"`` every offset in the answer is converted against the text it
indexes: ``start``/``end`` and ``column`` against the document text, ``block.start``/
``block.end`` against the block's raw text (the element's textContent, the line, or the
editor's block).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from editcheck.document import Document


def utf16_offset(text: str, offset: int) -> int:
    """UTF-16 code units in ``text[:offset]``."""
    if text.isascii():
        return offset
    return len(text[:offset].encode("utf-16-le", "surrogatepass")) // 2


def convert_annotation(a: dict[str, Any], doc: Document, raw_text: Callable[[int], str]) -> None:
    """Rewrite one annotation dict's offsets in place from code points to UTF-16 units."""
    text = doc.text
    line_start = a["start"] - (a["column"] - 1)
    a["column"] = utf16_offset(text[line_start:], a["start"] - line_start) + 1
    a["start"], a["end"] = utf16_offset(text, a["start"]), utf16_offset(text, a["end"])
    raw = raw_text(a["block"]["index"])
    a["block"]["start"] = utf16_offset(raw, a["block"]["start"])
    a["block"]["end"] = utf16_offset(raw, a["block"]["end"])


def raw_texts(doc: Document) -> Callable[[int], str]:
    """A lookup of each block's raw text, computed once per block."""
    cache: dict[int, str] = {}

    def get(index: int) -> str:
        if index not in cache:
            cache[index] = doc.blocks[index].raw_text()
        return cache[index]

    return get
