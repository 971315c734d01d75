"""Whether a hedge is the writer's own judgement rather than a claim someone else owns.

"The team would probably not make the playoffs", "presumably other games do too", "the
wheels appear to have been dropped": a reviewer's or an analyst's hedge, in the writer's
voice, with nobody behind it to name. Published copy is full of them, and an editor who is
told to source them stops reading the rule. What stays flagged is the impersonal shape of
the textbook weasel ("it is likely that", "it would seem", "it appears that", "studies
suggest that"), where the sentence hides who holds the view, and every hedge in copy
that does not speak in the writer's own voice (wire copy, an encyclopedia), where a bare
"probably" is a claim nobody owns.
"""

from __future__ import annotations

import re

from editcheck.checks.sourcing.claims import Claim
from editcheck.checks.sourcing.lexicon import lower_words, wordset
from editcheck.checks.sourcing.quotes import find_quotes, mask
from editcheck.document import Document


def writer_hedge(masked: str, c: Claim) -> bool:
    """Whether claim ``c`` of sentence ``masked`` is a bare hedge in the writer's voice
    ("probably", "will likely", "seems to be"): not flagged as an unattributed claim."""
    if c.kind != "speculation":
        return False
    phrase = " ".join(masked[c.start : c.end].lower().split())
    # "it is likely that", "it seems that", "it would appear", "suggests that": impersonal
    # constructions that hide a holder keep their flag
    return not phrase.startswith(("it", "would")) and "suggest" not in phrase


# The writer speaking as "I" or "we", or to the reader as "you": a review, a column, an
# explainer, where a hedge is the writer's judgement. Wire and encyclopedic copy use these
# words only inside quotations.
_PERSONAL = wordset(
    "i i'm i’m i've i’ve we we're we’re we've we’ve my our me us you your you're you’re"
)
_WRITER_VOICE_MIN = 3


def writer_voice(doc: Document) -> bool:
    """Whether the draft speaks in the writer's own voice outside its quotations: three
    first- or second-person words or more (only then do bare hedges pass)."""
    seen = 0
    for block in doc.blocks:
        text = block.text
        if _PERSONAL.isdisjoint(lower_words(text)):
            continue
        quotes = find_quotes(text) if any(c in text for c in "\"“‘'«„") else []
        masked = mask(text, quotes, 0, len(text)) if quotes else text
        seen += sum(1 for w in _WORD.findall(masked.lower()) if w in _PERSONAL)
        if seen >= _WRITER_VOICE_MIN:
            return True
    return False


_WORD = re.compile(r"[a-z][a-z'’]*")
