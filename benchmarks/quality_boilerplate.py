"""Repeated boilerplate and page residue on fixtures/boilerplate-v2 (issue 14), by case family.

    python benchmarks/quality_boilerplate.py --ignore-draft-config   # as today's code reads it
    python benchmarks/quality_boilerplate.py                         # with each draft's config
    python benchmarks/quality_boilerplate.py --errors                # and every miss/false alarm
    python benchmarks/quality_boilerplate.py --folder fixtures/boilerplate-v2/holdout --json

The set was written blind, before tuning (see its README): ``tune/`` may be tuned on,
``holdout/`` never. This is a measurement, not a gate: it reports and exits 0; it exits 2
only when it cannot measure (a draft's config refused, an archive that cannot be learned).

For ``tune/``, ``holdout/`` and both, it prints recall and false-positive rate:

* **by family**: every label of a case family (the labels file's ``"family"``, else the
  draft's subfolder), each scored against annotations of its own rule or category, as
  :func:`editcheck.testing.score` does; then the same split by label rule;
* **by label rule**: across families;
* **lenient (category)**: a label naming a rule counts annotations of the rule's whole
  category (an edited copy caught by ``core/duplicate-sentence`` counts for the family);
* **either family**: any ``page-residue`` or ``repeated-boilerplate`` annotation counts
  for a label of either (a pasted page's recurring footer fits both).

Each draft is checked with the ``"config"`` mapping of its labels file (shaped like
editcheck.toml), e.g. ``{"publication": ["Gazette"]}``. A draft under ``series/<site>/``
is checked against an archive index learned from ``series/<site>/archive/`` with
``editcheck boilerplate learn`` into a temporary file, set as the ``index`` option of
``core/archive-boilerplate`` (what ``--boilerplate-index`` does).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from editcheck.annotations import Annotation
from editcheck.errors import ConfigError
from editcheck.testing.quality import (
    Label,
    Score,
    check_labelled,
    labelled_drafts,
    resolve_labels,
    score,
)

ROOT = Path(__file__).resolve().parents[1]
SET = ROOT / "fixtures" / "boilerplate-v2"
SPLITS = ("tune", "holdout")
RESIDUE_FAMILIES = ("page-residue", "repeated-boilerplate")
EITHER = "category:either-family"
ARCHIVE_RULE = "core/archive-boilerplate"


@dataclass
class Draft:
    """One labelled draft of the set, checked, with its labels resolved."""

    path: Path
    split: str
    family: str
    text: str = ""
    labels: list[Label] = field(default_factory=list)
    annotations: list[Annotation] = field(default_factory=list)
    check_errors: list[str] = field(default_factory=list)


class CannotMeasure(Exception):
    """A draft whose config is refused, or an archive that cannot be learned."""


def split_of(path: Path, root: Path) -> str:
    """``tune`` or ``holdout`` from the path (the folder itself may be one of them)."""
    for part in (root.name, *path.relative_to(root).parts):
        if part in SPLITS:
            return part
    return "-"


def family_of(path: Path, root: Path, data: Mapping[str, Any]) -> str:
    """The labels file's ``family``, else the first folder under the split."""
    if data.get("family"):
        return str(data["family"])
    parts = [p for p in path.relative_to(root).parts[:-1] if p not in SPLITS]
    return {"series": "archive-series"}.get(parts[0], parts[0]) if parts else "-"


def learn_archive(archive: Path, workdir: Path) -> Path:
    """Learn ``archive/`` into a fresh index with the CLI, as a newsroom would."""
    index = workdir / f"{archive.parent.name}.sqlite"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "editcheck",
            "boilerplate",
            "learn",
            str(archive),
            "--index",
            str(index),
            "--quiet",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise CannotMeasure(
            f"{archive}: boilerplate learn exited {proc.returncode}: {proc.stderr.strip()}"
        )
    return index


def draft_config(data: Mapping[str, Any], index: Path | None, ignore: bool) -> dict[str, Any]:
    """The draft's own config (unless ignored) with the learned archive index added."""
    config: dict[str, Any] = {} if ignore else json.loads(json.dumps(data.get("config", {})))
    if index is not None:
        rules = config.setdefault("rules", {})
        rules.setdefault(ARCHIVE_RULE, {})["index"] = str(index)
    return config


