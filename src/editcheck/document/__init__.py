"""The document model: parse a draft once into blocks, sentences and tokens.

Checks import the types from here and never parse HTML themselves.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from editcheck.document.build import build_document
from editcheck.document.decode import decode
from editcheck.document.html import blocks_from_html
from editcheck.document.model import Block, Document, MediaType, Segment, Sentence, Token
from editcheck.document.plaintext import blocks_from_text
from editcheck.errors import InputTooLarge

__all__ = [
    "DRAFT_SUFFIXES",
    "Block",
    "Document",
    "MediaType",
    "Segment",
    "Sentence",
    "Token",
    "load_bytes",
    "load_html",
    "load_markdown",
    "load_text",
    "media_type_for",
]

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
# What a folder walk picks up as drafts (every command that reads folders uses this list).
DRAFT_SUFFIXES = frozenset({".html", ".htm", ".txt", *MARKDOWN_SUFFIXES})


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Parsing makes many small objects and no cycles: the cyclic collector only slows it
    (by about a third on a draft of 100,000 paragraphs)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_html(
    html: str, *, source: str | None = None, encoding: str = "utf-8", notes: tuple[str, ...] = ()
) -> Document:
    """Parse an HTML fragment or page."""
    with _gc_paused():
        blocks, parse_notes, declared = blocks_from_html(html)
        return build_document(
            blocks,
            "text/html",
            source_text=html,
            source=source,
            encoding=encoding,
            notes=notes + parse_notes,
            declared_language=declared,
        )


def load_text(
    text: str, *, source: str | None = None, encoding: str = "utf-8", notes: tuple[str, ...] = ()
) -> Document:
    """Parse plain text: one block per line, blank lines kept."""
    with _gc_paused():
        return build_document(
            blocks_from_text(text),
            "text/plain",
            text=text,
            source=source,
            encoding=encoding,
            notes=notes,
        )


def load_markdown(
    text: str, *, source: str | None = None, encoding: str = "utf-8", notes: tuple[str, ...] = ()
) -> Document:
    """Parse a Markdown draft (CommonMark, GFM tables, YAML or TOML front matter skipped)."""
    # imported here: an HTML or text run pays nothing for the Markdown reader
    from editcheck.document.markdown import blocks_from_markdown, normalise

    with _gc_paused():
        blocks, parse_notes, declared = blocks_from_markdown(text)
        return build_document(
            blocks,
            "text/markdown",
            source_text=text,
            source=source,
            encoding=encoding,
            notes=notes + parse_notes,
            locator_text=normalise(text),
            declared_language=declared,
        )


def load_bytes(
    data: bytes, media_type: MediaType, *, source: str | None = None, max_bytes: int | None = None
) -> Document:
    """Decode and parse raw bytes; refuse input over ``max_bytes``."""
    if max_bytes is not None and len(data) > max_bytes:
        raise InputTooLarge(len(data), max_bytes)
    is_html = media_type == "text/html"
    text, encoding, notes = decode(data, html=is_html)
    loader = {"text/html": load_html, "text/markdown": load_markdown}.get(media_type, load_text)
    return loader(text, source=source, encoding=encoding, notes=notes)


def media_type_for(path: str | Path, data: bytes | None = None) -> MediaType:
    """Guess the media type from the file name, or from the content for stdin."""
    suffix = Path(str(path)).suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "text/html"
    if suffix in MARKDOWN_SUFFIXES:
        return "text/markdown"
    if suffix in {".txt", ".text"}:
        return "text/plain"
    head = (data or b"")[:2048].lstrip().lower()
    looks_html = head.startswith((b"<!doctype", b"<html", b"<?xml")) or any(
        tag in head for tag in (b"<p>", b"<p ", b"<div", b"<h1", b"<h2", b"<body", b"<article")
    )
    return "text/html" if looks_html else "text/plain"
