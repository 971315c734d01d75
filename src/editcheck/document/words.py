"""One word and number index per document, so checks stop re-splitting the same text.

Built once from the sentences' tokens (the parse's own split; nothing is re-tokenised) the
first time a check asks for ``Document.words``: each word or number token in document
order, with its offsets, its lower-cased form and the sentence it belongs to, as parallel
tuples (cheap to build, cheap to slice, no object per word).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import accumulate
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from editcheck.document.model import Sentence

WordKind = Literal["word", "number"]


@dataclass(frozen=True, slots=True)
class WordIndex:
    """The words and numbers of a document, in order (punctuation left out).

    Entry ``i`` is ``text[i]`` at document offsets ``start[i]:end[i]``, lower-cased
    ``lower[i]``, of ``kind[i]``, in sentence ``sentence[i]``; the entries of sentence ``s``
    are ``sentence_starts[s]:sentence_starts[s + 1]``.
    """

    text: tuple[str, ...]
    lower: tuple[str, ...]
    start: tuple[int, ...]
    end: tuple[int, ...]
    kind: tuple[WordKind, ...]
    sentence: tuple[int, ...]
    sentence_starts: tuple[int, ...]

    def __len__(self) -> int:
        return len(self.text)

    def in_sentence(self, index: int) -> range:
        """Entry positions of sentence ``index``'s words."""
        return range(self.sentence_starts[index], self.sentence_starts[index + 1])

    def sentence_words(self, index: int) -> int:
        """How many words and numbers sentence ``index`` holds."""
        return self.sentence_starts[index + 1] - self.sentence_starts[index]

    def forms(self) -> frozenset[str]:
        """The distinct lower-cased forms."""
        return frozenset(self.lower)


def build_word_index(sentences: tuple[Sentence, ...]) -> WordIndex:
    """Index the word and number tokens of ``sentences`` (a document's, in order)."""
    words = [(t, s.index) for s in sentences for t in s.tokens if t.kind != "punct"]
    text = tuple(t.text for t, _ in words)
    per_sentence = [sum(1 for t in s.tokens if t.kind != "punct") for s in sentences]
    return WordIndex(
        text=text,
        lower=tuple(w.lower() for w in text),
        start=tuple(t.start for t, _ in words),
        end=tuple(t.end for t, _ in words),
        kind=tuple(t.kind for t, _ in words),  # type: ignore[misc]
        sentence=tuple(i for _, i in words),
        sentence_starts=(0, *accumulate(per_sentence)),
    )
