"""Folding a stream of check outcomes into archive-wide counts, in constant memory.

An audit may run over 100,000+ drafts, so no report is kept: each one is folded into
counters (by rule, category and severity), a bounded heap of the worst drafts, bounded
Space-Saving counters of recurring passages (:mod:`.recurring`), and per-check failure
tallies with a few example drafts each. Memory does not grow with the archive.
"""

from __future__ import annotations

import heapq
import time
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from editcheck.annotations import Report
from editcheck.audit.recurring import RecurringPassages, passage_key
from editcheck.run.batch import Outcome

#: Weighted severity: what one annotation adds to a draft's score.
WEIGHTS = {"error": 3, "warning": 2, "info": 1}
#: Shorter drafts count as this long when scoring per 1,000 words, so a three-line draft
#: with one flag does not outrank a long article full of them.
MIN_SCORED_WORDS = 100
RECURRING_CATEGORIES = ("repeated-boilerplate", "page-residue")
EXAMPLES = 5
UNREADABLE_LISTED = 100
#: Upper bounds of the annotations-per-draft histogram's buckets.
BUCKETS = (0, 1, 3, 7, 15, 31)


@dataclass(frozen=True, slots=True)
class ReportFacts:
    """What an audit counts of one report, taken from a Report or from its JSON form."""

    source: str | None
    words: int | None
    partial: bool
    annotations: tuple[tuple[str, str, str, str], ...]  # rule, category, severity, text
    errors: tuple[tuple[str, str, str], ...]  # check, kind, message
    # Who the draft quotes (``stats["sources"]``, when a check lists them): kind, quotes,
    # figures, claims per source.
    sources: tuple[tuple[str, int, int, int], ...] = ()

    @classmethod
    def of(cls, report: Report) -> ReportFacts:
        words = report.stats.get("words")
        return cls(
            report.source,
            words if isinstance(words, int) else None,
            report.partial,
            tuple((a.rule, a.category, a.severity.value, a.text) for a in report.annotations),
            tuple((e.check, e.kind, e.message) for e in report.errors),
            _sources(report.stats.get("sources")),
        )

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ReportFacts:
        """From a report as ``check -f jsonl`` writes it; KeyError/TypeError if it is not."""
        words = data.get("stats", {}).get("words")
        return cls(
            str(data["source"]) if data["source"] is not None else None,
            words if isinstance(words, int) else None,
            bool(data["partial"]),
            tuple(
                (str(a["rule"]), str(a["category"]), str(a["severity"]), str(a["text"]))
                for a in data["annotations"]
            ),
            tuple((str(e["check"]), str(e["kind"]), str(e["message"])) for e in data["errors"]),
            _sources(data.get("stats", {}).get("sources")),
        )


def _sources(value: Any) -> tuple[tuple[str, int, int, int], ...]:
    """``(kind, quotes, figures, claims)`` per listed source; nothing if none are listed."""
    if not isinstance(value, list):
        return ()
    out = []
    for s in value:
        if isinstance(s, Mapping):
            out.append(
                (
                    str(s.get("kind", "")),
                    int(s.get("quotes", 0) or 0),
                    int(s.get("figures", 0) or 0),
                    int(s.get("claims", 0) or 0),
                )
            )
    return tuple(out)


@dataclass(slots=True)
class RuleTally:
    category: str
    annotations: int = 0
    drafts: int = 0
    by_severity: Counter[str] = field(default_factory=Counter)


@dataclass(slots=True)
class FailureTally:
    check: str
    kind: str
    message: str
    count: int = 0
    examples: list[str] = field(default_factory=list)


