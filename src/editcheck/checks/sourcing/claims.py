"""Hedges, weasel subjects and anonymous sources with nobody named to answer for them.

Runs on one sentence at a time, with quotations masked (a speaker's own hedges are the
speaker's business; the quote rule judges whether the speaker is given). A hedge is left
alone when the sentence names a source it can hang on ("police said the man allegedly
..."); a vague source ("officials said") is reported by the vague-attribution rule instead.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from editcheck.checks.sourcing.attribution import Attribution, Source
from editcheck.checks.sourcing.lexicon import (
    hedge_anchors,
    hedge_index,
    hedge_patterns,
    words,
    wordset,
)

# Speech verbs that report an act or a manner of speaking, not a view ("some continued to
# trek north", "others asked"): a crowd with these is no weasel.
_NOT_CLAIM_VERBS = wordset(
    "continued asked asks added adds replied replies responded responds answered recounted "
    "texted emailed messaged sang read reads laughed sighed joked quipped shouted yelled "
    "screamed cried whispered chanted begged pleaded demanded told tells tell wrote writes "
    "posted tweeted announced announces confirmed confirms testified recalled recalls"
)
# Wording that is an unattributed claim whatever the context, reported without the model:
# hedges, anonymous sources, the impersonal passives of news copy ("it is understood",
# "is believed to") and crowds with the verbs of news copy ("critics say", "experts warn").
# Formal-register crowds ("some argue that"), "it is said" (often legend or a term of
# art) and the other passives are weighed by the model.
_ALWAYS_KINDS = frozenset(("anonymous", "hedge", "reports"))
_ALWAYS_CUES = {
    "impersonal": wordset(
        "believed understood thought claimed alleged rumoured rumored "
        "reported feared conjectured posited hypothesised hypothesized "
        "surmised speculated suggested"
    ),
    "raising": wordset(
        "believed thought understood rumoured rumored alleged reputed reported supposed feared"
    ),
    "described": wordset("described hailed called dubbed labelled labeled branded touted"),
    "weasel": wordset(
        "say says said warn warns warned fear fears feared believe believes "
        "believed worry worried suspect suspected claim claims claimed think "
        "thinks thought complain complained predict predicted expect expects "
        "allege alleged insist insisted accuse accused blame blamed know knows "
        "question questioned concede concedes acknowledge acknowledges admit "
        "admits grumble grumbles convinced worried concerned sceptical skeptical "
        "unconvinced divided furious"
    ),
}


# The impersonal wordings issue 13 lists as textbook weasels, always reported.
_TEXTBOOK = re.compile(r"it(?:\s+is|['’]s)\s+said\s+that\b|it\s+has\s+been\s+argued\b", re.I)
_ARGUE = wordset("argue argues argued contend contends insist insists maintain maintains")
_CROWD_WORDS = wordset("some many most others several few all various numerous")


def always(c: Claim) -> bool:
    """True for wording reported whatever the model says (see ``_ALWAYS_CUES``)."""
    if c.kind in _ALWAYS_KINDS:
        return True
    if c.kind == "studies":
        return True  # "Studies show", "Polls suggest", "a study found": which one?
    if c.kind == "impersonal" and c.widely:
        return True  # "it is widely accepted that", "it is generally agreed"
    if c.kind == "weasel" and c.agent and _people_agent(c.text_after):
        return True  # "is considered by many", "was criticised by some"
    if c.kind == "weasel" and c.cue.split()[-1] in _ARGUE and c.cue.split()[0] not in _CROWD_WORDS:
        return True  # "campaigners argue" (but "others argue that" is weighed by the model)
    if c.kind == "weasel" and c.cue in ("some argue", "many argue", "most argue"):
        return True  # "some argue": a textbook weasel, never left to the model (issue 13)
    if c.kind == "impersonal" and _TEXTBOOK.match(c.text_after):
        return True  # "it is said that", "it's said that", "it has been argued"
    if c.kind == "weasel" and c.modal:
        return True  # "some would argue", "many might say": a view the writer lends to nobody
    if c.kind == "impersonal" and c.saying:
        return True  # "it is often said", "it has long been said": a saying nobody owns
    if c.kind == "raising" and c.rumour:
        return True  # "she is said to have turned down", "they are said to be planning"
    if c.kind == "weasel" and c.cue.split()[-1] in _CROWD_VIEWS:
        # "Many people consider him ...", "Critics charge that", "Some viewers felt that":
        # always, when a quantifier or a listed crowd word makes it a crowd ("mentorees
        # often feel freer" and "residents ... consider the issues" are left to the model)
        head = c.cue.split()[0]
        if head in _CROWD_WORDS or head in words("weasel_sources"):
            return c.cue.split()[-1] not in _FEEL or bool(
                _VIEW_AFTER.match(c.text_after, c.end - c.start)
            )
    cues = _ALWAYS_CUES.get(c.kind)
    if cues is None:
        return False
    word = c.cue.split()[-1] if c.kind == "weasel" else c.cue.split()[0]
    return word in cues


_BY = re.compile(r"\bby\s+", re.I)
_AGENT_STOPS = wordset("of in on at as for with from to during since after before when and or")


def _people_agent(text: str) -> bool:
    """ "by many", "by other critics", "by skeptics": people; "by various types of retainer
    clips" is no crowd of people (the head is the last word before a preposition)."""
    m = _BY.search(text)
    if m is None:
        return True
    run = []
    for w in text[m.end() :].split()[:5]:
        low = w.lower().strip(".,;:’'")
        if low in _AGENT_STOPS or not low.isalpha():
            break
        run.append(low)
    if not run:
        return True
    head = run[-1]
    if len(run) == 1 and head in _CROWD_WORDS:
        return True  # "by some", "by many"
    return (
        head in words("people_nouns")
        or head in words("weasel_sources")
        or head.endswith(("ers", "ors", "ists", "ians", "ics"))
    )


