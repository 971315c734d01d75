"""Block-level residue: timestamps, counters, markup, interface text, placeholders.

Speed matters (the family must cost well under 2 ms per 1,000 words), so the expensive
patterns never run block by block over clean copy: cheap literal scans over the whole
document text ("ago", "TK", "undefined", each interface phrase) find the few blocks
worth a closer look, and only short blocks get the whole-line tests. The eligibility
rules here (table cells, code, live-blog headers, the `allow` lists) then decide what
an editor should see.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Any

from editcheck.annotations import Fix
from editcheck.checkapi import CheckContext
from editcheck.checks import prose
from editcheck.checks.residue import mojibake
from editcheck.checks.residue import patterns as P
from editcheck.checks.residue import rules as R
from editcheck.checks.residue.widgets import widget_entries
from editcheck.document import Block, Document

_NUMERIC_CELLS = frozenset({"td", "th", "dd"})
_LABEL_CELLS = _NUMERIC_CELLS | {"dt"}
_CODE = frozenset({"pre", "code", "kbd", "samp"})
_SENTENCE_END = tuple(".!?…\"”’'")
_WORD = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")
_ENTRY_LABELS = 2
_BAR_ITEM_WORDS = 4  # an unfamiliar item of a tool row is a label of at most four words
_SHORT = 80  # longest block the whole-line tests look at
_TRAILING = " \t.·|•)"  # what may follow a timestamp that ends its paragraph
_ALNUM = re.compile(r"[^\W_]")
_COUNT = re.compile(r"^\d[\d,.]*[km]?$")
_SEPARATORS = ("·", "•", "|", " - ", " – ", " — ", " / ")  # what ``P.BAR_SEPARATOR`` splits at
# How an empty caption or credit label ends (after stripping): see ``P.EMPTY_STUB``.
_STUB_ENDS = (
    ":",
    "-",
    "–",
    "—",
    "|",
    "/",
    ",",
    "caption",
    "Caption",
    "credit",
    "Credit",
    "source",
    "Source",
    "copyright",
    "Copyright",
    " by",
    " By",
)
_PLACEHOLDER_HINT = re.compile(r"TK|XX|\[|(?i:lorem)")
_SCRIPT_HINT = re.compile(r"undefined|null|NaN")
# Words that make up share bars: "Facebook Twitter Email", "Share Tweet Copy link".
_SHARE_WORDS = frozenset(
    {
        "share",
        "tweet",
        "email",
        "e-mail",
        "print",
        "copy",
        "link",
        "facebook",
        "twitter",
        "x",
        "whatsapp",
        "linkedin",
        "pinterest",
        "reddit",
        "messenger",
        "flipboard",
        "telegram",
        "tumblr",
        "comments",
        "comment",
        "save",
        "sms",
        "mail",
        "url",
        "copied",
        "threads",
        "bluesky",
        "pin",
        "pinit",
        "flip",
        "tweets",
        "pins",
    }
)


@lru_cache(maxsize=64)
def compile_allow(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    """One regex for a rule's `allow` list (cached: options repeat across drafts)."""
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


class Reporter:
    """Reports for one draft, honouring each rule's `allow` list and on/off state."""

    def __init__(self, ctx: CheckContext) -> None:
        self.ctx = ctx
        self._allow: dict[str, re.Pattern[str] | None] = {}

    def on(self, rule: str) -> bool:
        return self.ctx.enabled(rule)

    def allowed(self, rule: str, text: str) -> bool:
        if rule not in self._allow:
            self._allow[rule] = compile_allow(tuple(self.ctx.options(rule).get("allow", ())))
        pattern = self._allow[rule]
        return pattern is not None and pattern.search(text) is not None

    def __call__(
        self,
        rule: str,
        block: Block,
        start: int,
        end: int,
        message: str,
        fix: Fix | None = None,
        **data: Any,
    ) -> None:
        if self.on(rule) and not self.allowed(rule, block.text):
            self.ctx.report_in(
                rule, block, start, end, message, suggestion="", data=data or None, fix=fix
            )


