"""Repeated boilerplate inside one draft: pasted-twice paragraphs and sentences, and the
promo, legal and social furniture sites append to every story.

Duplicates are found by a folded key (case, punctuation and spacing removed), so a copy
that lost a comma or gained a capital still matches; the second copy is flagged and its
``data.first`` points at the first. The archive-wide counterpart (passages recurring in
earlier articles) is :mod:`editcheck.checks.archive`; this module needs no index.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any

from editcheck.annotations import Severity
from editcheck.checkapi import CheckContext, Rule, check
from editcheck.document import Document
from editcheck.hookspecs import hookimpl

__all__ = ["editcheck_checks"]

CATEGORY = "repeated-boilerplate"
DUPLICATE_PARAGRAPH = Rule(
    "core/duplicate-paragraph", CATEGORY, Severity.WARNING,
    summary="A paragraph that appears earlier in the same draft.",
    doc="""
    Flags the second (and later) copy of a paragraph of at least `min-words` words,
    compared after folding case, punctuation and spacing, so near-identical copies match.
    `data.first` holds the first copy's `start`, `end` and `line`.
    Leaves alone: short repeated lines (headings, list items, table cells such as "Draw"
    or "Meal 1"), which other rules judge.
    """,
    options={"min-words": 5},
    flags=("The council voted to close the library on Tuesday.\n"
           "Residents protested.\nThe council voted to close the library on Tuesday!",),
    passes=("Residents protested.\nResidents protested.",
            "The council voted to close the library.\nThe council voted to keep the pool."),
)
DUPLICATE_SENTENCE = Rule(
    "core/duplicate-sentence", CATEGORY, Severity.WARNING,
    summary="A sentence that appears earlier in the same draft.",
    doc="""
    Flags a sentence of at least `min-words` words that already appeared in another
    paragraph or earlier in the same one (folded as for duplicate paragraphs), unless its
    whole paragraph is already flagged as a duplicate. `data.first` points at the first copy.
    Leaves alone: short stock sentences ("He declined to comment.") under `min-words`.
    """,
    options={"min-words": 7},
    flags=("Police said the man was arrested at his home in Leeds. He was later released.\n"
           "The case continues. Police said the man was arrested at his home in Leeds.",),
    passes=("He declined to comment. She declined to comment.",),
)
PROMO_FURNITURE = Rule(
    "core/promo-furniture", CATEGORY, Severity.WARNING,
    summary="Promo, legal or social furniture in the body ('Sign up for our newsletter').",
    doc="""
    Flags the sentences sites append to stories: newsletter and subscription pitches
    ("Sign up for our newsletter"), "Read more:" and "Related:" links, "Follow us on
    ...", correction footers ("This article was amended on ..."), copyright lines ("All
    rights reserved", "© 2024") and app or membership appeals. Patterns are in
    `checks/data/boilerplate-promo.txt`; `extra-patterns` adds a newsroom's own regexes.
    Leaves alone: the same words reported as news ("She urged fans to follow her on
    Instagram" is not "Follow us on Instagram").
    """,
    options={"extra-patterns": []},
    flags=("Sign up for our newsletter to get the latest news.", "Read more: Council votes",
           "Follow us on Twitter and Facebook.", "This article was amended on 3 May 2024.",
           "© 2024 Example News. All rights reserved."),
    passes=("She urged fans to follow her on Instagram.",
            "The council said residents could read more about the plan online."),
)

_PUNCT = re.compile(r"[^\w\s]+")


def fold(text: str) -> str:
    """Case, punctuation and spacing folded: the key near-duplicates share."""
    return " ".join(_PUNCT.sub(" ", text.casefold()).split())


@lru_cache(maxsize=1)
def _builtin_patterns() -> tuple[str, ...]:
    data = resources.files("editcheck.checks").joinpath("data", "boilerplate-promo.txt")
    lines = data.read_text("utf-8").splitlines()
    return tuple(ln.strip() for ln in lines if ln.strip() and not ln.startswith("#"))


@lru_cache(maxsize=16)
def promo_pattern(extra: tuple[str, ...]) -> re.Pattern[str]:
    """All promo patterns as one case-insensitive alternation."""
    parts = (*_builtin_patterns(), *extra)
    return re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE | re.MULTILINE)


def _first(doc: Document, start: int, end: int) -> dict[str, Any]:
    return {"first": {"start": start, "end": end, "line": doc.line_col(start)[0]}}


def duplicate_paragraphs(doc: Document, ctx: CheckContext) -> set[int]:
    """Report later copies of paragraphs; return the indexes of the blocks flagged."""
    least = int(ctx.options(DUPLICATE_PARAGRAPH.id).get("min-words", 5))
    seen: dict[str, Any] = {}
    flagged: set[int] = set()
    for block in doc.blocks:
        if len(block.text) < 2 * least or block.text.count(" ") + 1 < least:
            continue  # cheap length test before folding
        key = fold(block.text)
        if key.count(" ") + 1 < least:
            continue
        first = seen.setdefault(key, block)
        if first is not block:
            flagged.add(block.index)
            ctx.report_in(DUPLICATE_PARAGRAPH.id, block, 0, len(block.text),
                          f"Paragraph repeats line {doc.line_col(first.start)[0]}.",
                          suggestion="", data=_first(doc, first.start, first.end))
    return flagged


def duplicate_sentences(doc: Document, ctx: CheckContext, skip: set[int]) -> None:
    """Report later copies of sentences outside paragraphs already flagged."""
    least = int(ctx.options(DUPLICATE_SENTENCE.id).get("min-words", 7))
    seen: dict[str, Any] = {}
    for sentence in doc.sentences:
        if sum(t.kind != "punct" for t in sentence.tokens) < least:
            continue
        key = fold(sentence.text)
        first = seen.setdefault(key, sentence)
        if first is sentence or sentence.block_index in skip:
            continue
        ctx.report(DUPLICATE_SENTENCE.id, sentence.start, sentence.end,
                   f"Sentence repeats one on line {doc.line_col(first.start)[0]}.",
                   suggestion="", data=_first(doc, first.start, first.end))


def promo_furniture(doc: Document, ctx: CheckContext) -> None:
    """Report each sentence holding promo, legal or social furniture."""
    pattern = promo_pattern(tuple(ctx.options(PROMO_FURNITURE.id).get("extra-patterns", ())))
    for block in doc.blocks:
        if block.is_blank or pattern.search(block.text) is None:
            continue  # one search per block; most blocks are clean
        for sentence in doc.block_sentences(block):
            m = pattern.search(sentence.text)  # "^" anchors at the sentence start
            if m is None:
                continue
            ctx.report(PROMO_FURNITURE.id, sentence.start, sentence.end,
                       f"Promo or legal furniture: {m.group().strip()!r}.", suggestion="")


@check(DUPLICATE_PARAGRAPH, DUPLICATE_SENTENCE, PROMO_FURNITURE, name="core.boilerplate")
def boilerplate(doc: Document, ctx: CheckContext) -> None:
    """Duplicated paragraphs and sentences, and promo furniture, in one draft."""
    flagged = duplicate_paragraphs(doc, ctx) if ctx.enabled(DUPLICATE_PARAGRAPH.id) else set()
    if ctx.enabled(DUPLICATE_SENTENCE.id):
        duplicate_sentences(doc, ctx, flagged)
    if ctx.enabled(PROMO_FURNITURE.id):
        promo_furniture(doc, ctx)


@hookimpl
def editcheck_checks() -> list:
    return [boilerplate]
