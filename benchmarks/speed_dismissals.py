"""What dismissals add to each check request on the server.

Fills a dismissals database with ``--drafts`` drafts, ``--per-draft`` dismissals each and
their findings shown, then times what the service does per ``/v1/check`` answer of
``--findings`` annotations: the look-up (one indexed read and the marking, with the
verdict recounted) alone, and the whole of it with the findings-shown write. CPU time
(``process_time``) beside wall time, and the load average. The goal is under 0.2 ms per
request for the look-up.

    python benchmarks/speed_dismissals.py [--drafts 20000] [--per-draft 5] [--findings 25]
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from measure import loadavg

from editcheck.dismissals import Dismissal, DismissalStore
from editcheck.service.desk import Desk, mark_dismissed
from editcheck.service.requests import CheckRequest

RULES = ("core/vague-attribution", "core/stray-timestamp", "core/unattributed-claim")


def fingerprint(i: int) -> str:
    return hashlib.sha256(str(i).encode()).hexdigest()[:16]


def answer(findings: int) -> dict[str, Any]:
    anns = [
        {"rule": RULES[i % 3], "severity": "warning", "fingerprint": fingerprint(i)}
        for i in range(findings)
    ]
    report = {"annotations": anns, "errors": []}
    return {"verdict": "pass", "fail_on": "error", "fail_on_incomplete": True, "report": report}


def fill(store: DismissalStore, drafts: int, per_draft: int, findings: int) -> None:
    rng = random.Random(1)
    for d in range(drafts):
        draft_id = f"cms-{d}"
        store.record_shown(draft_id, [(fingerprint(i), RULES[i % 3]) for i in range(findings)])
        for i in rng.sample(range(findings), per_draft):
            store.add(Dismissal(draft_id, fingerprint(i), RULES[i % 3], "fine", "", 1.0))


def timed(fn: Any, runs: int) -> tuple[float, float]:
    """Median wall and CPU milliseconds per call."""
    walls, cpus = [], []
    for _ in range(runs):
        w, c = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - w)
        cpus.append(time.process_time() - c)
    return statistics.median(walls) * 1000, statistics.median(cpus) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=20_000)
    parser.add_argument("--per-draft", type=int, default=5)
    parser.add_argument("--findings", type=int, default=25)
    parser.add_argument("--runs", type=int, default=2_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = DismissalStore(Path(tmp) / "dismissals.sqlite")
        fill(store, args.drafts, args.per_draft, args.findings)
        rows = store._need().execute("SELECT COUNT(*) FROM dismissals").fetchone()[0]
        rng = random.Random(2)
        base = answer(args.findings)
        reqs = [
            CheckRequest("html", "<p>x</p>", draft_id=f"cms-{rng.randrange(args.drafts)}")
            for _ in range(args.runs)
        ]
        answers = [copy.deepcopy(base) for _ in range(args.runs)]
        it = iter(range(args.runs))

        def lookup() -> None:
            i = next(it)
            dismissed = store.for_draft(reqs[i].draft_id or "")
            for a in answers[i]["report"]["annotations"]:
                d = dismissed.get(a["fingerprint"])
                if d is not None and d.rule == a["rule"]:
                    a["dismissed"] = {"reason": d.reason, "at": d.created}

        look = timed(lookup, args.runs)
        desk = Desk(store)
        answers = [copy.deepcopy(base) for _ in range(args.runs)]
        it = iter(range(args.runs))
        whole = timed(lambda: mark_dismissed(desk, reqs[(i := next(it))], answers[i]), args.runs)
        store.close()
    print(
        f"{rows:,} dismissals in {args.drafts:,} drafts; {args.findings} findings per answer; "
        f"load average {loadavg()}"
    )
    print(f"look-up and marking:           {look[0]:.3f} ms wall, {look[1]:.3f} ms CPU (median)")
    print(f"whole (+ verdict, shown write): {whole[0]:.3f} ms wall, {whole[1]:.3f} ms CPU (median)")


if __name__ == "__main__":
    main()
