"""core/archive-boilerplate on real pages: does it flag furniture and leave article bodies?

    python benchmarks/archive_corpus.py [--min-docs 2 3]

Learns the 181 pages of ../shared/corpus/article-extraction-benchmark (126 sites, whole
pages with navigation, footers and promos) into a temporary index with the real CLI, then
checks every page against it (a page is not counted against itself) and reports how many
flagged passages lie inside the page's gold article body: those are false alarms, since
a gold body is what the page's own article says. Recall is not measured here: most
furniture of a site recurs only on that site, and the corpus has one to three pages each.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "article-extraction-benchmark"
EDITCHECK = Path(sys.executable).with_name("editcheck")


def folded(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-docs", type=int, nargs="+", default=[2, 3])
    args = parser.parse_args()
    if not (CORPUS / "ground-truth.json").is_file():
        print(f"skipped: {CORPUS} not found (the shared corpora sit beside the repository)")
        return 0
    gold = json.loads((CORPUS / "ground-truth.json").read_text("utf-8"))
    with tempfile.TemporaryDirectory(prefix="editcheck-archive-corpus-") as tmp:
        pages = Path(tmp) / "pages"
        pages.mkdir()
        for gz in sorted((CORPUS / "html").glob("*.html.gz")):
            (pages / gz.name[:-3]).write_bytes(gzip.decompress(gz.read_bytes()))
        index = Path(tmp) / "archive.sqlite"
        subprocess.run(
            [str(EDITCHECK), "boilerplate", "learn", str(pages), "--index", str(index), "-q"],
            check=True,
        )
        results = {n: measure(pages, index, gold, n) for n in args.min_docs}
    print(json.dumps(results, indent=2, ensure_ascii=False))
    return 0


def measure(pages: Path, index: Path, gold: dict, min_docs: int) -> dict[str, object]:
    from editcheck.api import Checker

    rule = "core/archive-boilerplate"
    checker = Checker({"rules": {rule: {"index": str(index), "min-docs": min_docs}}}, select=[rule])
    flagged, in_body, examples = 0, 0, []
    for page in sorted(pages.glob("*.html")):
        body = folded(gold[page.stem]["articleBody"])
        for a in checker.check_path(page).annotations:
            flagged += 1
            if folded(a.text) in body:
                in_body += 1
                examples.append(a.text[:120])
    return {
        "pages": len(gold),
        "flagged_passages": flagged,
        "inside_gold_body": in_body,
        "precision": round(1 - in_body / flagged, 4) if flagged else None,
        "false_alarms": examples[:10],
    }


if __name__ == "__main__":
    sys.exit(main())
