"""In-draft repeated boilerplate: pasted-twice paragraphs and sentences, promo furniture."""

from __future__ import annotations

from typing import Any

import pytest

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


# Edited copies (issue 14): a token-level alignment, not a folded key.
EDITED_FIRST = (
    "Councillor Tom Aske, who proposed the rise, said the levy had not changed since 2019 "
    "and the car parks were losing £310,000 a year, according to the council's own accounts."
)
EDITED_COPY = (
    "Councillor Tom Aske, who proposed the increase, said the levy had been frozen since 2019 "
    "and the car parks were losing £310,000 a year, according to council accounts."
)


def test_edited_copy_points_at_the_first_and_says_what_differs() -> None:
    text = f"{EDITED_FIRST}\nThe vote was close.\nTraders were not consulted.\n{EDITED_COPY}\n"
    found = hits(text)
    assert [(a.rule, a.line) for a in found] == [("core/duplicate-paragraph", 4)]
    data = found[0].data
    assert data["first"]["line"] == 1
    assert text[data["first"]["start"] : data["first"]["end"]] == EDITED_FIRST
    assert 0.6 < data["similarity"] < 1
    assert {"op": "replace", "first": "rise", "copy": "increase"} in data["diff"]
    assert {"op": "replace", "first": "the council's own", "copy": "council"} in data["diff"]


def test_exact_copy_has_an_empty_diff() -> None:
    text = f"{EDITED_FIRST}\nThe vote was close.\n{EDITED_FIRST}\n"
    (found,) = hits(text)
    assert found.data["similarity"] == 1.0 and found.data["diff"] == []


def test_a_copy_with_its_opening_words_cut_or_a_clause_added() -> None:
    first = (
        "The harder problem is people. Of the station's 24 volunteers, only nine now live "
        "within the ten minutes' drive of the slipway that the charity asks for."
    )
    cut = (
        "Of the station's 24 volunteers, only nine now live within the ten minutes' drive "
        "of the slipway that the charity asks for."
    )
    added = (
        "Of the station's 24 volunteers, only nine now live within ten minutes of the "
        "slipway, the distance the charity asks for, because holiday lets took the housing."
    )
    assert [a.line for a in hits(f"{first}\nThe crew train weekly.\n{cut}\n")] == [3]
    assert [a.line for a in hits(f"{first}\nThe crew train weekly.\n{added}\n")] == [3]


def test_parallel_structure_is_not_a_copy() -> None:
    text = (
        "The council voted 7-2 on Tuesday to raise the parking levy by 40p an hour from April.\n"
        "The board of the Dunmere Business District voted 5-4 on Monday to oppose the levy "
        "rise from April.\n"
        "Under the plan, drivers in the Mill Lane car park will pay £1.90 an hour.\n"
        "Under the plan, drivers in the Sheep Street car park will pay £2.30 an hour.\n"
        "Fenwick beat Carrow 2-0 at Mill Road, with two goals from striker Amy Lowe.\n"
        "Dunmere beat Ashby 3-1 at Park Lane, with two goals from striker Jo Penn.\n"
        f"{PARA}\nThe council voted to keep the pool open on Tuesday night.\n"
    )
    assert hits(text) == []


def test_list_items_with_one_frame_pass() -> None:
    items = "".join(
        f"<li>Under the plan, drivers in the {p} car park will pay £1.90 an hour from April.</li>"
        for p in ("Mill Lane", "Sheep Street", "riverside")
    )
    checker = Checker({}, select=["core/duplicate-paragraph"])
    assert checker.check_html(f"<ul>{items}</ul>").annotations == ()


def test_a_quotation_repeated_with_a_new_attribution_passes() -> None:
    text = (
        'Judge Helen Markby told him: "You betrayed the people who trusted you most, and the '
        'families who queued outside in the rain for a bag of shopping."\n'
        "The court heard the money went on gambling.\n"
        '"You betrayed the people who trusted you most, and the families who queued outside '
        'in the rain for a bag of shopping." — Judge Helen Markby\n'
    )
    assert hits(text) == []


def test_a_template_repeating_headline_and_standfirst_passes() -> None:
    head = "<h2>Ambulances queued for up to nine hours outside Kellhurst hospital</h2>"
    stand = (
        "<p>Figures obtained under freedom of information show the longest handover delays "
        "in the region</p>"
    )
    body = "<p>The trust said it would publish monthly handover figures from December.</p>"
    html = f"<div>{head}{stand}</div><article>{head.replace('h2', 'h1')}{stand}{body}</article>"
    checker = Checker({}, select=["category:repeated-boilerplate"])
    assert checker.check_html(html).annotations == ()


