"""From the fixes annotations declare to edits on the draft as given.

Checks declare what resolves a finding in document terms (delete these blocks, replace
this span); this module decides what that means in the source, using the positions the
parse already made (:class:`editcheck.document.source.SourceLocator`), never parsing again:

- a block to delete is its whole line (text) or its element, start tag to end tag (HTML),
  taken with the indentation and line break around it when it stands on a line of its
  own; an element that holds copy of other blocks that stay is not deleted;
- a span to replace is its source range, entities included, and only when no tag sits
  inside it (the markup around it stays as it was); a deletion takes the space beside
  it, so no double or trailing space is left;
- a block whose every visible character a fix removes is deleted whole, and blank blocks
  a deletion brings together are folded (an empty line between paragraphs stays), so a
  fixed draft does not grow a new run of blank lines.

A fix that cannot be placed exactly is not applied, and says why: the finding stays in
the re-checked report, never silently lost.
"""

from __future__ import annotations

import bisect
import html
from collections.abc import Iterable
from dataclasses import dataclass, field

from editcheck.annotations import Annotation
from editcheck.document import Block, Document
from editcheck.fixes.edits import Edit


@dataclass
class Planned:
    """The source edits of the chosen fixes, and why any could not be placed."""

    edits: list[Edit] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)  # fingerprint -> reason


@dataclass(frozen=True, slots=True)
class _Replace:
    start: int  # document offsets, inside one block
    end: int
    text: str
    fingerprint: str
    block: int


def plan(doc: Document, chosen: Iterable[Annotation]) -> Planned:
    """The source edits that apply the fixes of ``chosen`` to ``doc``'s input."""
    out = Planned()
    deletes: dict[int, list[str]] = {}  # block index -> fingerprints
    replaces: list[_Replace] = []
    for a in chosen:
        fix = a.fix
        if fix is None:
            out.refused[a.fingerprint] = "the finding has no fix"
            continue
        start, end = (a.start, a.end) if fix.start is None else (fix.start, fix.end or fix.start)
        blocks = _blocks_in(doc, start, end)
        if not blocks:
            out.refused[a.fingerprint] = "the fix is outside every block"
        elif fix.kind == "delete":
            for b in blocks:
                deletes.setdefault(b.index, []).append(a.fingerprint)
        elif len(blocks) > 1 and doc.media_type == "text/html":
            out.refused[a.fingerprint] = "the replacement spans several HTML blocks"
        else:
            replaces.append(_Replace(start, end, fix.text, a.fingerprint, blocks[0].index))
    _promote(doc, replaces, deletes)
    _fold_blanks(doc, deletes)
    if doc.media_type == "text/html":
        for r in replaces:  # a span in a block that goes whole goes with it
            if r.block in deletes and r.fingerprint not in deletes[r.block]:
                deletes[r.block].append(r.fingerprint)
    for index, fps in sorted(deletes.items()):
        found = _delete_edit(doc, index, deletes)
        if found is None:
            for fp in fps:
                out.refused.setdefault(fp, "the block's element could not be placed exactly")
            continue
        out.edits.append(Edit(found[0], found[1], "", tuple(fps)))
    for r in replaces:
        if r.block in deletes and doc.media_type == "text/html":
            continue  # its block goes whole
        edit = _replace_edit(doc, r)
        if edit is None:
            out.refused.setdefault(r.fingerprint, "the span could not be placed exactly")
        else:
            out.edits.append(edit)
    return out


def _blocks_in(doc: Document, start: int, end: int) -> list[Block]:
    """The blocks a document range touches (an empty range: the block holding it)."""
    starts = doc._block_starts
    i = max(0, bisect.bisect_right(starts, start) - 1)
    found = []
    for block in doc.blocks[i:]:
        if block.start > end or (block.start == end and block.text and end > start):
            break
        if block.end >= start:
            found.append(block)
    return found


def _promote(doc: Document, replaces: list[_Replace], deletes: dict[int, list[str]]) -> None:
    """A block whose visible text the replacements remove entirely is deleted whole."""
    by_block: dict[int, list[_Replace]] = {}
    for r in replaces:
        by_block.setdefault(r.block, []).append(r)
    for index, rs in by_block.items():
        block = doc.blocks[index]
        if block.is_blank or any(doc.block_at(r.end) is not block for r in rs):
            continue  # a blank line is cleared, not deleted; a multi-line range stays
        text, pos, parts = block.text, 0, []
        for r in sorted(rs, key=lambda r: r.start):
            s, e = r.start - block.start, r.end - block.start
            if s < pos:
                break
            parts.append(text[pos:s])
            parts.append(r.text)
            pos = e
        else:
            parts.append(text[pos:])
            if not "".join(parts).strip():
                deletes.setdefault(index, []).extend(r.fingerprint for r in rs)


