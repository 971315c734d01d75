"""Findings are capped per rule and per draft, and a capped report still fails the gate.

A flood of zero-width characters would otherwise be a million annotations; the caps keep
the first findings of every rule, say in a note how many were left out, and never drop a
rule's only finding, so the verdict of a capped report is the verdict of the full one.
"""

from __future__ import annotations

from editcheck import Rule, Severity, check
from editcheck.checkapi import MAX_FINDINGS_PER_DRAFT, MAX_FINDINGS_PER_RULE
from editcheck.config import Config
from editcheck.document import load_html, load_text
from editcheck.runner import plan_run, run_checks

FLOOD = Rule("probe/flood", "house-style", Severity.WARNING)
RARE = Rule("probe/rare", "house-style", Severity.ERROR)
MANY = tuple(Rule(f"probe/many-{i}", "house-style", Severity.INFO) for i in range(30))


@check(FLOOD, RARE, name="probe.flood")
def flood(doc, ctx):  # type: ignore[no-untyped-def]
    for i in range(len(doc.text) - 1):
        ctx.report("probe/flood", i, i + 1, "A character.")
    ctx.report("probe/rare", len(doc.text) - 1, len(doc.text), "The last one.")


@check(*MANY, name="probe.many")
def many(doc, ctx):  # type: ignore[no-untyped-def]
    for rule in MANY:
        for i in range(len(doc.text)):
            ctx.report(rule.id, i, i + 1, "Again.")
    # the one error-severity finding comes last, after the draft cap is long spent
    ctx.report("probe/rare", 0, 1, "Late but serious.")


@check(RARE, *MANY, name="probe.late")
def late(doc, ctx):  # type: ignore[no-untyped-def]
    many.run(doc, ctx)


def test_a_flood_is_capped_per_rule_with_a_note_and_the_rarer_rule_survives() -> None:
    report = run_checks(load_text("x" * 50_000), plan_run([flood], Config()))
    by_rule = [a.rule for a in report.annotations]
    assert by_rule.count("probe/flood") == MAX_FINDINGS_PER_RULE
    assert by_rule.count("probe/rare") == 1
    (note,) = [n for n in report.notes if n.startswith("probe/flood:")]
    assert f"{50_000 - 1 - MAX_FINDINGS_PER_RULE:,} more findings" in note
    assert report.verdict(Severity.ERROR) == "fail"


def test_the_draft_cap_keeps_every_rule_that_fired_so_the_verdict_holds() -> None:
    report = run_checks(load_text("y" * 2_000), plan_run([late], Config()))
    rules = {a.rule for a in report.annotations}
    assert rules == {r.id for r in MANY} | {"probe/rare"}
    assert len(report.annotations) <= MAX_FINDINGS_PER_DRAFT + len(MANY) + 1
    assert report.verdict(Severity.ERROR) == "fail"
    assert any("per draft" in n for n in report.notes)


def test_suppressed_findings_do_not_use_up_the_cap() -> None:
    html = '<p data-editcheck-ignore="probe/flood">' + "z" * 5_000 + "</p><p>ab</p>"
    report = run_checks(load_html(html), plan_run([flood], Config()))
    shown = [a for a in report.annotations if a.rule == "probe/flood"]
    assert [a.text for a in shown] == ["a"]  # the one finding outside the ignored block
    assert not any(n.startswith("probe/flood:") for n in report.notes)


def test_an_uncapped_report_has_no_cap_note() -> None:
    report = run_checks(load_text("short"), plan_run([flood], Config()))
    assert not any("not listed" in n for n in report.notes)


def test_a_zero_width_flood_through_the_built_in_checks_is_capped_and_still_fails() -> None:
    from editcheck.api import Checker

    report = Checker().check_text("a\u200b" * 3_000)
    invisible = [a for a in report.annotations if a.rule == "core/invisible-character"]
    assert len(invisible) == MAX_FINDINGS_PER_RULE
    assert any(n.startswith("core/invisible-character:") for n in report.notes)
    assert report.verdict(invisible[0].severity) == "fail"
