"""A user's pattern with catastrophic backtracking is stopped in time and reported."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hs_support import style_writer

from editcheck.api import Checker
from editcheck.testing import run_check


@pytest.fixture
def write_style(tmp_path: Path) -> Callable[..., Path]:
    return style_writer(tmp_path)


STYLE = """
[house-style]
namespace = "slow"

[rules.runaway]
type = "pattern"
pattern = "(a|aa)+$"
timeout = 0.1

[rules.banned]
type = "existence"
phrases = ["utilise"]
"""
# Without a limit, (a|aa)+$ against a long run of a's ending in "b" backtracks for ages.
DRAFT = "We utilise it.\n" + "a" * 60 + "b\n"


def test_runaway_pattern_is_stopped_and_reported(write_style) -> None:
    style = write_style(STYLE)
    started = time.monotonic()
    report = run_check(style, DRAFT)
    assert time.monotonic() - started < 2.0
    assert [a.rule for a in report.annotations] == ["slow/banned"]  # the rest still reports
    (error,) = report.errors
    assert error.kind == "timeout"
    assert "slow/runaway" in error.message and "0.1 s" in error.message
    assert report.partial


def test_timeout_shows_in_the_api_report_and_the_pattern_works_on_short_input(
    write_style, tmp_path
) -> None:
    style = write_style(STYLE)
    checker = Checker({"house-style": [str(style)], "select": ["slow"]})
    report = checker.check_text(DRAFT).to_dict()
    assert report["partial"] is True
    assert report["errors"][0]["check"] == "slow.house-style"
    quick = checker.check_text("aaa\n")
    assert [a.rule for a in quick.annotations] == ["slow/runaway"]
    assert not quick.errors
