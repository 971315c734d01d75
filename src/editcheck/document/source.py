"""Positions in the draft as given: a flagged span's line, column and offset in the file.

Annotations carry offsets into editcheck's document text (for a text draft, the file
itself; for HTML, the blocks' whitespace-collapsed text). Editors, code-scanning tools and
CI annotations point into the *file*, so for HTML each span is mapped back while the parse
is still at hand: its block's element gives the source line it starts on (and its start
tag on that line), and the flagged raw text is looked for from there on. Nothing here
reads or parses the draft again; the line index and the tag ordinals are built on the
first span that needs them, so a draft with no findings pays nothing. A Markdown block
knows the source offset of its raw text (its slice of the source), so its spans are exact.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from editcheck.annotations import SourceSpan
from editcheck.document.model import Block, MediaType

_SEARCH_WINDOW = 50_000  # how far past its start tag a block's text is looked for
_NEWLINE = re.compile("\n")


class SourceLocator:
    """Maps annotation spans of one document to the decoded input it was parsed from."""

    def __init__(self, text: str, media_type: MediaType) -> None:
        self.text = text
        self.is_html = media_type == "text/html"
        self.is_markdown = media_type == "text/markdown"
        self._line_starts: list[int] | None = None
        self._ordinals: dict[Any, int] | None = None
        # (line, tag) -> where that tag's start tags are on the line: found once, not once
        # per annotation (a one-line HTML draft would be re-scanned for every finding)
        self._tag_starts: dict[tuple[int, str], list[int]] = {}

    def span(
        self, block: Block, start: int, end: int, exact: str, line: int, column: int
    ) -> SourceSpan | None:
        """Where document span ``[start, end)`` (raw text ``exact``, at ``line``/``column``
        of the document text) is in the input; None when its element has no source line."""
        if self.is_markdown:  # each block knows its slice of the source
            base = getattr(block.element, "start", 0)
            raw_start = block.raw_start(start - block.start)
            raw_end = max(raw_start, block.raw_end(end - block.start))
            return self._span(base + raw_start, base + raw_end)
        if not self.is_html:  # the document text is the file's text
            return SourceSpan(line, column, line, column + (end - start), start, end)
        element = block.element
        source_line = getattr(element, "sourceline", None)
        starts = self.line_starts()
        if not source_line or source_line > len(starts):
            return None
        origin = self._element_start(element, source_line)
        found = self.text.find(exact, origin, origin + _SEARCH_WINDOW) if exact else -1
        if found < 0:
            at = starts[source_line - 1]
            return SourceSpan(source_line, 1, source_line, 1, at, at)
        return self._span(found, found + len(exact))

    def line_starts(self) -> list[int]:
        """Offset of each line's first character."""
        if self._line_starts is None:
            self._line_starts = [0, *(m.end() for m in _NEWLINE.finditer(self.text))]
        return self._line_starts

    def _span(self, start: int, end: int) -> SourceSpan:
        line, column = self._line_col(start)
        end_line, end_column = self._line_col(end)
        return SourceSpan(line, column, end_line, end_column, start, end)

    def _line_col(self, offset: int) -> tuple[int, int]:
        starts = self.line_starts()
        i = bisect.bisect_right(starts, offset) - 1
        return i + 1, offset - starts[i] + 1

    def _element_start(self, element: Any, line: int) -> int:
        """Offset of the element's start tag: the n-th ``<tag`` on its line, where n counts
        the elements of that tag that start earlier on the same line (several paragraphs can
        share a line); the line's start when the tag is not found there."""
        if self._ordinals is None:
            self._ordinals = _ordinals(element.getroottree().getroot())
        starts = self.line_starts()
        origin = starts[line - 1]
        end = starts[line] if line < len(starts) else len(self.text)
        key = (line, str(element.tag).lower())
        found = self._tag_starts.get(key)
        if found is None:
            tag = re.compile(rf"<{re.escape(str(element.tag))}(?=[\s>/])", re.IGNORECASE)
            found = self._tag_starts[key] = [
                m.start() for m in tag.finditer(self.text, origin, end)
            ]
        n = self._ordinals.get(element, 0)
        return found[n] if n < len(found) else origin


def _ordinals(root: Any) -> dict[Any, int]:
    """For each element, how many elements of its tag start before it on its line."""
    seen: dict[tuple[int, str], int] = {}
    ordinals = {}
    for el in root.iter():
        if isinstance(el.tag, str):
            key = (el.sourceline or 0, el.tag.lower())
            ordinals[el] = seen.get(key, 0)
            seen[key] = ordinals[el] + 1
    return ordinals
