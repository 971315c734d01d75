"""Who says so: find reporting clauses in a sentence and judge how well they name a source.

Attribution decides whether the other sourcing rules stay silent, so this module is shared.
A reporting clause is a speech verb ("said", "told"), a finding verb with a document or
organisation as subject ("the survey found", "data from the ONS show"), "according to X",
or a passive with an agent ("as reported by X"). Its source is judged without a model:

- NAMED: a capitalised name that is not merely the sentence's first word, a pronoun ("she
  said" resolves to a speaker named nearby, by news convention), an identifiable
  institution ("police", "the company", "prosecutors"), a possessive ("his lawyer") or a
  definite document ("the statement", "the report").
- VAGUE: a role without a name ("officials", "a spokesperson", "witnesses").
- WEASEL: a crowd or an unnamed document ("critics", "some experts", "studies", "a source").
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from functools import cache

from editcheck.checks.sourcing.lexicon import alternation, words


class Source(enum.IntEnum):
    """How well a reporting clause names its source; higher is better."""

    NONE = 0
    WEASEL = 1
    VAGUE = 2
    NAMED = 3


@dataclass(frozen=True, slots=True)
class Attribution:
    """A reporting clause: its source's kind and the span of source and verb (sentence-relative)."""

    source: Source
    start: int
    end: int
    verb: str  # "speech", "finding", "according" or "agent"
    phrase: str


_WORD = re.compile(r"[A-Za-z][\w’'.&-]*|\d[\d,.]*")
# Where a subject phrase begins, walking back from a verb.
_BOUNDARY = re.compile(
    r"[;:“”\"«»()\[\]—–]|,\s*(?:and|but|while|as|because|who|which|where|when)\b|"
    r"\b(?:that|and|but|while|because|whereas|although|though|after|before|since|when|if|"
    r"unless|until|so|which|who|whom|whose|where)\b", re.I)
_AUX = frozenset(
    "has have had also later previously earlier would will could may might must should "
    "then once first initially recently separately further again repeatedly publicly "
    "privately reportedly allegedly previously already still now just yesterday today "
    "tonight last week month year on monday tuesday wednesday thursday friday saturday "
    "sunday this morning afternoon evening night recently subsequently not never did does "
    "do widely generally often long".split())
_PASSIVE = frozenset("is are was were be been being".split())
_PRONOUNS = frozenset("he she they we i it you".split())
_POSSESSIVES = frozenset("his her their its our my your".split())
_DEFINITE = frozenset(("the", "this", "that", "these", "those"))
_INDEFINITE = frozenset(("a", "an", "one", "another", "two", "three", "four", "several"))
CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december jan feb mar apr jun jul aug "
    "sep sept oct nov dec".split())
# Capitalised words that start sentences (or follow a colon) without naming anyone.
COMMON_STARTERS = frozenset(
    """the a an in on at but and so yet or if when while as after before since because
    although though however meanwhile he she it they we i you his her its their our this that
    these those there here some many most all both each every no one two three last next
    earlier later today yesterday tomorrow asked speaking writing according also then now
    still even only just for with without from by of to about under over during despite among
    between what who which where why how such other others another more less few several
    not new it's mr mrs ms dr""".split())
_DOC_NOUNS = frozenset(
    "statement report study survey poll census audit review analysis data figures research "
    "records documents filing indictment complaint lawsuit memo letter paper estimates "
    "findings numbers statistics tally count database register index".split())


@cache
def _verb_regex() -> re.Pattern[str]:
    speech = alternation(words("speech_verbs"))
    finding = alternation(words("finding_verbs") - words("speech_verbs"))
    return re.compile(
        rf"(?P<according>\baccording\s+to\b)"
        rf"|(?P<agent>\b(?:reported|said|announced|published|confirmed|released|compiled|"
        rf"collected|estimated|revealed|found|issued|cited|quoted|obtained|seen|"
        rf"reviewed|written)\s+by\b)"
        rf"|(?P<speech>\b(?:{speech})\b)"
        rf"|(?P<finding>\b(?:{finding})\b)", re.I)


def find_attributions(text: str, sentence_initial: bool = True) -> list[Attribution]:
    """Reporting clauses of ``text`` (a sentence with quotations masked)."""
    out = []
    for m in _verb_regex().finditer(text):
        kind = m.lastgroup or "speech"
        if kind in ("according", "agent"):
            src, a, b = _forward(text, m.end(), sentence_initial)
            if src is not Source.NONE:
                out.append(Attribution(src, m.start(), b, kind, text[m.start():b]))
            continue
        src, a = _backward(text, m.start(), sentence_initial, kind)
        b = m.end()
        if src is Source.NONE and kind == "speech":
            src, _, b = _forward(text, m.end(), sentence_initial)
            a = m.start()
        if src is not Source.NONE:
            out.append(Attribution(src, a, b, kind, text[a:b]))
    return out


def best(attributions: list[Attribution]) -> Source:
    """The best source among ``attributions``."""
    return max((a.source for a in attributions), default=Source.NONE)


def _subject_words(text: str, end: int) -> list[tuple[str, int, bool]]:
    """Words of the clause before ``end``: ``(word, offset, sentence_initial)``."""
    seg_start = 0
    for m in _BOUNDARY.finditer(text, 0, end):
        seg_start = m.end()
    seg = text[seg_start:end]
    # An appositive ("McLaughlin, the DHS's press secretary, said"): keep what stands
    # before the commas too, as long as it is short.
    out = []
    first = len(text[:seg_start].strip()) == 0
    for i, w in enumerate(_WORD.finditer(seg)):
        out.append((w.group(), seg_start + w.start(), first and i == 0))
    return out[-12:]


