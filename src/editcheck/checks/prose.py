"""Does a block read as prose? One answer for every check family that asks.

Boilerplate removers (jusText, Readability) all start from this test: article copy is
long, holds few links and usually ends a sentence; furniture is short, linked, or a label.
The page-residue family (live-blog entries, widgets, page furniture) and the
repeated-boilerplate family ask it the same way, so it lives here, beside no rule.
"""

from __future__ import annotations

import re

from editcheck.document import Block

#: How a finished sentence (or a quotation closing one) ends.
SENTENCE_END = tuple(".!?。！？…\"”»'’)")
MAX_LINK_DENSITY = 0.3  # a block more linked than this is navigation or a teaser
_WORD = re.compile(r"\w+")


def is_prose(block: Block | str, *, paragraph: bool = False) -> bool:
    """True when ``block`` reads as copy: at least 12 words, or 6 ending a sentence.

    With ``paragraph``, the stronger test a block must pass to vote for the element
    holding the article (:mod:`editcheck.checks.residue.furniture`): at least 150
    characters, or 70 ending a sentence, and few links.
    """
    if isinstance(block, Block):
        if block.link_density >= MAX_LINK_DENSITY:
            return False
        text = block.text.rstrip()
    else:
        text = block.rstrip()
    ends = text.endswith(SENTENCE_END)
    if paragraph:
        return len(text) >= 150 or (len(text) >= 70 and ends)
    words = len(_WORD.findall(text))
    return words >= 12 or (words >= 6 and ends)
