"""Archive scale of core/archive-boilerplate: learn time, per-draft check cost, index size.

    python benchmarks/archive_scale.py                 # 10k learned via the CLI, 100k index
    python benchmarks/archive_scale.py --archive-articles 20000 --drafts 100   # quicker
    python benchmarks/archive_scale.py --work /tmp/arch   # keep files; reuse the archive index

Synthetic but realistic articles: body paragraphs are built from sentences of the gold
article bodies in ../shared/corpus/article-extraction-benchmark (each sentence with about
a quarter of its words swapped for other corpus words and fresh figures, so bodies do not
repeat, except a few background paragraphs reused verbatim as follow-up stories do); each
article belongs to one of 126 sites and carries its site's furniture (newsletter and
podcast promos, social links, copyright and corrections lines, tip-offs), each in one of
several near-duplicate wordings with varying years. A quarter of the articles are HTML.

Floors (issue 4): learning 10,000 articles under 60 s on one core (the real CLI in a
subprocess, start-up included); a check against an index of 100,000 articles adding under
2 ms per draft (a whole check of the draft with only this rule on, wall and CPU time;
the first draft, which opens the index, is reported apart); the index size on disk is reported.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "article-extraction-benchmark" / "ground-truth.json"
EDITCHECK = Path(sys.executable).with_name("editcheck")

SITES = [
    f"{a} {b}"
    for a in (
        "Northfield",
        "Riverside",
        "Eastbrook",
        "Kingsport",
        "Lakeview",
        "Harbour",
        "Westmoor",
        "Ashford",
        "Glenwood",
    )
    for b in (
        "Gazette",
        "Herald",
        "Courier",
        "Post",
        "Chronicle",
        "Times",
        "Echo",
        "Record",
        "Sentinel",
        "Mercury",
        "Observer",
        "Star",
        "Tribune",
        "Daily",
    )
][:126]

# Each template: near-duplicate wordings of one piece of furniture.
FURNITURE = [
    [
        "Sign up to our newsletter for the latest news",
        "Sign up for our newsletter for all the latest news!",
        "SIGN UP to our newsletter for the latest news.",
    ],
    ["© {year} {site}. All rights reserved.", "Copyright {year} {site}. All rights reserved."],
    [
        "Follow {site} on Facebook, X and Instagram for breaking news.",
        "Follow the {site} on Facebook, X and Instagram for all breaking news",
    ],
    [
        "Listen to our weekly podcast on the {site} app and wherever you get your podcasts.",
        "Listen to our weekly podcast on the {site} app, or wherever you get podcasts",
    ],
    [
        "Got a story? Email the {site} newsroom or message us on WhatsApp, any time of day.",
        "Got a story? Email the {site} newsroom, or message us on WhatsApp at any time of day.",
    ],
    [
        "Corrections: if you spot an error in this article, contact our readers' editor.",
        "If you spot an error in this article, please contact the readers' editor.",
    ],
    [
        "Support independent local journalism: subscribe to {site} from £1 a week.",
        "Support independent local journalism - subscribe to the {site} from just £2 a week",
    ],
    [
        "This article was amended on {day} {month} {year} to correct a spelling.",
        "This article was amended on {day} {month} {year} to correct a factual error.",
    ],
    [
        "Download the {site} app for the latest news, sport and weather wherever you are.",
        "Download the {site} app for latest news, sport and weather, wherever you are!",
    ],
    [
        "Comments on this article have been closed for legal reasons.",
        "Comments on this story have been closed for legal reasons",
    ],
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


class Generator:
    """Deterministic synthetic articles from the corpus sentences and the furniture above."""

    def __init__(self, seed: int, stream: int = 0) -> None:
        bodies = [v["articleBody"] for v in json.loads(CORPUS.read_text("utf-8")).values()]
        paragraphs = [p.strip() for b in bodies for p in b.split("\n") if len(p.split()) > 8]
        self.sentences = [
            s for p in paragraphs for s in re.split(r"(?<=[.!?])\s+", p) if len(s.split()) >= 6
        ]
        self.paragraphs = paragraphs
        self.vocab = sorted({w for s in self.sentences for w in s.split() if w.isalpha()})
        sites = random.Random(seed)  # the same furniture per site in every stream
        self.furniture = {
            site: sites.sample(range(len(FURNITURE)), sites.randint(3, 6)) for site in SITES
        }
        self.rng = random.Random(seed * 1000 + stream)

    def sentence(self) -> str:
        words = self.rng.choice(self.sentences).split()
        for i in range(len(words)):
            roll = self.rng.random()
            if roll < 0.22:
                words[i] = self.rng.choice(self.vocab)
            elif roll < 0.25:
                words[i] = str(self.rng.randint(2, 99999))
        return " ".join(words)

    def body(self) -> list[str]:
        out = []
        for _ in range(self.rng.randint(6, 18)):
            if self.rng.random() < 0.04:  # a background paragraph reused verbatim
                out.append(self.rng.choice(self.paragraphs))
            else:
                out.append(" ".join(self.sentence() for _ in range(self.rng.randint(1, 4))))
        return out

    def article(self) -> tuple[str, list[str]]:
        site = self.rng.choice(SITES)
        parts = [self.sentence().rstrip("."), *self.body()]
        for t in self.furniture[site]:
            if self.rng.random() < 0.7:
                text = self.rng.choice(FURNITURE[t]).format(
                    site=site,
                    year=self.rng.randint(2015, 2025),
                    day=self.rng.randint(1, 28),
                    month=self.rng.choice(MONTHS),
                )
                parts.insert(self.rng.randint(len(parts) // 2, len(parts)), text)
        html = self.rng.random() < 0.25
        return ("html" if html else "txt"), parts

    @staticmethod
    def render(kind: str, parts: list[str]) -> str:
        if kind == "txt":
            return "\n\n".join(parts) + "\n"
        from html import escape

        body = "".join(f"<p>{escape(p)}</p>\n" for p in parts[1:])
        return f"<html><body><article><h1>{escape(parts[0])}</h1>\n{body}</article></body></html>\n"


def learn_via_cli(gen: Generator, n: int, work: Path) -> dict[str, float]:
    """Write ``n`` articles to disk and time ``editcheck boilerplate learn`` over them."""
    folder = work / "articles"
    for i in range(n):
        kind, parts = gen.article()
        sub = folder / f"{i // 1000:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"a{i:06d}.{kind}").write_text(gen.render(kind, parts), "utf-8")
    index = work / "learn.sqlite"
    index.unlink(missing_ok=True)  # a fresh index: re-learning would skip every article
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        [str(EDITCHECK), "boilerplate", "learn", str(folder), "--index", str(index), "-q"],
        check=True,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {
        "articles": n,
        "wall_s": round(wall, 2),
        "cpu_s": round(cpu, 2),
        "index_bytes": index.stat().st_size,
    }


def build_archive(gen: Generator, n: int, index: Path) -> dict[str, float]:
    """Learn ``n`` articles in-process (same writer the CLI uses, without the disk files)."""
    from editcheck.archive import IndexWriter
    from editcheck.document import load_html, load_text

    started = time.perf_counter()
    with IndexWriter(index) as writer:
        for i in range(n):
            kind, parts = gen.article()
            text = gen.render(kind, parts)
            doc = load_html(text) if kind == "html" else load_text(text)
            writer.add(doc, f"synthetic/{i}")
    return {
        "articles": n,
        "wall_s": round(time.perf_counter() - started, 2),
        "index_bytes": index.stat().st_size,
    }


def check_overhead(gen: Generator, index: Path, drafts: int) -> dict[str, float]:
    """What the rule adds to checking one draft: the whole run with only this rule on.

    Wall time (what a pre-publish hook waits) and the thread's CPU time (what it costs,
    unaffected by other work on a shared machine); the first draft, which opens the index,
    is reported apart.
    """
    from editcheck.api import Checker
    from editcheck.config import Config
    from editcheck.document import load_html, load_text

    config = Config().with_rule_options("core/archive-boilerplate", index=str(index))
    checker = Checker(config, select=["core/archive-boilerplate"])
    wall, cpu, flagged = [], [], []
    for _ in range(drafts):
        kind, parts = gen.article()
        text = gen.render(kind, parts)
        doc = load_html(text) if kind == "html" else load_text(text)
        started, started_cpu = time.perf_counter(), time.thread_time()
        report = checker.check_document(doc)
        cpu.append((time.thread_time() - started_cpu) * 1000)
        wall.append((time.perf_counter() - started) * 1000)
        if report.errors:
            raise SystemExit(f"check failed: {report.errors[0].message}")
        flagged.append(len(report.annotations))
    return {
        "drafts": drafts,
        "first_draft_ms": round(wall[0], 3),
        **_summary("wall", wall[1:]),
        **_summary("cpu", cpu[1:]),
        "mean_annotations_per_draft": round(statistics.fmean(flagged), 2),
    }


def _summary(name: str, times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    return {
        f"{name}_median_ms": round(statistics.median(ordered), 3),
        f"{name}_mean_ms": round(statistics.fmean(ordered), 3),
        f"{name}_p95_ms": round(ordered[max(0, int(len(ordered) * 0.95) - 1)], 3),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learn-articles", type=int, default=10_000)
    parser.add_argument("--archive-articles", type=int, default=100_000)
    parser.add_argument("--drafts", type=int, default=300)
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument(
        "--work",
        type=Path,
        help="Keep files here (default: a temporary "
        "folder); an archive.sqlite already there is reused, not rebuilt.",
    )
    args = parser.parse_args()
    if not CORPUS.is_file():
        print(f"skipped: {CORPUS} not found (the shared corpora sit beside the repository)")
        return 0
    with tempfile.TemporaryDirectory(prefix="editcheck-archive-") as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        result = run(args, work)
    print(json.dumps(result, indent=2))
    return 0


def run(args: argparse.Namespace, work: Path) -> dict[str, object]:
    """The three measurements; each stream of articles is its own, so reruns agree."""
    result: dict[str, object] = {}
    if args.learn_articles:
        folder = work / "learn"
        folder.mkdir(exist_ok=True)
        result["learn_cli"] = learn_via_cli(Generator(args.seed, 1), args.learn_articles, folder)
        print(f"learn (CLI) {args.learn_articles:,} articles: {result['learn_cli']}", flush=True)
    index = work / "archive.sqlite"
    if index.exists():
        from editcheck.archive import open_index

        held = open_index(index).stats(0)["articles"]
        result["archive"] = {
            "reused": str(index),
            "articles": held,
            "index_bytes": index.stat().st_size,
        }
    else:
        result["archive"] = build_archive(Generator(args.seed, 2), args.archive_articles, index)
    print(f"archive index: {result['archive']}", flush=True)
    result["check"] = check_overhead(Generator(args.seed, 3), index, args.drafts)
    print(f"check against it: {result['check']}", flush=True)
    return result


if __name__ == "__main__":
    sys.exit(main())
