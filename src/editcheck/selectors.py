"""Rule selectors shared by config, CLI flags and suppression comments.

A selector is a rule id (``core/long-sentence``), a namespace (``acme``), a glob
(``core/*``, ``acme/*-case``), ``category:NAME``, or ``*`` / ``all`` for every rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from fnmatch import fnmatchcase

from editcheck.checkapi import Rule


def matches(rule: Rule, selector: str) -> bool:
    """True when ``selector`` picks ``rule``."""
    if selector in ("*", "all"):
        return True
    if selector.startswith("category:"):
        return rule.category == selector.split(":", 1)[1]
    if any(ch in selector for ch in "*?["):
        return fnmatchcase(rule.id, selector)
    return rule.id == selector or rule.id.split("/", 1)[0] == selector.rstrip("/")


def matches_any(rule: Rule, selectors: Iterable[str]) -> bool:
    """True when any of ``selectors`` picks ``rule``."""
    return any(matches(rule, s) for s in selectors)
