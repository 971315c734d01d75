"""The sourcing check: one pass over each paragraph, four rules.

Each sentence is read once: quotations masked, reporting clauses found and judged; the
claim, statistic and quote rules then share that reading. Paragraph order matters only
for two news conventions: a quote paragraph continuing the statement attributed in the
paragraph before, and a statistic whose source was named in the sentence before.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import replace

from editcheck.checkapi import CheckContext
from editcheck.checks.sourcing.attribution import Attribution, Source
from editcheck.checks.sourcing.claimrule import NextParagraph, report_claims
from editcheck.checks.sourcing.claims import Claim, find_claims
from editcheck.checks.sourcing.lexicon import wordset
from editcheck.checks.sourcing.quotenames import names_a_thing
from editcheck.checks.sourcing.quotes import Quote, find_quotes
from editcheck.checks.sourcing.reader import (
    Reader,
    Relation,
    headline_speaker,
    qa_marker,
    speaker_line,
    summarise,
    summary_line,
    transcript_prefix,
    voxpop,
)
from editcheck.checks.sourcing.rules import (
    UNATTRIBUTED_CLAIM,
    UNATTRIBUTED_QUOTE,
    UNSOURCED_STATISTIC,
    VAGUE_ATTRIBUTION,
)
from editcheck.checks.sourcing.speakers import (
    QuoteSentences,
    attributed,
    introduced,
    is_quotation,
    is_title,
)
from editcheck.checks.sourcing.statistics import SPELLED_WORDS, Figure, find_figures
from editcheck.checks.sourcing.view import View, make_view
from editcheck.checks.sourcing.voice import writer_voice
from editcheck.checks.sourcing.worth import data_line, needs_source
from editcheck.document import Block, Document

# A capitalised word after a lower-case word, a comma or a semicolon and a space. The
# pattern opens with the space (a literal the scan skips ahead to), then looks around it.
_MID_CAPITAL = re.compile(r" (?=[A-Z])(?<=[a-z,;] )([A-Z][\w'’-]*)")
# In "Chelsea have reportedly agreed a fee of 70m", the club's own act does not source
# the figure: the sentence says it comes from reports.
_HEDGE_WORDS = wordset(
    "reportedly allegedly purportedly reputedly reports rumours rumors believed understood "
    "thought rumoured rumored"
)
# Words that name data or a finding: a sourced sentence holding one may carry its source
# to the next sentence's figures.
_DATA_NOUNS = wordset(
    """data figures statistics census survey poll study report analysis audit review estimate
    estimates records numbers tally count research index found show shows showed trial
    findings dataset"""
)
# A definite reference to a data source already named: "The study followed 17,604 adults".
_DATA_REFERENCE = re.compile(
    r"\b(?:the|this|that|these|those|its|their|the\s+same)\s+(?:[\w-]+\s+)?(?:study|survey|"
    r"report|data|figures|poll|census|analysis|audit|review|research|trial|index|statistics|"
    r"findings|estimates?|dataset|tally)(?:'s|’s)?\b(?!\s+(?:is|was)\s+"
    r"(?:expected|due))",
    re.I,
)
_REFERENCE_NOUNS = wordset(
    """study survey report data figures poll census analysis audit review research trial index
    statistics findings estimate estimates dataset tally"""
)
_SKIP_CONTEXT = frozenset({"pre", "code", "script", "style", "nav"})


def run_sourcing(doc: Document, ctx: CheckContext) -> None:
    """Report the four sourcing rules over ``doc``; list what the reader found in
    ``report.stats["sources"]``."""
    carried: bool | _ReportedSpeech = False
    speakers: set[str] = set()  # names of people quoted so far in this draft
    proper = frozenset(_MID_CAPITAL.findall(doc.text))
    blocks = [b for b in doc.blocks if not (b.is_blank or b.context & _SKIP_CONTEXT)]
    settings = _Settings(ctx, doc)
    reader = Reader(doc.text)
    reader.line_speakers, reader.interviewers = _line_speakers(blocks)
    for i, block in enumerate(blocks):
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        if qa_marker(block.text) == "A" and reader.interviewee is None:
            reader.interviewee = _interviewee(blocks, i)
        carried = _block(doc, block, ctx, carried, speakers, proper, following, settings, reader)
    sources = summarise(reader.relations)
    ctx.add_stats(
        sources=sources,
        sources_summary=summary_line(sources, reader.unsourced_figures, reader.unsourced_quotes),
    )


def _line_speakers(blocks: list[Block]) -> tuple[frozenset[str], frozenset[str]]:
    """The speaker prefixes of a transcript or a name-prefixed interview (a prefix used on
    two lines or more, or in capitals), and those whose lines are mostly questions: an
    interviewer or a moderator, whose lines are the publication's voice, not a source's."""
    asks: dict[str, list[bool]] = {}
    for b in blocks:
        found = transcript_prefix(b.text)
        if found is not None:
            name = b.text[found[0][0] : found[0][1]]
            asks.setdefault(name, []).append("?" in b.text)
    speakers = frozenset(n for n, lines in asks.items() if len(lines) > 1 or n.isupper())
    # A name-prefixed interview ("Reece: ...", "Hartley: ...") has an interviewer; in a
    # transcript in capitals ("COKER:", "MODERATOR:") every speaker is on the record.
    askers = frozenset(
        n
        for n in speakers
        if not n.isupper() and len(asks[n]) > 1 and sum(asks[n]) * 2 >= len(asks[n])
    )
    return speakers, askers


def _interviewee(blocks: list[Block], answer: int) -> tuple[tuple[int, int], str] | None:
    """The person an interview's plain "A:" lines belong to: the first full name in the
    headline or standfirst, before the first question."""
    first_q = next((i for i in range(answer) if qa_marker(blocks[i].text) == "Q"), answer)
    for b in blocks[:first_q][::-1]:
        at = 0
        while (m := _FULL_NAME.search(b.text, at)) is not None:
            if m.group(1).lower() not in _NOT_FIRST_NAMES:
                return (b.start + m.start(), b.start + m.end()), m.group()
            at = m.end(1)  # "Dr Nadia Karimi": the name after the title
    return None


_FULL_NAME = re.compile(r"\b([A-Z][a-z’'-]+)\s+(?:[A-Z]\.\s+)?[A-Z][a-z’'-]+(?:-[A-Z][a-z]+)?\b")
_NOT_FIRST_NAMES = wordset(
    "the a an in on at this that these those it he she they we i you his her q a mr mrs ms dr"
)


class _Settings:
    """Which rules run and the claim threshold, read once per draft, not per paragraph."""

    __slots__ = ("claims", "threshold", "statistics", "own_voice")

    def __init__(self, ctx: CheckContext, doc: Document | None = None) -> None:
        self.claims = ctx.enabled(UNATTRIBUTED_CLAIM.id) or ctx.enabled(VAGUE_ATTRIBUTION.id)
        self.threshold = float(ctx.options(UNATTRIBUTED_CLAIM.id).get("min-confidence", 0.5))
        self.statistics = ctx.enabled(UNSOURCED_STATISTIC.id)
        self.own_voice = doc is not None and self.claims and writer_voice(doc)


def _block(
    doc: Document,
    block: Block,
    ctx: CheckContext,
    carried: bool | _ReportedSpeech,
    speakers: set[str],
    proper: frozenset[str] = frozenset(),
    following: Block | None = None,
    settings: _Settings | None = None,
    reader: Reader | None = None,
) -> bool | _ReportedSpeech:
    """Check one paragraph; return whether the next one may continue its quoted statement
    (a :class:`_ReportedSpeech` when that depends on the next one's quote)."""
    text = block.text
    if reader is None:
        reader = Reader(doc.text)
    quotes = (
        find_quotes(text)
        if ('"' in text or "“" in text or "‘" in text or "'" in text or "«" in text or "„" in text)
        else []
    )
    # Titles in quotes stay readable: "The 'Times Literary Supplement' stated that ..." has
    # its subject inside the marks; only people's words are masked.
    masked = [q for q in quotes if not is_title(text, q)] if quotes else quotes
    views = [make_view(block, s, masked, proper) for s in doc.block_sentences(block)]
    if not views:
        return carried
    para = _paragraph_relation(block, following, reader)
    clauses = _clause_relations(block, views, reader, para)
    used: set[int] = set()  # ids of the clause relations a quote or figure hangs on
    quote_ok = _quotes(ctx, block, views, quotes, carried, speakers, reader, para, clauses, used)
    if settings is None:
        settings = _Settings(ctx)
    if settings.claims:
        last = len(views) - 1
        for i, v in enumerate(views):
            a, b = block.start + v.rel, block.start + v.rel + len(v.sentence.text)
            if para is not None and para.content[0] < b and a < para.content[1]:
                continue  # a transcript or interview answer: the speaker's own words
            after = views[i + 1] if i < last else NextParagraph(doc, following, proper)
            report_claims(ctx, v, settings.threshold, after, settings.own_voice)
    if settings.statistics and not data_line(text):  # a stat line or table row: data
        _statistics(ctx, block, views, _DIGIT.search(text) is not None, reader, para, clauses, used)
    for pairs in clauses:
        for attribution, r in pairs:
            if id(r) in used or attribution.verb == "act":
                continue
            if r.quality is Source.WEASEL and r.kind != "anonymous":
                continue  # "Critics say", "Some argue": a crowd, flagged, not a source
            reader.add(r)
    if para is not None:
        _line_claims(block, views, clauses, para, reader)
    reader.last_line = para if para is not None and para.how in _LINE_FORMS else None
    # The next paragraph may open with a quote that goes on with this one's speaker: only
    # when this one quoted an attributed speaker, ends by introducing one ("... said:"),
    # or asks an interviewee a question.
    # A paraphrase ("Smith said the plan was flawed.") does not vouch for a quote after it.
    standalone = [q for q in quotes if quote_ok.get(q.start) and _standalone(text, q)]
    # In a question-and-answer interview, a quoted paragraph after a question is the answer.
    question = not quotes and text.rstrip().endswith("?")
    if standalone and _headline(block):
        return False  # a headline's quote is its own: the standfirst does not go on with it
    if standalone:
        reader.carry = reader.last_quote
        return para is None or para.how != "voxpop"
    if views[-1].masked.rstrip().endswith(":"):
        reader.carry = clauses[-1][-1][1] if clauses[-1] else reader.last_speaker
        return True
    if question:
        reader.carry = para if para is not None and para.how != "qa" else reader.last_speaker
        return True
    named = [r for a, r in clauses[-1] if a.verb == "speech" and r.quality is Source.NAMED]
    reader.carry = named[0] if named else (clauses[-1][0][1] if clauses[-1] else None)
    if para is not None and para.how == "voxpop":
        return False  # each vox pop names its own speaker
    return _ReportedSpeech(views[-1], quotes) if quotes or clauses[-1] else False


_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))


