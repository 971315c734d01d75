"""The sourcing checks' fast paths find exactly what the plain patterns they replace find.

Each fast path (a literal search instead of a regex, a pattern reordered so the scan can
skip ahead, a cheap test that spares a search) is checked against the straightforward
form on generated text made of the characters that matter, so a speed-up cannot quietly
change an annotation.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from editcheck.checks.sourcing import pipeline, quotes, statistics
from editcheck.checks.sourcing.lexicon import lower_words, word_starts

FEW = settings(max_examples=300, deadline=None)


def _text(alphabet: str, pieces: list[str], max_size: int = 40) -> st.SearchStrategy[str]:
    """Strings mixing single characters of ``alphabet`` with whole ``pieces``."""
    return st.lists(
        st.sampled_from(list(alphabet)) | st.sampled_from(pieces), max_size=max_size
    ).map("".join)


@FEW
@given(_text("ab'- .saidSAID’", ["said", "says", "re-said", "said'"]))
def test_word_starts_is_a_whole_word_search(text: str) -> None:
    for word, joiners in (
        ("said", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz’'-"),
        ("a", "abcdefghijklmnopqrstuvwxyz"),
    ):
        cls = re.escape(joiners)
        plain = re.compile(rf"(?<![{cls}]){re.escape(word)}(?![{cls}])")
        assert word_starts(text, word, joiners) == [m.start() for m in plain.finditer(text)]


@FEW
@given(_text("0123456789,.$£€ aB%", ["$5", "1,000", "3.5", "£12bn"]))
def test_number_starts_match_the_plain_pattern(text: str) -> None:
    plain = re.compile(r"(?<![\d,.])[$£€¥₹]?\d")
    fast = statistics._NUMBER_START
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


@FEW
@given(_text("aZ,; .-'’B", ["the Mayor", "x, Smith", "Ab Cd"]))
def test_mid_sentence_capitals_match_the_plain_pattern(text: str) -> None:
    plain = re.compile(r"(?<=[a-z,;] )[A-Z][\w'’-]*")
    assert pipeline._MID_CAPITAL.findall(text) == plain.findall(text)


@FEW
@given(_text("0123456789 .)-", ["1234567", "020 7946 0018", "12-345"]))
def test_one_digit_hint_stands_for_both(text: str) -> None:
    either = bool(statistics._SEVEN_DIGITS.search(text) or statistics._PHONE_HINT.search(text))
    assert bool(statistics._LONG_OR_PHONE_HINT.search(text)) == either


_FIGURE_PIECES = [
    "12",
    "1,500",
    "3.5",
    "%",
    " per cent",
    " percent",
    "$",
    "£4m",
    "€2bn",
    " dollars",
    " pounds",
    " one in five",
    " two-thirds",
    " doubled",
    " people",
    " more than",
    " half",
    " three",
    " hundred",
    " of",
    " times more",
    "PC",
    " Per Cent",
    " by a third",
    " dozens of",
    "fold",
]


@FEW
@given(_text("0123456789 ,.-aT", _FIGURE_PIECES, max_size=12))
def test_figure_kinds_tried_in_turn_match_the_single_alternation(text: str) -> None:
    single = re.compile(
        rf"(?<![A-Za-z])(?:{statistics._PCT}|{statistics._MONEY}|{statistics._RATIO_OR_COUNT})",
        re.I,
    )
    low = text.lower()
    patterns = statistics._figure_patterns(
        statistics._holds_any(low, statistics._PCT_SIGNS),
        statistics._holds_any(low, statistics._MONEY_SIGNS),
    )
    for at in range(len(text) + 1):
        want = single.match(text, at)
        got = next((m for p in patterns if (m := p.match(text, at)) is not None), None)
        assert (got and (got.span(), got.lastgroup)) == (want and (want.span(), want.lastgroup))


@FEW
@given(
    st.text(alphabet=st.sampled_from(list("aZz-'’ \n5_éİıſΣK\u212a.,“”\udc80")), max_size=40)
    | st.text(max_size=40)
)
def test_lower_words_are_the_runs_of_a_to_z(text: str) -> None:
    assert lower_words(text) == frozenset(re.findall("[a-z]+", text.lower()))


@FEW
@given(
    _text("aZ9_ '-’—–.,!?\n\té“”", ["we’re", "self-defence", "don't", "— no"])
    | st.text(max_size=30)
)
def test_quote_word_count_matches_the_word_pattern(text: str) -> None:
    assert quotes._count_words(text) == len(re.findall(r"[\w’'-]+", text))


_NOUNS = [
    "study",
    "survey",
    "report",
    "data",
    "figures",
    "poll",
    "census",
    "analysis",
    "audit",
    "review",
    "research",
    "trial",
    "index",
    "statistics",
    "findings",
    "estimate",
    "estimates",
    "dataset",
    "tally",
    "Study",
    "REPORT",
]


@FEW
@given(
    st.tuples(
        _text("aT ,.'-", ["x ", "said "], max_size=4),
        st.sampled_from(["the", "This", "those", "its", "their", "the same", "The"]),
        st.sampled_from([" ", "  ", "\t"]),
        st.sampled_from(["", "new ", "long-run "]),
        st.sampled_from(_NOUNS),
        st.sampled_from(["", "'s", ".", " is due", "s"]),
        _text("aT ,.'-", ["x", " is expected"], max_size=4),
    ).map("".join)
)
def test_data_reference_needs_one_of_its_nouns_in_ascii_text(text: str) -> None:
    if pipeline._DATA_REFERENCE.search(text):
        assert not pipeline._REFERENCE_NOUNS.isdisjoint(lower_words(text))
