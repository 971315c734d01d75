"""How much a large house list adds to checking a draft.

Builds a house-style file of 5,000 entries (4,000 banned phrases of one to three words
and 1,000 substitutions, plus one rule of every other type), a 1,000-word news draft,
and times the compiled house-style check alone on the parsed draft: that is what the
list adds to a run. The goal is under 2 ms per 1,000-word draft.

    python benchmarks/housestyle_speed.py [--entries 5000] [--words 1000] [--runs 200]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from editcheck.checkapi import Check, CheckContext
from editcheck.checks.housestyle import house_style_check
from editcheck.document import Document, load_text

PARAGRAPH = (
    "Officials said the council would vote on Tuesday on a plan to rebuild the bridge, "
    "which closed in March after engineers found cracks in two of its supports. "
    "The work is expected to cost about $4 million and take 18 months, according to a "
    "report published by the transport department. Residents who live near the river "
    "told reporters they had waited years for repairs. \"We have been patient, but the "
    "detour adds 40 minutes to every trip,\" said Maria Lopez, a nurse who commutes to "
    "the city hospital. The mayor's office did not respond to a request for comment. "
    "Critics argue the plan could utilise cheaper materials going forward, and some "
    "members stated that the timetable is very ambitious."
)


def fake_word(rng: random.Random) -> str:
    return "".join(rng.choice("abcdefghijklmnoprstuvwy") for _ in range(rng.randint(4, 10)))


def house_file(entries: int, folder: Path, seed: int = 7) -> Path:
    """A house-style file with ``entries`` listed phrases (80% banned, 20% swaps)."""
    rng = random.Random(seed)
    banned = {" ".join(fake_word(rng) for _ in range(rng.randint(1, 3)))
              for _ in range(int(entries * 0.8) - 2)}
    banned |= {"utilise", "going forward"}
    swaps = {fake_word(rng): fake_word(rng) for _ in range(entries - len(banned) - 1)}
    swaps["stated"] = "said"
    lines = ['[house-style]\nnamespace = "bench"\n', "[rules.banned]", 'type = "existence"',
             "phrases = [" + ", ".join(f'"{p}"' for p in sorted(banned)) + "]",
             "\n[rules.swaps]", 'type = "substitution"', "swap = {" +
             ", ".join(f'"{k}" = "{v}"' for k, v in swaps.items()) + "}",
             '\n[rules.very]\ntype = "occurrence"\nphrases = ["very"]\nmax = 1',
             '\n[rules.brands]\ntype = "capitalization"\nterms = ["iPhone", "YouTube"]',
             '\n[rules.acronyms]\ntype = "conditional"',
             '\n[rules.numbers]\ntype = "numbers"',
             '\n[rules.spaces]\ntype = "pattern"\npattern = " {2,}"']
    path = folder / "bench.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def draft(words: int) -> str:
    per_paragraph = len(PARAGRAPH.split())
    return "\n\n".join([PARAGRAPH] * max(1, round(words / per_paragraph)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=5000)
    parser.add_argument("--words", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = house_file(args.entries, Path(tmp))
        started = time.perf_counter()
        check = house_style_check(path)
        compile_ms = (time.perf_counter() - started) * 1000
    doc = load_text(draft(args.words))
    lists_only = frozenset({"bench/banned", "bench/swaps"})
    all_rules, found = _median_ms(check, doc, frozenset(check.rule_ids), args.runs)
    lists, _ = _median_ms(check, doc, lists_only, args.runs)
    scale = 1000 / doc.word_count
    print(f"house list: {args.entries} entries, loaded and compiled once in {compile_ms:.0f} ms")
    print(f"draft: {doc.word_count} words; {found} findings per run; median of {args.runs} runs")
    print(f"word-list rules ({args.entries} entries): {lists * scale:.3f} ms per 1,000 words")
    print(f"whole house style (all 7 rule types): {all_rules * scale:.3f} ms per 1,000 words "
          "(goal: under 2 ms)")
    return 0 if all_rules * scale < 2.0 else 1


def _median_ms(check: Check, doc: Document, enabled: frozenset[str], runs: int
               ) -> tuple[float, int]:
    """Median milliseconds of one run of ``check`` with ``enabled`` rules, and its findings."""
    times, found = [], 0
    for _ in range(runs):
        ctx = CheckContext(doc, {}, enabled)
        started = time.perf_counter()
        check.run(doc, ctx)
        times.append(time.perf_counter() - started)
        found = len(ctx.findings)
    return statistics.median(times) * 1000, found

if __name__ == "__main__":
    sys.exit(main())
