"""Turn a Markdown draft (``.md``, ``.markdown``) into block drafts mapped to its source.

markdown-it-py (CommonMark, GFM tables and strikethrough, YAML front matter) parses the
draft once; its tokens give each block's source lines but no columns, so each block's
rendered text is aligned back to the source here, character runs at a time: markup
(``**``, ``[``, ``](url "title")``, ``> `` prefixes) falls in the gaps between segments,
a backslash escape or an entity is one character standing for its source run. A block's
raw text is its slice of the source, so an annotation's source span is exact.

What is not prose gets no block: front matter (YAML ``---`` and Hugo's TOML ``+++``),
fenced and indented code, HTML comments, images. Code spans stay in their sentence (it
reads on) but are recorded as code, and no finding inside one is shown. An HTML block
keeps the text of its elements, one block per block-level element.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from html import unescape
from typing import Any

from editcheck.document.html import (
    BLOCK_TAGS,
    INLINE_TAGS,
    BlockDraft,
    TextAssembler,
    apply_comment_directives,
    extend_segments,
)
from editcheck.document.model import Segment

_TOML_FRONT_MATTER = re.compile(r"\A\+\+\+[ \t]*\n.*?^\+\+\+[ \t]*$", re.M | re.S)
_LONE_CR = re.compile(r"\r(?!\n)")
_ENTITY = re.compile(r"&(?:#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});")
# Line breaks inside a paragraph, with the next line's indentation and quote markers; the
# look-behind keeps a search from re-reading a long run of spaces from every start.
_SOFT_BREAK = re.compile(r"(?<![ \t])[ \t]*+\r?\n[ \t>]*+")
_HARD_BREAK = re.compile(r"(?<![ \t])[ \t]*+\\?\r?\n[ \t>]*+")
_LOOKAHEAD = 200  # how far a character the parser produced is looked for in the source
# An HTML block's pieces. Unclosed comments and raw-text elements run to the end, and a
# tag stops at the next "<", so no start position re-reads the rest of the block.
_HTML_PIECE = re.compile(
    r"<!--.*?(?:-->|\Z)|<![^<>]*+>?|<\?.*?(?:\?>|\Z)"
    r"|<(script|style|pre|textarea)\b.*?(?:</\1\s*>|\Z)"
    r"|</?([A-Za-z][A-Za-z0-9-]*+)[^<>]*+>?|[^<]++|<",
    re.S | re.I,
)
_HTML_TEXT = re.compile(r"&[^\s&;<]*+;|[^&\n]++|\n|&")
_WORDS_AND_SPACES = re.compile(r"\s++|\S++")
_BR = re.compile(r"<br\b", re.I)
_CONTAINERS = {
    "bullet_list_open": "ul",
    "ordered_list_open": "ol",
    "list_item_open": "li",
    "blockquote_open": "blockquote",
    "table_open": "table",
    "thead_open": "thead",
    "tbody_open": "tbody",
    "tr_open": "tr",
}
_SKIP_INLINE = frozenset({"image"})


@dataclass(frozen=True, slots=True)
class MarkdownSource:
    """Where a Markdown block came from: ``start``, the source offset its raw text (its
    slice of the source, markup included) begins at. Stands where an HTML block keeps its
    element, so ``Block.raw_text()`` is the source slice."""

    start: int
    raw: str

    def text_content(self) -> str:
        """The block's raw text: its slice of the Markdown source."""
        return self.raw


@lru_cache(maxsize=1)
def _parser() -> Any:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    return md.use(front_matter_plugin)


def normalise(text: str) -> str:
    """The text positions are counted in: a lone CR is a line break (as for plain text)
    and NUL is U+FFFD (as markdown-it-py reads it); the length does not change."""
    return _LONE_CR.sub("\n", text).replace("\0", "\ufffd")


