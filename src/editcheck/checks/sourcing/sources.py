"""Judging a source phrase ("Tricia McLaughlin", "officials", "some experts") without a model.

Capitalisation does most of the work: a capitalised word names someone unless it is only
capitalised because it starts the sentence and is a common word ("The", "Officials",
"Critics"). The head of the phrase (the word before its first preposition: "critics of
the plan", "officials at the Treasury") decides between a role, a crowd, an institution
and a document; a name beside a role pins it down ("ICE officials").
"""

from __future__ import annotations

import enum
from functools import cache

from editcheck.checks.sourcing.lexicon import words, wordset


class _Lexicon:
    """The word lists this module reads, as attributes (faster than a call per lookup)."""

    def __init__(self) -> None:
        self.weasel = words("weasel_sources")
        self.vague = words("vague_sources")
        self.institutions = words("institutions")
        self.quantifiers = words("quantifiers")
        self.people = words("people_nouns")
        self.lay = words("lay_crowds")
        self.crowd_words = self.weasel | self.vague | self.quantifiers


@cache
def _lex() -> _Lexicon:
    return _Lexicon()


class Source(enum.IntEnum):
    """How well a reporting clause names its source; higher is better."""

    NONE = 0
    WEASEL = 1
    VAGUE = 2
    NAMED = 3


_PRONOUNS = wordset(
    "he she they we i it you i've we've i'd we'd i'll we'll i'm we're they've they'd he'd she'd"
)
_POSSESSIVES = wordset("his her their its our my your")
_DEFINITE = frozenset(("the", "this", "that", "these", "those"))
_INDEFINITE = frozenset(("a", "an", "one", "another", "two", "three", "four", "several"))
_ADVERBIAL_OPENERS = wordset(
    "on in at during after before last this since for with under over speaking asked "
    "yesterday today earlier later"
)
_PREPOSITIONS = wordset("of for at from with in on by who to")
CALENDAR = wordset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december jan feb mar apr jun jul aug "
    "sep sept oct nov dec"
)
# Capitalised words that start sentences (or follow a colon) without naming anyone.
COMMON_STARTERS = wordset(
    """the a an in on at but and so yet or if when while as after before since because
    although though however meanwhile he she it they we i you his her its their our this that
    these those there here some many most all both each every no one two three last next
    earlier later today yesterday tomorrow asked speaking writing according also then now
    still even only just for with without from by of to about under over during despite among
    between what who which where why how such other others another more less few several
    not new it's mr mrs ms dr local national federal state senior top former let"""
)
DOC_NOUNS = wordset(
    "statement report study survey poll census audit review analysis data figures research "
    "records documents filing indictment complaint lawsuit memo letter paper estimates "
    "findings numbers statistics tally count database register index trial consultation "
    "inquiry investigation assessment evaluation inspection experiment evidence "
    "judgment judgement ruling accounts"
) | words("document_nouns")
_PLURAL_PEOPLE = wordset("people men women children others")
# Plural nouns for people ("scientists", "observers", "historians"), not things ("countries").
AGENT_SUFFIXES = (
    "ers",
    "ors",
    "ists",
    "ians",
    "ants",
    "ents",
    "ics",
    "ives",
    "ees",
    "ites",
    "ars",
    "ards",
    "ones",
)


