"""Hedges, weasel subjects and anonymous sources with nobody named to answer for them.

Runs on one sentence at a time, with quotations masked (a speaker's own hedges are the
speaker's business; the quote rule judges whether the speaker is given). A hedge is left
alone when the sentence names a source it can hang on ("police said the man allegedly
..."); a vague source ("officials said") is reported by the vague-attribution rule instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from editcheck.checks.sourcing.attribution import Attribution, Source
from editcheck.checks.sourcing.lexicon import hedge_patterns, hedge_regex

MESSAGES = {
    "hedge": "No source given for '{t}': who says so?",
    "impersonal": "'{t}' hides who holds this view: by whom?",
    "raising": "'{t}' with no source: said, believed or reported by whom?",
    "widely": "'{t}' with no source: regarded so by whom?",
    "described": "'{t}' with no one named: described so by whom?",
    "regarded": "'{t}' with no one named: considered so by whom?",
    "reports": "'{t}': whose reports? Name the outlet or document.",
    "anonymous": "Anonymous source ('{t}'): name the source, or say why it cannot be named.",
    "weasel": "'{t}' is a vague crowd: which ones, named? Give at least one by name.",
    "model": "'{t}' reads as an unattributed claim: who says so?",
}


@dataclass(frozen=True, slots=True)
class Claim:
    """An unattributed-claim span, sentence-relative, with what kind of wording it is."""

    start: int
    end: int
    kind: str
    message: str


def find_claims(masked: str, attributions: list[Attribution], best: Source) -> list[Claim]:
    """Unattributed claims in one sentence (``masked``: quotations blanked)."""
    claims: list[Claim] = []
    # A hedge hangs on a source only when that source is not the hedge itself
    # ("a source close to the minister said" is no source).
    sources = [a for a in attributions if a.source >= Source.VAGUE and a.verb != "act"]
    for c in _hedges(masked):
        if c.kind == "anonymous":  # an anonymous source is the attribution, not hung on one
            claims.append(c)
            continue
        if not any(a.covers(c.start, c.end) and not (a.start <= c.start and c.end <= a.end)
                   for a in sources):
            claims.append(c)
    for a in attributions:
        if a.source is Source.WEASEL and not any(
                b.source is Source.NAMED and b.covers(a.start, a.end) for b in attributions):
            claims.append(_claim(masked, a.start, a.end, "weasel"))
    return _merge(claims)


def _hedges(masked: str) -> list[Claim]:
    patterns = hedge_patterns()
    out = []
    for m in hedge_regex().finditer(masked):
        group = m.lastgroup or "h0"
        kind = patterns[int(group[1:])].kind
        out.append(_claim(masked, m.start(), m.end(), kind))
    return out


def _claim(text: str, start: int, end: int, kind: str) -> Claim:
    phrase = " ".join(text[start:end].split())
    return Claim(start, end, kind, MESSAGES[kind].format(t=phrase))


def _merge(claims: list[Claim]) -> list[Claim]:
    """Overlapping spans become one claim (the first kind's message wins)."""
    claims.sort(key=lambda c: (c.start, -c.end))
    out: list[Claim] = []
    for c in claims:
        if out and c.start < out[-1].end:
            last = out[-1]
            out[-1] = Claim(last.start, max(last.end, c.end), last.kind, last.message)
        else:
            out.append(c)
    return out
