"""A bare hedge in copy that speaks in the writer's own voice (a review, a column) is the
writer's judgement and passes; the impersonal weasel and every hedge in wire or
encyclopedic copy still flag (checks/sourcing/voice.py)."""

from __future__ import annotations

import pytest
from sourcingkit import CLAIM, rule_flags

from editcheck.api import Checker
from editcheck.checks.sourcing.voice import writer_voice
from editcheck.document import load_text

REVIEW = (
    "I have spent a week with the new tablet, and you will notice the screen first.\n\n"
    "We ran our usual battery test on it. {sentence}\n"
)


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker({}, select=[CLAIM])


def _claims(checker: Checker, text: str) -> list[str]:
    return rule_flags(checker, text, CLAIM)


@pytest.mark.parametrize(
    "sentence",
    [
        "The cheaper model will probably sell better over the holidays.",
        "Presumably the maker will fix the hinge in the next batch.",
        "The stylus appears to have been dropped from the box.",
        "The keyboard cover will likely cost extra.",
    ],
)
def test_writers_own_hedge_passes_in_a_review(checker: Checker, sentence: str) -> None:
    assert _claims(checker, REVIEW.format(sentence=sentence)) == []


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        ("It is likely that the price will rise again in spring.", "it is likely"),
        ("The chip was said to have overheated in early units.", "was said to have"),
        ("Analysts say the tablet market has peaked.", "analysts say"),
    ],
)
def test_textbook_weasels_flag_even_in_a_review(
    checker: Checker, sentence: str, phrase: str
) -> None:
    found = _claims(checker, REVIEW.format(sentence=sentence))
    assert any(phrase in f.lower() for f in found), found


def test_bare_hedge_still_flags_in_wire_copy(checker: Checker) -> None:
    text = (
        "The ministry opened the new bridge on Monday.\n\n"
        "The toll will probably be lifted next year.\n"
    )
    assert any("probably" in f for f in _claims(checker, text))


def test_first_person_inside_quotes_is_not_the_writers_voice() -> None:
    doc = load_text(
        '"I think we should wait," the mayor said. "My view is that you cannot rush it."\n'
    )
    assert not writer_voice(doc)
    assert writer_voice(load_text("I tried it. We liked it. You will too.\n"))