def _headline(block: Block) -> bool:
    """A heading, or a short line with no closing punctuation (a plain-text headline)."""
    if block.tag in _HEADINGS:
        return True
    text = block.text.rstrip()
    return len(text) < 150 and text[-1:] not in ".!?\"”’'"


def _clause_relations(
    block: Block, views: list[View], reader: Reader, para: Relation | None = None
) -> list[list[tuple[Attribution, Relation]]]:
    """Each sentence's reporting clauses with the relation the reader makes of them, in
    order: a pronoun's source is the person named last before it, and "I" or "we" in a
    transcript line or an interview answer is its speaker."""
    out = []
    for v in views:
        pairs = [
            (a, reader.from_attribution(block, v.rel, a))
            for a in v.attributions
            if a.source >= Source.WEASEL
        ]
        if para is not None:
            pairs = [(a, _first_person(r, para)) for a, r in pairs]
        pairs = _shared_subjects(block, v, pairs)
        out.append(pairs)
        reader.note_subject(block, v.rel, v.masked, v.proper)
    return out


_LINE_FORMS = frozenset(("transcript", "qa", "continuation"))


def _line_claims(
    block: Block,
    views: list[View],
    clauses: list[list[tuple[Attribution, Relation]]],
    para: Relation,
    reader: Reader,
) -> None:
    """The sentences of a transcript line or an answer, each a claim of its speaker
    (unless a quote or figure of the sentence already hangs on the speaker)."""
    taken = [r.content for r in reader.relations[-64:] if r.source == para.source]
    for v, pairs in zip(views, clauses, strict=True):
        a, b = block.start + v.rel, block.start + v.rel + len(v.sentence.text)
        if not (para.content[0] < b and a < para.content[1]):
            continue
        if any(r.how == "clause" and r.quality >= Source.VAGUE for _, r in pairs):
            continue  # "HOLT: The same annual report says ...": the report answers for it
        if any(c0 < b and a < c1 for c0, c1 in taken):
            continue
        reader.add(replace(para, content=(a, b)))


