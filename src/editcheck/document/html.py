"""Turn HTML (a CMS fragment or a whole page) into block drafts with raw-offset maps.

This is the only module that touches lxml.  The tree is walked once, iteratively (so
100,000-deep nesting cannot overflow the stack), keeping a running count of every text
node in document order.  That count is what lets each block map a character of its
whitespace-collapsed text back to an offset in its element's raw ``text_content()``.

Every non-inline element collects the text that sits in it directly (or in its inline
descendants); after the walk, elements whose text is only whitespace are dropped, except
paragraph-like elements with no block children, which stay as empty blocks because runs
of empty paragraphs are residue an editor should see.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

import lxml.etree
import lxml.html

from editcheck.document.model import Segment

# Elements whose text never reaches an editor's eyes as body copy.
SKIPPED_TAGS = frozenset(
    {
        "script",
        "style",
        "template",
        "noscript",
        "head",
        "title",
        "svg",
        "math",
        "iframe",
        "object",
        "select",
        "option",
        "textarea",
        "canvas",
        "video",
        "audio",
    }
)
# Elements that hold a paragraph's worth of text: kept even when empty.
BLOCK_TAGS = frozenset(
    {
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "blockquote",
        "figcaption",
        "td",
        "th",
        "pre",
        "dt",
        "dd",
        "caption",
        "address",
        "summary",
        "legend",
    }
)
# Inline elements: their text belongs to the nearest enclosing non-inline element.
INLINE_TAGS = frozenset(
    [
        "a",
        "abbr",
        "acronym",
        "b",
        "bdi",
        "bdo",
        "big",
        "br",
        "button",
        "cite",
        "code",
        "data",
        "del",
        "dfn",
        "em",
        "font",
        "i",
        "img",
        "input",
        "ins",
        "kbd",
        "label",
        "mark",
        "nobr",
        "q",
        "rp",
        "rt",
        "ruby",
        "s",
        "samp",
        "small",
        "span",
        "strike",
        "strong",
        "sub",
        "sup",
        "time",
        "tt",
        "u",
        "var",
        "wbr",
        "picture",
        "source",
    ]
)
_SEPARATING_INLINE = frozenset({"br", "img", "input", "wbr"})
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_DIRECTIVE = re.compile(r"^\s*editcheck-(disable-next|disable|enable)\b(.*)$", re.S)
_RUNS = re.compile(r"\s+|\S+")
_COLLAPSIBLE = re.compile(r"[^\S ]| {2,}")  # whitespace that is not a single plain space
_MAX_HINTS = 300
# Selectors one block can be exempted by (its own, its ancestors' and the directives'):
# far more rules than any newsroom runs, and a bound on what one element can cost, so a
# 169 KB ``data-editcheck-ignore`` cannot be copied into every block. Past it, selectors
# are not honoured (the draft is checked for more, never less) and a note says so.
MAX_IGNORE = 64
_ALL = frozenset({"*"})


@dataclass
class BlockDraft:
    """A block as collected during the walk; the builder adds sentences and offsets."""

    tag: str
    xpath: str
    context: frozenset[str]
    hints: str
    ignore: frozenset[str]  # shared by every block of a subtree: never copied per block
    raw_base: int
    pieces: list[tuple[int, str, bool]] = field(default_factory=list)  # (raw, text, link)
    has_block_child: bool = False
    text: str = ""
    segments: tuple[Segment, ...] = ()
    link_chars: int = 0
    doc_start: int = -1  # plain text only: where the line starts in the text
    element: Any = None  # the lxml element, for its raw text content
    code: tuple[tuple[int, int], ...] = ()  # Markdown code spans: block-text ranges


@dataclass(frozen=True, slots=True)
class _Frame:
    el: lxml.etree._Element
    owner: BlockDraft | None
    context: frozenset[str]
    hints: str
    ignore: frozenset[str]
    in_link: bool
    closing: bool = False
    path: str = ""  # the element's xpath, as lxml's getpath writes it


@dataclass
class _Directive:
    kind: str
    rules: frozenset[str]
    position: int  # number of candidate blocks created before the comment
    within: BlockDraft | None


class _Ignores:
    """Builds the immutable ignore sets of one parse: each distinct set is made once and
    shared, and none grows past :data:`MAX_IGNORE` selectors."""

    def __init__(self) -> None:
        self.truncated = False
        # (id of the subtree set, directive state) -> (that set, kept alive so its id is
        # not reused, and the union)
        self._cache: dict[tuple[int, int], tuple[frozenset[str], frozenset[str]]] = {}

    def union(self, base: frozenset[str], more: frozenset[str] | set[str]) -> frozenset[str]:
        if not more or base is _ALL or more <= base:
            return base
        if "*" in more or "all" in more:
            return _ALL
        if len(base) + len(more) > MAX_IGNORE:
            room = max(0, MAX_IGNORE - len(base))
            extra = sorted(more - base)
            if len(extra) > room:
                self.truncated = True
            return base | frozenset(extra[:room])
        return base | more

    def shared(self, base: frozenset[str], active: frozenset[str], version: int) -> frozenset[str]:
        """``base | active``, made once per (subtree set, directive state) pair."""
        if not active:
            return base
        key = (id(base), version)
        found = self._cache.get(key)
        if found is None or found[0] is not base:
            found = self._cache[key] = (base, self.union(base, active))
        return found[1]

    def note(self) -> tuple[str, ...]:
        if not self.truncated:
            return ()
        return (
            f"a block was exempted from more than {MAX_IGNORE} rule selectors "
            "(data-editcheck-ignore or editcheck-disable); the rest were not honoured",
        )


def blocks_from_html(html: str) -> tuple[list[BlockDraft], tuple[str, ...], str | None]:
    """Parse ``html``; return its text blocks in document order, notes on what was lost,
    and the language it declares."""
    root, notes = _parse(html)
    ignores = _Ignores()
    candidates, directives = _walk(root, ignores)
    for block in candidates:
        _assemble(block)
    _apply_directives(candidates, directives, ignores)
    return [b for b in candidates if _keep(b)], notes + ignores.note(), declared_language(root)


_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def declared_language(root: lxml.etree._Element) -> str | None:
    """``lang`` (or ``xml:lang``) of ``<html>``, else of ``<body>``, else of a fragment's
    first element (a CMS body is often one ``<article lang="pt">``)."""
    candidates = [root]
    body = root.find("body")
    if body is not None:
        candidates.append(body)
        first = next((el for el in body if isinstance(el.tag, str)), None)
        if first is not None:
            candidates.append(first)
    for el in candidates:
        value = str(el.get("lang") or el.get(_XML_LANG) or "").strip()
        if value:
            return value
    return None


def _parse(html: str) -> tuple[lxml.etree._Element, tuple[str, ...]]:
    """Parse leniently, without network access; never raises on malformed markup."""
    html = _XML_DECLARATION.sub("", html, count=1)
    html = _CONTROL.sub(" ", html)
    parser = lxml.html.HTMLParser(no_network=True, huge_tree=True, remove_pis=True)
    try:
        root = lxml.html.document_fromstring(html, parser=parser)
    except (lxml.etree.ParserError, ValueError):
        return lxml.html.document_fromstring("<html><body></body></html>"), (
            "the HTML could not be parsed at all; nothing was checked",
        )
    limits = [e for e in parser.error_log if e.type_name == "ERR_RESOURCE_LIMIT"]
    if limits:
        return root, (
            f"the HTML hit a parser limit ({limits[0].message.split(',')[0]}); "
            "text beyond it was not read",
        )
    return root, ()


def _walk(
    root: lxml.etree._Element, ignores: _Ignores
) -> tuple[list[BlockDraft], list[_Directive]]:
    candidates: list[BlockDraft] = []
    directives: list[_Directive] = []
    count = 0  # running length of all text nodes seen so far, in document order
    stack = [_Frame(root, None, frozenset(), "", frozenset(), False, path=f"/{root.tag}")]
    while stack:
        frame = stack.pop()
        el = frame.el
        if frame.closing:
            if el.tail:
                count = _add(frame.owner, count, el.tail, frame.in_link)
            continue
        stack.append(_closing(frame))
        if not isinstance(el.tag, str):  # comment, entity or processing instruction
            if isinstance(el, lxml.etree._Comment):
                directives.append(_directive(el.text or "", len(candidates), frame.owner))
            continue
        tag = el.tag.lower()
        if tag in SKIPPED_TAGS:
            count += len(el.text_content())
            continue
        child = _enter(el, tag, frame, candidates, count, ignores)
        if tag in _SEPARATING_INLINE and child.owner is not None:
            child.owner.pieces.append((count - child.owner.raw_base, "", False))
        if el.text:
            count = _add(child.owner, count, el.text, child.in_link)
        paths = _child_paths(el, frame.path)
        for sub, path in zip(reversed(el), reversed(paths), strict=True):
            stack.append(
                _Frame(
                    sub,
                    child.owner,
                    child.context,
                    child.hints,
                    child.ignore,
                    child.in_link,
                    path=path,
                )
            )
    return candidates, [d for d in directives if d.kind]


def _child_paths(el: lxml.etree._Element, path: str) -> list[str]:
    """The xpaths of ``el``'s children, as ``getpath`` writes them, in one pass.

    lxml's ``getpath`` counts preceding siblings for every call, which is quadratic for a
    draft of 100,000 paragraphs; counting once per parent keeps the walk linear.
    """
    if not len(el):
        return []
    totals: dict[str, int] = {}
    for child in el:
        if isinstance(child.tag, str):
            totals[child.tag] = totals.get(child.tag, 0) + 1
    seen: dict[str, int] = {}
    paths = []
    for child in el:
        tag = child.tag
        if not isinstance(tag, str):
            paths.append(path)
            continue
        if totals[tag] > 1:
            seen[tag] = seen.get(tag, 0) + 1
            paths.append(f"{path}/{tag}[{seen[tag]}]")
        else:
            paths.append(f"{path}/{tag}")
    return paths


def _closing(frame: _Frame) -> _Frame:
    return _Frame(
        frame.el,
        frame.owner,
        frame.context,
        frame.hints,
        frame.ignore,
        frame.in_link,
        closing=True,
        path=frame.path,
    )


def _authorship(el: lxml.etree._Element) -> str | None:
    """``rel-author`` for an element marked as the author's (``rel="author"``,
    ``itemprop="author"``): class-like, so a byline can be told without its class names."""
    marks = f"{el.get('rel') or ''} {el.get('itemprop') or ''}".lower().split()
    return "rel-author" if "author" in marks else None


def _enter(
    el: lxml.etree._Element,
    tag: str,
    frame: _Frame,
    candidates: list[BlockDraft],
    count: int,
    ignores: _Ignores,
) -> _Frame:
    """Open ``el``: inline elements pass their parent's block on, others start one."""
    hints = frame.hints
    own = " ".join(filter(None, (el.get("class"), el.get("id"), _authorship(el)))).lower()
    if own:
        hints = f"{hints} {own}"[-_MAX_HINTS:].strip()
    if tag in INLINE_TAGS and frame.owner is not None and _authorship(el):
        # a byline's <a rel="author"> marks the block that holds it, not only itself
        frame.owner.hints = f"{frame.owner.hints} rel-author"[-_MAX_HINTS:].strip()
    ignore = frame.ignore
    attr = el.get("data-editcheck-ignore")
    if attr is not None:
        ignore = ignores.union(ignore, frozenset(attr.split() or ["*"]))
    context = frame.context if tag in frame.context else frame.context | {tag}
    in_link = frame.in_link or tag == "a"
    if tag in INLINE_TAGS:
        return _Frame(el, frame.owner, context, hints, ignore, in_link, path=frame.path)
    if frame.owner is not None:
        frame.owner.has_block_child = True
    block = BlockDraft(tag, frame.path, frame.context, hints, ignore, count, element=el)
    candidates.append(block)
    return _Frame(el, block, context, hints, ignore, in_link, path=frame.path)


