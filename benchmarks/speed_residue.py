"""Speed of the page-residue and in-draft boilerplate checks, in ms per 1,000 words.

    python benchmarks/speed_residue.py            # corpus drafts, fixtures, pasted pages
    python benchmarks/speed_residue.py --drafts 400

Times only the checks (``core.residue``, ``core.empty-lines``, ``core.page-furniture``,
``core.boilerplate``) on already parsed documents, because parsing is shared by every
check and measured elsewhere. Drafts: the distinct 1,000-word drafts of ``corpus.py``
(``corpus``, the headline figure), the labelled fixtures and the seed (``fixture``), and
the pasted pages of ``../shared/corpus/article-extraction-benchmark/`` when present
(``page``). Each draft is checked once, in CPU time (``process_time``): the residue checks
cache line verdicts, so timing a draft again is optimistic. ``--repeat N`` (kept for old
command lines) takes the best of N runs of each draft instead and says so. The figure is
the median over drafts of milliseconds per 1,000 words (word and number tokens), with the
load average at start and end; ``all`` is fixtures and pages together, as it always was.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import time
from pathlib import Path

from corpus import drafts as corpus_drafts
from measure import loadavg

from editcheck.checkapi import CheckContext
from editcheck.checks import repetition, residue
from editcheck.document import Document, load_bytes, load_html, load_text, media_type_for

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "article-extraction-benchmark" / "html"
CHECKS = [*residue.editcheck_checks(), *repetition.editcheck_checks()]
WARM_UP = "Share this article\nAdvertisement\n\n\n\nThe council met on Monday, it said.\n"


def drafts(count: int = 200) -> list[tuple[str, Document]]:
    out = [
        ("corpus", load_html(d.content) if d.kind == "html" else load_text(d.content))
        for d in corpus_drafts(1000, count)
    ]
    paths = sorted((ROOT / "fixtures" / "residue").glob("*.[ht][tx][mt]*"))
    paths += [
        ROOT / "fixtures" / "seed" / "ice-shooting.html",
        SHARED / "seed" / "ice-shooting.txt",
    ]
    for path in paths:
        if path.is_file() and path.suffix in (".html", ".txt"):
            data = path.read_bytes()
            out.append(("fixture", load_bytes(data, media_type_for(path, data))))
    for path in sorted(CORPUS.glob("*.html.gz")) if CORPUS.is_dir() else []:
        out.append(("page", load_bytes(gzip.decompress(path.read_bytes()), "text/html")))
    return out


def time_checks(doc: Document, repeat: int = 1) -> float:
    """CPU seconds for all the family's checks on ``doc`` (best of ``repeat`` runs)."""
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
    ap.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="best of N runs per draft (over 1: optimistic, cached lines)",
    )
    ap.add_argument("--drafts", type=int, default=200, help="corpus drafts (1,000 words)")
    args = ap.parse_args()
    start = loadavg()
    docs = drafts(args.drafts)
    time_checks(load_text(WARM_UP))  # load word lists and compile patterns once
    per_doc = [
        (k, time_checks(d, args.repeat) * 1000 / d.word_count * 1000)
        for k, d in docs
        if d.word_count
    ]
    result: dict[str, object] = {}
    for kind in ("corpus", "fixture", "page", "all"):
        rates = [r for k, r in per_doc if k == kind or (kind == "all" and k != "corpus")]
        if len(rates) > 1:
            result[kind] = {
                "drafts": len(rates),
                "median_ms_per_1000_words": round(statistics.median(rates), 3),
                "p90_ms_per_1000_words": round(statistics.quantiles(rates, n=10)[-1], 3),
            }
    result["timing"] = (
        "CPU, each draft once"
        if args.repeat == 1
        else f"CPU, best of {args.repeat} runs of the same draft (optimistic)"
    )
    result["loadavg"] = {"start": start, "end": loadavg()}
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