class ArchiveAudit:
    """Counts over every outcome given to :meth:`add`; :meth:`summary` is the result."""

    def __init__(self, top: int = 25, capacity: int = 5000) -> None:
        self.top = top
        self.started = time.monotonic()
        self.drafts = self.checked = self.words = self.annotations = 0
        self.partial = self.with_findings = self.without_word_count = 0
        self.rules: dict[str, RuleTally] = {}
        self.categories: Counter[str] = Counter()
        self.severities: Counter[str] = Counter()
        self.histogram: Counter[int] = Counter()
        self._worst: list[tuple[float, int, dict[str, Any]]] = []
        self.recurring = {c: RecurringPassages(capacity) for c in RECURRING_CATEGORIES}
        self.failures: dict[tuple[str, str], FailureTally] = {}
        self.unreadable: list[dict[str, str]] = []
        self.unreadable_count = 0
        self.sources: dict[str, Counter[str]] = {}  # kind -> sources, quotes, figures, claims
        self.drafts_with_sources = 0

    def add(self, outcome: Outcome) -> None:
        """Fold one outcome in: an unreadable input, or a report."""
        if outcome.report is None:
            self.add_unreadable(outcome.item, outcome.error or "")
        else:
            self.add_facts(outcome.item, ReportFacts.of(outcome.report))

    def add_unreadable(self, item: str, error: str) -> None:
        """Count an input that could not be checked (listed up to a limit)."""
        self.drafts += 1
        self.unreadable_count += 1
        if len(self.unreadable) < UNREADABLE_LISTED:
            self.unreadable.append({"source": item, "error": error})

    def add_facts(self, item: str, facts: ReportFacts) -> None:
        """Count one checked draft."""
        self.drafts += 1
        self.checked += 1
        if facts.words is not None:
            self.words += facts.words
        else:
            self.without_word_count += 1
        self.partial += facts.partial
        self.annotations += len(facts.annotations)
        self.histogram[_bucket(len(facts.annotations))] += 1
        self._count_annotations(facts)
        self._count_sources(facts)
        self._count_failures(facts.source or item, facts)
        if facts.annotations:
            self.with_findings += 1
            self._rank(facts.source or item, facts)

    def _count_annotations(self, facts: ReportFacts) -> None:
        rules_seen: set[str] = set()
        passages_seen: set[tuple[str, int]] = set()
        for rule, category, severity, text in facts.annotations:
            tally = self.rules.get(rule)
            if tally is None:
                tally = self.rules[rule] = RuleTally(category)
            tally.annotations += 1
            tally.by_severity[severity] += 1
            if rule not in rules_seen:
                rules_seen.add(rule)
                tally.drafts += 1
            self.categories[category] += 1
            self.severities[severity] += 1
            if category in self.recurring and text.strip():
                key = passage_key(text)
                if (category, key) not in passages_seen:  # one count per draft
                    passages_seen.add((category, key))
                    self.recurring[category].add(key, text, rule)

    def _count_sources(self, facts: ReportFacts) -> None:
        """Newsroom sourcing audits: who is quoted, named or anonymous, across the archive."""
        if facts.sources:
            self.drafts_with_sources += 1
        for kind, quotes, figures, claims in facts.sources:
            c = self.sources.setdefault(kind, Counter())
            c["sources"] += 1
            c["quotes"] += quotes
            c["figures"] += figures
            c["claims"] += claims

    def _sources_summary(self) -> dict[str, Any]:
        """Sources across the archive: by kind, the named and anonymous shares, quotes per
        story (over the drafts that list sources)."""
        by_kind = {k: dict(sorted(c.items())) for k, c in sorted(self.sources.items())}
        total = sum(c["sources"] for c in self.sources.values())
        named = sum(self.sources.get(k, Counter())["sources"] for k in ("person", "organisation"))
        anonymous = self.sources.get("anonymous", Counter())["sources"]
        quotes = sum(c["quotes"] for c in self.sources.values())
        stories = self.drafts_with_sources
        return {
            "drafts_with_sources": stories,
            "sources": total,
            "by_kind": by_kind,
            "named_share": round(named / total, 4) if total else None,
            "anonymous_share": round(anonymous / total, 4) if total else None,
            "quotes": quotes,
            "quotes_per_story": round(quotes / stories, 2) if stories else None,
        }

    def _count_failures(self, item: str, facts: ReportFacts) -> None:
        for check, kind, message in facts.errors:
            tally = self.failures.get((check, kind))
            if tally is None:
                tally = self.failures[(check, kind)] = FailureTally(check, kind, message)
            tally.count += 1
            if len(tally.examples) < EXAMPLES:
                tally.examples.append(item)

    def _rank(self, source: str, facts: ReportFacts) -> None:
        weighted = sum(WEIGHTS.get(a[2], 1) for a in facts.annotations)
        score = weighted * 1000 / max(facts.words or 0, MIN_SCORED_WORDS)
        entry = {
            "source": source,
            "words": facts.words,
            "annotations": len(facts.annotations),
            "weighted": weighted,
            "per_1000_words": round(score, 2),
            "by_category": dict(sorted(Counter(a[1] for a in facts.annotations).items())),
        }
        # Ties go to the draft seen first (-drafts), so the ranking is stable across runs.
        heapq.heappush(self._worst, (score, -self.drafts, entry))
        if len(self._worst) > self.top:
            heapq.heappop(self._worst)

    def summary(self, *, interrupted: bool = False) -> dict[str, Any]:
        """The audit as JSON-ready data (schema ``editcheck/audit@1``)."""
        from editcheck.version import __version__

        seconds = time.monotonic() - self.started
        return {
            "schema": "editcheck/audit@1",
            "editcheck_version": __version__,
            "generated": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "interrupted": interrupted,
            "totals": self._totals(seconds),
            "by_severity": {s: self.severities.get(s, 0) for s in WEIGHTS},
            "by_category": dict(self.categories.most_common()),
            "by_rule": self._rules(),
            "annotations_per_draft": self._histogram(),
            "worst_drafts": self._worst_drafts(),
            "recurring": {c: r.top(self.top) for c, r in self.recurring.items()},
            "check_failures": self._failures(),
            "sources": self._sources_summary(),
            "unreadable": list(self.unreadable),
        }

    def _totals(self, seconds: float) -> dict[str, Any]:
        return {
            "drafts": self.drafts,
            "checked": self.checked,
            "unreadable": self.unreadable_count,
            "with_findings": self.with_findings,
            "partial": self.partial,
            "words": self.words,
            "without_word_count": self.without_word_count,
            "annotations": self.annotations,
            "seconds": round(seconds, 3),
            "drafts_per_second": round(self.drafts / seconds, 1) if seconds > 0 else None,
        }

    def _rules(self) -> list[dict[str, Any]]:
        ranked = sorted(self.rules.items(), key=lambda kv: (-kv[1].annotations, kv[0]))
        return [
            {
                "rule": rid,
                "category": t.category,
                "annotations": t.annotations,
                "drafts": t.drafts,
                "by_severity": {s: t.by_severity.get(s, 0) for s in WEIGHTS},
            }
            for rid, t in ranked
        ]

    def _histogram(self) -> list[dict[str, Any]]:
        labels, low = [], 0
        for high in BUCKETS:
            labels.append((high, str(high) if low == high else f"{low}–{high}"))
            low = high + 1
        labels.append((BUCKETS[-1] + 1, f"{low}+"))
        return [{"label": label, "drafts": self.histogram.get(b, 0)} for b, label in labels]

    def _worst_drafts(self) -> list[dict[str, Any]]:
        return [entry for _, _, entry in sorted(self._worst, key=lambda t: (-t[0], -t[1]))]

    def _failures(self) -> list[dict[str, Any]]:
        ranked = sorted(self.failures.values(), key=lambda t: (-t.count, t.check, t.kind))
        return [
            {
                "check": t.check,
                "kind": t.kind,
                "count": t.count,
                "message": t.message,
                "examples": list(t.examples),
            }
            for t in ranked
        ]


def _bucket(n: int) -> int:
    """The histogram bucket (its upper bound) holding a draft with ``n`` annotations."""
    for high in BUCKETS:
        if n <= high:
            return high
    return BUCKETS[-1] + 1
