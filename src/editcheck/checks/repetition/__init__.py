"""Repeated boilerplate inside one draft: pasted-twice paragraphs and sentences, and the
promo, legal and social furniture sites append to every story (the paper's own included).

Duplicates are found by a folded key (case, punctuation and spacing removed), so a copy
that lost a comma or gained a capital still matches, and edited copies by a token-level
alignment (:mod:`.nearcopy`); the second copy is flagged and its ``data.first`` points at
the first. The publication's own promos are :mod:`.ownbrand`. The archive-wide
counterpart (passages recurring in earlier articles) is :mod:`editcheck.checks.archive`;
this module needs no index.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from editcheck.annotations import Fix, Severity
from editcheck.checkapi import Check, CheckContext, Rule, check
from editcheck.checks.prose import SENTENCE_END
from editcheck.checks.repetition import nearcopy
from editcheck.checks.repetition.ownbrand import own_brand, reader_lines
from editcheck.document import Block, Document, Sentence, Token
from editcheck.hookspecs import hookimpl

__all__ = ["editcheck_checks"]

CATEGORY = "repeated-boilerplate"
DUPLICATE_PARAGRAPH = Rule(
    "core/duplicate-paragraph",
    CATEGORY,
    Severity.WARNING,
    summary="A paragraph that repeats an earlier one of the draft, exactly or edited.",
    doc="""
    Flags the second (and later) copy of a paragraph of at least `min-words` words,
    compared after folding case, punctuation and spacing, so near-identical copies match,
    and an *edited* copy: a later paragraph that keeps, in order, most of an earlier
    one's content words (a token-level alignment, not a bag of words), with a clause
    added or cut or a few words changed, as when an older version is left in the draft.
    `data.first` holds the first copy's `start`, `end` and `line`; `data.similarity` the
    share of the two paragraphs' content words the alignment keeps (1.0 for an exact
    copy); `data.diff` what differs, as `{"op", "first", "copy"}` spans (`replace`,
    `insert`, `delete`), for a review page to render as a diff.
    Leaves alone: short repeated lines (headings, list items, table cells such as "Draw"
    or "Meal 1", a refrain), which other rules judge, quotations (`<blockquote>`,
    `<pre>`), where a repeated line is the text being quoted, and short questions (the
    same question put to each interviewee); and, for edited copies, parallel structure
    (the aligned slots swap figures, names or dates: "The council voted 7-2 on Tuesday"
    against "The board voted 5-4 on Monday"), list items and table cells that share a
    frame, a quotation repeated with a new attribution (a "What they said" box), a
    headline and standfirst a template repeats, the lead restating the headline, and two
    paragraphs that share one sentence but each have one of their own (that sentence is
    `core/duplicate-sentence`'s).
    """,
    options={"min-words": 8},
    flags=(
        "The council voted to close the library on Tuesday night.\n"
        "Residents protested.\nThe council voted to close the library on Tuesday night!",
        "Councillor Tom Aske, who proposed the rise, said the levy had not changed since 2019 "
        "and the car parks were losing £310,000 a year, according to the council's accounts."
        "\nTraders were not consulted.\n"
        "Councillor Tom Aske, who proposed the increase, said the levy had been frozen since "
        "2019 and the car parks were losing £310,000 a year, according to council accounts.",
    ),
    passes=(
        "Residents protested.\nResidents protested.",
        "<blockquote><p>Oh, we shall walk in the light of the morning sun</p>"
        "<p>Oh, we shall walk in the light of the morning sun</p></blockquote>",
        "The council voted to close the library.\nThe council voted to keep the pool.",
        "Under the plan, drivers in the Mill Lane car park will pay £1.90 an hour.\n"
        "Under the plan, drivers in the Sheep Street car park will pay £2.30 an hour.",
    ),
)
DUPLICATE_SENTENCE = Rule(
    "core/duplicate-sentence",
    CATEGORY,
    Severity.WARNING,
    summary="A sentence that appears earlier in the same draft.",
    doc="""
    Flags a sentence of at least `min-words` words that already appeared in another
    paragraph or earlier in the same one (folded as for duplicate paragraphs), unless its
    whole paragraph is already flagged as a duplicate. `data.first` points at the first copy.
    Leaves alone: short stock sentences ("He declined to comment.") under `min-words`,
    quotations (`<blockquote>`, `<pre>`) and short questions.
    """,
    options={"min-words": 7},
    flags=(
        "Police said the man was arrested at his home in Leeds. He was later released.\n"
        "The case continues. Police said the man was arrested at his home in Leeds.",
    ),
    passes=("He declined to comment. She declined to comment.",),
)
PROMO_FURNITURE = Rule(
    "core/promo-furniture",
    CATEGORY,
    Severity.WARNING,
    summary="Promo, legal or social furniture in the body ('Sign up for our newsletter').",
    doc="""
    Flags the sentences sites append to stories: newsletter and subscription pitches
    ("Sign up for our newsletter"), "Read more:" and "Related:" links, "Follow us on
    ...", correction footers ("This article was amended on ..."), copyright lines ("All
    rights reserved", "© 2024"), app, podcast and membership appeals ("... wherever you
    get your podcasts"), tip-off lines ("Got a story? Email ..."), the standards and
    support lines of wire agencies ("Our Standards: ... Trust Principles", "AP is solely
    responsible for all content"), press-regulation and affiliate disclosures, and the
    legal notices of court reports ("Comments are closed for legal reasons"). Patterns
    are in `checks/data/boilerplate-promo.txt`; `extra-patterns` adds a newsroom's own
    regexes (searched in every sentence). Opinion disclaimers ("Opinions in this column
    are the writer's own"), e-mail capture blurbs ("Enter your email address and press
    subscribe"), syndication and funding footers and correction-policy footers are
    furniture too.

    The publication's own promos name the paper: set `publication = ["Gazette", "The
    Harbour Gazette"]` at the top of the config (every rule with a `publication` option
    takes it) and a sentence naming the paper that pitches one of its products (app,
    newsletter, podcast, membership, "Gazette Plus"), calls readers towards it, states its
    standards or gives its address is flagged, unless it reports ("told the Gazette", "A
    Gazette investigation found"). Names match in their own case ("the daily commute"
    does not name the Daily). Vocabularies: `checks/data/boilerplate-own-brand.txt`.

    A hit covers its paragraph: the sentences around it up to one that quotes or
    attributes (a newsroom deletes the furniture paragraph, not the phrase).
    Leaves alone: promo wording inside quotation marks (somebody else's notice, card or
    leaflet, reported), the same words reported as news ("She urged fans to follow her on
    Instagram" is not "Follow us on Instagram"; "Residents were told to sign up for the
    new bin service" is not a sign-up prompt), police appeals for information, and a
    bare picture credit ("© Reuters").
    """,
    options={"extra-patterns": [], "publication": []},
    flags=(
        "Sign up for our newsletter to get the latest news.",
        "Opinions expressed in this column are the writer's own.",
        "Read more: Council votes",
        "Follow us on Twitter and Facebook.",
        "This article was amended on 3 May 2024.",
        "© 2024 Example News. All rights reserved.",
        "Got a story? Email news@example.com.",
        "Comments are closed on this article for legal reasons.",
    ),
    passes=(
        "She urged fans to follow her on Instagram.",
        "The council said residents could read more about the plan online.",
        "Anyone with information should call police on 101.",
        "© Reuters",
        'The card read: "Sign up for alerts at example.com to avoid interruption."',
    ),
)

_PUNCT = re.compile(r"[^\w\s]+")
_QUOTES = frozenset({"blockquote", "pre", "q"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Items of a list or a table share a frame by design ("Under the plan, drivers in ...").
_ITEMS = frozenset({"li", "td", "th", "dt", "dd"})
_QUOTE_MARKS = nearcopy.QUOTE_MARKS
_REPORTING = re.compile(r"\b(?:said|says|told|tells|according to|added|asked)\b", re.I)
_CLOSING = (*SENTENCE_END, ":", ";")
_HEADLINE_WORDS = 25
_KEYED = re.compile(r"^(.+?)\s::\s(.+)$")
_LEADING_SPACE = re.compile(r"^\\s\*")
_ESCAPE = re.compile(r"\\.")  # "\S", "\W": escapes whose case matters
_UPPER = re.compile(r"[A-Z]")


def fold(text: str) -> str:
    """Case, punctuation and spacing folded: the key near-duplicates share."""
    return " ".join(_PUNCT.sub(" ", text.casefold()).split())


@dataclass(frozen=True, slots=True)
class PromoPatterns:
    """Sentence-start patterns, keyword-gated patterns, and a newsroom's own."""

    starts: re.Pattern[str] | None
    keyed: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...]
    extra: re.Pattern[str] | None
    # ``starts`` without IGNORECASE, tried on the lower-cased sentence: about twice as
    # fast, and every sentence of a draft goes through it. ``starts`` itself then runs
    # only on the few that pass, to give the match in the sentence's own case.
    starts_gate: re.Pattern[str] | None = None
    keyed_lower: tuple[re.Pattern[str] | None, ...] = ()  # the same for ``keyed``
    keys: Mapping[str, tuple[int, ...]] = field(default_factory=dict)  # keyword: patterns


@lru_cache(maxsize=16)
def promo_patterns(extra: tuple[str, ...]) -> PromoPatterns:
    """Parse ``data/boilerplate-promo.txt`` (see its header) plus ``extra`` regexes."""
    data = resources.files("editcheck.checks").joinpath("data", "boilerplate-promo.txt")
    starts: list[str] = []
    keyed = []
    lowered: list[re.Pattern[str] | None] = []
    for line in data.read_text("utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        m = _KEYED.match(line)
        if line.startswith("^") or m is None:
            starts.append(_LEADING_SPACE.sub("", line.lstrip("^"), count=1))
        else:
            keys = tuple(k.strip() for k in m.group(1).split(",") if k.strip())
            keyed.append((keys, re.compile(m.group(2), re.IGNORECASE)))
            lowered.append(_case_sensitive(m.group(2)))
    # The leading "\\s*" is taken once for all starts instead of by each in turn.
    joined = r"\s*(?:" + "|".join(f"(?:{p})" for p in starts) + ")"
    start_rx = re.compile(joined, re.I) if starts else None
    gate = _case_sensitive(joined) if starts else None
    return PromoPatterns(
        start_rx,
        tuple(keyed),
        _alternation(list(extra)),
        gate or start_rx,
        tuple(lowered),
        _patterns_by_key(keyed),
    )


def _patterns_by_key(
    keyed: list[tuple[tuple[str, ...], re.Pattern[str]]],
) -> dict[str, tuple[int, ...]]:
    """Each keyword with the indexes of the keyed patterns it unlocks."""
    out: dict[str, list[int]] = {}
    for i, (keys, _) in enumerate(keyed):
        for k in keys:
            out.setdefault(k, []).append(i)
    return {k: tuple(v) for k, v in out.items()}


def _case_sensitive(pattern: str) -> re.Pattern[str] | None:
    """``pattern`` compiled for lower-cased text, or None if it names a capital letter."""
    return None if _UPPER.search(_ESCAPE.sub("", pattern)) else re.compile(pattern)


def _alternation(patterns: list[str]) -> re.Pattern[str] | None:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I) if patterns else None


def _stock_question(text: str) -> bool:
    """A short question: put to each interviewee in turn, repeating it is the format."""
    return text.rstrip().endswith("?") and text.count(" ") < 15


def _quoted(block: Block) -> bool:
    """Inside a quotation, where repeating a line (a refrain, a chant) is the point."""
    return block.tag in _QUOTES or bool(block.context & _QUOTES)


def _first(doc: Document, start: int, end: int) -> dict[str, Any]:
    return {"first": {"start": start, "end": end, "line": doc.line_col(start)[0]}}


def _signature(tokens: tuple[Token, ...]) -> tuple[str, str] | None:
    """First and last word, lower-cased: copies share it, so only clashes get folded."""
    words = [t for t in (*tokens[:3], *tokens[-3:]) if t.kind != "punct"]
    return (words[0].text.lower(), words[-1].text.lower()) if words else None


def _clashes(items: Sequence[Any], signature: Callable[[Any], Any]) -> list[Any]:
    """The items whose signature another item shares, in order."""
    groups: dict[Any, list[Any]] = {}
    for item in items:
        sig = signature(item)
        if sig is not None:
            groups.setdefault(sig, []).append(item)
    chosen = [i for group in groups.values() if len(group) > 1 for i in group]
    return sorted(chosen, key=lambda i: i.start)


def duplicate_paragraphs(doc: Document, ctx: CheckContext) -> set[int]:
    """Report later copies of paragraphs, exact or edited; return the indexes flagged."""
    least = int(ctx.options(DUPLICATE_PARAGRAPH.id).get("min-words", 8))
    blocks = [
        b
        for b in doc.blocks
        if len(b.text) >= 2 * least
        and not _quoted(b)
        and b.tag not in _HEADINGS
        and b.sentence_range[1] > b.sentence_range[0]
        and not _stock_question(b.text)
    ]

    def signature(block: Block) -> tuple[str, str] | None:
        first, last = block.sentence_range
        sig = _signature(doc.sentences[first].tokens + doc.sentences[last - 1].tokens)
        return sig

    seen: dict[str, Block] = {}
    flagged: set[int] = set()
    for block in _clashes(blocks, signature):
        key = fold(block.text)
        if key.count(" ") + 1 < least:
            continue
        first = seen.setdefault(key, block)
        if first is not block and not _template_pair(doc, first, block):
            flagged.add(block.index)
            ctx.report_in(
                DUPLICATE_PARAGRAPH.id,
                block,
                0,
                len(block.text),
                f"Paragraph repeats line {doc.line_col(first.start)[0]}.",
                suggestion="",
                data={**_first(doc, first.start, first.end), "similarity": 1.0, "diff": []},
                # a copy word for word is safe to delete; one with a change needs an editor
                fix=Fix("delete") if block.text.split() == first.text.split() else None,
            )
    near = [
        b
        for b in blocks
        if b.index not in flagged and b.tag not in _ITEMS and not _headline_shaped(b)
    ]
    for found in nearcopy.edited_copies(doc, near):
        first, block = found.first.block, found.copy.block
        if _template_pair(doc, first, block):
            continue
        flagged.add(block.index)
        ctx.report_in(
            DUPLICATE_PARAGRAPH.id,
            block,
            0,
            len(block.text),
            f"Paragraph repeats line {doc.line_col(first.start)[0]} with edits "
            f"({found.similarity:.0%} of its content words in order).",
            suggestion="",
            data=nearcopy.data_of(doc, found),
        )
    return flagged


def _template_pair(doc: Document, first: Block, copy: Block) -> bool:
    """A standfirst under a repeated headline: a template (a teaser preview) repeats the
    pair by design, so the copy is the page's, not the reporter's."""
    before = [_previous(doc, b) for b in (first, copy)]
    if any(b is None or b.tag not in _HEADINGS for b in before):
        return False
    return fold(before[0].text) == fold(before[1].text)  # type: ignore[union-attr]


def _previous(doc: Document, block: Block) -> Block | None:
    for i in range(block.index - 1, -1, -1):
        if not doc.blocks[i].is_blank:
            return doc.blocks[i]
    return None


def _headline_shaped(block: Block) -> bool:
    """A headline or standfirst line of a text draft: short, no closing punctuation. The
    lead paragraph restates the headline by design."""
    text = block.text.rstrip()
    return not text.endswith(_CLOSING) and text.count(" ") < _HEADLINE_WORDS


def duplicate_sentences(doc: Document, ctx: CheckContext, skip: set[int]) -> None:
    """Report later copies of sentences outside paragraphs already flagged."""
    least = int(ctx.options(DUPLICATE_SENTENCE.id).get("min-words", 7))
    quoted = {b.index for b in doc.blocks if _quoted(b) or b.tag in _HEADINGS}
    candidates = [
        s for s in doc.sentences if len(s.tokens) >= least and s.block_index not in quoted
    ]
    seen: dict[str, Sentence] = {}
    for sentence in _clashes(candidates, lambda s: _signature(s.tokens)):
        words = sum(t.kind != "punct" for t in sentence.tokens)
        if words < least or _stock_question(sentence.text):
            continue
        first = seen.setdefault(fold(sentence.text), sentence)
        if first is sentence or sentence.block_index in skip:
            continue
        if _template_pair(doc, doc.blocks[first.block_index], doc.blocks[sentence.block_index]):
            continue
        ctx.report(
            DUPLICATE_SENTENCE.id,
            sentence.start,
            sentence.end,
            f"Sentence repeats one on line {doc.line_col(first.start)[0]}.",
            suggestion="",
            data=_first(doc, first.start, first.end),
        )


def promo_furniture(doc: Document, ctx: CheckContext) -> None:
    """Report each paragraph (or run of sentences) holding promo, legal or social
    furniture, the publication's own included; a promo quoted from a notice is news."""
    options = ctx.options(PROMO_FURNITURE.id)
    patterns = promo_patterns(tuple(options.get("extra-patterns", ())))
    hits = _sentence_starts(doc, patterns)
    found = _keyword_blocks(doc, patterns.keys)
    low_sentences: dict[int, str] = {}
    for i in sorted({i for k in found for i in patterns.keys[k]}):  # file order
        (keys, rx), rx_lower = patterns.keyed[i], patterns.keyed_lower[i]
        blocks = sorted(
            {b.index: b for k in keys for b in found.get(k, ())}.values(), key=lambda b: b.index
        )
        for block in blocks:
            for sentence in doc.block_sentences(block):
                if sentence.index in hits:
                    continue
                if rx_lower is not None:
                    low = low_sentences.get(sentence.index)
                    if low is None:
                        low = low_sentences[sentence.index] = sentence.text.lower()
                    if rx_lower.search(low) is None:
                        continue
                m = rx.search(sentence.text)
                if m:
                    hits[sentence.index] = (m.group(), sentence.start + m.start())
    brand = own_brand(tuple(options.get("publication", ())))
    if brand is not None:
        for sentence in doc.sentences:
            if sentence.index not in hits:
                m = brand.pitch_in(sentence.text)
                if m is not None:
                    hits[sentence.index] = (m.group(), sentence.start + m.start())
    kept = {i: what for i, (what, at) in hits.items() if not _inside_quotes(doc, at)}
    for first, last, what in _paragraph_runs(doc, kept):
        ctx.report(
            PROMO_FURNITURE.id,
            doc.sentences[first].start,
            doc.sentences[last].end,
            f"Promo or legal furniture: {what.strip()!r}.",
            suggestion="",
        )


def _inside_quotes(doc: Document, at: int) -> bool:
    """True when document offset ``at`` is inside quotation marks of its block: the
    words of somebody else's notice, leaflet or card, reported."""
    block = doc.block_at(at)
    if block is None:
        return False
    before = doc.text[block.start : at]
    return sum(before.count(q) for q in _QUOTE_MARKS) % 2 == 1


def _paragraph_runs(doc: Document, hits: Mapping[int, str]) -> list[tuple[int, int, str]]:
    """Each hit widened to the sentences around it in its paragraph, up to one that
    reports (a quotation, an attribution): a newsroom deletes the paragraph, not the
    phrase. Runs as (first sentence, last sentence, the first hit's words)."""
    runs: list[tuple[int, int, str]] = []
    for index in sorted(hits):
        if runs and runs[-1][1] >= index:
            continue  # already inside the run of an earlier hit
        first_s, end_s = doc.blocks[doc.sentences[index].block_index].sentence_range
        lo = index
        while lo > first_s and (lo - 1 in hits or not _reports(doc.sentences[lo - 1].text)):
            lo -= 1
        hi = index
        while hi + 1 < end_s and (hi + 1 in hits or not _reports(doc.sentences[hi + 1].text)):
            hi += 1
        if runs and runs[-1][1] >= lo:
            lo = runs.pop()[0]
        runs.append((lo, hi, hits[index]))
    return runs


def _reports(text: str) -> bool:
    """A sentence the promo beside it does not take: news (it quotes or attributes), or
    anything that does not address the reader (``[reader]`` of the own-brand data)."""
    if any(q in text for q in _QUOTE_MARKS) or _REPORTING.search(text) is not None:
        return True
    return reader_lines().search(text) is None


def _sentence_starts(doc: Document, patterns: PromoPatterns) -> dict[int, tuple[str, int]]:
    """Sentences opening with furniture (or holding a newsroom's own pattern): the words
    matched and their document offset."""
    hits: dict[int, tuple[str, int]] = {}
    gate, starts, extra = patterns.starts_gate, patterns.starts, patterns.extra
    lowered = doc.text.lower()
    if gate is None or starts is None or len(lowered) != len(doc.text):
        gate, lowered = starts, doc.text  # lower-casing moved offsets: match as it is
    for sentence in doc.sentences:
        m = None
        if gate is not None and gate.match(lowered, sentence.start, sentence.end):
            m = starts.match(sentence.text)  # type: ignore[union-attr]
        if m is None and extra is not None:
            m = extra.search(sentence.text)
        if m is not None:
            hits[sentence.index] = (m.group(), sentence.start + m.start())
    return hits


def _keyword_blocks(doc: Document, keys: Iterable[str]) -> dict[str, list[Block]]:
    """For each keyword found in the draft, the blocks holding it (lower-case search)."""
    lowered = doc.text.lower()
    found: dict[str, list[Block]] = {}
    if len(lowered) != len(doc.text):  # lower-casing changed offsets: look block by block
        for key in keys:
            holding = [b for b in doc.blocks if key in b.text.lower()]
            if holding:
                found[key] = holding
        return found
    for key in keys:
        at = lowered.find(key)
        while at >= 0:
            block = doc.block_at(at)
            nxt = at + len(key)
            if block is not None:
                found.setdefault(key, []).append(block)
                nxt = max(nxt, block.end)  # each block once: go on after it
            at = lowered.find(key, nxt)
    return found


@check(DUPLICATE_PARAGRAPH, DUPLICATE_SENTENCE, PROMO_FURNITURE, name="core.repetition")
def repetition(doc: Document, ctx: CheckContext) -> None:
    """Duplicated paragraphs and sentences, and promo furniture, in one draft."""
    flagged = duplicate_paragraphs(doc, ctx) if ctx.enabled(DUPLICATE_PARAGRAPH.id) else set()
    if ctx.enabled(DUPLICATE_SENTENCE.id):
        duplicate_sentences(doc, ctx, flagged)
    if ctx.enabled(PROMO_FURNITURE.id):
        promo_furniture(doc, ctx)


@hookimpl
def editcheck_checks() -> list[Check]:
    return [repetition]
