"""Archive boilerplate: passages of a draft that recur across many earlier articles.

A standard footer, a newsletter promo or a legal line pasted into a new draft looks like
copy on its own; only the archive shows it has run under hundreds of stories. The counts
come from an index built with ``editcheck archive learn`` (see
:mod:`editcheck.archive`); with no index configured the rule stays silent. The index
module is imported only when an index is set, so a run without one pays nothing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from editcheck.annotations import Severity
from editcheck.checkapi import Check, CheckContext, Rule, check
from editcheck.checks.prose import is_prose
from editcheck.document import Document
from editcheck.errors import ConfigError
from editcheck.hookspecs import hookimpl
from editcheck.wordlists import read_sections

ARCHIVE_BOILERPLATE = Rule(
    "core/archive-boilerplate",
    "repeated-boilerplate",
    Severity.WARNING,
    summary="A paragraph or sentence that recurs in many earlier articles of the archive.",
    doc="""
    Looks each paragraph of the draft up in the archive index, and each sentence of a
    paragraph of several sentences, and flags the passages that recur in at least
    `min-docs` earlier articles, saying in how many ("This paragraph appears in 412
    earlier articles: boilerplate?"). When a whole paragraph recurs, its sentences are not
    flagged again.

    Near-duplicates count: case, spacing, punctuation, figures and function words are
    folded away before fingerprinting, so "Sign up to our newsletter for the latest news"
    and "Sign up for our newsletter for all the latest news!" share one counter.
    Paragraphs under 4 words and sentences under 6 words (numbers do not count) are not
    fingerprinted as paragraphs or sentences, and a line of two or three words (a
    newsletter box's heading, "The Morning Post") is flagged only when it recurs and the
    block beside it is flagged too: labels and stock phrases recur everywhere without
    being boilerplate. Blocks about people (bylines, a columnist's
    sign-off, author bios, `<address>`, `rel=author`, byline/author class names) are
    never counted nor flagged: they recur in every story a reporter writes, but are not
    furniture to delete.
    A recurring passage that reads as the story's own copy is left alone: a source's
    stock quotation, quoted and attributed, or a running story's background paragraph
    between two fresh paragraphs of prose, when it carries no furniture cue (a copyright,
    an address, a regulator, a product or a call to act) and does not address the reader
    outside quotation marks. Furniture comes in runs at a page's edges or says what it
    sells.
    A passage that names the publication (the config's `publication = [...]`, which this
    rule takes like `core/promo-furniture`) is the paper's own furniture once it recurs in
    two earlier articles: the index learns the promos no pattern knows. A draft that is
    itself in the index is not counted against itself.

    Build the index with `editcheck archive learn ARCHIVE_FOLDER --index archive.sqlite`,
    then set the `index` option (`editcheck check --archive-index archive.sqlite`, or
    `index = "archive.sqlite"` under `[rules."core/archive-boilerplate"]`; a relative path
    is taken from the working directory). With no index the rule is silent; a missing or
    unreadable index stops the run before any draft is checked, naming the file (exit 2
    in the CLI); one that becomes unreadable during a run is a reported check failure.
    The examples below assume an index where the flagged passages ran in three or more
    earlier articles and the passing ones did not.
    """,
    options={"index": "", "min-docs": 3, "publication": []},
    path_options=("index",),
    flags=(
        "Sign up for our newsletter for all the latest news!",
        "© 2024 Northfield Gazette. All rights reserved. Reproduction without permission "
        "is prohibited.",
    ),
    passes=(
        "The council voted 7-2 on Tuesday to close the Elm Street library branch.",
        "Read more",
    ),
)


def _min_docs(options: Mapping[str, Any]) -> int:
    value = options.get("min-docs", 3)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigError(
            f"rules.'core/archive-boilerplate'.min-docs must be a whole number >= 1 (got {value!r})"
        )
    return value


def open_configured_index(options: Mapping[str, Mapping[str, Any]]) -> None:
    """Open the index the options name (and check ``min-docs``) before any draft is read,
    so a missing or corrupt index stops the run up front; the reader is cached."""
    mine = options.get(ARCHIVE_BOILERPLATE.id, {})
    if mine.get("index"):
        from editcheck.archive import open_index

        _min_docs(mine)
        open_index(mine["index"])


@check(ARCHIVE_BOILERPLATE, name="core.archive", prepare=open_configured_index)
def archive_boilerplate(doc: Document, ctx: CheckContext) -> None:
    """Flag paragraphs, else sentences, found in at least ``min-docs`` earlier articles."""
    options = ctx.options(ARCHIVE_BOILERPLATE.id)
    index = options.get("index") or ""
    if not index:
        return
    min_docs = _min_docs(options)
    from editcheck.archive import document_key, open_index, passages

    reader = open_index(index)
    flagged: set[int] = set()
    found = list(passages(doc))
    counts = reader.counts(p.key for p in found) if found else {}
    if not counts:
        return
    own = 1 if reader.has_article(document_key(doc)) else 0
    covered: set[int] = set()
    lines = []
    named = _names(tuple(options.get("publication", ())))
    recurring: list[tuple[Any, int, bool]] = []
    for p in found:  # a block's paragraph passage comes before its sentences
        n = counts.get(p.key, 0) - own
        names_paper = bool(named and named.search(p.text))
        least = min(min_docs, _OWN_MIN_DOCS) if names_paper else min_docs
        if n < least or p.block_index in covered:
            continue
        if p.kind == "paragraph":
            covered.add(p.block_index)
        recurring.append((p, n, names_paper))
    recurring_blocks = {p.block_index for p, _, _ in recurring}
    for p, n, names_paper in recurring:
        if p.kind == "line":
            lines.append((p, n))
            continue
        if not names_paper and reads_as_reporting(doc, p, recurring_blocks):
            continue
        _report(ctx, p, n)
        flagged.add(p.block_index)
    for p, n in lines:  # a short recurring line counts only beside recurring furniture
        if _neighbours(doc, p.block_index) & flagged:
            _report(ctx, p, n)


_OWN_MIN_DOCS = 2  # a passage naming the paper that recurs at all is the paper's furniture
# What furniture carries and a story's own sentences rarely do: a copyright, an address
# (e-mail, web, telephone, company), a regulator, a call to act, a product of the site.
_FURNITURE_CUES = re.compile(
    r"©|\(c\)|\bcopyright\b|rights reserved|@|https?://|\bwww\.|"
    r"\.(?:com|co\.uk|org|net|ie|au|nz|example)\b|\b0\d{2,4}[\s-]?\d{3}[\s-]?\d{3,4}\b|"
    r"\b(?:ltd|plc|limited|llc|inc)\b|\bregulated\b|\bcode of practice\b|\bipso\b|"
    r"\b(?:subscrib\w*|sign(?:ing)? up|newsletters?|apps?|podcasts?|download\w*|follow|"
    r"members?(?:hip)?|read more|related|see also|watch|listen|click|tap|visit|email|e-mail|"
    r"contact|call|text|whatsapp|inbox|crossword|puzzles?|edition|advert\w*|sponsored)\b",
    re.IGNORECASE,
)
_QUOTATION = re.compile(r"[\"“][^\"“”]{1,600}[\"”]")
_ATTRIBUTION = re.compile(r"\b(?:said|says|told|tells|added|according to)\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _reader() -> re.Pattern[str]:
    """Words that address the reader: the ``[reader]`` section of the own-brand data that
    ``core/promo-furniture`` widens its hits with (read here, not imported: check
    families do not import each other)."""
    lines = read_sections("editcheck.checks", "data", "boilerplate-own-brand.txt")["reader"]
    return re.compile("|".join(f"(?:{p})" for p in lines), re.IGNORECASE)


def reads_as_reporting(doc: Document, p: Any, recurring_blocks: set[int]) -> bool:
    """A recurring passage that is the story's own copy, not furniture: a running story
    repeats its background paragraph under every update, and a source's stock quotation
    recurs in every story that quotes it. Such a passage carries no furniture cue and does
    not address the reader, and it either quotes and attributes, or sits inside the body:
    its paragraph lies between two paragraphs of prose in which nothing recurs. Furniture
    comes in runs at a page's edges or says what it is selling; this is neither."""
    outside = _QUOTATION.sub(" ", p.text)  # a source's "we" and "you" are the source's
    if _FURNITURE_CUES.search(outside) or _reader().search(outside):
        return False
    if outside != p.text and _ATTRIBUTION.search(outside):
        return True
    sides = [doc.blocks[i] for i in _neighbours(doc, p.block_index)]
    return len(sides) == 2 and all(b.index not in recurring_blocks and is_prose(b) for b in sides)


@lru_cache(maxsize=16)
def _names(names: tuple[str, ...]) -> re.Pattern[str] | None:
    """The publication's names, whole words in their own case."""
    names = tuple(n.strip() for n in names if n.strip())
    if not names:
        return None
    return re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b")


def _report(ctx: CheckContext, p: Any, n: int) -> None:
    plural = "s" if n != 1 else ""
    kind = "line" if p.kind == "line" else p.kind
    ctx.report(
        ARCHIVE_BOILERPLATE.id,
        p.start,
        p.end,
        f"This {kind} appears in {n:,} earlier article{plural}: boilerplate?",
        data={"articles": n, "passage": p.kind},
    )


def _neighbours(doc: Document, index: int) -> set[int]:
    """The nearest non-blank block on each side."""
    out = set()
    for step in (-1, 1):
        i = index + step
        while 0 <= i < len(doc.blocks) and doc.blocks[i].is_blank:
            i += step
        if 0 <= i < len(doc.blocks):
            out.add(i)
    return out


@hookimpl
def editcheck_checks() -> list[Check]:
    return [archive_boilerplate]
