"""Train the confidence model of core/unattributed-claim from the shared Wikipedia data.

    python benchmarks/train_sourcing_claims.py [--shared ../shared] [--write]

Data: ``corpus/wikipedia/tagged-sentences.jsonl`` (sentences Wikipedia editors tagged
{{weasel-inline}} or {{according to whom}}: positives) and the certain sentences of
``hedge-sentences.jsonl`` (negatives), both CC BY-SA, Wikipedia contributors. Only the
features of the rules' own candidates are learned (which wording, and its context), so the
model re-ranks what the rules find and never invents a claim.

Articles are split by a hash of their title: one in five is held out and never seen while
fitting or choosing the threshold. The threshold is chosen on the development part (most
weasel-inline recall with false positives on certain sentences at most ``--max-fp``) and
folded into the bias, so that the rule's default ``min-confidence`` of 0.5 is that point.
With ``--write`` the weights go to ``src/editcheck/checks/sourcing/data/claim_model.json``.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import zlib
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from editcheck.checks.sourcing.claims import always  # noqa: E402
from editcheck.checks.sourcing.pipeline import claim_candidates  # noqa: E402
from editcheck.document import load_text  # noqa: E402

OUT = ROOT / "src" / "editcheck" / "checks" / "sourcing" / "data" / "claim_model.json"
POSITIVE = ("weasel-inline", "according-to-whom")
NEWS = ROOT / "benchmarks" / "data" / "sourcing_news_claims.txt"


def news_rows(weight: float) -> list[dict]:
    """Our own news-style positives (see the file's header), as training rows only."""
    rows = []
    for line in NEWS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append({"text": line, "group": "news", "held_out": False, "weight": weight})
    return rows


def held_out(article: str) -> bool:
    """One article in five, by a stable hash of its title (hedge ids end in _<n>)."""
    return zlib.crc32(article.rsplit("_", 1)[0].encode()) % 5 == 0


def load(shared: Path) -> list[dict]:
    """Rows of {text, group, held_out}; group is a tag template or "certain"."""
    rows = []
    wiki = shared / "corpus" / "wikipedia"
    for line in (wiki / "tagged-sentences.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        if d["template"] in POSITIVE:
            rows.append(
                {"text": d["text"], "group": d["template"], "held_out": held_out(d["article"])}
            )
    for line in (wiki / "hedge-sentences.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        if not d["uncertain"]:
            rows.append({"text": d["text"], "group": "certain", "held_out": held_out(d["article"])})
    return rows


def featurise(rows: list[dict]) -> None:
    """Attach the union of candidate features of each row's sentences (None: no candidate);
    ``always`` marks rows the rule reports without asking the model."""
    for r in rows:
        feats: set[str] = set()
        r["always"] = False
        for claims, f in claim_candidates(load_text(r["text"])):
            feats.update(f)
            r["always"] |= any(always(c) for c in claims)
        r["features"] = sorted(feats) or None


def fit(
    rows: list[dict], l2: float = 0.01, epochs: int = 500, rate: float = 1.0
) -> dict[str, float]:
    """Batch gradient descent on logistic loss with an L2 penalty; pure Python."""
    data = [
        (r["features"], 1.0 if r["group"] != "certain" else 0.0, r.get("weight", 1.0))
        for r in rows
        if r["features"] and not r["always"]
    ]
    w: dict[str, float] = defaultdict(float)
    n = sum(d[2] for d in data)
    for _ in range(epochs):
        grad: dict[str, float] = defaultdict(float)
        for feats, y, weight in data:
            p = _sigmoid(sum(w[f] for f in feats))
            for f in feats:
                grad[f] += (p - y) * weight
        for f, g in grad.items():
            w[f] -= rate * (g / n + l2 * w[f] * (f != "bias"))
    return dict(w)


def score(w: dict[str, float], features: list[str]) -> float:
    return _sigmoid(sum(w.get(f, 0.0) for f in features))


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def rates(rows: list[dict], w: dict[str, float], threshold: float) -> dict[str, float]:
    """Recall per tag template and false-positive rate on certain sentences at a threshold."""
    hit: dict[str, int] = defaultdict(int)
    total: dict[str, int] = defaultdict(int)
    for r in rows:
        total[r["group"]] += 1
        if r["features"] and (r["always"] or score(w, r["features"]) >= threshold):
            hit[r["group"]] += 1
    return {g: hit[g] / total[g] for g in total if total[g]}


def choose(rows: list[dict], w: dict[str, float], max_fp: float) -> float:
    """The lowest threshold whose false-positive rate on certain sentences is within bounds."""
    for t in [i / 100 for i in range(1, 100)]:
        if rates(rows, w, t).get("certain", 0.0) <= max_fp:
            return t
    return 0.99


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--max-fp", type=float, default=0.0175)
    ap.add_argument(
        "--news-weight",
        type=float,
        default=4.0,
        help="weight of each of our own news-style positives (0 to leave them out)",
    )
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args(argv)
    if not (args.shared / "corpus" / "wikipedia").is_dir():
        print(f"shared corpus not found under {args.shared}; nothing to train on")
        return 2
    rows = load(args.shared)
    featurise(rows)
    dev = [r for r in rows if not r["held_out"]]
    test = [r for r in rows if r["held_out"]]
    news = news_rows(args.news_weight) if args.news_weight > 0 else []
    featurise(news)
    w = fit(dev + news)
    t = choose(dev, w, args.max_fp)
    print(
        f"threshold  set       weasel  atw    certain-FP   (threshold chosen: {t:.2f}, becomes 0.5)"
    )
    for thr in sorted({0.0, 0.3, 0.4, 0.5, 0.6, 0.7, t}):
        for name, part in (("dev", dev), ("held-out", test)):
            r = rates(part, w, thr)
            print(
                f"{thr:9.2f}  {name:8s}  {r.get('weasel-inline', 0):.3f}   "
                f"{r.get('according-to-whom', 0):.3f}  {r.get('certain', 0):.4f}"
            )
    w["bias"] = w.get("bias", 0.0) - math.log(t / (1 - t))  # the chosen point becomes 0.5
    top = sorted(w.items(), key=lambda kv: -abs(kv[1]))[:25]
    print("strongest weights:", ", ".join(f"{k}={v:+.2f}" for k, v in top))
    if args.write:
        model = {
            "about": "core/unattributed-claim confidence model; trained by "
            "benchmarks/train_sourcing_claims.py on Wikipedia sentences "
            "(CC BY-SA, Wikipedia contributors)",
            "threshold": 0.5,
            "chosen_at": t,
            "max_fp": args.max_fp,
            "weights": {k: round(v, 4) for k, v in sorted(w.items()) if abs(v) > 1e-4},
        }
        OUT.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
