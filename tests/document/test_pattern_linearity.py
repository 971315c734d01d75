"""Every regular expression that runs on draft text is linear in its input.

Python's ``re`` backtracks, in C, where no time budget reaches: a pattern that re-reads a
run from every start position costs n²/2 steps, which for 20 KB of "!!!" froze a service
worker for 10 s. Each pattern below (every compiled pattern the draft-reading modules hold)
is fed long runs of its own trigger characters and literals (see
:mod:`editcheck.testing.linearity`), at N and then at 4N characters, in a child process that
reports after each input.

Why this cannot pass by luck, and does not time anything: at 4N = 40,000 characters a
quadratic pattern needs about 8·10⁸ backtracking steps for one input it is quadratic on,
about 80 s of C time for the old sentence splitter on "!" (5 s at N), so it cannot finish
that input inside the per-input limit; a linear pattern reads the input once, in
milliseconds. The assertion is that every input was
finished and counted; the limit is there so that a regression fails instead of hanging the
suite, and it is 100 times what a linear pattern needs on a loaded machine.
"""

from __future__ import annotations

import importlib
import multiprocessing
import pkgutil
import queue as queue_module
import re
from types import ModuleType

import pytest

from editcheck.testing.linearity import module_patterns, trigger_inputs

N = 10_000
LIMIT_S = 10.0  # per input; a linear pattern needs milliseconds, a quadratic one minutes
PACKAGES = ("editcheck.document", "editcheck.checks")
MODULES = ("editcheck.archive.normalize", "editcheck_datelines")


def _modules() -> list[ModuleType]:
    found = []
    for name in PACKAGES:
        package = importlib.import_module(name)
        found.append(package)
        for info in pkgutil.walk_packages(package.__path__, f"{name}."):
            found.append(importlib.import_module(info.name))
    return found + [importlib.import_module(name) for name in MODULES]


PATTERNS = module_patterns(*_modules())


def _inputs(pattern: re.Pattern[str]) -> list[tuple[str, str]]:
    return [
        (f"{label} x{size:,}", text)
        for size in (N, 4 * N)
        for label, text in trigger_inputs(pattern, size, extra=" \n")
    ]


def _child(pattern: re.Pattern[str], queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    for label, text in _inputs(pattern):
        queue.put((label, sum(1 for _ in pattern.finditer(text))))


def test_the_draft_patterns_are_all_found() -> None:
    names = set(PATTERNS)
    for expected in (
        "editcheck.document.sentences._CANDIDATE",
        "editcheck.document.tokens._TOKEN",
        "editcheck.checks.residue.patterns.INVISIBLE",
        "editcheck.checks.housestyle.numbers._NUMERAL",
    ):
        assert expected in names
    assert len(names) > 80


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_pattern_is_linear_on_runs_of_its_trigger_characters(name: str) -> None:
    pattern = PATTERNS[name]
    expected = [label for label, _ in _inputs(pattern)]
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    child = ctx.Process(target=_child, args=(pattern, queue), daemon=True)
    child.start()
    done: list[str] = []
    try:
        for label in expected:
            try:
                got, _count = queue.get(timeout=LIMIT_S)
            except queue_module.Empty:
                after = f" after {done[-1]}" if done else ""
                pytest.fail(f"{name} is super-linear: no input finished in {LIMIT_S:g} s{after}")
            assert got == label
            done.append(got)
    finally:
        child.kill()
        child.join()
    assert done == expected
