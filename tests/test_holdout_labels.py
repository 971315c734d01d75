"""The held-out label files are well formed and every label points into its draft.

Deliberately no quality floor: the held-out set measures generalisation, and a floor on
it would invite tuning the rules to it (see fixtures/holdout/README.md).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from editcheck.document import load_bytes, media_type_for
from editcheck.testing.quality import labelled_drafts, resolve_labels

HOLDOUT = Path(__file__).resolve().parents[1] / "fixtures" / "holdout"
SETS = {
    "sourcing": {"core/unattributed-claim", "core/unattributed-quote", "core/unsourced-statistic"},
    "residue": {"category:page-residue", "category:repeated-boilerplate"},
}
KEYS = {"rule", "text", "line", "occurrence", "note"}
PAIRS = [
    (name, draft, labels) for name in SETS for draft, labels in labelled_drafts(HOLDOUT / name)
]


def test_every_draft_has_labels() -> None:
    for name in SETS:
        drafts = [p for p in (HOLDOUT / name).iterdir() if p.suffix in (".txt", ".html")]
        labelled = {d for n, d, _ in PAIRS if n == name}
        assert drafts and set(drafts) == labelled, f"{name}: drafts without labels"


@pytest.mark.parametrize(
    ("name", "draft", "labels_path"), PAIRS, ids=[f"{n}/{d.name}" for n, d, _ in PAIRS]
)
def test_labels_well_formed_and_found(name: str, draft: Path, labels_path: Path) -> None:
    data = json.loads(labels_path.read_text(encoding="utf-8"))
    assert set(data) <= {"flag", "pass"}, f"unknown top-level keys {set(data) - {'flag', 'pass'}}"
    for expect in ("flag", "pass"):
        for item in data.get(expect, []):
            assert set(item) <= KEYS, f"unknown keys in {item}"
            assert item["rule"] in SETS[name], f"{item['rule']} does not belong in {name}/"
            assert ("text" in item) != ("line" in item), f"needs exactly one of text/line: {item}"
            if "text" in item:
                assert item["text"], f"empty label text: {item}"
    raw = draft.read_bytes()
    doc = load_bytes(raw, media_type_for(draft, raw), source=str(draft))
    labels = resolve_labels(doc.text, data, str(labels_path))  # raises if a text is not found
    for label in labels:
        if label.text:
            assert doc.text[label.start : label.end] == label.text
