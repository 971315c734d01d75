"""Who says so: find reporting clauses in a sentence and judge how well they name a source.

Attribution decides whether the other sourcing rules stay silent, so this module is shared.
A reporting clause is a speech verb ("said", "told"), a belief verb ("critics believe"),
a finding verb with a document or organisation as subject ("the survey found", "data
from the ONS show"), "according to X", or a passive with its agent ("as reported by X").
Its source is judged without a model (see :mod:`.sources`):

- NAMED: a capitalised name that is not merely the sentence's first word, a pronoun ("she
  said" resolves to a speaker named nearby, by news convention), an identifiable
  institution ("police", "the company", "prosecutors"), a possessive ("his lawyer") or a
  definite document ("the statement", "the report").
- VAGUE: a role without a name ("officials", "a spokesperson", "witnesses").
- WEASEL: a crowd or an unnamed document ("critics", "some experts", "studies", "a source").
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from editcheck.checks.sourcing.lexicon import word_starts, words, wordset
from editcheck.checks.sourcing.sources import (
    COMMON_STARTERS,
    DOC_NOUNS,
    Source,
    classify,
    head_index,
)

__all__ = ["Attribution", "Source", "best", "find_attributions"]


@dataclass(frozen=True, slots=True)
class Attribution:
    """A reporting clause (sentence-relative offsets).

    ``start``/``end`` span the source and the verb; ``scope_start``/``scope_end`` the part
    of the sentence it vouches for: the whole sentence, or only the relative clause it
    stands in ("The charity, which houses 300 families according to its accounts, ...").
    """

    source: Source
    start: int
    end: int
    verb: str  # "speech", "belief", "finding", "according" or "agent"
    phrase: str
    scope_start: int = 0
    scope_end: int = 1 << 30
    cue_start: int = -1  # the reporting word(s): "said", "according to", "data from"
    cue_end: int = -1
    source_end: int = -1  # where the source's own words end, when the clause says
    source_start: int = -1  # where they start, when not where the clause does

    @property
    def cue(self) -> tuple[int, int]:
        return (self.cue_start, self.cue_end) if self.cue_start >= 0 else (self.start, self.end)

    @property
    def source_span(self) -> tuple[int, int]:
        """The source's words: what the clause spans, less its cue (either side of it)."""
        c0, c1 = self.cue
        if self.source_start >= 0:
            return self.source_start, self.source_end
        if self.source_end > self.start and c0 > self.start:
            return self.start, min(self.source_end, c0)
        if c0 <= self.start:
            return (min(c1, self.end), self.end) if c1 < self.end else (self.start, self.end)
        return self.start, c0

    def covers(self, start: int, end: int) -> bool:
        return self.scope_start <= start and end <= self.scope_end


_WORD = re.compile(r"[A-Za-z][\w’'.&-]*|\d+(?:[.,]\d+)*%?")
# Where a subject phrase begins, walking back from a verb.
_BOUNDARY = re.compile(
    r"[;:“”\"«»()\[\]—–]|(?<![A-Za-z])(?:that|and|but|while|because|whereas|although|though|after|"
    r"before|since|when|if|unless|until|so|which|who|whom|whose|where|than)\b",
    re.I,
)
_BOUNDARY_WORDS = wordset(
    """that and but while because whereas although though after before since when if unless
    until so which who whom whose where than"""
)
# A speech or belief verb ends the clause before it: in "Critics say the government has
# cut spending", the subject of "cut" is "the government", not "Critics say the government".
_CLAUSE_VERBS = frozenset(("speech", "belief"))
_BOUNDARY_MARKS = re.compile(r"[;:“”\"«»()\[\]—–]")
_AUX = wordset(
    "has have had also later previously earlier would will could may might must should "
    "then once first initially recently separately further again repeatedly publicly "
    "privately reportedly allegedly already still now just yesterday today tonight last "
    "week on monday tuesday wednesday thursday friday saturday sunday this morning afternoon "
    "evening night subsequently not never did does do widely generally often long "
    "openly angrily quietly"
)
_MODALS = wordset("will would could may might shall should to must")
_PASSIVE = wordset("is are was were be been being")
_CONTRACTED = wordset("it's it’s that's that’s there's there’s")  # "It's said that"
_DETERMINER = wordset("a an the to same own any no every each this my our your his her their its")
_MEASURED = re.compile(
    r"^(?:\d.*|%|per|percent|quarter|third|thirds|half|majority|minority|"
    r"fifth|tenth|proportion|share)$",
    re.I,
)
# Verbs that may stand before their subject: "said Smith", "says a report by the ONS".
_INVERTING = wordset(
    "said says added adds wrote writes asked continued explained insisted warned noted "
    "argued replied recalled argues insists notes explains recalls continues asks warns"
)
_IRREGULAR_PAST = wordset(
    "said told wrote thought felt found shown put read sang cried spoke heard knew gave made "
    "forecast "
    "took saw held kept led met paid sent set stood understood won lost shown withdrew"
)
_DIGIT = re.compile(r"\d")
_LETTER = re.compile(r"[A-Za-z]")
_PLURAL_SUBJECTS = wordset(
    "data media they we i you people others some many most few several men women children police"
)
_PRONOUN_SUBJECTS = wordset("it he she they we i")
_FINITE = wordset("is are was were")
_TAG_BEFORE = re.compile(r"(?:[,”\"’—–(]|\b(?:as|so))\s*$")
# (a comma between digits, "1,212 likely voters", does not end the relative clause)
_RELATIVE_BEFORE = re.compile(
    r"(?:,\s*|(?<=\w)\s+)(?:which|who|whose)\b(?:[^,]|,(?=\d{3})){0,240}+,\s*(?:\w+ly\s+)?"
    r"(?:(?:has|have|had|also|later|then|previously|once)\s+){0,2}$",
    re.I,
)
# "An earlier report that the charities published in 2018 found": the relative clause
# describes the document, which is the subject of the verb.
_DOC_RELATIVE = re.compile(
    r"\b(?:report|survey|study|poll|analysis|audit|review|letter|memo|assessment|inquiry|"
    r"investigation|estimate|count|index|census)\s+(?:that|which)\s+[^,;:()“”\"]{1,80}$",
    re.I,
)
# Words after a document's noun that say which document it is: "a survey published on
# Monday", "a report by the union", "a memo sent to staff".
_QUALIFIED_DOC = re.compile(
    r"\b(?:report|survey|study|poll|analysis|audit|review|letter|memo|statement|filing|"
    r"assessment|estimate|count|index|census|document|data|figures|research|polling|"
    r"modelling|modeling|projections|calculations)\s+(?:that|which|"
    r"published|released|issued|commissioned|conducted|compiled|carried|sent|filed|seen|"
    r"obtained|prepared|by|from|of\s+(?:\d|[A-Z]))",
    re.I,
)
_RELATIVE = re.compile(r",\s*(?:which|who|whose|where)\b[^,]*,?", re.I)


