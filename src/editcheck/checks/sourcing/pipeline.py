"""The sourcing check: one pass over each paragraph, four rules.

Each sentence is read once: quotations masked, reporting clauses found and judged; the
claim, statistic and quote rules then share that reading. Paragraph order matters only
for two news conventions: a quote paragraph continuing the statement attributed in the
paragraph before, and a statistic whose source was named in the sentence before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from editcheck.checkapi import CheckContext
from editcheck.checks.sourcing.attribution import Attribution, Source
from editcheck.checks.sourcing.claimrule import NextParagraph, report_claims
from editcheck.checks.sourcing.claims import Claim, find_claims
from editcheck.checks.sourcing.lexicon import wordset
from editcheck.checks.sourcing.quotes import Quote, find_quotes
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
)
from editcheck.checks.sourcing.statistics import SPELLED_WORDS, Figure, find_figures
from editcheck.checks.sourcing.view import View, make_view
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
    """Report the four sourcing rules over ``doc``."""
    carried: bool | _ReportedSpeech = False
    speakers: set[str] = set()  # names of people quoted so far in this draft
    proper = frozenset(_MID_CAPITAL.findall(doc.text))
    blocks = [b for b in doc.blocks if not (b.is_blank or b.context & _SKIP_CONTEXT)]
    settings = _Settings(ctx)
    for i, block in enumerate(blocks):
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        carried = _block(doc, block, ctx, carried, speakers, proper, following, settings)


class _Settings:
    """Which rules run and the claim threshold, read once per draft, not per paragraph."""

    __slots__ = ("claims", "threshold", "statistics")

    def __init__(self, ctx: CheckContext) -> None:
        self.claims = ctx.enabled(UNATTRIBUTED_CLAIM.id) or ctx.enabled(VAGUE_ATTRIBUTION.id)
        self.threshold = float(ctx.options(UNATTRIBUTED_CLAIM.id).get("min-confidence", 0.5))
        self.statistics = ctx.enabled(UNSOURCED_STATISTIC.id)


def _block(
    doc: Document,
    block: Block,
    ctx: CheckContext,
    carried: bool | _ReportedSpeech,
    speakers: set[str],
    proper: frozenset[str] = frozenset(),
    following: Block | None = None,
    settings: _Settings | None = None,
) -> bool | _ReportedSpeech:
    """Check one paragraph; return whether the next one may continue its quoted statement
    (a :class:`_ReportedSpeech` when that depends on the next one's quote)."""
    text = block.text
    quotes = (
        find_quotes(text)
        if ('"' in text or "“" in text or "‘" in text or "'" in text or "«" in text or "„" in text)
        else []
    )
    views = [make_view(block, s, quotes, proper) for s in doc.block_sentences(block)]
    if not views:
        return carried
    quote_ok = _quotes(ctx, block, views, quotes, carried, speakers)
    if settings is None:
        settings = _Settings(ctx)
    if settings.claims:
        last = len(views) - 1
        for i, v in enumerate(views):
            after = views[i + 1] if i < last else NextParagraph(doc, following, proper)
            report_claims(ctx, v, settings.threshold, after)
    if settings.statistics:
        _statistics(ctx, views, _DIGIT.search(text) is not None)
    # The next paragraph may open with a quote that goes on with this one's speaker: only
    # when this one quoted an attributed speaker, ends by introducing one ("... said:"),
    # or asks an interviewee a question.
    # A paraphrase ("Smith said the plan was flawed.") does not vouch for a quote after it.
    standalone = [q for q in quotes if quote_ok.get(q.start) and _standalone(text, q)]
    # In a question-and-answer interview, a quoted paragraph after a question is the answer.
    question = not quotes and text.rstrip().endswith("?")
    if standalone or question or views[-1].masked.rstrip().endswith(":"):
        return True
    return _ReportedSpeech(views[-1], quotes) if quotes else False


# At most 20 marks between the quote and the pronoun: unbounded, a run of punctuation was
# re-read from each of its characters.
_THIRD_PERSON = re.compile(r"\W{0,20}+(?:he|she|they|his|her|their|him|them)\b", re.I)


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
        return _THIRD_PERSON.match(text, q.start + 1) is not None and _quoted_speech(
            self.last, self.quotes
        )


def _carried(carried: bool | _ReportedSpeech, text: str, q: Quote) -> bool:
    if isinstance(carried, _ReportedSpeech):
        return carried.carries(text, q)
    return carried


def _quoted_speech(last: View, quotes: list[Quote]) -> bool:
    """A paragraph ending in reported speech with the speaker's own words woven in ("Her
    barrister said she was "deeply ashamed"."): the next paragraph's quote goes on with it."""
    if not any(q.start >= last.rel for q in quotes):
        return False
    return any(a.source is Source.NAMED and a.verb == "speech" for a in last.attributions)


def _standalone(text: str, q: Quote) -> bool:
    """Direct speech that stands on its own, not a fragment woven into a sentence
    ("said the offer was "the best in the UK"")."""
    before = text[: q.start].rstrip()
    return not before or before[-1] in ".:,!?—–-"


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
) -> dict[int, bool]:
    """Report unattributed quotations; return each quotation's verdict by start offset.

    ``speakers`` gathers the names of people quoted so far: a quote that follows a sentence
    about one of them ("Duffield does not plan to leave. “Where would I go?”") is theirs.
    """
    verdicts: dict[int, bool] = {}
    attrs = _LazyAttributions(views)
    for q in quotes:
        if not is_quotation(block.text, q):
            continue
        first = next((i for i, v in enumerate(views) if v.rel + len(v.sentence.text) > q.start), 0)
        last = next((i for i in range(len(views) - 1, -1, -1) if views[i].rel < q.end), first)
        opens = not block.text[: q.start].strip(" —–-")
        ok = (
            introduced(block.text, q)
            or attributed(QuoteSentences(q, first, last), attrs, opens, False)
            or (opens and _carried(carried, block.text, q))
        )
        near = views[max(0, first - 1) : last + 2]
        if ok:
            for v in near:
                speakers.update(v.speakers)
        elif speakers and any(
            not speakers.isdisjoint(v.names) for v in views[max(0, first - 1) : last + 1]
        ):
            ok = True
        verdicts[q.start] = ok
        if not ok:
            ctx.report_in(
                UNATTRIBUTED_QUOTE.id,
                block,
                q.start,
                q.end,
                "Quotation with no speaker: who said this? Add the attribution "
                "in this sentence or the next.",
                data={"words": q.words},
            )
    return verdicts


