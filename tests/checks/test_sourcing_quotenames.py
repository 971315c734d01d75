"""Quoted names of campaigns and slogans are not unattributed speech; a quote that ends in
reported speech's comma still needs its speaker (checks/sourcing/quotenames.py)."""

from __future__ import annotations

import pytest
from sourcingkit import QUOTE, rule_flags

from editcheck.api import Checker
from editcheck.checks.sourcing.quotenames import names_a_thing
from editcheck.checks.sourcing.quotes import find_quotes


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker({}, select=[QUOTE])


def _quotes(checker: Checker, text: str) -> list[str]:
    return rule_flags(checker, text, QUOTE)


@pytest.mark.parametrize(
    "text",
    [
        "The county's “Slow Down. Kids Around.” road-safety campaign drew complaints.",
        "Drivers mocked the “Think Twice, Park Once” slogan on the new signs.",
        "Its “Eat Local Tuesday” scheme ends in March.",
    ],
)
def test_quoted_names_pass(checker: Checker, text: str) -> None:
    assert _quotes(checker, text + "\n") == []


@pytest.mark.parametrize(
    "text",
    [
        "“We will not back down on this,” campaign leaders wrote.",
        "He said the “plan is dead” and the campaign is over.",
        "“It is over.” Campaign staff left the building.",
    ],
)
def test_speech_is_not_read_as_a_name(text: str) -> None:
    q = find_quotes(text)[0]
    assert not names_a_thing(text, q)


def test_unattributed_speech_before_a_name_noun_still_flags(checker: Checker) -> None:
    text = "Residents were angry. “This is a disgrace and a waste of money,” campaign or not.\n"
    assert _quotes(checker, text)
