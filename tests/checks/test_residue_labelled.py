"""The labelled drafts in fixtures/residue/ keep the families above their floors:
recall at least 0.90 and false-positive rate at most 0.05, per family."""

from __future__ import annotations

from pathlib import Path

import pytest

from editcheck.api import Checker
from editcheck.testing.quality import Score, check_labelled, evaluate_folder, labelled_drafts

FOLDER = Path(__file__).resolve().parents[2] / "fixtures" / "residue"
FAMILIES = ("page-residue", "repeated-boilerplate")


@pytest.fixture(scope="module")
def scores() -> dict[str, Score]:
    return evaluate_folder(FOLDER, lambda path: check_labelled(path, {}))


def _family(scores: dict[str, Score], family: str) -> Score:
    category = {r.id: r.category for r in Checker({}).plugins.rules}
    pooled = Score()
    for rule, s in scores.items():
        if rule == f"category:{family}" or category.get(rule) == family:
            pooled.flagged += s.flagged
            pooled.passed += s.passed
            pooled.missed += s.missed
            pooled.false_alarms += s.false_alarms
    return pooled


def test_labelled_set_is_large_enough() -> None:
    drafts = labelled_drafts(FOLDER)
    assert len(drafts) >= 20
    assert {d.suffix for d, _ in drafts} == {".html", ".txt"}


@pytest.mark.parametrize("family", FAMILIES)
def test_family_floors(scores: dict[str, Score], family: str) -> None:
    s = _family(scores, family)
    assert s.flagged + len(s.missed) >= 15 and s.passed + len(s.false_alarms) >= 20
    assert s.recall >= 0.90, s.missed
    assert s.false_positive_rate <= 0.05, s.false_alarms