def load_set(root: Path, ignore_config: bool, workdir: Path) -> list[Draft]:
    """Check every labelled draft under ``root``; refused configs are collected, then raised."""
    indexes: dict[Path, Path] = {}
    drafts, refused = [], []
    for path, labels_path in labelled_drafts(root):
        if "archive" in path.relative_to(root).parts:
            continue
        data = json.loads(labels_path.read_text(encoding="utf-8"))
        archive = path.parent / "archive"
        index = None
        if archive.is_dir():
            if archive not in indexes:
                indexes[archive] = learn_archive(archive, workdir)
            index = indexes[archive]
        try:
            text, report = check_labelled(path, draft_config(data, index, ignore_config))
        except ConfigError as exc:
            refused.append(f"{path.relative_to(ROOT)}: {exc}")
            continue
        drafts.append(
            Draft(
                path,
                split_of(path, root),
                family_of(path, root, data),
                text,
                resolve_labels(text, data, str(labels_path)),
                list(report.annotations),
                [f"{e.check}: {e.message}" for e in report.errors],
            )
        )
    if refused:
        raise CannotMeasure(
            "draft config refused by this version of editcheck:\n  "
            + "\n  ".join(refused)
            + "\n(--ignore-draft-config measures without the drafts' config)"
        )
    return drafts


def rule_categories() -> dict[str, str]:
    """Rule id -> category, from the installed plugins."""
    from editcheck.api import plugins_for
    from editcheck.config import Config

    return {r.id: r.category for c in plugins_for(Config()).checks for r in c.rules}


def _name(d: Draft, root: Path) -> str:
    return str(d.path.relative_to(root))


def _pool(scores: Iterable[Score]) -> Score:
    out = Score()
    for s in scores:
        out.flagged += s.flagged
        out.passed += s.passed
        out.missed += s.missed
        out.false_alarms += s.false_alarms
    return out


def as_category(label: Label, categories: Mapping[str, str]) -> Label:
    """The label widened to its rule's category (unknown rules, e.g. a rule not yet
    written, stay as they are)."""
    if label.rule.startswith("category:") or label.rule not in categories:
        return label
    return replace(label, rule="category:" + categories[label.rule])


def either_family(label: Label, annotations: list[Annotation]) -> tuple[Label, list[Annotation]]:
    """Label and annotations recast so that any residue/boilerplate annotation counts."""
    anns = [
        replace(a, category=EITHER.split(":", 1)[1])
        for a in annotations
        if a.category in RESIDUE_FAMILIES
    ]
    return replace(label, rule=EITHER), anns


def views(
    drafts: list[Draft], root: Path, categories: Mapping[str, str]
) -> dict[str, dict[str, Score]]:
    """Every view of one split, keyed by view title then row."""
    by_label: dict[str, Score] = defaultdict(Score)
    by_family_rule: dict[str, dict[str, Score]] = defaultdict(lambda: defaultdict(Score))
    lenient: dict[str, dict[str, Score]] = defaultdict(lambda: defaultdict(Score))
    either: dict[str, dict[str, Score]] = defaultdict(lambda: defaultdict(Score))
    for d in drafts:
        name = _name(d, root)
        score(d.labels, d.annotations, by_label, name)
        score(d.labels, d.annotations, by_family_rule[d.family], name)
        score(
            [as_category(lab, categories) for lab in d.labels],
            d.annotations,
            lenient[d.family],
            name,
        )
        for lab in d.labels:
            wide, anns = either_family(lab, d.annotations)
            score([wide], anns, either[d.family], name)
    return {
        "by family": {f: _pool(s.values()) for f, s in sorted(by_family_rule.items())},
        "by family and label rule": {
            f"{f} / {r}": sc
            for f, s in sorted(by_family_rule.items())
            for r, sc in sorted(s.items())
        },
        "by label rule": dict(sorted(by_label.items())),
        "lenient (a rule's label counts its category)": {
            f: _pool(s.values()) for f, s in sorted(lenient.items())
        },
        "either family counts": {f: _pool(s.values()) for f, s in sorted(either.items())},
    }


def error_details(drafts: list[Draft], root: Path) -> list[dict[str, Any]]:
    """Each miss and false alarm with its line, the annotations that caused a false alarm
    and the other residue/boilerplate annotations on the same line."""
    out = []
    for d in drafts:
        lines = d.text.split("\n")
        for lab in d.labels:
            hits = [a for a in d.annotations if lab.selects(a) and lab.overlapped_by(a)]
            if (lab.expect == "flag") == bool(hits):
                continue
            line_no = d.text.count("\n", 0, lab.start) + 1
            same_line = [
                a for a in d.annotations if a.line == line_no and a.category in RESIDUE_FAMILIES
            ]
            out.append(
                {
                    "kind": "miss" if lab.expect == "flag" else "false alarm",
                    "split": d.split,
                    "family": d.family,
                    "draft": _name(d, root),
                    "line": line_no,
                    "rule": lab.rule,
                    "label": lab.text,
                    "line_text": lines[line_no - 1],
                    "by": [f"{a.rule}: {a.text!r} ({a.message})" for a in hits],
                    "other_annotations_on_line": [
                        f"{a.rule}: {a.text!r}" for a in same_line if a not in hits
                    ],
                }
            )
    return out


