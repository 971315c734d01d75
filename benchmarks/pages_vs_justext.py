"""Page quality beside jusText: the same 181 pasted pages, the same lines, the same run.

    python benchmarks/pages_vs_justext.py                 # the table
    python benchmarks/pages_vs_justext.py --errors 10     # and lines the tools get wrong
    python benchmarks/pages_vs_justext.py --json out.json # figures as JSON ("-": stdout)
    python benchmarks/pages_vs_justext.py --every 4 --stoplist English

Lines and gold come from ``quality_residue.py`` (imported, not copied): every non-blank
block of editcheck's parse of a page is one line, gold (article body) or furniture by
``gold_lines``. Both tools are scored on those lines, by line and by character:

- editcheck predicts "furniture" for a line when any ``category:page-residue`` or
  ``category:repeated-boilerplate`` annotation covers it (the page checked whole, as one
  draft, with only those two families selected, as ``quality_residue.py --pages`` does);
- jusText (``justext.justext(html, stoplist)`` in the peers venv, stop list by the page's
  ``lang``, see ``peers_worker.py``) classifies its own paragraphs good or bad; a line is
  "article" when jusText keeps it, found by normalised text (``quality_residue.norm``):
  1. the line equals a paragraph: that paragraph's class (good if any equal one is good);
  2. a line of four or more words inside a good paragraph (between word boundaries) is
     kept, else inside a bad one is dropped;
  3. otherwise a line of four or more words is kept when at least half of its word
     4-grams (``quality_residue.shingles``) occur in the good paragraphs and at least as
     many as in the bad ones;
  4. any other line (short, and equal to no paragraph) was not kept by jusText: furniture.
  How many lines each step decided is reported, so a reader can see how much rests on 3-4.

Scores for "is furniture" (positive: not article) and for "is article body" (positive:
article) come from the same confusion table. Reads ``../shared/``; skips when absent.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from measure import load_line, loadavg, machine
from peers import Worker, ensure_venv
from quality_residue import CORPUS, FAMILIES, covered, gold_lines, norm, pages, shingles

from editcheck.api import Checker


@dataclass
class Confusion:
    """Lines and characters by (predicted furniture, gold furniture)."""

    tp: int = 0  # furniture called furniture
    fp: int = 0  # article called furniture
    fn: int = 0  # furniture called article
    tn: int = 0  # article called article
    ctp: int = 0
    cfp: int = 0
    cfn: int = 0
    ctn: int = 0

    def add(self, furniture: bool, gold_article: bool, chars: int) -> None:
        key = {(True, False): "tp", (True, True): "fp", (False, False): "fn", (False, True): "tn"}[
            (furniture, gold_article)
        ]
        setattr(self, key, getattr(self, key) + 1)
        setattr(self, "c" + key, getattr(self, "c" + key) + chars)

    def figures(self) -> dict[str, dict[str, float]]:
        def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
            p = tp / (tp + fp) if tp + fp else 0.0
            r = tp / (tp + fn) if tp + fn else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}

        return {
            "furniture_lines": prf(self.tp, self.fp, self.fn),
            "furniture_chars": prf(self.ctp, self.cfp, self.cfn),
            "article_lines": prf(self.tn, self.fn, self.fp),
            "article_chars": prf(self.ctn, self.cfn, self.cfp),
            "counts": {
                "lines": self.tp + self.fp + self.fn + self.tn,
                "gold_furniture_lines": self.tp + self.fn,
                "gold_article_lines": self.fp + self.tn,
            },
        }


class JustextLines:
    """jusText's verdict on page lines, from its good/bad paragraphs (steps 1-4 above)."""

    def __init__(self, paragraphs: list[list[str]]) -> None:
        self.good = [norm(t) for t, c in paragraphs if c == "good"]
        self.bad = [norm(t) for t, c in paragraphs if c != "good"]
        self.good_set, self.bad_set = set(self.good), set(self.bad)
        self.good_joined = " " + " ".join(self.good) + " "
        self.bad_joined = " " + " ".join(self.bad) + " "
        self.good_sh = shingles(self.good_joined.split())
        self.bad_sh = shingles(self.bad_joined.split())

    def keeps(self, text: str) -> tuple[bool, str]:
        """(kept as article, the step that decided)."""
        n = norm(text)
        words = n.split()
        if n in self.good_set:
            return True, "equal"
        if n in self.bad_set:
            return False, "equal"
        if len(words) >= 4:
            if f" {n} " in self.good_joined:
                return True, "inside"
            if f" {n} " in self.bad_joined:
                return False, "inside"
            own = shingles(words)
            good, bad = len(own & self.good_sh), len(own & self.bad_sh)
            return good >= 0.5 * len(own) and good >= bad, "shingles"
        return False, "unmapped"


