"""How well ``editcheck fix`` cleans pasted pages: residue lines removed, article lines kept.

    python benchmarks/quality_fix.py              # the 181 shared pages
    python benchmarks/quality_fix.py --every 5    # a quick sample (every 5th page)
    python benchmarks/quality_fix.py --show 20    # also list lines it got wrong

Each page of ``../shared/corpus/article-extraction-benchmark/`` is read as one HTML draft
(as :mod:`quality_residue` reads it), and every non-blank block is a *line*, gold
(article copy) or not by the same line matching as the residue benchmark
(:func:`quality_residue.gold_lines`). The page is fixed as ``editcheck fix`` fixes it
(every safe fix, :func:`editcheck.fixes.fix_document`, with the residue and boilerplate
families, the only ones that declare safe fixes) and the fixed page parsed again. Which
lines survived is found by aligning the normalised lines of the two pages
(``difflib.SequenceMatcher``; a line that was edited in place, a repaired word, counts as
kept when it is still 80% the same), so the figure does not trust the fixer's own account.

Figures: ``removed_residue`` (share of non-article lines removed; floor 0.95) and
``removed_article`` (share of article lines removed, every copy counted; ceiling 0.01),
by lines and by characters; ``lost_article``, the article lines removed whose text is
nowhere left on the fixed page (a page repeats its headline or a paragraph in a teaser or
a "related" box: the gold matching labels every copy article copy, and removing the copy
in the chrome loses the reader nothing); and the CPU seconds the fixing took.
Reads ``../shared/``; copies nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from difflib import SequenceMatcher
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from quality_residue import CORPUS, FAMILIES, gold_lines, norm, pages  # noqa: E402

from editcheck.api import Checker  # noqa: E402
from editcheck.document import Document  # noqa: E402
from editcheck.fixes import fix_document, reload  # noqa: E402

KEPT_IF_SIMILAR = 0.8


def surviving(before: list[str], after: list[str]) -> list[bool]:
    """For each line of ``before``, whether it is still in ``after`` (aligned in order)."""
    kept = [False] * len(before)
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            kept[i1:i2] = [True] * (i2 - i1)
        elif tag == "replace":
            for i in range(i1, i2):
                kept[i] = any(
                    SequenceMatcher(None, before[i], after[j]).ratio() >= KEPT_IF_SIMILAR
                    for j in range(j1, j2)
                )
    return kept


def before_text(doc: Document, index: int) -> str:
    return norm(doc.blocks[index].text)


def lines_of(doc: Document) -> list[str]:
    return [norm(b.text) for b in doc.blocks if not b.is_blank]


def evaluate(every: int, show: int) -> dict[str, object]:
    checker = Checker({}, select=list(FAMILIES))
    counts = {
        "residue": 0,
        "residue_removed": 0,
        "article": 0,
        "article_removed": 0,
        "article_lost": 0,
    }
    chars = dict.fromkeys(counts, 0)
    wrong: list[tuple[str, str, str]] = []
    cpu = 0.0
    n_pages = 0
    for key, body, doc in pages(every):
        n_pages += 1
        started = time.process_time()
        outcome = fix_document(checker, doc)
        cpu += time.process_time() - started
        fixed = reload(doc, outcome.result.draft)
        labelled = gold_lines(doc, body)
        before = [norm(doc.blocks[i].text) for i, _, _, _ in labelled]
        after = lines_of(fixed)
        kept = surviving(before, after)
        present = set(after)
        for (index, _, _, gold), survived in zip(labelled, kept, strict=True):
            kind = "article" if gold else "residue"
            size = len(doc.blocks[index].text)
            counts[kind] += 1
            chars[kind] += size
            if not survived:
                counts[kind + "_removed"] += 1
                chars[kind + "_removed"] += size
                if gold and before_text(doc, index) not in present:
                    counts["article_lost"] += 1
                    chars["article_lost"] += size
            if survived != gold:
                what = "article line removed" if gold else "residue line kept"
                wrong.append((key, what, doc.blocks[index].text[:90]))

    def share(a: str, b: str, table: dict[str, int]) -> float:
        return round(table[a] / table[b], 4) if table[b] else 0.0

    result: dict[str, object] = {
        "pages": n_pages,
        "lines": {"residue": counts["residue"], "article": counts["article"]},
        "removed_residue": share("residue_removed", "residue", counts),
        "removed_article": share("article_removed", "article", counts),
        "removed_residue_chars": share("residue_removed", "residue", chars),
        "removed_article_chars": share("article_removed", "article", chars),
        "lost_article": share("article_lost", "article", counts),
        "lost_article_chars": share("article_lost", "article", chars),
        "floors": {"removed_residue": ">= 0.95", "removed_article": "<= 0.01"},
        "fix_cpu_seconds": round(cpu, 2),
    }
    if show:
        result["examples"] = [
            {"page": k, "what": w, "line": t} for k, w, t in sorted(wrong, key=lambda x: x[1])
        ][:show]
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--every", type=int, default=1, help="only every N-th page (a sample)")
    ap.add_argument("--show", type=int, default=0, help="list up to N lines it got wrong")
    args = ap.parse_args(argv)
    if not CORPUS.is_dir():
        print(json.dumps({"skipped": f"{CORPUS} is absent"}))
        return 0
    json.dump(evaluate(args.every, args.show), sys.stdout, indent=2, ensure_ascii=False)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
