"""The passages of a parsed draft that the archive index counts: paragraphs and sentences.

Learning and checking both go through :func:`passages`, so a draft is cut up the same way
when it is counted and when it is looked up. A paragraph of one sentence is one passage;
the sentences of a longer paragraph are passages of their own as well, so a promo
sentence pasted inside a body paragraph is still found.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain
from typing import Literal

from editcheck.archive.normalize import (
    article_key,
    key_from,
    skeleton,
    words_of,
    worth_keeping,
)
from editcheck.document import Document

Kind = Literal["paragraph", "sentence"]


@dataclass(frozen=True, slots=True)
class Passage:
    """A fingerprinted span: document offsets, its key, and which block it belongs to."""

    kind: Kind
    block_index: int
    start: int
    end: int
    key: int
    text: str


def passages(doc: Document) -> Iterator[Passage]:
    """Every paragraph and (in paragraphs of several sentences) sentence worth a key."""
    for block in doc.blocks:
        if block.is_blank:
            continue
        sentences = doc.block_sentences(block)
        # The splitter cuts only at spaces, so a block's words are its sentences' words:
        # each sentence is folded once (from the model's own tokens) and the paragraph's
        # key is built from the parts.
        parts = [(s, words_of(s.tokens)) for s in sentences]
        words = parts[0][1] if len(parts) == 1 else list(chain.from_iterable(w for _, w in parts))
        bones_of = [skeleton(ws) for _, ws in parts]
        if worth_keeping(words, sentence=False):
            text = block.text.strip()
            start = block.start + len(block.text) - len(block.text.lstrip())
            bones = list(chain.from_iterable(bones_of))
            yield Passage(
                "paragraph", block.index, start, start + len(text), key_from(words, bones), text
            )
        if len(parts) < 2:
            continue
        for (sentence, ws), bones in zip(parts, bones_of, strict=True):
            if worth_keeping(ws, sentence=True):
                yield Passage(
                    "sentence",
                    block.index,
                    sentence.start,
                    sentence.end,
                    key_from(ws, bones),
                    sentence.text,
                )


def document_key(doc: Document) -> bytes:
    """The article's identity in the index (a content hash of its text, spacing folded)."""
    return article_key(doc.text)