_AGENT_PARTICIPLES = wordset(
    """reported said announced published confirmed released compiled collected estimated
    revealed found issued cited quoted obtained described called criticised criticized praised
    noted claimed suggested argued considered regarded seen viewed deemed perceived labelled
    labeled branded dubbed hailed touted credited blamed accused condemned disputed questioned
    polled surveyed interviewed counted commissioned conducted
    challenged rejected acknowledged recognised recognized accepted believed thought
    held written dismissed attacked slammed panned mocked ridiculed hailed"""
)
_DATA_FROM_WORDS = wordset(
    "data figures statistics evidence estimates numbers research report story article"
)
_DATA_FROM = re.compile(
    r"\b(?:data|figures|statistics|evidence|estimates|numbers|research)\s+(?:\w+\s+)?"
    r"(?:from|by|of)\b|\b(?:report|story|article)\s+(?:in|by|from|on)\b",
    re.I,
)
_TOKEN = re.compile(r"[A-Za-z][A-Za-z’'-]*")
_AS_CUES = frozenset(("named", "introduced", "introduces", "introducing"))
# The patterns below are matched at a word's end; their "(?<!\s)" keeps a scan over a
# long run of spaces linear (each is tried only where a run starts).
_NAMED_AS = re.compile(r"(?<!\s)(?:\s+[\w’'.,-]+){1,12}?\s+as\b")
# "figures issued by NHS England last week show": the finding verb after a document
_VERB_AFTER = re.compile(
    r"(?<!\s)(?:\s+(?:last|this|on|in|earlier|next)\s+\w+)?\s+(show|shows|showed|found|find|finds|"
    r"suggest|suggests|suggested|indicate|indicates|indicated|put|puts|reveal|reveals|revealed)\b",
    re.I,
)
# Participles that describe a document rather than report: "a statement read to the
# court", "Research published in the journal ...", "the audit, published last Friday,".
_PARTICIPLES = wordset(
    "published issued released read compiled commissioned conducted prepared sent written "
    "kept shown obtained seen carried filed"
)
_PARTICIPLE_NEXT = re.compile(
    r"(?<!\s)\s*(?:,|\b(?:in|on|by|last|to|at|earlier|this|for|from|yesterday|today|after|before|"
    r"simply|online|overnight|since)\b)",
    re.I,
)
_AUX_BEFORE = re.compile(r"\b(?:has|have|had|was|were|is|are|be|been|being)\s+$", re.I)
_ANONYMITY_NEXT = re.compile(r"(?<!\s)\s+(?:not\s+to\s+be|to\s+remain|for\s+anonymity)\b", re.I)
# "Wales conceded 31 points", "Texas has added 400,000 jobs": a number as the object makes
# the verb an act, not a report.
_TO_BE_NEXT = re.compile(r"(?<!\s)\s+to\s+(?:be|have)\b", re.I)
_NUMBER_OBJECT_VERBS = wordset(
    "conceded concedes conceding claimed claims posted posts added adds add adding"
)
_NUMBER_NEXT = re.compile(
    r"(?<!\s)\s+(?:(?:an?|the|just|only|another|more\s+than|over|about)\s+)?(?:\d|(?:average|total|"
    r"record|tally|haul|lead|loss|profit)\b)",
    re.I,
)
# Matched at a word's end; the look-behind keeps a scan of a long run of spaces linear.
_BY_NEXT = re.compile(r"(?<!\s)\s+(?:(?:off|out|down|up)\s+)?(?:as\s+\w+\s+)?by\b", re.I)
_TO_NEXT = re.compile(r"(?<!\s)\s+to\b", re.I)
_NAME_RUN = re.compile(
    r"(?<!\s)\s*(?:the\s+)?(?:[A-Z][\w’'.&-]*+(?:\s+(?:of|and|for|&|on)\s+|\s+)){0,6}"
    r"[A-Z][\w’'.&-]*+"
)
_DATA_BEFORE = re.compile(
    r"\b(?:data|figures|statistics|estimates|numbers|research|poll|survey|report|study)\s+$",
    re.I,
)


