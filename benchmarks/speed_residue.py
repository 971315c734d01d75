"""Speed of the page-residue and in-draft boilerplate checks, in ms per 1,000 words.

    python benchmarks/speed_residue.py [--repeat 5]

Times only the checks (``core.residue``, ``core.empty-lines``, ``core.page-furniture``,
``core.boilerplate``) on already parsed documents, because parsing is shared by every
check and measured elsewhere. Drafts: the labelled fixtures, the seed, and the pasted
pages of ``../shared/corpus/article-extraction-benchmark/`` when present. Each draft's
time is the best of ``--repeat`` runs of CPU time (so other processes on a shared machine
skew it less); the figure is the median over drafts of
milliseconds per 1,000 words (word and number tokens).
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import time
from pathlib import Path

from editcheck.checkapi import CheckContext
from editcheck.checks import boilerplate, residue
from editcheck.document import Document, load_bytes, media_type_for

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "article-extraction-benchmark" / "html"
CHECKS = [*residue.editcheck_checks(), *boilerplate.editcheck_checks()]


def drafts() -> list[tuple[str, Document]]:
    paths = sorted((ROOT / "fixtures" / "residue").glob("*.[ht][tx][mt]*"))
    paths += [ROOT / "fixtures" / "seed" / "ice-shooting.html",
              SHARED / "seed" / "ice-shooting.txt"]
    out = []
    for path in paths:
        if path.is_file() and path.suffix in (".html", ".txt"):
            data = path.read_bytes()
            out.append(("fixture", load_bytes(data, media_type_for(path, data))))
    for path in sorted(CORPUS.glob("*.html.gz")) if CORPUS.is_dir() else []:
        out.append(("page", load_bytes(gzip.decompress(path.read_bytes()), "text/html")))
    return out


def time_checks(doc: Document, repeat: int) -> float:
    """Best-of-``repeat`` seconds for all the family's checks on ``doc``."""
    rules = {r.id: dict(r.options) for c in CHECKS for r in c.rules}
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        for check in CHECKS:
            check.run(doc, CheckContext(doc, rules, frozenset(rules)))
        best = min(best, time.process_time() - started)
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    docs = drafts()
    time_checks(docs[0][1], 1)  # load word lists and compile patterns once
    result = {}
    for kind in ("fixture", "page", "all"):
        rates = [time_checks(d, args.repeat) * 1000 / d.word_count * 1000
                 for k, d in docs if (kind == "all" or k == kind) and d.word_count]
        if rates:
            result[kind] = {"drafts": len(rates),
                            "median_ms_per_1000_words": round(statistics.median(rates), 3),
                            "p90_ms_per_1000_words":
                                round(statistics.quantiles(rates, n=10)[-1], 3)}
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