# The safe fixes of residue: the line goes, or the span does (the fix core widens a
# deletion over the space beside it and deletes a block left with no text).
DELETE_LINE = Fix("delete")
DELETE_SPAN = Fix("replace")
_ENTITY_CHAIN = re.compile(r"&(?:amp;)*(?:[a-z]+|#\d{2,5}|#x[0-9a-f]{2,4});", re.IGNORECASE)
_MARKDOWN_TAIL = re.compile(r"\.(?:png|jpe?g|gif|webp|svg|avif)\)$", re.IGNORECASE)


def _markup_fix(doc: Document, start: int, end: int) -> Fix | None:
    """A twice-escaped entity reads as the character it names (every level of escaping
    undone, so the fix holds); the end of a markdown image at a line's start (".png)",
    its start cut off) goes. Template tokens, shortcodes and tags need an editor."""
    import html

    text = doc.text[start:end]
    chain = _ENTITY_CHAIN.match(doc.text, start)
    if chain is not None and text.startswith("&") and chain.end() >= end:
        value, seen = chain.group(), None
        while value != seen:
            seen, value = value, html.unescape(value)
        return Fix("replace", text=value, start=start, end=chain.end())
    block = doc.block_at(start)
    if (
        _MARKDOWN_TAIL.search(text)
        and block is not None
        and not doc.text[block.start : start].strip()
    ):
        return DELETE_SPAN
    return None


def is_prose(block: Block) -> bool:
    """A paragraph of copy (links do not count here: a live-blog entry may be linked)."""
    return prose.is_prose(block.text)


def block_residue(doc: Document, ctx: CheckContext) -> None:
    """Run every block-level residue detector over the draft."""
    report = Reporter(ctx)
    blocks = [b for b in doc.blocks if b.text and not b.text.isspace()]
    short = [b for b in blocks if len(b.text) <= _SHORT]
    lowered = doc.text.lower()
    if len(lowered) != len(doc.text):  # a letter whose lower case is longer: offsets shift
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in doc.text)
    own_strings = ctx.options(R.INTERFACE_STRING.id).get("extra-strings", ())
    extra = frozenset(P.fold_edges(s) for s in own_strings)
    if report.on(R.STRAY_TIMESTAMP.id):
        _timestamps(doc, lowered, blocks, short, report, ctx.options(R.STRAY_TIMESTAMP.id))
    whole = {b.index for b in short if _short_block(b, report, extra)}
    _markup(doc, report)
    _trailing_stubs(blocks, report)
    _placeholders(doc, report)
    _phrases(doc, lowered, report, whole)
    _widgets(blocks, report, whole)
    if report.on(R.MOJIBAKE.id) and mojibake.has_marks(doc.text):
        _mojibake(blocks, report)
    for m in P.INVISIBLE.finditer(doc.text):
        block = doc.block_at(m.start())
        if block is not None:
            code = f"U+{ord(m.group()[0]):04X}"
            report(
                R.INVISIBLE_CHARACTER.id,
                block,
                m.start() - block.start,
                m.end() - block.start,
                f"Invisible character ({P.invisible_name(m.group()[0])}) in the text.",
                fix=DELETE_SPAN,
                codepoint=code,
            )


def blocks_hit(doc: Document, positions: Iterable[int]) -> Iterator[Block]:
    """The blocks holding ``positions``, each once, in document order."""
    seen: set[int] = set()
    for pos in positions:
        block = doc.block_at(pos)
        if block is not None and block.index not in seen and not block.is_blank:
            seen.add(block.index)
            yield block


def _code(block: Block) -> bool:
    return block.tag in _CODE or bool(block.context & _CODE)


def live_blog_headers(blocks: Sequence[Block], stamped: set[int], min_entries: int) -> set[int]:
    """Indexes of timestamp blocks that head a live-blog entry (a paragraph follows).

    Only a draft with at least ``min_entries`` such headers is a live blog; one timestamp
    that happens to precede a paragraph is still residue.
    """
    heads = set()
    for i, block in enumerate(blocks[:-1]):
        text = block.text
        if len(text) > _SHORT or not (block.index in stamped or _DIGIT.match(text.lstrip())):
            continue  # a header holds a timestamp, and a clock time starts with a digit
        if P.MACHINE_TIME.match(text):
            continue  # a live blog's readers see "10.42am", never an ISO timestamp
        timed = block.index in stamped or P.CLOCK.match(text)
        if timed and _entry_follows(blocks, i, stamped):
            heads.add(block.index)
    return heads if len(heads) >= max(1, min_entries) else set()


