"""Golden reports: each draft in fixtures/golden/, and the seed, with its whole report.

Black-style: a draft dropped into ``fixtures/golden/`` fails until its
``NAME.expected.json`` is written; any change in what editcheck says about a golden draft
shows up as a diff to review. To write new expected files or accept a deliberate change:

    pytest tests/test_golden.py --update-golden && git diff fixtures/golden

Every golden runs with the same settings: the built-in checks (plugin autoloading off),
the house style ``fixtures/golden/house-style.toml``, and an archive index learned from
``fixtures/archive/articles``. The comparison is the shipped ``editcheck.testing``
``check_golden`` on the whole report (``report_view``: offsets, xpaths, data, stats).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from shared_paths import FIXTURES, SHARED

from editcheck.archive import close_all, learn_paths
from editcheck.checks.archive import ARCHIVE_BOILERPLATE
from editcheck.testing import (
    assert_rule_examples,
    check_golden,
    expected_path,
    golden_cases,
    report_view,
)

GOLDEN = FIXTURES / "golden"
HOUSE_STYLE = GOLDEN / "house-style.toml"
ARCHIVE = FIXTURES / "archive" / "articles"
# Drafts kept elsewhere (the seed is used by other tests; its text twin is shared data):
# the name of their expected file in fixtures/golden -> the draft.
SEEDS = {
    "seed-ice-shooting-html": FIXTURES / "seed" / "ice-shooting.html",
    "seed-ice-shooting-txt": SHARED / "seed" / "ice-shooting.txt",
}
CASES = {
    **{name: (draft, GOLDEN / f"{name}.expected.json") for name, draft in SEEDS.items()},
    **{d.name: (d, expected_path(d)) for d in golden_cases(GOLDEN)},
}


@pytest.fixture(scope="module")
def archive_index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    index = tmp_path_factory.mktemp("golden-archive") / "archive.sqlite"
    learn_paths(index, [ARCHIVE])
    yield index
    close_all()


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_report(
    name: str, archive_index: Path, editcheck_update_golden: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    draft, expected = CASES[name]
    if not draft.is_file():
        pytest.skip(f"{draft} not found (../shared is absent)")
    monkeypatch.setenv("EDITCHECK_DISABLE_PLUGIN_AUTOLOAD", "1")  # built-in checks only
    check_golden(
        draft,
        [None, HOUSE_STYLE],
        expected=expected,
        view=report_view,
        update=editcheck_update_golden,
        options={ARCHIVE_BOILERPLATE.id: {"index": str(archive_index)}},
    )


def test_the_golden_house_style_holds_to_its_examples() -> None:
    assert assert_rule_examples(HOUSE_STYLE) >= 4


def test_every_expected_file_has_its_draft() -> None:
    """A golden whose draft was removed or renamed must go too, not linger unchecked."""
    known = {expected for _, expected in CASES.values()}
    stray = sorted(p.name for p in GOLDEN.rglob("*.expected.json") if p not in known)
    assert not stray, f"expected files without a draft in {GOLDEN}: {stray}"
