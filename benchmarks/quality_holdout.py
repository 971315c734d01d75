"""How the sourcing and residue checks do on the held-out drafts nobody tuned them on.

    python benchmarks/quality_holdout.py           # tables
    python benchmarks/quality_holdout.py --json    # the same figures as JSON

``fixtures/holdout/`` was written blind (see its README): a measurement, not a target, so
this script reports and always exits 0; there is no floor. For each folder it prints:

* **by label**: recall and false-positive rate of each label's own rule or category, as
  :func:`editcheck.testing.quality.evaluate_folder` scores them (the sourcing labels name
  rules, the residue labels name categories);
* **by category** (sourcing): the same labels scored against any annotation of the
  rule's category, so a claim caught by the quote rule still counts for the category;
* **by rule** (residue): what each rule of a family contributes: the share of the
  family's flag labels it overlaps and the share of its pass labels it wrongly overlaps;
* **lenient** (sourcing, diagnostic only): claim labels counted as found when
  ``core/vague-attribution`` covers them; issue 3 says that rule is a different flag,
  so the strict figure is the one to quote;
* **either family** (residue): a label counts as hit by an annotation of either residue
  family, because some furniture ("Sign up", "Read more") fits both descriptions.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from editcheck.annotations import Annotation, Report
from editcheck.testing.quality import (
    Label,
    Score,
    check_labelled,
    evaluate_folder,
    labelled_drafts,
    resolve_labels,
)

ROOT = Path(__file__).resolve().parents[1]
HOLDOUT = ROOT / "fixtures" / "holdout"
RESIDUE_FAMILIES = ("page-residue", "repeated-boilerplate")
CLAIM, VAGUE = "core/unattributed-claim", "core/vague-attribution"

Runner = Callable[[Path], tuple[str, Report]]


def cached_runner() -> Runner:
    """check_labelled, run once per draft however many views are scored."""
    seen: dict[Path, tuple[str, Report]] = {}

    def run(path: Path) -> tuple[str, Report]:
        if path not in seen:
            seen[path] = check_labelled(path)
        return seen[path]

    return run


def rule_categories() -> dict[str, str]:
    """Rule id -> category, from the installed plugins."""
    from editcheck.api import plugins_for
    from editcheck.config import Config

    return {r.id: r.category for c in plugins_for(Config()).checks for r in c.rules}


def labelled(folder: Path, run: Runner) -> list[tuple[str, list[Label], list[Annotation]]]:
    """``(draft name, labels, annotations)`` for every draft of ``folder``."""
    out = []
    for draft, labels_path in labelled_drafts(folder):
        text, report = run(draft)
        data = json.loads(labels_path.read_text(encoding="utf-8"))
        out.append(
            (draft.name, resolve_labels(text, data, str(labels_path)), list(report.annotations))
        )
    return out


def score_view(
    items: list[tuple[str, list[Label], list[Annotation]]],
    key: Callable[[Label], str],
    hits: Callable[[Label, Annotation], bool],
    keep: Callable[[Label, list[Label]], bool] = lambda lab, labels: True,
) -> dict[str, Score]:
    """Score labels grouped by ``key`` where ``hits`` says which annotations count
    (``keep`` drops labels that make no sense in a view)."""
    scores: dict[str, Score] = defaultdict(Score)
    for name, labels, found in items:
        for label in labels:
            if not keep(label, labels):
                continue
            hit = any(hits(label, a) and label.overlapped_by(a) for a in found)
            s, what = scores[key(label)], f"{name}: {label.text[:80]!r}"
            if label.expect == "flag":
                s.flagged += 1 if hit else 0
                s.missed += [] if hit else [what]
            elif hit:
                s.false_alarms.append(what)
            else:
                s.passed += 1
    return dict(scores)


def sourcing_views(
    run: Runner, categories: dict[str, str], root: Path = HOLDOUT
) -> dict[str, dict[str, Score]]:
    folder = root / "sourcing"
    items = labelled(folder, run)

    def category(label: Label) -> str:
        return "category:" + categories.get(label.rule, "?")

    def claim_or_vague(label: Label, a: Annotation) -> bool:
        return a.rule == label.rule or (label.rule == CLAIM and a.rule == VAGUE)

    return {
        "by label (rule)": evaluate_folder(folder, run),
        "by category": score_view(
            items, category, lambda lab, a: "category:" + a.category == category(lab)
        ),
        # diagnostic only: issue 3 says vague attribution is NOT an unattributed claim
        "lenient: vague-attribution also counts for claim labels": score_view(
            items,
            lambda lab: lab.rule,
            claim_or_vague,
            lambda lab, labels: lab.rule == CLAIM and lab.expect == "flag",
        ),
    }


def by_rule_id(rule: str) -> Callable[[Label, Annotation], bool]:
    """Annotations of one rule count, whatever the label's rule or category."""
    return lambda label, a: a.rule == rule