@cache
def _verbs() -> dict[str, str]:
    """Each reporting word and its kind; a dictionary lookup per word keeps this fast."""
    kinds: dict[str, str] = {}
    for kind, name in (
        ("act", "act_verbs"),
        ("finding", "finding_verbs"),
        ("belief", "belief_verbs"),
        ("speech", "speech_verbs"),
    ):
        for w in words(name):
            kinds[w] = kind  # later lists win: speech over belief over finding over act
    return kinds


@cache
def _triggers() -> frozenset[str]:
    return frozenset(_verbs()) | _AGENT_PARTICIPLES | {"according"} | _AS_CUES


# Characters that join a reporting word to its neighbours ("re-said", "said's"): no word.
_JOINERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz’'-"


def _reporting_words(
    text: str, words: frozenset[str] | None = None
) -> Iterator[tuple[str, int, int, str]]:
    """``(kind, start, end, word)`` for each reporting word of ``text``, in order.

    With ``words`` (the sentence's lower-cased words), only the reporting words it holds
    are looked for, each by a literal search: most words of a sentence are never touched.
    """
    verbs = _verbs()
    tokens: Iterable[tuple[int, str]]
    low_text = text.lower() if words is not None else ""
    if words is None:  # read lazily: a caller asking for the first cue stops there
        tokens = ((m.start(), m.group().lower()) for m in _TOKEN.finditer(text))
    elif len(low_text) != len(text):
        tokens = [(m.start(), m.group().lower()) for m in _TOKEN.finditer(text)]
    else:
        present = _triggers().intersection(words)
        if not present:
            return
        tokens = sorted([(at, w) for w in present for at in word_starts(low_text, w, _JOINERS)])
    for start, low in tokens:
        end = start + len(low)
        if low == "according":
            to = _TO_NEXT.match(text, end)
            if to:
                yield "according", start, to.end(), low
            continue
        if low in _AGENT_PARTICIPLES:
            by = _BY_NEXT.match(text, end)
            if by and _DATA_BEFORE.search(text, max(0, start - 12), start):
                continue  # "figures released by X": _data_from reads it as one source
            if by:
                yield "agent", start, by.end(), low
                continue
        kind = verbs.get(low)
        if kind is None and low in _AS_CUES and _NAMED_AS.match(text, end):
            kind = "speech"  # "the committee named her as its Teacher of the Year"
        if kind is not None:
            yield kind, start, end, low


def find_attributions(
    text: str, words: frozenset[str] | None = None, first_proper: bool = False
) -> list[Attribution]:
    """Reporting clauses of ``text`` (a sentence with quotations masked); ``words``, its
    lower-cased words, lets the search skip sentences with no reporting word at all."""
    if "(" in text:
        text = _mask_tags(text)  # "State Sen. Harriet Voss (R-Elko), the minority whip,"
    out = _data_from(text, words) + _reckonings(text, words)
    figures = words is None or "figures" in words  # people-sense "figures" (see below)
    for kind, start, end, word in _reporting_words(text, words):
        cue = (start, end)
        source_end = -1
        if kind in ("according", "agent"):
            src, _, b = _forward(text, end)
            a = start
        else:
            if _after_determiner(text, start):
                continue  # "an estimated 300", "the reported fee", "to blame": not a report
            if word in _PARTICIPLES and _participle(text, start, end):
                continue  # "a statement read to the court", "the audit, published last week,"
            if text[max(0, start - 4) : start] == "who " and _later_cue(text, end, words):
                continue  # "Several residents who testified on Monday described ...": the
                # relative clause describes the subject; the later verb is the cue
            if _ANONYMITY_NEXT.match(text, end):
                continue  # "who asked not to be named": how the source is hidden, not a cue
            if _TO_BE_NEXT.match(text, end) and text[max(0, start - 2) : start].strip() == ",":
                continue  # "The chapel, believed to be the oldest,": a passive, nobody's view
            if word in _NUMBER_OBJECT_VERBS and _NUMBER_NEXT.match(text, end):
                continue  # "Wales conceded an average of 31 points": a score, not a report
            if kind == "act" and _planned(text, start):
                continue  # "the company will cut 150 jobs": a plan (so no subject to judge)
            src, a, source_end = _backward(
                text,
                start,
                kind,
                kind != "act" and _is_base(word),
                word.endswith(("ed", "ing")) or word in _IRREGULAR_PAST,
                first_proper,
            )
            b = end
            if src is Source.NONE and word in _INVERTING:
                src, _, b = _forward(text, end, strict=True)
                a = start
                cue = (start, start + len(word))
                source_end = -1
        if (
            figures
            and src is not Source.NONE
            and kind != "act"
            and _people_figures(text, a, start, end)
        ):
            src, kind = Source.WEASEL, "belief"  # "senior party figures suggest": people
        if kind == "act" and (src is not Source.NAMED or not _actor(text[a:start])):
            continue  # only a named organisation's own act sources its figure
        if src <= Source.WEASEL and kind != "act":
            lo, hi = (a, start) if a < start else (end, b)
            if _QUALIFIED_DOC.search(text, lo, hi + 40):
                src = Source.NAMED  # "a survey published on Monday", "a memo sent to staff"
        if src is not Source.NONE:
            s0, s1 = _scope(text, a, kind, start)
            out.append(Attribution(src, a, b, kind, text[a:b], s0, s1, *cue, source_end))
    return out


