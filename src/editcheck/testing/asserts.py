"""Assertions for plugin authors: a phrase is flagged, a draft is left alone, and every
rule's own ``flags`` and ``passes`` examples hold.

Each failure says what the check did instead (what it flagged, which check failed), so a
failing test needs no debugger to read.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from editcheck.annotations import Annotation, Report
from editcheck.checkapi import Check, Rule
from editcheck.testing.running import (
    CheckSource,
    checks_from,
    describe,
    find_text,
    load_draft,
    of_rule,
    run_document,
)

Options = Mapping[str, Mapping[str, Any]]


def _run(
    source: CheckSource,
    draft: str | Path,
    html: bool | None = None,
    options: Options | None = None,
    select: Iterable[str] = (),
) -> tuple[str, Report]:
    doc = load_draft(draft, html)
    return doc.text, run_document(source, doc, options=options, select=select)


def _overlapping(hits: list[Annotation], start: int, end: int) -> list[Annotation]:
    return [a for a in hits if a.start < end and start < a.end]


def assert_flags(
    source: CheckSource, draft: str | Path, *phrases: str, rule: str | None = None, **kwargs: Any
) -> Report:
    """Assert each of ``phrases`` in ``draft`` is flagged (by ``rule``); with no phrases,
    that something is flagged. Returns the report for further assertions. ``kwargs`` are
    :func:`run_check`'s (``html``, ``options``, ``select``)."""
    text, report = _run(source, draft, **kwargs)
    hits = of_rule(report, rule)
    by = f" by {rule}" if rule else ""
    if not phrases and not hits:
        raise AssertionError(f"expected a finding{by}; " + describe(report, rule))
    for phrase in phrases:
        start = find_text(text, phrase)
        if not _overlapping(hits, start, start + len(phrase)):
            raise AssertionError(f"{phrase!r} was not flagged{by}; " + describe(report, rule))
    return report


def assert_passes(
    source: CheckSource, draft: str | Path, *phrases: str, rule: str | None = None, **kwargs: Any
) -> Report:
    """Assert ``phrases`` (or, with none, the whole draft) are left alone (by ``rule``) and
    that no check failed."""
    text, report = _run(source, draft, **kwargs)
    hits = of_rule(report, rule)
    if not phrases and hits:
        raise AssertionError("expected no finding; " + describe(report, rule))
    for phrase in phrases:
        start = find_text(text, phrase)
        bad = _overlapping(hits, start, start + len(phrase))
        if bad:
            raise AssertionError(f"{phrase!r} was flagged: {[(a.rule, a.text) for a in bad]}")
    if report.errors:
        raise AssertionError(f"check errors: {[str(e.to_dict()) for e in report.errors]}")
    return report


def assert_rule_examples(
    source: CheckSource, *, rules: Iterable[str] | None = None, options: Options | None = None
) -> int:
    """Run every declared rule's ``flags`` and ``passes`` examples; returns how many ran.

    A rule must have both kinds of example; a flag example must get an annotation of its
    rule, a pass example none, and no check may fail on either. An example that starts
    with markup (``"<p>One.</p>"``) is checked as HTML, any other as plain text (see
    :func:`looks_like_html`). ``rules`` limits the run to those rule ids; ``options`` are
    rule options for the runs (an example that needs ``required = true`` or an index
    says so in its rule's doc). All failures are collected into one AssertionError, each
    naming the rule and the example, so a table of examples is fixed in one go.
    """
    wanted = _wanted(checks_from(source), rules)
    problems: list[str] = []
    ran = 0
    for check, rule in wanted:
        if not rule.flags or not rule.passes:
            problems.append(f"{rule.id} needs both flags and passes examples")
        for expect, examples in (("flag", rule.flags), ("pass", rule.passes)):
            for example in examples:
                ran += 1
                problem = _example_problem(check, rule, expect, example, options)
                if problem:
                    problems.append(problem)
    if problems:
        raise AssertionError("rule examples failed:\n  " + "\n  ".join(problems))
    return ran


def _wanted(checks: list[Check], rules: Iterable[str] | None) -> list[tuple[Check, Rule]]:
    """The (check, rule) pairs to run: all of them, or those ``rules`` names (each must be
    declared, so a typo cannot make a test pass by running nothing)."""
    pairs = [(c, r) for c in checks for r in c.rules]
    if rules is None:
        return pairs
    ids = set(rules)
    unknown = ids - {r.id for _, r in pairs}
    if unknown:
        raise ValueError(f"no such rule(s) in the source: {', '.join(sorted(unknown))}")
    return [(c, r) for c, r in pairs if r.id in ids]


def _example_problem(
    check: Check, rule: Rule, expect: str, example: str, options: Options | None
) -> str | None:
    """What is wrong with one example's run, or None."""
    _, report = _run(check, example, options=options)
    hits = [a.text for a in of_rule(report, rule.id)]
    if report.errors:
        errors = [f"{e.check}: {e.message}" for e in report.errors]
        return f"{rule.id} example {example!r}: check errors {errors}"
    if expect == "flag" and not hits:
        return f"{rule.id} should flag: {example!r} ({describe(report, None)})"
    if expect == "pass" and hits:
        return f"{rule.id} should pass: {example!r} (flagged {hits})"
    return None
