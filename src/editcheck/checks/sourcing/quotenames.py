"""Quoted words that name a thing (a campaign, a slogan, a show) instead of reporting speech.

"South Dakota's viral “Meth. We're on it.” campaign" quotes nobody: the marks set off the
campaign's name, the way a title is set off. Such a quotation sits between a determiner
or a possessive and the noun it names, and does not end in the comma of reported speech
("“We are ready,” campaign chief Jo Bell said" is speech).
"""

from __future__ import annotations

import re

from editcheck.checks.sourcing.lexicon import wordset
from editcheck.checks.sourcing.quotes import Quote

_NAMED = wordset(
    """campaign campaigns slogan slogans motto tagline hashtag jingle chant chants banner
    banners billboard billboards logo brand initiative programme program scheme series show
    album song single film movie book podcast tour sign signs ad ads advert adverts advertisement
    label line"""
)
_DETERMINERS = wordset("the a an its his her their our this that these those whose viral new")
_LINKS = wordset("and or but the a an is was are were to of in on for with as that which")
_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_MAX_WORDS = 10


def names_a_thing(text: str, q: Quote) -> bool:
    """Whether quotation ``q`` of ``text`` is the name of the noun after it."""
    if q.words > _MAX_WORDS or text[q.inner_start : q.inner_end].rstrip()[-1:] == ",":
        return False
    # the noun straight after the marks, or after one modifier ("awareness campaign")
    after = _WORD.findall(text[q.end : q.end + 40])[:2]
    noun = next((i for i, w in enumerate(after) if w.lower() in _NAMED), None)
    if noun is None or noun == 1 and (after[0][:1].isupper() or after[0].lower() in _LINKS):
        return False
    before = text[max(0, q.start - 40) : q.start]
    words = before.split()[-3:]
    return any(w.lower() in _DETERMINERS or w.endswith(("'s", "’s")) for w in words)
