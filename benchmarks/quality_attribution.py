"""How the sourcing rules and the attribution reader do on the blind set fixtures/attribution/.

    python benchmarks/quality_attribution.py            # tables: tune/, holdout/, both together
    python benchmarks/quality_attribution.py --json     # the same figures as JSON
    python benchmarks/quality_attribution.py --errors   # also each miss and false alarm, in context
    python benchmarks/quality_attribution.py --folder fixtures/attribution/holdout

The set was written blind, before any tuning (see fixtures/attribution/README.md): this is
a measurement, not a test, so it exits 0 whatever the figures. It exits 2 only when a label
file is invalid (a text that is not in its draft, an unknown rule or kind), naming the file,
because figures over a broken label set would mean nothing.

For each folder it prints, per sourcing rule, the flag labels and their recall and the pass
labels and their false-positive rate, scored by :func:`editcheck.testing.evaluate_folder`
(a flag label is found when an annotation of its rule overlaps it; a pass label is a false
alarm when one does), and the precision over the labels (found flag labels over found flag
labels plus false alarms; flags on unlabelled text are not judged) with its F1. Then the
relations, if the version under test has an attribution reader; otherwise it says "no
attribution reader in this version".

Contract for the reader's output (issue 13), which this script scores::

    report.stats["sources"] = [
        {"name": str,             # the source as written ("Dana Whitlock", "officials")
         "kind": str,             # person | organisation | document | outlet | anonymous | vague
         "claims": int, "figures": int, "quotes": int,   # how many relations of each type
         "relations": [
             {"source": [start, end], "cue": [start, end], "content": [start, end],
              "type": "claim" | "figure" | "quote"},
         ]},
    ]

Offsets are code points into the document text (``Document.text``: for HTML the block texts,
whitespace collapsed, joined by newlines), end exclusive. ``"data"`` and ``"document/data"``
count as ``document``, ``"organization"`` as ``organisation``.

Relation figures, against the ``relations`` of the label files:

* **recall**: a labelled relation is found when one reader relation's source span overlaps
  the labelled source, its cue overlaps the labelled cue and its content overlaps the
  labelled content;
* **precision**: of the reader relations whose content overlaps a labelled relation's
  content, the share whose source and cue also overlap that label's (reader relations on
  unlabelled content are not judged);
* **kind accuracy**: of the labelled relations found, the share found by a relation whose
  source has the labelled kind.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from editcheck.annotations import Report
from editcheck.document import load_bytes, media_type_for
from editcheck.document.sentences import split_sentences
from editcheck.testing.quality import (
    Label,
    Score,
    check_labelled,
    evaluate_folder,
    labelled_drafts,
    resolve_labels,
)

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / "fixtures" / "attribution"
RULES = ("core/unattributed-claim", "core/unattributed-quote", "core/unsourced-statistic")
KINDS = ("person", "organisation", "document", "outlet", "anonymous", "vague")
KIND_ALIASES = {"data": "document", "document/data": "document", "organization": "organisation"}
LABEL_KEYS = {"rule", "text", "occurrence", "note"}
RELATION_KEYS = {"source", "cue", "content", "kind"}
NO_READER = "no attribution reader in this version"

Runner = Callable[[Path], tuple[str, Report]]
Span = tuple[int, int]


@dataclass(frozen=True)
class Relation:
    """A labelled attribution relation, resolved to spans of the document text."""

    source: Label
    cue: Label
    content: Label
    kind: str


@dataclass
class Draft:
    """One labelled draft: its text, its labels and its labelled relations."""

    path: Path
    text: str
    labels: list[Label]
    relations: list[Relation]


# --- reading and validating the label files ---------------------------------------------


def resolve_relations(text: str, data: Mapping[str, Any], where: str) -> list[Relation]:
    """The ``relations`` of a label file as spans; a text not in the draft is an error.

    Each field is resolved by :func:`editcheck.testing.resolve_labels`, so a relation's
    ``{"text", "occurrence"}`` means exactly what a label's does.
    """
    relations = []
    for n, item in enumerate(data.get("relations", []), 1):
        if set(item) != RELATION_KEYS:
            raise ValueError(f"{where}: relation {n} needs the keys {sorted(RELATION_KEYS)}")
        if item["kind"] not in KINDS:
            raise ValueError(f"{where}: relation {n} has unknown kind {item['kind']!r}")
        fields = []
        for key in ("source", "cue", "content"):
            value = item[key]
            spec = {"text": value} if isinstance(value, str) else dict(value)
            pseudo = {"flag": [{"rule": f"relation:{key}", **spec}]}
            fields.append(resolve_labels(text, pseudo, f"{where} (relation {n}, {key})")[0])
        relations.append(Relation(*fields, kind=item["kind"]))
    return relations


def load_draft(draft: Path, labels_path: Path) -> Draft:
    """Parse ``draft`` (no check is run) and resolve its labels and relations."""
    where = str(labels_path)
    data = json.loads(labels_path.read_text(encoding="utf-8"))
    unknown = set(data) - {"flag", "pass", "relations"}
    if unknown:
        raise ValueError(f"{where}: unknown top-level keys {sorted(unknown)}")
    for expect in ("flag", "pass"):
        for item in data.get(expect, []):
            if item.get("rule") not in RULES or not set(item) <= LABEL_KEYS or not item.get("text"):
                raise ValueError(f"{where}: bad {expect} label {item}")
    raw = draft.read_bytes()
    text = load_bytes(raw, media_type_for(draft, raw), source=str(draft)).text
    return Draft(
        draft, text, resolve_labels(text, data, where), resolve_relations(text, data, where)
    )


def load_set(folder: Path) -> tuple[list[Draft], list[str]]:
    """Every labelled draft under ``folder``, and one error line per invalid label file."""
    drafts, errors = [], []
    try:
        pairs = labelled_drafts(folder)
    except FileNotFoundError as exc:
        return [], [str(exc)]
    for draft, labels_path in pairs:
        try:
            drafts.append(load_draft(draft, labels_path))
        except (ValueError, KeyError, TypeError, json.JSONDecodeError) as exc:
            errors.append(f"{labels_path}: {exc}" if str(labels_path) not in str(exc) else str(exc))
    return drafts, errors


# --- scoring ----------------------------------------------------------------------------


def cached_runner() -> Runner:
    """check_labelled, run once per draft however many folders score it."""
    seen: dict[Path, tuple[str, Report]] = {}

    def run(path: Path) -> tuple[str, Report]:
        key = path.resolve()
        if key not in seen:
            seen[key] = check_labelled(path)
        return seen[key]

    return run


def overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def span(label: Label) -> Span:
    return (label.start, label.end)


@dataclass(frozen=True)
class ReaderRelation:
    source: Span
    cue: Span
    content: Span
    kind: str


def reader_relations(report: Report) -> list[ReaderRelation] | None:
    """The reader's relations from ``report.stats["sources"]``; None when there is no reader."""
    sources = report.stats.get("sources") if report.stats else None
    if sources is None:
        return None
    out = []
    for source in sources:
        kind = KIND_ALIASES.get(source.get("kind", ""), source.get("kind", ""))
        for rel in source.get("relations", []):
            out.append(
                ReaderRelation(tuple(rel["source"]), tuple(rel["cue"]), tuple(rel["content"]), kind)
            )
    return out


