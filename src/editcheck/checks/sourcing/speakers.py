"""Whether a quotation has a speaker: in its sentence, beside it, or by news convention.

News copy attributes a quote once and lets it run: a paragraph that opens with a quote
continues the statement attributed just before it; a speaker introduced with a colon owns
the quote that follows; "she said" may come in the next sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from editcheck.checks.sourcing.attribution import Attribution, Source
from editcheck.checks.sourcing.lexicon import words, wordset
from editcheck.checks.sourcing.quotes import Quote
from editcheck.checks.sourcing.sources import CALENDAR, COMMON_STARTERS

MIN_WORDS = 4
# Words after which a quoted phrase is a title or a name, not someone's words.
# Words after which a quoted phrase is a title, a name, a gloss or a lyric, not someone's
# words (data/not_quotation_cues.txt).
_TITLE_WORDS = words("not_quotation_cues")
_NAME = re.compile(r"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b")
_ABBREVIATION = re.compile(r"\b(?:[A-Z]\.){2,}|\b(?:Dr|St|Mr|Mrs|Ms|Jr|Sr|Co|No|Vol|Mt|Ft|v|vs)\.")
_CLAUSE_START = re.compile(r"[.!?;]\s")
# Small words a title leaves in lower case, in English and in the languages whose titles
# news copy quotes most ("Le Courrier du Canada", "Escuela de Hostelería del Hotel Euromar").
_SMALL = wordset(
    """a an the and or of in on at to for with by from as but nor is de del la le les du des
    di da e et y van von der den het il el los las au aux und zu v v. vs vs."""
)
_SPEECH = frozenset(("speech", "according", "agent"))
# Small words between a title cue and the quote: "called the", "motto of", "its slogan,".
_LEAD_INS = frozenset(("the", "a", "an", "of", "its", "his", "her", "their", "our", "this"))


@dataclass(frozen=True, slots=True)
class QuoteSentences:
    """A quotation and the indexes of the block's sentences it overlaps."""

    quote: Quote
    first: int
    last: int


def is_quotation(text: str, q: Quote) -> bool:
    """True for a quotation of someone's words; False for scare quotes and titles."""
    if q.words < MIN_WORDS:
        return False
    before = [
        w.strip("([")
        for w in text[max(0, q.start - 40) : q.start]
        .lower()
        .replace(",", " ")
        .replace(":", " ")
        .split()
    ]
    while len(before) > 1 and before[-1] in _LEAD_INS:
        before.pop()  # "formally called the 'Group ...'", "his tagline of 'You must ...'"
    if before and (before[-1] in _TITLE_WORDS or " ".join(before[-2:]) in _TITLE_WORDS):
        # "is called 'Cnoc na Gaoithe'" names; "have been called 'the hidden half of the
        # NHS'" describes, with nobody named: a quotation
        return len(before) > 1 and before[-2] == "been" and before[-1] in _DESCRIBING
    if _ACRONYM_AFTER.match(text, q.end):
        return False  # "'potato tuber necrotic ringspot disease' (PTNRD)": a term, defined
    inner = text[q.inner_start : q.inner_end]
    return not (_title_case(inner) or _single_quoted_name(text, q, inner))


_ACRONYM_AFTER = re.compile(r"[ \t]{0,3}\([A-Z][A-Za-z]{1,7}\)")


def is_title(text: str, q: Quote) -> bool:
    """A quoted title or name in capitals ("'Times Literary Supplement'", "“The Salt Roads
    of Accra”"): words the sentence may need to read its subject, not speech to mask."""
    inner = text[q.inner_start : q.inner_end]
    if not inner[:1].isupper() or q.words > 10:
        return False
    return _title_case(inner) or _single_quoted_name(text, q, inner)


_SPEAKING = re.compile(r"\b(?:I|I'm|I’m|we|We|you|You|my|My|our|Our|me|us)\b")


def _single_quoted_name(text: str, q: Quote, inner: str) -> bool:
    """A short capitalised phrase in single quotes inside a sentence, with no sentence
    punctuation and nobody's voice in it ("the 'Times Literary Supplement'", "a course at
    the 'Escuela de Hostelería'"): a name or a title, the way reference copy marks them."""
    if text[q.start] not in "'‘" or not inner[:1].isupper():
        return False
    if not text[: q.start].strip() or len(inner.split()) > 7:
        return False  # a quote that opens its paragraph is somebody's words
    return not any(c in inner for c in ".!?;") and _SPEAKING.search(inner) is None


_DESCRIBING = frozenset(("called", "dubbed", "named", "nicknamed", "labelled", "labeled"))


def _title_case(inner: str) -> bool:
    """A quoted Title In Capitals with no sentence punctuation reads as a title of a work."""
    ws = inner.strip(" ,.").split()
    # "Dr. Petar Beron", "U.S. Navy SEALs", "St. Mary's": abbreviations are no sentence end
    plain = _ABBREVIATION.sub("", inner.strip(" ,."))
    if len(ws) > 10 or any(c in plain for c in ".!?;"):
        return False
    content = [w for w in ws if w.lower() not in _SMALL]
    return bool(content) and all(w[:1].isupper() or not w[:1].isalpha() for w in content)


def has_speaker(attributions: list[Attribution]) -> bool:
    """A speech clause with any source at all, even a vague or anonymous one."""
    return any(a.verb in _SPEECH and a.source >= Source.WEASEL for a in attributions)


def attributed(
    qs: QuoteSentences, views_attr: Sequence[list[Attribution]], opens_block: bool, carried: bool
) -> bool:
    """True when the quote has a speaker nearby, or continues an attributed statement."""
    lo, hi = max(0, qs.first - 1), min(len(views_attr) - 1, qs.last + 1)
    if any(has_speaker(views_attr[i]) for i in range(lo, hi + 1)):
        return True
    return opens_block and carried


def speaker_names(attributions: Iterable[Attribution]) -> set[str]:
    """Capitalised names in the named speech clauses ("Jean Duffield says" gives "Jean",
    "Duffield"), to recognise the speaker when the story comes back to them."""
    out: set[str] = set()
    for a in attributions:
        if a.source is Source.NAMED and a.verb in _SPEECH:
            out.update(
                w
                for w in _NAME.findall(a.phrase)
                if w.lower() not in COMMON_STARTERS and w.lower() not in CALENDAR
            )
    return out


def introduced(text: str, q: Quote) -> bool:
    """A speaker named before a colon that opens the quote: "As Chris Boardman put it:",
    "In the words of the judge:"."""
    before = text[max(0, q.start - 120) : q.start].rstrip()
    if not before.endswith(":"):
        return False
    clause = _CLAUSE_START.split(before[:-1])[-1]
    ws = clause.split()
    # a name after the clause's first word ("As Chris Boardman put it:"), not a day or a
    # month ("the mood on Wednesday came down to a single sentence:")
    return any(w[:1].isupper() and w.lower().strip(",.") not in CALENDAR for w in ws[1:]) or any(
        w.lower() in ("he", "she", "they", "we", "i") for w in ws
    )