_NOT_ACTORS = wordset("your my our his her their this that these those it its")


def _actor(phrase: str) -> bool:
    """A name or an institution that can act ("Acme cut", "the council raised"), not
    "Your first book sold"."""
    ws = [w.strip(",.’'") for w in phrase.split()]
    if not ws or ws[0].lower() in _NOT_ACTORS:
        return False
    capitals = [w for w in ws if w[:1].isupper() and w.lower() not in COMMON_STARTERS]
    return bool(capitals) or any(w.lower() in words("institutions") for w in ws)


# A party, district or age tag: "(D-Ore.)", "(R-Elko)", "(District 4)", "(19-3)". No word
# of four lower-case letters or more inside, so "(according to the ONS)" stays.
_PAREN_TAG = re.compile(r"\((?![^()]*\b[a-z]{4,}\b)[^()]{1,30}\)")


def _mask_tags(text: str) -> str:
    """``text`` with party and district tags blanked (same length), so the name before
    a tag and the appositive after it stay one subject."""
    return _PAREN_TAG.sub(lambda m: " " * len(m.group()), text)


def _later_cue(text: str, end: int, words: frozenset[str] | None) -> bool:
    """A reporting word later in the sentence than ``end``."""
    return any(True for _ in _reporting_words(text[end:], None))


def _participle(text: str, start: int, end: int) -> bool:
    """A past participle after a noun, with no auxiliary, and a phrase after it: it
    describes the noun ("Research published in the journal ... found")."""
    if not _PARTICIPLE_NEXT.match(text, end):
        return False
    if _AUX_BEFORE.search(text, max(0, start - 8), start):
        return False
    before = text[max(0, start - 30) : start].split()
    if not before:
        return False
    prev = before[-1].lower().strip(",")
    return (
        prev not in _PRONOUN_SUBJECTS and prev not in _PLURAL_SUBJECTS or before[-1].endswith(",")
    )


def _people_figures(text: str, subject: int, verb: int, end: int) -> bool:
    """ "Rail industry figures suggest the strike will go ahead": "figures" as people (a
    modifier such as "senior" or "industry" before it, no number after the verb)."""
    ws = text[subject:verb].lower().split()
    if len(ws) < 2 or ws[-1] != "figures" or ws[-2] not in words("figure_roles"):
        return False
    return not any(c.isdigit() for c in text[end:])


def _data_from(text: str, words: frozenset[str] | None) -> list[Attribution]:
    """ "data from the ONS", "evidence from the UNHCR", "figures published by Eurostat": a
    named source for the data in this sentence, whatever the verb."""
    if words is not None and _DATA_FROM_WORDS.isdisjoint(words):
        return []
    out = []
    for m in _DATA_FROM.finditer(text):
        if text[max(0, m.start() - 14) : m.start()].lower().rstrip().endswith("according to"):
            continue  # "according to data compiled by LSEG": the "according" clause has it
        src, _, b = _forward(text, m.end())
        run = _NAME_RUN.match(text, m.end())
        if run is not None and run.end() < b:
            b = run.end()  # "by Baldwin Wallace University last week finds": the name
        verb = _VERB_AFTER.match(text, b)
        if src is Source.NAMED and verb is not None:
            out.append(
                Attribution(
                    src,
                    m.start(),
                    verb.end(),
                    "according",
                    text[m.start() : verb.end()],
                    0,
                    len(text),
                    verb.start(1),
                    verb.end(1),
                    b,
                    m.start(),
                )
            )
            continue
        if src is Source.NAMED:
            out.append(
                Attribution(
                    src,
                    m.start(),
                    b,
                    "according",
                    text[m.start() : b],
                    0,
                    len(text),
                    m.start(),
                    m.end(),
                )
            )
    return out


# "by the union's reckoning", "by the count of JobCut Tracker", "on the agency's own
# estimate", "in the council's figures": a named owner's count sources the sentence.
_RECKONING = re.compile(
    r"\b(?:by|on|in)\s+((?:[\w’'.&-]+\s+){0,4}?)(?:own\s+)?"
    r"(reckoning|count|counts|estimate|estimates|tally|calculations?|figures|numbers)\b"
    r"(?:\s+of\s+((?:the\s+)?[A-Z][\w’'.&-]*(?:\s+[A-Z][\w’'.&-]*){0,4}))?",
)
_RECKONING_WORDS = wordset(
    "reckoning count counts estimate estimates tally calculation calculations figures numbers"
)