def _entry_follows(blocks: Sequence[Block], i: int, stamped: set[int]) -> bool:
    """A paragraph follows block ``i``, straight away or after the entry's own headline
    and label (at most ``_ENTRY_LABELS`` short lines)."""
    after = blocks[i + 1]
    if is_prose(after):
        return True
    for k in range(i + 1, min(i + 1 + _ENTRY_LABELS, len(blocks) - 1)):
        between = blocks[k]  # the entry's label ("Key event") or its own headline
        if between.index in stamped or P.CLOCK.match(between.text) or len(between.text) > _SHORT:
            return False
        if is_prose(blocks[k + 1]):
            return True
    return False


def _timestamps(
    doc: Document,
    lowered: str,
    blocks: list[Block],
    short: list[Block],
    report: Reporter,
    opts: Any,
) -> None:
    hits = [*_find_all(lowered, "ago"), *_find_all(lowered, "just now")]
    candidates = {b.index: b for b in blocks_hit(doc, sorted(hits))}
    candidates.update(
        (b.index, b)
        for b in short
        if len(b.text) <= 32
        and _DIGIT.search(b.text)
        and (P.BARE_COMPACT_TIME.match(b.text) or P.MACHINE_TIME.match(b.text))
    )
    if not candidates:
        return
    found = {i: list(P.timestamps(b.text)) for i, b in candidates.items()}
    found = {i: spans for i, spans in found.items() if spans}
    headers = live_blog_headers(blocks, set(found), int(opts.get("live-blog-min-entries", 2)))
    for index, spans in found.items():
        block = candidates[index]
        if index in headers:
            continue
        for s, e, what in spans:
            rest = block.text[:s] + " " + block.text[e:]
            words = len(_WORD.findall(rest))
            leading = P.STAMP_PREFIX.match(block.text[s:e]) is not None and s <= 2
            alone = words <= 4 and not rest.rstrip().endswith(_SENTENCE_END)
            if alone or (leading and words <= 8) or _own_sentence(block.text, s, e):
                report(
                    R.STRAY_TIMESTAMP.id,
                    block,
                    s,
                    e,
                    f"Stray relative timestamp {what!r}: "
                    "it was true only when the page was copied.",
                    fix=DELETE_SPAN,
                )


def _own_sentence(text: str, start: int, end: int) -> bool:
    """A timestamp standing as a sentence of its own at the end of a paragraph ("... the
    8.30 departure. 47 minutes ago"): what a live blog's entry footer leaves in its body.
    One that opens or sits inside a sentence ("An hour ago I was stuck") is copy."""
    before = text[:start].rstrip()
    after = text[end:].strip(_TRAILING)
    return bool(before) and before.endswith(_SENTENCE_END) and not after


def _mojibake(blocks: list[Block], report: Reporter) -> None:
    """Each garbled run, with ftfy's repair as the suggestion."""
    for block in blocks:
        if not mojibake.has_marks(block.text) or _code(block):
            continue
        if report.allowed(R.MOJIBAKE.id, block.text):
            continue
        for start, end, garbled, fixed in mojibake.repairs(block):
            report.ctx.report_in(
                R.MOJIBAKE.id,
                block,
                start,
                end,
                f"Mojibake {garbled!r}: UTF-8 read with the wrong codec; it should read {fixed!r}.",
                suggestion=fixed,
                data={"repaired": fixed},
                fix=Fix("replace", text=fixed),
            )


def whole_line_residue(block: Block) -> bool:
    """True when the whole block is an interface string or a counter (built-in lists)."""
    text = block.text
    if len(text) > _SHORT:
        return False
    if _DIGIT.search(text) and P.ORPHAN_COUNTER.match(text) is not None:
        return block.tag not in _NUMERIC_CELLS
    return _interface_text(text)


