"""A news story as a newsroom builds one: rich-text standfirst, a StreamField body with
rich text, plain text, a struct (quote), a list (fact box) and an embed."""

from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page


class StoryPage(Page):
    standfirst = RichTextField(blank=True)
    body = StreamField(
        [
            ("heading", blocks.CharBlock()),
            ("paragraph", blocks.RichTextBlock()),
            ("text", blocks.TextBlock()),
            (
                "quote",
                blocks.StructBlock(
                    [
                        ("text", blocks.TextBlock()),
                        ("attribution", blocks.CharBlock(required=False)),
                    ]
                ),
            ),
            ("facts", blocks.ListBlock(blocks.RichTextBlock(), label="Fact box")),
            ("embed", blocks.RawHTMLBlock()),
        ],
        blank=True,
    )

    content_panels = [*Page.content_panels, FieldPanel("standfirst"), FieldPanel("body")]
