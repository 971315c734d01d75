"""Compile a house style into one :class:`editcheck.Check` and run it over a draft.

All word-list rules of a file (existence, substitution, occurrence, capitalization) share
one :class:`PhraseIndex`, walked once per sentence; rules built on regular expressions
(pattern, conditional) run with the ``regex`` module's timeout, so a user's pattern with
catastrophic backtracking stops in time: that rule's findings for the draft are dropped
and the stop is recorded in the report's ``errors`` while every other rule still reports.
"""

from __future__ import annotations

import bisect
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import regex

from editcheck.annotations import Fix
from editcheck.checkapi import Check, CheckContext, check
from editcheck.checks.housestyle.numbers import find_numbers
from editcheck.checks.housestyle.phrases import PhraseIndex
from editcheck.checks.housestyle.spec import HouseRule, HouseStyle
from editcheck.document import Block, Document, Sentence

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# A place in capitals opening a paragraph as a wire dateline ("LONDON (Reuters) —").
_DATELINE = regex.compile(r"\s*[A-Z]+(?: [A-Z]+)*,?\s*(?:\([^()]{1,30}\)\s*)?(?:—|–|-)\s")
_UPPER = regex.compile(r"\p{Lu}")
_LOWER = regex.compile(r"\p{Ll}")
_PHRASE_TYPES = {"existence", "substitution", "occurrence", "capitalization"}


@dataclass(frozen=True, slots=True)
class Match:
    """A listed phrase found in a sentence; ``payload`` is the preferred form, if any."""

    sentence: Sentence
    start: int
    end: int
    phrase: str
    payload: str | None


class RuleTimeout(Exception):
    """A rule's regular expression ran past its time limit on this draft."""


class Budget:
    """Seconds left for one rule on one draft, handed to each ``regex`` call in turn."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._deadline = time.monotonic() + seconds

    def finditer(self, pattern: regex.Pattern, text: str) -> list[Any]:
        left = self._deadline - time.monotonic()
        try:
            if left <= 0:
                raise TimeoutError
            return list(pattern.finditer(text, timeout=left))
        except TimeoutError:
            raise RuleTimeout from None


def compile_house_style(style: HouseStyle) -> Check:
    """One check reporting every rule of ``style``."""
    rules = style.rules
    index = PhraseIndex()
    loose: dict[int, list[tuple[regex.Pattern, str, str | None]]] = defaultdict(list)
    for i, rule in enumerate(rules):
        for phrase, payload in _phrases(rule):
            if rule.word_boundary:
                index.add(phrase, (i, phrase, payload))
            else:
                flags = regex.IGNORECASE if rule.ignore_case else 0
                loose[i].append((regex.compile(regex.escape(phrase), flags), phrase, payload))
    exceptions = [_exception_pattern(r) for r in rules]

    def run(doc: Document, ctx: CheckContext) -> None:
        active = [ctx.enabled(r.id) for r in rules]
        matches: dict[int, list[Match]] = defaultdict(list)
        if index.size:
            for s in doc.sentences:
                for hit in index.scan(s.tokens):
                    i, phrase, payload = hit.entry
                    if active[i]:
                        matches[i].append(Match(s, hit.start, hit.end, phrase, payload))
        for i, patterns in loose.items():
            if active[i]:
                matches[i] = _loose_matches(doc, patterns)
        for i, rule in enumerate(rules):
            if active[i]:
                _run_rule(doc, ctx, rule, matches.get(i, []), exceptions[i])

    name = f"{style.namespace}.house-style"
    return check(*(r.to_rule() for r in rules), name=name)(run)


def _phrases(rule: HouseRule) -> Iterable[tuple[str, str | None]]:
    if rule.type == "substitution":
        swap: dict[str, str] = rule.params["swap"]
        return swap.items()
    if rule.type == "capitalization":
        return ((t, t) for t in rule.params["terms"])
    if rule.type in _PHRASE_TYPES:
        return ((p, None) for p in rule.params["phrases"])
    return ()


def _loose_matches(
    doc: Document, patterns: list[tuple[regex.Pattern, str, str | None]]
) -> list[Match]:
    """Phrases matched anywhere, even inside words (rules with word-boundary = false)."""
    found = []
    for s in doc.sentences:
        for pattern, phrase, payload in patterns:
            for m in pattern.finditer(s.text):
                found.append(Match(s, s.start + m.start(), s.start + m.end(), phrase, payload))
    return sorted(found, key=lambda m: (m.start, m.end))


def _exception_pattern(rule: HouseRule) -> regex.Pattern | None:
    if not rule.exceptions or rule.type == "conditional":
        return None
    body = "|".join(regex.escape(e) for e in sorted(rule.exceptions, key=len, reverse=True))
    return regex.compile(rf"(?<!\w)(?:{body})(?!\w)", regex.IGNORECASE if rule.ignore_case else 0)


def _excepted(pattern: regex.Pattern | None, where: Block | Sentence, start: int, end: int) -> bool:
    """True when ``[start, end)`` lies inside one of the rule's exception phrases."""
    if pattern is None:
        return False
    rel_start, rel_end = start - where.start, end - where.start
    starts, ends = _exception_spans(pattern, where.text)
    i = bisect.bisect_right(starts, rel_start)  # spans are sorted and do not overlap
    return any(ends[j] >= rel_end for j in range(max(0, i - 2), i))