def classify(
    ws: list[str],
    initial: bool,
    kind: str,
    past: bool = True,
    first_proper: bool = False,
    plural: bool = False,
) -> Source:
    """Judge a source phrase read in order; ``initial``: its first word starts the sentence.

    ``kind`` is the verb's kind; "forward" (an inverted "said X") and "finding" accept
    only clear sources, never a plain noun phrase such as "a price" or "the lorry";
    ``past`` says whether the verb is in the past tense ("said" rather than "say");
    ``first_proper``, whether the sentence's first word is seen capitalised elsewhere in
    the draft (so "Treasury officials" is pinned to a name and "Youth workers" is not).
    """
    if not ws:
        return Source.NONE
    lows = [w.lower().rstrip(".,").replace("’", "'") for w in ws]
    head_i = head_index(lows)
    head = lows[head_i].removesuffix("'s")
    before = lows[head_i - 1] if head_i > 0 else ""
    names = [_is_name(w, initial and i == 0) for i, w in enumerate(ws)]
    if initial and names[0] and not first_proper and _sentence_case(ws, lows, head_i, plural):
        names[0] = False  # "Marine biologists suspect", "Supply agencies charged"
    crowd = _crowd(lows, head_i, head, kind)
    if crowd is not None:
        return crowd
    if head_i == 0 and head in _BARE_FINDINGS and kind in ("finding", "speech", "belief"):
        return Source.WEASEL  # "Polls show", "Studies suggest": which ones?
    if (
        lows[0] in _QUANTIFIED
        and head_i <= 2
        and head.endswith("s")
        and not any(names[1 : head_i + 1])
    ):
        return Source.WEASEL  # "Many colleges say", "some councils warn": which ones?
    if not _BRIEFED.isdisjoint(lows) and lows[0] in _ANONYMOUS_HEADS:
        return Source.WEASEL  # "people familiar with the matter said": anonymous
    after = lows[head_i + 1] if head_i + 1 < len(lows) else ""
    if after in _LOCATING and _located(lows, head_i, names):
        return Source.NAMED  # "analysts at Peel Hunt", "researchers from Leeds University"
    if (
        after == "of"
        and _of_someone(lows, head_i, head, names, kind)
        and not (past and kind == "speech")
    ):
        # "allies of the Chancellor insist": the name is whom they stand with, not a speaker.
        return Source.WEASEL
    if head in _lex().weasel and head not in _lex().institutions:
        # "critics", "the critics", "many such critics": a crowd opens its phrase; in "Black
        # & White copied many of the ideas" the crowd word is not the subject.
        return Source.WEASEL if head_i <= 2 else Source.NONE
    if head in _lex().vague:
        return _role(ws, lows, head_i, head, before, names, initial, first_proper, kind, past)
    if names[head_i] or (
        head in _PRONOUNS and kind != "forward" and (kind != "finding" or head in ("i", "we"))
    ):
        return Source.NAMED  # "she said"; "I counted 212 bikes": the writer's own count
    if head in _lex().institutions or head in DOC_NOUNS:
        if any(w.endswith("'s") for w in lows[:head_i]):
            return Source.NAMED  # "the council's own consultation", "Nationwide's index"
        if before in _INDEFINITE and head in DOC_NOUNS and not any(names[head_i + 1 :]):
            return Source.WEASEL  # "a study found": which study?
        return Source.NAMED
    if head_i and any(w.endswith("'s") for w in lows[:head_i]):
        return Source.NAMED  # "the school's head teacher", "the firm's chief executive"
    if any(names) and kind != "finding":
        return Source.NAMED
    if kind == "speech" and (lows[0] in _DEFINITE or lows[0] in _POSSESSIVES) and head_i > 0:
        return Source.NAMED  # "the transport authority said", "her former coach said"
    if kind in ("finding", "forward"):
        return Source.NONE
    if kind == "according":  # "according to his lawyer", "according to the charity's accounts"
        pinned = lows[0] in _POSSESSIVES or lows[0] in _DEFINITE or any("'s" in w for w in lows)
        return Source.NAMED if pinned else Source.NONE
    if before in _POSSESSIVES or before in _DEFINITE or before in _INDEFINITE:
        return Source.NAMED  # "the man said", "her mother said", "a neighbour said"
    if len(head) > 3 and head.endswith("s") and not head.endswith("ss"):
        if (
            kind in ("speech", "belief")
            and not any(names)
            and _people(head)
            and lows[0] not in _DEFINITE
            and lows[0] not in _POSSESSIVES
        ):
            # An unnamed group: "campaigners say", "consumer groups warn" is a vague crowd;
            # "protesters said" (a report of what a group in the story said) a vague source,
            # but "colleagues described her as" (a view) a crowd.
            return Source.VAGUE if past and kind == "speech" else Source.WEASEL
        return Source.NAMED
    return Source.NONE


_LOCATING = wordset("at from with for")
_BRIEFED = wordset("familiar briefed knowledgeable")
_ANONYMOUS_HEADS = wordset(
    "people persons those sources someone officials a an one two three several"
)
_ANONYMOUS = wordset("sources source insiders insider rumours rumors reports")


def _located(lows: list[str], head_i: int, names: list[bool]) -> bool:
    """A crowd word placed at a named organisation ("analysts at Peel Hunt", "scientists
    from Imperial College") is that organisation's people: a source."""
    rest = lows[head_i + 1 :]
    head = lows[head_i]
    return (
        bool(rest)
        and rest[0] in _LOCATING
        and any(names[head_i + 2 : head_i + 6])
        and (head in _lex().weasel or head in _lex().vague)
        and head not in _ANONYMOUS
    )


def _of_someone(lows: list[str], head_i: int, head: str, names: list[bool], kind: str) -> bool:
    """A plural of people "of" someone named, with no name of its own ("allies of the
    Chancellor", "friends of the singer"): an unnamed crowd."""
    return (
        kind in ("speech", "belief")
        and head_i + 1 < len(lows)
        and lows[head_i + 1] == "of"
        and lows[0] not in _DEFINITE
        and lows[0] not in _POSSESSIVES
        and not any(names[: head_i + 1])
        and head not in _lex().institutions
        and head.endswith("s")
        and _people(head)
        and head not in ("others",)
    )


def _sentence_case(ws: list[str], lows: list[str], head_i: int, plural: bool) -> bool:
    """Whether a sentence's capitalised first word is only sentence case: a plural of people
    with a plural verb ("Suppliers fear", "Oceanographers have long suspected"), or a
    modifier before a lower-case plural head ("Supply agencies", "Marine biologists")
    that the draft never capitalises elsewhere."""
    if ws[0].isupper():
        return False  # "NHS", "ICE"
    if head_i == 0:
        return plural and lows[0].endswith(AGENT_SUFFIXES)
    head = ws[head_i]
    return (
        head.islower()
        and head.endswith("s")
        and not head.endswith("ss")
        and (plural or _people(lows[head_i]) or head_i == 1)
    )


