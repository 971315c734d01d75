"""editcheck beside its peers, in one run, interleaved run by run on the same files.

    python benchmarks/compare.py                  # a few minutes: cold CLI, warm API, pages
    python benchmarks/compare.py --quick          # about a minute, fewer runs
    python benchmarks/compare.py --only cold warm --json compare.json
    python benchmarks/compare.py --peers-venv ~/peers   # reuse a venv holding the peers

Three comparisons, each on files no process has seen before (corpus.py drafts, the shared
pages), with the tools taking turns run by run (the order rotates so none always goes
first):

- cold CLI: ``editcheck check FILE`` (with the plugins installed in the project venv, and
  with built-in checks only) against ``proselint check FILE`` on distinct 1,000-word drafts
  as plain text: wall time and the child's CPU (``getrusage(RUSAGE_CHILDREN)``) per run;
- warm API: ``Checker().check_html``/``check_text`` on each corpus draft (HTML or text, as
  it is) in this process against proselint's Python API on the same draft as text, in the
  peers worker: CPU per 1,000 words (the draft's words as plain text, same for both);
- whole pages: the 181 pages of ``../shared/corpus/article-extraction-benchmark/html``,
  bytes as they are, through ``Checker().check_bytes(data, media_type="text/html")`` (the
  HTML path with decoding, every built-in check) against ``justext.justext(html,
  stoplist)`` (stop list by the page's ``lang``) and ``trafilatura.extract(html)``: pages
  per second of CPU and of wall time.

The peers run in their own venv (``peers.py``) through ``peers_worker.py``, which times
only the tool's call; editcheck runs here, in the project venv. Warm-up: the first
``--warmup`` runs of every tool in every section are measured and dropped (stated in the
output). Ratios are editcheck ÷ peer: for times lower is better for editcheck, for pages
per second higher is.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

from corpus import AEB, drafts
from measure import Stopwatch, load_line, loadavg, machine, summarise
from peers import Worker, bin_path, ensure_venv

AUTOLOAD = "EDITCHECK_DISABLE_PLUGIN_AUTOLOAD"
PAGES = AEB / "html"


def _rotated(items: list[Any], i: int) -> list[Any]:
    k = i % len(items)
    return items[k:] + items[:k]


def editcheck_command() -> list[str]:
    """``editcheck check`` from the project venv's console script, as a user runs it."""
    script = Path(sys.executable).parent / "editcheck"
    exe = [str(script)] if script.exists() else [sys.executable, "-m", "editcheck"]
    return [*exe, "check"]


def proselint_command(python: Path, version: str) -> list[str]:
    """``proselint check`` from 0.14 on, bare ``proselint FILE`` before."""
    major, minor = (int(x) for x in version.split(".")[:2])
    exe = str(bin_path(python, "proselint"))
    return [exe, "check"] if (major, minor) >= (0, 14) else [exe]


def cold(runs: int, warmup: int, python: Path, prose_version: str) -> dict[str, Any]:
    """Fresh processes on distinct drafts, the tools taking turns run by run."""
    base = {k: v for k, v in os.environ.items() if k != AUTOLOAD}
    tools = [
        ("editcheck check (installed plugins)", editcheck_command(), base),
        ("editcheck check (built-in checks)", editcheck_command(), {**base, AUTOLOAD: "1"}),
        ("proselint check", proselint_command(python, prose_version), base),
    ]
    files = [d.text_path for d in drafts(1000, runs + warmup)]
    laps: dict[str, list[tuple[float, float]]] = {name: [] for name, _, _ in tools}
    with tempfile.TemporaryDirectory() as cwd:  # no editcheck.toml or .proselintrc nearby
        for i, path in enumerate(files):
            for name, cmd, env in _rotated(tools, i):
                with Stopwatch() as lap:
                    proc = subprocess.run(
                        [*cmd, str(path)],
                        cwd=cwd,
                        env=env,
                        stdout=subprocess.DEVNULL,
                        stderr=subprocess.PIPE,
                    )
                if proc.returncode not in (0, 1):
                    raise SystemExit(f"{name} failed on {path}: {proc.stderr.decode()[-500:]}")
                laps[name].append((lap.wall, lap.child_cpu))
    out: dict[str, Any] = {"files": len(files) - warmup, "rows": {}}
    for name, samples in laps.items():
        kept = samples[warmup:]
        out["rows"][name] = {
            "wall_ms": summarise([w for w, _ in kept]),
            "cpu_ms": summarise([c for _, c in kept]),
        }
    peer = out["rows"]["proselint check"]
    for row in out["rows"].values():
        row["ratio_wall"] = round(row["wall_ms"]["median"] / peer["wall_ms"]["median"], 2)
        row["ratio_cpu"] = round(row["cpu_ms"]["median"] / peer["cpu_ms"]["median"], 2)
    return out