_FIRST_PERSON = frozenset(("i", "we"))


def _first_person(r: Relation, para: Relation) -> Relation:
    """ "I believe him." in Hartley's answer: Hartley believes it."""
    if r.how == "pronoun" and r.name.lower().replace("’", "'").split("'")[0] in _FIRST_PERSON:
        return replace(r, source=para.source, name=para.name, kind=para.kind, cue=para.cue)
    return r


def _goes_on(text: str) -> bool:
    """A paragraph that may continue the speaker of a transcript line before it: no
    heading-like shortness, no new speaker or question marker of its own."""
    return (
        len(text) > 30
        and qa_marker(text) is None
        and voxpop(text) is None
        and _SPOKEN.search(text) is not None
    )


# Speech in a person's own voice: a narrative paragraph after a transcript ("The bypass
# has cut journey times ...") is the reporter's, not the last speaker's.
_SPOKEN = re.compile(r"\b(?:I|I'[a-z]+|I’[a-z]+|we|We|we're|We're|my|My|our|Our|you|You)\b")


_AND_BEFORE = re.compile(r"\b(?:and|but)\s+(?:\w+ly\s+)?$")


def _shared_subjects(
    block: Block, v: View, pairs: list[tuple[Attribution, Relation]]
) -> list[tuple[Attribution, Relation]]:
    """ "Ireland head coach Declan Farrelly said ... and warned ...": the second verb's
    source is the first one's, as written."""
    out: list[tuple[Attribution, Relation]] = []
    for a, r in pairs:
        first = out[0][1] if out else None
        c0 = r.cue[0] - block.start - v.rel
        if (
            first is not None
            and first.quality is Source.NAMED
            and r.how == "clause"
            and _AND_BEFORE.search(v.masked, max(0, c0 - 20), c0)
        ):
            # and it vouches for what follows it, not for the first verb's words
            r = replace(
                r,
                source=first.source,
                name=first.name,
                kind=first.kind,
                content=(r.cue[0], r.content[1]),
            )
        out.append((a, r))
    return out


