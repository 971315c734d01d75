"""One sentence as the sourcing rules read it, shared by the paragraph pass and the rules."""

from __future__ import annotations

import re

from editcheck.checks.sourcing.attribution import Attribution, Source, best, find_attributions
from editcheck.checks.sourcing.lexicon import lower_words
from editcheck.checks.sourcing.quotes import Quote, mask
from editcheck.checks.sourcing.speakers import speaker_names
from editcheck.document import Block, Sentence

_FIRST_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_NAME_WORD = re.compile(r"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b")


class View:
    """One sentence as the rules read it: quotations masked, its words as a set (for cheap
    "could this rule apply?" tests), and its reporting clauses, found only when asked for."""

    __slots__ = (
        "sentence",
        "rel",
        "masked",
        "words",
        "proper",
        "_attributions",
        "_speakers",
        "_names",
    )

    def __init__(
        self, sentence: Sentence, rel: int, masked: str, proper: frozenset[str] = frozenset()
    ) -> None:
        self.sentence = sentence
        self.rel = rel  # the sentence's offset in its block's text
        self.masked = masked
        self.words = lower_words(masked)
        self.proper = proper  # words the draft capitalises mid-sentence: names
        self._attributions: list[Attribution] | None = None
        self._speakers: set[str] | None = None
        self._names: set[str] | None = None

    @property
    def attributions(self) -> list[Attribution]:
        if self._attributions is None:
            first = _FIRST_WORD.search(self.masked)
            first_proper = first is not None and first.group() in self.proper
            self._attributions = find_attributions(self.masked, self.words, first_proper)
        return self._attributions

    @property
    def best(self) -> Source:
        return best(self.attributions)

    @property
    def speakers(self) -> set[str]:
        """Names of the people this sentence quotes by name (several quotes may ask)."""
        if self._speakers is None:
            self._speakers = speaker_names(self.attributions)
        return self._speakers

    @property
    def names(self) -> set[str]:
        """Its capitalised words, which may name a speaker quoted earlier."""
        if self._names is None:
            self._names = set(_NAME_WORD.findall(self.masked))
        return self._names


def make_view(
    block: Block, s: Sentence, quotes: list[Quote], proper: frozenset[str] = frozenset()
) -> View:
    rel = s.start - block.start
    masked = mask(block.text, quotes, rel, rel + len(s.text)) if quotes else s.text
    return View(s, rel, masked, proper)
