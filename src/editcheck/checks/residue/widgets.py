"""Entries of a page widget pasted with the article: the links under "Related topics"
and the headlines of a "Most read" list.

Alone, "Housing" is a heading and "Bridge to close for repairs" a headline;
only their place tells they are widget links. So the entries are judged by the line that
heads them: after a topic or tag header, the short lines that follow (a few words, no
sentence) are topic links; after a ranked header ("Most read", "Trending"), a line is a
headline of the list when a rank counter ("1", "2") stands right before it, or its
rank starts it ("1 Bridge to close for repairs") and the ranks run in order; headlines
without ranks count only when two or more of them end the draft or run into more chrome.
The run ends at the first line that does not fit, so a heading or a paragraph after the
widget is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Sequence

from editcheck.checks.prose import is_prose
from editcheck.checks.residue import patterns as P
from editcheck.document import Block

_MAX_ENTRIES = 15
_SENTENCE_END = tuple(".!;:")
_RANK = re.compile(r"^\s*(?:[1-9]|1\d|20)\s*[.)]?\s*$")
_WORD = re.compile(r"\w+")
_RANKED_LINE = re.compile(r"^([1-9]|1\d|20)[.)]?\s+(?=[^\W\d])")


def widget_entries(
    blocks: Sequence[Block], headers: Collection[int]
) -> Iterator[tuple[Block, str]]:
    """``(entry, header text)`` for each widget entry in ``blocks`` (non-blank, in order);
    ``headers``: indexes of the blocks already found to be interface lines, the only
    ones that can head a widget."""
    if not headers:
        return
    for i, block in enumerate(blocks):
        if block.index not in headers or len(block.text) > 40 or "table" in block.context:
            continue
        text = block.text
        folded = P.fold_edges(text)
        if P.TOPIC_HEADER.match(folded):
            yield from ((b, text.strip()) for b in _topic_links(blocks, i + 1))
        elif P.RANKED_HEADER.match(folded):
            entries = list(_ranked(blocks, i + 1)) or _unranked(blocks, i + 1, headers)
            yield from ((b, text.strip()) for b in entries)


def _topic_links(blocks: Sequence[Block], start: int) -> list[Block]:
    """The short lines after a topic header; the last one is dropped when a paragraph
    follows, since a short line right above copy is more likely its heading."""
    links: list[Block] = []
    for block in blocks[start : start + _MAX_ENTRIES]:
        text = block.text.strip()
        words = len(_WORD.findall(text))
        if not (1 <= words <= 4 and len(text) <= 40) or text.endswith(_SENTENCE_END):
            break
        if _RANK.match(text) or P.CLOCK.match(text):
            break  # a counter or a clock time: another widget, or a live blog
        links.append(block)
    after = start + len(links)
    if links and after < len(blocks) and is_prose(blocks[after].text):
        links.pop()
    return links


def _ranked(blocks: Sequence[Block], start: int) -> Iterator[Block]:
    """Headlines of a ranked list: each right after its counter line ("1", "2."), or
    with its rank in front ("1 Bridge to close") when the ranks run 1, 2, 3 ..."""
    after_counter = False
    expected = 1
    for block in blocks[start : start + 2 * _MAX_ENTRIES]:
        text = block.text.strip()
        if _RANK.match(text):
            after_counter = True
            continue
        inline = _RANKED_LINE.match(text)
        if not after_counter and inline and int(inline.group(1)) == expected:
            text = text[inline.end() :]
        elif not after_counter:
            return
        if not _headline(text):
            return
        after_counter = False
        expected += 1
        yield block


def _unranked(blocks: Sequence[Block], start: int, chrome: Collection[int]) -> list[Block]:
    """Headlines listed without ranks: two or more in a row, and only when the list ends
    the draft or runs into more chrome; before copy they may be the article's own lines."""
    run: list[Block] = []
    for block in blocks[start : start + _MAX_ENTRIES]:
        if block.index in chrome or not _headline(block.text.strip()):
            break
        run.append(block)
    end = start + len(run)
    closed = end >= len(blocks) or blocks[end].index in chrome
    return run if len(run) >= 2 and closed else []


def _headline(text: str) -> bool:
    words = len(_WORD.findall(text))
    return 3 <= words <= 20 and len(text) <= 160 and not text.endswith(".")
