"""The ``numbers`` rule: spell out one to nine, use numerals from 10.

News style keeps numerals, even small ones, where readers scan for figures: ages, dates,
times, scores and votes, percentages, money, measurements and numbered things ("No. 5",
"Apollo 11"). A number that starts a sentence is spelt out (years excepted). These are
fixed patterns written here, not user input, so the standard ``re`` module is safe.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ONES = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_WORD_VALUE = {w: i for i, w in enumerate(ONES)} | {w: 20 + 10 * i for i, w in enumerate(TENS)}

# A whole number standing alone: not inside a word, a decimal, a time, a range or a score.
_NUMERAL = re.compile(
    r"(?<![\w$£€¥.,:/#\-–])(\d{1,3}(?:,\d{3})+|\d+)"
    r"(?![\w%°']|[.,:/]\d|\s?[-–]\s?\d)"
)
# The look-ahead on the first letter lets the scan skip most words at C speed.
_SPELLED = re.compile(
    r"\b(?=[efnostzEFNOSTZ])(" + "|".join(sorted(_WORD_VALUE, key=len, reverse=True)) + r")"
    r"(?:[-\s](one|two|three|four|five|six|seven|eight|nine)\b)?(?![\w])",
    re.IGNORECASE,
)
_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_PERCENT = re.compile(r"\s?(?:%|per\s?cent\b|percent\b|percentage points?\b)", re.IGNORECASE)
_AGE_AFTER = re.compile(r"\s?[-–]?\s?(?:years?|months?|weeks?|days?)[-–\s]olds?\b", re.IGNORECASE)
_NUMERAL_AFTER = re.compile(
    r"\s?[-–]?(?:%|per\s?cent\b|percent\b|percentage points?\b|a\.m\.|p\.m\.|am\b|pm\b|o'clock\b|"
    r"(?:million|billion|trillion|bn|m|k)\b|(?:years?|months?|weeks?|days?)[-–\s]olds?\b|"
    r"(?:km|kilomet(?:re|er)s?|miles?|met(?:re|er)s?|feet|foot|ft|inch(?:es)?|cm|mm|kg|"
    r"kilograms?|grams?|lbs?|pounds?|ounces?|oz|tons?|tonnes?|degrees?|mph|km/h|knots?|"
    r"cents?|dollars?|euros?|pence|yen|points?|goals?|runs?|votes?|seeds?)\b|°|"
    rf"(?:{_MONTHS})\b)",
    re.IGNORECASE,
)
_NUMERAL_BEFORE = re.compile(
    rf"(?:\b(?:aged?|ages|no\.|nos\.|number|page|room|chapter|section|step|phase|grade|level|"
    rf"size|round|game|stage|route|platform|gate|channel|type|version|week|day|"
    rf"{_MONTHS})\.?\s?)$",
    re.IGNORECASE,
)
# A result line: "Fulham 3 Brentford 2", "Leeds 0 Everton 0": a team (capitalised words),
# a score, a team, a score. Matched from each score, not from each word of the first team
# (which re-read every run of capitalised words from each of its words: quadratic), and
# with nothing given back that could not be followed by " <digit>" anyway.
_TEAM_CHARS = r"\w.'’-"
_TEAM = rf"[A-Z][{_TEAM_CHARS}]*+(?: [A-Z][{_TEAM_CHARS}]*+)*+"
_SCORE_TAIL = re.compile(rf"(?<=[{_TEAM_CHARS}])(?= \d{{1,3}},? {_TEAM} \d{{1,3}}\b)")
_TEAM_CHAR = re.compile(rf"[{_TEAM_CHARS}]")
_NAME_COMMA = re.compile(r"[A-Z][a-z]++,\s?$")
_LOOKBACK = 100
_YEAR = re.compile(r"^(?:1[0-9]|20)\d\d$")


@dataclass(frozen=True, slots=True)
class NumberFinding:
    """A number written against house style, relative to the sentence text."""

    start: int
    end: int
    suggestion: str
    reason: str  # "sentence-start", "spell-out", "use-numerals"


def is_score_line(text: str) -> bool:
    """True when ``text`` holds "Team 3 Team 2": a score after a run of team characters
    that holds a capital (where the first team's last word starts), then a team and a score."""
    for m in _SCORE_TAIL.finditer(text):
        i = m.start()
        while i > 0 and _TEAM_CHAR.match(text, i - 1):
            i -= 1
        if any("A" <= c <= "Z" for c in text[i : m.start()]):
            return True
    return False


def number_words(n: int) -> str | None:
    """English words for 0-99 ("twenty-one"); None above that."""
    if n < 20:
        return ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return TENS[tens - 2] + (f"-{ONES[ones]}" if ones else "")
    return None


def find_numbers(
    text: str, first_word: int, spell_below: int, flag_spelled: bool, sentence_start: bool
) -> list[NumberFinding]:
    """Numbers in one sentence that break the rule; ``first_word`` is where it starts."""
    found: list[NumberFinding] = []
    numerals = list(_NUMERAL.finditer(text))
    if len(numerals) >= 2 and is_score_line(text):
        return found  # scores are always figures
    for m in numerals:
        value = int(m.group(1).replace(",", ""))
        if m.start() == first_word:
            if sentence_start and not _YEAR.match(m.group(1)):
                words = number_words(value)
                found.append(
                    NumberFinding(m.start(), m.end(), (words or "").capitalize(), "sentence-start")
                )
            continue
        if value < spell_below and not _keeps_numeral(text, m.start(), m.end(), first_word):
            found.append(NumberFinding(m.start(), m.end(), number_words(value) or "", "spell-out"))
    if flag_spelled:
        found.extend(_spelled(text, first_word, spell_below))
    return sorted(found, key=lambda f: f.start)


def _keeps_numeral(text: str, start: int, end: int, first_word: int) -> bool:
    """True where style keeps a numeral: ages, dates, times, money, measures, names."""
    if _NUMERAL_AFTER.match(text, end) or _NUMERAL_BEFORE.search(text[max(0, start - 14) : start]):
        return True
    # Look back over a window, not the whole sentence: a sentence of 100,000 numerals
    # would otherwise be sliced and searched from its start for each of them.
    lo = max(0, start - _LOOKBACK)
    window = text[lo:start]
    # "Apollo 11", "Category 4", "Windows 7": a capitalised word that does not start the sentence.
    word = _word_at_end(window.rstrip())
    if word >= 0 and window[word].isupper() and lo + word != first_word:
        return True
    # "Jane Smith, 5, and her brother": an age set off by commas after a name.
    return bool(_NAME_COMMA.search(window) and text[end : end + 1] == ",")


def _word_at_end(text: str) -> int:
    """Where the word ending ``text`` starts: its first ASCII letter after the last
    character that cannot be part of a name ("Apollo", "B-52", "U.S."); -1 if none."""
    i = len(text)
    while i > 0 and (text[i - 1].isalnum() or text[i - 1] in "_.'’-"):
        i -= 1
    for j in range(i, len(text)):
        if text[j].isascii() and text[j].isalpha():
            return j
    return -1


def _spelled(text: str, first_word: int, spell_below: int) -> list[NumberFinding]:
    found = []
    for m in _SPELLED.finditer(text):
        if m.start() == first_word or m.group(1)[0].isupper():
            continue  # "Twelve people ..." is right; "Ten Downing" is a name
        value = _WORD_VALUE[m.group(1).lower()] + (
            _WORD_VALUE[m.group(2).lower()] if m.group(2) else 0
        )
        if m.group(2) and _WORD_VALUE[m.group(1).lower()] < 20:
            continue  # "three four" is not one number
        needs_numeral = _PERCENT.match(text, m.end()) or _AGE_AFTER.match(text, m.end())
        if value >= spell_below or needs_numeral:
            found.append(NumberFinding(m.start(), m.end(), str(value), "use-numerals"))
    return found
