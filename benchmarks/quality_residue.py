"""Quality of the page-residue and repeated-boilerplate families.

    python benchmarks/quality_residue.py            # labelled drafts + seed + pasted pages
    python benchmarks/quality_residue.py --labelled # only fixtures/residue/ and the seed
    python benchmarks/quality_residue.py --pages --baseline   # also the short-line baseline

1. Labelled drafts (``fixtures/residue/``, labels as in :mod:`editcheck.testing.quality`):
   recall and false-positive rate per family (``category:page-residue``,
   ``category:repeated-boilerplate``) and per rule.
2. The seed (``../shared/seed/ice-shooting.txt`` and ``fixtures/seed/ice-shooting.html``):
   which residue lines are flagged, and whether any body line is.
3. Pasted pages (``../shared/corpus/article-extraction-benchmark/``): each page is checked
   whole, as one draft. Every non-blank block of the parsed page is one *line*; a line is
   *gold* (article copy) when its normalised text (NFKC, lower-cased, every run of
   non-word characters made one space) equals a normalised line of the page's gold
   ``articleBody``, or has at least four words and occurs in the normalised gold body
   between word boundaries, or has at least twelve words of which at least half of the
   word 4-grams occur in the gold body (a block that merges several gold paragraphs,
   or adds an inline credit to one). Every other line is residue and should be covered by an
   annotation of either family (an annotation overlapping the block's span); gold lines
   should not be. Precision and recall are over lines, and again weighted by each
   line's characters. Short lines are matched only whole because "Opinion" or "World"
   occur inside almost any article body, which would make navigation links count as
   article copy.

Reads ``../shared/`` and says so when it is absent; nothing there is copied.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from editcheck.api import Checker
from editcheck.document import Document, load_bytes
from editcheck.testing.quality import Score, check_labelled, evaluate_folder

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "article-extraction-benchmark"
FAMILIES = ("category:page-residue", "category:repeated-boilerplate")
_NON_WORD = re.compile(r"[^\w]+")
_FINAL = tuple(".!?\"”'’")


def norm(text: str) -> str:
    """NFKC, lower case, non-word runs as single spaces."""
    return " ".join(_NON_WORD.sub(" ", unicodedata.normalize("NFKC", text).lower()).split())


def shingles(words: list[str], n: int = 4) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def gold_lines(doc: Document, body: str) -> list[tuple[int, int, int, bool]]:
    """``(block index, start, end, is_gold)`` for every non-blank block of a page."""
    lines = {norm(ln) for ln in body.split("\n")} - {""}
    joined = " " + " ".join(norm(ln) for ln in body.split("\n")) + " "
    gold_shingles = shingles(joined.split())
    out = []
    for b in doc.blocks:
        if b.is_blank:
            continue
        n = norm(b.text)
        words = n.split()
        gold = bool(n) and (n in lines or (len(words) >= 4 and f" {n} " in joined))
        if not gold and len(words) >= 12:  # a long block that merges paragraphs or adds a few words
            own = shingles(words)
            gold = len(own & gold_shingles) >= 0.5 * len(own)
        out.append((b.index, b.start, b.end, gold))
    return out


@dataclass
class Tally:
    """Confusion counts, by lines and by characters."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    ctp: int = 0
    cfp: int = 0
    cfn: int = 0
    false_alarms: list[str] = field(default_factory=list)

    def add(self, flagged: bool, gold: bool, chars: int, text: str) -> None:
        if flagged and not gold:
            self.tp, self.ctp = self.tp + 1, self.ctp + chars
        elif flagged:
            self.fp, self.cfp = self.fp + 1, self.cfp + chars
            self.false_alarms.append(text[:90])
        elif not gold:
            self.fn, self.cfn = self.fn + 1, self.cfn + chars

    def figures(self) -> dict[str, float]:
        def ratio(a: int, b: int) -> float:
            return round(a / b, 4) if b else 0.0

        return {
            "precision": ratio(self.tp, self.tp + self.fp),
            "recall": ratio(self.tp, self.tp + self.fn),
            "char_precision": ratio(self.ctp, self.ctp + self.cfp),
            "char_recall": ratio(self.ctp, self.ctp + self.cfn),
        }


