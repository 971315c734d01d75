"""The splitter must not break news copy at abbreviations, initials, decimals or quotes."""

from __future__ import annotations

import pytest

from editcheck.document.sentences import split_sentences


def split(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr. Smith met Dr. Jones. They talked.", ["Mr. Smith met Dr. Jones.", "They talked."]),
        ("He moved to the U.S. in 2010. He left.", ["He moved to the U.S. in 2010.", "He left."]),
        ("She lives in the U.S. The rest do not.", ["She lives in the U.S.", "The rest do not."]),
        (
            "It opened at 9 a.m. on Jan. 5 and closed.",
            ["It opened at 9 a.m. on Jan. 5 and closed."],
        ),
        ("It rose 3.5 per cent. Then it fell.", ["It rose 3.5 per cent.", "Then it fell."]),
        ("J. K. Rowling wrote it. Fans cheered.", ["J. K. Rowling wrote it.", "Fans cheered."]),
        ("See No. 10 for details.", ["See No. 10 for details."]),
        ('He said: "We won." Then he left.', ['He said: "We won."', "Then he left."]),
        ("“It is over,” she said. “Done.”", ["“It is over,” she said.", "“Done.”"]),
        ("Wait... what? Yes! No.", ["Wait... what?", "Yes!", "No."]),
        ("He paused ... and went on.", ["He paused ... and went on."]),
        ("Acme Inc. The firm grew.", ["Acme Inc.", "The firm grew."]),
        ("Sen. Warren spoke.", ["Sen. Warren spoke."]),
        ("No final stop", ["No final stop"]),
        ("", []),
    ],
)
def test_news_sentences(text: str, expected: list[str]) -> None:
    assert split(text) == expected
