"""Families of page residue a site varies (live-blog controls, share prompts, ad labels,
widget headers and their links, caption stubs, stray markers) and the in-draft furniture
of agencies, courts and newsletters: each is flagged in its varied forms, and the lines
that look like it (entry times, headings, list items, credits, section breaks) are not."""

from __future__ import annotations

import pytest

from editcheck.api import Checker

RESIDUE = ["category:page-residue"]
BOILERPLATE = ["category:repeated-boilerplate"]
BODY = "The council voted on Tuesday to close the library, a decision residents opposed."


def residue_lines(text: str) -> list[str]:
    report = Checker({}, select=RESIDUE).check_text(text)
    return [a.text for a in report.annotations]


def promo(text: str) -> list[str]:
    report = Checker({}, select=BOILERPLATE).check_text(text)
    return [a.text for a in report.annotations if a.rule == "core/promo-furniture"]


@pytest.mark.parametrize(
    "line",
    [
        "Tap to reload",
        "Reload the live blog",
        "Load more posts",
        "Show 12 new updates",
        "5 new posts",
        "Oldest first",
        "Auto-refresh off",
        "Jump to the latest entries",
        "Pinned",
        "Share this update",
        "Share via email or WhatsApp",
        "Total shares",
        "Story continues below advertisement",
        "Advert | Swipe up to continue reading",
        "Sign up now for free",
        "Register to comment",
        "Trending topics",
        "Most shared",
        "Up next",
        "Photo 3 of 12",
        "View all 214 comments",
    ],
)
def test_interface_shapes_are_flagged(line: str) -> None:
    assert residue_lines(f"{BODY}\n{line}\n{BODY}") == [line]


@pytest.mark.parametrize(
    "line",
    [
        "Share prices since January",
        "Key points",
        "Key events",
        "Results",
        "Draw",
        "Meal 1",
        "Live music returns to the park",
        "Most of the money went on repairs",
        "Sign up deadline",
        "Refreshments",
        "Updated at 14:05",
        "Top scorers",
    ],
)
def test_look_alike_lines_are_left_alone(line: str) -> None:
    assert residue_lines(f"{BODY}\n{line}\n{BODY}") == []


def test_live_blog_entries_keep_their_times_and_lose_their_controls() -> None:
    text = (
        "Budget live\nNewest first\n"
        "14:05\nThe chancellor has begun her statement to a packed Commons chamber.\n"
        "14:20\nShe has confirmed the rise in fuel duty will be delayed for a year.\n"
        "Load earlier updates\n"
    )
    assert residue_lines(text) == ["Newest first", "Load earlier updates"]


def test_topic_links_after_a_topic_header() -> None:
    text = f"{BODY}\nRelated topics\nHousing\nLocal government\n"
    assert residue_lines(text) == ["Related topics", "Housing", "Local government"]


def test_a_short_line_above_copy_after_a_topic_header_is_its_heading() -> None:
    text = f"Tags\nLibraries\nWhat happens next\n{BODY}\n"
    assert residue_lines(text) == ["Tags", "Libraries"]


def test_list_items_after_an_ordinary_heading_are_left_alone() -> None:
    text = f"{BODY}\nKey seats to watch\nSunderland South\nHartlepool\n"
    assert residue_lines(text) == []


def test_ranked_widget_headlines_between_counters() -> None:
    text = (
        f"{BODY}\nMost read\n1\nBridge to close for repairs over summer\n"
        "2\nSchool wins national choir award\nBackground\n"
    )
    assert residue_lines(text) == [
        "Most read",
        "1",
        "Bridge to close for repairs over summer",
        "2",
        "School wins national choir award",
    ]


def test_numbered_lines_without_a_widget_header_are_not_headlines() -> None:
    text = f"{BODY}\nStep\n1\nPreheat the oven to 200C\n2\nWhisk the eggs and sugar\n"
    flagged = residue_lines(text)
    assert "Preheat the oven to 200C" not in flagged and "Whisk the eggs and sugar" not in flagged


@pytest.mark.parametrize(
    "line",
    ["Photograph:", "Image caption", "Credit: —", "Photo by", "**", "__", "*", "|", "•", "]"],
)
def test_empty_stubs_and_stray_markers_are_broken_markup(line: str) -> None:
    report = Checker({}, select=RESIDUE).check_text(f"{BODY}\n{line}\n{BODY}")
    assert [(a.rule, a.text) for a in report.annotations] == [("core/broken-markup", line)]


@pytest.mark.parametrize(
    "line",
    [
        "Photograph: Jane Doe/Reuters",
        "Credit: Sam Lee/PA",
        "***",
        "* * *",
        "---",
        "Image: Getty Images",
        "...",
    ],
)
def test_credits_and_section_breaks_are_left_alone(line: str) -> None:
    assert residue_lines(f"{BODY}\n{line}\n{BODY}") == []


def test_a_credit_term_in_a_definition_list_is_not_a_stub() -> None:
    html = f"<p>{BODY}</p><dl><dt>Credit:</dt><dd>Jane Doe</dd></dl>"
    assert Checker({}, select=RESIDUE).check_html(html).annotations == ()


