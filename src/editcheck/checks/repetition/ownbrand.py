"""The publication's own furniture: promos and footers that name the paper itself.

Generic promo wording ("Sign up for our newsletter") is in ``boilerplate-promo.txt``; a
newsroom's own promos name its products instead ("Join Gazette Plus for full access",
"Weekend Kitchen is the Gazette's recipe letter"), and the same name runs through its news
("told the Gazette", "A Gazette investigation found"). So the names come from the config
(``publication = [...]``), and a sentence naming the paper is furniture only when it pitches
(a product of the paper, a call to action towards it, its standards, its address) and does
not report. The vocabularies are ``data/boilerplate-own-brand.txt``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from editcheck.wordlists import read_sections

_NOT_DOMAIN = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class OwnBrand:
    """The compiled patterns for one set of publication names."""

    names: re.Pattern[str]  # any name, case as written (a gate before the patterns)
    pitch: re.Pattern[str]
    news: re.Pattern[str]

    def pitch_in(self, sentence: str) -> re.Match[str] | None:
        """The pitch in ``sentence`` when it names the paper and does not report."""
        if self.names.search(sentence) is None or self.news.search(sentence):
            return None
        return self.pitch.search(sentence)


@lru_cache(maxsize=1)
def _sections() -> dict[str, list[str]]:
    return read_sections("editcheck.checks", "data", "boilerplate-own-brand.txt")


@lru_cache(maxsize=1)
def reader_lines() -> re.Pattern[str]:
    """The ``[reader]`` section: a sentence that belongs to the promo beside it."""
    return re.compile("|".join(f"(?:{p})" for p in _sections()["reader"]), re.IGNORECASE)


@lru_cache(maxsize=16)
def own_brand(names: tuple[str, ...]) -> OwnBrand | None:
    """Patterns for these names (None without names). Names match in their own case:
    "the daily commute" does not name the Daily, nor "the post office" the Post."""
    names = tuple(sorted({n.strip() for n in names if n.strip()}, key=len, reverse=True))
    if not names:
        return None
    bare = tuple(n[4:] if n.lower().startswith("the ") else n for n in names)
    alternation = "|".join(re.escape(n) for n in dict.fromkeys((*names, *bare)))
    pub = rf"(?-i:\b(?:{alternation}))(?:['’]s)?\b"
    sites = {_NOT_DOMAIN.sub("", n.lower()) for n in (*names, *bare)} - {""}
    site = "(?:" + "|".join(sorted(map(re.escape, sites), key=len, reverse=True)) + ")"

    def compiled(section: str) -> re.Pattern[str]:
        parts = [p.replace("{pub}", pub).replace("{site}", site) for p in _sections()[section]]
        return re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE)

    gate = re.compile(rf"\b(?:{alternation})\b|{site}", re.IGNORECASE)
    return OwnBrand(gate, compiled("pitch"), compiled("news"))
