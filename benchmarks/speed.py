"""How fast editcheck is where it matters: in an editor's save path and over an archive.

Measures, on drafts built from the shared corpus (gold article bodies of the
article-extraction benchmark; the seed draft when ../shared is absent):

- per draft, by size (250, 1,000, 5,000, 20,000 words): parsing, all built-in checks, and
  each check's share, as medians with the interquartile range;
- the cold CLI (``editcheck check one.html``) wall time and ``import editcheck`` time;
- batch throughput over a folder with ``--jobs 1`` and ``--jobs 2``.

    python benchmarks/speed.py                 # everything, a markdown table on stdout
    python benchmarks/speed.py --only drafts   # just the per-draft figures
    python benchmarks/speed.py --json out.json # also write the figures as JSON
"""

from __future__ import annotations

import argparse
import html
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SIZES = (250, 1000, 5000, 20000)


def corpus_paragraphs() -> list[str]:
    """Real article paragraphs to build drafts from."""
    truth = SHARED / "corpus" / "article-extraction-benchmark" / "ground-truth.json"
    if truth.is_file():
        bodies = [v["articleBody"] for v in json.loads(truth.read_text("utf-8")).values()]
        return [p.strip() for body in bodies for p in body.split("\n") if len(p.split()) > 8]
    seed = ROOT / "fixtures" / "seed" / "ice-shooting.html"
    return [line.strip()[3:-4] for line in seed.read_text("utf-8").splitlines() if "<p>" in line]


def make_draft(paragraphs: list[str], words: int, offset: int = 0) -> str:
    """An HTML draft of about ``words`` words, paragraphs taken in order from ``offset``."""
    out, count, i = [], 0, offset
    while count < words:
        para = paragraphs[i % len(paragraphs)]
        out.append(f"<p>{html.escape(para, quote=False)}</p>")
        count += len(para.split())
        i += 1
    return "<h1>Headline</h1>\n" + "\n".join(out)


def summarise(samples: list[float]) -> dict[str, float]:
    """Median and interquartile range, in milliseconds."""
    q = statistics.quantiles(samples, n=4) if len(samples) > 1 else [samples[0]] * 3
    return {
        "median_ms": round(statistics.median(samples) * 1000, 3),
        "p25_ms": round(q[0] * 1000, 3),
        "p75_ms": round(q[2] * 1000, 3),
    }


def bench_drafts(repeats: int) -> dict[str, object]:
    """Parse and check time per draft size, with each check's share."""
    os.environ["EDITCHECK_DISABLE_PLUGIN_AUTOLOAD"] = "1"  # built-in checks only
    from editcheck.api import Checker
    from editcheck.document import load_html

    checker = Checker({})
    paragraphs = corpus_paragraphs()
    results: dict[str, object] = {}
    for size in SIZES:
        parse, checks = [], []
        per_check: dict[str, list[float]] = {}
        for r in range(repeats):
            source = make_draft(paragraphs, size, offset=r * 7)
            t0 = time.perf_counter()
            doc = load_html(source)
            t1 = time.perf_counter()
            checker.plan.timings.clear()
            checker.check_document(doc)
            t2 = time.perf_counter()
            parse.append(t1 - t0)
            checks.append(t2 - t1)
            for name, seconds in checker.plan.timings.items():
                per_check.setdefault(name, []).append(seconds)
        results[str(size)] = {
            "words": doc.word_count,
            "parse": summarise(parse),
            "all_checks": summarise(checks),
            "per_check_median_ms": {
                k: round(statistics.median(v) * 1000, 3) for k, v in sorted(per_check.items())
            },
        }
    return results


def bench_cold(repeats: int) -> dict[str, object]:
    """Wall time of a fresh ``editcheck check`` on one draft, and of the import alone."""
    draft = ROOT / "fixtures" / "seed" / "ice-shooting.html"
    exe = [sys.executable, "-m", "editcheck", "check", "--fail-on", "never", str(draft)]
    env = {**os.environ, "EDITCHECK_DISABLE_PLUGIN_AUTOLOAD": "1"}
    cli, imp = [], []
    for _ in range(repeats):
        t0 = time.perf_counter()
        subprocess.run(exe, capture_output=True, check=True, env=env)
        cli.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import editcheck"], check=True, env=env)
        imp.append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    for _ in range(repeats):
        subprocess.run([sys.executable, "-c", "pass"], check=True)
    bare = (time.perf_counter() - t0) / repeats
    return {
        "cli_one_draft": summarise(cli),
        "import_editcheck": summarise(imp),
        "python_startup_ms": round(bare * 1000, 1),
    }


def bench_batch(drafts: int) -> dict[str, object]:
    """Drafts per second over a folder of 1,000-word drafts, one process and --jobs 2."""
    paragraphs = corpus_paragraphs()
    env = {**os.environ, "EDITCHECK_DISABLE_PLUGIN_AUTOLOAD": "1"}
    out: dict[str, object] = {"drafts": drafts}
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(drafts):
            Path(tmp, f"d{i:05d}.html").write_text(make_draft(paragraphs, 1000, i * 3), "utf-8")
        for jobs in (1, 2):
            cmd = [
                sys.executable,
                "-m",
                "editcheck",
                "check",
                "-f",
                "jsonl",
                "--fail-on",
                "never",
                "--jobs",
                str(jobs),
                tmp,
            ]
            t0 = time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True, env=env)
            seconds = time.perf_counter() - t0
            out[f"jobs_{jobs}"] = {
                "seconds": round(seconds, 2),
                "drafts_per_s": round(drafts / seconds, 1),
            }
    out["speedup"] = round(out["jobs_1"]["seconds"] / out["jobs_2"]["seconds"], 2)  # type: ignore[index]
    return out


def markdown(figures: dict[str, dict]) -> str:
    lines = []
    if "drafts" in figures:
        lines += [
            "| words | parse median ms | all checks median ms (p25-p75) | per check median ms |",
            "| --- | --- | --- | --- |",
        ]
        for size, f in figures["drafts"].items():
            shares = ", ".join(f"{k} {v}" for k, v in f["per_check_median_ms"].items())
            c = f["all_checks"]
            lines.append(
                f"| {size} | {f['parse']['median_ms']} | {c['median_ms']} "
                f"({c['p25_ms']}-{c['p75_ms']}) | {shares} |"
            )
    if "cold" in figures:
        c = figures["cold"]
        lines.append(
            f"\ncold CLI on one draft: {c['cli_one_draft']['median_ms']} ms median; "
            f"import editcheck: {c['import_editcheck']['median_ms']} ms; "
            f"bare python: {c['python_startup_ms']} ms"
        )
    if "batch" in figures:
        b = figures["batch"]
        lines.append(
            f"\nbatch of {b['drafts']} 1,000-word drafts: --jobs 1 "
            f"{b['jobs_1']['drafts_per_s']}/s, --jobs 2 {b['jobs_2']['drafts_per_s']}/s, "
            f"speed-up {b['speedup']}x"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", choices=["drafts", "cold", "batch"])
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--batch-drafts", type=int, default=400)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    figures: dict[str, dict] = {}
    if args.only in (None, "drafts"):
        figures["drafts"] = bench_drafts(args.repeats)
    if args.only in (None, "cold"):
        figures["cold"] = bench_cold(max(5, args.repeats // 3))
    if args.only in (None, "batch"):
        figures["batch"] = bench_batch(args.batch_drafts)
    print(markdown(figures))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
