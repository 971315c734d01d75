"""Word lists and patterns of the sourcing checks, loaded from package data once per process.

The lists are data so a newsroom (or a reviewer) can read and extend them without reading
the matching code; everything here is compiled on first use and cached.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources

_DATA = "editcheck.checks.sourcing.data"


def _lines(name: str) -> list[str]:
    """Non-blank, non-comment lines of a data file."""
    text = resources.files(_DATA).joinpath(name).read_text(encoding="utf-8")
    return [ln.rstrip("\n") for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def wordset(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text``, for word lists written inline."""
    return frozenset(text.split())


@cache
def words(name: str) -> frozenset[str]:
    """A word list (``speech_verbs``, ``institutions`` ...) as a lower-cased set."""
    return frozenset(ln.strip().lower() for ln in _lines(f"{name}.txt"))


@dataclass(frozen=True, slots=True)
class HedgePattern:
    """One hedge pattern, the kind of wording it finds, and its anchor words: the pattern
    is tried only on sentences holding one of them, which keeps the check fast."""

    kind: str
    anchors: frozenset[str]
    source: str
    required: frozenset[str] = frozenset()

    @property
    def regex(self) -> re.Pattern[str]:
        """The pattern, compiled on first use: most drafts need only a few of them, and
        compiling all of them would cost a cold run more than checking the draft."""
        return _compile_hedge(self.source)


@cache
def _compile_hedge(source: str) -> re.Pattern[str]:
    # Every pattern starts a word: rejecting positions inside words first is faster.
    return re.compile(rf"(?<![A-Za-z])\b(?:{source})\b", re.I)


@cache
def hedge_patterns() -> tuple[HedgePattern, ...]:
    """The hedge patterns of ``hedges.txt`` (see :class:`HedgePattern`)."""
    out = []
    for line in _lines("hedges.txt"):
        kind, anchors, pattern = line.split("\t", 2)
        some = frozenset(a for a in anchors.split() if not a.startswith("+"))
        every = frozenset(a[1:] for a in anchors.split() if a.startswith("+"))
        out.append(HedgePattern(kind.strip(), some, pattern.strip(), every))
    return tuple(out)


@cache
def hedge_index() -> dict[str, tuple[int, ...]]:
    """For each anchor word, the indexes of the hedge patterns it may start."""
    index: dict[str, list[int]] = {}
    for i, p in enumerate(hedge_patterns()):
        for w in p.anchors:
            index.setdefault(w, []).append(i)
    return {w: tuple(ix) for w, ix in index.items()}


@cache
def hedge_anchors() -> frozenset[str]:
    """Every anchor word of every hedge pattern."""
    return frozenset().union(*(p.anchors for p in hedge_patterns()))  # required ones aside


# A byte of A-Z becomes a-z, every other byte but a-z a space: in UTF-8 no byte of a
# character outside ASCII is a letter.
_ONLY_LOWER_LETTERS = bytes(
    c + 32 if 65 <= c <= 90 else c if 97 <= c <= 122 else 32 for c in range(256)
)


def lower_words(text: str) -> frozenset[str]:
    """The runs of a-z in ``text.lower()`` (what ``re.findall("[a-z]+", ...)`` gives), as a
    set: mapping the bytes of its UTF-8 and splitting is two to three times as fast."""
    if "\u0130" in text or "\u212a" in text:  # the only non-ASCII letters that lower to a-z
        text = text.lower()
    mapped = text.encode("utf-8", "surrogatepass").translate(_ONLY_LOWER_LETTERS)
    return frozenset(mapped.decode("ascii").split())


def word_starts(text: str, word: str, joiners: str) -> list[int]:
    """Where ``word`` stands in ``text`` with no character of ``joiners`` on either side,
    left to right and not overlapping (as a regex search for it would find them).

    A literal search: no regex to compile for each of the hundreds of words a draft may
    hold, which a cold run would otherwise pay for.
    """
    out = []
    n, size = len(text), len(word)
    i = text.find(word)
    while i >= 0:
        j = i + size
        if (i == 0 or text[i - 1] not in joiners) and (j == n or text[j] not in joiners):
            out.append(i)
            i = text.find(word, j)
        else:
            i = text.find(word, i + 1)
    return out


def lazy_regex(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """A regex compiled on its first call, for patterns few drafts need (street addresses,
    phone numbers): compiling them at import would cost every cold run."""
    return cache(lambda: re.compile(pattern, flags))


def alternation(items: frozenset[str]) -> str:
    """A regex alternation of ``items``, longest first so phrases beat their prefixes."""
    ordered = sorted(items, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)
