"""Mojibake: UTF-8 text that was read as Windows-1252 (or Latin-1) once or twice.

"councilâ€™s", "cafÃ©", "Â£45", the double-encoded "Ã¢â‚¬â„¢": a paste from a page
or a CMS export decoded with the wrong codec. The repair is ``ftfy.fix_encoding`` (the
well-kept library for exactly this: it re-encodes and re-decodes only where the result is
more plausible, so "José", "São Paulo" or "Âncora" are left as they are). It runs only on
blocks where a cheap scan sees the marks mojibake leaves (a lead byte read as "Ã", "Â",
"â", "Å" ... followed by a character from the Windows-1252 continuation range), and the
repaired block is aligned on the original so that each garbled run is its own annotation
with its repair as the suggestion.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from difflib import SequenceMatcher

from editcheck.document import Block

# A UTF-8 lead byte read as Windows-1252/Latin-1, then a continuation byte read the same way.
# ("Ã " is "à" whose no-break space a page collapsed to a space.)
_MARK = re.compile(
    "[\u00c2-\u00c5\u00c6\u00c9\u00ce\u00cf\u00d0\u00d1\u00d8\u00d9\u00e2\u00e3]"
    "[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
    "|\u00c3 (?=[a-z])"
)
_LEADS = "\u00c2\u00c3\u00c4\u00c5\u00c6\u00c9\u00ce\u00cf\u00d0\u00d1\u00d8\u00d9\u00e2\u00e3"
# A closing quotation mark whose last byte (0x9D, undefined in Windows-1252) was dropped:
# "â€" not followed by a continuation character. Put back, ftfy repairs it as "”".
_LOST_9D = re.compile("\u00e2\u20ac(?![\u0080-\u00bf\u0152-\u2122])")
_JOIN = 1  # garbled runs this close together are one annotation


def has_marks(text: str) -> bool:
    """The cheap gate: could ``text`` hold mojibake at all? (A lead character first, by
    plain substring search, which is far cheaper than the regex on clean copy.)"""
    return any(c in text for c in _LEADS) and _MARK.search(text) is not None


def repairs(block: Block) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, garbled text, repaired text) for each garbled run of ``block``."""
    import ftfy  # imported only for a block that shows the marks

    text = block.text
    prepared = _LOST_9D.sub("\u00e2\u20ac\u009d", text)
    fixed = ftfy.fix_encoding(prepared)
    if fixed == prepared and prepared == text:
        return
    offsets = _source_offsets(text, prepared)
    runs: list[list[int]] = []
    matcher = SequenceMatcher(None, prepared, fixed, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if runs and i1 - runs[-1][1] <= _JOIN:
            runs[-1][1], runs[-1][3] = i2, j2
        else:
            runs.append([i1, i2, j1, j2])
    words: list[list[int]] = []  # each run widened to its whole word, for the editor
    for i1, i2, _, _ in runs:
        start, end = _word_around(text, offsets[i1], offsets[i2])
        if words and start <= words[-1][1]:
            words[-1][1] = max(words[-1][1], end)
        else:
            words.append([start, end])
    for start, end in words:
        repaired = _fix(text[start:end])
        if repaired == text[start:end]:  # "Ã la": the repair needs the next word
            end = _word_around(text, min(end + 1, len(text)), min(end + 1, len(text)))[1]
            repaired = _fix(text[start:end])
        if repaired != text[start:end]:
            yield start, end, text[start:end], repaired


def _fix(text: str) -> str:
    import ftfy

    return str(ftfy.fix_encoding(_LOST_9D.sub("\u00e2\u20ac\u009d", text)))


def _word_around(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end


def _source_offsets(text: str, prepared: str) -> list[int]:
    """For each offset of ``prepared`` (and its end), the offset in ``text``."""
    out, i = [], 0
    for ch in prepared:
        out.append(i)
        if i < len(text) and text[i] == ch:
            i += 1
    out.append(len(text))
    return out