def test_the_lead_restating_the_headline_passes() -> None:
    text = (
        "Ashcombe primary rated good after two years in special measures\n"
        "Ashcombe Primary School has been rated good by inspectors, two years after it was "
        "placed in special measures over safeguarding failures.\n"
    )
    assert hits(text) == []


# The publication's own furniture (issue 14).
GAZETTE = {"publication": ["Gazette", "The Harbour Gazette"]}


def promo_texts(text: str, config: dict[str, Any] | None = None) -> list[str]:
    return [a.text for a in hits(text, config) if a.rule == "core/promo-furniture"]


def test_own_brand_promos_name_the_paper_from_config() -> None:
    text = (
        "Get the Gazette app for harbour closures and tide tables, free on iPhone.\n"
        "Join Gazette Plus for full access to our coverage. Your first month is £1.\n"
        "Weekend Kitchen is the Gazette's recipe letter: suppers from our cooks, every Saturday.\n"
        "The Harbour Gazette corrects errors of fact as soon as we can. If you think we got "
        "something wrong, write to corrections@harbourgazette.co.uk.\n"
    )
    generic = promo_texts(text)  # an app pitch and a corrections footer need no name
    assert len(generic) == 2 and "Join Gazette Plus" not in " ".join(generic)
    assert promo_texts(text, GAZETTE) == text.splitlines()  # each whole paragraph


def test_the_paper_named_in_news_is_not_a_promo() -> None:
    text = (
        "Harbour master Ines Kovac told the Gazette the dredger would work at night.\n"
        "A Gazette investigation in March found the channel had silted to 2.9 metres.\n"
        "The daily commute takes an hour, and the gazette of 1851 is in the library.\n"
        "The Lowmoor Bins app, which the council launched in August, works first time.\n"
    )
    assert promo_texts(text, GAZETTE) == []


def test_a_publication_option_in_a_rule_table_wins_over_the_top_level() -> None:
    text = "Courier Plus members read every story first.\n"
    config = {**GAZETTE, "rules": {"core/promo-furniture": {"publication": ["Courier"]}}}
    assert promo_texts(text, config) == [text.strip()]
    assert promo_texts(text, GAZETTE) == []


def test_a_promo_quoted_from_somebody_elses_notice_is_left_alone() -> None:
    text = (
        'The notice read: "Your supply is due for a meter upgrade. Sign up for alerts at '
        'example-water.com to avoid interruption, and follow us on Facebook."\n'
    )
    assert promo_texts(text) == []


def test_a_promo_hit_takes_the_sentences_of_its_paragraph_that_address_the_reader() -> None:
    text = (
        "The bridge reopened on Monday. Sign up for our newsletter to get daily updates. "
        "It lands at 6am, and you can leave at any time.\n"
    )
    assert promo_texts(text) == [
        "Sign up for our newsletter to get daily updates. It lands at 6am, and you can "
        "leave at any time."
    ]


def test_generic_disclaimers_and_footers() -> None:
    lines = [
        "Opinions expressed in this column are the writer's own and do not necessarily "
        "reflect those of the paper.",
        "Enter your email address and press subscribe.",
        "This column was produced in partnership with the Pennine Local News Trust.",
    ]
    assert promo_texts("\n".join(lines) + "\n") == lines


def test_advertising_gift_and_event_promos_under_the_papers_name() -> None:
    lines = [
        "Advertise with the Gazette: reach 40,000 readers a week.",
        "Give a Gazette subscription as a gift this Christmas.",
        "Book tickets for Gazette Live, an evening of talks with our reporters.",
    ]
    assert promo_texts("\n".join(lines) + "\n", GAZETTE) == lines
    assert (
        promo_texts("The Gazette reported the gift of land to the town in 2019.\n", GAZETTE) == []
    )


def test_a_long_edited_copy_is_still_found() -> None:
    sentences = [
        f"Councillor number {i} of the Fenwick ward said the levy on parking bays in "
        f"street {i} had risen every year since {1990 + i}, according to council minutes."
        for i in range(12)
    ]
    first = " ".join(sentences)
    copy = first.replace("had risen", "has gone up").replace("according to", "citing")
    found = hits(f"{first}\nTraders were not consulted.\n{copy}\n")
    assert [(a.rule, a.line) for a in found] == [("core/duplicate-paragraph", 3)]
    assert len(first.split()) > 200  # aligned with difflib's autojunk heuristic


