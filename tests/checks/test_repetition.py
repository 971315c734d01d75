"""In-draft repeated boilerplate: pasted-twice paragraphs and sentences, promo furniture."""

from __future__ import annotations

from typing import Any

from editcheck.annotations import Annotation
from editcheck.api import Checker


def hits(text: str, config: dict[str, Any] | None = None) -> list[Annotation]:
    checker = Checker(config or {}, select=["category:repeated-boilerplate"])
    return [
        a
        for a in checker.check_text(text).annotations
        if a.rule.startswith("core/") and a.rule != "core/archive-boilerplate"
    ]


PARA = "The council voted to close the library on Tuesday night."


def test_second_copy_points_at_the_first() -> None:
    text = f"Intro line here.\n{PARA}\nSomething else entirely happened.\n{PARA}\n"
    found = hits(text)
    assert [(a.rule, a.line) for a in found] == [("core/duplicate-paragraph", 4)]
    first = found[0].data["first"]
    assert first["line"] == 2 and text[first["start"] : first["end"]] == PARA


def test_near_duplicate_after_folding_case_punctuation_and_spacing() -> None:
    text = f"{PARA}\nthe  council voted to close the LIBRARY on tuesday night!!\n"
    assert [a.rule for a in hits(text)] == ["core/duplicate-paragraph"]


def test_different_paragraphs_and_short_lines_pass() -> None:
    text = f"{PARA}\nThe council voted to keep the pool open on Tuesday night.\nYes\nYes\n"
    assert hits(text) == []


def test_min_words_is_an_option() -> None:
    text = "Residents protested.\nResidents protested.\n"
    config = {"rules": {"core/duplicate-paragraph": {"min-words": 2}}}
    assert [a.line for a in hits(text, config)] == [2]


def test_quotations_may_repeat_a_line() -> None:
    line = "<p>Oh, we shall walk in the light of the morning sun and sing</p>"
    checker = Checker({}, select=["core/duplicate-paragraph", "core/duplicate-sentence"])
    assert checker.check_html(f"<blockquote>{line}{line}</blockquote>").annotations == ()
    assert len(checker.check_html(line + line).annotations) == 1


def test_duplicate_sentence_inside_other_paragraphs() -> None:
    sentence = "Police said the man was arrested at his home in Leeds."
    text = f"{sentence} He was released.\nThe case goes on. {sentence}\n"
    found = hits(text)
    assert [(a.rule, a.text) for a in found] == [("core/duplicate-sentence", sentence)]
    assert found[0].data["first"]["line"] == 1


def test_duplicated_paragraph_is_not_reported_again_sentence_by_sentence() -> None:
    para = "Police said the man was arrested at his home. He was released on bail later that day."
    assert [a.rule for a in hits(f"{para}\n{para}\n")] == ["core/duplicate-paragraph"]


def test_promo_furniture_covers_its_sentence() -> None:
    text = "The bridge reopened. Sign up for our newsletter to get daily updates.\n"
    found = hits(text)
    assert [(a.rule, a.text) for a in found] == [
        ("core/promo-furniture", "Sign up for our newsletter to get daily updates.")
    ]


def test_promo_extra_patterns() -> None:
    text = "Support the Gazette today.\n"
    assert hits(text) == []
    config = {"rules": {"core/promo-furniture": {"extra-patterns": [r"\bsupport the gazette\b"]}}}
    assert [a.rule for a in hits(text, config)] == ["core/promo-furniture"]


def test_a_question_put_to_each_interviewee_is_not_boilerplate() -> None:
    question = "What inspired you to start cooking for a living, and when?"
    text = (
        f"Anna\n{question}\nMy grandmother, who ran a café.\n"
        f"Olga\n{question}\nA television show I watched as a child.\n"
    )
    assert hits(text) == []
