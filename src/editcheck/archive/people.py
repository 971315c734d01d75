"""Blocks about people (bylines, sign-offs, author bios) that the archive must not learn.

A reporter's byline or a columnist's bio recurs in every story they write, so counted
across an archive it looks like boilerplate; deleting it from a draft would be wrong. Both
sides of the index skip these blocks (:mod:`editcheck.archive.passages` asks
:func:`about_people`), so they are neither counted when learned nor flagged when checked.
The vocabularies are ``archive/data/people.txt``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from editcheck.document import Block
from editcheck.wordlists import read_sections

# A person's name: capitalised words, initials ("J."), particles ("de", "van"), hyphens.
_WORD = r"[A-Z][\w'’-]*\.?"
_NAME = rf"(?-i:{_WORD}(?:\s+(?:(?:de|da|van|von|del|der|al|bin|le|la)\s+)?{_WORD}){{0,3}})"
_SITE_CONTEXT = frozenset({"footer", "nav"})  # an <address> there is the site's contact
_SPLIT = re.compile(r"[^a-z0-9_-]+")
_MAX_CHARS = 400  # a bio is a line or two; a longer block is copy


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[frozenset[str], re.Pattern[str]]:
    sections = read_sections("editcheck.archive", "data", "people.txt")
    words = frozenset(w for line in sections.pop("class-words", []) for w in line.split())
    patterns = [p.replace("{name}", _NAME) for lines in sections.values() for p in lines]
    return words, re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def about_people(block: Block) -> bool:
    """True for a byline, sign-off, author bio or author box (by markup or by shape)."""
    words, shapes = _vocabulary()
    in_address = block.tag == "address" or "address" in block.context
    if in_address and not block.context & _SITE_CONTEXT:
        return True
    if block.hints and not words.isdisjoint(_SPLIT.split(block.hints)):
        return True
    text = block.text.strip()
    return len(text) <= _MAX_CHARS and shapes.search(text) is not None
