"""Prove a change to the sourcing checks changes no result: dump every annotation, then diff.

    python benchmarks/sourcing_equivalence.py dump before.tsv
    ... change the code ...
    python benchmarks/sourcing_equivalence.py dump after.tsv
    python benchmarks/sourcing_equivalence.py diff before.tsv after.tsv   # exit 1 on a change

``--src DIR`` dumps with another copy of editcheck's source (``git archive <commit> src``
unpacked somewhere), so the old code's dump can be made on today's fixtures.

The dump runs the four sourcing rules over every draft under ``fixtures/`` and over every
sentence of ``../shared/corpus/wikipedia`` (both files, certain and uncertain sentences
alike; skipped with a message when the corpus is absent), each sentence as a one-line text
draft. It does so twice: with the default settings, and with ``min-confidence = 0`` so
that every claim candidate the model weighs is dumped with its confidence, not only those
above the threshold. One line per annotation: draft id, setting, rule, start, end,
message and the annotation's data. Check failures are dumped too.
"""

from __future__ import annotations

import argparse
import difflib
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CLAIM = "core/unattributed-claim"
SETTINGS = {
    "default": {},
    "all-candidates": {"rules": {CLAIM: {"min-confidence": 0.0}}},
}


def drafts(shared: Path) -> Iterator[tuple[str, Any]]:
    """(id, document) for every fixture draft and every Wikipedia sentence."""
    from editcheck.document import load_bytes, load_text, media_type_for

    for path in _fixture_files():
        if path.suffix in (".html", ".htm", ".txt") and path.is_file():
            data = path.read_bytes()
            yield (
                str(path.relative_to(ROOT)),
                load_bytes(data, media_type_for(path, data), source=str(path)),
            )
    wiki = shared / "corpus" / "wikipedia"
    if not wiki.is_dir():
        print(f"skipped Wikipedia: no corpus under {shared}", file=sys.stderr)
        return
    for name in ("tagged-sentences.jsonl", "hedge-sentences.jsonl"):
        lines = (wiki / name).read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(lines):
            yield f"{name}:{i}", load_text(json.loads(line)["text"])


def _fixture_files() -> list[Path]:
    """The fixtures git tracks (files others are still writing would make two dumps
    disagree); every file under ``fixtures/`` outside a git checkout."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "fixtures"], cwd=ROOT, check=True, capture_output=True, text=True
        ).stdout.split("\n")
    except (OSError, subprocess.CalledProcessError):
        return sorted(ROOT.joinpath("fixtures").rglob("*"))
    return sorted(ROOT / name for name in listed if name)


def dump(out: Path, shared: Path) -> int:
    from editcheck.api import Checker
    from editcheck.checks.sourcing.rules import RULES

    rule_ids = [r.id for r in RULES]
    checkers = {name: Checker(cfg, select=rule_ids) for name, cfg in SETTINGS.items()}
    n_docs = n_rows = 0
    with out.open("w", encoding="utf-8") as fh:
        for draft_id, doc in drafts(shared):
            n_docs += 1
            for name, ck in checkers.items():
                report = ck.check_document(doc)
                for f in report.errors:
                    fh.write(f"{draft_id}\t{name}\tFAILURE\t{f!r}\n")
                for a in report.annotations:
                    data = json.dumps(a.data, sort_keys=True, ensure_ascii=False)
                    fh.write(
                        f"{draft_id}\t{name}\t{a.rule}\t{a.start}\t{a.end}\t{a.message}\t{data}\n"
                    )
                    n_rows += 1
    print(f"{n_docs} drafts, {n_rows} annotations -> {out}")
    return 0


def diff(a: Path, b: Path) -> int:
    left = a.read_text(encoding="utf-8").splitlines()
    right = b.read_text(encoding="utf-8").splitlines()
    if left == right:
        print(f"identical: {len(left)} annotations")
        return 0
    for line in list(difflib.unified_diff(left, right, str(a), str(b), lineterm=""))[:60]:
        print(line)
    print(f"DIFFERENT ({len(left)} vs {len(right)} lines)")
    return 1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out", type=Path)
    d.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    d.add_argument("--src", type=Path, default=ROOT / "src", help="editcheck source to run")
    c = sub.add_parser("diff")
    c.add_argument("a", type=Path)
    c.add_argument("b", type=Path)
    args = ap.parse_args(argv)
    if args.cmd == "dump":
        sys.path.insert(0, str(args.src.resolve()))
        return dump(args.out, args.shared)
    return diff(args.a, args.b)


if __name__ == "__main__":
    raise SystemExit(main())
