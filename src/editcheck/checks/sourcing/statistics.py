"""Figures that state data: counts, percentages, rates, money, multiples.

Finds candidate figures with one regex over a sentence (quotations masked), then rules
out the numbers that are not data: dates, years, times, durations, ages, addresses, phone
numbers, names with numbers ("Route 66", "COVID-19"), ordinals, match scores, page and
chapter references and measurements. What is left is extended to its noun phrase ("At
least 16 people") so the annotation shows what the figure counts.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache

from editcheck.checks.sourcing.lexicon import lazy_regex, word_starts, wordset

_SPELLED = (
    r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety|hundred|thousand|million|billion|dozen"
)
_NUM = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SCALE = r"(?:\s?(?:m|bn|k|tn|million|billion|trillion|thousand|mn|mln)\b)"
# What may stand just before a number, read from the words before it (set lookups: a
# regex anchored at the end of a string is scanned from its start, which is slow).
_QUANT = frozenset(
    (
        "at least",
        "more than",
        "less than",
        "fewer than",
        "nearly",
        "almost",
        "about",
        "around",
        "approximately",
        "roughly",
        "some",
        "over",
        "under",
        "up to",
        "as many as",
        "as much as",
        "an estimated",
        "close to",
        "upwards of",
        "in excess of",
        "just over",
        "just under",
        "a total of",
        "a record",
        "only",
        "just",
        "another",
        "a further",
    )
)
_TREND = frozenset(
    [
        f"{v}{p}"
        for v in wordset(
            "rose fell climbed dropped jumped increased decreased declined "
            "grew surged soared plunged plummeted reached totalled totaled "
            "topped exceeded numbered grown risen fallen doubled tripled "
            "shrunk shrank"
        )
        for p in ("", " by", " to")
    ]
    + [
        "stood at",
        "peaked at",
        "peaked",
        "toll rose to",
        "toll of",
        "toll is",
        "toll was",
        "toll reached",
        "toll stands at",
        "toll stood at",
        "tally of",
        "total of",
    ]
)
_NAME_WORDS = wordset(
    """no nos number page pages p pp chapter chapters ch line lines paragraph para verse clause
    article section sec part volume vol issue episode season series room gate platform bus
    route exit junction level ward district precinct grade seat case bill rule amendment title
    act figure fig table item flight track lane unit apartment apt suite box pier channel
    stage phase year class division tier band category type size model version v aged age
    ages"""
)
_MONTHS = wordset(
    """jan january feb february mar march apr april may jun june jul july aug august sep sept
    september oct october nov november dec december"""
)
_DETERMINERS = wordset(
    """the these those both all his her their its our my your first last next other every each
    another"""
)
_TAIL = re.compile(r"[\w’'.&%-]+")
# The four kinds of figure, tried in this order at each place a figure can start.
_PCT = (
    rf"(?P<pct>(?:{_NUM}|(?:{_SPELLED})(?:[- ](?:{_SPELLED}))?)\s?"
    rf"(?:%|per\s?cent\b|percent\b|"
    rf"percentage\s+points?\b|pc\b))"
)
_MONEY = (
    rf"(?P<money>(?:US|A|C|NZ|HK)?[$£€¥₹]\s?{_NUM}{_SCALE}?|{_NUM}{_SCALE}?\s(?:dollars|"
    rf"pounds|euros|yen|rupees|yuan|francs)\b)"
)
_RATIO_OR_COUNT = (
    rf"(?P<ratio>\b(?:one|two|three|four|five|\d+)\s+(?:in|out\s+of)\s+(?:every\s+)?"
    rf"(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\b(?!\s*(?:days|weeks|months|years))"
    rf"|\b(?:two|three|four)[- ](?:thirds|quarters|fifths)\b|\b(?:a|one)\s+(?:third|quarter|fifth)"
    rf"\s+of\b|\b(?:by|to)\s+(?:a|one)\s+(?:third|quarter|fifth|half)\b|\bby\s+half\b"
    rf"|\b(?:more|less|fewer)\s+than\s+(?:half|a\s+third|a\s+quarter|a\s+fifth|two-thirds)\b"
    rf"|\bhalf\s+of\s+all\b|\b(?:nearly|almost|about|around|roughly|over|under|just\s+over|"
    rf"just\s+under)\s+half\b|\b(?:almost|nearly|more\s+than|roughly|about|around|close\s+to|"
    rf"over)\s+(?:double|triple|treble|quadruple)\b"
    rf"|\b(?:double|triple|treble|twice|three\s+times)\s+the\s+(?:[a-z]+\s+)?(?:number|rate|"
    rf"level|amount|average|total)\b"
    rf"|\b(?:a|one)\s+(?:third|quarter|fifth)\s+(?:more|less|fewer|higher|lower)\b"
    rf"|\b(?:up|down)\s+(?:by\s+)?(?:about\s+|nearly\s+|almost\s+|roughly\s+|more\s+than\s+)?"
    rf"(?:a|one)\s+(?:third|quarter|fifth)\b|\b(?:doubled|tripled|trebled|quadrupled|halved|(?:two|three|four|"
    rf"five|six|seven|eight|nine|ten|twenty|hundred|thousand|\d+)-?fold)\b"
    rf"|\b{_NUM}\s+times\s+(?:more|higher|greater|as|the|larger|faster)\b"
    rf"|\bper\s+(?:\d[\d,]*|capita|head|thousand|million)\b)"
    rf"|(?P<count>(?<![\w\-./:])(?:{_NUM}(?:{_SCALE})?|(?:{_SPELLED})(?:[- ](?:{_SPELLED}))*"
    rf"|(?:dozens|hundreds|thousands|millions|tens\s+of\s+thousands|hundreds\s+of\s+thousands)"
    rf"\s+of)(?![\w\-])(?![.,:]\d))"
)
# Signs and words without one of which a percentage or a sum of money cannot match
# (looked for in lower-cased text: none of these letters has a case-insensitive twin
# outside ASCII, as "i" and "s" do).
_PCT_SIGNS = ("%", "per", "pc")
_MONEY_SIGNS = ("$", "£", "€", "¥", "₹", "dollar", "pound", "euro", "yen", "rupee", "yuan", "franc")

# The patterns matched just after a figure start with a look-behind: they are tried where a
# run of spaces starts, never from inside one, so scanning a long run is linear.
_NOT_AFTER = re.compile(
    r"(?<!\s)\s*+(?:-?\s*(?:year|month|week|day|hour|minute)s?[- ]old|years?\s+old|"
    r"(?:a\.m\.|p\.m\.|am\b|pm\b|o'clock|gmt|bst|utc|[ecmp][sd]?t\b))"
    r"|(?<!\s)\s*+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|weekends?|months?|years?|"
    r"decades?|centuries|century|generations?|innings|laps?|points?|goals?|runs?|wickets?|"
    r"yards?|strokes?|shots?|games?|matches|sets?|rounds?|tries|holes?|overs?|sessions?|"
    r"km|kilometres?|kilometers?|miles?|metres?|meters?|feet|ft|inches|cm|mm|kg|kilos?|"
    r"kilograms?|grams?|g|lb|lbs|pounds?\s+(?:in\s+weight)|tonnes?|tons?|degrees?|°|mph|kph|"
    r"km/h|mps|acres?|hectares?|storeys?|stories|floors?|votes?\s+to|-\s*\d|–\s*\d|:\d)\b",
    re.I,
)
_AGE = re.compile(r"^,\s*\d{1,3}\s*,|^\s*\(\d{1,3}\)")
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_MONTH_AFTER = re.compile(rf"^\s*(?:of\s+)?{_MONTH}\b", re.I)
_UK_PHONE = lazy_regex(r"\b0\d{3,4}\s\d{3}\s?\d{3,4}\b")
_LONG_NUMBER = lazy_regex(r"(?<![\d,.])\d{7,}(?![\d,.])")  # phone numbers, case numbers
_PHONE = lazy_regex(r"(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,5}\)\s?|\d{2,5}[\s.-])\d{3,4}[\s.-]\d{3,4}\b")
_ADDRESS = lazy_regex(
    r"\b\d{1,5}[A-Za-z]?\s+(?:[A-Z][\w'’.-]*\s+){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Lane|Ln|"
    r"Drive|Dr|Boulevard|Blvd|Way|Place|Pl|Court|Ct|Square|Sq|Terrace|Close|Crescent|Highway|"
    r"Hwy|Parkway|Pkwy|Row|Hill|Park|Gardens|Mews|Walk|Plaza)\b"
)
_NOUN_AFTER = re.compile(
    r"(?<!\s)\s+((?:[\w’'-]+\s+){0,3}?)"
    r"(people|persons|children|men|women|adults|police|staff|personnel|cattle|sheep|fish|"
    r"deer|aircraft|[a-z][a-z’'-]*[a-rt-z]s)\b"
)
_NOT_COUNT_NOUN = wordset(
    "times seconds minutes hours days nights weeks months years decades centuries points goals "
    "runs wickets yards strokes shots games matches sets rounds tries laps holes overs innings "
    "balls deliveries catches saves tackles passes assists rebounds touchdowns aces birdies "
    "bogeys frames centuries caps appearances starts wins defeats draws losses victories "
    "titles medals seeds rpm bpm fps mph "
    "words pages chapters lines metres meters miles inches feet kilometres kilometers degrees "
    "acres hectares storeys stories floors steps ways sides ones things its this thus lbs"
    # Works and honours: a career in numbers is biography, not data.
    " albums books novels films movies songs singles records plays poems paintings operas "
    "symphonies awards oscars grammys emmys baftas trophies caps"
    # Election results and the size of a body are public record, like a score ("31 of the 48
    # seats", "the state's 19 electoral votes", "1,200 delegates", "all 48 council seats").
    " seats votes delegates districts constituencies wards precincts counties cantons"
    # A page's own counters ("7.3K views") are furniture, not data.
    " views likes retweets reposts upvotes"
)
_FUNCTION = wordset(
    "in on at to from by with for and or but was were is are had have has the a an who that "
    "which than as its his her their this these those it they he she we always perhaps across "
    "whereas unless less besides towards afterwards nevertheless regardless"
)
_RATIO_WHAT = lazy_regex(
    r"\s+(?:[a-z][\w’'-]*\s+)?((?:people|children|men|women|[a-z][\w’'-]*s))\b"
    r"|\s+([a-z][\w’'-]*)"
)
# A fraction of one unit of time or distance ("a quarter of an hour") measures, not counts.
_SMALL_MEASURE = re.compile(
    r"(?<!\s)\s*(?:of\s+)?an?\s+(?:hour|minute|second|mile|century|day|week|month|year|inch|metre|"
    r"meter|kilometre|kilometer|lap|match|game|season|point)\b",
    re.I,
)
_MULTIPLE = re.compile(r"(?:doubled|tripled|trebled|quadrupled|halved|(?<!\w)\w+-?fold)", re.I)
_CLAUSE_WINDOW = 300
_CLAUSE_BREAK = re.compile(r"[,;:]|\b(?:and|but|while|that|which|as|since|after)\b")
_OF_WHAT = lazy_regex(
    r"\s+(?:the\s+|all\s+|its\s+|their\s+)?(?:[a-z][\w’'-]*\s+)?[a-z][\w’'-]*s\b"
    r"|\s+(?:the\s+|all\s+|its\s+|their\s+)?[a-z][\w’'-]*"
)
_MEASURES_WHAT = re.compile(
    r"(?<!\s)\s+(?:of\s+(?:the\s+|all\s+|its\s+|their\s+)?[a-z][\w’'-]*|(?:increase|rise|fall|drop|"
    r"decline|cut|share|stake|jump|gain|loss|growth|majority|turnout|rate|surge|hike|reduction|"
    r"pay\s+rise|deficit|surplus)\b)"
)
_MARKET_UNIT = lazy_regex(
    r"\s+(?:a|an|per)\s+(?:barrel|share|ounce|troy\s+ounce|tonne|ton|litre|liter|gallon|"
    r"megawatt[- ]hour|mwh|kwh|bushel|kilo|kilogram|head\s+of\s+cattle)\b",
    re.I,
)
_SMALL_SPELLED = wordset("two three four five six seven eight nine")
_YEAR_NOUNS = wordset("levels prices figures values terms rates standards elections games olympics")
# Small spelled-out counts are data only for events and casualties ("two people died");
# "a couple with two young children" is narration.
_HUMAN_COUNTS = wordset(
    "people persons patients victims deaths casualties injuries soldiers civilians migrants "
    "refugees passengers prisoners inmates fatalities cases infections arrests jobs"
)
_DIGIT = re.compile(r"\d")
_SCALED_WORD = re.compile(r"(?<![\s-])[\s-]*(?:hundred|thousand|million|billion)\b", re.I)
_WORD_START = re.compile(r"(?<![\w’'-])[\w$£€¥₹]")
_NOT_DIGIT = re.compile(r"[^\d.]")
_SCALE_RE = re.compile(_SCALE, re.I)
_PHONE_HINT = re.compile(r"\d{2}[\s.)-]+\d{3}")
_CAPITALISED = re.compile(r"[A-Z][a-z]*")
_STREET_WORDS = wordset(
    """Street St Avenue Ave Road Rd Lane Ln Drive Dr Boulevard Blvd Way Place Pl Court Ct Square
    Sq Terrace Close Crescent Highway Hwy Parkway Pkwy Row Hill Park Gardens Mews Walk
    Plaza"""
)
_STREET_LOWER = frozenset(w.lower() for w in _STREET_WORDS)
_LETTERS = re.compile(r"[a-z]+")
_LOWER_LETTERS = "abcdefghijklmnopqrstuvwxyz"  # a number word must not touch one ("network")
# A number's first character, not preceded by a digit, comma or point: written to open
# with the character class (and look behind after it) so the scan skips ahead quickly.
_NUMBER_START = re.compile(r"[$£€¥₹\d](?<![\d,.].)(?:(?<=\d)|\d)")
_SEVEN_DIGITS = re.compile(r"\d{7}")
_LONG_OR_PHONE_HINT = re.compile(r"\d{2}(?:\d{5}|[\s.)-]+\d{3})")  # either of the two
# Words that can start a figure that has no digit ("two-thirds", "dozens of", "doubled").
SPELLED_WORDS = frozenset(
    (
        _SPELLED.replace("|", " ") + " half halves third thirds quarter quarters fifth fifths "
        "doubled tripled trebled quadrupled halved per percent cent dozens hundreds thousands "
        "double triple treble quadruple twice "
        "millions tens"
    ).split()
) | frozenset(
    w + "fold"
    for w in wordset("two three four five six seven eight nine ten twenty hundred thousand")
)
_NUMBER_ONLY = re.compile(r"^\d+$")


@dataclass(frozen=True, slots=True)
class Figure:
    """A statistic in a sentence: ``[start, end)`` covers the figure and its noun phrase."""

    start: int
    end: int
    kind: str
    text: str


_NW = (
    r"(?:\d[\d,]*(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)"
)
_Q = r"(?:(?:about|around|some|nearly|almost|more\s+than|over|under|roughly|just\s+over|"
_Q += r"just\s+under|approximately|at\s+least|fewer\s+than|less\s+than)\s+)?"
_CUR = r"(?:(?:US|A|C|NZ|HK)?[$£€¥₹]\s?)?"
_OWNER = r"(?:their|its|his|her|the)"
_GAMES = (
    r"(?:games|matches|meetings|tests|fixtures|outings|starts|races|fights|bouts|"
    r"appearances|innings|contests|league\s+games|road\s+games|away\s+matches|"
    r"home\s+games|away\s+games|home\s+matches)"
)
# Records and streaks ("have lost seven of their last nine away matches", "21 wins in 74
# games"), measures named before their number ("a population of about 12,000", "a crowd
# of 73,000", "average hourly pay ... is C$44.60") and trends from one figure to another
# ("rose from 14 in 2021 to 22", "down from 390 a decade ago"): figures the number-first
# patterns above rule out as scores, durations or prices.
_SHAPES = lazy_regex(
    rf"(?P<record>\b(?:won|lost|drawn|drew|kept|conceded|lose|win)\s+(?:{_NW}\s+of\s+)?"
    rf"{_OWNER}\s+last\s+{_NW}(?:\s+[\w-]+){{0,2}}?\s+{_GAMES}"
    rf"|\b{_NW}\s+(?:defeats|wins|losses|victories|draws)\s+"
    rf"in\s+(?:{_OWNER}\s+last\s+)?{_NW}(?:\s+[\w-]+){{0,2}}?\s+{_GAMES}"
    rf"|\bin\s+each\s+of\s+{_OWNER}\s+last\s+{_NW}\s+[\w-]+)"
    rf"|(?P<measure>\b(?:an?\s+)?(?:population|turnout|average|crowd|attendance|audience|"
    rf"enrolment|enrollment|membership|workforce|death\s+toll|toll)\s+of\s+{_Q}{_CUR}{_NW}"
    rf"(?:\s+[a-z]+\s+an?\s+(?:game|match|year|week|day|month))?"
    rf"|\b(?:average|median)\s+(?:[\w-]+\s+){{0,3}}(?:pay|wage|salary|rent|price|fare|income)"
    rf"\b(?:[^.;]{{0,40}}?)\b(?:is|was|are|were|stood\s+at|of)\s+{_Q}(?:US|A|C|NZ|HK)?[$£€¥₹]\s?{_NW})"
    rf"|(?P<trend>\b(?:from\s+{_Q}{_CUR}{_NW}[^.;:]{{0,50}}?\bto\s+{_Q}{_CUR}{_NW}"
    rf"|(?:down|up)\s+from\s+{_Q}{_CUR}{_NW}))",
    re.I,
)
_SHAPE_WORDS = wordset(
    """last each from population turnout average median toll enrolment enrollment membership
    crowd attendance audience
    workforce defeats wins losses victories draws down up"""
)
_TREND_VERBS = frozenset(
    "rose risen fell fallen grew grown dropped increased decreased climbed declined jumped "
    "slumped surged soared plunged plummeted shrank shrunk gone went up down doubled "
    "tripled halved".split()
)
_YEAR = re.compile(r"^(?:19|20)\d\d$")


def _shapes(masked: str, words: frozenset[str]) -> list[Figure]:
    """Records, measures before their number and trends (see ``_SHAPES``)."""
    if _SHAPE_WORDS.isdisjoint(words):
        return []
    out = []
    for m in _SHAPES().finditer(masked):
        kind = m.lastgroup or "count"
        if kind == "trend":
            nums = re.findall(r"\d[\d,.]*", m.group())
            if nums and all(_YEAR.match(n) for n in nums) and not re.search(r"[$£€¥₹]", m.group()):
                continue  # "from 1992 to 2012": years, not a trend
            if not m.group().lower().startswith(("down", "up")):
                before = masked[max(0, m.start() - 40) : m.start()].lower().split()
                if _TREND_VERBS.isdisjoint(before):
                    continue  # "from 9am to 5pm", "from Leeds to York"
        if (
            kind == "measure"
            and _CROWD_MEASURE.match(m.group())
            and not _FORECAST.match(masked, m.end())
        ):
            continue  # "in front of a crowd of 51,700": the attendance, public like a score
        out.append(Figure(m.start(), m.end(), kind, m.group()))
    return out


# A crowd or an audience is a figure to source when it is a forecast ("a crowd of 73,000 is
# expected"); the attendance of an event that happened is announced, like its score.
_CROWD_MEASURE = re.compile(r"(?:an?\s+)?(?:crowd|attendance|audience)\b", re.I)
_FORECAST = re.compile(
    r"(?<!\s)\s*+(?:(?:is|are|was|were)\s+)?(?:expected|forecast|predicted|estimated|anticipated)\b",
    re.I,
)


def _merge_shapes(found: list[Figure], shapes: list[Figure]) -> list[Figure]:
    """The figures with the shapes added; a shape replaces the figures it overlaps."""
    if not shapes:
        return found
    kept = [f for f in found if not any(f.start < g.end and g.start < f.end for g in shapes)]
    return sorted(kept + shapes, key=lambda f: f.start)


def find_figures(masked: str, words: frozenset[str] | None = None) -> list[Figure]:
    """Statistics stated in one sentence (``masked``: quotations blanked; ``words``: its
    lower-cased words, if the caller has them)."""
    if words is None:
        words = frozenset(_LETTERS.findall(masked.lower()))
    return _merge_shapes(_find_figures(masked, words), _shapes(masked, words))


def _find_figures(masked: str, words: frozenset[str]) -> list[Figure]:
    candidates = _candidates(masked, words)
    blocked = _blocked_spans(masked, words) if candidates else []
    out: list[Figure] = []
    for m in candidates:
        kind = m.lastgroup or "count"
        if blocked and any(a <= m.start() < b for a, b in blocked):
            continue
        span = _judge(masked, m, kind)
        if span is not None:
            a, b = span
            out.append(Figure(a, b, kind, masked[a:b]))
    return out


def _candidates(text: str, words: frozenset[str]) -> list[re.Match[str]]:
    """Figure matches, tried only where a figure can start: at each number, and at
    each number word or one of the three words before it ("more than half", "a third of",
    "one in five"). Anchored matches there are far cheaper than scanning every position."""
    starts = {hit.start() for hit in _NUMBER_START.finditer(text)}
    present = SPELLED_WORDS.intersection(words)
    low = text.lower()
    if present:
        offsets = [w.start() for w in _WORD_START.finditer(text)]
        for w in present:
            for hit in word_starts(low, w, _LOWER_LETTERS):
                i = bisect.bisect_left(offsets, hit)
                starts.update(offsets[max(0, i - 3) : i + 1])
    patterns = _figure_patterns(_holds_any(low, _PCT_SIGNS), _holds_any(low, _MONEY_SIGNS))
    out: list[re.Match[str]] = []
    covered = -1
    for s in sorted(starts):
        if s < covered:
            continue
        for pattern in patterns:  # the first kind that matches here wins
            m = pattern.match(text, s)
            if m is not None:
                out.append(m)
                covered = m.end()
                break
    return out


def _holds_any(text: str, signs: tuple[str, ...]) -> bool:
    # Substring tests: a few times faster than one regex alternation over the sentence.
    return any(sign in text for sign in signs)


@cache
def _figure_patterns(pct: bool, money: bool) -> tuple[re.Pattern[str], ...]:
    """The figure kinds worth trying in a sentence, in order: a sentence with no "%",
    "per cent" or currency is spared the two costliest alternatives at every number."""
    kinds = [k for k, wanted in ((_PCT, pct), (_MONEY, money), (_RATIO_OR_COUNT, True)) if wanted]
    return tuple(_figure_kind(k) for k in kinds)


@cache
def _figure_kind(source: str) -> re.Pattern[str]:
    # The look-behind rejects positions inside a word at once, so the alternatives are
    # tried only where a figure can start (a tenfold speed-up on ordinary prose).
    return re.compile(rf"(?<![A-Za-z])(?:{source})", re.I)


def _blocked_spans(text: str, words: frozenset[str]) -> list[tuple[int, int]]:
    """Phone numbers and street addresses: digits that are not data."""
    # Each pattern runs only where its cheap necessary condition holds: seven digits in a
    # row, a phone-like digit group (one search finds whether either is there), a street
    # word among the sentence's words.
    out: list[tuple[int, int]] = []
    if _LONG_OR_PHONE_HINT.search(text):
        if _SEVEN_DIGITS.search(text):
            out += [m.span() for m in _LONG_NUMBER().finditer(text)]
        if _PHONE_HINT.search(text):
            out += [m.span() for m in _PHONE().finditer(text)]
            out += [m.span() for m in _UK_PHONE().finditer(text)]
    if not _STREET_LOWER.isdisjoint(words) and not _STREET_WORDS.isdisjoint(
        _CAPITALISED.findall(text)
    ):
        out += [m.span() for m in _ADDRESS().finditer(text)]
    return out


def _judge(text: str, m: re.Match[str], kind: str) -> tuple[int, int] | None:
    """The span of the figure with its noun phrase, or None when the number is not data."""
    start, end = m.start(), m.end()
    # Patterns anchored at the end of ``before`` scan it from the left: keep it short
    # (the longest phrase looked for, "in excess of", is three words).
    before, after = text[max(0, start - 24) : start], text[end : end + 60]
    tail = _Tail(before, start - len(before))
    qstart = tail.phrase_start(_QUANT)
    if kind == "money":
        return _money(text, m, qstart if qstart is not None else start)
    if kind in ("pct", "ratio"):
        if kind == "ratio" and _SMALL_MEASURE.match(text, end):
            return None  # "a quarter of an hour", "half a mile": narration, not data
        stop = _noun_end(text, end)
        if _MULTIPLE.fullmatch(m.group()):  # "Spending on agency staff has doubled"
            return _clause_start(text, start), stop
        if kind == "ratio" and stop == end:  # "one in five children", "1 in 4 small firms"
            noun = _RATIO_WHAT().match(text, end)
            word = (noun.group(1) or noun.group(2) or "").lower() if noun else ""
            stop = noun.end() if noun and word and word not in _FUNCTION else end
        return (qstart if qstart is not None else start), stop
    return _count(text, m, tail, after, qstart)


class _Tail:
    """The last words before a number, lower-cased; where they start is worked out only for
    the phrase that is asked for."""

    __slots__ = ("words", "raw", "last", "_offset", "_phrases")

    def __init__(self, before: str, offset: int) -> None:
        found = _TAIL.findall(before)[-3:]
        self.raw = before
        self.words = [w.lower().rstrip(".") for w in found]
        self.last = found[-1] if found else ""
        self._offset = offset
        self._phrases: list[tuple[str, int]] | None = None

    def phrase_start(self, phrases: frozenset[str]) -> int | None:
        """Offset where one of ``phrases`` ends the tail (the longest wins), else None."""
        if not self.raw[-1:].isspace():
            return None
        if self._phrases is None:  # the tail's last three, two and one words, joined once
            n_words = len(self.words)
            self._phrases = [(" ".join(self.words[-n:]), n) for n in (3, 2, 1) if n_words >= n]
        for phrase, n in self._phrases:
            if phrase in phrases:
                return self._offset + [w.start() for w in _TAIL.finditer(self.raw)][-n]
        return None

    def last_in(self, words: frozenset[str]) -> bool:
        return bool(self.words) and self.words[-1] in words


def _money(text: str, m: re.Match[str], qstart: int) -> tuple[int, int] | None:
    digits = _NOT_DIGIT.sub("", m.group())
    scaled = _SCALE_RE.search(m.group()) is not None
    try:
        value = float(digits or 0)
    except ValueError:
        value = 0.0
    if not scaled and value < 1000 and not _MARKET_UNIT().match(text, m.end()):
        return None  # a price or a fine in passing, not data ("$80 a barrel" is data)
    return qstart, _noun_end(text, m.end())


def _count(
    text: str, m: re.Match[str], tail: _Tail, after: str, qstart: int | None
) -> tuple[int, int] | None:
    tok = m.group()
    digit = tok[0].isdigit()
    quantified = qstart is not None
    area = _AREA_AFTER.match(after)
    if qstart is not None and area and digit and _value(tok) >= 1000:
        return qstart, m.end() + area.end()  # "about 310,000 acres": a measured total
    if (
        _NOT_AFTER.match(after)
        or _AGE.match(after)
        or tail.last_in(_MONTHS)
        or _MONTH_AFTER.match(after)
    ):
        return None
    if digit and not quantified and _named_before(tail):
        return None
    if digit and _NUMBER_ONLY.match(tok) and len(tok) == 4 and 1000 <= int(tok) <= 2099:
        noun = _NOUN_AFTER.match(after)
        if noun is None or noun.group(1) or noun.group(2).lower() in _YEAR_NOUNS:
            return None  # a year ("2019 levels", "2024 prices")
    if not digit and not quantified and tail.last_in(_DETERMINERS):
        return None  # "the two men": people already introduced, not a count
    noun = _NOUN_AFTER.match(after)
    has_noun = noun is not None and _is_count_noun(noun.group(1), noun.group(2))
    trend = tail.phrase_start(_TREND) is not None and (
        digit or _SCALED_WORD.search(tok) is not None or _SCALED_WORD.match(after) is not None
    )
    if not (has_noun or (quantified and digit) or trend):
        return None
    if not digit and not has_noun and not trend:
        return None
    if (
        tok.lower() in _SMALL_SPELLED
        and not quantified
        and noun is not None
        and noun.group(2).lower() not in _HUMAN_COUNTS
    ):
        return None  # "two cars were taken": narration, not a count that needs a source
    end = m.end() + noun.end() if has_noun and noun is not None else m.end()
    return (qstart if qstart is not None else m.start()), end


# A quantified area, volume or weight of a thousand or more is a total someone measured.
_AREA_AFTER = re.compile(
    r"(?<!\s)\s*(?:acres|hectares|tonnes|tons|barrels|litres|liters|gallons)\b", re.I
)


def _value(token: str) -> float:
    try:
        return float(token.replace(",", ""))
    except ValueError:
        return 0.0


def _named_before(tail: _Tail) -> bool:
    """ "Route 66", "page 12", "aged 54", "ABC 15", "iPhone 15", "#3", "F-35"."""
    if tail.raw[-1:] in ("-", "#"):
        return True
    if not tail.raw[-1:].isspace():
        return False
    if tail.last_in(_NAME_WORDS) or tail.words[-2:] == ["at", "age"]:
        return True
    return tail.raw[-2:-1] != " " and any(c.isupper() for c in tail.last)


def _is_count_noun(between: str, noun: str) -> bool:
    """True for "people", "new jobs"; False for "minutes", "died in ICE facilities"."""
    low = noun.lower()
    if low in _NOT_COUNT_NOUN or low.endswith("ous") or low in _FUNCTION:
        return False
    return not any(w in _FUNCTION for w in between.lower().split())


def _clause_start(text: str, at: int) -> int:
    """Where the clause holding ``at`` starts, to cover the subject of "has doubled".

    Read back over at most a window, not from the sentence's start: a sentence of a
    million characters with a figure in every clause must not be read once per figure.
    """
    lo = max(0, at - _CLAUSE_WINDOW)
    found = [m.end() for m in _CLAUSE_BREAK.finditer(text, lo, at)]
    start = found[-1] if found else lo
    while start < at and text[start].isspace():
        start += 1
    return start


def _noun_end(text: str, end: int) -> int:
    """Extend a percentage or sum over "of <noun>" so the span says what it measures."""
    if text[max(0, end - 3) : end].lower() == " of":  # "a third of families", "half of all adults"
        m = _OF_WHAT().match(text, end)
        return m.end() if m else end
    m = _MEASURES_WHAT.match(text, end)
    return m.end() if m else end
