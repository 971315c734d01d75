"""Every page-residue and in-draft boilerplate rule is loaded and documented (its examples
are held to by tests/test_rule_examples.py, with every other rule's)."""

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


def test_rules_are_loaded_as_plugins() -> None:
    loaded = {r.id for r in Checker({}).plugins.rules}
    assert {r.id for r in RULES} <= loaded


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_is_documented(rule: Rule) -> None:
    assert rule.category in ("page-residue", "repeated-boilerplate")
    assert rule.summary and "Flags" in rule.doc and "Leaves alone" in rule.doc
    assert rule.flags and rule.passes