def _paragraph_relation(block: Block, following: Block | None, reader: Reader) -> Relation | None:
    """The relation a paragraph's form gives all of it: a transcript or Q&A line, a vox
    pop, a pull quote whose speaker line follows it."""
    text = block.text
    marker = qa_marker(text)
    if marker == "A" and reader.interviewee is None and reader.last_person is not None:
        # no full name before the first question: the last person named is the one asked
        reader.interviewee = (reader.last_person.source, reader.last_person.name)
    if marker == "A" and reader.interviewee is not None:
        span, name = reader.interviewee
        cue = (block.start + text.index("A"), block.start + text.index(":") + 1)
        return Relation(
            span,
            cue,
            (cue[1], block.end),
            "person",
            name.removesuffix("’s").removesuffix("'s"),
            Source.NAMED,
            how="qa",
        )
    if marker is not None:
        return None
    prefix = transcript_prefix(text)
    if prefix is None and reader.last_line is not None and _goes_on(text):
        # A transcript or interview answer that runs to a second paragraph: same speaker.
        last = reader.last_line
        return replace(last, content=(block.start, block.end), how="continuation")
    if prefix is not None:
        name = text[prefix[0][0] : prefix[0][1]]
        if name in reader.interviewers or name not in reader.line_speakers:
            return None
        return reader.named(block, prefix[0], prefix[1], (prefix[1][1], len(text)), "transcript")
    pop = voxpop(text)
    if pop is not None:
        return reader.named(block, pop[0], pop[1], (pop[1][1], len(text)), "voxpop")
    if following is not None and text.lstrip()[:1] in "“\"‘'":
        line = speaker_line(following.text)
        if line is not None:
            r = reader.named(following, line[0], line[1], (0, 0), "pull-quote")
            return replace(r, content=(block.start, block.end))
    return None


# At most 20 marks between the quote and the pronoun: unbounded, a run of punctuation was
# re-read from each of its characters.
_THIRD_PERSON = re.compile(r"\W{0,20}+(?:he|she|they|his|her|their|him|them)\b", re.I)
# A speaker's own voice: "I", "We", "My", "Our" (or "He", "They" ... about someone), not "You".
_VOICE = re.compile(
    r"\W{0,20}+(?:he|she|they|his|her|their|him|them|i|i'm|i’m|i've|i’ve|we|we're|we’re|my|our|us)\b",
    re.I,
)


