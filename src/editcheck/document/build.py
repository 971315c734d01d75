"""Assemble a :class:`Document` from block drafts: document text, sentences, tokens.

Shared by HTML and plain text so both kinds of input give checks the same model.
"""

from __future__ import annotations

from itertools import accumulate

from editcheck.document.html import BlockDraft
from editcheck.document.model import Block, Document, MediaType, Sentence
from editcheck.document.sentences import split_sentences
from editcheck.document.source import SourceLocator
from editcheck.document.tokens import tokenize


def build_document(
    drafts: list[BlockDraft],
    media_type: MediaType,
    *,
    text: str | None = None,
    source_text: str | None = None,
    source: str | None = None,
    encoding: str = "utf-8",
    notes: tuple[str, ...] = (),
    locator_text: str | None = None,
    declared_language: str | None = None,
) -> Document:
    """Lay the blocks end to end (HTML: joined by newlines; text: the text itself).

    ``source_text`` is the decoded input (the HTML source; for text, ``text`` itself);
    ``locator_text`` the same text as positions are counted in, when that differs.
    """
    starts = _block_starts(drafts, text)
    if text is None:
        text = "\n".join(d.text for d in drafts)
    blocks: list[Block] = []
    sentences: list[Sentence] = []
    for index, (draft, start) in enumerate(zip(drafts, starts, strict=True)):
        first = len(sentences)
        for s, e in split_sentences(draft.text):
            sentences.append(
                Sentence(
                    len(sentences),
                    index,
                    start + s,
                    start + e,
                    draft.text[s:e],
                    tokenize(draft.text[s:e], start + s),
                )
            )
        blocks.append(
            Block(
                index=index,
                tag=draft.tag,
                xpath=draft.xpath or None,
                text=draft.text,
                start=start,
                end=start + len(draft.text),
                segments=draft.segments,
                context=draft.context,
                hints=draft.hints,
                link_chars=draft.link_chars,
                ignore=draft.ignore,
                sentence_range=(first, len(sentences)),
                element=draft.element,
                code=draft.code,
            )
        )
    return Document(
        text=text,
        blocks=tuple(blocks),
        sentences=tuple(sentences),
        media_type=media_type,
        source=source,
        encoding=encoding,
        notes=notes,
        _block_starts=tuple(starts),
        declared_language=declared_language,
        source_text=source_text if source_text is not None else text,
        locator=SourceLocator(
            locator_text or (source_text if source_text is not None else text), media_type
        ),
    )


def _block_starts(drafts: list[BlockDraft], text: str | None) -> list[int]:
    """Document offset of each block: plain text knows it, HTML blocks are laid end to end."""
    if text is not None:
        return [d.doc_start for d in drafts]
    return [0, *accumulate(len(d.text) + 1 for d in drafts[:-1])] if drafts else []
