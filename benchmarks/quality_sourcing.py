"""Quality and speed of the sourcing checks.

    python benchmarks/quality_sourcing.py            # labelled drafts + Wikipedia + speed
    python benchmarks/quality_sourcing.py --labelled # only fixtures/sourcing/
    python benchmarks/quality_sourcing.py --wikipedia [--curve]
    python benchmarks/quality_sourcing.py --speed

Labelled drafts: recall and false-positive rate per rule over ``fixtures/sourcing/``.
Wikipedia (``../shared/corpus/wikipedia``, CC BY-SA, Wikipedia contributors; skipped when
absent): each sentence checked as a one-line text draft. Recall of core/unattributed-claim
on {{weasel-inline}} and {{according to whom}} sentences, recall of
core/unsourced-statistic on {{citation needed}} sentences (all hold a digit), and the
share of certain sentences of ``hedge-sentences.jsonl`` flagged by
core/unattributed-claim, on the development part and on the held-out fifth of articles
that the claim model never saw (see ``train_sourcing_claims.py``). ``--curve`` sweeps the
rule's ``min-confidence``. Speed: median time of the four rules per 1,000 words on one
core, on a news article (the seed's HTML twin) and on the much denser labelled drafts.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import zlib
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from editcheck.api import Checker  # noqa: E402
from editcheck.checks.sourcing.rules import RULES  # noqa: E402
from editcheck.document import load_bytes, load_html, load_text, media_type_for  # noqa: E402
from editcheck.testing.quality import evaluate_folder  # noqa: E402

RULE_IDS = [r.id for r in RULES]
CLAIM, _, _, STAT = RULE_IDS
LABELLED = ROOT / "fixtures" / "sourcing"


def checker(min_confidence: float | None = None) -> Checker:
    config: dict = {}
    if min_confidence is not None:
        config = {"rules": {CLAIM: {"min-confidence": min_confidence}}}
    return Checker(config, select=RULE_IDS)


def labelled(folder: Path = LABELLED) -> dict[str, dict]:
    """Per-rule scores over a folder of labelled drafts."""
    ck = checker()

    def run(path: Path):
        data = path.read_bytes()
        doc = load_bytes(data, media_type_for(path, data), source=str(path))
        return doc.text, ck.check_document(doc)

    return {rule: s.to_dict() for rule, s in evaluate_folder(folder, run).items()}


def held_out(article: str) -> bool:
    """The same split as the training script: one article in five by title hash."""
    return zlib.crc32(article.rsplit("_", 1)[0].encode()) % 5 == 0


def wikipedia_rows(shared: Path) -> list[tuple[str, str, bool]]:
    """(text, group, held_out) rows; group is a tag template or "certain"."""
    wiki = shared / "corpus" / "wikipedia"
    rows = []
    for line in (wiki / "tagged-sentences.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        rows.append((d["text"], d["template"], held_out(d["article"])))
    for line in (wiki / "hedge-sentences.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        if not d["uncertain"]:
            rows.append((d["text"], "certain", held_out(d["article"])))
    return rows


def wikipedia(rows: list[tuple[str, str, bool]], ck: Checker) -> dict[str, dict[str, float]]:
    """Rates per part (dev, held-out, all) and group."""
    hits: dict[tuple[str, str], int] = defaultdict(int)
    totals: dict[tuple[str, str], int] = defaultdict(int)
    for text, group, ho in rows:
        rules = {a.rule for a in ck.check_document(load_text(text)).annotations}
        want = STAT if group == "citation-needed" else CLAIM
        for part in ("held-out" if ho else "dev", "all"):
            totals[part, group] += 1
            hits[part, group] += want in rules
    out: dict[str, dict[str, float]] = defaultdict(dict)
    for (part, group), n in totals.items():
        out[part][group] = round(hits[part, group] / n, 4)
    return dict(out)


def speed(repeat: int = 100) -> dict[str, float]:
    """Median milliseconds per 1,000 words for the four rules (parsing excluded), on a news
    article (the seed's HTML twin, twice over) and on the labelled drafts, which are far
    denser in figures, quotes and hedges than ordinary copy."""
    seed = (ROOT / "fixtures" / "seed" / "ice-shooting.html").read_text(encoding="utf-8")
    words: list[str] = []
    for path in sorted(LABELLED.glob("*.txt")):
        words.extend(path.read_text(encoding="utf-8").split())
    lines, line = [], []
    for w in words[:1000]:  # paragraphs of about 60 words, as in news copy
        line.append(w)
        if len(line) >= 60 and w.endswith("."):
            lines.append(" ".join(line))
            line = []
    lines.append(" ".join(line))
    out: dict[str, float] = {}
    for name, doc in (("news", load_html(seed + seed)), ("dense", load_text("\n".join(lines)))):
        median, best = _time(doc, repeat)
        out[f"{name}_words"] = doc.word_count
        out[f"{name}_median_ms_per_1000_words"] = median
        out[f"{name}_min_ms_per_1000_words"] = best
    out["reference_loop_ms"] = _reference_loop()
    return out


def _time(doc, repeat: int) -> tuple[float, float]:
    from editcheck.checkapi import CheckContext
    from editcheck.checks.sourcing import sourcing

    enabled = frozenset(RULE_IDS)
    options = {r.id: dict(r.options) for r in RULES}
    runs = []
    for _ in range(repeat):
        ctx = CheckContext(doc, options, enabled)
        t0 = time.perf_counter()
        sourcing.run(doc, ctx)
        runs.append(time.perf_counter() - t0)
    per_k = 1000 / max(1, doc.word_count)
    return round(statistics.median(runs) * 1000 * per_k, 3), round(min(runs) * 1000 * per_k, 3)


def _reference_loop() -> float:
    """Milliseconds for a million empty Python loop iterations: how fast (or how shared)
    this core is, so speed figures from different machines can be compared."""
    best = float("inf")
    for _ in range(5):
        t0 = time.perf_counter()
        for _ in range(1_000_000):
            pass
        best = min(best, time.perf_counter() - t0)
    return round(best * 1000, 1)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--labelled", action="store_true")
    ap.add_argument("--wikipedia", action="store_true")
    ap.add_argument("--speed", action="store_true")
    ap.add_argument("--curve", action="store_true", help="sweep min-confidence on Wikipedia")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    everything = not (args.labelled or args.wikipedia or args.speed)
    report: dict = {}
    if args.labelled or everything:
        report["labelled"] = labelled()
        for rule, s in sorted(report["labelled"].items()):
            print(
                f"{rule:28s} flag={s['flag_labels']:3d} pass={s['pass_labels']:3d} "
                f"recall={s['recall']:.3f} fpr={s['false_positive_rate']:.3f}"
            )
    if args.wikipedia or args.curve or everything:
        if not (args.shared / "corpus" / "wikipedia").is_dir():
            print(f"skipped Wikipedia: no corpus under {args.shared}")
        else:
            rows = wikipedia_rows(args.shared)
            report["wikipedia"] = wikipedia(rows, checker())
            _print_wiki("default", report["wikipedia"])
            if args.curve:
                report["curve"] = {}
                for t in (0.0, 0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 0.8):
                    report["curve"][t] = wikipedia(rows, checker(t))
                    _print_wiki(f"min-confidence={t}", report["curve"][t])
    if args.speed or everything:
        report["speed"] = speed()
        sp = report["speed"]
        for name in ("news", "dense"):
            print(
                f"speed ({name}, {sp[name + '_words']} words): "
                f"{sp[name + '_median_ms_per_1000_words']} ms per 1,000 words (median; min "
                f"{sp[name + '_min_ms_per_1000_words']}; one core)"
            )
        print(f"(a million empty loop iterations take {sp['reference_loop_ms']} ms here)")
    if args.json:
        print(json.dumps(report, indent=1))
    return 0


def _print_wiki(label: str, rates: dict[str, dict[str, float]]) -> None:
    for part in ("dev", "held-out", "all"):
        r = rates.get(part, {})
        print(
            f"{label:20s} {part:8s} weasel-inline={r.get('weasel-inline', 0):.3f} "
            f"according-to-whom={r.get('according-to-whom', 0):.3f} "
            f"certain-FP={r.get('certain', 0):.4f} "
            f"citation-needed(stat)={r.get('citation-needed', 0):.3f}"
        )


if __name__ == "__main__":
    raise SystemExit(main())
