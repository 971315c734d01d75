"""The parsed draft every check works on: blocks, sentences, tokens and offset maps.

A :class:`Document` is built once per draft (by :mod:`editcheck.document.html` or
:mod:`editcheck.document.plaintext`) and never re-parsed.  All offsets are Unicode code
points into :attr:`Document.text`; each :class:`Block` can translate its own offsets back
to the raw text content of its HTML element (what lxml's ``text_content()`` and the DOM's
``textContent`` give), so an editor can highlight an annotation in the original HTML.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

if TYPE_CHECKING:
    from editcheck.document.source import SourceLocator
    from editcheck.document.words import WordIndex
    from editcheck.language import Language

MediaType = Literal["text/html", "text/plain", "text/markdown"]


class Segment(NamedTuple):
    """A run of block text mapped onto the element's raw text content.

    Either an identity run (``length == raw_length``), one collapsed whitespace character
    standing for ``raw_length`` raw whitespace characters, or one synthetic separator
    (``raw_length == 0``, e.g. for ``<br>``). A tuple, because a long draft has many.
    """

    start: int
    raw_start: int
    length: int
    raw_length: int


class Token(NamedTuple):
    """A word, number or punctuation mark with its document offsets (a tuple: drafts have
    thousands, and tuples are the cheapest immutable records Python builds)."""

    text: str
    start: int
    end: int
    kind: Literal["word", "number", "punct"]


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of one block; ``start``/``end`` are document offsets."""

    index: int
    block_index: int
    start: int
    end: int
    text: str
    tokens: tuple[Token, ...]


@dataclass(frozen=True, slots=True)
class Block:
    """A block-level element (or a line of plain text) that holds text.

    ``text`` is the block's text as it stands in the document text (whitespace collapsed
    for HTML, the line exactly for plain text); ``start``/``end`` are its document offsets.
    ``context`` holds the tag names of its ancestors (``aside``, ``figure``, ``a`` ...),
    ``hints`` the class and id values of it and its ancestors, lower-cased.
    """

    index: int
    tag: str
    xpath: str | None
    text: str
    start: int
    end: int
    segments: tuple[Segment, ...]
    context: frozenset[str] = frozenset()
    hints: str = ""
    link_chars: int = 0
    ignore: frozenset[str] = frozenset()
    sentence_range: tuple[int, int] = (0, 0)
    element: Any = field(default=None, compare=False, repr=False)
    # Ranges of ``text`` that are code (Markdown code spans): not prose, so no finding
    # that lies inside one is shown.
    code: tuple[tuple[int, int], ...] = ()

    def raw_text(self) -> str:
        """The element's raw text content (the DOM's ``textContent``); the line for text."""
        return self.text if self.element is None else str(self.element.text_content())

    def raw_start(self, offset: int) -> int:
        """Raw text-content offset of the block-text character at ``offset``."""
        seg = self._segment_at(offset)
        if seg is None:
            return 0
        if seg.length == seg.raw_length:
            return seg.raw_start + (offset - seg.start)
        return seg.raw_start

    def raw_end(self, offset: int) -> int:
        """Raw text-content offset just after the block-text character before ``offset``."""
        if offset <= 0:
            return self.raw_start(0)
        seg = self._segment_at(offset - 1)
        if seg is None:
            return 0
        if seg.length == seg.raw_length:
            return seg.raw_start + (offset - seg.start)
        return seg.raw_start + seg.raw_length

    def in_code(self, start: int, end: int) -> bool:
        """Whether block-text span ``[start, end)`` lies inside one code span."""
        return any(s <= start and end <= e for s, e in self.code)

    def _segment_at(self, offset: int) -> Segment | None:
        if not self.segments:
            return None
        i = bisect.bisect_right(self.segments, offset, key=lambda seg: seg.start)
        return self.segments[max(0, i - 1)]

    @property
    def is_blank(self) -> bool:
        """True for a block with no visible text (an empty paragraph, a blank line)."""
        return not self.text.strip()

    @property
    def link_density(self) -> float:
        """Share of the block's characters inside links (navigation is mostly links)."""
        return self.link_chars / len(self.text) if self.text else 0.0


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed draft: the text checks read and the blocks and sentences it is made of."""

    text: str
    blocks: tuple[Block, ...]
    sentences: tuple[Sentence, ...]
    media_type: MediaType
    source: str | None = None
    encoding: str = "utf-8"
    notes: tuple[str, ...] = ()
    _block_starts: tuple[int, ...] = field(default=(), repr=False)
    # The decoded input (HTML source or the text) and how to find a span in it.
    source_text: str = field(default="", repr=False, compare=False)
    locator: SourceLocator | None = field(default=None, repr=False, compare=False)
    # What is derived from the parse once, on first use (the word index, the language).
    _derived: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    # What the draft says its language is (``<html lang>``, Markdown front matter).
    declared_language: str | None = None

    def block_sentences(self, block: Block) -> tuple[Sentence, ...]:
        """The sentences of ``block``, in order."""
        first, last = block.sentence_range
        return self.sentences[first:last]

    def block_at(self, offset: int) -> Block | None:
        """The block whose span holds document offset ``offset`` (None between blocks)."""
        i = bisect.bisect_right(self._block_starts, offset) - 1
        if i < 0:
            return None
        block = self.blocks[i]
        return block if block.start <= offset <= block.end else None

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of document offset ``offset``.

        Every block is one line of the document text (text input: a line of the file; HTML:
        blocks joined by newlines), so the block starts are the line starts.
        """
        starts = self._block_starts or (0,)
        i = max(0, bisect.bisect_right(starts, offset) - 1)
        return i + 1, offset - starts[i] + 1

    @property
    def words(self) -> WordIndex:
        """Every word and number token with offsets, lower-cased form and sentence id,
        built from the sentences' tokens the first time a check asks."""
        index = self._derived.get("words")
        if index is None:
            from editcheck.document.words import build_word_index

            index = self._derived["words"] = build_word_index(self.sentences)
        return index

    @property
    def language(self) -> Language:
        """The language the draft is checked as: its declaration, unless a long enough
        reading of its prose says otherwise; detected when it declares none."""
        found = self._derived.get("language")
        if found is None:
            from editcheck.language import resolve

            found = self._derived["language"] = resolve(self.declared_language, self.prose())
        return found

    def prose(self, chars: int = 400) -> str:
        """About ``chars`` characters of the draft's prose: blocks of six words or more
        first (a headline, a byline or a dateline says little about the language), then
        whatever text there is."""
        parts: list[str] = []
        size = 0
        for block in self.blocks:
            if block.text.count(" ") >= 5:
                parts.append(block.text)
                size += len(block.text) + 1
                if size >= chars:
                    break
        return " ".join(parts)[:chars] if parts else self.text[:chars]

    @property
    def word_count(self) -> int:
        """Number of word and number tokens in the document."""
        return len(self.words)
