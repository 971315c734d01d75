"""The attribution reader: who answers for what, as relations (source, cue, content).

Every sourcing rule asks this reader whether a quote, a figure or a claim has a source,
so there is one idea of "attributed". A relation comes from:

- a reporting clause of the sentence (:mod:`.attribution`: "X said", "according to X",
  "a survey published on Monday finds"); a pronoun's source is the person last named;
- the news conventions of a paragraph: a transcript or Q&A line ("FINCH: ...",
  "A: ..."), a vox pop ("Name, 34, driver — “...”"), a pull quote with its speaker line
  after it, a headline quote with its speaker after a colon, a quote paragraph that goes
  on with the previous speaker.

Relations are kept with document offsets so ``report.stats["sources"]`` can list every
source, what hangs on it and where (see :func:`summarise`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from editcheck.checks.sourcing.attribution import Attribution, Source
from editcheck.checks.sourcing.lexicon import words
from editcheck.checks.sourcing.sources import CALENDAR, COMMON_STARTERS, DOC_NOUNS, head_index
from editcheck.document import Block

if TYPE_CHECKING:
    from editcheck.checks.sourcing.view import View

KINDS = ("person", "organisation", "document", "outlet", "anonymous", "vague")
Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Relation:
    """One attribution: ``source`` (as written) answers, through ``cue``, for ``content``.

    Spans are document offsets. ``type`` is what hangs on it ("quote", "figure" or
    "claim"); ``how`` names the convention that made it ("clause", "pronoun",
    "continuation", "transcript", "qa", "voxpop", "pull-quote", "headline", "introduced").
    """

    source: Span
    cue: Span
    content: Span
    kind: str
    name: str
    quality: Source
    type: str = "claim"
    how: str = "clause"

    def covers(self, start: int, end: int) -> bool:
        return self.content[0] <= start and end <= self.content[1]

    def as_data(self, text: str) -> dict[str, Any]:
        """What an annotation says about a relation the reader weighed."""
        return {
            "source": self.name,
            "cue": text[self.cue[0] : self.cue[1]],
            "kind": self.kind,
            "span": [self.source[0], self.source[1]],
        }


# --- kinds ----------------------------------------------------------------------------

_WORD = re.compile(r"[A-Za-z][\w’'.&-]*")
# A name, an age perhaps, and the comma before an appositive: "Gráinne Walsh, ", "Mehmet
# Aksoy, 63, ", "Delahunty, 51, "
_NAME_BEFORE = re.compile(
    r"(?<![\w’'])((?:[A-Z][\w’'-]*\.?\s+){0,3}[A-Z][\w’'-]+)(?:\s*\([^()]{1,30}\))?"
    r"(?:,\s*\d{1,3})?,\s*$"
)
_NAME_THEN_APPOSITIVE = re.compile(  # words possessive, from a word's start: linear
    r"(?<![\w’'.-])((?:[A-Z][\w’'.-]*+\s+){0,4}[A-Z][\w’'.-]*+)(?:\s*\([^()]*\))?\s*,\s+"
    r"(?:a|an|the|who|which|its|his|her|their|one|\d)"
)
# The mastheads of newspapers, as the last word of a source: "The Irish Times".
_MASTHEAD = re.compile(
    r"\b(?:Times|Post|Journal|Inquirer|Telegraph|Guardian|Examiner|Echo|Express|Observer|"
    r"Herald|Tribune|Gazette|Courier|Chronicle|Mail|Mirror|Standard|Globe|Register|Sentinel|"
    r"Bulletin|Argus|Advertiser|Press|Wire)\b"
)
_CAPITAL_RUN = re.compile(r"(?:[A-Z][\w’'.-]*\s+){0,4}[A-Z][\w’'.-]*")


@cache
def _lists() -> dict[str, frozenset[str]]:
    return {
        name: words(name)
        for name in ("outlets", "org_nouns", "document_nouns", "anonymity", "person_titles")
    }


_HIDDEN = re.compile(
    r"\b(?:not\s+to\s+be\s+(?:named|identified)|condition\s+of\s+anonymity|requested\s+"
    r"anonymity|not\s+authori[sz]ed\s+to\s+speak)\b"
)
_PARTY = re.compile(
    r"\b(?:Republicans|Democrats|Conservatives|Tories|Liberals|Unionists|Nationalists|"
    r"Socialists|Greens|Independents)\b"
)
_BACK_REFERENCES = frozenset(
    ("the person", "the source", "the official", "the people", "the insider", "the sources")
)
_JOINS = frozenset(("of", "for", "and", "&", "on", "de", "the", "of the", "for the"))
_ADVERBS = frozenset("then later now also still earlier again yesterday today".split())


_CLAUSE_OPENERS = re.compile(r"(?:^|[.;:!?“”\"—–(]|\b(?:and|but|while|as|after|when))\s*$")


def _opens_clause(text: str, at: int, sentence: int) -> bool:
    """Whether a name at ``at`` opens its clause (nothing, or a boundary, before it in its
    sentence, which starts at ``sentence``)."""
    return at <= sentence or _CLAUSE_OPENERS.search(text, max(sentence, at - 12), at) is not None


def _pronoun(word: str) -> str:
    """ "she", "i" (from "I’ve") ... for a subject pronoun, else ""."""
    low = word.lower().replace("’", "'").split("'")[0]
    return low if low in ("he", "she", "they", "i", "we", "it") else ""


@lru_cache(maxsize=4096)
def kind_of(phrase: str, quality: Source) -> str:
    """The kind of a source phrase: person, organisation, document, outlet, anonymous or
    vague (see ``KINDS``)."""
    lists = _lists()
    low = " ".join(phrase.lower().replace("’", "'").split())
    ws = [w.strip(".,()'").removesuffix("'s") for w in low.split()]
    explicit = quality is Source.WEASEL or not {"named", "anonymity", "familiar"}.isdisjoint(ws)
    if (
        explicit
        and not lists["anonymity"].isdisjoint(ws)
        and not ("named" in ws and "not" not in ws and "un" not in low)
    ):
        return "anonymous"
    if quality < Source.NAMED:
        return "vague"
    bare = [w for w in ws if w not in ("the", "some", "many", "several")]
    if len(bare) <= 2 and bare and bare[-1] in words("vague_sources"):
        return "vague"  # "Legislative staff", "officials"
    if len(bare) == 1 and _PARTY.search(phrase):
        return "vague"  # "Republicans said": a party, no one named
    padded = f" {low} "
    if any(f" {o} " in padded for o in lists["outlets"]) or _MASTHEAD.search(phrase):
        return "outlet"
    cut = [w for w in ws if w not in ("the", "a", "an", "its", "their", "own")]
    head = cut[head_index(cut)] if cut else ""
    docs = lists["document_nouns"]
    if head in docs or head in DOC_NOUNS or (cut and cut[0] in docs and len(cut) > 1):
        return "document"  # "figures issued by NHS England", "a survey published on Monday"
    chunk = phrase.split(",")[0]
    org = lists["org_nouns"]
    runs: list[list[str]] = []
    last_end = -1
    for m in _CAPITAL_RUN.finditer(chunk):
        run = [w.lower().strip(".,") for w in m.group().split()]
        if runs and last_end >= 0 and chunk[last_end : m.start()].strip().lower() in _JOINS:
            runs[-1].extend(run)  # "The Department of Homeland Security": one name
            last_end = m.end()
            continue
        if len(run) == 1 and run[0] in org and chunk[m.end() : m.end() + 2][1:2].islower():
            continue  # "Board member Alan Petrosyan": a role's modifier, not the body
        runs.append(run)
        last_end = m.end()
    if len(runs) > 1:
        runs = runs[-1:]  # "County Democratic Party chair Ruth Amsel": the name is last
    for run in runs:
        if any(w in org for w in run):
            return "organisation"  # "Cascade Mountain Power", "the Brookfield school board"
        real = [w for w in run if w not in COMMON_STARTERS and w not in lists["person_titles"]]
        if len(real) >= 2 or (real and any(w in lists["person_titles"] for w in ws[:6])):
            return "person"  # "Board member Alan Petrosyan", "panel Chairman Rep. Whitlock"
    lead = _CAPITAL_RUN.match(phrase.strip())
    if lead and lead.group().isupper() and len(lead.group()) > 1 and " " not in lead.group():
        return "organisation"  # "NHS", "FAA"
    body = any(w in org or w in words("institutions") for w in ws)
    if body and not any(w in lists["person_titles"] for w in ws):
        return "organisation"
    return "person"
    if lead and lead.group().isupper() and len(lead.group()) > 1 and " " not in lead.group():
        return "organisation"  # "NHS", "FAA"
    body = any(w in lists["org_nouns"] or w in words("institutions") for w in ws)
    if body and not any(w in lists["person_titles"] for w in ws):
        return "organisation"
    return "person"


# "The senator was blunt.", "The new minister, ..., was blunt.": a role as the subject.
_ROLE_SUBJECT = re.compile(
    r"(?<!\s)\s*+((?:The|the)\s+(?:[a-z][\w-]*+\s+){0,2}?)([a-z]+)\b(?=[\s,])"
)
_MALE = re.compile(r"\b(?:Mr|Sir|Lord|spokesman|chairman|he|his|him|himself)\b")
_FEMALE = re.compile(r"\b(?:Mrs|Ms|Miss|Dame|Lady|spokeswoman|chairwoman|she|her|herself)\b")


def _gender(text: str, after: int) -> str | None:
    """ "m" or "f" from a title in the name, "m?" or "f?" from a first name alone, else
    from the first pronoun after it in its sentence ("Teresa Vail, a spokeswoman ... who
    declined to give her title"), else None."""
    head = text[:after]
    if _MALE.search(head):
        return "m"
    if _FEMALE.search(head):
        return "f"
    for word in head.split()[:4]:
        low = word.lower().strip(".,’'")
        if low in words("first_names_female"):
            return "f?"  # a first name is a weak sign: it does not rule out "they"
        if low in words("first_names_male"):
            return "m?"
    rest = text[after : text.find(".", after) if "." in text[after:] else len(text)]
    m, f = _MALE.search(rest), _FEMALE.search(rest)
    if m and (not f or m.start() < f.start()):
        return "m"
    if f:
        return "f"
    return None


# --- paragraph conventions --------------------------------------------------------------

# "FINCH: ...", "MODERATOR: ...", "Janet in Sowerby: ...", "Hartley: ...", "Q:", "A:".
_PREFIX = re.compile(
    r"^\s*((?:[A-Z][A-Z’'.-]+(?:\s+[A-Z][A-Z’'.-]+){0,2})|(?:[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|"
    r"in|of|de|van|von|al|from)){0,3}))\s*:\s+(?=\S)"
)
# A speaker in capitals with a title or a tag after the name: "GEN. MARK STONE, COMMANDER,
# U.S. CENTRAL COMMAND: ...", "SEN. RUTH DALTON (D-Minn.): ...", "TOM, CALLER: ...". The
# name is the first group; quantifiers are possessive, so a long run of capitals is read once.
_TITLED_PREFIX = re.compile(
    r"^\s*+([A-Z][A-Z’'.-]*+(?:\s++[A-Z][A-Z’'.-]*+){0,3})"
    r"(?:\s*+\([^()]{1,24}\)|,\s*+[A-Z][A-Z’'.&-]*+(?:\s++[A-Z][A-Z’'.&-]*+){0,5}){1,3}"
    r"\s*+:\s+(?=\S)"
)
_NOT_SPEAKERS = frozenset(
    """transcript update note correction editor's notes photo photos caption watch read listen
    pictured above below source sources update updated related more see also warning
    advertisement sponsored contact email phone tel web correction clarification key facts
    q a question answer""".split()
)
# "Margaret Lyle, 67, retired teacher — “...”"
_VOXPOP = re.compile(
    r"^\s*([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})(?:,[^—–:\"“”]{0,80})?\s*([—–:]|-{1,2})\s*"
    r"(?=[\"“‘'])"
)
# A pull quote's speaker line: "— Marguerite Osei", "- Rep. Dana Whitlock, at the hearing"
_SPEAKER_LINE = re.compile(r"^\s*([—–]|-{1,2})\s*((?:[A-Z][\w’'.-]*\.?\s*){1,5})")
# A headline quote with its speaker after a colon: "‘I stole it ...’: Marguerite Osei on ..."
# (read where a space run starts, possessively: a long run of spaces is read once)
_AFTER_COLON = re.compile(r"(?<!\s)\s*+:\s*+((?:[A-Z][\w’'.-]*+\s*+){1,4})")


def transcript_prefix(text: str) -> tuple[Span, Span] | None:
    """The speaker prefix of a transcript or Q&A line and its colon (block-relative)."""
    if ":" not in text[:90]:
        return None
    m = _PREFIX.match(text) if ":" in text[:48] else None
    if m is None:
        m = _TITLED_PREFIX.match(text)
    if m is None:
        return None
    name = m.group(1)
    low = name.lower()
    if low in _NOT_SPEAKERS or low.split()[0] in _NOT_SPEAKERS and " " not in low:
        return None
    if low in CALENDAR or len(name) > 40:
        return None
    colon = text.index(":", m.end(1))
    return (m.start(1), m.end(1)), (colon, colon + 1)


_QA = re.compile(r"(?<!\s)\s*([QA])\s*[:.]\s")  # matched at a line's start


def qa_marker(text: str) -> str | None:
    """ "Q" or "A" for an interview line that opens with "Q:" / "A:" (bold or not)."""
    if text.lstrip()[:1] not in ("Q", "A"):
        return None
    m = _QA.match(text)
    return m.group(1) if m else None


def voxpop(text: str) -> tuple[Span, Span] | None:
    """A vox pop line's name and dash (block-relative), when the line is one."""
    head = text[:160]
    if "—" not in head and "–" not in head and "-" not in head and ":" not in head:
        return None
    m = _VOXPOP.match(text)
    if m is None:
        return None
    name = m.group(1)
    if name.lower().split()[0] in COMMON_STARTERS:
        return None
    if m.group(2) == ":":
        # "Janet Price, 58, nurse: '...'" is a vox pop; "Ruth Kirk, of Norfolk Police,
        # said: '...'" is a reporting clause introducing a quote
        between = text[m.end(1) : m.start(2)].lower().replace(",", " ").split()
        if not words("speech_verbs").isdisjoint(between) or len(between) > 8:
            return None
    return m.span(1), m.span(2)


def speaker_line(text: str) -> tuple[Span, Span] | None:
    """A line that only names a speaker: "— Marguerite Osei" (name and dash spans)."""
    m = _SPEAKER_LINE.match(text)
    if m is None or len(text) > 120:
        return None
    name = m.group(2).rstrip(" ,.")
    return (m.start(2), m.start(2) + len(name)), m.span(1)


def headline_speaker(text: str, quote_end: int) -> tuple[Span, Span] | None:
    """The speaker named after a colon that follows a quote: "‘...’: Marguerite Osei on"."""
    m = _AFTER_COLON.match(text, quote_end)
    if m is None:
        return None
    name = m.group(1).strip()
    ws = name.split()
    while ws and ws[-1].lower() in COMMON_STARTERS:
        ws.pop()
    if len(ws) < 2:
        return None
    a = m.start(1)
    colon = text.index(":", quote_end)
    return (a, a + len(" ".join(ws))), (colon, colon + 1)


# --- the reader's memory across paragraphs ----------------------------------------------


class Reader:
    """Relations found so far in a draft, and what later paragraphs may lean on: the last
    person named (for "she said"), the last quote's relation (for a quote paragraph that
    goes on), the interviewee of a Q&A and the interviewer's name."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.relations: list[Relation] = []
        self.last_person: Relation | None = None
        self.last_quote: Relation | None = None
        self.last_speaker: Relation | None = None  # last relation with a named source
        self.last_source: Relation | None = None  # last relation of any source ("they")
        self.interviewee: tuple[Span, str] | None = None
        self.interviewers: frozenset[str] = frozenset()  # prefixes whose lines ask
        self.line_speakers: frozenset[str] = frozenset()  # prefixes of transcript lines
        self.carry: Relation | None = None  # whom a quote opening the next paragraph continues
        self.last_line: Relation | None = None  # the transcript or Q&A line just read
        self.persons: list[tuple[Relation, str | None]] = []  # recent people, with gender
        self.last_org: Relation | None = None  # what a later "it said" points at
        self.last_anonymous: Relation | None = None  # what "the person said" points at
        self.unsourced_figures = 0
        self.unsourced_quotes = 0

    # relations from clauses ------------------------------------------------------------

    def from_attribution(self, block: Block, rel: int, a: Attribution) -> Relation:
        """The relation of a reporting clause (sentence offset ``rel`` in ``block``)."""
        base = block.start + rel
        s0, s1 = a.source_span
        c0, c1 = a.cue
        named = _NAME_BEFORE.search(block.text, max(0, rel + s0 - 60), rel + s0)
        if named is not None and not _opens_clause(block.text, named.start(1), rel):
            named = None  # "... will commence in May, the transport authority said"
        if named is not None and named.group(1).split()[0].lower() in COMMON_STARTERS:
            named = None  # "In Gaza, the health ministry said": a place, not the ministry's name
        if named is not None and not block.text[rel + s0 : rel + s1][:1].isupper():
            # "Gráinne Walsh, an analyst at Davy, estimated": the source is the name the
            # appositive describes, not the appositive.
            s0 = named.start(1) - rel
        phrase = block.text[rel + s0 : rel + s1]
        name = described = " ".join(phrase.strip(" ,").split())
        if named is not None and name[:1].isupper():
            name = named.group(1)
        head = _NAME_THEN_APPOSITIVE.match(phrase)
        if head is not None:
            # "Brightwell, the Leeds-based bakery chain": the name as written, without the
            # description (which still decides the kind)
            name = head.group(1)
            s1 = s0 + head.end(1)
        src_span = (base + s0, base + s1)
        how = "clause"
        kind = kind_of(described, a.source)
        if _HIDDEN.search(block.text, rel + s1, rel + c0):
            kind = "anonymous"  # "Two lobbyists who asked not to be named ... said"
        parts = name.split()
        if (
            len(parts) > 1
            and _pronoun(parts[-1])
            and all(p.lower() in _ADVERBS for p in parts[:-1])
        ):
            # "Then she read it": the pronoun is the subject
            s0 = s1 - len(block.text[rel + s0 : rel + s1].rstrip().split()[-1]) - 0
            name, parts = parts[-1], parts[-1:]
            src_span = (base + s0, base + s1)
        first = _pronoun(parts[0]) if len(parts) == 1 else ""
        cue0 = base + c0
        if name.lower() in _BACK_REFERENCES and self.last_anonymous is not None:
            # "..., according to a person familiar with the briefing. ... the person said"
            src_span, name = self.last_anonymous.source, self.last_anonymous.name
            kind = "anonymous"
        if first == "it" and self.last_org is not None:
            how = "pronoun"
            src_span, name, kind = self.last_org.source, self.last_org.name, self.last_org.kind
        elif first in ("he", "she", "they", "i", "we"):
            how = "pronoun"
            antecedent = self.person_for(first)
            if antecedent is not None:
                src_span, name = antecedent.source, antecedent.name
                kind = "person"
            if not block.text[rel + s1 : rel + c0].strip():
                cue0 = base + s0  # "she said": the pronoun and the verb
        content = (base + max(0, a.scope_start), base + min(a.scope_end, 1 << 28))
        r = Relation(src_span, (cue0, base + c1), content, kind, name, a.source, how=how)
        if kind == "person" and a.source is Source.NAMED and how == "clause" and name[:1].isupper():
            self.remember(r, block.text[rel + s0 : rel + s0 + 200], a.source_span[1] - s0)
        if kind == "anonymous" and name.lower() not in _BACK_REFERENCES:
            self.last_anonymous = r
        if a.source is Source.NAMED:
            self.last_speaker = r
            if kind == "organisation" and how == "clause":
                self.last_org = r
        self.last_source = r
        return r

    def remember(self, r: Relation, text: str, after: int = 0) -> None:
        """Keep ``r``'s person as one a later "he" or "she" may point at, with the gender
        its words give away ("Mrs", "spokeswoman", "her title")."""
        self.last_person = r
        gender = _gender(text, after)
        self.persons = [(p, g) for p, g in self.persons if p.name != r.name][-5:]
        self.persons.append((r, gender))

    def person_for(self, pronoun: str) -> Relation | None:
        """The person a pronoun points at: the last named whose gender does not clash.

        "They" points at a person only when that person was the last source named and
        nothing in the text gave them "he" or "she" ("Alex Mbeki ... said. ... they said"):
        after a group ("Residents said ... They said") it stays the group's pronoun."""
        if pronoun == "they":
            if not self.persons:
                return None
            p, g = self.persons[-1]
            last = self.last_source
            if g in (None, "m?", "f?") and last is not None and last.source == p.source:
                return p
            return None
        want = {"he": "m", "she": "f"}.get(pronoun)
        if want is None:
            return None
        for p, g in reversed(self.persons):
            if g in (want, want + "?", None):
                return p
        return None

    def note_subject(
        self, block: Block, rel: int, masked: str, proper: frozenset[str] = frozenset()
    ) -> None:
        """A sentence that opens with a person's name ("Ibarra rejected that account.")
        makes them the one a later "he said" points at."""
        if not masked[:1].isupper():
            return
        m = _CAPITAL_RUN.match(masked)
        if m is None:
            return
        ws = m.group().split()
        if ws[0].lower().strip(".") in COMMON_STARTERS or ws[0].lower() in CALENDAR:
            return
        after = masked[m.end() : m.end() + 2]
        appositive = after.startswith(",") and len(ws) >= 2  # "Tomasz Wrona, 41, came ..."
        if not appositive and (not after.startswith(" ") or not after[1:2].islower()):
            return
        name = m.group()
        if len(ws) == 1 and ws[0] not in proper:
            return  # "Punctuality improved": a capitalised first word, not a name
        if kind_of(name, Source.NAMED) != "person":
            return
        if name.endswith(("'s", "’s")):
            return  # "St Aldhelm’s": a place
        span = (block.start + rel + m.start(), block.start + rel + m.end())
        r = Relation(span, span, span, "person", name, Source.NAMED, how="subject")
        self.remember(r, masked[m.start() : m.start() + 200], m.end() - m.start())

    def subject_of(self, block: Block, v: View) -> Relation | None:
        """The person a sentence opens with, as its subject ("Ibarra was blunt.", "The
        senator was blunt."): whom a quote opening the next sentence belongs to."""
        a = block.start + v.rel
        lead = len(v.masked) - len(v.masked.lstrip())
        if self.persons:
            p, _ = self.persons[-1]
            if p.how == "subject" and p.source[0] == a + lead:
                return p
        m = _ROLE_SUBJECT.match(v.masked)
        if m is None or m.group(2).lower() not in _lists()["person_titles"]:
            return None
        span = (a + m.start(1), a + m.end(2))
        name = v.masked[m.start(1) : m.end(2)]
        r = Relation(span, span, span, "person", name, Source.NAMED, how="subject")
        self.remember(r, v.masked[m.start(1) : m.start(1) + 200], m.end(2) - m.start(1))
        return r

    def add(self, r: Relation) -> Relation:
        self.relations.append(r)
        if r.type == "quote":
            self.last_quote = r
        return r

    def quote(self, basis: Relation, start: int, end: int, how: str | None = None) -> Relation:
        """A quote relation for block-free document offsets ``[start, end)``."""
        return self.add(replace(basis, content=(start, end), type="quote", how=how or basis.how))

    def figure(self, basis: Relation, start: int, end: int) -> Relation:
        return self.add(replace(basis, content=(start, end), type="figure"))

    def named(self, block: Block, source: Span, cue: Span, content: Span, how: str) -> Relation:
        """A relation whose source is a name written in ``block`` (block-relative spans)."""
        b = block.start
        name = " ".join(block.text[source[0] : source[1]].split())
        kind = "person" if how in ("transcript", "voxpop", "qa", "pull-quote") else None
        r = Relation(
            (b + source[0], b + source[1]),
            (b + cue[0], b + cue[1]),
            (b + content[0], b + content[1]),
            kind or kind_of(name, Source.NAMED),
            name,
            Source.NAMED,
            how=how,
        )
        if r.kind == "person":
            self.remember(r, block.text[source[0] : source[0] + 200], source[1] - source[0])
        self.last_speaker = self.last_source = r
        return r


def summarise(relations: list[Relation]) -> list[dict[str, Any]]:
    """``report.stats["sources"]``: each source as written, its kind, how many claims,
    figures and quotes hang on it, and the relations with their offsets.

    A surname alone ("Amberg") joins the full name it belongs to ("Louise Amberg").
    """
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    full: dict[str, tuple[str, str]] = {}
    order: list[tuple[str, str]] = []
    for r in relations:
        written = " ".join(r.name.split()).strip(" ,.")
        if r.how == "pronoun" and written.lower().replace("’", "'").split("'")[0] in ("i", "we"):
            continue  # "I think it earns every minute": the writer, not a source to list
        # "Officials" and "officials" are one source; a person's name keeps its case
        key = (written if r.kind == "person" else written.lower(), r.kind)
        if r.kind == "person":
            parts = key[0].split()
            if len(parts) == 1 and parts[0] in full:
                key = full[parts[0]]
            elif len(parts) > 1:
                full.setdefault(parts[-1], key)
        if key not in groups:
            groups[key] = {
                "name": written,
                "kind": key[1],
                "claims": 0,
                "figures": 0,
                "quotes": 0,
                "relations": [],
            }
            order.append(key)
        g = groups[key]
        g[{"claim": "claims", "figure": "figures", "quote": "quotes"}[r.type]] += 1
        g["relations"].append(
            {
                "source": [r.source[0], r.source[1]],
                "cue": [r.cue[0], r.cue[1]],
                "content": [r.content[0], r.content[1]],
                "type": r.type,
                "how": r.how,
            }
        )
    return [groups[k] for k in order]


def summary_line(
    sources: list[dict[str, Any]], unsourced_figures: int, unsourced_quotes: int
) -> str:
    """ "7 sources: 4 named people, 2 organisations, 1 anonymous; 2 figures and 1 quote
    unsourced" - the last line of the text report."""
    labels = {
        "person": ("named person", "named people"),
        "organisation": ("organisation", "organisations"),
        "document": ("document or data set", "documents or data sets"),
        "outlet": ("news outlet", "news outlets"),
        "anonymous": ("anonymous", "anonymous"),
        "vague": ("vague", "vague"),
    }
    counts = {k: sum(1 for s in sources if s["kind"] == k) for k in KINDS}
    parts = [f"{n} {labels[k][n != 1]}" for k, n in counts.items() if n]
    head = f"{len(sources)} source{'s' if len(sources) != 1 else ''}"
    line = f"{head}: {', '.join(parts)}" if parts else head
    tail = []
    if unsourced_figures:
        tail.append(f"{unsourced_figures} figure{'s' if unsourced_figures != 1 else ''}")
    if unsourced_quotes:
        tail.append(f"{unsourced_quotes} quote{'s' if unsourced_quotes != 1 else ''}")
    return f"{line}; {' and '.join(tail)} unsourced" if tail else f"{line}; nothing unsourced"