class _ReportedSpeech:
    """What a paragraph with quotations but no standalone attributed quote carries to the
    next: judged only if the next paragraph has a quote that needs it."""

    __slots__ = ("last", "quotes")

    def __init__(self, last: View, quotes: list[Quote]) -> None:
        self.last = last
        self.quotes = quotes

    def carries(self, text: str, q: Quote) -> bool:
        """After reported speech, a quote goes on with it only when it speaks of someone in
        the third person ("He has lost everything"), as the reporter of the speech did:
        "We ..." or "You ..." may be anybody's voice."""
        if _THIRD_PERSON.match(text, q.start + 1) is not None and _quoted_speech(
            self.last, self.quotes
        ):
            return True
        # A bare quote paragraph after a named person's reported speech goes on with them
        # when it speaks of someone ("They keep telling us ..."), or in the first person
        # after that speaker was quoted at length ("urged the board to "give us one more
        # year ..."" then "My daughter cried ..."); a two-word fragment ("too loose") is
        # not enough to hand them a first-person paragraph.
        if not _named_speech(self.last):
            return False
        if _THIRD_PERSON.match(text, q.start + 1) is not None:
            return True
        return _VOICE.match(text, q.start + 1) is not None and any(
            q2.start >= self.last.rel and q2.words >= 4 for q2 in self.quotes
        )


def _carried(carried: bool | _ReportedSpeech, text: str, q: Quote) -> bool:
    if isinstance(carried, _ReportedSpeech):
        return carried.carries(text, q)
    return carried


def _named_speech(last: View) -> bool:
    """The sentence reports what a named person said."""
    return any(
        a.source is Source.NAMED
        and a.verb == "speech"
        and any(w[:1].isupper() for w in a.phrase.split()[:-1])
        for a in last.attributions
    )


def _quoted_speech(last: View, quotes: list[Quote]) -> bool:
    """A paragraph ending in reported speech with the speaker's own words woven in ("Her
    barrister said she was "deeply ashamed"."): the next paragraph's quote goes on with it."""
    if not any(q.start >= last.rel for q in quotes):
        return False
    return any(a.source is Source.NAMED and a.verb == "speech" for a in last.attributions)


def _standalone(text: str, q: Quote) -> bool:
    """Direct speech that stands on its own, not a fragment woven into a sentence
    ("said the offer was "the best in the UK"")."""
    i = q.start - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    return i < 0 or text[i] in ".:,!?—–-"


def claim_candidates(doc: Document) -> list[tuple[list[Claim], list[str]]]:
    """Candidate claims and their model features, per sentence that has any (for training)."""
    out = []
    for block in doc.blocks:
        if block.is_blank:
            continue
        quotes = find_quotes(block.text)
        for s in doc.block_sentences(block):
            v = make_view(block, s, quotes)
            claims, feats = find_claims(v.masked, v.attributions)
            if claims:
                out.append((claims, feats))
    return out


def _quotes(
    ctx: CheckContext,
    block: Block,
    views: list[View],
    quotes: list[Quote],
    carried: bool | _ReportedSpeech,
    speakers: set[str],
    reader: Reader | None = None,
    para: Relation | None = None,
    clauses: list[list[tuple[Attribution, Relation]]] | None = None,
    used: set[int] | None = None,
) -> dict[int, bool]:
    """Report unattributed quotations; return each quotation's verdict by start offset.

    ``speakers`` gathers the names of people quoted so far: a quote that follows a sentence
    about one of them ("Duffield does not plan to leave. “Where would I go?”") is theirs.
    Each attributed quotation becomes a relation of the reader, on the speaker found.
    """
    verdicts: dict[int, bool] = {}
    if not quotes:
        return verdicts
    if reader is None:
        reader = Reader("")
    if clauses is None:
        clauses = _clause_relations(block, views, reader)
    used = set() if used is None else used
    ends = [v.rel + len(v.sentence.text) for v in views]
    starts = [v.rel for v in views]
    text = block.text
    for q in quotes:
        if not is_quotation(text, q) or names_a_thing(text, q):
            continue  # "the “Meth. We're on it.” campaign": a name, not speech
        first = min(bisect.bisect_right(ends, q.start), len(views) - 1)
        last = max(bisect.bisect_left(starts, q.end) - 1, first)
        opens = _blank_before(text, q)
        basis = _quote_basis(block, q, views, clauses, first, last, opens, carried, para, reader)
        if (
            basis is None
            and speakers
            and not _DESCRIBED.search(views[first].masked)
            and any(not speakers.isdisjoint(v.names) for v in views[max(0, first - 1) : last + 1])
        ):
            basis = reader.last_speaker
            ok = True
        else:
            ok = basis is not None
        if ok:
            for v in views[max(0, first - 1) : last + 2]:
                speakers.update(v.speakers)
            if isinstance(basis, Relation):
                used.add(id(basis))
                reader.quote(basis, block.start + q.inner_start, block.start + q.inner_end)
        verdicts[q.start] = ok
        if not ok:
            reader.unsourced_quotes += 1
            near = _nearest(clauses, first, last)
            data: dict[str, object] = {"words": q.words, "missing": "quote with no speaker"}
            if near is not None:
                data["nearest"] = {
                    **near.as_data(reader.text),
                    "why": "it is in another sentence and reports speech in its own words",
                }
            ctx.report_in(
                UNATTRIBUTED_QUOTE.id,
                block,
                q.start,
                q.end,
                "Quotation with no speaker: who said this? Add the attribution "
                "in this sentence or the next.",
                data=data,
            )
    return verdicts