def covered(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e or s == e == start for s, e in spans)


def pages(every: int = 1) -> Iterable[tuple[str, str, Document]]:
    """Each page (or every ``every``-th, for a quick sample) with its gold body."""
    truth = json.loads((CORPUS / "ground-truth.json").read_text("utf-8"))
    for key, entry in sorted(truth.items())[::every]:
        data = gzip.decompress((CORPUS / "html" / f"{key}.html.gz").read_bytes())
        yield key, entry["articleBody"], load_bytes(data, "text/html", source=key)


def evaluate_pages(baseline: bool, every: int = 1) -> dict[str, dict[str, float]]:
    checker = Checker({}, select=list(FAMILIES))
    ours, short = Tally(), Tally()
    for _key, body, doc in pages(every):
        spans = [(a.start, a.end) for a in checker.check_document(doc).annotations]
        for index, start, end, gold in gold_lines(doc, body):
            text = doc.blocks[index].text
            ours.add(covered(spans, start, end), gold, len(text), text)
            if baseline:
                is_short = len(text.split()) < 6 and not text.rstrip().endswith(_FINAL)
                short.add(is_short, gold, len(text), text)
    result = {"editcheck": ours.figures()}
    if baseline:
        result["baseline: under six words, no final punctuation"] = short.figures()
    return result


def evaluate_labelled() -> dict[str, dict[str, object]]:
    """Per rule, and per family: a family pools its own labels and its rules' labels."""

    def run(path: Path) -> tuple[str, object]:
        return check_labelled(path, {})

    scores = evaluate_folder(ROOT / "fixtures" / "residue", run)
    category = {r.id: r.category for r in Checker({}).plugins.rules}
    out: dict[str, dict[str, object]] = {}
    for family in FAMILIES:
        pooled = Score()
        for rule, sc in scores.items():
            if rule == family or "category:" + category.get(rule, "") == family:
                pooled.flagged += sc.flagged
                pooled.passed += sc.passed
                pooled.missed += sc.missed
                pooled.false_alarms += sc.false_alarms
        out["family " + family] = pooled.to_dict()
    out.update({rule: sc.to_dict() for rule, sc in sorted(scores.items())})
    return out


def evaluate_seed() -> dict[str, object]:
    """Which seed lines are flagged: residue lines must be, body lines must not."""
    out: dict[str, object] = {}
    for path in (SHARED / "seed" / "ice-shooting.txt", ROOT / "fixtures/seed/ice-shooting.html"):
        if not path.exists():
            continue
        text, report = check_labelled(path, {"select": list(FAMILIES)})
        lines = text.split("\n")
        flagged = sorted({a.line for a in report.annotations})
        body = [i + 1 for i, ln in enumerate(lines) if len(ln.split()) >= 8]
        out[path.name] = {
            "flagged_lines": [(n, lines[n - 1].strip()[:30]) for n in flagged],
            "body_lines_flagged": sorted(set(flagged) & set(body)),
        }
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--labelled", action="store_true", help="only the labelled drafts and seed")
    ap.add_argument("--pages", action="store_true", help="only the pasted pages")
    ap.add_argument("--baseline", action="store_true", help="also score the short-line baseline")
    args = ap.parse_args(argv)
    result: dict[str, object] = {}
    if not args.pages:
        result["labelled"] = evaluate_labelled()
        result["seed"] = evaluate_seed()
    if not args.labelled:
        if CORPUS.is_dir():
            result["pasted_pages"] = evaluate_pages(args.baseline)
        else:
            result["pasted_pages"] = f"skipped: {CORPUS} is absent"
    json.dump(result, sys.stdout, indent=2, ensure_ascii=False)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