_CROWD_VIEWS = wordset(
    "consider considers considered feel feels felt charge charges charged contend contends "
    "contended maintain maintains maintained attribute attributes attributed classify "
    "classifies classified panned dismiss dismisses dismissed agree agrees agreed disagree "
    "disagrees disagreed refute refutes refuted"
)
_FEEL = wordset("feel feels felt")
# "felt that", "feel the lock did not work": a view follows; "feel freer" is a mood.
_VIEW_AFTER = re.compile(
    r"(?<!\s)\s+(?:that|the|this|it|there|a|an|his|her|their|its|differently|otherwise|strongly)\b",
    re.I,
)
_WORDS = re.compile(r"[a-z]+")
_DIGIT = re.compile(r"\d")
_SUBJECT_POSITION = re.compile(
    r"(?:^\W*|[,;:(—–]\s*|\b(?:and|but|while|that|as|because|although|though|since|when|"
    r"whereas|yet|so)\s+)$",
    re.I,
)
_NON_SPACE = re.compile(r"\S")
# "Some argue ..., but the developer insists ...": a source across a contrast answers for
# its own clause, not for the crowd's.
_CONTRAST = re.compile(r"\b(?:but|while|whereas|although|though|yet|however)\b", re.I)
_NON_WORDS = re.compile(r"\W*")


def _subject_position(masked: str, at: int) -> bool:
    """Whether ``at`` opens a clause (the pattern reads only the words just before it,
    so it is searched in a short window, not from the sentence's start)."""
    lead = _NON_WORDS.match(masked)
    if lead is not None and lead.end() >= at:
        return True
    return _SUBJECT_POSITION.search(masked, max(0, at - 40), at) is not None


_PASSIVES = frozenset(("described", "regarded", "raising", "widely"))
# Both look ahead within the clause, up to 120 characters: unbounded, each passive in a
# long clause without a full stop re-read the rest of it (quadratic). An agent further off
# than that is not seen, so the claim is flagged: the bound errs towards flagging.
_AGENT_LATER = re.compile(r"[^.;]{0,120}?\bby\s+(?:the\s+)?[A-Z]")
_RUMOUR = re.compile(r"[^.;]{0,120}?\bsaid\s+to\s+(?:have\s+\w+|be\s+(?:\w+ly\s+)?\w+ing)\b", re.I)
_QUOTE_MARK = re.compile("[\"“”'‘]")
_AUXILIARIES = wordset(
    "it's it’s it is was are were has have had been be being also now long often still generally "
    "commonly widely there"
)
_MODAL_WORDS = wordset("would might could")
_OFTEN = wordset("often long sometimes frequently")
_MODAL_VIEWS = wordset(
    "argue say disagree claim contend insist suggest think believe "
    "consider call object question counter maintain"
)
_WEASEL_VERBS = frozenset(("speech", "belief", "according", "agent", "finding"))
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
    "crowd": "'{t}': which ones? Name them, or at least one of them.",
    "studies": "'{t}': which studies? Name at least one, with who carried it out.",
    "opinion": "'{t}' is the writer's judgement: whose view is it, and can they be named?",
    "speculation": "'{t}' is a guess unless someone is quoted making it: whose assessment is this?",
    "model": "'{t}' reads as an unattributed claim: who says so?",
}