def blocks_from_markdown(text: str) -> tuple[list[BlockDraft], tuple[str, ...], str | None]:
    """Block drafts of a Markdown draft, in source order, notes about the parse, and the
    language its front matter declares (``lang``, ``language`` or ``locale``)."""
    source = normalise(text)
    notes: tuple[str, ...] = ()
    parsed = source
    declared = None
    toml = _TOML_FRONT_MATTER.match(source)
    if toml:  # markdown-it-py reads only YAML front matter: blank TOML's lines out
        parsed = "\n" * toml.group().count("\n") + source[toml.end() :]
        declared = _front_matter_language(toml.group())
    lines = _Lines(source)
    walker = _Walker(source, lines)
    tokens = _parser().parse(parsed)
    if tokens and tokens[0].type == "front_matter":
        declared = _front_matter_language(tokens[0].content)
    walker.walk(tokens)
    if walker.comments:
        notes += apply_comment_directives(walker.blocks, walker.comments)
    return walker.blocks, notes, declared


_FRONT_MATTER_LANGUAGE = re.compile(
    r"^[ \t]*(?:lang|language|locale)[ \t]*[:=][ \t]*[\"']?"
    r"([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*)",
    re.M,
)


def _front_matter_language(front_matter: str) -> str | None:
    m = _FRONT_MATTER_LANGUAGE.search(front_matter)
    return m.group(1) if m else None