def _add(owner: BlockDraft | None, count: int, text: str, in_link: bool) -> int:
    if owner is not None:
        owner.pieces.append((count - owner.raw_base, text, in_link))
    return count + len(text)


def _assemble(block: BlockDraft) -> None:
    """Collapse whitespace into the block's text and record how it maps to raw text."""
    asm = TextAssembler()
    last_raw_end: int | None = None
    for raw, text, in_link in block.pieces:
        if not text or (last_raw_end is not None and raw != last_raw_end):
            asm.space(raw, 0)  # separator for <br> or a nested block in between
        asm.piece(raw, text, in_link)
        if text:
            last_raw_end = raw + len(text)
    block.text = "".join(asm.out)
    block.segments = tuple(asm.segments)
    block.link_chars = asm.link_chars
    block.pieces = []


class TextAssembler:
    """Builds a block's collapsed text and its segments, one raw text piece at a time
    (the Markdown reader builds on it)."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.segments: list[Segment] = []
        self.pos = 0
        self.pending: tuple[int, int] | None = None  # (raw start, raw length) of whitespace
        self.link_chars = 0

    def space(self, raw: int, length: int) -> None:
        """Whitespace: becomes one space, and only between two pieces of visible text."""
        if self.out and self.pending is None:
            self.pending = (raw, length)

    def flush_space(self) -> None:
        """Write the one space a pending whitespace run stands for, before visible text."""
        if self.pending is not None:
            self.out.append(" ")
            self.segments.append(Segment(self.pos, self.pending[0], 1, self.pending[1]))
            self.pos += 1
            self.pending = None

    def visible(self, raw: int, text: str, in_link: bool) -> None:
        """Text without whitespace runs to collapse: copied as one identity segment."""
        self.flush_space()
        self.out.append(text)
        extend_segments(self.segments, Segment(self.pos, raw, len(text), len(text)))
        self.pos += len(text)
        if in_link:
            self.link_chars += len(text) - text.count(" ")

    def piece(self, raw: int, text: str, in_link: bool) -> None:
        core = text.strip()
        if not core:
            if text:
                self.space(raw, len(text))
            return
        lead = len(text) - len(text.lstrip())
        if lead:
            self.space(raw, lead)
        start = raw + lead
        if _COLLAPSIBLE.search(core) is None:  # the common case: single spaces only
            self.visible(start, core, in_link)
        else:
            for m in _RUNS.finditer(core):
                if m.group()[0].isspace():
                    self.space(start + m.start(), m.end() - m.start())
                else:
                    self.visible(start + m.start(), m.group(), in_link)
        trail = len(text) - lead - len(core)
        if trail:
            self.space(start + len(core), trail)


def extend_segments(segments: list[Segment], seg: Segment) -> None:
    """Append ``seg``, merging it into the previous identity run when contiguous."""
    if segments:
        last = segments[-1]
        if (
            last.length == last.raw_length
            and last.start + last.length == seg.start
            and last.raw_start + last.raw_length == seg.raw_start
        ):
            segments[-1] = Segment(
                last.start,
                last.raw_start,
                last.length + seg.length,
                last.raw_length + seg.raw_length,
            )
            return
    segments.append(seg)


def _keep(block: BlockDraft) -> bool:
    if block.text:
        return True
    return block.tag in BLOCK_TAGS and not block.has_block_child


def _directive(comment: str, position: int, within: BlockDraft | None) -> _Directive:
    m = _DIRECTIVE.match(comment)
    if not m:
        return _Directive("", frozenset(), position, within)
    rules = frozenset(m.group(2).replace(",", " ").split()) or _ALL
    return _Directive(m.group(1), rules, position, within)


def apply_comment_directives(
    blocks: list[BlockDraft], comments: list[tuple[str, int]]
) -> tuple[str, ...]:
    """Apply ``editcheck-disable*`` comments found outside any block (Markdown's HTML
    comments): ``(comment text, number of blocks before it)``, in order. The notes say
    when a block's selectors were cut at :data:`MAX_IGNORE`."""
    ignores = _Ignores()
    directives = [_directive(text, position, None) for text, position in comments]
    _apply_directives(blocks, directives, ignores)
    return ignores.note()