def _people(head: str) -> bool:
    """A plural noun for people ("campaigners", "parents"), not things ("versions")."""
    return head in _lex().people or head.endswith(AGENT_SUFFIXES)


def head_index(lows: list[str]) -> int:
    """The phrase's head: the word before its first preposition, else its last word. A
    phrase that opens with an adverbial ("On a Tuesday morning in May I") ends with it.
    A possessive moves the head past it: in "the Department for Education's own figures"
    the head is "figures", not "department"."""
    if lows and lows[0] in _ADVERBIAL_OPENERS:
        return len(lows) - 1
    first = 0
    for i in range(1, len(lows)):
        if lows[i] in _PREPOSITIONS:
            first = i
            break
    if not first:
        return len(lows) - 1
    # "for Education's": a possessive one or two words after the preposition, before the end.
    for owner in range(first + 1, min(first + 3, len(lows) - 1)):
        if lows[owner].endswith(("'s", "’s")):
            for i in range(owner + 2, len(lows)):
                if lows[i] in _PREPOSITIONS:
                    return i - 1
            return len(lows) - 1
    return first - 1


def _crowd(lows: list[str], head_i: int, head: str, kind: str) -> Source | None:
    """A quantified plural ("some experts", "many residents", "others") is a vague crowd."""
    if kind == "finding" and head not in _lex().weasel:
        return None  # "some planetariums show stars": a display, not a finding
    if lows[0] in _lex().quantifiers and head_i > 0:
        plural = _people(head) or head in _lex().weasel or head in _lex().vague
        if plural and "including" not in lows:
            return Source.WEASEL
    if head_i == 0 and head in ("some", "many", "others", "several") and len(lows) == 1:
        return Source.WEASEL  # "Some say", "Many believe"
    return None


def _role(
    ws: list[str],
    lows: list[str],
    head_i: int,
    head: str,
    before: str,
    names: list[bool],
    initial: bool,
    first_proper: bool = False,
    kind: str = "speech",
    past: bool = True,
) -> Source:
    """A role ("officials", "a spokesperson") is vague unless a name pins it down."""
    if head_i > 0:
        q = head_i - 1
        if initial and q == 0:  # "Treasury officials" yes, "Youth workers" no
            pinned = ws[0].isupper() and len(ws[0]) > 1 or first_proper
        else:
            pinned = names[q]
        if pinned:
            return Source.NAMED  # "ICE officials", "Treasury officials"
    rest = lows[head_i + 1 :]
    if (
        rest
        and rest[0] in ("at", "from", "for", "with", "of", "in")
        and any(names[head_i + 2 : head_i + 6])
    ):
        return Source.NAMED  # "officials at the Treasury", "a spokesperson for Acme"
    if (
        head in _SPOKES
        and len(rest) >= 3
        and rest[0] in ("for", "at", "of")
        and rest[1] in ("the", "his", "her", "their", "its")
        and _answerable(rest[2:5])
    ):
        # "a spokesperson for the prime minister", "a spokesman for the company": one
        # office answers for the words, as surely as a name would
        return Source.NAMED
    if before in _POSSESSIVES or (before in _DEFINITE and head not in ("officials", "authorities")):
        return Source.NAMED
    if kind == "belief" and head.endswith("s") and head_i <= 1:
        return Source.WEASEL  # "scientists suspect", "doctors fear": a view nobody owns
    if head in _lex().lay and not past:
        return Source.WEASEL  # "youth workers say", "residents warn": a crowd, not a role
    return Source.VAGUE


_BARE_FINDINGS = wordset("polls studies surveys analyses")
_QUANTIFIED = wordset("some many most several numerous various countless")
_SPOKES = wordset("spokesperson spokesman spokeswoman representative")


def _answerable(ws: list[str]) -> bool:
    """An institution or a single office holder ("company", "prime minister", "governor")."""
    titles = words("person_titles")
    return any(
        w.strip(".,") in _lex().institutions or w.strip(".,") in titles for w in ws[:3]
    ) and not any(w.strip(".,").endswith("s") and w.strip(".,") in _lex().vague for w in ws)


def _is_name(word: str, initial: bool) -> bool:
    """A capitalised word that names someone; the sentence's first word only if uncommon."""
    if not word[:1].isupper():
        return False
    low = word.lower().rstrip(".,").replace("’", "'").removesuffix("'s")
    if low in CALENDAR or low == "i":
        return False
    if low in _lex().crowd_words or (initial and low in _lex().people):
        return word.isupper() and len(word) > 1  # "Landlords complain", not a name
    if initial:
        return not (low in COMMON_STARTERS or low in _lex().institutions or low in DOC_NOUNS)
    return True