class _Lines:
    """The source's lines: where each starts, and its text without the line break."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.starts = [0, *(m.end() for m in re.finditer("\n", source))]

    def text(self, line: int) -> str:
        """Line ``line`` (0-based), without its ``\\n`` or ``\\r\\n``."""
        if line >= len(self.starts):
            return ""
        start = self.starts[line]
        end = self.starts[line + 1] - 1 if line + 1 < len(self.starts) else len(self.source)
        return self.source[start:end].removesuffix("\r")


class _Content:
    """A block's Markdown content (its source lines less container prefixes, as the
    parser hands it to inline parsing) and the source offset of each of its lines."""

    def __init__(self, text: str, line_offsets: list[tuple[int, int]]) -> None:
        self.text = text
        self._starts = [c for c, _ in line_offsets]
        self._sources = [s for _, s in line_offsets]

    def source(self, offset: int) -> int:
        """Source offset of content offset ``offset``."""
        i = max(0, bisect.bisect_right(self._starts, offset) - 1)
        return self._sources[i] + offset - self._starts[i]

    def line_end(self, offset: int) -> int:
        """Content offset where the line holding ``offset`` ends."""
        end = self.text.find("\n", offset)
        return len(self.text) if end < 0 else end


def _locate(content: str, first_line: int, lines: _Lines) -> _Content:
    """Map each line of ``content`` onto the source line it came from (the parser strips
    prefixes and indentation, so a content line is the tail of its source line)."""
    offsets = []
    at = 0
    for i, part in enumerate(content.split("\n")):
        line = lines.text(first_line + i)
        if part and line.endswith(part):
            column = len(line) - len(part)
        else:
            found = line.find(part) if part else -1
            if found < 0 and part.strip():
                found = line.find(part.lstrip())
                found = found - (len(part) - len(part.lstrip())) if found >= 0 else -1
            column = max(found, 0)
        offsets.append((at, lines.starts[min(first_line + i, len(lines.starts) - 1)] + column))
        at += len(part) + 1
    return _Content(content, offsets)


class _Assembler(TextAssembler):
    """Builds one block's text (whitespace collapsed, as for HTML) and its segments, in
    absolute source offsets until :meth:`finish` makes them relative."""

    def __init__(self) -> None:
        super().__init__()
        self.in_link = 0
        self.code: list[tuple[int, int]] = []

    def visible(self, raw: int, text: str, raw_length: int | None = None) -> None:
        """Visible text at source offset ``raw``: verbatim, or (``raw_length`` given) one
        unit standing for that many source characters (an escape, an entity)."""
        self.flush_space()
        self.out.append(text)
        if raw_length is None:  # verbatim: one identity run with the text before, if it abuts
            extend_segments(self.segments, Segment(self.pos, raw, len(text), len(text)))
        else:
            self.segments.append(Segment(self.pos, raw, len(text), raw_length))
        self.pos += len(text)
        if self.in_link:
            self.link_chars += len(text) - text.count(" ")

    def finish(self, base: int) -> tuple[str, tuple[Segment, ...]]:
        """The block text and its segments relative to source offset ``base``."""
        return "".join(self.out), tuple(
            Segment(s.start, s.raw_start - base, s.length, s.raw_length) for s in self.segments
        )


class _Aligner:
    """Walks a block's content alongside the parser's inline tokens, feeding the
    assembler: every character it emits is found in the source, or marked synthetic."""

    def __init__(self, content: _Content, asm: _Assembler) -> None:
        self.content = content
        self.text = content.text
        self.asm = asm
        self.at = 0

    def verbatim(self, start: int, text: str) -> None:
        """``text`` stands in the content at ``start`` as it is (no line break inside)."""
        src = self.content.source
        if not text.strip():
            self.asm.space(src(start), len(text))
            return
        for m in _WORDS_AND_SPACES.finditer(text):
            if m.group()[0].isspace():
                self.asm.space(src(start + m.start()), len(m.group()))
            else:
                self.asm.visible(src(start + m.start()), m.group())

    def emit(self, text: str) -> None:
        """Rendered text: found at the cursor as it is (the common case), or char by char
        through escapes, entities and markup the parser dropped."""
        if not text:
            return
        if "\n" not in text and self.text.startswith(text, self.at):
            self.verbatim(self.at, text)
            self.at += len(text)
            return
        src, content, n = self.content.source, self.text, len(self.text)
        j = 0
        while j < len(text):
            ch, at = text[j], self.at
            here = content[at] if at < n else ""
            if (
                here == "&"
                and (m := _ENTITY.match(content, at))
                and (d := unescape(m.group())) != m.group()
                and text.startswith(d, j)
            ):
                if d.isspace():
                    self.asm.space(src(at), len(m.group()))
                else:
                    self._unit(src(at), d, len(m.group()))
                self.at, j = m.end(), j + len(d)
            elif here == "\\" and at + 1 < n and content[at + 1] == ch:
                self._unit(src(at), ch, 2)
                self.at, j = at + 2, j + 1
            elif here == ch or (ch.isspace() and here.isspace()):
                run = 1  # a verbatim run, up to the next escape or entity
                while (
                    j + run < len(text)
                    and at + run < n
                    and text[j + run] == content[at + run]
                    and content[at + run] not in "&\\\n"
                ):
                    run += 1
                self.verbatim(at, content[at : at + run].replace("\n", " "))
                self.at, j = at + run, j + run
            else:
                found = content.find(ch, at, at + _LOOKAHEAD) if not ch.isspace() else -1
                if found < 0:  # the parser made it (none in the source): no source width
                    self._unit(src(at), ch, 0)
                    j += 1
                else:
                    self.at = found

    def _unit(self, raw: int, text: str, raw_length: int) -> None:
        if text.isspace():
            self.asm.space(raw, raw_length)
        else:
            self.asm.visible(raw, text, raw_length)

    def skip(self, markup: str) -> None:
        """Markup the parser consumed (``**``, ``[``, ``<``): passed over if it is near."""
        if not markup:
            return
        found = self.text.find(markup, self.at, self.at + len(markup) + 8)
        if found >= 0:
            self.at = found + len(markup)

    def skip_pattern(self, pattern: re.Pattern[str]) -> bool:
        m = pattern.match(self.text, self.at)
        if m:
            self.asm.space(self.content.source(self.at), m.end() - m.start())
            self.at = m.end()
        return m is not None

    def skip_link_tail(self) -> None:
        """After a link's text: ``](dest "title")``, ``][label]``, ``][]`` or ``]``."""
        self.skip("]")
        text, at = self.text, self.at
        if text.startswith("(", at):
            end = _link_destination_end(text, at)
            if end > at:
                self.at = end
        elif text.startswith("[", at):
            close = text.find("]", at)
            if close >= 0:
                self.at = close + 1

    def skip_image(self) -> None:
        """An image's whole source: ``![alt](dest)`` or a reference form."""
        text, at = self.text, self.at
        start = text.find("![", at, at + 8)
        if start < 0:
            return
        depth, i = 0, start + 1
        while i < len(text):
            if text[i] == "\\":
                i += 2
                continue
            depth += {"[": 1, "]": -1}.get(text[i], 0)
            if depth == 0:
                break
            i += 1
        self.at = min(i, len(text))
        self.skip_link_tail()


def _link_destination_end(text: str, at: int) -> int:
    """End of ``(dest "title")`` starting at ``at``, or ``at`` when it is not one."""
    from markdown_it.helpers import parseLinkDestination, parseLinkTitle

    n, pos = len(text), at + 1
    while pos < n and text[pos] in " \t\n":
        pos += 1
    if pos < n and text[pos] == ")":
        return pos + 1
    dest = parseLinkDestination(text, pos, n)
    if not dest.ok:
        return at
    pos = dest.pos
    while pos < n and text[pos] in " \t\n":
        pos += 1
    if pos < n and text[pos] in "\"'(":
        title = parseLinkTitle(text, pos, n)
        if title.ok:
            pos = title.pos
            while pos < n and text[pos] in " \t\n":
                pos += 1
    return pos + 1 if pos < n and text[pos] == ")" else at


class _Walker:
    """One pass over the token stream: containers give context, inline tokens blocks."""

    def __init__(self, source: str, lines: _Lines) -> None:
        self.source = source
        self.lines = lines
        self.blocks: list[BlockDraft] = []
        self.context: list[str] = []
        self.row_cells: list[tuple[int, str]] = []
        # HTML comments between blocks, for editcheck-disable directives: (text, position)
        self.comments: list[tuple[str, int]] = []

    def walk(self, tokens: list[Any]) -> None:
        tag = "p"
        for tok in tokens:
            kind = tok.type
            if kind in _CONTAINERS:
                self.context.append(_CONTAINERS[kind])
                if kind == "tr_open" and tok.map:
                    self.row_cells = _row_cells(self.lines, tok.map[0])
            elif kind.endswith("_close") and kind.replace("_close", "_open") in _CONTAINERS:
                if self.context:
                    self.context.pop()
            elif kind == "heading_open":
                tag = tok.tag
            elif kind == "paragraph_open":
                tag = "li" if tok.hidden else "p"
            elif kind in ("th_open", "td_open"):
                tag = tok.tag
            elif kind == "inline":
                self._inline(tok, tag)
            elif kind == "html_block" and tok.map:
                self._html_block(tok)
            # fence, code_block, front_matter, hr: not prose, no block

    def _inline(self, tok: Any, tag: str) -> None:
        if tok.map is None:
            return
        if tag in ("td", "th"):
            if not self.row_cells:
                return
            column, cell = self.row_cells.pop(0)
            start = self.lines.starts[tok.map[0]] + column
            content = _Content(cell, [(0, start)])
        else:
            content = _locate(tok.content, tok.map[0], self.lines)
        asm = _Assembler()
        align = _Aligner(content, asm)
        code_start = 0
        for child in tok.children or ():
            kind = child.type
            if kind == "text":
                align.emit(child.content)
            elif kind == "softbreak":
                if not align.skip_pattern(_SOFT_BREAK):
                    asm.space(content.source(align.at), 0)
            elif kind == "hardbreak":
                if not align.skip_pattern(_HARD_BREAK):
                    asm.space(content.source(align.at), 0)
            elif kind == "code_inline":
                align.skip(child.markup)
                code_start = asm.pos + (asm.pending is not None)
                align.emit(child.content)
                asm.code.append((code_start, asm.pos))
                align.skip(child.markup)
            elif kind in ("link_open", "link_close"):
                opening = kind == "link_open"
                asm.in_link += 1 if opening else -1
                if child.markup == "autolink":
                    align.skip("<" if opening else ">")
                elif child.markup != "linkify":
                    align.skip("[") if opening else align.skip_link_tail()
            elif kind in _SKIP_INLINE:
                align.skip_image()
                asm.space(content.source(align.at), 0)
            elif kind == "html_inline":
                align.skip(child.content)
                if _BR.match(child.content):
                    asm.space(content.source(align.at), 0)
            elif child.markup and not child.content:  # em, strong, s: open and close
                align.skip(child.markup)
            elif child.content:
                align.emit(child.content)
        self._add(tag, content, asm)

    def _add(self, tag: str, content: _Content, asm: _Assembler, *, part: bool = False) -> None:
        """Append the block ``asm`` built; its raw text is its content's source (``part``:
        only the source its segments cover, for one element of an HTML block)."""
        if not asm.out:
            return
        last = asm.segments[-1]
        if part:
            base, end = asm.segments[0].raw_start, last.raw_start + last.raw_length
        else:
            base = content.source(0)
            end = max(content.source(len(content.text)), base, last.raw_start + last.raw_length)
        text, segments = asm.finish(base)
        self.blocks.append(
            BlockDraft(
                tag=tag,
                xpath="",
                context=frozenset(self.context),
                hints="",
                ignore=frozenset(),
                raw_base=0,
                text=text,
                segments=segments,
                link_chars=asm.link_chars,
                element=MarkdownSource(base, self.source[base:end]),
                code=tuple(asm.code),
            )
        )

    def _html_block(self, tok: Any) -> None:
        """An HTML block's visible text: one block per block-level element."""
        content = _locate(tok.content.rstrip("\n"), tok.map[0], self.lines)
        text = content.text
        asm, tag = _Assembler(), "div"
        for m in _HTML_PIECE.finditer(text):
            piece = m.group()
            if piece.startswith("<!--"):
                self._add(tag, content, asm, part=True)
                asm = _Assembler()
                self.comments.append((piece[4:].removesuffix("-->"), len(self.blocks)))
                continue
            if piece.startswith("<") and len(piece) > 1:
                name = (m.group(2) or "").lower()
                if name and name not in INLINE_TAGS:
                    self._add(tag, content, asm, part=True)
                    asm = _Assembler()
                    if not piece.startswith("</"):
                        tag = name if name in BLOCK_TAGS else "div"
                elif name == "br":
                    asm.space(content.source(m.end()), 0)
                continue
            for part in _HTML_TEXT.finditer(piece):
                at, raw = m.start() + part.start(), part.group()
                decoded = unescape(raw) if _ENTITY.fullmatch(raw) else raw
                if raw == "\n" or decoded.isspace():
                    asm.space(content.source(at), len(raw))
                elif decoded != raw:
                    asm.visible(content.source(at), decoded, len(raw))
                else:
                    _Aligner(content, asm).verbatim(at, raw)
        self._add(tag, content, asm, part=True)


def _row_cells(lines: _Lines, line: int) -> list[tuple[int, str]]:
    """The cells of a table row's source line: (column, source text), pipes unescaped
    (a ``\\|`` stays inside its cell) and surrounding spaces left out."""
    text = lines.text(line)
    cells, start, i = [], 0, 0
    stripped = len(text) - len(text.lstrip())
    if text.lstrip().startswith("|"):
        start = i = stripped + 1
    while i <= len(text):
        if i < len(text) and text[i] == "\\":
            i += 2
            continue
        if i == len(text) or text[i] == "|":
            cell = text[start:i]
            if i < len(text) or cell.strip():
                lead = len(cell) - len(cell.lstrip())
                cells.append((start + lead, cell.strip()))
            start = i + 1
        i += 1
    return cells
