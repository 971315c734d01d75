"""Whether a figure nobody sourced is a claim that needs a source at all.

Published copy is full of numbers no editor would ask a source for: lines of data (box
scores, stock tables, a recipe's ingredients), market moves read off a screen, a currency
conversion in brackets, the rate that names a policy ("a 15% tariff"), a vague magnitude
("thousands of light-years"), a game's own statistics ("rushed for 101 yards"), the bail a
court set. Flagging them teaches an editor to ignore the rule; these tests let the
statistic rule keep its flags for figures that assert something about the world.

Every pattern here is anchored on a literal or a bounded run, and each is tried on one
sentence (or one short line) at a time, so the cost stays linear in the draft.
"""

from __future__ import annotations

import re

from editcheck.checks.sourcing.lexicon import words, wordset
from editcheck.checks.sourcing.sources import AGENT_SUFFIXES
from editcheck.checks.sourcing.statistics import Figure

_TOKEN_NUMERIC = re.compile(r"\d")
_DATA_LINE_MAX_TOKENS = 60


def data_line(text: str) -> bool:
    """A paragraph that is a line of data, not prose: a stat line, a table row. Numbers
    make up at least a third of its tokens ("LB Joe Bloggs 74 100% 7 tackles, 3 assists")."""
    tokens = text.split()
    if not tokens or len(tokens) > _DATA_LINE_MAX_TOKENS:
        return False
    numeric = sum(1 for t in tokens if _TOKEN_NUMERIC.search(t))
    return numeric >= 3 and numeric * 3 >= len(tokens)


# Kitchen and serving measures: "1 cup spinach", "2 tbsp. oil" is a recipe, not a claim.
_MEASURES = wordset(
    """cup cups tsp tbsp teaspoon teaspoons tablespoon tablespoons oz ounce ounces scoop
    scoops slice slices clove cloves pinch dash sprig sprigs ml g grams kg lb lbs stick sticks
    can cans handful"""
)
# A game's own statistics, observed by the reporter, not a count anyone is sourced for.
_GAME_STATS = wordset(
    """yards carries rebounds assists tackles sacks touchdowns touchdown steals receptions
    catches td tds rbi rbis birdies bogeys"""
)
# Nouns for which a rate before them names a policy or a deal's term: "a 15% tariff".
_RATE_NOUNS = wordset(
    """tariff tariffs tax taxes duty duties levy levies surcharge discount discounts rate
    rates fee fees commission"""
)
# A market instrument and the verb of a price move: a market wrap's figures are read off
# the exchange, not sourced.
_MARKET_NOUNS = wordset(
    """stocks index indexes indices futures yield yields bonds bond tonne ounce barrel
    nikkei dow nasdaq ftse dax cac kospi sensex crude brent gold silver copper aluminum
    aluminium nickel zinc dollar euro yen sterling yuan rupee bitcoin treasuries"""
)
_MOVE_VERBS = wordset(
    """rose fell lost gained climbed slipped dropped jumped added eased edged closed traded
    rallied slid tumbled advanced declined firmed weakened strengthened dipped shed rise fall
    gain gains losses higher lower"""
)
_COMPANY_SHARES = wordset("shares share stock")
_CHANGES = wordset("rise rises increase increases hike hikes cut cuts raise rebate")
_MOVE_LINKS = wordset("to at by or from yield down up")
_WORDS = re.compile(r"[a-z&]+")
_LETTERS = re.compile(r"[A-Za-z]+")
# Words that may stand between a conversion's bracket and its figure: "(about £10bn)".
_CONVERSION_WORDS = wordset("about around roughly some approximately approx. nearly almost c.")
# A vague magnitude: "thousands of", "dozens of", "tens of thousands of"; a singular one
# only after a word that blurs it ("several thousand", "the initial dozen").
_VAGUE = re.compile(
    r"(?:(?:many|several|tens\s+of|hundreds\s+of)\s+)?(?:dozens|hundreds|thousands|millions)\b",
    re.I,
)
_TOLL_NOUNS = wordset(
    """people persons residents families households homes houses buildings properties
    children adults men women voters workers jobs staff patients victims animals sheep cattle
    livestock birds fish dogs cats cases deaths pounds dollars euros millions billions"""
)
_SPAN_UNITS = wordset(
    "light years miles kilometres kilometers feet metres meters years centuries generations"
)
_KINDS = wordset("different various possible other such iterations versions variations kinds")
_AGENT_PLURAL = re.compile(r"(?:{})\Z".format("|".join(AGENT_SUFFIXES)))
# Plurals with an agent ending that count things: "thousands of light-years".
_NOT_AGENTS = wordset(
    """years dollars cars stars bars wars seminars calendars letters meters metres
    kilometers kilometres centimeters millimeters liters litres numbers papers
    orders layers computers servers clusters components documents comments events
    elements segments moments instruments"""
)
_BLURRED = re.compile(r"\b(?:initial|first|original)\s+\Z", re.I)
_SINGULAR = re.compile(r"(?:dozen|hundred|thousand)\b", re.I)
# A study or poll giving its own sample: "a study in 38 adults", "a survey of 2,000 voters".
_SAMPLE = re.compile(
    r"\b(?:study|studies|trial|trials|survey|poll|review|analysis|experiment)\s+"
    r"(?:in|of|on|involving|with|among)\s+(?:more\s+than\s+|over\s+|about\s+|nearly\s+)?\Z",
    re.I,
)
_IN_YEAR = re.compile(r" in (?:1[6-9]|20)\d\d\b")
_BAIL = re.compile(r"(?:cash |surety |secured )?(?:bond|bail)\b", re.I)