@dataclass(frozen=True, slots=True)
class Claim:
    """An unattributed-claim span, sentence-relative, with what kind of wording it is."""

    start: int
    end: int
    kind: str
    message: str
    cue: str = ""
    widely: bool = False  # "widely", "generally" or "commonly" in the wording
    rumour: bool = False  # "said to have ...", "said to be ...ing": a report of an event
    agent: bool = False  # a crowd as the agent of a passive: "considered by many"
    modal: bool = False  # "would", "might" or "could" before the verb: "some would argue"
    saying: bool = False  # "it is often said", "it has long been said", ", it was said,"
    text_after: str = ""  # the claim's words and the few after them ("it is said that")


def find_claims(
    masked: str,
    attributions: list[Attribution] | Callable[[], list[Attribution]],
    crowds: bool = True,
    words: frozenset[str] | None = None,
) -> tuple[list[Claim], list[str]]:
    """Unattributed claims in one sentence (``masked``: quotations blanked), merged, and
    the features the confidence model scores them by (see :mod:`.model`).

    ``attributions`` may be a function, called only when needed; ``crowds=False`` says the
    sentence has no word a vague crowd could be made of, so no crowd is looked for.
    """
    claims: list[Claim] = []
    hedges = _hedges(masked, words)
    if not hedges and not crowds:
        return [], []
    if callable(attributions):
        attributions = attributions()
    # A hedge hangs on a source only when that source is not the hedge itself
    # ("a source close to the minister said" is no source).
    sources = [a for a in attributions if a.source >= Source.VAGUE and a.verb != "act"]
    anonymous = [c for c in hedges if c.kind == "anonymous"]
    if anonymous:  # "..., a person briefed on the talks said": the anonymous source itself
        sources = [
            a for a in sources if not any(c.start < a.end and a.start < c.end for c in anonymous)
        ]
    for c in hedges:
        if c.kind == "anonymous":  # an anonymous source is the attribution, not hung on one
            claims.append(c)
            continue
        if not any(
            a.covers(c.start, c.end)
            and not (a.start <= c.start and c.end <= a.end)
            and not _inside_complement(masked, c, a)
            for a in sources
        ):
            claims.append(c)
    named = [b for b in attributions if b.source is Source.NAMED and b.verb != "act"]
    starts = [b.start for b in named]
    for a in attributions:
        if (
            a.source is Source.WEASEL
            and a.verb in _WEASEL_VERBS
            and not _reports_an_act(a.phrase)
            and not any(
                b.covers(a.start, a.end)
                and not (
                    _CONTRAST.search(masked, a.end, max(a.end, b.start))
                    if b.start >= a.end
                    # "Though Luke claims he owned it, many in the community feel
                    # differently": a concession does not answer for the crowd after it
                    else _CONTRAST.search(masked, max(0, b.start - 12), a.start)
                )
                for b in _near(named, starts, a)
            )
        ):
            c = _claim(masked, a.start, a.end, "studies" if a.verb == "finding" else "weasel")
            claims.append(replace(c, agent=a.verb == "agent"))
    return _merge(list(claims)), features(masked, claims) if claims else []


_THAT = re.compile(r"\bthat\b", re.I)


def _inside_complement(masked: str, c: Claim, a: Attribution) -> bool:
    """A source inside what the hedge asserts ("It has been speculated that Royce put out
    a challenge"): it cannot answer for the hedge."""
    return a.start >= c.end and _THAT.search(masked, c.end, min(a.start, c.end + 40)) is not None


_MOST_NAMED = 64  # more named sources than any real sentence holds


def _near(named: list[Attribution], starts: list[int], a: Attribution) -> list[Attribution]:
    """The named sources that may answer for ``a``: all of them in a real sentence; in a
    hostile one with thousands, the nearest few on each side (checking each weasel against
    every source was quadratic)."""
    if len(named) <= _MOST_NAMED:
        return named
    at = bisect.bisect_left(starts, a.start)
    half = _MOST_NAMED // 2
    return named[max(0, at - half) : at + half]


def _reports_an_act(phrase: str) -> bool:
    """ "others asked", or an inverted "asked people to walk": the verb (first or last word)
    reports an act or a manner of speaking, not a view."""
    ws = phrase.lower().split()
    return ws[-1] in _NOT_CLAIM_VERBS or ws[0] in _NOT_CLAIM_VERBS


def features(masked: str, claims: list[Claim]) -> list[str]:
    """Sparse features of a sentence's candidate claims: which wording, and its context."""
    out = {"bias"}
    for c in claims:
        out.add(f"k:{c.kind}")
        out.add(f"c:{c.kind}:{c.cue}")
        after = masked[c.end : c.end + 6].lstrip().lower()
        if after.startswith("that"):
            out.add(f"that:{c.kind}")

        if _NON_SPACE.search(masked, 0, c.start) is None:
            out.add(f"initial:{c.kind}")
        elif masked[max(0, c.start - 80) : c.start].rstrip().endswith(","):
            out.add(f"comma:{c.kind}")
    n_words = len(masked.split())
    out.add("multi" if len(claims) > 1 else "single")
    out.add("short" if n_words < 12 else "long" if n_words > 35 else "mid")
    for flag, present in (
        ("digit", _DIGIT.search(masked) is not None),
        ("quote", _QUOTE_MARK.search(masked) is not None),
        ("paren", "(" in masked),
    ):
        if present:
            out.add(flag)
    return sorted(out)


