"""One budget per house-style file per draft: many slow rules cost the budget, not the
sum of their limits, and the report is incomplete and names the file (issue 11)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
import regex
from hs_support import style_writer

from editcheck.checks.housestyle.compile import Exceptions, FileBudget, RuleTimeout
from editcheck.checks.housestyle.load import load_house_style
from editcheck.document import load_text
from editcheck.errors import ConfigError
from editcheck.testing import run_check


@pytest.fixture
def write_style(tmp_path: Path) -> Callable[..., Path]:
    return style_writer(tmp_path)


def _slow_style(rules: int, budget: float) -> str:
    body = f'[house-style]\nnamespace = "slow"\nbudget = {budget}\n'
    for i in range(rules):
        body += f'\n[rules.runaway-{i}]\ntype = "pattern"\npattern = "(a|aa)+$"\ntimeout = 10\n'
    return body + '\n[rules.banned]\ntype = "existence"\nphrases = ["utilise"]\n'


# (a|aa)+$ against a long run of a's ending in "b" backtracks for ages.
DRAFT = "We utilise it.\n" + "a" * 60 + "b\n"


def test_eight_slow_patterns_share_one_budget_and_the_file_is_named(write_style) -> None:
    style = write_style(_slow_style(8, 0.3))
    report = run_check(style, DRAFT)
    (error,) = report.errors
    assert error.kind == "timeout"
    assert str(style) in error.message and "0.3 s" in error.message
    for i in range(8):  # every rule that did not finish is named
        assert f"slow/runaway-{i}" in error.message
    assert report.partial  # incomplete, never a quiet pass


def test_rules_finished_before_the_budget_ran_out_keep_their_findings(write_style) -> None:
    body = _slow_style(2, 0.3).replace("[rules.banned]", "[rules.aaa-banned]")
    # the word-list rule comes first in the file here, so it finishes and reports
    first = body.index("[rules.runaway-0]")
    banned = body[body.index("[rules.aaa-banned]") :]
    style = write_style(body[:first] + banned + "\n" + body[first : body.index("[rules.aaa")])
    report = run_check(style, DRAFT)
    assert [a.rule for a in report.annotations] == ["slow/aaa-banned"]
    (error,) = report.errors
    assert "slow/runaway-0" in error.message and "slow/aaa-banned" not in error.message


def test_exception_lists_draw_on_the_file_budget() -> None:
    spent = FileBudget(0.001)
    burn = time.thread_time() + 0.01
    while time.thread_time() < burn:  # the budget counts this thread's CPU time
        pass
    exceptions = Exceptions(regex.compile(r"(?<!\w)(?:foo bar)(?!\w)"), spent)
    (sentence,) = load_text("We saw foo bar.").sentences
    with pytest.raises(RuleTimeout) as stop:
        exceptions.covers(sentence, 7, 10)
    assert stop.value.file_budget


def test_exceptions_still_excuse_a_match_within_budget() -> None:
    exceptions = Exceptions(regex.compile(r"(?<!\w)(?:foo bar)(?!\w)"), FileBudget(5))
    (sentence,) = load_text("We saw foo bar.").sentences
    assert exceptions.covers(sentence, 7, 10)
    assert not exceptions.covers(sentence, 0, 2)


@pytest.mark.parametrize("value", ["0", "-1", "31", "true", '"fast"'])
def test_a_bad_budget_is_refused_when_the_file_loads(write_style, value: str) -> None:
    style = write_style(
        f'[house-style]\nbudget = {value}\n[rules.x]\ntype = "existence"\nphrases = ["x"]\n'
    )
    with pytest.raises(ConfigError, match="budget"):
        load_house_style(style)


def test_the_budget_is_read_from_the_header(write_style) -> None:
    style = write_style(_slow_style(1, 2.5))
    assert load_house_style(style).budget == 2.5


NUMBERS = '[house-style]\nnamespace = "num"\n[rules.numbers]\ntype = "numbers"\n'


def test_a_rule_stops_looking_far_past_the_cap_and_says_at_least(write_style) -> None:
    style = write_style(NUMBERS)
    report = run_check(style, "They saw 3 cats. " * 3_000)
    assert len(report.annotations) == 1_000
    (note,) = [n for n in report.notes if n.startswith("num/numbers")]
    assert "at least" in note
    assert not report.errors


def test_stopping_with_every_finding_suppressed_is_a_failure_not_a_pass(write_style) -> None:
    style = write_style(NUMBERS)
    hidden = '<div data-editcheck-ignore="num/numbers">' + "<p>They saw 3 cats.</p>" * 2_500
    report = run_check(style, hidden + "</div><p>We saw 4 dogs.</p>", html=True)
    assert report.incomplete  # the last paragraph was never looked at
    assert any("stopped looking" in e.message for e in report.errors)
