"""Where a cold start goes: ``-X importtime`` parsed, and cold ``editcheck check`` CPU.

A pre-publish hook spawns ``editcheck check`` per draft, so what a process imports before
any work is felt on every save. This script runs fresh interpreters and reports:

- ``import editcheck.cli`` (what every command pays) and a whole cold ``editcheck check``
  of one draft, each under ``python -X importtime``: the median total import time, the
  number of modules, and the modules with the largest median self time (top-level package
  sums too), parsed from the ``import time:`` lines on stderr;
- a cold ``editcheck check`` on a different corpus draft each run: child CPU
  (``getrusage(RUSAGE_CHILDREN)``) and wall, medians, with the built-in checks only and
  (the venv's console script, as a user runs it) with the installed plugins too;
- with ``--baseline-src DIR`` (say, ``git archive main | tar -x -C /tmp/base``), the same
  figures for the editcheck package under ``DIR/src``, interleaved run by run with this
  tree's, so both sides see the same load.

Run it with the project venv. Bytecode matters: a tree without ``__pycache__`` (or a shell
with ``PYTHONDONTWRITEBYTECODE=1``) compiles every module at every start. The script says
whether bytecode writing is off and compiles both trees once before measuring, as an
installed wheel would be.

    python benchmarks/startup.py [--runs 15] [--top 25] [--baseline-src /tmp/base/src]
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from corpus import drafts
from measure import Stopwatch, load_line, loadavg, summarise

ROOT = Path(__file__).resolve().parent.parent
AUTOLOAD = "EDITCHECK_DISABLE_PLUGIN_AUTOLOAD"


def parse_importtime(stderr: str) -> dict[str, tuple[int, int]]:
    """``{module: (self_us, cumulative_us)}`` from ``-X importtime`` lines (first import)."""
    out: dict[str, tuple[int, int]] = {}
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        fields = line[len("import time:") :].split("|")
        if len(fields) != 3:
            continue
        name = fields[2].strip()
        out.setdefault(name, (int(fields[0]), int(fields[1])))
    return out


def env_for(src: Path | None, autoload: bool = False) -> dict[str, str]:
    """The environment of one side: ``src`` first on the path (None: the venv's editcheck)."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE",)}
    if not autoload:
        env[AUTOLOAD] = "1"
    if src is not None:
        env["PYTHONPATH"] = str(src) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def sides(baseline: Path | None) -> list[tuple[str, Path | None]]:
    return [("this tree", None)] + ([("baseline", baseline)] if baseline else [])


def importtime(args: list[str], env: dict[str, str], cwd: str) -> dict[str, tuple[int, int]]:
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
    )
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{args} failed: {proc.stderr[-800:]}")
    return parse_importtime(proc.stderr)


def summarise_imports(
    samples: list[dict[str, tuple[int, int]]], root: str, top: int
) -> dict[str, object]:
    """Median total, module count and the heaviest modules over ``samples``."""
    modules = sorted({m for s in samples for m in s})
    median_self = {m: statistics.median(s.get(m, (0, 0))[0] for s in samples) for m in modules}
    packages: dict[str, float] = {}
    for m, us in median_self.items():
        packages[m.split(".")[0]] = packages.get(m.split(".")[0], 0.0) + us
    totals = [sum(v[0] for v in s.values()) for s in samples]
    roots = [s[root][1] for s in samples if root in s]
    return {
        "modules": round(statistics.median(len(s) for s in samples)),
        "all_imports_ms": round(statistics.median(totals) / 1000, 1),
        f"{root}_cumulative_ms": round(statistics.median(roots) / 1000, 1) if roots else None,
        "top_modules_self_ms": {
            m: round(us / 1000, 2)
            for m, us in sorted(median_self.items(), key=lambda kv: -kv[1])[:top]
        },
        "top_packages_self_ms": {
            p: round(us / 1000, 1)
            for p, us in sorted(packages.items(), key=lambda kv: -kv[1])[:top]
        },
    }