@lru_cache(maxsize=4096)
def _interface_text(text: str) -> bool:
    """Cached: a page repeats its chrome ("Share", "Log in") block after block.

    A line is interface text when it is a listed label, has the shape of one (see
    ``P.INTERFACE_SHAPE``), is a share bar, or is a bar of such labels joined by
    separators ("Ad · Swipe up to keep reading").
    """
    words = P.fold_edges(text)
    if _interface_words(words):
        return True
    if not any(sep in words for sep in _SEPARATORS):
        return False  # the cheap test first: most lines are no bar
    parts = [P.fold_edges(p) for p in P.BAR_SEPARATOR.split(words) if p]
    if len(parts) < 2 or not all(parts):
        return False
    known = sum(_interface_words(p) for p in parts)
    # Read item by item: a tool row may carry a site's own label ("Reprints", "Gift this
    # article") beside the familiar ones, so most items known and the rest short will do.
    return known == len(parts) or (
        2 * known >= len(parts) and all(p.count(" ") < _BAR_ITEM_WORDS for p in parts)
    )


def _interface_words(words: str) -> bool:
    if not words:
        return False
    if words in P.interface_lines():
        return True
    split = words.split()
    if (split[0] in _SHARE_WORDS or _COUNT.match(split[0])) and _is_share_bar(split):
        return True
    return P.INTERFACE_SHAPE.match(words) is not None


def _is_share_bar(words: list[str]) -> bool:
    """Share buttons side by side, with or without their counts ("Share 12 Tweet 3")."""
    named = [w for w in words if not _COUNT.match(w)]
    return (
        len(named) >= 2
        and all(w in _SHARE_WORDS for w in named)
        and ("share" in named or len(named) >= 3)
    )


def _stub(block: Block, report: Reporter) -> bool:
    """An empty caption or credit label, or a line of stray markers: broken markup."""
    text = block.text
    bare = text.strip()
    if len(bare) > 24 or not (bare.endswith(_STUB_ENDS) or not _ALNUM.search(bare)):
        return False  # the cheap test first: a stub ends in a colon or a label word
    if block.tag in _LABEL_CELLS or "table" in block.context or _code(block):
        return False  # a cell or a term ("Credit:" in a <dt>) has its value beside it
    if P.EMPTY_STUB.match(text):
        what = "Empty caption or credit label {!r}: the caption or credit did not come with it."
    elif P.STRAY_MARKERS.match(text):
        what = "Stray markers {!r}: markdown or separators that did not render."
    else:
        return False
    s = len(text) - len(text.lstrip())
    e = max(s + 1, len(text.rstrip()))
    report(R.BROKEN_MARKUP.id, block, s, e, what.format(text.strip()), fix=DELETE_LINE)
    return True


def _widgets(blocks: list[Block], report: Reporter, whole: set[int]) -> None:
    """Entries of a "Related topics" or "Most read" widget (see :mod:`.widgets`)."""
    if not report.on(R.INTERFACE_STRING.id):
        return
    for block, header in widget_entries(blocks, whole):
        if block.index not in whole:
            text = block.text
            s = len(text) - len(text.lstrip())
            report(
                R.INTERFACE_STRING.id,
                block,
                s,
                len(text.rstrip()),
                f"Link of the page's {header!r} widget, not article copy.",
                fix=DELETE_LINE,
                widget=header,
            )


def _trailing_stubs(blocks: list[Block], report: Reporter) -> None:
    """A caption whose credit was lost: "Crowds at the gates. Photograph:" (the label
    alone on its line is :func:`_stub`'s)."""
    if not report.on(R.BROKEN_MARKUP.id):
        return
    for block in blocks:
        text = block.text.rstrip()
        if len(text) > 24 and text.endswith(":") and not _code(block):
            m = P.TRAILING_STUB.search(text)
            if m is not None:
                report(
                    R.BROKEN_MARKUP.id,
                    block,
                    m.start(1),
                    m.end(),
                    "Empty credit label "
                    f"{m.group().strip()!r}: the credit did not come with the caption.",
                    fix=DELETE_SPAN,
                )


