"""The sourcing rules do what their documentation says, on its examples and on the seed."""

from __future__ import annotations

from pathlib import Path

import pytest

from editcheck.api import Checker
from editcheck.checks.sourcing.rules import RULES
from editcheck.document import load_bytes, media_type_for

RULE_IDS = [r.id for r in RULES]
CLAIM, VAGUE, QUOTE, STAT = RULE_IDS


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker({}, select=RULE_IDS)


def _flags(checker: Checker, text: str, rule: str) -> list[str]:
    report = checker.check_text(text)
    assert not report.errors, report.errors
    return [a.text for a in report.annotations if a.rule == rule]


def test_every_rule_is_documented_with_examples() -> None:
    for rule in RULES:
        assert rule.summary and rule.doc.strip(), rule.id
        assert rule.flags and rule.passes, f"{rule.id} needs flags and passes examples"
        assert "Leaves alone" in rule.doc, f"{rule.id} must say what it leaves alone"


@pytest.mark.parametrize("rule,example", [(r.id, e) for r in RULES for e in r.flags])
def test_flags_examples_are_flagged(checker: Checker, rule: str, example: str) -> None:
    assert _flags(checker, example, rule), f"{rule} should flag: {example}"


@pytest.mark.parametrize("rule,example", [(r.id, e) for r in RULES for e in r.passes])
def test_passes_examples_are_left_alone(checker: Checker, rule: str, example: str) -> None:
    assert not _flags(checker, example, rule), f"{rule} should pass: {example}"


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
    for phrase in ("1,000% increase", "8,000%", "ABC 15 reported", "the second such incident",
                   "An ICE officer, fearing for his life", "Let me be clear"):
        for rule in RULE_IDS:
            assert not _covered(text, anns, rule, phrase), (rule, phrase)
    annotation = next(a for a in anns if a.rule == STAT)
    assert "16" in annotation.text and "people" in annotation.text
    assert "who" in next(a for a in anns if a.rule == CLAIM).message


def test_hedge_hanging_on_named_source_passes(checker: Checker) -> None:
    assert not _flags(checker, "Police said the man allegedly stole a van.", CLAIM)
    assert not _flags(checker, "The man allegedly stole a van, police said.", CLAIM)
    assert _flags(checker, "The man allegedly stole a van.", CLAIM)


def test_statistic_source_carries_from_previous_sentence(checker: Checker) -> None:
    text = ("According to the census, the town grew by 4,000 people. "
            "It also found 12% of homes were empty.")
    assert not _flags(checker, text, STAT)
    assert _flags(checker, "The town grew by 4,000 people. About 12% of homes were empty.", STAT)


def test_quote_continued_in_next_paragraph(checker: Checker) -> None:
    text = ("\u201cWe will rebuild the school,\u201d the headteacher, Ann Cole, said.\n"
            "\u201cThe children deserve nothing less than a proper building.\u201d\n")
    assert not _flags(checker, text, QUOTE)
    orphan = "The meeting ran late.\n\u201cThe children deserve nothing less than this.\u201d\n"
    assert _flags(checker, orphan, QUOTE)
