"""Rule selectors shared by config, CLI flags and suppression comments.

A selector is a rule id (``core/long-sentence``), a namespace (``acme``), a glob
(``core/*``, ``acme/*-case``), ``category:NAME``, or ``*`` / ``all`` for every rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from difflib import get_close_matches
from fnmatch import fnmatchcase

from editcheck.checkapi import Rule
from editcheck.errors import SelectorError


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


def names(rules: Iterable[Rule]) -> list[str]:
    """Every name a selector may use for ``rules``: ids, namespaces and ``category:X``."""
    rules = list(rules)
    return sorted(
        {r.id for r in rules}
        | {r.id.split("/", 1)[0] for r in rules}
        | {f"category:{r.category}" for r in rules}
    )


def closest(name: str, candidates: Iterable[str], n: int = 3) -> tuple[str, ...]:
    """The candidates most like ``name``, best first (for "did you mean ...?")."""
    pool = list(candidates)
    found = get_close_matches(name, pool, n=n, cutoff=0.6)
    if not found and "/" in name:  # a wrong namespace: compare the rule part alone
        tail = name.split("/", 1)[1]
        by_tail = {c.split("/", 1)[1]: c for c in pool if "/" in c}
        found = [by_tail[t] for t in get_close_matches(tail, list(by_tail), n=n, cutoff=0.75)]
    return tuple(found)


def require_matches(
    rules: Iterable[Rule], selectors: Iterable[str], *, field: str, where: str | None = None
) -> None:
    """Raise :class:`SelectorError` for the first selector that picks none of ``rules``.

    A selector that matches nothing would switch a check off without a word (a typo in
    ``select`` turns every check off), so it is an error that names the closest matches.
    """
    rules = list(rules)
    for selector in selectors:
        if any(matches(rule, selector) for rule in rules):
            continue
        hints = closest(selector, _same_kind(selector, names(rules)))
        hint = f"; did you mean {' or '.join(hints)}?" if hints else ""
        kind = "glob" if any(ch in selector for ch in "*?[") else "name"
        prefix = f"{where}: " if where else ""
        raise SelectorError(
            f"{prefix}{field} {selector!r}: this {kind} matches no loaded rule{hint}",
            field=field,
            name=selector,
            suggestions=hints,
        )


def _same_kind(selector: str, candidates: list[str]) -> list[str]:
    """Suggest rule ids for what looks like a rule id, categories for a category."""
    if selector.startswith("category:"):
        return [c for c in candidates if c.startswith("category:")]
    if "/" in selector:
        return [c for c in candidates if "/" in c]
    return candidates
