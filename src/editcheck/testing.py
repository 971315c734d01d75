"""Helpers for testing checks against labelled drafts (for editcheck and plugin authors).

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

For plugin authors, the same module runs a check on a string and asserts what it flags::

    from editcheck.testing import assert_flags, assert_passes, assert_rule_examples

    assert_flags(my_check, "He stated the obvious.", "stated", rule="acme/said")
    assert_passes(my_check, "He said the obvious.", rule="acme/said")
    assert_rule_examples(my_plugin_module)   # every Rule's flags/passes examples

and compares a folder of drafts with their expected annotations (golden cases):
``story.txt`` beside ``story.expected.json``; see :func:`check_golden`. The pytest plugin
(:mod:`editcheck.pytest_plugin`, loaded automatically) adds ``--update-golden`` and the
``editcheck_update_golden`` fixture.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from editcheck.annotations import Annotation, Report
from editcheck.checkapi import Check

DRAFT_SUFFIXES = (".html", ".htm", ".txt")


@dataclass(frozen=True, slots=True)
class Label:
    """One expectation about one span of a draft."""

    rule: str
    expect: str  # "flag" or "pass"
    start: int
    end: int
    text: str

    def selects(self, a: Annotation) -> bool:
        if self.rule.startswith("category:"):
            return a.category == self.rule.split(":", 1)[1]
        return a.rule == self.rule

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
        for suffix in DRAFT_SUFFIXES:
            draft = labels.with_name(stem + suffix)
            if draft.is_file():
                pairs.append((draft, labels))
                break
        else:
            raise FileNotFoundError(f"{labels}: no draft named {stem}.html/.htm/.txt beside it")
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
                start = _find(doc_text, item["text"], int(item.get("occurrence", 1)), where)
                end = start + len(item["text"])
            labels.append(Label(item["rule"], expect, start, end, doc_text[start:end]))
    return labels


def _find(text: str, needle: str, occurrence: int, where: str) -> int:
    pos = -1
    for _ in range(occurrence):
        pos = text.find(needle, pos + 1)
        if pos < 0:
            raise ValueError(
                f"{where}: label text {needle!r} (occurrence {occurrence}) not in draft"
            )
    return pos


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
    """Parse and check one draft file; returns its document text and report."""
    from editcheck.api import Checker
    from editcheck.document import load_bytes, media_type_for

    checker = Checker(config)
    data = Path(path).read_bytes()
    doc = load_bytes(data, media_type_for(path, data), source=str(path))
    return doc.text, checker.check_document(doc)


# --- running a check on a string, for plugin authors ------------------------------------

CheckSource = Any  # a Check, a plugin module, a house-style .toml path, or a list of them


def checks_from(source: CheckSource) -> list[Check]:
    """The checks ``source`` declares: a Check, a plugin module or object (its
    ``editcheck_checks`` / ``editcheck_house_style_files`` hooks), a house-style file, a
    list of these, or None for every installed plugin."""
    if source is None:
        from editcheck.api import plugins_for
        from editcheck.config import Config

        return list(plugins_for(Config()).checks)
    if isinstance(source, Check):
        return [source]
    if isinstance(source, (str, Path)):
        from editcheck.checks.housestyle import house_style_check

        return [house_style_check(source)]
    if isinstance(source, (list, tuple)):
        return [c for item in source for c in checks_from(item)]
    found = list(getattr(source, "editcheck_checks", lambda: [])() or [])
    files: list[Any] = getattr(source, "editcheck_house_style_files", lambda: [])() or []
    if files:
        from editcheck.checks.housestyle import checks_from_files

        name = getattr(source, "__name__", "plugin").rsplit(".", 1)[-1].replace("_", "-")
        found += checks_from_files(files, namespace=name.lower())
    if not found:
        raise TypeError(f"{source!r} declares no checks")
    return found


def run_check(
    source: CheckSource,
    draft: str | Path,
    *,
    html: bool | None = None,
    options: Mapping[str, Mapping[str, Any]] | None = None,
    select: Iterable[str] = (),
) -> Report:
    """Run the checks of ``source`` on ``draft`` (text, or a Path to a draft file).

    ``html`` parses the string as HTML (default: when it starts with ``<``);
    ``options`` sets rule options as editcheck.toml would: ``{"acme/x": {"max": 2}}``.
    """
    from editcheck.config import parse_config
    from editcheck.document import load_bytes, load_html, load_text, media_type_for
    from editcheck.runner import plan_run, run_checks

    config = parse_config({"rules": {k: dict(v) for k, v in (options or {}).items()}})
    plan = plan_run(checks_from(source), config, select=tuple(select))
    if isinstance(draft, Path):
        data = draft.read_bytes()
        doc = load_bytes(data, media_type_for(draft, data), source=str(draft))
    elif html or (html is None and draft.lstrip().startswith("<")):
        doc = load_html(draft)
    else:
        doc = load_text(draft)
    return run_checks(doc, plan)


def flagged(report: Report, rule: str | None = None) -> list[str]:
    """The texts flagged in ``report`` (by ``rule``, an id or ``category:NAME``)."""
    return [a.text for a in _of_rule(report, rule)]


def _of_rule(report: Report, rule: str | None) -> list[Annotation]:
    if rule is None:
        return list(report.annotations)
    label = Label(rule, "flag", 0, 0, "")
    return [a for a in report.annotations if label.selects(a)]


def _describe(report: Report, rule: str | None) -> str:
    found = [f"{a.rule}: {a.text!r}" for a in _of_rule(report, rule)]
    errors = [f"{e.check}: {e.message}" for e in report.errors]
    return f"flagged: {found or 'nothing'}" + (f"; check errors: {errors}" if errors else "")


def assert_flags(
    source: CheckSource, draft: str | Path, *phrases: str, rule: str | None = None, **kwargs: Any
) -> Report:
    """Assert each of ``phrases`` in ``draft`` is flagged (by ``rule``); with no phrases,
    that something is flagged. Returns the report for further assertions."""
    report = run_check(source, draft, **kwargs)
    text = _doc_text(report, draft)
    hits = _of_rule(report, rule)
    if not phrases and not hits:
        raise AssertionError(
            f"expected a finding{f' of {rule}' if rule else ''}; " + _describe(report, rule)
        )
    for phrase in phrases:
        start = _find(text, phrase, 1, "draft")
        if not any(a.start < start + len(phrase) and start < a.end for a in hits):
            raise AssertionError(
                f"{phrase!r} was not flagged{f' by {rule}' if rule else ''}; "
                + _describe(report, rule)
            )
    return report


def assert_passes(
    source: CheckSource, draft: str | Path, *phrases: str, rule: str | None = None, **kwargs: Any
) -> Report:
    """Assert ``phrases`` (or, with none, the whole draft) are left alone (by ``rule``)."""
    report = run_check(source, draft, **kwargs)
    text = _doc_text(report, draft)
    hits = _of_rule(report, rule)
    if not phrases and hits:
        raise AssertionError("expected no finding; " + _describe(report, rule))
    for phrase in phrases:
        start = _find(text, phrase, 1, "draft")
        bad = [a for a in hits if a.start < start + len(phrase) and start < a.end]
        if bad:
            raise AssertionError(f"{phrase!r} was flagged: {[(a.rule, a.text) for a in bad]}")
    if report.errors:
        raise AssertionError(f"check errors: {[str(e.to_dict()) for e in report.errors]}")
    return report


def _doc_text(report: Report, draft: str | Path) -> str:
    from editcheck.document import load_bytes, load_html, load_text, media_type_for

    if isinstance(draft, Path):
        data = draft.read_bytes()
        return load_bytes(data, media_type_for(draft, data)).text
    is_html = report.media_type == "text/html"
    return (load_html(draft) if is_html else load_text(draft)).text


def assert_rule_examples(source: CheckSource) -> int:
    """Run every declared rule's ``flags`` and ``passes`` examples; returns how many ran.

    A flag example must get an annotation of its rule, a pass example none. All failures
    are collected into one AssertionError, so a table of examples is fixed in one go.
    """
    checks = checks_from(source)
    problems, ran = [], 0
    for c in checks:
        for rule in c.rules:
            for example in rule.flags:
                ran += 1
                if not flagged(run_check(c, example, html=False), rule.id):
                    problems.append(f"{rule.id} should flag: {example!r}")
            for example in rule.passes:
                ran += 1
                hits = flagged(run_check(c, example, html=False), rule.id)
                if hits:
                    problems.append(f"{rule.id} should pass: {example!r} (flagged {hits})")
    if problems:
        raise AssertionError("rule examples failed:\n  " + "\n  ".join(problems))
    return ran


# --- golden cases: drafts with their complete expected annotations ---------------------

GOLDEN_FIELDS = ("rule", "text", "line", "column", "severity", "message", "suggestion")


def golden_cases(folder: str | Path) -> list[Path]:
    """Drafts in ``folder`` (recursively) that are golden cases: every .txt/.html/.htm."""
    return sorted(p for p in Path(folder).rglob("*") if p.suffix in DRAFT_SUFFIXES and p.is_file())


def golden_view(report: Report) -> dict[str, Any]:
    """What a golden file keeps of a report: annotations' main fields and check errors."""
    return {
        "annotations": [{k: a.to_dict()[k] for k in GOLDEN_FIELDS} for a in report.annotations],
        "errors": [e.check for e in report.errors],
    }


def check_golden(
    draft: str | Path, source: CheckSource = None, *, update: bool = False, **kwargs: Any
) -> None:
    """Compare ``draft``'s annotations with ``<draft stem>.expected.json`` beside it.

    With ``update`` (pytest ``--update-golden``) the file is rewritten instead: review the
    diff before committing it. A missing file is an error that says how to create it.
    """
    draft = Path(draft)
    expected_path = draft.with_name(draft.stem + ".expected.json")
    got = golden_view(run_check(source, draft, **kwargs))
    if update:
        expected_path.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n", "utf-8")
        return
    if not expected_path.is_file():
        raise AssertionError(f"{expected_path} is missing; run with --update-golden and review it")
    want = json.loads(expected_path.read_text("utf-8"))
    if got != want:
        missing = [a for a in want["annotations"] if a not in got["annotations"]]
        extra = [a for a in got["annotations"] if a not in want["annotations"]]
        raise AssertionError(
            f"{draft.name}: annotations differ from {expected_path.name}\n"
            f"  expected but missing: {missing}\n  new: {extra}\n"
            f"  errors: expected {want['errors']}, got {got['errors']}"
        )
