"""How much a large house list adds to checking a draft.

Builds a house-style file of 5,000 entries (4,000 banned phrases of one to three words
and 1,000 substitutions, plus one rule of every other type) and times the compiled
house-style check alone on parsed drafts: that is what the list adds to a run. The drafts
are ``--runs`` distinct ``--words``-word drafts of ``corpus.py``, each parsed afresh and
checked once per measurement (whole list, then word lists only, on separate parses);
CPU time (``process_time``) with wall time beside, and the load average. The goal is under
2 ms per 1,000 words.

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

from corpus import Draft, drafts
from measure import load_line, loadavg

from editcheck.checkapi import Check, CheckContext
from editcheck.checks.housestyle import house_style_check
from editcheck.document import Document, load_html, load_text

PARAGRAPH = (
    "Officials said the council would vote on Tuesday on a plan to rebuild the bridge, "
    "which closed in March after engineers found cracks in two of its supports. "
    "The work is expected to cost about $4 million and take 18 months, according to a "
    "report published by the transport department. Residents who live near the river "
    'told reporters they had waited years for repairs. "We have been patient, but the '
    'detour adds 40 minutes to every trip," said Maria Lopez, a nurse who commutes to '
    "the city hospital. The mayor's office did not respond to a request for comment. "
    "Critics argue the plan could utilise cheaper materials going forward, and some "
    "members stated that the timetable is very ambitious."
)


def fake_word(rng: random.Random) -> str:
    return "".join(rng.choice("abcdefghijklmnoprstuvwy") for _ in range(rng.randint(4, 10)))


def house_file(entries: int, folder: Path, seed: int = 7) -> Path:
    """A house-style file with ``entries`` listed phrases (80% banned, 20% swaps)."""
    rng = random.Random(seed)
    banned = {
        " ".join(fake_word(rng) for _ in range(rng.randint(1, 3)))
        for _ in range(int(entries * 0.8) - 2)
    }
    banned |= {"utilise", "going forward"}
    swaps = {fake_word(rng): fake_word(rng) for _ in range(entries - len(banned) - 1)}
    swaps["stated"] = "said"
    lines = [
        '[house-style]\nnamespace = "bench"\n',
        "[rules.banned]",
        'type = "existence"',
        "phrases = [" + ", ".join(f'"{p}"' for p in sorted(banned)) + "]",
        "\n[rules.swaps]",
        'type = "substitution"',
        "swap = {" + ", ".join(f'"{k}" = "{v}"' for k, v in swaps.items()) + "}",
        '\n[rules.very]\ntype = "occurrence"\nphrases = ["very"]\nmax = 1',
        '\n[rules.brands]\ntype = "capitalization"\nterms = ["iPhone", "YouTube"]',
        '\n[rules.acronyms]\ntype = "conditional"',
        '\n[rules.numbers]\ntype = "numbers"',
        '\n[rules.spaces]\ntype = "pattern"\npattern = " {2,}"',
    ]
    path = folder / "bench.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def parse(d: Draft) -> Document:
    return load_html(d.content) if d.kind == "html" else load_text(d.content)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=5000)
    parser.add_argument("--words", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=200, help="distinct corpus drafts")
    args = parser.parse_args(argv)
    start = loadavg()
    with tempfile.TemporaryDirectory() as tmp:
        path = house_file(args.entries, Path(tmp))
        started = time.perf_counter()
        check = house_style_check(path)
        compile_ms = (time.perf_counter() - started) * 1000
    ds = drafts(args.words, args.runs)
    warm = load_text(PARAGRAPH)  # not a corpus draft: first-use costs are paid here
    check.run(warm, CheckContext(warm, {}, frozenset(check.rule_ids)))
    lists_only = frozenset({"bench/banned", "bench/swaps"})
    all_rules, all_wall, found = _per_1000(check, ds, frozenset(check.rule_ids))
    lists, lists_wall, _ = _per_1000(check, ds, lists_only)
    print(f"house list: {args.entries} entries, loaded and compiled once in {compile_ms:.0f} ms")
    print(
        f"drafts: {len(ds)} distinct corpus drafts of ~{args.words} words, each checked once "
        f"per measurement; {found} findings per draft (median)"
    )
    print(
        f"word-list rules ({args.entries} entries): {lists:.3f} ms CPU per 1,000 words "
        f"({lists_wall:.3f} ms wall)"
    )
    print(
        f"whole house style (all 7 rule types): {all_rules:.3f} ms CPU per 1,000 words "
        f"({all_wall:.3f} ms wall; goal: under 2 ms)"
    )
    print(load_line(start, loadavg()))
    return 0 if all_rules < 2.0 else 1


def _per_1000(check: Check, ds: list[Draft], enabled: frozenset[str]) -> tuple[float, float, int]:
    """Median CPU and wall ms per 1,000 words of one run of ``check`` per draft, and the
    median number of findings; every draft parsed afresh so nothing carries over."""
    cpu, wall, found = [], [], []
    for d in ds:
        doc = parse(d)
        ctx = CheckContext(doc, {}, enabled)
        t0, c0 = time.perf_counter(), time.process_time()
        check.run(doc, ctx)
        c1, t1 = time.process_time(), time.perf_counter()
        scale = 1000 / max(1, doc.word_count)
        cpu.append((c1 - c0) * 1000 * scale)
        wall.append((t1 - t0) * 1000 * scale)
        found.append(len(ctx.findings))
    return statistics.median(cpu), statistics.median(wall), int(statistics.median(found))


if __name__ == "__main__":
    sys.exit(main())
