"""The seed draft: its page residue is flagged, its body is not (text and HTML twin)."""

from __future__ import annotations

from pathlib import Path

import pytest

from editcheck.api import Checker

FAMILIES = ["category:page-residue", "category:repeated-boilerplate"]


def _flagged_lines(path: Path) -> tuple[list[str], dict[int, set[str]]]:
    report = Checker({}, select=FAMILIES).check_path(path)
    data = path.read_bytes()
    from editcheck.document import load_bytes, media_type_for

    text = load_bytes(data, media_type_for(path, data)).text
    flagged: dict[int, set[str]] = {}
    for a in report.annotations:
        flagged.setdefault(a.line, set()).add(a.rule)
    return text.split("\n"), flagged


@pytest.fixture(params=["txt", "html"])
def seed(request: pytest.FixtureRequest, seed_txt: Path, seed_html: Path) -> Path:
    return seed_txt if request.param == "txt" else seed_html


def test_residue_lines_are_flagged(seed: Path) -> None:
    lines, flagged = _flagged_lines(seed)
    stripped = [ln.strip() for ln in lines]
    png = stripped.index(".png) 6 hours ago")
    assert {"core/broken-markup", "core/stray-timestamp"} <= flagged[png + 1]
    assert "core/stray-timestamp" in flagged[stripped.index("6 hours ago") + 1]
    fives = [i + 1 for i, ln in enumerate(stripped) if ln == "5"]
    assert len(fives) == 2
    assert all("core/orphan-counter" in flagged[n] for n in fives)


def test_trailing_blank_run_is_flagged_once(seed: Path) -> None:
    lines, flagged = _flagged_lines(seed)
    last_text = max(i for i, ln in enumerate(lines) if ln.strip()) + 1
    runs = [n for n, rules in flagged.items() if "core/empty-lines" in rules]
    assert runs == [last_text + 1]


def test_no_body_line_is_flagged(seed: Path) -> None:
    lines, flagged = _flagged_lines(seed)
    body = [i + 1 for i, ln in enumerate(lines) if len(ln.split()) >= 8]
    assert len(body) >= 12
    assert not set(body) & set(flagged)
