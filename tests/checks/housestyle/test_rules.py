"""Every rule type, with drafts it should flag and drafts it should leave alone."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hs_support import style_writer

from editcheck.testing import assert_flags, assert_passes, run_check


@pytest.fixture
def write_style(tmp_path: Path) -> Callable[..., Path]:
    return style_writer(tmp_path)


STYLE = """
[house-style]
namespace = "t"

[rules.banned]
type = "existence"
phrases = ["utilise", "going forward", "e-mail", "U.S."]
exceptions = ["going forward with"]
link = "https://style.example.org/banned"

[rules.exact-case]
type = "existence"
phrases = ["Mr Big"]
ignore-case = false

[rules.inside-words]
type = "existence"
phrases = ["ise"]
word-boundary = false
severity = "info"

[rules.said]
type = "substitution"
swap = { stated = "said", "in order to" = "to", "%" = " per cent" }

[rules.very]
type = "occurrence"
phrases = ["very"]
max = 1

[rules.exclaim]
type = "occurrence"
phrases = ["!"]
max = 0
scope = "sentence"

[rules.brands]
type = "capitalization"
terms = ["iPhone", "YouTube", "internet"]

[rules.acronyms]
type = "conditional"
exceptions = ["US", "UK", "BBC"]

[rules.numbers]
type = "numbers"
exceptions = ["Formula 1"]