def needs_source(masked: str, f: Figure) -> bool:
    """Whether figure ``f`` of sentence ``masked`` asserts something a reader would want
    sourced; False for the shapes above."""
    if f.kind in ("record", "measure", "trend"):
        return True  # the shapes issue #13 asks to flag keep their flag
    after = _LETTERS.match(masked[f.end : f.end + 40].lstrip(" .-\t\n"))
    next_word = after.group().lower() if after else ""
    figure_words = _WORDS.findall(f.text.lower())
    last = figure_words[-1] if figure_words else ""
    if _MEASURES.intersection(figure_words[:2]):
        return False
    if last in _GAME_STATS or (not figure_words and next_word in _GAME_STATS):
        return False
    if (
        f.kind == "money"
        and _conversion(masked[max(0, f.start - 40) : f.start])
        and not _IN_YEAR.match(masked[f.end : f.end + 12])
    ):
        return False  # "(£10bn)"; "($16,971 in 2016)" is an inflation sum, a claim
    if f.kind == "money" and _BAIL.match(masked[f.end : f.end + 30].lstrip()):
        return False
    if f.kind == "pct" and next_word in _RATE_NOUNS and not _change_after(masked, f.end):
        return False  # "a 15% tariff"; "a 4.99% tax rise" is a change, a claim
    if _vague(masked, f):
        return False
    if _SAMPLE.search(masked, max(0, f.start - 40), f.start):
        return False  # "one study in 496 girls found": the study describes its own sample
    if f.kind in ("pct", "money") or "%" in f.text:
        words = frozenset(_WORDS.findall(masked.lower()))
        # a company's shares ("Shares in X jumped 9%") are its news, not the market's
        if (
            not _MARKET_NOUNS.isdisjoint(words)
            and not _MOVE_VERBS.isdisjoint(words)
            and _COMPANY_SHARES.isdisjoint(words)
        ):
            # the move itself ("lost 0.06% to $1,737.00"), not a figure derived from it
            # ("giving it a market value of about £7.5bn")
            before = _WORDS.findall(masked[max(0, f.start - 30) : f.start].lower())[-3:]
            if not _MOVE_LINKS.isdisjoint(before) or not _MOVE_VERBS.isdisjoint(before):
                return False
    return True


def _conversion(before: str) -> bool:
    """Whether the text before a money figure opens a bracket just after another amount:
    "$12.9bn (", "71,350 euro (about "."""
    tokens = before.split()
    if tokens and tokens[-1].lower() in _CONVERSION_WORDS:
        tokens.pop()
    if not tokens or not tokens[-1].endswith("("):
        return False
    if tokens[-1] != "(":
        tokens[-1] = tokens[-1][:-1]
    else:
        tokens.pop()
    return any(_TOKEN_NUMERIC.search(t) for t in tokens[-2:])


def _change_after(masked: str, end: int) -> bool:
    """Whether a change word follows the rate's noun: "a 4.99% tax rise"."""
    return not _CHANGES.isdisjoint(_WORDS.findall(masked[end : end + 24].lower())[:2])


def _vague(masked: str, f: Figure) -> bool:
    """A magnitude with no number in it: "thousands of people", "the initial dozen"."""
    text = f.text.strip()
    if _TOKEN_NUMERIC.search(text) is not None:
        return False
    if _affected(text):
        return False  # "hundreds of buildings", "dozens of people": an event's toll
    if _VAGUE.match(text) is not None:
        # only a measure of distance or time, or a count of kinds ("dozens of different
        # designs"): "dozens of roads" closed by a storm is the storm's toll
        found = _WORDS.findall(text.lower())
        return (found[-1] if found else "") in _SPAN_UNITS or not _KINDS.isdisjoint(found)
    return (
        _SINGULAR.match(text) is not None
        and _BLURRED.search(masked, max(0, f.start - 16), f.start) is not None
    )


def _affected(text: str) -> bool:
    """Whether a vague magnitude counts people, homes or animals: the toll of an event,
    which needs a source however round it is."""
    found = _WORDS.findall(text.lower())
    noun = found[-1] if found else ""
    return (
        noun in _TOLL_NOUNS
        or noun in words("people_nouns")
        or (_AGENT_PLURAL.search(noun) is not None and noun not in _NOT_AGENTS)
    )
