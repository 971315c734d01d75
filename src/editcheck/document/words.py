"""One word and number index per document, so checks stop re-splitting the same text.

Built once from the sentences' tokens (the parse's own split; nothing is re-tokenised) the
first time a check asks for ``Document.words``: each word or number token in document
order, with its offsets, its lower-cased form and the sentence it belongs to, as parallel
tuples (cheap to build, cheap to slice, no object per word).
"""

from __future__ import annotations

from dataclasses import dataclass
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
    """Index the word and number tokens of ``sentences`` (a document's, in order).

    One pass over the tokens filling the parallel lists (the index is read by every check,
    so it is built in the tightest loop Python gives).
    """
    text: list[str] = []
    start: list[int] = []
    end: list[int] = []
    kind: list[WordKind] = []
    sentence: list[int] = []
    starts = [0]
    for s in sentences:
        i = s.index
        for t in s.tokens:
            k = t.kind
            if k != "punct":
                text.append(t.text)
                start.append(t.start)
                end.append(t.end)
                kind.append(k)
                sentence.append(i)
        starts.append(len(text))
    lower = " ".join(text).lower().split(" ") if text else []  # one C call, not one a word
    if len(lower) != len(text):  # a token held a space
        lower = [w.lower() for w in text]
    return WordIndex(
        text=tuple(text),
        lower=tuple(lower),
        start=tuple(start),
        end=tuple(end),
        kind=tuple(kind),
        sentence=tuple(sentence),
        sentence_starts=tuple(starts),
    )