def residue_views(
    run: Runner, categories: dict[str, str], root: Path = HOLDOUT
) -> dict[str, dict[str, Score]]:
    folder = root / "residue"
    items = labelled(folder, run)
    by_rule: dict[str, Score] = {}
    for rule, cat in sorted(categories.items()):
        if cat in RESIDUE_FAMILIES:
            view = score_view(items, lambda lab: lab.rule, by_rule_id(rule))
            by_rule[rule] = view.get("category:" + cat, Score())
    either = score_view(
        items,
        lambda lab: "either family (" + lab.rule.split(":")[1] + " labels)",
        lambda lab, a: a.category in RESIDUE_FAMILIES,
        not_flagged_elsewhere,
    )
    return {
        "by label (category)": evaluate_folder(folder, run),
        "by rule (share of its family's labels)": by_rule,
        "either family": either,
    }


def not_flagged_elsewhere(label: Label, labels: list[Label]) -> bool:
    """In the either-family view a pass label of one family means nothing where the
    other family has a flag label on the same span ("{{byline}}" is residue, not
    boilerplate)."""
    return label.expect == "flag" or not any(
        o.expect == "flag" and o.rule != label.rule and o.start < label.end and label.start < o.end
        for o in labels
    )


def print_view(title: str, scores: dict[str, Score]) -> None:
    print(f"  {title}")
    print(f"    {'':44} {'flag':>5} {'recall':>7} {'pass':>5} {'FP rate':>8}")
    for key in sorted(scores):
        s = scores[key]
        d = s.to_dict()
        print(
            f"    {key:44} {d['flag_labels']:5d} {s.recall:7.3f} "
            f"{d['pass_labels']:5d} {s.false_positive_rate:8.3f}"
        )


def print_misses(scores: dict[str, Score]) -> None:
    for key in sorted(scores):
        for what in scores[key].missed:
            print(f"    MISS  {key}: {what}")
        for what in scores[key].false_alarms:
            print(f"    FALSE {key}: {what}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--errors", action="store_true", help="also list every miss and false alarm (by label)"
    )
    parser.add_argument(
        "--folder",
        type=Path,
        default=HOLDOUT,
        help="held-out set with sourcing/ and residue/ inside "
        "(default fixtures/holdout; e.g. fixtures/holdout-v2)",
    )
    args = parser.parse_args(argv)
    run, categories = cached_runner(), rule_categories()
    results = {
        "sourcing": sourcing_views(run, categories, args.folder),
        "residue": residue_views(run, categories, args.folder),
    }
    if args.json:
        print(
            json.dumps(
                {
                    folder: {
                        view: {k: s.to_dict() for k, s in sorted(scores.items())}
                        for view, scores in views.items()
                    }
                    for folder, views in results.items()
                },
                indent=1,
                ensure_ascii=False,
            )
        )
        return 0
    for folder, views in results.items():
        print(f"{args.folder}/{folder}/")
        for title, scores in views.items():
            print_view(title, scores)
        if args.errors:
            print_misses(next(iter(views.values())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
