"""The copy on a page, as the fragments the CMS holds: each checked as what it is.

A RichTextField and each RichTextBlock are HTML fragments (Wagtail's stored rich text);
a CharBlock or TextBlock is plain text, one paragraph per line; StructBlock, ListBlock and
nested StreamBlock values are walked down to those. Raw HTML blocks (embed codes) and
choosers (images, documents, pages) hold no copy and are left out. The title is a heading.

Each fragment is labelled with where an editor finds it ("Body › block 3 (Quote) › Text").
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

SEP = " › "


@dataclass(frozen=True, slots=True)
class Fragment:
    """One piece of copy: ``kind`` is ``html`` or ``text``."""

    where: str
    kind: str
    content: str


def page_fragments(page: Page) -> list[Fragment]:
    """Every non-empty piece of copy on the page, in the order the editor sees the fields."""
    page = page.specific
    found = [Fragment("Title", "html", f"<h1>{html.escape(page.title or '')}</h1>")]
    for field in page._meta.get_fields():
        label = str(getattr(field, "verbose_name", field.name)).capitalize()
        if isinstance(field, RichTextField):
            found.append(Fragment(label, "html", getattr(page, field.name) or ""))
        elif isinstance(field, StreamField):
            value = getattr(page, field.name)
            found.extend(_walk(field.stream_block, value, label))
    return [f for f in found if _has_copy(f)]


def _walk(block: blocks.Block, value: Any, where: str) -> Iterator[Fragment]:
    if value is None:
        return
    if isinstance(block, blocks.StreamBlock):
        for i, child in enumerate(value, start=1):
            name = _label(child.block)
            yield from _walk(child.block, child.value, f"{where}{SEP}block {i} ({name})")
    elif isinstance(block, blocks.ListBlock):
        for i, item in enumerate(value, start=1):
            yield from _walk(block.child_block, item, f"{where}{SEP}item {i}")
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            yield from _walk(child, value.get(name), f"{where}{SEP}{_label(child)}")
    elif isinstance(block, blocks.RichTextBlock):
        yield Fragment(where, "html", getattr(value, "source", str(value)))
    elif isinstance(block, blocks.RawHTMLBlock):
        return  # embed codes and widgets, not copy
    elif isinstance(block, (blocks.CharBlock, blocks.TextBlock)) and isinstance(value, str):
        yield Fragment(where, "text", value)


def _label(block: blocks.Block) -> str:
    return str(block.label or block.name or type(block).__name__)


def _has_copy(fragment: Fragment) -> bool:
    if fragment.kind == "text":
        return bool(fragment.content.strip())
    return fragment.content.strip() not in ("", "<h1></h1>")
