"""Figures on published news that are not claims needing a source pass the statistic
rule; figures that are claims still flag (checks/sourcing/worth.py)."""

from __future__ import annotations

import pytest
from sourcingkit import STAT, rule_flags

from editcheck.api import Checker
from editcheck.checks.sourcing.worth import data_line


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker({}, select=[STAT])


def _flags(checker: Checker, text: str) -> list[str]:
    return rule_flags(checker, text, STAT)


@pytest.mark.parametrize(
    "line",
    [
        "WR Dan Okafor 61 88% 5 catches, 2 drops (0 combined). 1 TD.",
        "ACME WIDGET HOLDINGS 88.10 -2.05 -2.27%",
        "Tomas Reyes 31 min, 22 pts, 9 reb, 4 stl.",
    ],
)
def test_data_lines_pass(checker: Checker, line: str) -> None:
    assert data_line(line)
    assert _flags(checker, line + "\n") == []


def test_prose_with_figures_is_not_a_data_line() -> None:
    assert not data_line("The council cut 340 jobs last year, a fall of 12% on the year before.")


@pytest.mark.parametrize(
    "text",
    [
        # a recipe's measures
        "Breakfast bowl: 1 cup oats, 2 tbsp. honey and a handful of berries.",
        # a market wrap read off the screen
        "Three-month nickel on the exchange slipped 0.4% to $16,210 a tonne.",
        "Regional stocks fell 1.2% while the yen firmed 0.3% against the dollar.",
        # a currency conversion in brackets
        "The carmaker will spend up to €4bn ($4.4bn) on the plant, it said on Monday.",
        # the rate that names a policy
        "Importers face a 20 percent tariff on steel from next month.",
        # a game's own statistics
        "Mills ran for 143 yards on 27 carries and threw for two more scores.",
        # bail set by a court
        "Jo Parks: burglary, theft, held in jail in lieu of $40,000 bond.",
        # a vague magnitude of things, not an event's toll
        "The probe will make dozens of close passes of the moon's icy crust.",
        "Jets of gas rise thousands of light-years above the disc.",
        # a study giving its own sample
        "One trial in 212 older adults found that walking lowered blood pressure.",
    ],
)
def test_figures_that_are_not_claims_pass(checker: Checker, text: str) -> None:
    assert _flags(checker, text + "\n") == []


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("Shares in Brackley fell 18% in early trading.", "18%"),
        ("Its shares rose 3% to 512p, giving it a market value of about £2.1bn.", "£2.1bn"),
        ("Hundreds of homes were flooded when the river burst its banks.", "Hundreds of homes"),
        ("Dozens of people were hurt in the crush at the gates.", "Dozens of people"),
        ("Some 41% of renters now spend half their income on housing.", "41%"),
        ("The scheme cost taxpayers $3.2 billion over five years.", "$3.2 billion"),
        ("Council backs 3.5% tax rise to fund care homes", "3.5%"),
        ("Shares in the FTSE 100 miner slid 6% after the profit warning.", "6%"),
        ("The gales closed dozens of roads across the county.", "dozens of roads"),
        ("The flood defences cost hundreds of millions of pounds.", "hundreds of millions"),
    ],
)
def test_figures_that_are_claims_still_flag(checker: Checker, text: str, figure: str) -> None:
    flagged = _flags(checker, text + "\n")
    assert any(figure in f or f in figure for f in flagged), flagged