def _fold_blanks(doc: Document, deletes: dict[int, list[str]]) -> None:
    """Blank blocks a deletion brings together: keep those before it, drop those after
    (and all of them at the draft's start or end), so no run of blank lines grows."""
    blocks = doc.blocks
    changed = True
    while changed:
        changed = False
        for lo, hi in _runs(sorted(deletes)):
            before = next((i for i in range(lo - 1, -1, -1) if i not in deletes), None)
            after = next((i for i in range(hi + 1, len(blocks)) if i not in deletes), None)
            blank_before = before is not None and blocks[before].is_blank
            blank_after = after is not None and blocks[after].is_blank
            if blank_after and (before is None or blank_before):
                at = after
                while at is not None and at < len(blocks) and blocks[at].is_blank:
                    deletes.setdefault(at, [])
                    at += 1
                changed = True
                break
            if blank_before and after is None:
                at = before
                while at is not None and at >= 0 and blocks[at].is_blank:
                    deletes.setdefault(at, [])
                    at -= 1
                changed = True
                break


def _runs(indexes: list[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for i in indexes:
        if runs and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


def _delete_edit(
    doc: Document, index: int, deletes: dict[int, list[str]]
) -> tuple[int, int] | None:
    block = doc.blocks[index]
    if doc.media_type != "text/html":
        end = doc.blocks[index + 1].start if index + 1 < len(doc.blocks) else len(doc.text)
        return block.start, end
    locator = doc.locator
    found = locator.element_range(block) if locator is not None else None
    if found is None or not _owns_only_deleted(doc, block, deletes):
        return None
    start, end = found
    text = doc.source_text
    while end > start and text[end - 1].isspace():  # an implied end: the space is between
        end -= 1
    return _whole_lines(text, start, end)


def _owns_only_deleted(doc: Document, block: Block, deletes: dict[int, list[str]]) -> bool:
    """True when every block inside the element is being deleted too (blocks come in
    document order, so the element's descendants are the blocks right after it)."""
    element = block.element
    if element is None:
        return False
    inside = {id(el) for el in element.iter()}
    for other in doc.blocks[block.index + 1 :]:
        if id(other.element) not in inside:
            break
        if other.index not in deletes:
            return False
    return True


def _whole_lines(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``[start, end)`` to its lines when nothing else stands on them."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if text[line_start:start].strip() or text[end:line_end].strip():
        return start, end
    return line_start, min(len(text), line_end + 1)


def _replace_edit(doc: Document, r: _Replace) -> Edit | None:
    block = doc.blocks[r.block]
    spans = [(r.start, r.end)]
    if not r.text and r.end <= block.end:
        wider = _with_space(block, r.start - block.start, r.end - block.start)
        spans.insert(0, (block.start + wider[0], block.start + wider[1]))
    for start, end in spans:
        placed = _source_range(doc, block, start, end)
        if placed is not None:
            text = r.text if doc.media_type != "text/html" else escape(r.text)
            return Edit(placed[0], placed[1], text, (r.fingerprint,))
    return None


def _with_space(block: Block, s: int, e: int) -> tuple[int, int]:
    """A deletion widened over the space beside it: before it at the block's end, after
    it at its start or between two words."""
    text = block.text
    if not text[e:].strip():
        while s > 0 and text[s - 1] in " \t":
            s -= 1
        return s, len(text) if not text[e:].strip() else e
    if not text[:s].strip() or (s > 0 and text[s - 1] in " \t"):
        while e < len(text) and text[e] in " \t":
            e += 1
    return s, e


def _source_range(doc: Document, block: Block, start: int, end: int) -> tuple[int, int] | None:
    if doc.media_type != "text/html":
        return start, end
    locator = doc.locator
    if locator is None:
        return None
    rel_s, rel_e = start - block.start, end - block.start
    raw_s = block.raw_start(rel_s) if block.segments else 0
    raw_e = block.raw_end(rel_e) if block.segments else 0
    if raw_e < raw_s or not locator.in_one_run(block, raw_s, raw_e):
        return None
    return locator.text_range(block, raw_s, raw_e)


def escape(text: str) -> str:
    """Text as HTML source: markup characters escaped, a no-break space named."""
    return html.escape(text, quote=False).replace("\u00a0", "&nbsp;")
