"""Block-by-block residue: timestamps, counters, markup, interface text, placeholders.

One pass over the blocks; each detector in :mod:`.patterns` proposes spans, and the
eligibility rules here (table cells, code, live-blog headers, the `allow` lists) decide
which of them an editor should see.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Sequence

from editcheck.checkapi import CheckContext
from editcheck.checks.residue import patterns as P
from editcheck.checks.residue import rules as R
from editcheck.document import Block, Document

_NUMERIC_CELLS = frozenset({"td", "th", "dd"})
_CODE = frozenset({"pre", "code", "kbd", "samp"})
_SENTENCE_END = tuple(".!?…\"”’'")
_WORD = re.compile(r"\w+")
# Words that make up share bars: "Facebook Twitter Email", "Share Tweet Copy link".
_SHARE_WORDS = frozenset(
    """share tweet email e-mail print copy link facebook twitter x whatsapp linkedin
    pinterest reddit messenger flipboard telegram tumblr comments comment save sms mail
    url copied threads bluesky""".split()
)


@lru_cache(maxsize=64)
def compile_allow(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    """One regex for a rule's `allow` list (cached: options repeat across drafts)."""
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


def allowed(ctx: CheckContext, rule_id: str, text: str) -> bool:
    pattern = compile_allow(tuple(ctx.options(rule_id).get("allow", ())))
    return pattern is not None and pattern.search(text) is not None


def is_prose(block: Block) -> bool:
    """A paragraph of copy: enough words, or a finished sentence of some length."""
    words = len(_WORD.findall(block.text))
    return words >= 12 or (words >= 6 and block.text.rstrip().endswith(_SENTENCE_END))


def block_residue(doc: Document, ctx: CheckContext) -> None:
    """Run every block-level residue detector over the draft."""
    blocks = [b for b in doc.blocks if not b.is_blank]
    extra = frozenset(P.fold_edges(s) for s in ctx.options(R.INTERFACE_STRING.id).get("extra-strings", ()))
    headers = live_blog_headers(blocks, ctx.options(R.STRAY_TIMESTAMP.id).get("live-blog-min-entries", 2))
    for i, block in enumerate(blocks):
        text = block.text
        code = block.tag in _CODE or bool(block.context & _CODE)
        if not code:
            _markup(ctx, block)
        _timestamps(ctx, block, i in headers)
        _counter(ctx, block)
        _interface(ctx, block, extra)
        if not code:
            for s, e, what in P.placeholders(text):
                ctx.report_in(R.PLACEHOLDER.id, block, s, e,
                              f"Placeholder {what!r} left in the copy.")
        for m in P.INVISIBLE.finditer(text):
            name = P.invisible_name(m.group()[0])
            ctx.report_in(R.INVISIBLE_CHARACTER.id, block, m.start(), m.end(),
                          f"Invisible character ({name}) in the text.", suggestion="",
                          data={"codepoint": f"U+{ord(m.group()[0]):04X}"})


def live_blog_headers(blocks: Sequence[Block], min_entries: int) -> set[int]:
    """Positions of timestamp lines that head a live-blog entry (a paragraph follows).

    Only a draft with at least ``min_entries`` such headers is a live blog; one timestamp
    that happens to precede a paragraph is still residue.
    """
    heads = set()
    for i, block in enumerate(blocks[:-1]):
        if len(block.text) > 80:
            continue
        stamped = P.RELATIVE_TIME.search(block.text) or P.CLOCK.match(block.text)
        if stamped and is_prose(blocks[i + 1]):
            heads.add(i)
    return heads if len(heads) >= max(1, min_entries) else set()


def _timestamps(ctx: CheckContext, block: Block, live_header: bool) -> None:
    rule = R.STRAY_TIMESTAMP.id
    if live_header or not ctx.enabled(rule) or allowed(ctx, rule, block.text):
        return
    for s, e, what in P.timestamps(block.text):
        rest = block.text[:s] + " " + block.text[e:]
        words = len(_WORD.findall(rest))
        leading = P.STAMP_PREFIX.match(block.text[s:e]) is not None and s <= 2
        if (words <= 4 and not rest.rstrip().endswith(_SENTENCE_END)) or (leading and words <= 8):
            ctx.report_in(rule, block, s, e,
                          f"Stray relative timestamp {what!r}: it was true only when the page was copied.",
                          suggestion="")


def _counter(ctx: CheckContext, block: Block) -> None:
    rule = R.ORPHAN_COUNTER.id
    if block.tag in _NUMERIC_CELLS or "table" in block.context or not ctx.enabled(rule):
        return
    if P.ORPHAN_COUNTER.match(block.text) and not P.BARE_COMPACT_TIME.match(block.text):
        if not allowed(ctx, rule, block.text):
            s = len(block.text) - len(block.text.lstrip())
            ctx.report_in(rule, block, s, len(block.text.rstrip()),
                          f"Orphan counter {block.text.strip()!r}: a number alone on its line.",
                          suggestion="")


def _markup(ctx: CheckContext, block: Block) -> None:
    rule = R.BROKEN_MARKUP.id
    if not ctx.enabled(rule) or allowed(ctx, rule, block.text):
        return
    spans = [(m.start(), m.end()) for m in P.BROKEN_MARKUP.finditer(block.text)]
    spans += [(m.start(), m.end()) for m in P.SCRIPT_VALUE.finditer(block.text)]
    for s, e in _merge(spans):
        ctx.report_in(rule, block, s, e,
                      f"Broken markup {block.text[s:e]!r} left from a web page or template.",
                      suggestion="")


def _interface(ctx: CheckContext, block: Block, extra: frozenset[str]) -> None:
    rule = R.INTERFACE_STRING.id
    if not ctx.enabled(rule) or len(block.text) > 400 or allowed(ctx, rule, block.text):
        return
    folded = P.fold_edges(block.text)
    words = folded.split()
    whole = folded in P.interface_lines() or folded in extra or (
        len(words) >= 2 and all(w in _SHARE_WORDS for w in words) and "share" in words
        or len(words) >= 3 and all(w in _SHARE_WORDS for w in words))
    if whole:
        s = len(block.text) - len(block.text.lstrip())
        ctx.report_in(rule, block, s, len(block.text.rstrip()),
                      f"Interface text {block.text.strip()!r} from a web page.", suggestion="")
        return
    for m in P.interface_phrases().finditer(block.text):
        ctx.report_in(rule, block, m.start(), m.end(),
                      f"Interface text {m.group()!r} from a web page.")


def _merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching spans as one, so ".png)" and "](http" do not double up."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        else:
            out.append((s, e))
    return out