@dataclass
class RelationScore:
    labelled: int = 0
    found: int = 0
    kind_right: int = 0
    judged: int = 0  # reader relations whose content overlaps a labelled relation's
    right: int = 0  # ... and whose source and cue overlap that label's too
    missed: list[str] | None = None
    wrong: list[str] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "labelled": self.labelled,
            "found": self.found,
            "recall": round(self.found / self.labelled, 4) if self.labelled else None,
            "reader_relations_judged": self.judged,
            "precision": round(self.right / self.judged, 4) if self.judged else None,
            "kind_accuracy": round(self.kind_right / self.found, 4) if self.found else None,
        }


def matches(label: Relation, r: ReaderRelation) -> bool:
    return (
        overlaps(r.source, span(label.source))
        and overlaps(r.cue, span(label.cue))
        and overlaps(r.content, span(label.content))
    )


def score_relations(drafts: Iterable[Draft], run: Runner) -> RelationScore | None:
    """Relation recall, precision and kind accuracy; None when the code has no reader."""
    total = RelationScore(missed=[], wrong=[])
    for d in drafts:
        _, report = run(d.path)
        found = reader_relations(report)
        if found is None:
            return None
        for label in d.relations:
            total.labelled += 1
            hits = [r for r in found if matches(label, r)]
            if hits:
                total.found += 1
                total.kind_right += any(r.kind == label.kind for r in hits)
            else:
                total.missed.append(
                    context(
                        d,
                        span(label.content),
                        f"relation ({label.kind}) {label.source.text!r} {label.cue.text!r}",
                    )
                )
        for r in found:
            near = [lab for lab in d.relations if overlaps(r.content, span(lab.content))]
            if not near:
                continue
            total.judged += 1
            if any(
                overlaps(r.source, span(lab.source)) and overlaps(r.cue, span(lab.cue))
                for lab in near
            ):
                total.right += 1
            else:
                total.wrong.append(
                    context(
                        d,
                        r.content,
                        f"reader source "
                        f"{d.text[r.source[0] : r.source[1]]!r} cue "
                        f"{d.text[r.cue[0] : r.cue[1]]!r}",
                    )
                )
    return total


