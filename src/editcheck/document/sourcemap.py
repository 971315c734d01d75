"""Where an HTML element and each character of its text are in the source, exactly.

lxml tells each element's source line only. Editors, code-scanning tools and fixes need
offsets: where a flagged word starts (entities and inline tags before it included), and
where an element starts and ends so a fix can delete it and leave every other byte of
the markup as it was. The decoded source is tokenised once, lazily, with one linear
pattern (tags, comments, the raw text of scripts and styles); an element's range runs
from its start tag to its end tag, or to where the HTML parser closes it implicitly (a
``<p>`` before the next block, an ``<li>`` before the next item).

Every answer is checked against the parse: the element's text content as lxml read it
must be the text of the source range, character for character but for whitespace the
parser drops. When they disagree (markup the parser repaired, an entity it read its own
way) the answer is None, and a caller falls back (a position) or refuses (a fix).
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

# One token of markup; text is what lies between tokens. Possessive quantifiers keep it
# linear: an unterminated tag or comment runs to the end of the draft, never back.
_TOKEN = re.compile(
    r"<!--(?:[^-]++|-(?!->))*+(?:-->)?"
    r"|<[!?][^>]*+>?"
    r"|</(?P<end>[A-Za-z][^\s/>]*+)[^>]*+>?"
    r"|<(?P<start>[A-Za-z][^\s/>]*+)(?:[^>\"']++|\"[^\"]*+\"?|'[^']*+'?)*+>?"
)
# What is not copied verbatim from source to text: an entity, a CR (LF), a control
# character (the parser reads it as a space).
_SPECIAL = re.compile(
    r"&(?:#[0-9]{1,8};?|#[xX][0-9a-fA-F]{1,8};?|[A-Za-z][A-Za-z0-9]{0,31};?)"
    r"|\r\n?|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
)
RAW_TEXT = frozenset({"script", "style", "xmp", "plaintext", "noembed", "noframes"})
VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "keygen",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    }
)
_P_CLOSERS = frozenset(
    "address article aside blockquote details div dl fieldset figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 header hgroup hr main menu nav ol p pre section table ul".split()
)
# Start tags that close an open element of the key's tag (the parser's implied end tags).
IMPLIED_END = {
    "p": _P_CLOSERS,
    "li": frozenset({"li"}),
    "dt": frozenset({"dt", "dd"}),
    "dd": frozenset({"dt", "dd"}),
    "td": frozenset({"td", "th", "tr"}),
    "th": frozenset({"td", "th", "tr"}),
    "tr": frozenset({"tr"}),
    "option": frozenset({"option", "optgroup"}),
}
# End tags that close whatever is open inside them (a stray inline end tag is ignored).
_INLINE_END = frozenset(
    "a abbr b bdi bdo big cite code data del dfn em font i ins kbd mark nobr q s samp "
    "small span strike strong sub sup time tt u var label".split()
)


class Tag(NamedTuple):
    """One token of markup: its source range, lower-cased name ("" for a comment or a
    declaration) and whether it is an end tag or closes itself (``<br/>``). A tuple: a
    page has thousands."""

    start: int
    end: int
    name: str
    closing: bool
    self_closing: bool


@dataclass(frozen=True, slots=True)
class ElementText:
    """An element's source range and where each character of its text content (as the
    parser read it) came from, as pieces: ``(raw start, source start, source end, run,
    length)``. A piece of length > 1 is copied verbatim (raw character k sits at source
    ``source start + k - raw start``); a piece of length 1 may come from a longer source
    range (an entity, a CR LF) or from none (whitespace the parser added). ``run``
    numbers the source text runs (-1: no source), so a span with one run has no tag
    inside."""

    start: int
    end: int
    size: int
    raw_starts: tuple[int, ...]
    pieces: tuple[tuple[int, int, int, int, int], ...]

    def char(self, offset: int) -> tuple[int, int, int]:
        """Source start, source end and run of raw character ``offset``."""
        i = bisect.bisect_right(self.raw_starts, offset) - 1
        raw, src, src_end, run, length = self.pieces[i]
        if length > 1 or src_end - src == length:
            at = src + (offset - raw)
            return at, at + 1, run
        return src, src_end, run

    def source_range(self, raw_start: int, raw_end: int) -> tuple[int, int]:
        """Source offsets of raw ``[raw_start, raw_end)`` (an empty span: where it sits)."""
        if raw_start >= raw_end:
            if raw_start < self.size:
                at = self.char(raw_start)[0]
            elif self.size:
                at = self.char(self.size - 1)[1]
            else:
                at = self.start
            return at, at
        return self.char(raw_start)[0], self.char(raw_end - 1)[1]

    def runs(self, raw_start: int, raw_end: int) -> set[int]:
        """The source text runs raw ``[raw_start, raw_end)`` comes from."""
        if raw_start >= raw_end:
            return set()
        first = bisect.bisect_right(self.raw_starts, raw_start) - 1
        last = bisect.bisect_right(self.raw_starts, raw_end - 1) - 1
        return {self.pieces[i][3] for i in range(first, last + 1)}


class SourceMap:
    """Element answers on one decoded HTML source: its tokens are read from the element's
    start tag on, only as far as the element goes (the parse already placed the element,
    so no state from earlier in the page is needed, and a page is never read whole for
    one paragraph)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def tokens(self, origin: int) -> Iterator[tuple[Tag, int | None]]:
        """The tags from ``origin`` on, each with where the raw text after it ends (a
        script's or a style's content, which is text however it looks), or None."""
        text, skip = self.text, -1
        for m in _TOKEN.finditer(text, origin):
            if m.start() < skip:
                continue
            start_name, end_name = m.group("start", "end")
            if end_name is not None:
                yield Tag(m.start(), m.end(), end_name.lower(), True, False), None
                continue
            name = start_name.lower() if start_name else ""
            tag = Tag(m.start(), m.end(), name, False, text.endswith("/>", 0, m.end()))
            if name in RAW_TEXT and not tag.self_closing:
                close = re.compile(rf"</{name}(?=[\s/>])", re.IGNORECASE).search(text, m.end())
                skip = close.start() if close else len(text)
                yield tag, skip
            else:
                yield tag, None

    def element(self, origin: int) -> tuple[int, list[tuple[int, int, bool]]] | None:
        """Where the element whose start tag is at ``origin`` ends (after its end tag, or
        where the parser closes it: before a start tag that implies its end, at an
        ancestor's end tag, at the end of the source), and its text segments
        ``(start, end, literal)`` in order; None when no start tag is at ``origin``."""
        tokens = self.tokens(origin)
        first, raw_until = next(tokens, (None, None))
        if first is None or first.start != origin or first.closing or not first.name:
            return None
        if first.self_closing or first.name in VOID:
            return first.end, []
        segments: list[tuple[int, int, bool]] = []
        stack, pos, literal_until = [first.name], first.end, raw_until
        for tag, until in tokens:
            if pos < tag.start:
                segments.append((pos, tag.start, literal_until is not None))
            pos, literal_until = tag.end, until
            if not tag.name:
                continue
            if not tag.closing:
                if tag.name in IMPLIED_END.get(stack[-1], frozenset()):
                    if len(stack) == 1:
                        segments_end = tag.start
                        return segments_end, segments
                    stack.pop()
                if not tag.self_closing and tag.name not in VOID:
                    stack.append(tag.name)
                continue
            if tag.name in stack:
                while stack:
                    if stack.pop() == tag.name:
                        break
                if not stack:
                    return (tag.end if tag.name == first.name else tag.start), segments
            elif tag.name not in _INLINE_END:
                return tag.start, segments  # an ancestor's end tag closes the element
        if pos < len(self.text):
            segments.append((pos, len(self.text), literal_until is not None))
        return len(self.text), segments

    def element_text(self, origin: int, raw: str) -> ElementText | None:
        """The element whose start tag is at ``origin``, its text content ``raw`` (as
        lxml read it) mapped onto the source; None when they do not agree."""
        found = self.element(origin)
        if found is None:
            return None
        end, segments = found
        aligner = _Aligner(raw)
        for run, (start, stop, literal) in enumerate(segments):
            if not aligner.segment(self.text, start, stop, run, literal):
                return None
        if not aligner.finish():
            return None
        pieces = tuple(aligner.pieces)
        return ElementText(origin, end, len(raw), tuple(p[0] for p in pieces), pieces)


