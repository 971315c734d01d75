"""What ``"fix": true`` adds to a service check: CPU time per request, with and without.

    python benchmarks/speed_fix.py                 # 200 corpus drafts of 1,000 words
    python benchmarks/speed_fix.py --drafts 50 --size 250

The service's own code path (:class:`editcheck.service.handler.CheckHandler`, the request
the child process answers) checks the same distinct corpus drafts (``corpus.py``; about
30% carry residue) once without ``fix`` and once with ``"fix": true``, each mode in a
process of its own (a draft checked twice in one process would meet its own caches), the
two modes run twice, alternating, and the best of each taken. Reported: CPU and wall per
request in each mode, the overhead of fixing (``fix / plain - 1``), how many drafts had
a fix applied, and the overhead on those drafts alone and on the rest. The load average
is printed at the start and the end.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def measure(mode: str, size: int, n: int) -> dict[str, object]:
    """One mode in this process: per-draft CPU and wall of handler.check."""
    sys.path.insert(0, str(HERE))
    from corpus import drafts

    from editcheck.service.handler import CheckHandler
    from editcheck.service.requests import check_request
    from editcheck.service.settings import ServiceSettings

    handler = CheckHandler(ServiceSettings())
    handler.check(check_request({"text": "Warm-up draft. The council said 5 people came."}), None)
    cpu, wall, fixed = [], [], []
    for d in drafts(size=size, n=n, quiet=True):
        body: dict[str, object] = {"html" if d.kind == "html" else "text": d.content}
        if mode == "fix":
            body["fix"] = True
        req = check_request(body)
        c0, w0 = time.process_time(), time.perf_counter()
        answer = handler.check(req, None)
        cpu.append(time.process_time() - c0)
        wall.append(time.perf_counter() - w0)
        fixed.append(bool(answer.get("fixed", {}).get("applied")))
    return {"cpu": cpu, "wall": wall, "fixed": fixed}


def run_mode(mode: str, size: int, n: int) -> dict[str, list[float]]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, "--size", str(size), "--drafts", str(n)],
        capture_output=True,
        text=True,
        check=True,
        env={
            **os.environ,
            "EDITCHECK_AUTOLOAD_PLUGINS": os.environ.get("EDITCHECK_AUTOLOAD_PLUGINS", "0"),
        },
    )
    data: dict[str, list[float]] = json.loads(out.stdout)
    return data


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--drafts", type=int, default=200)
    ap.add_argument("--size", type=int, default=1000)
    ap.add_argument("--child", choices=["plain", "fix"])
    args = ap.parse_args(argv)
    if args.child:
        json.dump(measure(args.child, args.size, args.drafts), sys.stdout)
        return 0
    load_start = Path("/proc/loadavg").read_text().split()[:3]
    runs: dict[str, list[dict[str, list[float]]]] = {"plain": [], "fix": []}
    for mode in ("plain", "fix", "plain", "fix"):
        runs[mode].append(run_mode(mode, args.size, args.drafts))
    best = {
        mode: [min(r["cpu"][i] for r in rs) for i in range(len(rs[0]["cpu"]))]
        for mode, rs in runs.items()
    }
    wall = {
        mode: [min(r["wall"][i] for r in rs) for i in range(len(rs[0]["wall"]))]
        for mode, rs in runs.items()
    }
    fixed = runs["fix"][0]["fixed"]

    def overhead(pick: list[bool]) -> float | None:
        plain = sum(c for c, p in zip(best["plain"], pick, strict=True) if p)
        fix = sum(c for c, p in zip(best["fix"], pick, strict=True) if p)
        return round(fix / plain - 1, 3) if plain else None

    n = len(fixed)
    result = {
        "drafts": n,
        "words": args.size,
        "drafts_with_a_fix_applied": sum(bool(f) for f in fixed),
        "cpu_ms_per_request": {m: round(1000 * sum(v) / n, 2) for m, v in best.items()},
        "wall_ms_per_request": {m: round(1000 * sum(v) / n, 2) for m, v in wall.items()},
        "overhead_cpu_all": overhead([True] * n),
        "overhead_cpu_drafts_fixed": overhead([bool(f) for f in fixed]),
        "overhead_cpu_drafts_not_fixed": overhead([not f for f in fixed]),
        "loadavg_start": load_start,
        "loadavg_end": Path("/proc/loadavg").read_text().split()[:3],
    }
    json.dump(result, sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
