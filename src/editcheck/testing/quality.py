"""Scoring checks against labelled drafts: recall and false alarms, for editcheck's own
quality benchmarks and for a newsroom measuring a plugin on its copy.

A labelled draft is a ``.html`` or ``.txt`` file with a ``.labels.json`` beside it
(``story.html`` → ``story.labels.json``)::

    {
      "flag": [{"rule": "core/unsourced-statistic", "text": "At least 16 people died"}],
      "pass": [{"rule": "core/unsourced-statistic", "text": "ABC 15"},
               {"rule": "category:page-residue", "line": 3}]
    }

``rule`` is a rule id or ``category:NAME``; a label points at ``text`` (its first
occurrence, or the ``occurrence``-th counting from 1) or at a whole ``line`` of the
document text. A ``flag`` label is found when an annotation of that rule overlaps it; a
``pass`` label is a false alarm when one does.

    from editcheck.testing.quality import check_labelled, evaluate_folder

    scores = evaluate_folder("fixtures/sourcing", check_labelled)
    print(scores["core/unsourced-statistic"].recall)
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from editcheck.annotations import Annotation, Report
from editcheck.document import DRAFT_SUFFIXES
from editcheck.testing.running import find_text, selects


@dataclass(frozen=True, slots=True)
class Label:
    """One expectation about one span of a draft."""

    rule: str
    expect: str  # "flag" or "pass"
    start: int
    end: int
    text: str

    def selects(self, a: Annotation) -> bool:
        return selects(self.rule, a)

    def overlapped_by(self, a: Annotation) -> bool:
        if self.start == self.end:  # an empty line: the annotation must touch it
            return a.start <= self.start <= a.end
        return a.start < self.end and self.start < a.end


@dataclass
class Score:
    """Hits and misses of one rule (or category) over a labelled set."""

    flagged: int = 0  # flag labels found
    missed: list[str] = field(default_factory=list)
    passed: int = 0  # pass labels left alone
    false_alarms: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        total = self.flagged + len(self.missed)
        return self.flagged / total if total else 1.0

    @property
    def false_positive_rate(self) -> float:
        total = self.passed + len(self.false_alarms)
        return len(self.false_alarms) / total if total else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "flag_labels": self.flagged + len(self.missed),
            "pass_labels": self.passed + len(self.false_alarms),
            "recall": round(self.recall, 4),
            "false_positive_rate": round(self.false_positive_rate, 4),
            "missed": self.missed,
            "false_alarms": self.false_alarms,
        }


def labelled_drafts(folder: str | Path) -> list[tuple[Path, Path]]:
    """``(draft, labels)`` pairs in ``folder`` (recursively), sorted by path."""
    pairs = []
    for labels in sorted(Path(folder).rglob("*.labels.json")):
        stem = labels.name[: -len(".labels.json")]
        for suffix in sorted(DRAFT_SUFFIXES):
            draft = labels.with_name(stem + suffix)
            if draft.is_file():
                pairs.append((draft, labels))
                break
        else:
            names = "/".join(sorted(DRAFT_SUFFIXES))
            raise FileNotFoundError(f"{labels}: no draft named {stem}{names} beside it")
    return pairs


def resolve_labels(doc_text: str, data: Mapping[str, Any], where: str = "labels") -> list[Label]:
    """Turn a labels mapping into spans of ``doc_text``; a label that is not found is an error."""
    labels = []
    line_starts = [0] + [i + 1 for i, ch in enumerate(doc_text) if ch == "\n"]
    for expect in ("flag", "pass"):
        for item in data.get(expect, []):
            if "line" in item:
                n = int(item["line"])
                if not 1 <= n <= len(line_starts):
                    raise ValueError(f"{where}: line {n} is beyond the end of the draft")
                start = line_starts[n - 1]
                end = doc_text.find("\n", start)
                end = len(doc_text) if end < 0 else end
            else:
                occurrence = int(item.get("occurrence", 1))
                start = find_text(doc_text, item["text"], occurrence, f"{where}: label")
                end = start + len(item["text"])
            labels.append(Label(item["rule"], expect, start, end, doc_text[start:end]))
    return labels


def score(
    labels: Iterable[Label],
    annotations: Iterable[Annotation],
    scores: dict[str, Score],
    name: str = "",
) -> None:
    """Add the outcome of ``labels`` against ``annotations`` to ``scores`` (keyed by rule)."""
    annotations = list(annotations)
    for label in labels:
        hit = any(label.selects(a) and label.overlapped_by(a) for a in annotations)
        s = scores[label.rule]
        what = f"{name}: {label.text[:80]!r}"
        if label.expect == "flag":
            if hit:
                s.flagged += 1
            else:
                s.missed.append(what)
        elif hit:
            s.false_alarms.append(what)
        else:
            s.passed += 1


def evaluate_folder(folder: str | Path, check: Any) -> dict[str, Score]:
    """Score every labelled draft in ``folder``; ``check(path) -> (doc_text, Report)``."""
    scores: dict[str, Score] = defaultdict(Score)
    for draft, labels_path in labelled_drafts(folder):
        doc_text, report = check(draft)
        data = json.loads(labels_path.read_text(encoding="utf-8"))
        labels = resolve_labels(doc_text, data, str(labels_path))
        score(labels, report.annotations, scores, draft.name)
    return dict(scores)


def check_labelled(path: str | Path, config: Any = None) -> tuple[str, Report]:
    """Parse and check one draft file with every installed plugin (``config``: as for
    :class:`editcheck.Checker`); returns its document text and report."""
    from editcheck.api import Checker
    from editcheck.document import load_bytes, media_type_for

    checker = Checker(config)
    data = Path(path).read_bytes()
    doc = load_bytes(data, media_type_for(path, data), source=str(path))
    return doc.text, checker.check_document(doc)
