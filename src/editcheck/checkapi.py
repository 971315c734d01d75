"""What a check is, and the context through which it reports what it finds.

A check is a plain function ``(document, context) -> None`` wrapped with the rules it can
report.  It reports spans in document offsets (or relative to a block or sentence) through
:class:`CheckContext`; the runner turns them into annotations with every position field
filled in one place, so no check ever computes an xpath or a line number.

    from editcheck import Rule, check, hookimpl

    @check(Rule("acme/no-utilise", "house-style", summary="Prefer 'use'."))
    def no_utilise(doc, ctx):
        for s in doc.sentences:
            i = s.text.find("utilise")
            if i >= 0:
                ctx.report_in("acme/no-utilise", s, i, i + 7, "Use 'use'.", suggestion="use")

    @hookimpl
    def editcheck_checks():
        return [no_utilise]
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from editcheck.annotations import CATEGORIES, Fix, Severity
from editcheck.document import Block, Document, Sentence
from editcheck.errors import PluginError

_LANGUAGE = re.compile(r"^[a-z]{2,3}$")
# The languages of a rule that reads English words (sourcing's patterns, syllable counts).
ENGLISH = frozenset({"en"})
_RULE_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]*/[a-z0-9]+(?:-[a-z0-9]+)*$")
#: Where a rule's findings belong: a passage of the draft, or the draft as a whole.
SCOPES = ("passage", "document")
# Findings kept per rule and per draft: a flood of zero-width characters would otherwise be
# a million annotations and a 160 MB response. The first finding of every rule is always
# kept, so a capped report fails the gate exactly when the full one would.
MAX_FINDINGS_PER_RULE = 1_000
MAX_FINDINGS_PER_DRAFT = 10_000


@dataclass(frozen=True, slots=True)
class Rule:
    """A kind of finding: id ``namespace/kebab-name``, category, default severity, docs.

    ``options`` holds the defaults of the options a newsroom may set in its config
    (``[rules."ns/name"]``); ``path_options`` names those that hold a file path (made
    absolute when a run moves to other machines); ``flags`` and ``passes`` are examples
    for the docs and tests. ``languages`` names the languages (ISO 639-1 codes) the rule
    can read; empty means any (the rule does not depend on the draft's words). A rule
    that reads English patterns says ``ENGLISH``, and does not run on a draft in another
    language; a plugin adds a language by declaring rules for it. ``scope`` is
    ``"document"`` for a finding about the whole
    draft (a reading grade) that is placed on a passage only to have a position: the
    review page shows those in its document panel rather than on that passage.
    """

    id: str
    category: str
    severity: Severity = Severity.WARNING
    summary: str = ""
    doc: str = ""
    options: Mapping[str, Any] = field(default_factory=dict)
    flags: tuple[str, ...] = ()
    passes: tuple[str, ...] = ()
    path_options: tuple[str, ...] = ()
    languages: frozenset[str] = frozenset()
    scope: str = "passage"

    def __post_init__(self) -> None:
        if not _RULE_ID.match(self.id):
            raise PluginError(f"rule id {self.id!r} is not of the form namespace/kebab-name")
        if self.category not in CATEGORIES:
            raise PluginError(f"rule {self.id}: unknown category {self.category!r}")
        if self.scope not in SCOPES:
            raise PluginError(f"rule {self.id}: scope must be one of {', '.join(SCOPES)}")
        if not isinstance(self.severity, Severity):
            object.__setattr__(self, "severity", Severity(self.severity))
        if not isinstance(self.languages, frozenset):
            object.__setattr__(self, "languages", frozenset(self.languages))
        bad = sorted(code for code in self.languages if not _LANGUAGE.match(str(code)))
        if bad:
            raise PluginError(f"rule {self.id}: languages must be ISO 639 codes, not {bad}")

    def reads(self, language: str | None) -> bool:
        """Whether the rule runs on a draft in ``language`` (None: unknown, read as
        English, so the check runs rather than not)."""
        return not self.languages or (language or "en") in self.languages

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "category": self.category,
            "severity": self.severity.value,
            "summary": self.summary,
            "doc": self.doc,
            "options": dict(self.options),
            "flags": list(self.flags),
            "passes": list(self.passes),
            "languages": sorted(self.languages),
            "scope": self.scope,
        }


class CheckFunction(Protocol):
    def __call__(self, doc: Document, ctx: CheckContext) -> None: ...


PrepareFunction = Callable[[Mapping[str, Mapping[str, Any]]], None]


@dataclass(frozen=True, slots=True)
class Check:
    """A check function and the rules it may report; ``name`` identifies it in errors.

    ``prepare``, when given, is called once per run before any draft, with the options of
    the check's rules (``{rule id: options}``): the place to open a file an option names
    or to validate an option, raising :class:`editcheck.ConfigError`, so a bad setting
    stops the run up front instead of failing on every draft.
    """

    name: str
    rules: tuple[Rule, ...]
    run: CheckFunction
    prepare: PrepareFunction | None = None

    @property
    def rule_ids(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.rules)


def check(
    *rules: Rule, name: str | None = None, prepare: PrepareFunction | None = None
) -> Callable[[CheckFunction], Check]:
    """Decorator: declare ``fn`` as a check that reports ``rules`` (``prepare``: see
    :class:`Check`)."""
    if not rules:
        raise PluginError("a check must declare at least one rule")

    def wrap(fn: CheckFunction) -> Check:
        check_name = name or f"{rules[0].id.split('/')[0]}.{getattr(fn, '__name__', 'check')}"
        return Check(check_name, tuple(rules), fn, prepare)

    return wrap


@dataclass(frozen=True, slots=True)
class Finding:
    """A span a check reported, before the runner makes it an annotation."""

    rule: str
    start: int
    end: int
    message: str
    suggestion: str | None = None
    data: Mapping[str, Any] = field(default_factory=dict)
    fix: Fix | None = None


class CheckContext:
    """Passed to each check: its options, which rules are on, and where to report.

    ``room`` is how many more findings the draft may hold (the runner passes what earlier
    checks left); ``hidden`` tells a finding the report would never show (suppressed in
    the draft, or outside every block), which is dropped before it counts against a cap.
    """

    def __init__(
        self,
        doc: Document,
        options: Mapping[str, Mapping[str, Any]],
        enabled: frozenset[str],
        own: frozenset[str] | None = None,
        *,
        room: int = MAX_FINDINGS_PER_DRAFT,
        per_rule: int = MAX_FINDINGS_PER_RULE,
        hidden: Callable[[Finding], bool] | None = None,
    ) -> None:
        self._doc = doc
        self._options = options
        self._enabled = enabled
        self._own = own  # the rules this check declared; None: any (tests, tools)
        self._rejected = 0
        self._room = room
        self._per_rule = per_rule
        self._hidden = hidden
        self._kept: dict[str, int] = {}
        self.dropped: dict[str, int] = {}  # rule -> findings over a cap, not kept
        self.saturated: set[str] = set()  # rules whose check stopped looking past the cap
        self.findings: list[Finding] = []
        self.stats: dict[str, Any] = {}
        self.failures: list[tuple[str, str]] = []  # (message, kind), for the report's errors

    def enabled(self, rule_id: str) -> bool:
        """True when ``rule_id`` is selected; a check may skip work for rules that are off."""
        return rule_id in self._enabled

    def options(self, rule_id: str) -> Mapping[str, Any]:
        """The rule's options: its declared defaults overlaid with the newsroom's config."""
        return self._options.get(rule_id, {})

    def report(
        self,
        rule_id: str,
        start: int,
        end: int,
        message: str,
        *,
        suggestion: str | None = None,
        data: Mapping[str, Any] | None = None,
        fix: Fix | None = None,
    ) -> None:
        """Report document offsets ``[start, end)``; findings for rules that are off are dropped,
        and so are those past the per-rule or per-draft cap (counted, for a note).

        A finding a plugin got wrong (offsets that are not integers in the document, a
        message that is not text, data that is not JSON, a rule the check did not declare)
        is dropped and named in the report's errors; the check's other findings stand.
        ``fix`` declares the mechanical edit that resolves the finding (see
        :class:`editcheck.annotations.Fix`); a malformed one drops the finding the same way.
        """
        if rule_id not in self._enabled and (self._own is None or rule_id in self._own):
            return  # a rule of this check that is switched off
        kept = self._kept.get(rule_id, 0)
        if kept and (kept >= self._per_rule or len(self.findings) >= self._room):
            self._over_cap(rule_id, start, end, message)
            return
        problem = self._invalid(rule_id, start, end, message, suggestion, data)
        if problem is None and fix is not None:
            problem = self._invalid_fix(fix)
        if problem is not None:
            self._reject(problem)
            return
        finding = Finding(rule_id, start, end, message, suggestion, data or {}, fix)
        if self._hidden is not None and self._hidden(finding):
            return
        self._kept[rule_id] = kept + 1  # a rule's first finding is kept even past the caps
        self.findings.append(finding)

    def _over_cap(self, rule_id: str, start: int, end: int, message: str) -> None:
        """Count a finding past a cap at a cost that does not grow with its data: it is
        never kept, so only what the count needs is checked (its offsets, and whether
        the report would hide it); a check reporting 100,000 figures must not pay for
        encoding 100,000 ``data`` mappings it will never show."""
        size = len(self._doc.text)
        if type(start) is not int or type(end) is not int or not 0 <= start <= end <= size:
            self._reject(f"offsets {start!r}..{end!r} are not integers in 0..{size}")
            return
        if not isinstance(message, str):
            self._reject("message and suggestion must be text")
            return
        if self._hidden is not None and self._hidden(Finding(rule_id, start, end, message)):
            return
        self.dropped[rule_id] = self.dropped.get(rule_id, 0) + 1

    @property
    def per_rule_cap(self) -> int:
        """How many findings of one rule a report keeps; past it they are only counted."""
        return self._per_rule

    def kept(self, rule_id: str) -> int:
        """How many findings of ``rule_id`` this check has had kept so far."""
        return self._kept.get(rule_id, 0)

    def stop_looking(self, rule_id: str) -> None:
        """Say this check stopped looking for ``rule_id`` once it had far more findings
        than the report keeps (so a draft of 100,000 numerals costs the cap, not 100,000
        judgements); the note says "at least". If none was kept (all suppressed), the
        stop is a failure: the rest of the draft was not looked at."""
        self.saturated.add(rule_id)
        if not self._kept.get(rule_id):
            self.record_failure(
                f"{rule_id}: stopped looking after {self._per_rule:,} findings, none of "
                "them shown (suppressed): the rest of the draft was not checked for it"
            )

    def cap_notes(self) -> tuple[str, ...]:
        """One note per rule whose findings were capped, saying how many were left out."""
        notes = []
        for rule in sorted(set(self.dropped) | self.saturated):
            count = self.dropped.get(rule, 0)
            more = f"at least {count:,}" if rule in self.saturated else f"{count:,}"
            notes.append(
                f"{rule}: {more} more findings not listed (at most {self._per_rule:,} per "
                f"rule and {MAX_FINDINGS_PER_DRAFT:,} per draft are kept); the verdict "
                "counts them"
            )
        return tuple(notes)

    def _invalid(
        self,
        rule_id: object,
        start: object,
        end: object,
        message: object,
        suggestion: object,
        data: object,
    ) -> str | None:
        if self._own is not None and rule_id not in self._own:
            return f"reported under {rule_id!r}, a rule this check does not declare"
        size = len(self._doc.text)
        if not all(type(x) is int for x in (start, end)):
            return f"offsets must be integers (got {start!r}, {end!r})"
        if not 0 <= start <= end <= size:  # type: ignore[operator]
            return f"offsets {start}..{end} are outside the document (0..{size})"
        if not isinstance(message, str) or not (suggestion is None or isinstance(suggestion, str)):
            return "message and suggestion must be text"
        if data:
            try:
                json.dumps(data, allow_nan=False)
            except (TypeError, ValueError) as exc:
                return f"data is not JSON ({exc})"
        return None

    def _invalid_fix(self, fix: object) -> str | None:
        if not isinstance(fix, Fix) or fix.kind not in ("delete", "replace"):
            return f"fix must be an editcheck Fix of kind delete or replace (got {fix!r})"
        if not isinstance(fix.text, str) or not isinstance(fix.safe, bool):
            return "a fix's text must be text and its safe flag a bool"
        ends = [x for x in (fix.start, fix.end) if x is not None]
        if not all(type(x) is int for x in ends):
            return f"fix offsets must be integers (got {fix.start!r}, {fix.end!r})"
        size = len(self._doc.text)
        if (fix.start is None) != (fix.end is None) or (
            fix.start is not None and not 0 <= fix.start <= fix.end <= size  # type: ignore[operator]
        ):
            return f"fix offsets {fix.start}..{fix.end} are not a range in the document"
        return None

    def _reject(self, problem: str) -> None:
        self._rejected += 1
        if self._rejected <= 3:  # a buggy loop must not flood the report
            self.failures.append((f"a finding was dropped: {problem}", "error"))
        elif self._rejected == 4:
            self.failures.append(("more findings were dropped for the same kind of bug", "error"))

    def report_in(
        self,
        rule_id: str,
        where: Block | Sentence,
        start: int,
        end: int,
        message: str,
        *,
        suggestion: str | None = None,
        data: Mapping[str, Any] | None = None,
        fix: Fix | None = None,
    ) -> None:
        """Report ``[start, end)`` relative to a block's or a sentence's text (a ``fix``'s
        own range, when it has one, is in document offsets)."""
        self.report(
            rule_id,
            where.start + start,
            where.start + end,
            message,
            suggestion=suggestion,
            data=data,
            fix=fix,
        )

    def record_failure(self, message: str, *, kind: str = "error") -> None:
        """Note a part of the check that failed (``kind`` "error" or "timeout") while the
        rest of its findings stand; the runner lists it in the report's ``errors``."""
        self.failures.append((message, kind))

    def add_stats(self, **stats: Any) -> None:
        """Add document-level figures (e.g. readability scores) to the report's ``stats``."""
        self.stats.update(stats)
