"""Build and submit story pages through the Wagtail admin, as an editor's browser would.

The POST data is the admin form's own format (Draftail rich text, StreamField and
ListBlock counters), built with Wagtail's ``wagtail.test.utils.form_data`` helpers.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import Page, Site
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

PROBES = Path(__file__).resolve().parent / "editcheck_probes"  # editcheck plugins folders

# A story with residue in each kind of field: rich text, plain text, a struct, a list.
BAD_BODY: list[tuple[str, Any]] = [
    (
        "paragraph",
        "<p>Councillors met for three hours, the clerk said.</p><p>.png) 6 hours ago</p>",
    ),
    ("text", "Advertisement"),
    ("quote", {"text": "The vote was TK to 3.", "attribution": "the clerk"}),
    ("facts", ["<p>The budget is balanced, the treasurer said.</p>", "<p>Share this article</p>"]),
]
FIXED_BODY: list[tuple[str, Any]] = [
    ("paragraph", "<p>Councillors met for three hours, the clerk said.</p>"),
    ("quote", {"text": "The vote was seven to three, the clerk said.", "attribution": "the clerk"}),
    ("facts", ["<p>The budget is balanced, the treasurer said.</p>"]),
]
STANDFIRST = "<p>The council approved the budget on Tuesday, the mayor said.</p>"


def home() -> Page:
    return Site.objects.get(is_default_site=True).root_page


def story_form(
    body: list[tuple[str, Any]],
    *,
    action: str | None,
    title: str = "Council approves budget",
    slug: str = "council-approves-budget",
    standfirst: str = STANDFIRST,
) -> dict[str, str]:
    """The admin form's POST data; ``action`` is ``publish`` or None (save a draft)."""
    items = [(kind, _block_form(kind, value)) for kind, value in body]
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "standfirst": rich_text(standfirst),
            "body": streamfield(items),
        }
    )
    if action:
        data[f"action-{action}"] = action
    return data


def _block_form(kind: str, value: Any) -> Any:
    if kind == "paragraph":
        return rich_text(value)
    if kind == "facts":
        rows = {
            str(i): {"value": rich_text(v), "deleted": "", "order": str(i), "id": ""}
            for i, v in enumerate(value)
        }
        return {**rows, "count": str(len(value))}
    return value


def create_story(client: Any, data: dict[str, str], parent: Page | None = None) -> Any:
    parent = parent or home()
    url = reverse("wagtailadmin_pages:add", args=("news", "storypage", parent.pk))
    return client.post(url, data)


def edit_story(client: Any, page: Page, data: dict[str, str]) -> Any:
    return client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data)


def story(slug: str = "council-approves-budget") -> Any:
    from wagtail_testsite.news.models import StoryPage

    return StoryPage.objects.get(slug=slug)


def messages_text(response: Any) -> list[str]:
    """The editcheck messages this request added, as the plain text an editor reads.

    (Messages left by earlier requests stay pending until a page shows them; only the ones
    queued by this request are wanted here.)
    """
    queued = get_messages(response.wsgi_request)._queued_messages  # type: ignore[attr-defined]
    return [_text(str(m.message)) for m in queued if "editcheck" in m.extra_tags.split()]


def plain(response: Any) -> str:
    """A rendered page as text (tags dropped, whitespace collapsed)."""
    return _text(response.content.decode())


def _text(markup: str) -> str:
    markup = re.sub(r"<(script|style|template)\b.*?</\1>", " ", markup, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())
