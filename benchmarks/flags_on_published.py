"""How often the sourcing rules flag published news, and a fixed sample of the flags to judge.

Published copy has been through an editor, so most of its figures and claims are sourced:
a rule that flags it densely is raising false alarms. The 181 gold article bodies of
``../shared/corpus/article-extraction-benchmark`` (126 sites, none written here) are
checked as plain text, one paragraph a line:

    python benchmarks/flags_on_published.py                 # flags per 1,000 words, by rule
    python benchmarks/flags_on_published.py --sample 40     # and 40 flags drawn at random
    python benchmarks/flags_on_published.py --judged benchmarks/data/published-flags-judged.jsonl

``--sample`` prints one JSON object a line (draft key, rule, flagged text and its hash, its
paragraph); add ``"verdict": "right"`` or ``"wrong"`` to each, drop ``text`` and ``line``
(the corpus is not copied into the repo: the hash is the key) and pass the file to
``--judged``, which
reports the share judged right and, re-checking the same bodies with the code as it is
now, which judged flags are still raised (so a change can be scored on flags judged
before it was made). The draw is seeded: the same code gives the same sample.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus" / "article-extraction-benchmark"
sys.path.insert(0, str(ROOT / "src"))

from editcheck.api import Checker  # noqa: E402

SOURCING = ["category:unattributed-claim", "category:unsourced-statistic"]


def bodies() -> dict[str, str]:
    """Gold article bodies by page key, blank-line paragraphs turned into lines."""
    path = SHARED / "ground-truth.json"
    if not path.exists():
        raise SystemExit(f"{path} is absent: this benchmark needs ../shared")
    gold = json.loads(path.read_text("utf-8"))
    out = {}
    for key, entry in sorted(gold.items()):
        paragraphs = [p.strip() for p in entry["articleBody"].split("\n") if p.strip()]
        out[key] = "\n\n".join(paragraphs) + "\n"
    return out


def flags(texts: dict[str, str]) -> tuple[list[dict[str, str]], int]:
    """Every sourcing flag on every body, and the words checked."""
    checker = Checker({"select": SOURCING})
    found, words = [], 0
    for key, text in texts.items():
        report = checker.check_text(text)
        words += len(text.split())
        lines = text.splitlines()  # once per body, not once per flag
        for a in report.annotations:
            line = lines[a.line - 1] if a.line else ""
            found.append({"draft": key[:12], "rule": a.rule, "text_sha1": _sha(a.text),
                          "text": a.text, "line": line})
    return found, words


def _sha(text: str) -> str:
    """A flag's key in a judged file: the corpus text itself is never copied here."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sample", type=int, default=0, help="print N flags drawn at random")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--judged", type=Path, help="a judged sample to score")
    args = parser.parse_args()
    texts = bodies()
    found, words = flags(texts)
    by_rule = Counter(f["rule"] for f in found)
    print(f"{len(texts)} published bodies, {words:,} words, {len(found)} sourcing flags "
          f"({len(found) / words * 1000:.2f} per 1,000 words)", file=sys.stderr)
    for rule, n in by_rule.most_common():
        print(f"  {rule:32s} {n:5d}  {n / words * 1000:.2f} per 1,000 words", file=sys.stderr)
    if args.sample:
        for f in random.Random(args.seed).sample(found, min(args.sample, len(found))):
            print(json.dumps(f, ensure_ascii=False))
    if args.judged:
        judged = [json.loads(line) for line in args.judged.read_text("utf-8").splitlines()
                  if line.strip()]
        now = {(f["draft"], f["rule"], f["text_sha1"]) for f in found}
        right = [j for j in judged if j.get("verdict") == "right"]
        wrong = [j for j in judged if j.get("verdict") == "wrong"]
        kept_right = sum((j["draft"], j["rule"], j["text_sha1"]) in now for j in right)
        kept_wrong = sum((j["draft"], j["rule"], j["text_sha1"]) in now for j in wrong)
        print(f"judged sample: {len(right)} right, {len(wrong)} wrong "
              f"(precision {len(right) / max(1, len(judged)):.2f}); "
              f"still flagged now: {kept_right} of the right, {kept_wrong} of the wrong",
              file=sys.stderr)


if __name__ == "__main__":
    main()
