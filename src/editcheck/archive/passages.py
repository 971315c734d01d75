"""The passages of a parsed draft that the archive index counts: paragraphs and sentences.

Learning and checking both go through :func:`passages`, so a draft is cut up the same way
when it is counted and when it is looked up. A paragraph of one sentence is one passage;
the sentences of a longer paragraph are passages of their own as well, so a promo
sentence pasted inside a body paragraph is still found. Blocks about people (bylines,
sign-offs, author bios: :mod:`editcheck.archive.people`) are never passages.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain
from typing import Literal

from editcheck.archive.normalize import (
    MIN_PARAGRAPH_WORDS,
    article_key,
    key_from,
    skeleton,
    word_count,
    words_of,
    worth_keeping,
)
from editcheck.archive.people import about_people
from editcheck.document import Document

Kind = Literal["paragraph", "sentence", "line"]
#: A block of this many words, too short to be a paragraph passage, is a ``line``: the
#: heading of a newsletter box ("The Morning Post"). Lines recur in every archive ("Most
#: read"), so the check flags one only beside a recurring passage it does flag.
LINE_WORDS = (2, MIN_PARAGRAPH_WORDS - 1)


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
        if block.is_blank or about_people(block):
            continue
        sentences = doc.block_sentences(block)
        # The splitter cuts only at spaces, so a block's words are its sentences' words:
        # each sentence is folded once (from the model's own tokens) and the paragraph's
        # key is built from the parts.
        parts = [(s, words_of(s.tokens)) for s in sentences]
        words = parts[0][1] if len(parts) == 1 else list(chain.from_iterable(w for _, w in parts))
        bones_of = [skeleton(ws) for _, ws in parts]
        kind: Kind | None = "paragraph" if worth_keeping(words, sentence=False) else None
        if kind is None and LINE_WORDS[0] <= word_count(words) <= LINE_WORDS[1]:
            kind = "line"
        if kind is not None:
            text = block.text.strip()
            start = block.start + len(block.text) - len(block.text.lstrip())
            bones = list(chain.from_iterable(bones_of))
            yield Passage(kind, block.index, start, start + len(text), key_from(words, bones), text)
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