def context(d: Draft, where: Span, what: str) -> str:
    """``name: what`` and the sentence (or sentences) of the draft around ``where``."""
    line_start = d.text.rfind("\n", 0, where[0]) + 1
    line_end = d.text.find("\n", where[0])
    line_end = len(d.text) if line_end < 0 else line_end
    line = d.text[line_start:line_end]
    around = [
        (s, e)
        for s, e in split_sentences(line)
        if line_start + s < where[1] and where[0] < line_start + e
    ] or [(0, len(line))]
    sentence = line[around[0][0] : around[-1][1]]
    if len(sentence) > 300:
        sentence = sentence[:297] + "..."
    return f"{d.path.name}: {what}\n        | {sentence}"


def label_errors(drafts: Iterable[Draft], run: Runner) -> dict[str, list[str]]:
    """Each rule's misses and false alarms, with the sentence around them."""
    out: dict[str, list[str]] = {rule: [] for rule in RULES}
    for d in drafts:
        _, report = run(d.path)
        for label in d.labels:
            hit = [a for a in report.annotations if label.selects(a) and label.overlapped_by(a)]
            if label.expect == "flag" and not hit:
                out[label.rule].append(context(d, span(label), f"MISS  {label.text!r}"))
            elif label.expect == "pass" and hit:
                flagged = ", ".join(repr(a.text[:60]) for a in hit)
                out[label.rule].append(
                    context(d, span(label), f"FALSE {label.text!r} (flagged {flagged})")
                )
    return out


