"""Comment threads on a pasted page: never the article, whatever their prose reads like.

A thread is told two ways, as boilerplate removers do: by its class/id words (comment,
reply, discussion: ``[comment]`` of ``data/residue-page-classes.txt``), or, under neutral
class names, by its repeated units: sibling elements that each hold a "Posted by NAME on
DATE" line, a byline-and-date line or a reply counter (``data/residue-comment-lines.txt``).
Every block of a unit (the commenter's name, the comment, its counters) is furniture, and
so are the thread's own headings ("Comments (4)", "Join the discussion") and buttons.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache

from editcheck.document import Block
from editcheck.wordlists import read_sections

_HINT_SPLIT = re.compile(r"[^a-z0-9-]+")
_MIN_UNITS = 2  # one "Posted by" line is a dateline; two sibling units are a thread
_MAX_UNIT_BLOCKS = 12  # a comment is a few blocks; the article's own element is many
_INDEX = re.compile(r"\[\d+\]")


@lru_cache(maxsize=1)
def _lines() -> dict[str, re.Pattern[str]]:
    sections = read_sections("editcheck.checks", "data", "residue-comment-lines.txt")
    return {k: re.compile("|".join(f"(?:{p})" for p in v), re.I) for k, v in sections.items()}


@lru_cache(maxsize=1)
def _class_words() -> tuple[frozenset[str], tuple[str, ...]]:
    from editcheck.checks.residue.furniture import class_words

    words = class_words()["comment"]
    return frozenset(words), tuple(w for w in words if len(w) >= 5)


def comment_marked(hints: str, common: set[str]) -> bool:
    """True when the block's class/id words (beyond the article's own) name a thread."""
    whole, prefixes = _class_words()
    for w in set(_HINT_SPLIT.split(hints)) - common - {""}:
        if w in whole or w.startswith(prefixes):
            return True
    return False


def is_thread_heading(text: str) -> bool:
    """A thread's heading or button: "Comments (4)", "Join the discussion", "Reply"."""
    text = text.strip()
    return len(text) <= 80 and bool(_lines()["heading"].match(text) or _lines()["unit"].match(text))


_STAMP = re.compile(r"(?:last |first )?(?:posted|updated|published|edited|added|modified)\s+\d")
_BUTTONS = ("reply", "report", "like", "flag", "share", "permalink", "quote", "recommend")


def is_comment_head(text: str) -> bool:
    """A comment's own head line ("Posted by NAME on DATE", "NAME 3 hours ago"), not its
    buttons, its counters or the thread's heading."""
    text = text.strip()
    if len(text) > 120 or not _lines()["unit"].match(text) or _lines()["heading"].match(text):
        return False
    low = text.lower()
    if _STAMP.match(low):
        return False  # "Posted 35 minutes ago": a live entry's time, nobody's comment
    return " " in text and not low.startswith(_BUTTONS) and not low[:1].isdigit()


def thread_units(blocks: Sequence[Block]) -> set[int]:
    """Indexes of the blocks inside comment units told by their marker lines: sibling
    elements, each holding a marker line in the same place with the same class names,
    each only a few blocks long."""
    unit = _lines()["unit"]
    size: dict[str, int] = defaultdict(int)
    for b in blocks:
        if b.xpath:
            parent = b.xpath.rsplit("/", 1)[0]
            size[parent] += 1
            if parent.count("/") > 1:
                size[parent.rsplit("/", 1)[0]] += 1
    groups: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for b in blocks:
        text = b.text.strip()
        if not b.xpath or len(text) > 120 or not unit.match(text):
            continue
        element, leaf = b.xpath.rsplit("/", 1)  # the unit: the element holding the marker
        if element.count("/") > 1 and size[element] <= _MAX_UNIT_BLOCKS:
            parent, _ = element.rsplit("/", 1)
            groups[(parent, _INDEX.sub("", leaf), b.hints)].add(element)
    units = {u for group in groups.values() if len(group) >= _MIN_UNITS for u in group}
    if not units:
        return set()
    prefixes = tuple(u + "/" for u in units)
    return {b.index for b in blocks if b.xpath and b.xpath.startswith(prefixes)}