def print_view(title: str, scores: Mapping[str, Score]) -> None:
    print(f"  {title}")
    print(f"    {'':58} {'flag':>5} {'recall':>7} {'pass':>5} {'FP rate':>8}")
    for key, s in scores.items():
        d = s.to_dict()
        print(
            f"    {key:58} {d['flag_labels']:5d} {s.recall:7.3f} "
            f"{d['pass_labels']:5d} {s.false_positive_rate:8.3f}"
        )


def print_errors(details: list[dict[str, Any]]) -> None:
    print("misses and false alarms (by label)")
    for e in details:
        tag = "MISS " if e["kind"] == "miss" else "FALSE"
        print(f"  {tag} {e['draft']}:{e['line']} {e['rule']}: {e['label'][:90]!r}")
        if e["label"] != e["line_text"]:
            print(f"        line: {e['line_text'][:110]!r}")
        for a in e["by"]:
            print(f"        by {a[:150]}")
        for a in e["other_annotations_on_line"]:
            print(f"        also on the line: {a[:140]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--folder",
        type=Path,
        default=SET,
        help="the set (with tune/ and holdout/), or one of its splits "
        "(default fixtures/boilerplate-v2)",
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--errors",
        action="store_true",
        help="also list every miss and false alarm, with its line and the "
        "annotations that caused or surround it",
    )
    parser.add_argument(
        "--ignore-draft-config",
        action="store_true",
        help="drop each labels file's 'config' (e.g. the 'publication' key, "
        "which editcheck before issue 14 refused), only so that a "
        "version without it can be measured; the archive index of "
        "series/<site>/ is still learned and used",
    )
    args = parser.parse_args(argv)
    root = args.folder.resolve()
    started, cpu = time.perf_counter(), time.process_time()
    try:
        with tempfile.TemporaryDirectory(prefix="editcheck-bp-v2-") as tmp:
            drafts = load_set(root, args.ignore_draft_config, Path(tmp))
    except CannotMeasure as exc:
        print(f"quality_boilerplate: cannot measure: {exc}", file=sys.stderr)
        return 2
    categories = rule_categories()
    splits = {s: [d for d in drafts if d.split == s] for s in SPLITS}
    results = {s: views(ds, root, categories) for s, ds in splits.items() if ds}
    results["all"] = views(drafts, root, categories)
    details = error_details(drafts, root)
    check_errors = {_name(d, root): d.check_errors for d in drafts if d.check_errors}
    shown = root.relative_to(ROOT) if root.is_relative_to(ROOT) else root
    meta: dict[str, Any] = {
        "set": str(shown),
        "draft_config": "ignored" if args.ignore_draft_config else "applied",
        "drafts": {s: len(ds) for s, ds in splits.items()} | {"all": len(drafts)},
        "check_errors": check_errors,
        "wall_s": round(time.perf_counter() - started, 2),
        "cpu_s": round(time.process_time() - cpu, 2),
        "loadavg": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }
    if args.json:
        print(
            json.dumps(
                {
                    "meta": meta,
                    "results": {
                        s: {
                            v: {k: sc.to_dict() for k, sc in rows.items()} for v, rows in vs.items()
                        }
                        for s, vs in results.items()
                    },
                    "errors": details if args.errors else None,
                },
                indent=1,
                ensure_ascii=False,
            )
        )
        return 0
    print(
        f"{meta['set']}: draft config {meta['draft_config']}; drafts {meta['drafts']}; "
        f"{meta['wall_s']} s wall, {meta['cpu_s']} s CPU (this process), load {meta['loadavg']}"
    )
    for name, errs in check_errors.items():
        print(f"  CHECK ERRORS in {name}: {errs}")
    for split, vs in results.items():
        print(f"\n{split}/" if split != "all" else "\nall (tune + holdout)")
        for title, rows in vs.items():
            print_view(title, rows)
    if args.errors:
        print()
        print_errors(details)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
