"""Turn plain text (a .txt draft or text pasted from a page) into block drafts.

Each line is a block and blank lines are kept, because a run of blank lines left behind by
copy-paste is residue an editor should see.  The document text is the text exactly, so a
block's offsets are offsets within its line (there is no element to point into).
"""

from __future__ import annotations

import re

from editcheck.document.html import BlockDraft
from editcheck.document.model import Segment

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
# One empty set shared by every line: CPython makes a new 216-byte object for each
# ``frozenset()``, and a draft of 33,000 short lines paid 14 MB for two per line.
_NONE: frozenset[str] = frozenset()


def blocks_from_text(text: str) -> list[BlockDraft]:
    """One block per line (``\\n``, ``\\r\\n`` or ``\\r``), line breaks excluded."""
    blocks = []
    for m in _LINE.finditer(text):
        if m.start() == len(text):
            break  # the text ended with a line break: no further line
        line = m.group().rstrip("\r\n")
        segments = (Segment(0, 0, len(line), len(line)),) if line else ()
        blocks.append(
            BlockDraft(
                tag="line",
                xpath="",
                context=_NONE,
                hints="",
                ignore=_NONE,
                raw_base=0,
                text=line,
                segments=segments,
                doc_start=m.start(),
            )
        )
    return blocks
