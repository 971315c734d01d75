"""How fast editcheck is where it matters: in an editor's save path and over an archive.

Measures, on distinct drafts of the shared corpus (``corpus.py``: no draft checked twice in
a process, no paragraph repeated within a size; fixture material only when ../shared is
absent):

- per draft, by size (250, 1,000, 5,000, 20,000, 100,000 words): parsing, all built-in
  checks, and each check's share, as CPU medians with the interquartile range (wall beside);
- the cold CLI (``editcheck check DRAFT``, a different draft each run): wall time and the
  child's CPU, and ``import editcheck``;
- batch throughput over a folder of distinct drafts with ``--jobs 1`` and ``--jobs 2``.

Every figure comes with the load average at the start and the end of the run.

    python benchmarks/speed.py                 # everything, a markdown table on stdout
    python benchmarks/speed.py --only drafts   # just the per-draft figures
    python benchmarks/speed.py --json out.json # also write the figures as JSON
    python benchmarks/speed.py --only batch --batch-drafts 1000 --batch-words 250
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from corpus import drafts
from measure import Stopwatch, load_line, loadavg, summarise

ROOT = Path(__file__).resolve().parent.parent
SIZES = (250, 1000, 5000, 20000, 100000)
WARM_UP = ROOT / "fixtures" / "seed" / "ice-shooting.html"  # not a corpus draft as a whole
ENV = {**os.environ, "EDITCHECK_DISABLE_PLUGIN_AUTOLOAD": "1"}  # built-in checks only


def bench_drafts(repeats: int, sizes: tuple[int, ...] = SIZES) -> dict[str, object]:
    """Parse and check time per draft size, with each check's share; each draft once."""
    os.environ["EDITCHECK_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    from editcheck.api import Checker
    from editcheck.document import load_html, load_text

    checker = Checker({})
    checker.check_html(WARM_UP.read_text("utf-8"))  # lazy loads (pyphen, models) paid here
    results: dict[str, object] = {}
    for size in sizes:
        parse, checks, parse_wall, checks_wall, words = [], [], [], [], []
        per_check: dict[str, list[float]] = {}
        for d in drafts(size, repeats):
            with Stopwatch() as p:
                doc = load_html(d.content) if d.kind == "html" else load_text(d.content)
            checker.plan.timings.clear()
            with Stopwatch() as c:
                checker.check_document(doc)
            parse.append(p.cpu)
            checks.append(c.cpu)
            parse_wall.append(p.wall)
            checks_wall.append(c.wall)
            words.append(doc.word_count)
            for name, seconds in checker.plan.timings.items():
                per_check.setdefault(name, []).append(seconds)
        if not words:
            continue
        scale = 1000 / (sum(words) / len(words))
        results[str(size)] = {
            "drafts": len(words),
            "words": round(sum(words) / len(words)),
            "parse_cpu": summarise(parse),
            "all_checks_cpu": summarise(checks),
            "parse_wall": summarise(parse_wall),
            "all_checks_wall": summarise(checks_wall),
            "cpu_ms_per_1000_words": round(
                summarise([a + b for a, b in zip(parse, checks, strict=True)])["median"] * scale, 3
            ),
            "per_check_median_ms": {
                k: summarise(v)["median"] for k, v in sorted(per_check.items())
            },
        }
    return results


def bench_cold(repeats: int) -> dict[str, object]:
    """A fresh ``editcheck check`` on a different draft each run, and the import alone."""
    exe = [sys.executable, "-m", "editcheck", "check", "--fail-on", "never"]
    cli_wall, cli_cpu, imp_wall, imp_cpu, bare = [], [], [], [], []
    for d in drafts(1000, repeats):
        with Stopwatch() as lap:
            subprocess.run([*exe, str(d.path)], capture_output=True, check=True, env=ENV)
        cli_wall.append(lap.wall)
        cli_cpu.append(lap.child_cpu)
        with Stopwatch() as lap:
            subprocess.run([sys.executable, "-c", "import editcheck"], check=True, env=ENV)
        imp_wall.append(lap.wall)
        imp_cpu.append(lap.child_cpu)
        with Stopwatch() as lap:
            subprocess.run([sys.executable, "-c", "pass"], check=True)
        bare.append(lap.wall)
    return {
        "runs": len(cli_wall),
        "cli_one_draft_wall": summarise(cli_wall),
        "cli_one_draft_cpu": summarise(cli_cpu),
        "import_editcheck_wall": summarise(imp_wall),
        "import_editcheck_cpu": summarise(imp_cpu),
        "python_startup_ms": summarise(bare)["median"],
    }


def bench_batch(count: int, words: int = 1000) -> dict[str, object]:
    """Drafts per second over a folder of distinct drafts, one process and --jobs 2."""
    ds = drafts(words, count)
    out: dict[str, object] = {"drafts": len(ds), "words": words}
    with tempfile.TemporaryDirectory() as tmp:
        for d in ds:
            shutil.copy(d.path, Path(tmp, d.name))
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
            with Stopwatch() as lap:
                subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True, env=ENV)
            out[f"jobs_{jobs}"] = {
                "seconds": round(lap.wall, 2),
                "cpu_seconds": round(lap.child_cpu, 2),
                "drafts_per_s": round(len(ds) / lap.wall, 1),
            }
    out["speedup"] = round(out["jobs_1"]["seconds"] / out["jobs_2"]["seconds"], 2)  # type: ignore[index]
    return out