def _apply_directives(
    candidates: list[BlockDraft], directives: list[_Directive], ignores: _Ignores
) -> None:
    """Turn ``editcheck-disable/enable/disable-next`` comments into per-block ignores.

    One pass over the comments finds where each ``disable`` ends, one over the blocks
    applies them: linear in comments plus blocks, however many comments a draft holds.
    """
    if not directives:
        return
    ends = _disable_ends(directives, len(candidates))
    starts: dict[int, list[frozenset[str]]] = {}
    stops: dict[int, list[frozenset[str]]] = {}
    extra: dict[int, set[str]] = {}  # block index -> rules of disable-next and enclosing
    index = {id(b): i for i, b in enumerate(candidates)}
    next_kept = _next_kept(candidates)
    for i, d in enumerate(directives):
        if d.kind == "disable-next":
            j = next_kept[d.position] if d.position < len(candidates) else -1
            if j >= 0 and candidates[j] is d.within:
                j = next_kept[j + 1]
            if j >= 0:
                extra.setdefault(j, set()).update(d.rules)
        elif d.kind == "disable":
            if d.within is not None:
                extra.setdefault(index[id(d.within)], set()).update(d.rules)
            if d.position < ends[i]:
                starts.setdefault(d.position, []).append(d.rules)
                stops.setdefault(ends[i], []).append(d.rules)
    active: dict[str, int] = {}  # rule -> number of open disables naming it
    current: frozenset[str] = frozenset()
    version = 0
    for j, block in enumerate(candidates):
        if j in starts or j in stops:
            for rules in stops.get(j, ()):
                for r in rules:
                    active[r] -= 1
                    if not active[r]:
                        del active[r]
            for rules in starts.get(j, ()):
                for r in rules:
                    active[r] = active.get(r, 0) + 1
            state = _ALL if "*" in active else frozenset(islice(active, MAX_IGNORE + 1))
            if state != current:
                current, version = state, version + 1
        ignore = ignores.shared(block.ignore, current, version)
        if j in extra:
            ignore = ignores.union(ignore, extra[j])
        block.ignore = ignore


def _disable_ends(directives: list[_Directive], n_blocks: int) -> list[int]:
    """For each ``disable``, the position of the first later ``enable`` naming one of its
    rules (or every rule); the end of the draft when none does."""
    ends = [n_blocks] * len(directives)
    closed = [False] * len(directives)
    by_rule: dict[str, list[int]] = {}
    unclosed: list[int] = []
    for i, d in enumerate(directives):
        if d.kind == "disable":
            unclosed.append(i)
            for r in d.rules:
                by_rule.setdefault(r, []).append(i)
        elif d.kind == "enable":
            if "*" in d.rules:
                waiting = unclosed
                unclosed, by_rule = [], {}
            else:
                waiting = [j for r in d.rules for j in by_rule.pop(r, ())]
            for j in waiting:
                if not closed[j]:
                    closed[j] = True
                    ends[j] = d.position
    return ends


def _next_kept(candidates: list[BlockDraft]) -> list[int]:
    """``result[i]``: index of the first kept block at or after ``i`` (-1: none)."""
    result = [-1] * (len(candidates) + 1)
    for i in range(len(candidates) - 1, -1, -1):
        result[i] = i if _keep(candidates[i]) else result[i + 1]
    return result
