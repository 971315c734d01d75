"""Fingerprints: near-duplicates share one, different passages do not, short ones get none."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from editcheck.archive import key_of
from editcheck.archive.normalize import skeleton, tokens


@pytest.mark.parametrize(
    "a,b",
    [
        (
            "Sign up to our newsletter for the latest news",
            "Sign up for our newsletter for all the latest news!",
        ),
        (
            "© 2019 Northfield Gazette. All rights reserved.",
            "(c) 2024 NORTHFIELD GAZETTE -- all rights reserved",
        ),
        (
            "Follow the Herald on Facebook, X and Instagram for breaking news.",
            "Follow   the herald on facebook x and instagram for all breaking news",
        ),
        (
            "Listen to our podcasts wherever you get podcasts, every Friday",
            "Listen to our podcast wherever you get your podcasts every Friday.",
        ),
    ],
)
def test_near_duplicates_share_a_fingerprint(a: str, b: str) -> None:
    assert key_of(a) is not None
    assert key_of(a) == key_of(b)


@pytest.mark.parametrize(
    "a,b",
    [
        (
            "Sign up for our newsletter for the latest news",
            "Sign up for our newsletter for the latest sport",
        ),
        (
            "The council voted to close the Elm Street library branch.",
            "The council voted not to close the Elm Street library branch.",
        ),
        (
            "Police said the man was arrested at the scene on Tuesday.",
            "Police said the woman was arrested at the station on Tuesday.",
        ),
    ],
)
def test_different_passages_do_not(a: str, b: str) -> None:
    assert key_of(a) != key_of(b)


@pytest.mark.parametrize(
    "text",
    [
        "5",
        "12 comments",
        "Read more",
        "Advertisement",
        "Share this article",
        "1,200 shares 3 hours ago",
        "",
    ],
)
def test_short_passages_are_not_fingerprinted(text: str) -> None:
    assert key_of(text) is None


def test_sentences_need_more_words_than_paragraphs() -> None:
    text = "Comments are closed for legal reasons."  # 6 words
    assert key_of("Comments closed for legal reasons.", sentence=False) is not None
    assert key_of("Comments closed for legal reasons.", sentence=True) is None
    assert key_of(text, sentence=True) is not None


def test_numbers_fold_and_do_not_count_as_words() -> None:
    assert tokens("In 2,019 of 3.5 cases") == ["in", "#", "of", "#", "cases"]
    assert key_of("Page 1 of 12 34") is None


def test_skeleton_drops_function_words_and_plural_s() -> None:
    assert skeleton(tokens("Sign up for all our newsletters!")) == ["sign", "newsletter"]


def test_generic_skeletons_fall_back_to_the_whole_text() -> None:
    # Two content words say too little: only the exact (folded) text matches.
    assert key_of("Sign up to our newsletter") == key_of("SIGN UP TO OUR NEWSLETTER!")
    assert key_of("Sign up to our newsletter") != key_of("Sign up for the newsletter")


def test_dates_in_a_template_fold_together() -> None:
    assert key_of("This article was amended on 4 July 2019 to correct a spelling.") == key_of(
        "This article was amended on Tuesday 12 May 2025 to correct a spelling"
    )


WORDS = [
    "council",
    "library",
    "newsletter",
    "the",
    "for",
    "our",
    "weekly",
    "harbour",
    "2019",
    "readers",
    "sign",
    "up",
    "closed",
    "comments",
    "story",
    "ferry",
]


@given(
    st.lists(st.sampled_from(WORDS), min_size=4, max_size=20),
    st.lists(st.sampled_from([" ", "  ", ", ", "! ", " - ", "\u00a0"]), min_size=20, max_size=20),
)
def test_case_spacing_and_punctuation_never_change_a_key(words: list[str], gaps: list[str]) -> None:
    plain = " ".join(words)
    noisy = "".join(w.upper() + gap for w, gap in zip(words, gaps, strict=False)) + "?"
    assert key_of(plain) == key_of(noisy)
