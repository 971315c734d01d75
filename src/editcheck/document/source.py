"""Positions in the draft as given: a flagged span's line, column and offset in the file.

Annotations carry offsets into editcheck's document text (for a text draft, the file
itself; for HTML, the blocks' whitespace-collapsed text). Editors, code-scanning tools and
CI annotations point into the *file*, so for HTML each span is mapped back while the parse
is still at hand: its block's element gives the source line it starts on (and its start
tag on that line), and from there :mod:`.sourcemap` maps each character of the
element's text content to the source range it came from (entities and inline tags
included); where the source and the parse disagree, the flagged raw text is looked for
verbatim from the start tag on. Nothing here parses the draft again; the line index, the
tag ordinals and the token list are built on the first span that needs them, so a draft
with no findings pays nothing.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from editcheck.annotations import SourceSpan
from editcheck.document.model import Block, MediaType
from editcheck.document.sourcemap import ElementText, SourceMap, quick_range

_SEARCH_WINDOW = 50_000  # how far past its start tag a block's text is looked for
_NEWLINE = re.compile("\n")


class SourceLocator:
    """Maps annotation spans of one document to the decoded input it was parsed from."""

    def __init__(self, text: str, media_type: MediaType) -> None:
        self.text = text
        self.is_html = media_type == "text/html"
        self._line_starts: list[int] | None = None
        self._ordinals: dict[Any, int] | None = None
        # (line, tag) -> where that tag's start tags are on the line: found once, not once
        # per annotation (a one-line HTML draft would be re-scanned for every finding)
        self._tag_starts: dict[tuple[int, str], list[int]] = {}
        self._map: SourceMap | None = None
        self._elements: dict[int, ElementText | None] = {}
        self._raw: dict[int, str] = {}  # block index -> its element's text content

    def span(
        self,
        block: Block,
        start: int,
        end: int,
        exact: str,
        line: int,
        column: int,
        raw: tuple[int, int] | None = None,
    ) -> SourceSpan | None:
        """Where document span ``[start, end)`` (raw text ``exact``, at ``line``/``column``
        of the document text; ``raw``: its raw text-content offsets in the block) is in
        the input; None when its element has no source line."""
        if not self.is_html:  # the document text is the file's text
            return SourceSpan(line, column, line, column + (end - start), start, end)
        if raw is not None:
            found_range = self.text_range(block, *raw)
            if found_range is not None:
                return self._span(found_range[0], found_range[1])
        element = block.element
        source_line = getattr(element, "sourceline", None)
        starts = self.line_starts()
        if not source_line or source_line > len(starts):
            return None
        origin = self._element_start(element, source_line)
        if origin is None:
            origin = starts[source_line - 1]
        found = self.text.find(exact, origin, origin + _SEARCH_WINDOW) if exact else -1
        if found < 0:
            at = starts[source_line - 1]
            return SourceSpan(source_line, 1, source_line, 1, at, at)
        return self._span(found, found + len(exact))

    def element_text(self, block: Block) -> ElementText | None:
        """The block's element in the source, each character of its text content mapped
        to where it came from; None when the source and the parse disagree (HTML only)."""
        if block.index in self._elements:
            return self._elements[block.index]
        found: ElementText | None = None
        element = block.element
        line = getattr(element, "sourceline", None)
        if self.is_html and element is not None and line and line <= len(self.line_starts()):
            origin = self._element_start(element, line)
            if self._map is None:
                self._map = SourceMap(self.text)
            if origin is not None:
                raw = self._raw.get(block.index)
                if raw is None:
                    raw = self._raw[block.index] = block.raw_text()
                found = self._map.element_text(origin, raw)
        self._elements[block.index] = found
        return found

    def element_range(self, block: Block) -> tuple[int, int] | None:
        """Source offsets of the block's element, start tag to end tag (or where the
        parser closes it); None when that cannot be told for sure."""
        found = self.element_text(block)
        return None if found is None else (found.start, found.end)

    def text_range(self, block: Block, raw_start: int, raw_end: int) -> tuple[int, int] | None:
        """Source offsets of the block's raw text-content span ``[raw_start, raw_end)``
        (text: the document offsets themselves, as the line is the text)."""
        if not self.is_html:
            return block.start + raw_start, block.start + raw_end
        quick = self._quick(block, raw_start, raw_end)
        if quick is not None:
            return quick
        found = self.element_text(block)
        if found is None or not 0 <= raw_start <= raw_end <= found.size:
            return None
        return found.source_range(raw_start, raw_end)

    def _quick(self, block: Block, raw_start: int, raw_end: int) -> tuple[int, int] | None:
        """The span found by walking from the start tag (no tokenising), when it can be."""
        element = block.element
        line = getattr(element, "sourceline", None)
        if element is None or not line or line > len(self.line_starts()):
            return None
        origin = self._element_start(element, line)
        if origin is None:
            return None
        raw = self._raw.get(block.index)
        if raw is None:
            raw = self._raw[block.index] = block.raw_text()
        if not 0 <= raw_start <= raw_end <= len(raw):
            return None
        return quick_range(self.text, origin, raw, raw_start, raw_end)

    def in_one_run(self, block: Block, raw_start: int, raw_end: int) -> bool:
        """True when the span's characters all come from one text run of the source (no
        tag or comment inside), so replacing its source range leaves the markup alone."""
        if not self.is_html:
            return True
        found = self.element_text(block)
        if found is None or not 0 <= raw_start <= raw_end <= found.size:
            return False
        runs = found.runs(raw_start, raw_end)
        return len(runs) <= 1 and -1 not in runs

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

    def _element_start(self, element: Any, line: int) -> int | None:
        """Offset of the element's start tag: the n-th ``<tag`` on its line, where n counts
        the elements of that tag that start earlier on the same line (several paragraphs can
        share a line); None when the tag is not found there."""
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
        return found[n] if n < len(found) else None


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
