"""What an editor sees from the page-residue rules, and how a newsroom tunes them."""

from __future__ import annotations

from typing import Any

from editcheck.annotations import Annotation
from editcheck.api import Checker

RESIDUE = ["category:page-residue"]


def text_hits(text: str, config: dict[str, Any] | None = None) -> list[Annotation]:
    return list(Checker(config or {}, select=RESIDUE).check_text(text).annotations)


def html_hits(html: str, config: dict[str, Any] | None = None) -> list[Annotation]:
    return list(Checker(config or {}, select=RESIDUE).check_html(html).annotations)


LIVE = (
    "Live: storm updates\n"
    "10 mins ago\nThe bridge has reopened to traffic in both directions, police said.\n"
    "1 hour ago\nWinds of 80mph were recorded on the coast earlier this morning.\n"
)


def test_live_blog_entry_headers_are_not_residue() -> None:
    assert not [a for a in text_hits(LIVE) if a.rule == "core/stray-timestamp"]


def test_one_timestamp_before_a_paragraph_is_still_residue() -> None:
    text = "Storm latest\n10 mins ago\nThe bridge has reopened to traffic in both directions.\n"
    assert [a.text for a in text_hits(text)] == ["10 mins ago"]


def test_page_stamp_above_a_live_blog_is_still_residue() -> None:
    text = "Updated 3 mins ago\n" + LIVE.replace("10 mins ago", "14:05 GMT")
    stamps = [a.text for a in text_hits(text) if a.rule == "core/stray-timestamp"]
    assert stamps == ["Updated 3 mins ago"]


def test_live_blog_threshold_is_an_option() -> None:
    config = {"rules": {"core/stray-timestamp": {"live-blog-min-entries": 3}}}
    stamps = [a.text for a in text_hits(LIVE, config) if a.rule == "core/stray-timestamp"]
    assert stamps == ["10 mins ago", "1 hour ago"]


def test_allow_list_keeps_a_newsroom_line() -> None:
    text = "Advertisement\nThe story continues here with more words than six.\n"
    assert [a.rule for a in text_hits(text)] == ["core/interface-string"]
    config = {"rules": {"core/interface-string": {"allow": ["^Advertisement$"]}}}
    assert text_hits(text, config) == []


def test_extra_interface_strings() -> None:
    text = "Listen to the podcast\nThe story continues here with more words.\n"
    assert text_hits(text) == []
    config = {"rules": {"core/interface-string": {"extra-strings": ["Listen to the podcast"]}}}
    assert [a.text for a in text_hits(text, config)] == ["Listen to the podcast"]


def test_numbers_in_table_cells_and_sentences_are_not_counters() -> None:
    html = (
        "<table><tr><td>Arsenal</td><td>5</td></tr></table>"
        "<p>5</p><p>Five people were hurt, and 5 more were treated at the scene.</p>"
    )
    hits = [a for a in html_hits(html) if a.rule == "core/orphan-counter"]
    assert [(a.text, a.block.xpath) for a in hits] == [("5", "/html/body/p[1]")]


def test_markup_in_code_blocks_is_left_alone() -> None:
    html = (
        "<pre>![alt](https://example.com/x.png)</pre><p>See ![alt](https://example.com/x.png)</p>"
    )
    hits = [a for a in html_hits(html) if a.rule == "core/broken-markup"]
    assert hits and {a.block.xpath for a in hits} == {"/html/body/p"}


def test_blank_run_is_one_annotation_with_its_length() -> None:
    hits = text_hits("One.\n\n\n\n\nTwo.\n\nThree.\n")
    runs = [a for a in hits if a.rule == "core/empty-lines"]
    assert len(runs) == 1 and runs[0].line == 2 and runs[0].data["lines"] == 4


def test_empty_paragraph_runs_in_html() -> None:
    single = html_hits("<p>One.</p><p><br></p><p>Two.</p>")
    assert not [a for a in single if a.rule == "core/empty-lines"]
    run = html_hits("<p>One.</p><p><br></p><p>&nbsp;</p><p></p><p>Two.</p>")
    assert [a.data["lines"] for a in run if a.rule == "core/empty-lines"] == [3]


def test_invisible_characters_name_the_codepoint() -> None:
    hits = text_hits(
        "Soft\u00adhyphen and zero\u200bwidth, but emoji \U0001f468\u200d\U0001f469 stay.\n"
    )
    assert [a.data["codepoint"] for a in hits] == ["U+00AD", "U+200B"]