def _find_all(text: str, needle: str) -> Iterator[int]:
    at = text.find(needle)
    while at >= 0:
        yield at
        at = text.find(needle, at + len(needle))


def _short_block(block: Block, report: Reporter, extra: frozenset[str]) -> bool:
    """Whole-line tests: an orphan counter, or an interface string (then True)."""
    text = block.text
    if _DIGIT.search(text) and P.ORPHAN_COUNTER.match(text):
        if (
            block.tag not in _NUMERIC_CELLS
            and "table" not in block.context
            and not P.BARE_COMPACT_TIME.match(text)
            and not P.MACHINE_TIME.match(text)
        ):
            s = len(text) - len(text.lstrip())
            report(
                R.ORPHAN_COUNTER.id,
                block,
                s,
                len(text.rstrip()),
                f"Orphan counter {text.strip()!r}: a number alone on its line.",
                fix=DELETE_LINE,
            )
        return False
    if _DIGIT.search(text) and (block.tag in _NUMERIC_CELLS or "table" in block.context):
        return False  # a cell with a figure is a result, whatever words stand beside it
    if _stub(block, report):
        return False
    if (extra and P.fold_edges(text) in extra) or _interface_text(text):
        s = len(text) - len(text.lstrip())
        report(
            R.INTERFACE_STRING.id,
            block,
            s,
            len(text.rstrip()),
            f"Interface text {text.strip()!r} from a web page.",
            fix=DELETE_LINE,
        )
        return True
    return False


def _phrases(doc: Document, lowered: str, report: Reporter, whole: set[int]) -> None:
    """Distinctive interface phrases anywhere, found by plain substring search.

    Longest phrases first, and a phrase inside one already reported is skipped
    ("please enable javascript" is not also "enable javascript").
    """
    if not report.on(R.INTERFACE_STRING.id):
        return
    taken: dict[int, list[tuple[int, int]]] = {}  # per block, so the test stays cheap
    for phrase in P.interface_phrase_list():
        for at in _find_all(lowered, phrase):
            end = at + len(phrase)
            block = doc.block_at(at)
            if block is None or block.index in whole or not _bounded(lowered, at, end):
                continue
            spans = taken.setdefault(block.index, [])
            if not any(s <= at and end <= e for s, e in spans):
                spans.append((at, end))
                report(
                    R.INTERFACE_STRING.id,
                    block,
                    at - block.start,
                    end - block.start,
                    f"Interface text {doc.text[at:end]!r} from a web page.",
                )


def _bounded(text: str, start: int, end: int) -> bool:
    before = start == 0 or not text[start - 1].isalnum()
    return before and (end == len(text) or not text[end].isalnum())


def _markup(doc: Document, report: Reporter) -> None:
    if not report.on(R.BROKEN_MARKUP.id):
        return
    spans = [
        (m.start(), m.end()) for m in P.BROKEN_MARKUP.finditer(doc.text) if "\n" not in m.group()
    ]
    for block in blocks_hit(doc, (m.start() for m in _SCRIPT_HINT.finditer(doc.text))):
        spans += [
            (block.start + m.start(), block.start + m.end())
            for m in P.SCRIPT_VALUE.finditer(block.text)
        ]
    for s, e in _merge(spans):
        where = doc.block_at(s)
        if where is not None and not _code(where):
            report(
                R.BROKEN_MARKUP.id,
                where,
                s - where.start,
                e - where.start,
                f"Broken markup {doc.text[s:e]!r} left from a web page or template.",
                fix=_markup_fix(doc, s, e),
            )


def _placeholders(doc: Document, report: Reporter) -> None:
    if not report.on(R.PLACEHOLDER.id):
        return
    for block in blocks_hit(doc, (m.start() for m in _PLACEHOLDER_HINT.finditer(doc.text))):
        if not _code(block):
            for s, e, what in P.placeholders(block.text):
                report(R.PLACEHOLDER.id, block, s, e, f"Placeholder {what!r} left in the copy.")


def _merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching spans as one, so ".png)" and "](http" do not double up."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        else:
            out.append((s, e))
    return out