def _reckonings(text: str, words: frozenset[str] | None) -> list[Attribution]:
    """ "by the union's reckoning", "by the count of JobCut Tracker": whose count it is."""
    if words is not None and _RECKONING_WORDS.isdisjoint(words):
        return []
    out = []
    for m in _RECKONING.finditer(text):
        owner, of = m.group(1), m.group(3)
        named = (
            of is not None
            or "'s" in owner.replace("’", "'")
            or any(w[:1].isupper() for w in owner.split())
        )
        if not named or owner.lower().split()[:1] in (["a"], ["an"], ["some"]):
            continue
        src = m.span(3) if of is not None else (m.start(1), m.end(1))
        out.append(
            Attribution(
                Source.NAMED,
                m.start(),
                m.end(),
                "according",
                m.group(),
                0,
                len(text),
                m.start(2),
                m.end(2),
                src[1],
                src[0],
            )
        )
    return out


def best(attributions: list[Attribution]) -> Source:
    """The best source among ``attributions``."""
    return max((a.source for a in attributions), default=Source.NONE)


def _planned(text: str, at: int) -> bool:
    """A modal or "to" before the verb ("will also cut", "plans to close")."""
    tail = [
        w
        for w in text[max(0, at - 24) : at].lower().split()
        if not w.endswith("ly") and w not in ("also", "now", "then", "soon")
    ]
    return bool(tail) and tail[-1] in _MODALS


def _after_determiner(text: str, at: int) -> bool:
    tail = text[max(0, at - 12) : at].split()
    return bool(tail) and tail[-1].lower() in _DETERMINER


def _scope(text: str, at: int, kind: str, verb_at: int = -1) -> tuple[int, int]:
    """What a reporting clause starting at ``at`` vouches for.

    Inside a relative clause, only that clause. A tag ("..., police said", "“...,” she
    said") or "according to" vouches for the whole sentence; a clause that opens its
    sentence or clause ("Police said the man ...", "... if they complained that ...")
    vouches for what follows it, not for what came before.
    """
    lo = max(0, at - _WINDOW)
    if "wh" in text[lo : at + _WINDOW]:  # "which", "who", "whose", "where" (read the window)
        for m in _RELATIVE.finditer(text, lo, at + _WINDOW):
            if m.start() <= at < m.end():
                return m.start(), m.end()
            if kind == "act" and m.start() <= verb_at < m.end():
                # "Maple Hollow, which opened in 1957, has 212 students": the act of the
                # relative clause is its own, not a source for the rest of the sentence
                return m.start(), m.end()
    if kind == "according" or _opening(text) >= at:
        return 0, len(text)
    if kind == "agent" and text[at : at + 12].lower().startswith(_POLLING):
        return 0, len(text)  # "17 of 20 analysts polled by Reuters": whose sample it is
    if _TAG_BEFORE.search(text, max(0, at - 8), at) and not _DIGIT.search(text, at, verb_at):
        # a tag (", police said"), but not "..., below the 80 per cent the WHO says": a
        # figure inside the reporting clause is its own, the ones before it are not
        return 0, len(text)
    return at, len(text)


_NON_SPACE = re.compile(r"\S")


def _line_prefix(text: str, at: int) -> bool:
    """Only a speaker or question prefix before ``at`` ("Q: Your first book sold"): the
    word after it starts the sentence."""
    return at <= 40 and text[:at].rstrip().endswith(":") and ":" not in text[: at - 1].rstrip()[:-1]


def _opening(text: str) -> int:
    """Where the sentence's first non-space character stands (its length if none)."""
    m = _NON_SPACE.search(text)
    return m.start() if m else len(text)


_POLLING = ("polled", "surveyed", "interviewed", "counted", "commissioned", "conducted")


def _is_base(verb: str) -> bool:
    """A bare verb form ("call", "fear"), which is as often a noun ("the cell call system")."""
    low = verb.lower()
    return not (low.endswith(("s", "ed", "ing")) or low in _IRREGULAR_PAST)