@lru_cache(maxsize=64)
def _exception_spans(pattern: regex.Pattern, text: str) -> tuple[list[int], list[int]]:
    """Where the exception phrases are in one sentence or block: found once, not once per
    match (a sentence with 10,000 numerals was scanned 10,000 times)."""
    spans = [(m.start(), m.end()) for m in pattern.finditer(text)]
    return [s for s, _ in spans], [e for _, e in spans]


def _run_rule(
    doc: Document,
    ctx: CheckContext,
    rule: HouseRule,
    matches: list[Match],
    exceptions: regex.Pattern | None,
) -> None:
    reporter = _Reporter(ctx, rule)
    kept = [
        m
        for m in matches
        if _case_ok(doc, rule, m) and not _excepted(exceptions, m.sentence, m.start, m.end)
    ]
    try:
        _HANDLERS[rule.type](doc, rule, kept, exceptions, reporter)
    except RuleTimeout:
        seconds = rule.params.get("timeout", 0)
        ctx.record_failure(
            f"house-style rule {rule.id}: its regular expression ran past the "
            f"{seconds:g} s limit (catastrophic backtracking?); the rule was "
            "skipped for this draft",
            kind="timeout",
        )
        return
    reporter.flush()


def _case_ok(doc: Document, rule: HouseRule, m: Match) -> bool:
    if rule.ignore_case or rule.type == "capitalization":
        return True
    return " ".join(doc.text[m.start : m.end].split()) == " ".join(m.phrase.split())


class _Reporter:
    """Collects one rule's findings and reports them only if the rule finished."""

    def __init__(self, ctx: CheckContext, rule: HouseRule) -> None:
        self.ctx = ctx
        self.rule = rule
        self.pending: list[tuple[int, int, str, str | None, dict[str, Any]]] = []

    def add(
        self, doc: Document, start: int, end: int, suggestion: str | None = None, **fields: Any
    ) -> None:
        text = doc.text[start:end]
        shown = suggestion.strip() if suggestion else ""
        message = self.rule.message.format_map({"match": text, "suggestion": shown, **fields})
        data: dict[str, Any] = {"house-style": self.rule.type}
        if self.rule.link:
            data["link"] = self.rule.link
        self.pending.append((start, end, message, suggestion, data))

    def flush(self) -> None:
        for start, end, message, suggestion, data in self.pending:
            fix = None if suggestion is None else Fix("replace", text=suggestion, safe=False)
            self.ctx.report(
                self.rule.id, start, end, message, suggestion=suggestion, data=data, fix=fix
            )


def _existence(
    doc: Document, rule: HouseRule, matches: list[Match], exc: Any, out: _Reporter
) -> None:
    for m in matches:
        out.add(doc, m.start, m.end)


def _substitution(
    doc: Document, rule: HouseRule, matches: list[Match], exc: Any, out: _Reporter
) -> None:
    for m in matches:
        text = doc.text[m.start : m.end]
        suggestion = match_case(m.payload or "", text)
        if text != suggestion.strip():
            out.add(doc, m.start, m.end, suggestion)


def match_case(preferred: str, found: str) -> str:
    """``preferred`` capitalised like ``found``: "Stated" -> "Said", "STATED" -> "SAID"."""
    letters = [c for c in found if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters) and preferred.islower():
        return preferred.upper()
    lead = len(preferred) - len(preferred.lstrip())
    if letters and found.lstrip()[:1].isupper() and preferred[lead : lead + 1].islower():
        return preferred[:lead] + preferred[lead].upper() + preferred[lead + 1 :]
    return preferred