# "has been described as “...”": a description nobody is named for, whoever the sentence
# is about (the claim rule flags the passive; the quote has no speaker either)
_DESCRIBED = re.compile(
    r"\b(?:has|have|had)\s+(?:\w+\s+)?been\s+(?:described|called|dubbed|labell?ed|hailed|"
    r"branded)\b",
    re.I,
)


def _blank_before(text: str, q: Quote) -> bool:
    """Nothing but dashes and spaces before the quote: it opens its paragraph."""
    i = q.start - 1
    while i >= 0 and text[i] in " —–-":
        i -= 1
    return i < 0


_QUOTE_VERBS = frozenset(("speech", "according", "agent"))
_WOVEN_VERBS = frozenset(("belief", "finding", "act"))


def _quote_basis(
    block: Block,
    q: Quote,
    views: list[View],
    clauses: list[list[tuple[Attribution, Relation]]],
    first: int,
    last: int,
    opens: bool,
    carried: bool | _ReportedSpeech,
    para: Relation | None,
    reader: Reader,
) -> Relation | bool | None:
    """The relation a quotation hangs on, True when it has a speaker the reader cannot
    point at (an interview's answer with no name given), or None when it has none."""
    start = block.start + q.start
    end = block.start + q.end
    in_line = para is not None and para.covers(start, start + 1)
    if in_line and not any(
        r.how == "clause" and r.quality is Source.NAMED
        for i in range(first, last + 1)
        for _, r in clauses[i]
    ):
        return para  # "FINCH: ... “...”": the speaker's own words
    head = headline_speaker(block.text, q.end)
    if head is not None:
        return reader.named(block, head[0], head[1], (q.start, q.end), "headline")
    if introduced(block.text, q):
        own = [r for _, r in clauses[first] if r.cue[1] <= start] if clauses else []
        if own:
            return own[-1]
        return _introducer(block, q, reader)
    # A clause of the quote's own sentence first: a speech verb, or a verb that takes the
    # quote as its object ("called it “...”", "describing her as “...”", "criticised the
    # company for “...”") with a named or role source; the nearest wins.
    own = [
        r
        for i in range(first, last + 1)
        for a, r in clauses[i]
        if (a.verb in _QUOTE_VERBS and a.source >= Source.WEASEL)
        or (a.verb in _WOVEN_VERBS and a.source >= Source.WEASEL)
    ]
    if not own and in_line:
        return para
    if own:
        if not _standalone(block.text, q):  # woven in: the verb before it governs it
            ahead = [r for r in own if r.cue[1] <= start]
            if ahead:
                return max(ahead, key=lambda r: r.cue[0])
        return min(own, key=lambda r: min(abs(r.cue[0] - start), abs(r.cue[0] - end)))
    if attributed(QuoteSentences(q, first, last), _LazyAttributions(views), opens, False):
        return _nearest_speaker(clauses, first, last, start) or True
    dash = block.text[: min(q.start, 8)].strip()[:1] in ("—", "–", "-")
    if opens and not dash and _carried(carried, block.text, q):
        return reader.carry or reader.last_quote or reader.last_speaker or True
    if first > 0 and not block.text[views[first].rel : q.start].strip():
        # "The senator was blunt. “This is the worst deal ...”": a quote opening the
        # sentence after one that opens with a person (and quotes nobody) is theirs
        prev = views[first - 1]
        if prev.masked == prev.sentence.text and not prev.attributions:
            return reader.subject_of(block, prev)
    return None