def shown(path: Path) -> str:
    """``path`` relative to the working directory when it is under it (stable output)."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def views(folder: Path) -> list[tuple[str, Path, list[Path]]]:
    """(title, folder scored by evaluate_folder, sub-folders whose drafts it holds)."""
    parts = [folder / name for name in ("tune", "holdout") if (folder / name).is_dir()]
    if not parts:
        return [(str(folder), folder, [folder])]
    return [(p.name, p, [p]) for p in parts] + [("together", folder, parts)]


def measure(folder: Path, run: Runner, drafts: list[Draft]) -> dict[str, dict[str, Any]]:
    results: dict[str, dict[str, Any]] = {}
    for title, scored, parts in views(folder):
        mine = [d for d in drafts if any(p.resolve() in d.path.resolve().parents for p in parts)]
        rules: dict[str, Score] = evaluate_folder(scored, run)
        relations = score_relations(mine, run)
        results[title] = {
            "folder": shown(scored),
            "drafts": len(mine),
            "rules": {rule: rules.get(rule, Score()) for rule in RULES},
            "relations": relations,
            "items": mine,
        }
    return results


# --- output -----------------------------------------------------------------------------


def label_precision(s: Score) -> tuple[float, float]:
    """Precision over the labels (flag labels found / labels an annotation touched: found
    flag labels plus pass labels flagged) and F1 with the recall. A measure of this set,
    not of all annotations: flags on unlabelled text are not judged."""
    hit = s.flagged + len(s.false_alarms)
    precision = s.flagged / hit if hit else 1.0
    f1 = 2 * precision * s.recall / (precision + s.recall) if precision + s.recall else 0.0
    return precision, f1


def as_json(results: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    out = {}
    for title, r in results.items():
        rules = {}
        for rule, s in r["rules"].items():
            d = s.to_dict()
            rules[rule] = {
                k: d[k] for k in ("flag_labels", "recall", "pass_labels", "false_positive_rate")
            }
            p, f1 = label_precision(s)
            rules[rule].update(precision=round(p, 4), f1=round(f1, 4))
        rel = r["relations"]
        out[title] = {
            "folder": r["folder"],
            "drafts": r["drafts"],
            "rules": rules,
            "relations": rel.to_dict() if rel else {"reader": False, "note": NO_READER},
        }
    return out


def print_tables(results: Mapping[str, Mapping[str, Any]], run: Runner, errors: bool) -> None:
    for title, r in results.items():
        n_rel = sum(len(d.relations) for d in r["items"])
        print(f"{title}: {r['folder']} ({r['drafts']} drafts, {n_rel} labelled relations)")
        print(
            f"  {'rule':28} {'flag':>5} {'recall':>7} {'pass':>5} {'FP rate':>8} "
            f"{'precision':>9} {'F1':>6}"
        )
        for rule, s in r["rules"].items():
            d = s.to_dict()
            p, f1 = label_precision(s)
            print(
                f"  {rule:28} {d['flag_labels']:5d} {s.recall:7.3f} "
                f"{d['pass_labels']:5d} {s.false_positive_rate:8.3f} {p:9.3f} {f1:6.3f}"
            )
        rel = r["relations"]
        if rel is None:
            print(f"  relations: {NO_READER}")
        else:
            d = rel.to_dict()
            print(
                f"  relations: recall {d['recall']} ({rel.found}/{rel.labelled}), "
                f"precision {d['precision']} ({rel.right}/{rel.judged}), "
                f"kind accuracy {d['kind_accuracy']}"
            )
        if errors and title != "together":
            for rule, lines in label_errors(r["items"], run).items():
                for line in lines:
                    print(f"    {rule}: {line}")
            if rel is not None:
                for line in (rel.missed or []) + (rel.wrong or []):
                    print(f"    relation: {line}")
        print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--errors",
        action="store_true",
        help="also list every miss and false alarm with the sentence around it",
    )
    parser.add_argument(
        "--folder",
        type=Path,
        default=DEFAULT,
        help="labelled folder (default fixtures/attribution; tune/ and holdout/ "
        "inside it are scored separately and together)",
    )
    args = parser.parse_args(argv)
    drafts, problems = load_set(args.folder)
    if problems or not drafts:
        for line in problems or [f"{args.folder}: no labelled drafts"]:
            print(f"error: {line}", file=sys.stderr)
        return 2
    run = cached_runner()
    results = measure(args.folder, run, drafts)
    if args.json:
        out = as_json(results)
        if args.errors:
            for title, r in results.items():
                out[title]["errors"] = label_errors(r["items"], run)
        print(json.dumps(out, indent=1, ensure_ascii=False))
    else:
        print_tables(results, run, args.errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
