"""Read a report's draft back, and map annotations to lines and columns of that file.

Reports carry positions in editcheck's document text (for a text draft, the file itself;
for HTML, the blocks' whitespace-collapsed text). Code-scanning tools and CI annotations
(SARIF, GitHub) point into the *file*, so for an HTML draft each annotation is mapped back:
its block's element gives the source line it starts on (and its start tag on that line),
and the flagged raw text (``quote.exact``) is looked for from there on. When the file
cannot be read again (standard input) or the text is not found verbatim there (entities,
markup inside the span), the region falls back to the element's line or the report's own
line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from editcheck.annotations import Annotation, Report
from editcheck.document import Document, load_html
from editcheck.document.decode import decode
from editcheck.errors import EditcheckError

_SEARCH_WINDOW = 50_000


@dataclass(frozen=True, slots=True)
class Region:
    """1-based start line/column and the end (column just after the last character)."""

    start_line: int
    start_column: int
    end_line: int
    end_column: int


def read_draft(report: Report) -> tuple[str | None, str]:
    """The draft's text as editcheck read it, or None and why not."""
    source = report.source
    if not source or source.startswith("<"):
        return None, "read from standard input"
    try:
        data = Path(source).read_bytes()
        text, _, _ = decode(data, html=report.media_type == "text/html")
    except (OSError, EditcheckError) as exc:
        return None, f"cannot read {source}: {exc}"
    return text, ""


def _span(text: str, start: int, length: int) -> tuple[int, int, int, int]:
    """Line/column of ``text[start:start+length]`` (1-based, end exclusive)."""
    line = text.count("\n", 0, start) + 1
    col = start - (text.rfind("\n", 0, start) + 1) + 1
    end = start + length
    end_line = text.count("\n", 0, end) + 1
    end_col = end - (text.rfind("\n", 0, end) + 1) + 1
    return line, col, end_line, end_col


class SourceMap:
    """Regions in the draft file for each annotation of one report."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self._text: str | None = None
        self._doc: Document | None = None
        self._line_starts: list[int] = []
        self._ordinals: dict[Any, int] | None = None
        if report.media_type == "text/html":
            self._text, _ = read_draft(report)
            if self._text is not None:
                self._doc = load_html(self._text)
                self._line_starts = [0] + [i + 1 for i, ch in enumerate(self._text) if ch == "\n"]

    def region(self, a: Annotation) -> Region:
        """Where ``a`` is in the file (see the module docstring for the fallbacks)."""
        fallback = Region(a.line, a.column, a.line, a.column + len(a.text))
        if self._doc is None or self._text is None:
            return fallback
        if a.block.index >= len(self._doc.blocks):
            return fallback
        element = self._doc.blocks[a.block.index].element
        line = getattr(element, "sourceline", None)
        if not line or line > len(self._line_starts):
            return fallback
        origin = self._element_start(element, line)
        exact = a.quote.exact
        found = self._text.find(exact, origin, origin + _SEARCH_WINDOW) if exact else -1
        if found < 0:
            return Region(line, 1, line, 1)
        return Region(*_span(self._text, found, len(exact)))

    def _element_start(self, element: Any, line: int) -> int:
        """Offset of the element's start tag: the n-th ``<tag`` on its line, where n counts
        the elements of that tag that start earlier on the same line (several paragraphs can
        share a line); the line's start when the tag is not found there."""
        assert self._text is not None
        if self._ordinals is None:
            self._ordinals = _ordinals(element.getroottree().getroot())
        origin = self._line_starts[line - 1]
        end = self._line_starts[line] if line < len(self._line_starts) else len(self._text)
        tag = re.compile(rf"<{re.escape(str(element.tag))}(?=[\s>/])", re.IGNORECASE)
        starts = [m.start() for m in tag.finditer(self._text, origin, end)]
        n = self._ordinals.get(element, 0)
        return starts[n] if n < len(starts) else origin


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