def _clause_words(text: str, verb_at: int) -> tuple[int, list[tuple[str, int]]]:
    """Words of the clause before a verb; "..., and said" reaches back to the shared subject."""
    # Only the last few hundred characters before a verb can hold its subject: reading
    # from the sentence's start for each verb would make a long sentence quadratic.
    lo = max(0, verb_at - _WINDOW, _after_dateline(text) if text[:1].isupper() else 0)
    # the quick word tests read the window, not the sentence (per verb, that was quadratic)
    window = text[lo:verb_at]
    rel = _RELATIVE_BEFORE.search(text, lo, verb_at) if "wh" in window else None
    if rel is not None:  # "Care England, which represents providers, said": skip the clause
        verb_at = rel.start()
    verb_at = _before_tag(text, verb_at)
    doc = _DOC_RELATIVE.search(text, lo, verb_at) if "that" in window or "which" in window else None
    if doc is not None:
        verb_at = doc.start() + len(doc.group().split()[0])
    tokens = [(w.group(), w.start(), w.end()) for w in _WORD.finditer(text, lo, verb_at)]
    starts = _last_boundaries(tokens, text, verb_at, lo)
    clause_start = starts[-1][1] if starts else 0
    first = len(tokens)  # the words after the last boundary, found from the end
    while first and tokens[first - 1][1] >= clause_start:
        first -= 1
    found = [(w, a) for w, a, _ in tokens[first:]]
    if not found and starts and starts[-1][2] in ("and", "but"):
        # "It set aside £580m ..., and said ...", "The pilots’ union, IALPA, said ... and
        # warned ...": the sentence's subject
        return 0, _leading_subject(text) or _opening_subject(text)
    if not found and starts and starts[-1][2] in ("that", "which", "who"):
        # "guidance that said", "Care England, which represents providers, said":
        # the subject is the antecedent before the relative pronoun.
        prev = starts[-2][1] if len(starts) > 1 else 0
        return prev, [(w, a) for w, a, b in tokens if a >= prev and b <= starts[-1][0]][-8:]
    return clause_start, found[-14:]


_WINDOW = 400
_WHO = re.compile(r"\b(?:who|which)\b")
_TAG = re.compile(r"\([^()]{1,40}\)\s*$")


def _before_tag(text: str, at: int) -> int:
    """Where a party or district tag before a verb starts: in "Rep. Dana Whitlock (D-Ore.)
    said" the subject ends before "(D-Ore.)"."""
    m = _TAG.search(text, max(0, at - 48), at)
    return m.start() if m else at


def _last_boundaries(
    tokens: list[tuple[str, int, int]], text: str, verb_at: int, lo: int = 0
) -> list[tuple[int, int, str]]:
    """The last two clause boundaries before a verb, in order: words ("that", "and", a
    speech or belief verb) and punctuation, as ``(start, end, what)``."""
    verbs = _verbs()
    found: list[tuple[int, int, str]] = []
    for k in range(len(tokens) - 1, -1, -1):  # the last two are all that is read
        w, a, b = tokens[k]
        low = w.lower()
        if verbs.get(low) in _CLAUSE_VERBS and k and _noun_before(tokens[k - 1][0]):
            continue  # "the airline's own estimate puts": a noun, not a verb
        if low in _BOUNDARY_WORDS or verbs.get(low) in _CLAUSE_VERBS:
            found.append((a, b, low))
            if len(found) == 2:
                break
    marks = [(m.start(), m.end(), m.group()) for m in _BOUNDARY_MARKS.finditer(text, lo, verb_at)]
    return sorted(found + marks[-2:])[-2:]


def _noun_before(word: str) -> bool:
    """A determiner or a possessive before a word makes it a noun ("its own estimate")."""
    low = word.lower()
    return low in _DETERMINER or low.endswith(("'s", "’s", "s'", "s’"))


_DATELINE = re.compile(
    r"[A-Z][A-Z .,'’-]{2,40}(?:,\s*[A-Z][\w.]*\.?(?:\s+\d{1,2})?)?"
    r"(?:\s*\([^()]{1,20}\))?\s*[-—–]\s+"
)


def _after_dateline(text: str) -> int:
    """Where a sentence starts after a wire dateline ("SANTIAGO, Oct 8 (Reuters) - ")."""
    m = _DATELINE.match(text)
    return m.end() if m else 0


def _opening_subject(text: str) -> list[tuple[str, int]]:
    """The words a sentence opens with, up to its first verb ("Opposition councillors" in
    "Opposition councillors slammed the timetable, saying ...")."""
    out: list[tuple[str, int]] = []
    verbs = _verbs()
    for w in _WORD.finditer(text, _after_dateline(text)):
        low = w.group().lower()
        if low in verbs or low in _AUX or low in _PASSIVE or low.endswith("ed") or len(out) >= 6:
            break
        out.append((w.group(), w.start()))
        if text[w.end() : w.end() + 1] == ",":
            break
    return out


_OPENING_PHRASE = re.compile(
    r"(?:In|On|At|After|During|Before|Following|Under|With|Speaking|Asked|Earlier|Later)\b"
    r"[^,;:]{0,60}+,\s*"
)


def _leading_subject(text: str) -> list[tuple[str, int]]:
    """The noun phrase a sentence opens with: "It", "The company", "Acme Corp" (after an
    opening phrase: "In a statement on Sunday, the club ...")."""
    out: list[tuple[str, int]] = []
    begin = _after_dateline(text)
    while begin < len(text) and text[begin].isspace():
        begin += 1
    opening = _OPENING_PHRASE.match(text, begin)
    if opening is not None:
        begin = opening.end()
    for w in _WORD.finditer(text, begin):
        word, low = w.group(), w.group().lower()
        if low in ("the", "a", "an") and not out:
            out.append((word, w.start()))
            continue
        if word[:1].isupper() or low in _PRONOUN_SUBJECTS or low in words("institutions"):
            out.append((word, w.start()))
            if low in _PRONOUN_SUBJECTS:
                break
            continue
        if (
            out
            and low in ("at", "from", "for", "of")
            and text[w.end() : w.end() + 2].strip()[:1].isupper()
        ):
            out.append((word, w.start()))  # "Analysts at Peel Hunt ..., and said"
            continue
        break
    return out if out and out[-1][0].lower() not in ("the", "a", "an") else []