def evaluate(worker: Worker, every: int, stoplist: str | None, errors: int) -> dict[str, Any]:
    checker = Checker({}, select=list(FAMILIES))
    ours, theirs = Confusion(), Confusion()
    steps: dict[str, int] = {}
    stoplists: dict[str, int] = {}
    wrong: dict[str, list[dict[str, Any]]] = {"editcheck only": [], "jusText only": [], "both": []}
    page_count = 0
    for key, body, doc in pages(every):
        page_count += 1
        spans = [(a.start, a.end) for a in checker.check_document(doc).annotations]
        options: dict[str, Any] = {"paragraphs": True}
        if stoplist:
            options["stoplist"] = stoplist
        answer = worker.ask("justext", CORPUS / "html" / f"{key}.html.gz", **options)
        stoplists[answer["stoplist"]] = stoplists.get(answer["stoplist"], 0) + 1
        jt = JustextLines(answer["paragraphs"])
        for index, start, end, gold in gold_lines(doc, body):
            text = doc.blocks[index].text
            ec_furniture = covered(spans, start, end)
            kept, step = jt.keeps(text)
            steps[step] = steps.get(step, 0) + 1
            ours.add(ec_furniture, gold, len(text))
            theirs.add(not kept, gold, len(text))
            ec_wrong, jt_wrong = ec_furniture == gold, kept != gold
            if errors and (ec_wrong or jt_wrong):
                kind = (
                    "both"
                    if ec_wrong and jt_wrong
                    else ("editcheck only" if ec_wrong else "jusText only")
                )
                if len(wrong[kind]) < errors:
                    wrong[kind].append(
                        {
                            "page": key[:12],
                            "gold": "article" if gold else "furniture",
                            "jusText step": step,
                            "text": text[:100],
                        }
                    )
    result: dict[str, Any] = {
        "pages": page_count,
        "editcheck": ours.figures(),
        "jusText": theirs.figures(),
        "justext_mapping_steps": steps,
        "justext_stoplists": stoplists,
    }
    if errors:
        result["errors"] = wrong
    return result


def table(result: dict[str, Any]) -> str:
    rows = [
        "| tool | view | line P | line R | line F1 | char P | char R | char F1 |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for tool in ("editcheck", "jusText"):
        f = result[tool]
        for view in ("furniture", "article"):
            ln, ch = f[f"{view}_lines"], f[f"{view}_chars"]
            rows.append(
                f"| {tool} | is {view}{' body' if view == 'article' else ''} | "
                f"{ln['precision']:.3f} | {ln['recall']:.3f} | {ln['f1']:.3f} | "
                f"{ch['precision']:.3f} | {ch['recall']:.3f} | {ch['f1']:.3f} |"
            )
    c = result["editcheck"]["counts"]
    lines = [
        f"# Pasted pages: editcheck beside jusText ({result['pages']} pages, "
        f"{c['lines']} lines: {c['gold_article_lines']} article, "
        f"{c['gold_furniture_lines']} furniture)",
        "",
        load_line(result["machine"]["loadavg"], result["loadavg_end"]),
        f"jusText {result['peers']['jusText']}; stop lists: "
        + ", ".join(f"{k} {v}" for k, v in sorted(result["justext_stoplists"].items())),
        "jusText line mapping, lines decided by step: "
        + ", ".join(f"{k} {v}" for k, v in sorted(result["justext_mapping_steps"].items())),
        "",
        *rows,
    ]
    for kind, items in result.get("errors", {}).items():
        lines += ["", f"## wrong: {kind} ({len(items)} shown)"]
        for e in items:
            lines.append(
                f"- [{e['page']}] gold {e['gold']}, jusText by {e['jusText step']}: {e['text']!r}"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--errors",
        type=int,
        default=0,
        metavar="N",
        help="show up to N lines of each kind of disagreement with gold",
    )
    ap.add_argument("--every", type=int, default=1, help="every n-th page (a quick sample)")
    ap.add_argument("--stoplist", help="one jusText stop list for every page (e.g. English)")
    ap.add_argument("--peers-venv", type=Path, help="a venv to hold the peers (reused)")
    ap.add_argument(
        "--json",
        nargs="?",
        const="-",
        metavar="PATH",
        help="also write the figures as JSON (to stdout without PATH)",
    )
    args = ap.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"skipped: {CORPUS} is absent", file=sys.stderr)
        return 0
    start = machine()
    with Worker(ensure_venv(args.peers_venv)) as worker:
        result = evaluate(worker, args.every, args.stoplist, args.errors)
        result["peers"] = worker.versions
    result.update(machine=start, loadavg_end=loadavg())
    if args.json == "-":
        json.dump(result, sys.stdout, indent=2, ensure_ascii=False)
        print()
        return 0
    print(table(result))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