[rules.double-space]
type = "pattern"
pattern = "(?<=\\\\S)  +(?=\\\\S)"
replacement = " "
message = "Use one space."
category = "readability"
"""

# (rule, draft, phrase that must be flagged)
FLAGS = [
    ("t/banned", "We will utilise the funds.", "utilise"),
    ("t/banned", "Going forward, prices rise.", "Going forward"),
    ("t/banned", "Send an E-mail today.", "E-mail"),
    ("t/banned", "The U.S. said no.", "U.S."),
    ("t/exact-case", "Then Mr Big arrived.", "Mr Big"),
    ("t/inside-words", "They realise it.", "ise"),
    ("t/said", "The minister stated that it was over.", "stated"),
    ("t/said", "Prices rose 5% last year.", "%"),
    ("t/said", "They met in order to talk.", "in order to"),
    ("t/very", "It was very hot and very dry.", "very dry"),
    ("t/exclaim", "Stop! Now!", "!"),
    ("t/brands", "She bought an Iphone.", "Iphone"),
    ("t/brands", "He posted on Youtube's front page.", "Youtube"),
    ("t/brands", "They went on the Internet.", "Internet"),
    ("t/acronyms", "The WHO said the virus spread.", "WHO"),
    ("t/acronyms", "NATO (the North Atlantic Treaty Organization) met.", "NATO"),
    ("t/numbers", "The council hired 3 engineers.", "3"),
    ("t/numbers", "The council hired twelve engineers.", "twelve"),
    ("t/numbers", "12 engineers were hired.", "12"),
    ("t/numbers", "In 2019 Smith had 3 dogs.", "3"),
    ("t/numbers", "Prices rose five per cent.", "five"),
    ("t/numbers", "A five-year-old boy was hurt.", "five"),
    ("t/double-space", "One.  Two.", "  "),
]

# (rule, draft): the rule must report nothing here
PASSES = [
    ("t/banned", "We will use the funds."),
    ("t/banned", "We are going forward with the plan."),
    ("t/banned", "The utilities said so."),
    ("t/exact-case", "Then mr big arrived."),
    ("t/inside-words", "They use it."),
    ("t/said", "The minister said that it was over."),
    ("t/said", "Prices rose 5 per cent last year."),
    ("t/very", "It was very hot and dry."),
    ("t/exclaim", "Stop. Now."),
    ("t/brands", "She bought an iPhone and watched YouTube on the internet."),
    ("t/brands", "Internet access is slow."),  # sentence start takes a capital
    ("t/acronyms", "The World Health Organization (WHO) said the WHO was ready."),
    ("t/acronyms", "The US and the UK agreed, the BBC said."),
    ("t/acronyms", "POLICE SAY THE ROAD IS CLOSED AND WILL STAY SHUT"),
    ("t/numbers", "The council hired three engineers and 12 builders."),
    ("t/numbers", "A 5-year-old boy, aged 7, was hurt at 5 p.m. on May 5."),
    ("t/numbers", "Jane Smith, 4, and her brother were safe."),
    ("t/numbers", "Prices rose 5% and then 3 per cent; the vote was 5-4."),
    ("t/numbers", "It cost $5 and weighed 3 kg on page 2 of Chapter 4."),
    ("t/numbers", "He won the Formula 1 race and Apollo 11 flew."),
    ("t/numbers", "Twelve people were hurt in 2024."),
    ("t/numbers", "2024 was a hard year."),
    ("t/numbers", "Manchester United 2 West Ham 1"),
    ("t/double-space", "One. Two."),
]


@pytest.fixture
def style(write_style) -> Path:
    return write_style(STYLE)


@pytest.mark.parametrize(("rule", "draft", "phrase"), FLAGS, ids=[f[2] + "-" + f[0] for f in FLAGS])
def test_flags(style: Path, rule: str, draft: str, phrase: str) -> None:
    assert_flags(style, draft, phrase, rule=rule)


@pytest.mark.parametrize(("rule", "draft"), PASSES, ids=[p[0] + ":" + p[1][:20] for p in PASSES])
def test_passes(style: Path, rule: str, draft: str) -> None:
    assert_passes(style, draft, rule=rule)


def test_every_rule_type_is_covered() -> None:
    from editcheck.checks.housestyle import RULE_TYPES

    covered = {
        "existence",
        "substitution",
        "occurrence",
        "capitalization",
        "conditional",
        "numbers",
        "pattern",
    }
    assert covered == set(RULE_TYPES)
    flagged_rules = {f[0] for f in FLAGS}
    passed_rules = {p[0] for p in PASSES}
    assert flagged_rules == passed_rules


def _one(style: Path, draft: str, rule: str):
    report = run_check(style, draft)
    found = [a for a in report.annotations if a.rule == rule]
    assert len(found) == 1, [(a.rule, a.text) for a in report.annotations]
    return found[0]


def test_substitution_offers_the_preferred_form_in_the_same_case(style: Path) -> None:
    a = _one(style, "Stated plainly, it failed.", "t/said")
    assert (a.text, a.suggestion) == ("Stated", "Said")
    assert a.message == "House style: use 'Said' rather than 'Stated'."
    assert _one(style, "Up 5% on the year.", "t/said").suggestion == " per cent"


def test_message_link_severity_and_category_reach_the_annotation(style: Path) -> None:
    a = _one(style, "We will utilise it.", "t/banned")
    assert a.message == "House style: avoid 'utilise'."
    assert a.data["link"] == "https://style.example.org/banned"
    assert (a.category, a.severity.value) == ("house-style", "warning")
    space = _one(style, "One.  Two.", "t/double-space")
    assert (space.category, space.message, space.suggestion) == (
        "readability",
        "Use one space.",
        " ",
    )
    assert _one(style, "They realise.", "t/inside-words").severity.value == "info"


def test_occurrence_flags_each_use_over_the_limit(style: Path) -> None:
    report = run_check(style, "A very big, very old, very slow ship.")
    extra = [a for a in report.annotations if a.rule == "t/very"]
    assert len(extra) == 2
    assert extra[0].message == "'very' appears 3 times in this document (house limit: 1)."


def test_conditional_flags_only_the_first_undefined_use(style: Path) -> None:
    report = run_check(style, "The IMF warned. The IMF said more later.")
    assert [a.text for a in report.annotations if a.rule == "t/acronyms"] == ["IMF"]


def test_numbers_suggest_the_right_form(style: Path) -> None:
    assert _one(style, "They hired 7 staff.", "t/numbers").suggestion == "seven"
    assert _one(style, "They hired twenty-one staff.", "t/numbers").suggestion == "21"
    assert _one(style, "9 staff left.", "t/numbers").suggestion == "Nine"


def test_html_drafts_report_block_positions(style: Path) -> None:
    report = run_check(style, "<article><h1>Title</h1><p>He stated it.</p></article>")
    a = [a for a in report.annotations if a.rule == "t/said"][0]
    assert a.block.xpath and a.block.xpath.endswith("/p")
    assert a.quote.exact == "stated"


def test_switched_off_rules_report_nothing(style: Path) -> None:
    report = run_check(style, "We will utilise it. He stated it.", select=["t/said"])
    assert {a.rule for a in report.annotations} == {"t/said"}
