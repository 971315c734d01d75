"""Quotation marks: where direct quotations start and end in a block of text.

News copy mixes curly and straight quotes, British single quotes and apostrophes, and
leaves a quote open at the end of a paragraph when the speaker goes on in the next one.
Only outermost quotations matter for attribution, so nested quotes are skipped.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

# Drafts mix straight and curly quotes, so a double quote may be closed by either kind.
_CLOSERS = {"“": '”"', "«": "»", "„": "“”", "‘": "’", '"': '"”', "'": "'"}
_OPEN_CONTEXT = " \t\n([{—–-/:;,"  # characters that may stand before an opening quote
_WORD = re.compile(r"[\w’'-]+")
_CANDIDATE = re.compile(r"[“«„‘\"']")


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation in block text: ``[start, end)`` includes its marks; ``closed`` is False
    when the paragraph ends before the quote does (news convention for a quote that goes on)."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool
    words: int

    def contains(self, pos: int) -> bool:
        return self.start <= pos < self.end


def find_quotes(text: str) -> list[Quote]:
    """The outermost quotations of ``text``, in order."""
    quotes: list[Quote] = []
    pos = 0
    while True:
        m = _CANDIDATE.search(text, pos)
        if m is None:
            return quotes
        i = m.start()
        mark = m.group()
        if not _opens(text, i, mark):
            pos = i + 1
            continue
        close = _find_close(text, i + 1, mark)
        end = len(text) if close < 0 else close + 1
        inner_end = len(text) if close < 0 else close
        inner = text[i + 1 : inner_end]
        quotes.append(Quote(i, end, i + 1, inner_end, close >= 0, _count_words(inner)))
        pos = end


# ASCII bytes of a word (\w, apostrophe, hyphen) become "a", all others a space.
_WORD_BYTES = bytes(97 if chr(c).isalnum() or c in b"_'-" else 32 for c in range(128)) + b" " * 128


def _count_words(inner: str) -> int:
    """``len(_WORD.findall(inner))``; for text that is ASCII once the curly apostrophe (a
    word character here) and dashes (not) are set aside, by splitting mapped bytes."""
    plain = inner.replace("’", "'").replace("—", " ").replace("–", " ")
    if not plain.isascii():
        return len(_WORD.findall(inner))
    return len(plain.encode("ascii").translate(_WORD_BYTES).split())


def _opens(text: str, i: int, mark: str) -> bool:
    """True when the mark at ``i`` opens a quotation rather than closing one or being an
    apostrophe ("DHS’s", "agents’ vehicles", "'90s")."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if mark in "“«„":
        return not after.isspace()
    if before not in _OPEN_CONTEXT and not before.isspace() and before not in '“"':
        return False
    if after.isspace() or after == "":
        return False
    if mark in "'‘":
        # A single quote opens only if a matching close follows the end of a word.
        return _find_close(text, i + 1, mark) >= 0
    return True


def _find_close(text: str, start: int, mark: str) -> int:
    """Offset of the mark closing a quote opened by ``mark``, or -1."""
    closers = _CLOSERS[mark]
    j = start
    while True:
        if len(closers) == 1:
            j = text.find(closers, j)
        else:
            j = min((k for k in (text.find(c, j) for c in closers) if k >= 0), default=-1)
        if j < 0:
            return -1
        if closers in "’'":
            nxt = text[j + 1] if j + 1 < len(text) else " "
            if nxt.isalnum():  # an apostrophe inside a word
                j += 1
                continue
        return j


def _inner_end(q: Quote) -> int:
    return q.inner_end


def mask(text: str, quotes: list[Quote], start: int, end: int) -> str:
    """``text[start:end]`` with the inside of every quotation replaced by spaces.

    The marks stay, so patterns read the reporting clause ("..., McLaughlin said") without
    mistaking the speaker's own words for the writer's.
    """
    # Only the quotations that overlap the span are touched (found by bisection), and the
    # text is rebuilt once: a paragraph of thousands of sentences and quotes stays linear.
    i = bisect.bisect_right(quotes, start, key=_inner_end)
    parts = []
    pos = start
    while i < len(quotes) and quotes[i].inner_start < end:
        q = quotes[i]
        a, b = max(q.inner_start, start), min(q.inner_end, end)
        if a < b and a >= pos:
            parts.append(text[pos:a])
            parts.append(" " * (b - a))
            pos = b
        i += 1
    if not parts:
        return text[start:end]
    parts.append(text[pos:end])
    return "".join(parts)