def markdown(figures: dict[str, dict]) -> str:
    lines = []
    if "drafts" in figures:
        lines += [
            "| words | drafts | parse CPU ms | all checks CPU ms (p25-p75) | wall ms | "
            "CPU ms / 1,000 words | per check median wall ms |",
            "| --- | --- | --- | --- | --- | --- | --- |",
        ]
        for f in figures["drafts"].values():
            shares = ", ".join(f"{k} {v}" for k, v in f["per_check_median_ms"].items())
            c = f["all_checks_cpu"]
            lines.append(
                f"| {f['words']} | {f['drafts']} | {f['parse_cpu']['median']} | {c['median']} "
                f"({c['p25']}-{c['p75']}) | {f['all_checks_wall']['median']} | "
                f"{f['cpu_ms_per_1000_words']} | {shares} |"
            )
    if "cold" in figures:
        c = figures["cold"]
        lines.append(
            f"\ncold CLI, {c['runs']} distinct drafts: {c['cli_one_draft_wall']['median']} ms "
            f"wall, {c['cli_one_draft_cpu']['median']} ms CPU (medians); import editcheck: "
            f"{c['import_editcheck_wall']['median']} ms wall, "
            f"{c['import_editcheck_cpu']['median']} ms CPU; bare python: "
            f"{c['python_startup_ms']} ms"
        )
    if "batch" in figures:
        b = figures["batch"]
        lines.append(
            f"\nbatch of {b['drafts']} distinct {b['words']}-word drafts: --jobs 1 "
            f"{b['jobs_1']['drafts_per_s']}/s ({b['jobs_1']['cpu_seconds']} s CPU), --jobs 2 "
            f"{b['jobs_2']['drafts_per_s']}/s ({b['jobs_2']['cpu_seconds']} s CPU), "
            f"speed-up {b['speedup']}x"
        )
    lines.append("\n" + load_line(figures["loadavg_start"], figures["loadavg_end"]))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", choices=["drafts", "cold", "batch"])
    parser.add_argument(
        "--repeats",
        type=int,
        default=30,
        help="distinct drafts per size (fewer when the corpus runs out)",
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--batch-drafts", type=int, default=400)
    parser.add_argument("--batch-words", type=int, default=1000)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    figures: dict[str, dict] = {}
    start = loadavg()
    if args.only in (None, "drafts"):
        figures["drafts"] = bench_drafts(args.repeats, tuple(args.sizes))
    if args.only in (None, "cold"):
        figures["cold"] = bench_cold(max(5, args.repeats // 3))
    if args.only in (None, "batch"):
        figures["batch"] = bench_batch(args.batch_drafts, args.batch_words)
    figures.update(loadavg_start=start, loadavg_end=loadavg())  # type: ignore[arg-type]
    print(markdown(figures))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
