"""Every page-residue and in-draft boilerplate rule is documented, and its documented
examples behave as the documentation says."""

from __future__ import annotations

import pytest

from editcheck.api import Checker
from editcheck.checkapi import Rule
from editcheck.checks import repetition
from editcheck.checks.residue import rules as residue_rules

RULES: list[Rule] = [
    *residue_rules.RULES,
    residue_rules.PAGE_FURNITURE,
    repetition.DUPLICATE_PARAGRAPH,
    repetition.DUPLICATE_SENTENCE,
    repetition.PROMO_FURNITURE,
]


def _rules_hit(rule: Rule, example: str) -> set[str]:
    checker = Checker({}, select=[rule.id])
    is_html = example.lstrip().startswith("<")
    report = checker.check_html(example) if is_html else checker.check_text(example)
    return {a.rule for a in report.annotations}


def test_rules_are_loaded_as_plugins() -> None:
    loaded = {r.id for r in Checker({}).plugins.rules}
    assert {r.id for r in RULES} <= loaded


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_is_documented(rule: Rule) -> None:
    assert rule.category in ("page-residue", "repeated-boilerplate")
    assert rule.summary and "Flags" in rule.doc and "Leaves alone" in rule.doc
    assert rule.flags and rule.passes


@pytest.mark.parametrize(("rule", "example"), [(r, e) for r in RULES for e in r.flags], ids=repr)
def test_flags_example_is_flagged(rule: Rule, example: str) -> None:
    assert rule.id in _rules_hit(rule, example)


@pytest.mark.parametrize(("rule", "example"), [(r, e) for r in RULES for e in r.passes], ids=repr)
def test_passes_example_is_left_alone(rule: Rule, example: str) -> None:
    assert rule.id not in _rules_hit(rule, example)