def run(runs: int, top: int, baseline: Path | None) -> dict[str, object]:
    files = [d.text_path for d in drafts(1000, runs)]
    check = ["-m", "editcheck", "check", "--fail-on", "never"]
    names = [name for name, _ in sides(baseline)]
    cli_imports: dict[str, list] = {n: [] for n in names}
    check_imports: dict[str, list] = {n: [] for n in names}
    cold_cpu: dict[str, list[float]] = {n: [] for n in names}
    cold_wall: dict[str, list[float]] = {n: [] for n in names}
    plugged_cpu: dict[str, list[float]] = {n: [] for n in names}
    script = Path(sys.executable).parent / "editcheck"
    with tempfile.TemporaryDirectory() as cwd:  # no editcheck.toml nearby
        for i, path in enumerate(files):
            order = sides(baseline)
            order = order[i % len(order) :] + order[: i % len(order)]
            for name, src in order:
                env = env_for(src)
                cli_imports[name].append(importtime(["-c", "import editcheck.cli"], env, cwd))
                check_imports[name].append(importtime([*check, str(path)], env, cwd))
                with Stopwatch() as lap:
                    subprocess.run(
                        [sys.executable, *check, str(path)],
                        env=env,
                        cwd=cwd,
                        stdout=subprocess.DEVNULL,
                        check=False,
                    )
                cold_cpu[name].append(lap.child_cpu)
                cold_wall[name].append(lap.wall)
                if script.exists():
                    with Stopwatch() as lap:
                        subprocess.run(
                            [str(script), *check[2:], str(path)],
                            cwd=cwd,
                            env=env_for(src, autoload=True),
                            stdout=subprocess.DEVNULL,
                            check=False,
                        )
                    plugged_cpu[name].append(lap.child_cpu)
    out: dict[str, object] = {}
    for name in names:
        out[name] = {
            "runs": len(cold_cpu[name]),
            "import_editcheck_cli": summarise_imports(cli_imports[name], "editcheck.cli", top),
            "cold_check_imports": summarise_imports(check_imports[name], "editcheck", top),
            "cold_check_cpu_ms": summarise(cold_cpu[name]),
            "cold_check_wall_ms": summarise(cold_wall[name]),
            "cold_check_with_plugins_cpu_ms": summarise(plugged_cpu[name]),
        }
    return out


def report(figures: dict[str, object]) -> str:
    lines = []
    for name, f in figures.items():
        if not isinstance(f, dict) or "runs" not in f:
            continue
        cli, chk = f["import_editcheck_cli"], f["cold_check_imports"]
        lines += [
            f"## {name} ({f['runs']} runs, medians)",
            f"- import editcheck.cli: {cli['editcheck.cli_cumulative_ms']} ms, "
            f"{cli['modules']} modules",
            f"- cold editcheck check: {f['cold_check_cpu_ms']['median']} ms CPU "
            f"(p25-p75 {f['cold_check_cpu_ms']['p25']}-{f['cold_check_cpu_ms']['p75']}), "
            f"{f['cold_check_wall_ms']['median']} ms wall; imports {chk['all_imports_ms']} ms "
            f"self total over {chk['modules']} modules; with the installed plugins "
            f"(console script) {f['cold_check_with_plugins_cpu_ms']['median']} ms CPU",
            "- heaviest packages in the cold check (self ms): "
            + ", ".join(f"{k} {v}" for k, v in chk["top_packages_self_ms"].items()),
            "- heaviest modules in the cold check (self ms): "
            + ", ".join(f"{k} {v}" for k, v in chk["top_modules_self_ms"].items()),
            "",
        ]
    lines.append(load_line(figures["loadavg_start"], figures["loadavg_end"]))  # type: ignore[arg-type]
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=15, help="fresh processes per side and kind")
    ap.add_argument("--top", type=int, default=25, help="modules and packages listed")
    ap.add_argument("--baseline-src", type=Path, help="another tree's src/ to interleave")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        print(
            "note: PYTHONDONTWRITEBYTECODE is set here; the runs measured unset it", file=sys.stderr
        )
    for tree in [ROOT / "src", *([args.baseline_src] if args.baseline_src else [])]:
        compileall.compile_dir(str(tree), quiet=1)
    start = loadavg()
    figures: dict[str, object] = run(args.runs, args.top, args.baseline_src)
    figures.update(loadavg_start=start, loadavg_end=loadavg())
    print(report(figures))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