def test_a_promo_does_not_take_a_neighbour_that_only_mentions_the_us_or_freedom() -> None:
    text = (
        "Sign up for our newsletter to get daily updates. The US embassy was set free of "
        "charges on Monday.\n"
    )
    assert promo_texts(text) == ["Sign up for our newsletter to get daily updates."]


def test_a_reporting_credit_after_every_live_entry_is_not_a_duplicate() -> None:
    credit = "Reporting by Lena Marsh and Tom Iqbal in Tallow Bridge, with pictures by Ana Kerr"
    entries = [
        "The inspector opened the second day by asking about the noise survey taken in August.",
        "Residents told the inspector that blasting had cracked plaster in nine homes.",
        "The hearing has broken for lunch and the inspector will visit Kiln Lane at 2pm.",
    ]
    text = "\n".join(f"{e}\n{credit}" for e in entries)
    assert hits(text) == []
    # The same credit is still a duplicate when it is a sentence of ordinary copy.
    copy = "The council said it would publish the figures for every ward in January."
    assert [a.rule for a in hits(f"{copy}\n{entries[0]}\n{copy}")] == ["core/duplicate-paragraph"]


TRIBUNE = {"publication": ["Tribune", "Kelso Tribune"]}
FURNITURE_LINES = [
    # generic: no name needed
    "The views expressed here are the author's own.",
    "This column is the opinion of the writer.",
    "Letters to the editor should be no longer than 250 words.",
    "This article is part of a series funded by the Northern Local Journalism Fund.",
    "Independent journalism costs money, so please consider making a one-off donation.",
    "Want to advertise with us? Call the sales team.",
    "Photographs in this article can be bought online.",
    "Our journalists follow the Editors' Code of Practice.",
    "Never miss a story: turn on notifications.",
    # naming the paper
    "Get breaking news from the Tribune on your phone.",
    "Buy a copy of Thursday's Tribune for the full story.",
    "Tribune readers can save 20% on festival tickets with the code TRIB20.",
    "Prints are available from the Tribune picture desk.",
    "These opinions are not necessarily those of the Kelso Tribune.",
    "Read every edition at kelsotribune.news/digital.",
]
NEWS_LINES = [
    "She said she had read the Tribune every morning for sixty years.",
    "The new playground was funded by the National Lottery Heritage Fund.",
    "The Tribune first reported the plans in January.",
    "Residents were urged to download the council's bins app.",
    "Complaints can be made to the council's licensing team until Friday.",
    "The report was commissioned by the council after the floods.",
]


@pytest.mark.parametrize("line", FURNITURE_LINES)
def test_furniture_in_other_words_and_for_another_paper(line: str) -> None:
    assert promo_texts(line, TRIBUNE) == [line]


@pytest.mark.parametrize("line", NEWS_LINES)
def test_news_in_furniture_words_is_left_alone(line: str) -> None:
    assert promo_texts(line, TRIBUNE) == []


@pytest.mark.parametrize(
    ("before", "inside"),
    [
        ('The card read: "Sign up', True),
        ('He said "no" and then: Sign up', False),
        ("The leaflet said: “Download the app", True),
        ("”, she said. Download the app", False),  # a closer left from the last paragraph
        ("Das Plakat: „Laden Sie die App", True),
        ("Das Plakat: „Laden Sie“ die App", False),
        ("« Abonnez-vous", True),
    ],
)
def test_a_promo_is_inside_quotation_marks_by_their_direction(before: str, inside: bool) -> None:
    from editcheck.checks.repetition import quoted_at

    assert quoted_at(before) is inside


def test_an_edited_copy_whose_attribution_moved() -> None:
    first = (
        "The water company said the pipe burst at 4am and that supplies to about 3,000 "
        "homes in Ashby would be back by the evening."
    )
    copy = (
        "The pipe burst at about 4am, the water company said, and supplies to roughly "
        "3,000 homes in Ashby would be restored by the evening."
    )
    found = hits(f"{first}\nTraders were not consulted about the repairs at all.\n{copy}")
    assert [(a.rule, a.line) for a in found] == [("core/duplicate-paragraph", 3)]
