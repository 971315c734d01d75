"""Golden reports: each fixture draft's full report, compared field by field.

A change in what editcheck says about a draft shows up here as a diff to review. To accept
a deliberate change, regenerate and read the diff before committing:

    pytest tests/test_golden.py --regen-golden && git diff fixtures/golden
"""

from __future__ import annotations

import json

import pytest
from shared_paths import FIXTURES, SHARED

from editcheck.api import Checker

GOLDEN = FIXTURES / "golden"
CASES = {
    "seed-ice-shooting.html": FIXTURES / "seed" / "ice-shooting.html",
    "seed-ice-shooting.txt": SHARED / "seed" / "ice-shooting.txt",
    **{p.name: p for p in sorted(GOLDEN.glob("*")) if p.suffix in (".html", ".txt")},
}


def _stable(report: dict) -> dict:
    """The report without what depends on the machine (path, version)."""
    return {k: v for k, v in report.items() if k not in ("source", "editcheck_version")}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_report(name: str, regen_golden: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    draft = CASES[name]
    if not draft.is_file():
        pytest.skip(f"{draft} not found (../shared is absent)")
    monkeypatch.setenv("EDITCHECK_DISABLE_PLUGIN_AUTOLOAD", "1")  # built-in checks only
    report = _stable(Checker({}).check_path(draft).to_dict())
    expected_path = GOLDEN / "expected" / f"{name}.json"
    if regen_golden:
        expected_path.parent.mkdir(exist_ok=True)
        expected_path.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", "utf-8")
    if not expected_path.is_file():
        pytest.fail(f"no golden file {expected_path}; run pytest --regen-golden and review it")
    expected = json.loads(expected_path.read_text("utf-8"))
    assert report["errors"] == expected["errors"]
    got = [(a["rule"], a["text"]) for a in report["annotations"]]
    want = [(a["rule"], a["text"]) for a in expected["annotations"]]
    assert got == want, "annotations changed (rule, text)"
    assert report == expected
