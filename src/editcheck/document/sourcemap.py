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
from dataclasses import dataclass

# One token of markup; text is what lies between tokens. Possessive quantifiers keep it
# linear: an unterminated tag or comment runs to the end of the draft, never back.
_TOKEN = re.compile(
    r"<!--(?:[^-]++|-(?!->))*+(?:-->)?"
    r"|<[!?][^>]*+>?"
    r"|</(?P<end>[A-Za-z][^\s/>]*+)[^>]*+>?"
    r"|<(?P<start>[A-Za-z][^\s/>]*+)(?:[^>\"']++|\"[^\"]*+\"?|'[^']*+'?)*+>?"
)
_ENTITY = re.compile(r"&(?:#[0-9]{1,8};?|#[xX][0-9a-fA-F]{1,8};?|[A-Za-z][A-Za-z0-9]{0,31};?)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # what the parser reads as spaces
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


@dataclass(frozen=True, slots=True)
class Tag:
    """One token of markup: its source range, lower-cased name ("" for a comment or a
    declaration) and whether it is an end tag or closes itself (``<br/>``)."""

    start: int
    end: int
    name: str
    closing: bool
    self_closing: bool


@dataclass(frozen=True, slots=True)
class ElementText:
    """An element's source range and, for each character of its text content as the
    parser read it, the source range it came from and the text run it sits in."""

    start: int
    end: int
    char_start: tuple[int, ...]
    char_end: tuple[int, ...]
    run: tuple[int, ...]


class SourceMap:
    """The tokens of one decoded HTML source, and element answers built on them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tags: list[Tag] = []
        self._raw_until: dict[int, int] = {}  # tag index -> end of its raw text
        self._tokenise()
        self._starts = [t.start for t in self.tags]

    def _tokenise(self) -> None:
        text, pos = self.text, 0
        while True:
            m = _TOKEN.search(text, pos)
            if m is None:
                return
            name = (m.group("start") or m.group("end") or "").lower()
            closing = m.group("end") is not None
            token = m.group()
            tag = Tag(m.start(), m.end(), name, closing, token.endswith("/>"))
            self.tags.append(tag)
            pos = m.end()
            if name in RAW_TEXT and not closing and not tag.self_closing:
                close = re.compile(rf"</{name}(?=[\s/>])", re.IGNORECASE).search(text, pos)
                pos = close.start() if close else len(text)
                self._raw_until[len(self.tags) - 1] = pos

    def tag_at(self, offset: int) -> int | None:
        """Index of the tag token starting at ``offset``."""
        i = bisect.bisect_left(self._starts, offset)
        return i if i < len(self.tags) and self.tags[i].start == offset else None

    def element_end(self, index: int) -> int:
        """Where the element whose start tag is token ``index`` ends: after its end tag,
        or where the parser closes it (before a start tag that implies its end, or an
        ancestor's end tag); the end of the source when nothing closes it."""
        first = self.tags[index]
        if first.self_closing or first.name in VOID:
            return first.end
        stack = [first.name]
        for tag in self.tags[index + 1 :]:
            if not tag.name:
                continue
            if not tag.closing:
                implied = IMPLIED_END.get(stack[-1], frozenset())
                if tag.name in implied:
                    if len(stack) == 1:
                        return tag.start
                    stack.pop()
                if not tag.self_closing and tag.name not in VOID:
                    stack.append(tag.name)
                continue
            if tag.name in stack:
                while stack:
                    if stack.pop() == tag.name:
                        break
                if not stack:
                    return tag.end if tag.name == first.name else tag.start
            elif tag.name not in _INLINE_END:
                return tag.start  # an ancestor's end tag closes the element
        return len(self.text)

    def element_text(self, start_tag: int, raw: str) -> ElementText | None:
        """The element whose start tag is token ``start_tag``, its text content ``raw``
        (as lxml read it) mapped onto the source; None when they do not agree."""
        first = self.tags[start_tag]
        end = self.element_end(start_tag)
        chars: list[tuple[str, int, int, int]] = []  # (char, source start, end, run)
        i, pos, run = start_tag, first.end, 0
        while pos < end:
            following = self.tags[i + 1].start if i + 1 < len(self.tags) else len(self.text)
            stop = min(following, end)
            if i in self._raw_until:  # script or style: its text is literal
                chars.extend((c, k, k + 1, run) for k, c in enumerate(self.text[pos:stop], pos))
            else:
                _decode(self.text, pos, stop, run, chars)
            run += 1
            i += 1
            if i >= len(self.tags) or self.tags[i].start >= end:
                break
            pos = self.tags[i].end
        aligned = _align(raw, chars)
        if aligned is None:
            return None
        starts, ends, runs = aligned
        return ElementText(first.start, end, starts, ends, runs)


def _decode(
    text: str, start: int, end: int, run: int, out: list[tuple[str, int, int, int]]
) -> None:
    """Decode the text ``text[start:end]`` (entities, CR LF) char by char with sources."""
    pos = start
    for m in _ENTITY.finditer(text, start, end):
        _plain(text, pos, m.start(), run, out)
        decoded = html.unescape(m.group())
        if decoded == m.group():
            _plain(text, m.start(), m.end(), run, out)
        else:
            out.extend((c, m.start(), m.end(), run) for c in decoded)
        pos = m.end()
    _plain(text, pos, end, run, out)


def _plain(text: str, start: int, end: int, run: int, out: list[tuple[str, int, int, int]]) -> None:
    k = start
    while k < end:
        c = text[k]
        if c == "\r":
            step = 2 if k + 1 < end and text[k + 1] == "\n" else 1
            out.append(("\n", k, k + step, run))
            k += step
            continue
        out.append((" " if _CONTROL.match(c) else c, k, k + 1, run))
        k += 1


def _align(
    raw: str, chars: list[tuple[str, int, int, int]]
) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]] | None:
    """Match the parser's text to the source's characters, skipping whitespace either
    side drops; any other difference is a disagreement (None)."""
    starts: list[int] = []
    ends: list[int] = []
    runs: list[int] = []
    j = 0
    n = len(chars)
    for c in raw:
        while j < n and chars[j][0] != c and chars[j][0].isspace():
            j += 1
        if j < n and chars[j][0] == c:
            _, s, e, r = chars[j]
            j += 1
        elif c.isspace():  # whitespace the parser has and the source does not
            s = e = chars[j][1] if j < n else (chars[-1][2] if chars else 0)
            r = -1
        else:
            return None
        starts.append(s)
        ends.append(e)
        runs.append(r)
    if any(not ch[0].isspace() for ch in chars[j:]):
        return None
    return tuple(starts), tuple(ends), tuple(runs)
