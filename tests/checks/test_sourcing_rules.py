"""The sourcing rules do what their documentation says, on the seed and on cases beyond
their examples (tests/test_rule_examples.py holds every rule to its own examples)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sourcingkit import CLAIM, QUOTE, RULE_IDS, STAT, VAGUE, rule_flags

from editcheck.api import Checker
from editcheck.checks.sourcing.rules import RULES
from editcheck.document import load_bytes, media_type_for


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker({}, select=RULE_IDS)


def test_every_rule_is_documented_with_examples() -> None:
    for rule in RULES:
        assert rule.summary and rule.doc.strip(), rule.id
        assert rule.flags and rule.passes, f"{rule.id} needs flags and passes examples"
        assert "Leaves alone" in rule.doc, f"{rule.id} must say what it leaves alone"


def test_rules_are_listed_with_their_docs() -> None:
    from click.testing import CliRunner

    from editcheck.cli import main

    result = CliRunner().invoke(main, ["rules", "core/unsourced-statistic"])
    assert result.exit_code == 0, result.output
    assert "Leaves alone" in result.output and "flags:" in result.output


def _seed_annotations(checker: Checker, path: Path) -> tuple[str, list]:
    data = path.read_bytes()
    doc = load_bytes(data, media_type_for(path, data), source=str(path))
    report = checker.check_document(doc)
    assert not report.errors, report.errors
    return doc.text, list(report.annotations)


def _covered(text: str, annotations: list, rule: str, phrase: str) -> bool:
    start = text.index(phrase)
    end = start + len(phrase)
    return any(a.rule == rule and a.start < end and start < a.end for a in annotations)


@pytest.mark.parametrize("which", ["txt", "html"])
def test_seed_expectations(checker: Checker, which: str, seed_txt: Path, seed_html: Path) -> None:
    text, anns = _seed_annotations(checker, seed_txt if which == "txt" else seed_html)
    assert _covered(text, anns, CLAIM, "reportedly")
    assert _covered(text, anns, STAT, "At least 16 people died")
    assert _covered(text, anns, VAGUE, "Officials said")
    assert not _covered(text, anns, CLAIM, "Officials said")
    for phrase in (
        "1,000% increase",
        "8,000%",
        "ABC 15 reported",
        "the second such incident",
        "An ICE officer, fearing for his life",
        "Let me be clear",
    ):
        for rule in RULE_IDS:
            assert not _covered(text, anns, rule, phrase), (rule, phrase)
    annotation = next(a for a in anns if a.rule == STAT)
    assert "16" in annotation.text and "people" in annotation.text
    assert "who" in next(a for a in anns if a.rule == CLAIM).message


def test_hedge_hanging_on_named_source_passes(checker: Checker) -> None:
    assert not rule_flags(checker, "Police said the man allegedly stole a van.", CLAIM)
    assert not rule_flags(checker, "The man allegedly stole a van, police said.", CLAIM)
    assert rule_flags(checker, "The man allegedly stole a van.", CLAIM)


def test_statistic_source_carries_from_previous_sentence(checker: Checker) -> None:
    text = (
        "According to the census, the town grew by 4,000 people. "
        "It also found 12% of homes were empty."
    )
    assert not rule_flags(checker, text, STAT)
    assert rule_flags(
        checker, "The town grew by 4,000 people. About 12% of homes were empty.", STAT
    )


def test_quote_continued_in_next_paragraph(checker: Checker) -> None:
    text = (
        "\u201cWe will rebuild the school,\u201d the headteacher, Ann Cole, said.\n"
        "\u201cThe children deserve nothing less than a proper building.\u201d\n"
    )
    assert not rule_flags(checker, text, QUOTE)
    orphan = "The meeting ran late.\n\u201cThe children deserve nothing less than this.\u201d\n"
    assert rule_flags(checker, orphan, QUOTE)


# (text, rule, should it be flagged?) - one behaviour a line, traps included.
CASES = [
    ("Derek Okafor, 54, of 14 Larch Road, was jailed on 3 March 2024.", STAT, False),
    ("The bus takes Route 66 past Channel 4 and the iPhone 15 launch.", STAT, False),
    ("Section 230 and COVID-19 rules were debated for 20 minutes.", STAT, False),
    ("City won 3-1, their second such win, with the goal on page 12 of the report.", STAT, False),
    ("Call the helpline on 0800 555 111 before 5pm.", STAT, False),
    ("More than 300 people were evacuated from the estate.", STAT, True),
    ("Unemployment fell to 4.2% in the year to March.", STAT, True),
    ("Unemployment fell to 4.2% in the year to March, the ONS said.", STAT, False),
    ("Police said more than 300 people were evacuated.", STAT, False),
    ('The minister called the plan "a disgrace" and walked out.', QUOTE, False),
    ('Dubois, nicknamed "Dynamite", won again.', QUOTE, False),
    ('Her novel "The Long Way Home From Here" sold well.', QUOTE, False),
    ("Many residents turned out to watch the parade.", CLAIM, False),
    ("Many residents fear the new road will bring more lorries.", CLAIM, True),
    ("Police said the man allegedly stole a van.", CLAIM, False),
    ("Sources close to the club say the deal is done.", CLAIM, True),
    ("It is understood the minister will resign.", CLAIM, True),
    ("The plan was described by Judge Amy Carter as unworkable.", CLAIM, False),
    # crowds without a quantifier, and what names them
    ("Suppliers fear that orders will dry up.", CLAIM, True),
    ("Oceanographers now suspect the plumes travel further.", CLAIM, True),
    ("Supporters of the mayor insist she will stand again.", CLAIM, True),
    ("Senior party figures say the leader has lost the room.", CLAIM, True),
    ("Party figures published on Monday show membership fell to 309,000.", CLAIM, False),
    ("Analysts at Swiss Ramble said the club had lost money.", CLAIM, False),
    ("Sources at the club say the board will meet on Friday.", CLAIM, True),
    ("Many managers would contend that output is measured in hours.", CLAIM, True),
    ("It is frequently said that the town never sleeps.", CLAIM, True),
    ("I'm hearing the executive will meet again tomorrow.", CLAIM, True),
    ("She was, it was said, the finest cook in the county.", CLAIM, True),
    ("A Downing Street source told the paper the plan was dead.", CLAIM, True),
    ("The talks are understood to have stalled, an official briefed on them said.", CLAIM, True),
    ("Not everyone agrees. The Metals Company said its monitoring showed no harm.", CLAIM, False),
    ("Not everyone agrees.", CLAIM, True),
    # figures: headcounts, scope, several in one sentence, narration
    ("Harwell employs about 1,150 people. It plans to move 300 roles to Poland.", STAT, True),
    (
        "Uptake slipped to 58.6 per cent, below the 80 per cent the agency says it wants.",
        STAT,
        True,
    ),
    ("The meeting was delayed by a quarter of an hour.", STAT, False),
    ("The death rate in the borough is twice the national average.", STAT, True),
    ("Sales were up a third on last year.", STAT, True),
    ("He ran twice the distance in half the time.", STAT, False),
    ("The Environment Agency has issued 23 flood warnings.", STAT, False),
    ("The department's own workforce data show 4,100 unfilled posts.", STAT, False),
    ("Some 22 children were admitted, the hospital's clinical director said.", STAT, False),
]


@pytest.mark.parametrize("text,rule,flagged", CASES)
def test_behaviour(checker: Checker, text: str, rule: str, flagged: bool) -> None:
    assert bool(rule_flags(checker, text, rule)) is flagged, (rule, text)


def test_each_unsourced_figure_of_a_sentence_is_flagged(checker: Checker) -> None:
    text = "About 3,400 homes lost power overnight, and nearly half of them were still cut off."
    assert rule_flags(checker, text, STAT) == ["About 3,400 homes", "nearly half of them"]
    sixth = "Waiting lists are almost double last year's, with 12,000 families waiting."
    assert len(rule_flags(checker, sixth, STAT)) == 2


def test_dissent_named_in_the_next_paragraph(checker: Checker) -> None:
    named = "Not everyone agrees.\n\nThe Metals Company said its monitoring showed no harm.\n"
    unnamed = "Not everyone agrees.\n\nThe survey ship returned to port on Friday.\n"
    assert not rule_flags(checker, named, CLAIM)
    assert rule_flags(checker, unnamed, CLAIM)


def test_headcount_sentence_carries_no_source(checker: Checker) -> None:
    text = "Veritas employs about 700 people at its Swindon plant. It will create 450 jobs."
    assert rule_flags(checker, text, STAT) == ["about 700 people", "450 jobs"]


def test_quote_continues_reported_speech_about_someone(checker: Checker) -> None:
    reported = "Mr Hale, defending, said his client was \u201cdeeply ashamed\u201d.\n"
    about = "\u201cHe will never work in finance again and he knows it.\u201d\n"
    anybody = "\u201cYou cannot run a health service on goodwill and overtime.\u201d\n"
    assert not rule_flags(checker, reported + about, QUOTE)
    assert rule_flags(checker, reported + anybody, QUOTE)


def test_question_and_answer_interview(checker: Checker) -> None:
    text = (
        "Tom Ashby runs the family brewery. He spoke to us about the takeover rumours.\n"
        "Are you selling the brewery?\n"
        '"No. We have had approaches, but we are not for sale."\n'
    )
    assert not rule_flags(checker, text, QUOTE)


def test_annotation_says_what_is_missing(checker: Checker) -> None:
    report = checker.check_text("The government is reportedly moving to overhaul the agency.")
    claim = next(a for a in report.annotations if a.rule == CLAIM)
    assert claim.text == "reportedly" and "who" in claim.message.lower()
