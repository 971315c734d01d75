"""The passages of a parsed draft that the archive index counts: paragraphs and sentences.

Learning and checking both go through :func:`passages`, so a draft is cut up the same way
when it is counted and when it is looked up. A paragraph of one sentence is one passage;
the sentences of a longer paragraph are passages of their own as well, so a promo
sentence pasted inside a body paragraph is still found.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Literal

from editcheck.boilerplate.normalize import article_key, passage_key, tokens, worth_keeping
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
        text = block.text.strip()
        words = tokens(text)
        if worth_keeping(words, sentence=False):
            lead = len(block.text) - len(block.text.lstrip())
            start = block.start + lead
            yield Passage("paragraph", block.index, start, start + len(text),
                          passage_key(words), text)
        sentences = doc.block_sentences(block)
        if len(sentences) < 2:
            continue
        for sentence in sentences:
            words = tokens(sentence.text)
            if worth_keeping(words, sentence=True):
                yield Passage("sentence", block.index, sentence.start, sentence.end,
                              passage_key(words), sentence.text)


def document_key(doc: Document) -> bytes:
    """The article's identity in the index (a content hash of its block texts)."""
    return article_key([b.text for b in doc.blocks if not b.is_blank])