def _checker() -> Any:
    from editcheck.api import Checker

    return Checker({})


def warm(count: int, warmup: int, worker: Worker) -> dict[str, Any]:
    """Each draft checked once by each tool in a warm process, CPU per 1,000 words."""
    checker = _checker()
    ds = drafts(1000, count + warmup)
    ec: list[tuple[float, float, int]] = []
    pl: list[tuple[float, float, int]] = []

    def run_editcheck(d: Any) -> None:
        check = checker.check_html if d.kind == "html" else checker.check_text
        with Stopwatch() as lap:
            check(d.content)
        ec.append((lap.cpu, lap.wall, d.words))

    def run_proselint(d: Any) -> None:
        a = worker.ask("proselint", d.text_path)
        pl.append((a["cpu"], a["wall"], d.words))

    steps: list[Callable[[Any], None]] = [run_editcheck, run_proselint]
    for i, d in enumerate(ds):
        for step in _rotated(steps, i):
            step(d)
    rows: dict[str, Any] = {}
    for name, samples in (
        ("editcheck Checker (in process)", ec[warmup:]),
        ("proselint API (peers worker)", pl[warmup:]),
    ):
        rows[name] = {
            "cpu_ms_per_draft": summarise([c for c, _, _ in samples]),
            "wall_ms_per_draft": summarise([w for _, w, _ in samples]),
            "cpu_ms_per_1000_words": summarise([c / n * 1000 for c, _, n in samples]),
            "words_median": statistics.median(n for _, _, n in samples),
        }
    peer = rows["proselint API (peers worker)"]["cpu_ms_per_1000_words"]["median"]
    for row in rows.values():
        row["ratio_cpu"] = round(row["cpu_ms_per_1000_words"]["median"] / peer, 2)
    plugins = os.environ.get(AUTOLOAD) != "1"
    return {
        "drafts": len(ds) - warmup,
        "editcheck_plugins": "installed" if plugins else "built-in only",
        "rows": rows,
    }


def page_files(count: int) -> list[Path]:
    paths = sorted(PAGES.glob("*.html.gz"))
    if count < len(paths):  # an even spread, not the first few sites
        step = len(paths) / count
        paths = [paths[int(i * step)] for i in range(count)]
    return paths


def pages(count: int, warmup: int, worker: Worker) -> dict[str, Any]:
    """Whole pages through editcheck, jusText and trafilatura, taking turns page by page."""
    checker = _checker()
    paths = page_files(count)
    got: dict[str, list[tuple[float, float]]] = {
        "editcheck check_bytes (text/html)": [],
        "jusText": [],
        "trafilatura.extract": [],
    }

    def run_editcheck(path: Path) -> None:
        data = gzip.decompress(path.read_bytes())
        with Stopwatch() as lap:
            checker.check_bytes(data, source=path.name, media_type="text/html")
        got["editcheck check_bytes (text/html)"].append((lap.cpu, lap.wall))

    def peer(tool: str, row: str) -> Callable[[Path], None]:
        def run(path: Path) -> None:
            a = worker.ask(tool, path)
            got[row].append((a["cpu"], a["wall"]))

        return run

    steps = [run_editcheck, peer("justext", "jusText"), peer("trafilatura", "trafilatura.extract")]
    for i, path in enumerate(paths):
        for step in _rotated(steps, i):
            step(path)
    rows: dict[str, Any] = {}
    for name, samples in got.items():
        kept = samples[warmup:]
        cpu, wall = sum(c for c, _ in kept), sum(w for _, w in kept)
        rows[name] = {
            "pages_per_s_cpu": round(len(kept) / cpu, 1),
            "pages_per_s_wall": round(len(kept) / wall, 1),
            "cpu_ms_per_page": summarise([c for c, _ in kept]),
        }
    ec = rows["editcheck check_bytes (text/html)"]
    for row in rows.values():
        row["editcheck_ratio_cpu"] = round(ec["pages_per_s_cpu"] / row["pages_per_s_cpu"], 2)
        row["editcheck_ratio_wall"] = round(ec["pages_per_s_wall"] / row["pages_per_s_wall"], 2)
    return {"pages": len(paths) - warmup, "rows": rows}


