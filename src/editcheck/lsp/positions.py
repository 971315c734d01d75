"""Offsets in a draft's text to LSP positions, counted in the encoding the client agreed.

LSP counts ``character`` in UTF-16 code units unless the client offered another
``positionEncoding`` at initialize (pygls picks it; this module only counts). Lines end at
``\\n``, ``\\r\\n`` or a lone ``\\r``, as the protocol says, and at nothing else (Python's
``str.splitlines`` also breaks at form feeds and U+2028, which would shift every line
after one).
"""

from __future__ import annotations

import bisect
import re

from lsprotocol import types

_LINE_END = re.compile(r"\r\n|\r|\n")


def units(text: str, encoding: str) -> int:
    """How many code units ``text`` takes in ``encoding`` ("utf-8", "utf-16", "utf-32")."""
    if encoding == "utf-32" or text.isascii():
        return len(text)
    if encoding == "utf-8":
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)  # astral: a surrogate pair


class LineIndex:
    """Where each line of one text starts, to turn code-point offsets into positions."""

    def __init__(self, text: str, encoding: str = "utf-16") -> None:
        self.text = text
        self.encoding = encoding
        self.starts = [0, *(m.end() for m in _LINE_END.finditer(text))]

    def position(self, offset: int) -> types.Position:
        """The LSP position of code-point ``offset`` (clamped to the text)."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        if (
            offset > start
            and self.text[offset - 1] == "\r"
            and self.text[offset : offset + 1] == "\n"
        ):
            offset -= 1  # between \r and \n is not a position a client can show
        return types.Position(line, units(self.text[start:offset], self.encoding))

    def line_end(self, line: int) -> int:
        """The offset just before line ``line``'s end-of-line characters."""
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)
        while end > self.starts[line] and self.text[end - 1] in "\r\n":
            end -= 1
        return end

    def range(self, start: int, end: int) -> types.Range:
        return types.Range(self.position(start), self.position(end))
