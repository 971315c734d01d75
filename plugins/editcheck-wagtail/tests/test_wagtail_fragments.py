"""What on a page gets checked, and as what: every piece of copy, labelled for the editor."""

from __future__ import annotations

from editcheck_wagtail.fragments import Fragment, page_fragments
from wagtail.rich_text import RichText
from wagtail_storykit import home
from wagtail_testsite.news.models import StoryPage


def test_rich_text_plain_text_structs_and_lists_are_checked_embeds_are_not() -> None:
    page = StoryPage(
        title="Budget <approved>",
        slug="budget",
        standfirst="<p>Standfirst.</p>",
        body=[
            ("heading", "What happened"),
            ("paragraph", RichText("<p>One.</p><p>Two.</p>")),
            ("embed", "<script>advert()</script><p>Advertisement</p>"),
            ("quote", {"text": "Line one.\nLine two.", "attribution": ""}),
            ("facts", [RichText("<p>Fact A.</p>"), RichText("<p>Fact B.</p>")]),
        ],
    )
    home().add_child(instance=page)
    assert page_fragments(StoryPage.objects.get(pk=page.pk)) == [
        Fragment("Title", "html", "<h1>Budget &lt;approved&gt;</h1>"),
        Fragment("Standfirst", "html", "<p>Standfirst.</p>"),
        Fragment("Body › block 1 (Heading)", "text", "What happened"),
        Fragment("Body › block 2 (Paragraph)", "html", "<p>One.</p><p>Two.</p>"),
        Fragment("Body › block 4 (Quote) › Text", "text", "Line one.\nLine two."),
        Fragment("Body › block 5 (Fact box) › item 1", "html", "<p>Fact A.</p>"),
        Fragment("Body › block 5 (Fact box) › item 2", "html", "<p>Fact B.</p>"),
    ]