class _Aligner:
    """Walks the parser's text and the source's text side by side: runs that match
    verbatim become one piece (compared in C, not character by character); entities,
    CR LF and whitespace one side dropped are matched a character at a time."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.r = 0
        self.pieces: list[tuple[int, int, int, int, int]] = []

    def segment(self, text: str, start: int, end: int, run: int, literal: bool) -> bool:
        pos = start
        if not literal and _SPECIAL.search(text, start, end) is not None:
            for m in _SPECIAL.finditer(text, start, end):
                if not self._chunk(text, pos, m.start(), run):
                    return False
                token = m.group()
                if token[0] == "&":
                    decoded = html.unescape(token)
                    if decoded == token:
                        if not self._chunk(text, m.start(), m.end(), run):
                            return False
                    elif not all(self._one(c, m.start(), m.end(), run) for c in decoded):
                        return False
                elif token[0] == "\r":
                    if not self._one("\n", m.start(), m.end(), run):
                        return False
                elif not self._one(" ", m.start(), m.end(), run):  # a control character
                    return False
                pos = m.end()
        return self._chunk(text, pos, end, run)

    def _chunk(self, text: str, start: int, end: int, run: int) -> bool:
        if start >= end:
            return True
        length = end - start
        if self.raw.startswith(text[start:end], self.r):
            self.pieces.append((self.r, start, end, run, length))
            self.r += length
            return True
        return all(self._one(text[k], k, k + 1, run) for k in range(start, end))

    def _one(self, c: str, src: int, src_end: int, run: int) -> bool:
        raw = self.raw
        while self.r < len(raw) and raw[self.r] != c and raw[self.r].isspace() and not c.isspace():
            self.pieces.append((self.r, src, src, -1, 1))  # whitespace only the parser has
            self.r += 1
        if self.r < len(raw) and raw[self.r] == c:
            self.pieces.append((self.r, src, src_end, run, 1))
            self.r += 1
            return True
        return c.isspace()  # whitespace the parser dropped; anything else disagrees

    def finish(self) -> bool:
        rest = self.raw[self.r :]
        if rest.strip():
            return False
        for k in range(self.r, len(self.raw)):
            at = self.pieces[-1][2] if self.pieces else 0
            self.pieces.append((k, at, at, -1, 1))
        return True


# A tag the quick walk steps over; nothing in it may hold a "<", so a run of "<a<a<a"
# fails at once instead of being read again from every "<" (and a real value with one
# goes to the full map).
_SIMPLE_TAG = re.compile(r"</?([A-Za-z][^\s/><]*+)(?:[^>\"'<]++|\"[^\"<]*+\"|'[^'<]*+')*+>")
_MARKUP_OR_ENTITY = re.compile(r"[<&\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def quick_range(
    text: str, origin: int, raw: str, raw_start: int, raw_end: int
) -> tuple[int, int] | None:
    """Source offsets of raw ``[raw_start, raw_end)`` of the element whose start tag is at
    ``origin``, found without tokenising the page: walking from the start tag over plain
    text and simple tags while the text is the parser's, verbatim (compared in C). None as
    soon as anything else comes (an entity, a comment, a script, whitespace the parser
    dropped): then :class:`SourceMap` answers."""
    m = _SIMPLE_TAG.match(text, origin)
    if m is None or m.group(1).lower() in RAW_TEXT:
        return None
    if not raw:
        return origin, origin  # an empty element: at its start tag
    pos, r, last = m.end(), 0, m.end()
    start: int | None = None
    end: int | None = None
    while True:
        nxt = _MARKUP_OR_ENTITY.search(text, pos)
        stop = nxt.start() if nxt is not None else len(text)
        n = min(stop - pos, len(raw) - r)
        if n:
            if not text.startswith(raw[r : r + n], pos):
                return None
            if start is None and raw_start < r + n:
                start = pos + raw_start - r
            if end is None and raw_start < raw_end <= r + n:
                end = pos + raw_end - r
            r += n
            last = pos + n
        if start is not None and (end is not None or raw_end == raw_start):
            return start, start if end is None else end
        if r >= len(raw):
            return (last, last) if raw_start >= len(raw) else None
        if nxt is None or text[stop] != "<":
            return None
        tag = _SIMPLE_TAG.match(text, stop)
        if tag is None or tag.group(1).lower() in RAW_TEXT:
            return None
        pos = tag.end()