def _backward(
    text: str,
    verb_at: int,
    kind: str,
    base: bool = False,
    past: bool = True,
    first_proper: bool = False,
    retry: bool = True,
) -> tuple[Source, int, int]:
    """Judge the subject before a verb; returns the source and where its chunk starts
    and ends."""
    clause_start, found = _clause_words(text, verb_at)
    if text[max(0, verb_at - 2) : verb_at].strip() == "," and text[verb_at:].split(None, 1)[
        0
    ].lower().endswith("ing"):
        lead = _opening_subject(text)  # "Opposition councillors slammed it, saying ...":
        if lead:  # the participle's subject is the sentence's
            found, clause_start = lead, lead[0][1]
    plural = base
    while found and (
        found[-1][0].lower() in _AUX or (found[-1][0].endswith("ly") and found[-1][0].islower())
    ):  # "has also said", "quickly added"; but "Declan Farrelly said" keeps its name
        plural = plural or found[-1][0].lower() in ("have", "do")
        found.pop()
    if not found or found[-1][0].lower() in _PASSIVE or found[-1][0].lower() in _CONTRACTED:
        if not found and retry:
            # "Several residents who testified on Monday described": the relative clause
            # ended at its own verb, and the subject stands before it
            rels = list(_WHO.finditer(text, max(0, verb_at - 240), verb_at))
            if rels:
                return _backward(text, rels[-1].start(), kind, base, past, first_proper, False)
        return Source.NONE, verb_at, verb_at  # "it is said", "was reported": no agent named
    if found[0][0][0].isdigit() and not _LETTER.search(text, 0, found[0][1]):
        while len(found) > 1 and found[0][0][0].isdigit():
            found = found[1:]  # "18:05 Commuters complain": a live-blog time, not a subject
        initial = not _LETTER.search(text, 0, found[0][1])
    else:
        initial = (_opening(text) >= clause_start or _line_prefix(text, clause_start)) and found[0][
            1
        ] == _first_word(text, clause_start)
    chunk, before = _chunks(text, found, verb_at)
    if before and all(w.isdigit() and len(w) <= 3 for w, _ in chunk):
        chunk, before = before, []  # "Mehmet Aksoy, 63, told Reuters": an age, not a subject
    if before and [w.lower() for w, _ in chunk] == ["among", "others"]:
        chunk, before = before, []  # "Dummett, among others, argued"
    src = _judge_chunk(
        chunk, initial and chunk[0][1] == found[0][1], kind, base, past, first_proper, plural
    )
    if src in (Source.VAGUE, Source.WEASEL) and before and chunk[0][0].lower() in ("a", "an"):
        # "Alex Rivera, a spokesperson for the campaign, said": a role in apposition to a
        # name; the name is the source
        named = _judge_chunk(
            before, initial and before[0][1] == found[0][1], kind, base, past, first_proper
        )
        if named is Source.NAMED and before[0][0][:1].isupper():
            return named, before[0][1], before[-1][1] + len(before[-1][0])
    if src is Source.NONE and not before and retry:
        # "Delahunty, 51, a former pilot who took over in 2022, said", "Two lobbyists who
        # asked not to be named because they were not authorized ... said": the subject
        # stands before the relative clause.
        rels = list(_WHO.finditer(text, max(0, verb_at - 240), verb_at))
        if rels:
            rel = rels[-1]
            return _backward(text, rel.start(), kind, base, past, first_proper, False)
    if src is Source.NONE and before:
        # "Tricia McLaughlin, the DHS's press secretary, said", "Critics, mostly from
        # industry, argue": the subject stands before the appositive.
        src = _judge_chunk(
            before, initial and before[0][1] == found[0][1], kind, base, past, first_proper, plural
        )
        if src is Source.NONE and all(w.isdigit() and len(w) <= 3 for w, _ in before):
            # "Fougère, 56, a crane operator for 31 years, said": past the age, the name
            name = _name_before_age(found, before)
            if name:
                src = _judge_chunk(
                    name, initial and name[0][1] == found[0][1], kind, base, past, first_proper
                )
                if src is not Source.NONE:
                    return src, name[0][1], name[-1][1] + len(name[-1][0])
        if src is Source.NONE:
            return src, verb_at, verb_at
        return src, before[0][1], before[-1][1] + len(before[-1][0])
    return src, chunk[0][1], chunk[-1][1] + len(chunk[-1][0])


def _name_before_age(
    found: list[tuple[str, int]], age: list[tuple[str, int]]
) -> list[tuple[str, int]]:
    """The words before an age chunk, back to the previous comma chunk: a name."""
    i = found.index(age[0])
    out = []
    for w in found[:i][::-1][:4]:
        if not w[0][:1].isupper():
            break
        out.append(w)
    return out[::-1]