def _nearest_speaker(
    clauses: list[list[tuple[Attribution, Relation]]], first: int, last: int, at: int
) -> Relation | None:
    """The speech clause nearest the quote, in its own sentences first, then beside them."""
    for lo, hi in ((first, last), (last + 1, last + 1), (first - 1, first - 1)):
        found = [
            r
            for i in range(max(0, lo), min(hi, len(clauses) - 1) + 1)
            for a, r in clauses[i]
            if a.verb in _QUOTE_VERBS
        ]
        if found:
            return min(found, key=lambda r: abs(r.cue[0] - at))
    return None


def _nearest(
    clauses: list[list[tuple[Attribution, Relation]]], first: int, last: int
) -> Relation | None:
    """The reporting clause the reader weighed nearest a quote or figure, if any."""
    for i in (first, last, first - 1, last + 1):
        if 0 <= i < len(clauses) and clauses[i]:
            return clauses[i][0][1]
    return None


# Words taken possessively and started only at a word's start: linear on a run of capitals.
_INTRODUCER = re.compile(r"(?<![\w’'.-])((?:[A-Z][\w’'.-]*+\s+){0,3}[A-Z][\w’'.-]*+)[^A-Z:]*:\s*$")


def _introducer(block: Block, q: Quote, reader: Reader) -> Relation | None:
    """ "As Chris Boardman put it:", "a listener, Janet in Sowerby:": the name before the
    colon that opens the quote."""
    before = block.text[max(0, q.start - 120) : q.start]
    m = _INTRODUCER.search(before)
    if m is None:
        return reader.last_speaker
    off = q.start - len(before)
    colon = before.rindex(":") + off
    return reader.named(
        block,
        (off + m.start(1), off + m.end(1)),
        (colon, colon + 1),
        (q.start, q.end),
        "introduced",
    )


class _LazyAttributions(Sequence[list[Attribution]]):
    """``attrs[i]`` is sentence i's reporting clauses, found on first use."""

    def __init__(self, views: list[View]) -> None:
        self._views = views

    def __getitem__(self, i: int) -> list[Attribution]:  # type: ignore[override]
        return self._views[i].attributions

    def __len__(self) -> int:
        return len(self._views)


def _statistics(
    ctx: CheckContext,
    block: Block,
    views: list[View],
    digits: bool,
    reader: Reader | None = None,
    para: Relation | None = None,
    clauses: list[list[tuple[Attribution, Relation]]] | None = None,
    used: set[int] | None = None,
) -> None:
    """Report unsourced figures; ``digits`` says whether the paragraph holds any digit.
    Each sourced figure becomes a relation of the reader, on the source that covers it."""
    if reader is None:
        reader = Reader("")
    if clauses is None:
        clauses = _clause_relations(block, views, reader)
    used = set() if used is None else used
    # What the sentence before carries to this one ("According to the census, ... . It also
    # found 12% ..."): nothing (None), the relation of its cited data, or a sentence that
    # carries its source if it names one - judged only when a figure here needs it.
    before: int | Relation | None = None
    for i, v in enumerate(views):
        data_words = not _DATA_NOUNS.isdisjoint(v.words)
        if data_words and _cites_data(v):
            before = _cited(clauses[i], i, clauses, reader)
            figures = find_figures(v.masked, v.words) if _has_figure_hint(v, digits) else []
            for f in figures:
                cited = _covering(v, f, clauses[i]) or before
                if isinstance(cited, Relation):
                    used.add(id(cited))
                    at = block.start + v.rel
                    reader.figure(cited, at + f.start, at + f.end)
            continue
        figures = []
        if _has_figure_hint(v, digits):
            figures = find_figures(v.masked, v.words)
            carried = _carried_source(before, clauses)
            for f in figures:
                at = block.start + v.rel
                if _describes_source(v, f):
                    continue  # "according to two people briefed on the talks": who, not data
                # its own clause first ("My publisher tells me about 60% ..." in an
                # interview answer is the publisher's figure), then the line's speaker
                basis = _covering(v, f, clauses[i])
                if basis is None and para is not None and para.covers(at + f.start, at + f.end):
                    basis = para
                if basis is None:
                    basis = carried
                if basis is None and not needs_source(v.masked, f):
                    continue  # a recipe's cup, a market move, a conversion: no claim
                if basis is None:
                    reader.unsourced_figures += 1
                    _report_figure(ctx, v, f, _nearest(clauses, i, i), reader.text)
                else:
                    used.add(id(basis))
                    reader.figure(basis, at + f.start, at + f.end)
        before = i if figures or data_words else None