class _LazyAttributions(Sequence[list[Attribution]]):
    """``attrs[i]`` is sentence i's reporting clauses, found on first use."""

    def __init__(self, views: list[View]) -> None:
        self._views = views

    def __getitem__(self, i: int) -> list[Attribution]:  # type: ignore[override]
        return self._views[i].attributions

    def __len__(self) -> int:
        return len(self._views)


def _statistics(ctx: CheckContext, views: list[View], digits: bool) -> None:
    """Report unsourced figures; ``digits`` says whether the paragraph holds any digit."""
    # What the sentence before carries to this one ("According to the census, ... . It also
    # found 12% ..."): nothing (None), its cited data (True), or a sentence that carries its
    # source if it names one - judged only when a figure here needs it, so most sentences'
    # reporting clauses are never looked for on this rule's account.
    before: View | bool | None = None
    last = len(views) - 1
    for i, v in enumerate(views):
        data_words = not _DATA_NOUNS.isdisjoint(v.words)
        if data_words and _cites_data(v):
            before = True  # "the survey found ...": its figures are sourced, and the next one's
            continue
        figures: list[Figure] = []
        if _has_figure_hint(v, digits):
            if i < last and not data_words:  # whether it has figures decides what it carries
                figures = find_figures(v.masked, v.words)
                reporting = bool(figures) and not _carries(before)
            else:
                reporting = not _carries(before)
                figures = find_figures(v.masked, v.words) if reporting else []
            if reporting and figures:
                sources = _sources(v)
                for f in figures:
                    if not any(a.covers(f.start, f.end) for a in sources):
                        _report_figure(ctx, v, f)
        before = v if figures or data_words else None


def _cites_data(v: View) -> bool:
    """A definite reference to a data source already named ("the study found")."""
    # In ASCII text the reference's noun is one of the sentence's words, so a sentence
    # without one is spared the search (elsewhere case folding may join words: "ı", "ſ").
    if v.masked.isascii() and _REFERENCE_NOUNS.isdisjoint(v.words):
        return False
    return _DATA_REFERENCE.search(v.masked) is not None


def _carries(before: View | bool | None) -> bool:
    """Whether the sentence before sources this one's figures (see ``_statistics``)."""
    if isinstance(before, View):
        # An organisation's own act ("Acme cut 300 jobs") sources only its own figure: it
        # says nothing about where the next sentence's figures come from.
        return any(a.verb != "act" for a in _sources(before))
    return bool(before)


def _sources(v: View) -> list[Attribution]:
    """The reporting clauses that may source a figure."""
    hedged = not _HEDGE_WORDS.isdisjoint(v.words)
    return [
        a
        for a in v.attributions
        if a.source >= Source.VAGUE and not (hedged and a.verb in ("act", "belief"))
    ]


def _has_figure_hint(v: View, digits: bool) -> bool:
    """Cheap pre-test: a digit (looked for only in a paragraph that has one), or a word a
    spelled-out figure could be made of."""
    return (digits and _DIGIT.search(v.masked) is not None) or not SPELLED_WORDS.isdisjoint(v.words)


_DIGIT = re.compile(r"\d")


def _report_figure(ctx: CheckContext, v: View, f: Figure) -> None:
    figure = " ".join(f.text.split())
    ctx.report_in(
        UNSOURCED_STATISTIC.id,
        v.sentence,
        f.start,
        f.end,
        f"No source for the figure '{figure}': whose count or data is it?",
        data={"kind": f.kind},
    )