def _judge_chunk(
    chunk: list[tuple[str, int]],
    initial: bool,
    kind: str,
    base: bool,
    past: bool = True,
    first_proper: bool = False,
    plural: bool = False,
) -> Source:
    src = _judge_whole(chunk, initial, kind, base, past, first_proper, plural)
    if src is Source.NONE:
        for i in range(1, len(chunk)):
            if chunk[i][0].lower() in _PARTICIPLES and chunk[i - 1][0].lower() in DOC_NOUNS:
                # "NHS England figures published on Thursday show": the document is the
                # subject, the participle phrase describes it
                return _judge_whole(chunk[:i], initial, kind, base, past, first_proper, plural)
    return src


def _judge_whole(
    chunk: list[tuple[str, int]],
    initial: bool,
    kind: str,
    base: bool,
    past: bool = True,
    first_proper: bool = False,
    plural: bool = False,
) -> Source:
    if any(w.lower() in _FINITE for w, _ in chunk):
        return Source.NONE  # "There are unconfirmed reports": not a subject
    if _measured(chunk) or (kind == "act" and any(w[0].isdigit() for w, _ in chunk)):
        return Source.NONE  # "a quarter of voters say": the measured, not the source
    if base and not _plural_head(chunk):
        return Source.NONE  # "the cell call system": a noun, not a verb
    return classify([w for w, _ in chunk], initial, kind, past, first_proper, plural)


def _measured(chunk: list[tuple[str, int]]) -> bool:
    """A figure in the subject's own noun phrase ("a quarter of voters say", "1,000
    residents said"): the measured, not the source. "The survey of 312 members found" is
    a source: its figure comes after the head."""
    ws = [w for w, _ in chunk]
    lows = [w.lower() for w in ws]
    head = head_index(lows)
    for i in range(max(0, head - 2), head + 1):
        # "1,000 angry residents", "a quarter", but not "16:30 National Grid"
        if _MEASURED.match(lows[i]) and not any(w[:1].isupper() for w in ws[i + 1 : head + 1]):
            return True
    return False


def _plural_head(chunk: list[tuple[str, int]]) -> bool:
    lows = [w.lower() for w, _ in chunk]
    w = lows[head_index(lows)]
    return w in _PLURAL_SUBJECTS or (len(w) > 2 and w.endswith("s") and not w.endswith("ss"))


def _first_word(text: str, start: int) -> int:
    m = _WORD.search(text, start)
    return m.start() if m else -1


def _chunks(
    text: str, found: list[tuple[str, int]], verb_at: int
) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """Split the words before a verb at commas: the subject's own chunk, and the one before."""
    # (the comma must stand between the words: "2,000 parents" is one chunk)
    cuts = [
        i
        for i in range(1, len(found))
        if "," in text[found[i - 1][1] + len(found[i - 1][0]) : found[i][1]]
    ]
    last = cuts[-1] if cuts else 0
    chunk = found[last:]
    before = found[cuts[-2] if len(cuts) > 1 else 0 : last] if cuts else []
    return chunk, before


_TRAILING_NAME = re.compile(r",\s*((?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'-]+)\s*[.,]?\s*$")


def _clause_follows(text: str, stop: int, m: re.Match[str] | None) -> bool:
    """An inverted source ends the clause ("said Smith." "said Smith, who ..."); words
    that run on into "and", "that" or "if" were the start of what was said."""
    if m is None or m.start() != stop:
        return False
    return m.group().lower() not in ("who", "whose", "which", "when", "after", "before", "as")


_FORWARD_WINDOW = 2_000  # no clause of news copy runs this far without a boundary


def _forward(text: str, start: int, strict: bool = False) -> tuple[Source, int, int]:
    """Judge the source after "according to", "by", or an inverted verb ("said Smith")."""
    # the clause's end is looked for within a window, and only its first eight words are
    # read: scanning to the end of a boundless run per cue was quadratic
    m = _BOUNDARY.search(text, start, start + _FORWARD_WINDOW)
    stop = m.start() if m else min(len(text), start + _FORWARD_WINDOW)
    comma = text.find(",", start, stop)
    stop = comma if comma >= 0 else stop
    words = _WORD.finditer(text, start, stop)
    ws = [(w.group(), w.start(), w.end()) for w in itertools.islice(words, 8)]
    if len(ws) > 1 and any(w == "as" for w, _, _ in ws[1:]):
        # "regarded by some as a Galáctico": the agent ends before "as"
        ws = ws[: next(i for i, (w, _, _) in enumerate(ws) if i and w == "as")]
    if not ws:
        return Source.NONE, start, start
    if strict and ws[0][0].lower() in (
        "in",
        "on",
        "at",
        "during",
        "to",
        "that",
        "it",
        "he",
        "she",
        "they",
        "we",
        "i",
        "this",
        "there",
    ):
        return Source.NONE, start, start  # "said in a statement", "said he would"
    if strict and (len(ws) > 6 or _clause_follows(text, stop, m)):
        return Source.NONE, start, start  # "said the airline would take delivery ... and"
    src = classify([w for w, _, _ in ws], False, "forward" if strict else "according")
    end = ws[-1][2]
    if strict and comma >= 0:
        named = _TRAILING_NAME.match(text, comma)
        if named is not None:
            end = named.end(1)  # "said Banco Austral's chief economist, Paula Lindqvist."
    return src, ws[0][1], end - 1 if text[end - 1] == "." else end