def report(result: dict[str, Any]) -> str:
    lines = [
        f"# editcheck beside its peers ({time.strftime('%Y-%m-%d %H:%M')})",
        "",
        load_line(result["machine"]["loadavg"], result["loadavg_end"]),
        f"Python: editcheck {result['python']} (editcheck {result['versions']['editcheck']})"
        f", peers {result['peers']['python']} (proselint {result['peers']['proselint']}, "
        f"jusText {result['peers']['jusText']}, trafilatura {result['peers']['trafilatura']})",
        f"warm-up: the first {result['warmup']} runs of every tool in every section are "
        "dropped; ratio = editcheck / peer (times: lower is better for editcheck; "
        "pages/s: higher is)",
        "",
    ]
    if "cold" in result:
        c = result["cold"]
        lines += [
            f"## Cold CLI, {c['files']} distinct 1,000-word drafts as text (medians)",
            "",
            "| command | wall ms (p25-p75) | CPU ms (p25-p75) | ratio wall | ratio CPU |",
            "| --- | --- | --- | --- | --- |",
        ]
        for name, r in c["rows"].items():
            w, u = r["wall_ms"], r["cpu_ms"]
            lines.append(
                f"| {name} | {w['median']:.0f} ({w['p25']:.0f}-{w['p75']:.0f}) | "
                f"{u['median']:.0f} ({u['p25']:.0f}-{u['p75']:.0f}) | "
                f"{r['ratio_wall']} | {r['ratio_cpu']} |"
            )
        lines.append("")
    if "warm" in result:
        w = result["warm"]
        lines += [
            f"## Warm API, {w['drafts']} distinct ~1,000-word drafts, each checked once "
            f"(editcheck: {w['editcheck_plugins']})",
            "",
            "| tool | CPU ms / 1,000 words (p25-p75) | CPU ms / draft | wall ms / draft "
            "| ratio CPU |",
            "| --- | --- | --- | --- | --- |",
        ]
        for name, r in w["rows"].items():
            k = r["cpu_ms_per_1000_words"]
            lines.append(
                f"| {name} | {k['median']:.2f} ({k['p25']:.2f}-{k['p75']:.2f}) | "
                f"{r['cpu_ms_per_draft']['median']:.2f} | "
                f"{r['wall_ms_per_draft']['median']:.2f} | {r['ratio_cpu']} |"
            )
        lines.append("")
    if "pages" in result:
        p = result["pages"]
        lines += [
            f"## Whole pages, {p['pages']} shared pages",
            "",
            "| tool | pages/s (CPU) | pages/s (wall) | CPU ms / page median | "
            "editcheck ÷ tool, pages/s CPU | wall |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for name, r in p["rows"].items():
            lines.append(
                f"| {name} | {r['pages_per_s_cpu']} | {r['pages_per_s_wall']} | "
                f"{r['cpu_ms_per_page']['median']:.1f} | {r['editcheck_ratio_cpu']} | "
                f"{r['editcheck_ratio_wall']} |"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--only", nargs="+", choices=["cold", "warm", "pages"], default=["cold", "warm", "pages"]
    )
    ap.add_argument("--quick", action="store_true", help="about a minute: fewer runs")
    ap.add_argument("--cold-runs", type=int, help="cold CLI runs per tool (default 30)")
    ap.add_argument("--warm-drafts", type=int, help="warm API drafts (default 200)")
    ap.add_argument("--pages", type=int, help="pages (default all 181)")
    ap.add_argument("--warmup", type=int, default=3, help="runs dropped per tool and section")
    ap.add_argument(
        "--with-plugins",
        action="store_true",
        help="warm API and pages: editcheck with installed plugins, not built-ins",
    )
    ap.add_argument("--peers-venv", type=Path, help="a venv to hold the peers (reused)")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args(argv)
    cold_runs = args.cold_runs or (8 if args.quick else 30)
    warm_drafts = args.warm_drafts or (60 if args.quick else 200)
    page_count = args.pages or (60 if args.quick else 181)
    if not args.with_plugins:
        os.environ[AUTOLOAD] = "1"  # this process's Checker: built-in checks only
    python = ensure_venv(args.peers_venv)
    result: dict[str, Any] = {
        "machine": machine(),
        "python": platform.python_version(),
        "versions": {"editcheck": metadata.version("editcheck")},
        "warmup": args.warmup,
    }
    with Worker(python) as worker:
        result["peers"] = worker.versions
        if "cold" in args.only:
            result["cold"] = cold(cold_runs, args.warmup, python, worker.versions["proselint"])
        if "warm" in args.only:
            result["warm"] = warm(warm_drafts, args.warmup, worker)
        if "pages" in args.only:
            if PAGES.is_dir():
                result["pages"] = pages(page_count, args.warmup, worker)
            else:
                print(f"pages: skipped, {PAGES} is absent", file=sys.stderr)
    result["loadavg_end"] = loadavg()
    print(report(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
