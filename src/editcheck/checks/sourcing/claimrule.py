"""Reporting the claim and vague-attribution rules for one sentence.

Crowds are looked for only in sentences that may hold one: a listed crowd or role word, or
a plural of people beside a verb a crowd speaks or believes with. A short sentence that only
announces a crowd ("Not everyone agrees.") is attributed by a named speaker in the sentence
after it, or in the first sentence of the next paragraph.
"""

from __future__ import annotations

import re
from functools import cache

from editcheck.checkapi import CheckContext
from editcheck.checks.sourcing.attribution import Attribution, Source
from editcheck.checks.sourcing.claims import Claim, always, find_claims
from editcheck.checks.sourcing.lexicon import words, wordset
from editcheck.checks.sourcing.model import score
from editcheck.checks.sourcing.quotes import find_quotes
from editcheck.checks.sourcing.rules import UNATTRIBUTED_CLAIM, VAGUE_ATTRIBUTION
from editcheck.checks.sourcing.sources import AGENT_SUFFIXES
from editcheck.checks.sourcing.view import View, make_view
from editcheck.checks.sourcing.voice import writer_hedge
from editcheck.document import Block, Document


@cache
def crowd_triggers() -> frozenset[str]:
    """Words without one of which a sentence holds no vague crowd and no vague source."""
    # A crowd needs its quantifier ("a number of" needs "number"), so the people nouns
    # themselves are not needed here.
    quantifiers = frozenset(
        q.split()[-1] if " " not in q else q.split()[-2] if q.endswith(" of") else q.split()[-1]
        for q in words("quantifiers")
    )
    return (
        words("weasel_sources")
        | words("vague_sources")
        | quantifiers
        | frozenset(("according", "others", "everybody", "everyone"))
        | frozenset(("polls", "studies", "surveys", "analyses"))  # "Polls show ..."
    )


@cache
def _crowd_lexicon() -> tuple[frozenset[str], frozenset[str]]:
    """The verbs with which a bare plural may be a crowd, and the plural people nouns.

    Speech verbs in the past tense are left out: "protesters said" reports what a group in
    the story said (a vague source, found without this test), not a view nobody owns.
    """
    speech = frozenset(
        w for w in words("speech_verbs") if not w.endswith("ed") and w not in _PAST_SPEECH
    )
    return speech | words("belief_verbs") | frozenset(("suggest",)), words("people_nouns")


_PAST_SPEECH = wordset("said told wrote read sang")


_AGENT_PLURAL = re.compile(r"[a-z](?:{})\b".format("|".join(AGENT_SUFFIXES)))


def bare_crowd(ws: frozenset[str], text: str) -> bool:
    """Whether a sentence may hold a crowd without a quantifier or a listed crowd word
    ("Landlords complain", "Heads say"): a people noun, or a plural of the agent kind,
    beside a speech or belief verb."""
    verbs, people = _crowd_lexicon()
    if verbs.isdisjoint(ws):
        return False
    # one regex scan of the sentence is cheaper than a suffix test on each of its words
    return not people.isdisjoint(ws) or _AGENT_PLURAL.search(text) is not None


class NextParagraph:
    """The first sentence of the next paragraph, read only if a claim asks for it."""

    __slots__ = ("doc", "block", "proper")

    def __init__(self, doc: Document, block: Block | None, proper: frozenset[str]) -> None:
        self.doc, self.block, self.proper = doc, block, proper

    def view(self) -> View | None:
        if self.block is None:
            return None
        sentences = self.doc.block_sentences(self.block)
        if not sentences:
            return None
        text = self.block.text
        quotes = find_quotes(text) if any(c in text for c in "\"“‘'«„") else []
        return make_view(self.block, sentences[0], quotes, self.proper)


def report_claims(
    ctx: CheckContext,
    v: View,
    threshold: float,
    after: View | NextParagraph | None = None,
    own_voice: bool = False,
) -> None:
    crowds = not crowd_triggers().isdisjoint(v.words)
    claims, feats = find_claims(
        v.masked, lambda: v.attributions, crowds or bare_crowd(v.words, v.masked), v.words
    )
    if claims and after is not None and _named_next(claims, v, after):
        claims = []
    if claims and own_voice:  # "probably" in a review or a column: the writer's hedge
        claims = [c for c in claims if not writer_hedge(v.masked, c)]
    # Hedges ("reportedly") and anonymous sources are reported as they are; crowds,
    # passives and speculation, which are often idiom, when the model is confident enough.
    if claims:
        confidence = 1.0 if any(always(c) for c in claims) else score(feats)
        if confidence >= threshold:
            for c in claims:
                ctx.report_in(
                    UNATTRIBUTED_CLAIM.id,
                    v.sentence,
                    c.start,
                    c.end,
                    c.message,
                    data={"kind": c.kind, "confidence": round(confidence, 3)},
                )
    if not crowds:
        return  # no role word ("officials", "a spokesperson"): no vague source either
    for a in v.attributions:
        if a.source is Source.VAGUE and a.verb in ("speech", "according", "agent"):
            if _nested(a, v.attributions):
                continue  # "The senator said aides had warned her ...": the senator's account
            phrase = " ".join(a.phrase.split())
            ctx.report_in(
                VAGUE_ATTRIBUTION.id,
                v.sentence,
                a.start,
                a.end,
                f"Vague source ('{phrase}'): which ones? Name the person, or at "
                "least the organisation they speak for.",
            )


def _nested(a: Attribution, attributions: list[Attribution]) -> bool:
    """Whether ``a`` stands inside what a named speaker earlier in the sentence reports
    ("Smith said officials had told him ..."): the speaker answers for it."""
    return any(
        b.source is Source.NAMED
        and b.verb in ("speech", "belief")
        and b.end <= a.start
        and b.covers(a.start, a.end)
        for b in attributions
    )


def _named_next(claims: list[Claim], v: View, after: View | NextParagraph) -> bool:
    """ "Not everyone agrees. The farmers' union said ...": a short sentence that only
    announces a crowd, whose members the next sentence (or the next paragraph's first)
    names, is attributed there."""
    if len(v.masked.split()) > 6 or any(c.kind not in ("weasel", "crowd") for c in claims):
        return False
    view = after.view() if isinstance(after, NextParagraph) else after
    if view is None:
        return False
    return any(
        a.source is Source.NAMED and a.verb in ("speech", "belief") for a in view.attributions
    )