@pytest.mark.parametrize(
    "sentence",
    [
        "Got a news tip? Email us at tips@example.org.",
        "If you have a story idea, contact the newsroom.",
        "Our Standards: The Example Agency Trust Principles.",
        "The Associated Press is solely responsible for all content.",
        "Comments are switched off on this story for legal reasons.",
        "Court reports are published in the public interest and in accordance with the law.",
        "Sign up to Morning Mail, our daily briefing, delivered at 6am.",
        "Listen on Apple Podcasts, Spotify or wherever you get your podcasts.",
        "Follow our politics team on Threads.",
        "This newspaper is a member of IPSO.",
        "We may earn a commission when you buy through links on this page.",
    ],
)
def test_furniture_families_are_promo(sentence: str) -> None:
    assert promo(f"{BODY}\n{sentence}\n") != []


@pytest.mark.parametrize(
    "sentence",
    [
        "Anyone with information is asked to contact police on 101.",
        "Residents were told to sign up for the new garden waste service by Friday.",
        "She said she got a tip from a neighbour.",
        "The court heard he had followed her on Instagram for months.",
        "The podcast now has 4,000 listeners, its producer said.",
        "The app lets patients download their records.",
    ],
)
def test_news_sentences_with_the_same_words_are_not_promo(sentence: str) -> None:
    assert promo(f"{BODY}\n{sentence}\n") == []


def test_a_bare_picture_credit_is_not_a_copyright_footer() -> None:
    assert promo(f"{BODY}\n© Reuters\n") == []
    assert promo(f"{BODY}\n© Copyright Example Newspapers 2024\n") != []


def test_unranked_widget_headlines_at_the_end_of_the_draft() -> None:
    text = (
        f"{BODY}\nTrending now\nBridge to close for repairs over summer\n"
        "School wins national choir award\n"
    )
    assert residue_lines(text) == [
        "Trending now",
        "Bridge to close for repairs over summer",
        "School wins national choir award",
    ]


def test_unranked_lines_before_copy_are_left_alone() -> None:
    text = (
        f"{BODY}\nMost popular\nBridge to close for repairs over summer\n"
        f"School wins national choir award\n{BODY}\n"
    )
    assert residue_lines(text) == ["Most popular"]


@pytest.mark.parametrize(
    "line", ["Votes: 1,204", "Points: 45", "Category: Best newcomer", "Topics covered: algebra"]
)
def test_result_and_listing_fields_are_not_counters_or_tags(line: str) -> None:
    assert residue_lines(f"{BODY}\n{line}\n{BODY}") == []


@pytest.mark.parametrize(
    "line", ["Shares: 120", "Tagged: housing, rents", "Filed under: Politics |"]
)
def test_social_counts_and_tag_lines_are_flagged(line: str) -> None:
    assert residue_lines(f"{BODY}\n{line}\n{BODY}") == [line]


def test_a_caption_that_lost_its_credit() -> None:
    text = f"{BODY}\nCrowds at the gates on Sunday morning. Photograph:\n"
    assert residue_lines(text) == ["Photograph:"]


@pytest.mark.parametrize(
    "line",
    [
        "He showed the jury the image:",
        "The statement read:",
        "Crowds at the gates. Photograph: Sam Lee/PA",
    ],
)
def test_lines_ending_in_a_colon_or_with_their_credit_are_left_alone(line: str) -> None:
    assert residue_lines(f"{BODY}\n{line}\n{BODY}") == []


@pytest.mark.parametrize(
    "line",
    [
        "Read the full story",
        "Keep reading",
        "4 min read",
        "Reading time: 6 minutes",
        "Listen to this story",
    ],
)
def test_reading_prompts_and_reading_times_are_flagged(line: str) -> None:
    assert residue_lines(f"{BODY}\n{line}\n{BODY}") == [line]


@pytest.mark.parametrize(
    "line",
    [
        "skip past newsletter promotion",
        "Thanks for signing up! Check your inbox.",
        "Please enter a valid email address",
    ],
)
def test_newsletter_box_lines_are_flagged(line: str) -> None:
    assert residue_lines(f"{BODY}\n{line}\n{BODY}") != []


@pytest.mark.parametrize(
    "sentence",
    [
        "Have any stories surprised you?",
        "Follow-up tests on Facebook users found no effect.",
        "Get the vaccine through the NHS app, officials said.",
        "Complaints",
    ],
)
def test_questions_headings_and_service_lines_are_not_promo(sentence: str) -> None:
    assert promo(f"{BODY}\n{sentence}\n") == []


@pytest.mark.parametrize("line", ["Live", "Popular", "Other news", "Other stories"])
def test_bare_section_words_are_left_alone(line: str) -> None:
    assert residue_lines(f"{BODY}\n{line}\n{BODY}") == []


def test_a_live_badge_and_entry_labels_in_a_live_blog() -> None:
    """ "Live" alone is a section word in other copy, but a live blog's badge in a draft
    whose entries have time headers; "Key update" and an update count are its labels."""
    blog = (
        f"Storm live: trees down across the county\nLive\n14 updates\n15:10\nKey update\n{BODY}\n"
        f"14:40\n{BODY}\n"
    )
    assert residue_lines(blog) == ["Live", "14 updates", "Key update"]
    assert residue_lines(f"{BODY}\nLive\n{BODY}") == []