def _occurrence(
    doc: Document, rule: HouseRule, matches: list[Match], exc: Any, out: _Reporter
) -> None:
    scope, limit = rule.params["scope"], rule.params["max"]
    groups: dict[int, list[Match]] = defaultdict(list)
    for m in matches:
        key = {"document": 0, "sentence": m.sentence.index, "block": m.sentence.block_index}
        groups[key[scope]].append(m)
    for found in groups.values():
        found.sort(key=lambda m: (m.start, m.end))
        for m in found[limit:]:
            out.add(doc, m.start, m.end, count=len(found), max=limit, scope=scope)


def _capitalization(
    doc: Document, rule: HouseRule, matches: list[Match], exc: Any, out: _Reporter
) -> None:
    for m in matches:
        text, term = doc.text[m.start : m.end], m.payload or m.phrase
        if text == term or (
            rule.params["skip-headings"] and doc.blocks[m.sentence.block_index].tag in HEADINGS
        ):
            continue
        at_start = m.start == _first_word(m.sentence) + m.sentence.start
        if at_start and rule.params["sentence-start"] and text == term[:1].upper() + term[1:]:
            continue
        out.add(doc, m.start, m.end, term)


def _first_word(s: Sentence) -> int:
    """Offset in the sentence of its first word or number (past opening quotes)."""
    for t in s.tokens:
        if t.kind != "punct":
            return t.start - s.start
    return 0


def _numbers(
    doc: Document, rule: HouseRule, matches: list[Match], exc: Any, out: _Reporter
) -> None:
    p = rule.params
    for s in doc.sentences:
        if not any(t.kind == "word" for t in s.tokens):
            continue  # a lone counter or page number is not prose
        for f in find_numbers(
            s.text, _first_word(s), p["spell-out-below"], p["flag-spelled"], p["sentence-start"]
        ):
            start, end = s.start + f.start, s.start + f.end
            if not _excepted(exc, s, start, end):
                out.add(doc, start, end, f.suggestion or None)


def _pattern(
    doc: Document, rule: HouseRule, matches: list[Match], exc: Any, out: _Reporter
) -> None:
    budget = Budget(rule.params["timeout"])
    replacement = rule.params["replacement"]
    for block in doc.blocks:
        if block.is_blank:
            continue
        for m in budget.finditer(rule.params["pattern"], block.text):
            start, end = block.start + m.start(), block.start + m.end()
            if end > start and not _excepted(exc, block, start, end):
                out.add(doc, start, end, m.expand(replacement) if replacement else None)


def _conditional(
    doc: Document, rule: HouseRule, matches: list[Match], exc: Any, out: _Reporter
) -> None:
    """Flag the first use of each key (an acronym) not defined at or before it."""
    budget = Budget(rule.params["timeout"])
    defined: dict[str, int] = {}
    uses: list[tuple[int, int, str]] = []
    for block in doc.blocks:
        if block.is_blank:
            continue
        for m in budget.finditer(rule.params["define"], block.text):
            defined.setdefault(m.group(1), block.start + m.start())
        if block.tag in HEADINGS or _shouting(block.text):
            continue
        dateline = _DATELINE.match(block.text)
        after = dateline.end() if dateline else 0
        uses.extend(
            (block.start + m.start(1), block.start + m.end(1), m.group(1))
            for m in budget.finditer(rule.params["use"], block.text)
            if m.start(1) >= after
        )
    seen = set(rule.exceptions)
    for start, end, key in uses:
        if key in seen:
            continue
        seen.add(key)
        if defined.get(key, len(doc.text) + 1) > start:
            out.add(doc, start, end)


def _shouting(text: str) -> bool:
    """An all-capitals line (a kicker, a label) is not full of acronyms."""
    upper = len(_UPPER.findall(text))
    return upper >= 8 and upper > 1.5 * len(_LOWER.findall(text))


_HANDLERS: dict[str, Callable[[Document, HouseRule, list[Match], Any, _Reporter], None]] = {
    "existence": _existence,
    "substitution": _substitution,
    "occurrence": _occurrence,
    "capitalization": _capitalization,
    "numbers": _numbers,
    "pattern": _pattern,
    "conditional": _conditional,
}