def _cited(
    pairs: list[tuple[Attribution, Relation]],
    i: int,
    clauses: list[list[tuple[Attribution, Relation]]],
    reader: Reader,
) -> Relation | None:
    """The source of a sentence that refers back to data already named ("the study
    found"): its own clause, else the last source named before it."""
    if pairs:
        return pairs[0][1]
    for j in range(i - 1, -1, -1):
        if clauses[j]:
            return clauses[j][0][1]
    return reader.last_speaker


def _carried_source(
    before: int | Relation | None, clauses: list[list[tuple[Attribution, Relation]]]
) -> Relation | None:
    """Whether (and by what) the sentence before sources this one's figures."""
    if before is None or isinstance(before, Relation):
        return before
    # An organisation's own act ("Acme cut 300 jobs") sources only its own figure: it
    # says nothing about where the next sentence's figures come from.
    for a, r in clauses[before]:
        if a.verb != "act" and a.source >= Source.VAGUE:
            return r
    return None


def _covering(v: View, f: Figure, pairs: list[tuple[Attribution, Relation]]) -> Relation | None:
    """The reporting clause of the sentence that vouches for figure ``f``, if one does."""
    hedged = not _HEDGE_WORDS.isdisjoint(v.words)
    found = [
        (a, r)
        for a, r in pairs
        if a.source >= Source.VAGUE
        and not (hedged and a.verb in ("act", "belief"))
        and a.covers(f.start, f.end)
    ]
    if not found:
        return None
    # A document's own finding first ("The ministry's own count shows 412,000 ..., according
    # to a report"); else the nearest clause before the figure ("X warned that ... and said
    # the company had fixed 80%"), else the first that covers it ("..., according to X").
    docs = [r for a, r in found if a.verb == "finding" and r.kind == "document"]
    if docs:
        return docs[0]
    before = [(a, r) for a, r in found if a.cue[0] <= f.start]
    return max(before, key=lambda p: p[0].cue[0])[1] if before else found[0][1]


def _describes_source(v: View, f: Figure) -> bool:
    """Whether figure ``f`` stands inside the source phrase of one of the sentence's
    reporting clauses ("two people familiar with the talks said", "a survey of 2,000
    parents by Mumsnet found"): it says who the source is, it is not a finding."""
    for a in v.attributions:
        if a.source < Source.WEASEL or a.verb == "act":
            continue
        s0, s1 = a.source_span
        if s0 <= f.start and f.end <= s1:
            return True
    return False


def _cites_data(v: View) -> bool:
    """A definite reference to a data source already named ("the study found")."""
    # In ASCII text the reference's noun is one of the sentence's words, so a sentence
    # without one is spared the search (elsewhere case folding may join words: "ı", "ſ").
    if v.masked.isascii() and _REFERENCE_NOUNS.isdisjoint(v.words):
        return False
    return _DATA_REFERENCE.search(v.masked) is not None


def _has_figure_hint(v: View, digits: bool) -> bool:
    """Cheap pre-test: a digit (looked for only in a paragraph that has one), or a word a
    spelled-out figure could be made of."""
    return (digits and _DIGIT.search(v.masked) is not None) or not SPELLED_WORDS.isdisjoint(v.words)


_DIGIT = re.compile(r"\d")


def _report_figure(
    ctx: CheckContext, v: View, f: Figure, near: Relation | None = None, text: str = ""
) -> None:
    figure = " ".join(f.text.split())
    data: dict[str, object] = {"kind": f.kind, "missing": "no source"}
    if near is not None:
        why = (
            f"source given only as '{near.name}'"
            if near.quality < Source.VAGUE
            else "its clause vouches for another part of the sentence"
        )
        if near.quality < Source.VAGUE:
            data["missing"] = f"source given only as '{near.name}'"
        data["nearest"] = {**near.as_data(text), "why": why}
    ctx.report_in(
        UNSOURCED_STATISTIC.id,
        v.sentence,
        f.start,
        f.end,
        f"No source for the figure '{figure}': whose count or data is it?",
        data=data,
    )
