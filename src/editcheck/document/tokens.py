"""Word, number and punctuation tokens with document offsets.

Numbers keep their thousands separators and decimals ("1,000", "3.5", "8,000%" gives
"8,000" and "%"), words keep inner apostrophes and hyphens ("DHS's", "day-in"), so checks
can reason about figures and names without re-tokenising.
"""

from __future__ import annotations

import re

from editcheck.document.model import Token

_TOKEN = re.compile(
    r"(?P<number>[$£€¥]?\d+(?:[.,:]\d+)*(?:st|nd|rd|th|s|[kKmMbB]n?)?)"
    r"|(?P<word>(?:[A-Za-z]\.){2,}|\w+(?:['’\-]\w+)*)"
    r"|(?P<punct>[^\w\s])"
)


def tokenize(text: str, offset: int = 0) -> tuple[Token, ...]:
    """Split ``text`` into tokens whose offsets are shifted by ``offset``."""
    new = tuple.__new__  # builds the NamedTuple without its Python-level constructor
    return tuple(
        new(Token, (m.group(), m.start() + offset, m.end() + offset, m.lastgroup))
        for m in _TOKEN.finditer(text)
    )