PAGE = """<html><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav></header>
<main><article>
<h1>Bridge reopens</h1>
<div class="share-tools"><p>Share on social media</p></div>
<div class="story-body">
<p>The Tyne bridge reopened on Monday after six months of repairs, the council said,
and traffic was flowing normally by the evening rush hour.</p>
<h2>Cost of the work</h2>
<ul><li>Steel repairs</li><li>New road surface</li></ul>
<p>The repairs cost £4m, about half of which was paid by the government, according to
figures published by the council on Friday.</p>
<p>By Sam Lee</p>
<div class="article-tags"><p>Tags: Transport, Newcastle</p></div>
</div></article>
<aside><h3>Most read</h3>
<ul><li><a href="/a">Council tax rise agreed after long debate</a></li></ul></aside>
</main>
<footer><p>About us</p><p><a href="/privacy">Privacy</a></p></footer>
</body></html>"""


def _furniture(html: str, config: dict[str, Any] | None = None) -> set[str]:
    report = Checker(config or {}, select=["core/page-furniture"]).check_html(html)
    return {a.text for a in report.annotations}


def test_page_furniture_flags_chrome_not_copy() -> None:
    flagged = _furniture(PAGE)
    assert {
        "Home",
        "News",
        "Share on social media",
        "Most read",
        "About us",
        "Privacy",
        "Council tax rise agreed after long debate",
        "Tags: Transport, Newcastle",
    } <= flagged
    copy = {"Cost of the work", "Steel repairs", "New road surface", "By Sam Lee"}
    assert not flagged & copy
    assert not any(t.startswith(("The Tyne bridge", "The repairs cost")) for t in flagged)


def test_page_furniture_is_silent_on_a_cms_fragment() -> None:
    fragment = PAGE.split("<main>")[1].split("<aside>")[0]
    assert _furniture(fragment) == set()


def test_keep_lines_is_configurable_inside_the_article() -> None:
    config = {"rules": {"core/page-furniture": {"keep-lines": ["^Tags:", "^Most read$"]}}}
    flagged = _furniture(PAGE, config)
    assert "Tags: Transport, Newcastle" not in flagged
    assert "Most read" in flagged  # outside the article a kept line is still chrome


# Live blogs (issue 14): a relative time ending an entry's body, "TK" before a date.
def test_a_relative_time_ending_an_entry_body_is_residue_even_with_headers() -> None:
    text = (
        "23:05 4 hours ago\nTurnout was 31.8 per cent, the returning officer said. Updated "
        "4 hours ago\n23:40 3 hours ago\nReplacement buses are full, passengers say, with "
        "people left on the kerb. 47 minutes ago\n"
    )
    found = [(a.rule, a.text) for a in text_hits(text) if a.rule == "core/stray-timestamp"]
    assert found == [
        ("core/stray-timestamp", "Updated 4 hours ago"),
        ("core/stray-timestamp", "47 minutes ago"),
    ]


def test_a_relative_time_inside_a_sentence_or_quote_is_copy() -> None:
    text = (
        '"An hour ago I was still stuck behind a tractor," she said.\n'
        "Two hours ago the count had barely started, officials said.\n"
    )
    assert [a for a in text_hits(text) if a.rule == "core/stray-timestamp"] == []


def test_tk_before_a_weekday_or_month_is_a_placeholder_tk_maxx_is_not() -> None:
    text = "Results will be published TK Friday. TK Maxx will open on Friday.\nDue TK January.\n"
    found = [a.text for a in text_hits(text) if a.rule == "core/placeholder"]
    assert found == ["TK", "TK"]


# Mojibake (issue 14): repaired with ftfy, accented names and symbols left alone.
def test_mojibake_is_flagged_with_its_repair() -> None:
    text = (
        "Plans by a cafÃ©â€™s owner were refused. â€œNot persuadedâ€, the committee said, "
        "and AcademyÃ¢â‚¬â„¢s fees rose to Â£45 at 18Â°C.\n"
    )
    found = {a.text: a.suggestion for a in text_hits(text) if a.rule == "core/mojibake"}
    assert found == {
        "cafÃ©â€™s": "café’s",
        "â€œNot": "“Not",
        "persuadedâ€,": "persuaded”,",
        "AcademyÃ¢â‚¬â„¢s": "Academy’s",
        "Â£45": "£45",
        "18Â°C.": "18°C.",
    }


def test_accented_names_symbols_and_maths_are_not_mojibake() -> None:
    text = (
        "José Álvarez met Zoë Müller, Ângela Sousa and Søren Ærø in São Paulo and Âncora.\n"
        "Nguyễn Thị Lan, Łukasz Wójcik, Ólafur Sigurðsson and Åsa Öberg visited Tŷ Gŵyl.\n"
        "It cost €12,000, or ½ of £24; at 34°C, x² − 3x ≥ 4 ± 5 µg ≈ it’s fine.\n"
    )
    assert [a for a in text_hits(text) if a.rule == "core/mojibake"] == []
