"""What the sourcing tests share: the four rule ids, and the texts one rule flags."""

from __future__ import annotations

from editcheck.api import Checker
from editcheck.checks.sourcing.rules import RULES

RULE_IDS = [r.id for r in RULES]
CLAIM, VAGUE, QUOTE, STAT = RULE_IDS


def rule_flags(checker: Checker, text: str, rule: str) -> list[str]:
    """The texts ``rule`` flags in ``text`` read as a plain-text draft (no check may fail)."""
    report = checker.check_text(text)
    assert not report.errors, report.errors
    return [a.text for a in report.annotations if a.rule == rule]