def _backward(text: str, verb_at: int, initial: bool, kind: str) -> tuple[Source, int]:
    ws = _subject_words(text, verb_at)
    while ws and ws[-1][0].lower().rstrip(",") in _AUX:
        if ws[-1][0].lower() in _PASSIVE:
            return Source.NONE, verb_at
        ws.pop()
    if ws and ws[-1][0].lower() in _PASSIVE:
        return Source.NONE, verb_at  # "it is said", "was reported": no agent named
    if not ws:
        return Source.NONE, verb_at
    src = classify([(w, init and initial) for w, _, init in ws], finding=kind == "finding")
    if src is Source.NONE:
        return src, verb_at
    # The span starts at the subject's own chunk, not at the start of the clause:
    # "The man allegedly stole a van, police said" attributes from "police".
    seg = text[ws[0][1]:verb_at].rstrip().rstrip(",")
    comma = seg.rfind(",")
    start = ws[0][1] + comma + 1 if comma >= 0 else ws[0][1]
    while start < verb_at and text[start].isspace():
        start += 1
    return src, start


def _forward(text: str, start: int, initial: bool) -> tuple[Source, int, int]:
    m = _BOUNDARY.search(text, start)
    stop = m.start() if m else len(text)
    comma = text.find(",", start, stop)
    stop = comma if comma >= 0 else stop
    ws = [(w.group(), w.start(), w.end()) for w in _WORD.finditer(text, start, stop)][:8]
    if not ws:
        return Source.NONE, start, start
    if ws[0][0].lower() in ("in", "on", "at", "during") and len(ws) > 1 and ws[1][0].lower() in ("a", "an", "the", "his", "her"):
        return Source.NONE, start, start  # "said in a statement": the subject came before
    src = classify([(w, False) for w, _, _ in ws], forward=True)
    end = ws[-1][2]
    return src, ws[0][1], end - 1 if text[end - 1] == "." else end


def classify(ws: list[tuple[str, bool]], *, finding: bool = False,
             forward: bool = False) -> Source:
    """Judge a source phrase given as ``(word, is_sentence_initial)`` pairs."""
    lows = [w.lower().rstrip(".,").replace("’", "'") for w, _ in ws]
    vague, weasel, inst = words("vague_sources"), words("weasel_sources"), words("institutions")
    quant = words("quantifiers")
    has_name = any(_is_name(w, init) for w, init in ws)
    head_i = 0 if forward else len(ws) - 1
    if forward:  # "according to the DHS", "said Tricia McLaughlin, ..."
        head_i = _forward_head(lows)
    head = lows[head_i].removesuffix("'s")
    before = lows[head_i - 1] if head_i > 0 else ""
    if any(q in quant for q in lows[:head_i + 1]) and (head in weasel or head in vague or head in quant):
        return Source.NAMED if _qualified(ws, head_i) else Source.WEASEL
    if head in words("weasel_sources") and head not in inst:
        return Source.VAGUE if _qualified(ws, head_i) else Source.WEASEL
    if head in vague:
        if _qualified(ws, head_i) or before in _POSSESSIVES or (before in _DEFINITE and head not in ("officials", "authorities")):
            return Source.NAMED
        return Source.VAGUE
    if _is_name(ws[head_i][0], ws[head_i][1]) or has_name and not finding:
        return Source.NAMED
    if head in _PRONOUNS and not finding:
        return Source.NAMED
    if head in inst or head in _DOC_NOUNS:
        if before in _INDEFINITE or (head in _DOC_NOUNS and before not in _DEFINITE and before not in _POSSESSIVES and head not in inst):
            return Source.WEASEL if head in _DOC_NOUNS else Source.VAGUE
        return Source.NAMED
    if has_name:
        return Source.NAMED
    if finding:
        return Source.NONE
    if before in _POSSESSIVES or before in _DEFINITE or before in _INDEFINITE:
        return Source.NAMED  # "the man said", "her mother said", "a neighbour said"
    if head.endswith("s") and len(head) > 3 and head[-2] != "s":
        return Source.NAMED  # "protesters said": a group the story has described
    return Source.NONE


def _forward_head(lows: list[str]) -> int:
    """Index of the head of a phrase read forwards: the last word before a preposition."""
    for i, w in enumerate(lows):
        if w in ("of", "for", "at", "from", "with", "in", "on", "by", "who", "to") and i > 0:
            return i - 1
    return len(lows) - 1


def _qualified(ws: list[tuple[str, bool]], head_i: int) -> bool:
    """True when a vague role is pinned to a name: "ICE officials", "officials at DHS"."""
    if head_i > 0 and _is_name(ws[head_i - 1][0], ws[head_i - 1][1]):
        return True
    rest = ws[head_i + 1:]
    return bool(rest) and rest[0][0].lower() in ("at", "from", "for", "with", "of", "in") and any(
        _is_name(w, init) for w, init in rest[1:4])


def _is_name(word: str, initial: bool) -> bool:
    """A capitalised word that names someone; the sentence's first word only if uncommon."""
    if not word[:1].isupper():
        return False
    low = word.lower().rstrip(".,").replace("’", "'").removesuffix("'s")
    if low in CALENDAR or low == "i":
        return False
    if initial:
        return not (low in COMMON_STARTERS or low in words("vague_sources")
                    or low in words("weasel_sources") or low in words("institutions")
                    or low in words("quantifiers") or low in _DOC_NOUNS)
    return low not in words("weasel_sources") and low not in words("vague_sources") or word.isupper()