def _hedges(masked: str, words: frozenset[str] | None = None) -> list[Claim]:
    if words is None:
        words = frozenset(_WORDS.findall(masked.lower()))
    present = hedge_anchors().intersection(words)
    if not present:
        return []
    out = []
    patterns = hedge_patterns()
    index = hedge_index()
    for i in sorted({i for w in present for i in index[w]}):
        p = patterns[i]
        if not p.required <= words:
            continue
        for m in p.regex.finditer(masked):
            if p.kind == "crowd" and not _subject_position(masked, m.start()):
                continue  # "sought various experts": a crowd as object says nothing
            # (in "are said to be alarmed by McLaren's upgrades" the "by" is the inner verb's)
            if p.kind in _PASSIVES and p.kind != "raising" and _AGENT_LATER.match(masked, m.end()):
                continue  # "have been compared with Linear A by Nahm": the agent is named
            if p.kind in ("speculation", "opinion") and _MODIFIER_BEFORE.search(
                masked, max(0, m.start() - 6), m.start()
            ):
                continue  # "a possibly complex sequence", "of apparently static textures"
            out.append(_claim(masked, m.start(), m.end(), p.kind))
    return out


# A determiner or "of" just before a sentence adverb makes it modify the adjective after
# it, not the writer's claim ("a possibly complex sequence").
_MODIFIER_BEFORE = re.compile(r"\b(?:a|an|the|of)\s+$", re.I)


def _claim(text: str, start: int, end: int, kind: str) -> Claim:
    phrase = " ".join(text[start:end].split())
    low = phrase.lower()
    widely = any(w in low for w in ("widely", "generally", "commonly"))
    rumour = kind == "raising" and (
        _RUMOUR.match(text, start) is not None or _about_someone(text, start)
    )
    ws = low.split()
    # "some would argue": a quantifier, then the modal just before the verb
    modal = (
        kind == "weasel"
        and len(ws) >= 3
        and ws[-2] in _MODAL_WORDS
        and ws[0] in _CROWD_WORDS
        and ws[-1] in _MODAL_VIEWS
    )
    # "it is often said", or a parenthetical or closing tag: "She was, it was said, ..."
    saying = (
        kind == "impersonal"
        and ws[-1] == "said"
        and (
            not _OFTEN.isdisjoint(ws)
            or (
                text[max(0, start - 2) : start].strip() == ","
                and text[end : end + 2].strip()[:1] in (",", ".", "")
            )
        )
    )
    return Claim(
        start,
        end,
        kind,
        MESSAGES[kind].format(t=phrase),
        _cue(phrase, kind),
        widely,
        rumour,
        modal=modal,
        saying=saying,
        text_after=text[start : end + 16],
    )


def _about_someone(text: str, start: int) -> bool:
    """ "The White House is said to favour", "Rivals are said to be alarmed": a passive report
    about a person or an organisation is a rumour, not a term of art ("its flavour is said
    to be reminiscent of caramel")."""
    before = text[max(0, start - 30) : start].split()
    if not before:
        return False
    word = before[-1].strip(",")
    low = word.lower()
    return (
        low in ("he", "she", "they")
        or low in words("people_nouns")
        or low.endswith(("ers", "ors", "ists", "ians"))
        or (word[:1].isupper() and len(before) > 1)
    )


def _cue(phrase: str, kind: str) -> str:
    """A short key for the wording: "some argue" for a crowd, "is said" for a passive."""
    ws = phrase.lower().split()
    if kind == "weasel":
        return f"{ws[0]} {ws[-1]}" if len(ws) > 1 else ws[0]
    content = [w for w in ws if w not in _AUXILIARIES] or ws
    return " ".join(content[:2])


def _merge(claims: list[Claim]) -> list[Claim]:
    """Overlapping spans become one claim (the first kind's message wins)."""
    claims.sort(key=lambda c: (c.start, -c.end))
    out: list[Claim] = []
    for c in claims:
        if out and c.start < out[-1].end:
            last = out[-1]
            if c.kind in _ALWAYS_KINDS and last.kind not in _ALWAYS_KINDS:
                # "according to a person familiar with ...": the anonymous source's kind,
                # which is always reported, wins over the crowd reading of the same words
                last = replace(c, start=last.start)
            out[-1] = replace(last, end=max(last.end, c.end))
        else:
            out.append(c)
    return out
