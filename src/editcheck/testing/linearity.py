"""Probe regular expressions with long runs of their own trigger characters.

Python's ``re`` backtracks: a pattern such as ``[.!?]+(?=\\s)`` scanned with ``finditer``
over 20,000 "!" re-reads the whole run from every start position, which is quadratic and
happens in C, where no time budget can stop it. A pattern that runs on draft text must be
linear in its input, and the way to show it is to feed it what it is most sensitive to:
long runs of each character and literal it mentions.

    from editcheck.testing.linearity import module_patterns, trigger_inputs

    for name, pattern in module_patterns(my_plugin_module).items():
        for label, text in trigger_inputs(pattern, 100_000):
            list(pattern.finditer(text))   # must end in milliseconds, not minutes

The inputs are derived from the pattern's parse tree (``re._parser``), so a new pattern is
probed without anyone writing its cases by hand.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from re import _parser as _sre_parse  # type: ignore[attr-defined]  # 3.11+: no public API
from types import ModuleType
from typing import Any

# One or two characters standing for each class escape a pattern can use.
_CATEGORY_CHARS = {
    "CATEGORY_DIGIT": "7",
    "CATEGORY_NOT_DIGIT": "a.",
    "CATEGORY_SPACE": " \n",
    "CATEGORY_NOT_SPACE": "a.",
    "CATEGORY_WORD": "a7_",
    "CATEGORY_NOT_WORD": " .",
}
# Always tried: the characters news copy and pasted pages are made of.
_BASE = " .!?,'\"-\n\t()aA7\u200b\u00a0…"
_END = "\u2603"  # a snowman: not a word, space, digit or punctuation character
_MAX_LITERALS = 12
Pattern = re.Pattern[str]


def module_patterns(*modules: ModuleType) -> dict[str, Pattern]:
    """The compiled ``str`` patterns each module holds at module level, named
    ``module.NAME`` (also those one level inside a tuple, list, dict or frozenset)."""
    found: dict[str, Pattern] = {}
    for module in modules:
        for name, value in vars(module).items():
            for suffix, pattern in _patterns_in(value):
                found[f"{module.__name__}.{name}{suffix}"] = pattern
    return found


def _patterns_in(value: Any) -> Iterator[tuple[str, Pattern]]:
    if isinstance(value, re.Pattern):
        if isinstance(value.pattern, str):
            yield "", value
        return
    if isinstance(value, dict):
        items: Iterable[tuple[Any, Any]] = value.items()
    elif isinstance(value, (tuple, list, frozenset)):
        items = enumerate(value)
    else:
        return
    for key, item in items:
        if isinstance(item, re.Pattern) and isinstance(item.pattern, str):
            yield f"[{key!r}]", item
        elif isinstance(item, tuple):  # (name, pattern) pairs
            for j, sub in enumerate(item):
                if isinstance(sub, re.Pattern) and isinstance(sub.pattern, str):
                    yield f"[{key!r}][{j}]", sub


def trigger_inputs(pattern: Pattern, size: int, *, extra: str = _BASE) -> list[tuple[str, str]]:
    """``(label, text)`` pairs of about ``size`` characters each: a run of every character
    the pattern repeats or tests for and of every literal it names, the single-character
    runs also followed by a character that ends no run (so a lookahead for "space or end"
    fails, as in ``"!!!...!x"``), and runs of its punctuation paired with a space or a
    letter. ``extra`` are characters tried whatever the pattern names (by default those
    news copy and pasted pages are made of). A letter that only spells a literal word is
    covered by the runs of that word, not one by one."""
    chars, literals = _triggers(pattern)
    if pattern.flags & re.IGNORECASE:
        chars |= {c.swapcase() for c in chars if c.isalpha()}
    singles = sorted(chars | set(extra) | set("aA7"))
    inputs = []
    for c in singles:
        run = c * size
        inputs.append((f"{c!r}*", run))
        inputs.append((f"{c!r}*+end", run[:-1] + _END))
    units: dict[str, str] = {}
    for lit in sorted(literals, key=lambda x: (len(x), x))[:_MAX_LITERALS]:
        units[f"{lit!r}*"] = lit
        units[f"({lit!r} )*"] = lit + " "
    for c in sorted(c for c in chars if not c.isalnum()):
        for other in (" ", "a"):
            if other != c:
                units[f"{c + other!r}*"] = c + other
    for label, unit in units.items():
        inputs.append((label, (unit * (size // len(unit) + 1))[:size]))
    return inputs


def _triggers(pattern: Pattern) -> tuple[set[str], set[str]]:
    """The characters ``pattern`` repeats or tests as a class (and its punctuation), and
    the literal strings of two or more characters it names."""
    chars: set[str] = set()
    literals: set[str] = set()
    try:
        tree = _sre_parse.parse(pattern.pattern, pattern.flags & ~re.UNICODE)
    except re.error:  # pragma: no cover - it compiled once, so it parses
        return chars, literals
    _walk(tree, chars, literals, repeated=False)
    return chars, literals


def _walk(items: Any, chars: set[str], literals: set[str], *, repeated: bool) -> None:
    run: list[str] = []
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            run.append(chr(arg))
            if repeated or not chr(arg).isalnum():
                chars.add(chr(arg))
            continue
        if len(run) > 1:
            literals.add("".join(run))
        run = []
        if name == "IN":
            _walk_set(arg, chars)
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            _walk(arg[2], chars, literals, repeated=True)
        elif name in ("SUBPATTERN", "ASSERT", "ASSERT_NOT", "ATOMIC_GROUP"):
            _walk(arg[-1], chars, literals, repeated=repeated)
        elif name == "BRANCH":
            for branch in arg[1]:
                _walk(branch, chars, literals, repeated=repeated)
        elif name == "GROUPREF_EXISTS":
            for branch in arg[1:]:
                if branch is not None:
                    _walk(branch, chars, literals, repeated=repeated)
        elif name == "NOT_LITERAL":
            chars.add(chr(arg))
    if len(run) > 1:
        literals.add("".join(run))


def _walk_set(items: Any, chars: set[str]) -> None:
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            chars.add(chr(arg))
        elif name == "RANGE":
            lo, hi = arg
            chars.update({chr(lo), chr(hi)})
        elif name == "CATEGORY":
            chars.update(_CATEGORY_CHARS.get(str(arg), ""))
