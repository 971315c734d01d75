"""The gate in the Wagtail admin, in-process (the Python API): publish is blocked on
findings and on an incomplete check, drafts are never blocked, the messages say why."""

from __future__ import annotations

import pytest
from django.core import checks
from django.test import override_settings
from django.urls import reverse
from wagtail_storykit import (
    BAD_BODY,
    FIXED_BODY,
    PROBES,
    create_story,
    edit_story,
    messages_text,
    plain,
    story,
    story_form,
)

FOUND = {  # rule -> flagged text, for the residue in BAD_BODY
    "core/broken-markup": ".png)",
    "core/stray-timestamp": "6 hours ago",
    "core/interface-string": "Advertisement",
    "core/placeholder": "TK",
}


def test_a_page_with_residue_is_not_published_and_the_fixed_page_is(editor) -> None:
    response = create_story(editor, story_form(BAD_BODY, action="publish"))
    page = story()
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_pages:edit", args=(page.pk,))
    assert not page.live
    assert editor.get(page.url).status_code == 404  # not served to readers

    (message,) = messages_text(response)
    assert message.startswith("editcheck blocked publishing: 5 findings at or above warning")
    for rule, text in FOUND.items():
        assert rule in message and f"{text}" in message
    # each finding says where it is, down to nested struct and list blocks
    assert "in Body › block 1 (Paragraph): Stray relative timestamp '6 hours ago'" in message
    assert "in Body › block 3 (Quote) › Text: Placeholder 'TK'" in message
    assert "in Body › block 4 (Fact box) › item 2: Interface text 'Share this article'" in message

    edit_view = plain(editor.get(response.url))  # the editor it redirects to shows it, once
    assert edit_view.count("editcheck blocked publishing") == 1
    assert "core/stray-timestamp" in edit_view and "publishing it will be blocked" not in edit_view

    response = edit_story(editor, page, story_form(FIXED_BODY, action="publish"))
    page = story()
    assert response.status_code == 302 and page.live
    assert messages_text(response) == []
    served = editor.get(page.url).content.decode()
    assert "seven to three" in served and "6 hours ago" not in served


def test_a_blocked_edit_of_a_live_page_keeps_the_published_version_live(editor) -> None:
    create_story(editor, story_form(FIXED_BODY, action="publish"))
    page = story()
    assert page.live

    response = edit_story(editor, page, story_form(BAD_BODY, action="publish"))
    assert "editcheck blocked publishing" in messages_text(response)[0]
    page = story()
    assert page.live and page.has_unpublished_changes
    served = editor.get(page.url).content.decode()
    assert "seven to three" in served and "6 hours ago" not in served
    draft = page.get_latest_revision_as_object()  # the editor's work is kept as a draft
    assert "6 hours ago" in str(draft.body.raw_data)


def test_saving_a_draft_is_never_blocked_and_the_editor_shows_its_findings(editor) -> None:
    response = create_story(editor, story_form(BAD_BODY, action=None))
    page = story()
    assert response.status_code == 302 and not page.live
    assert messages_text(response) == []

    edit_view = plain(editor.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))))
    assert edit_view.count("editcheck: this draft") == 1
    shown = edit_view.split("editcheck: this draft", 1)[1]
    assert shown.startswith(" has 5 findings at or above warning; publishing it will be blocked.")
    assert "core/placeholder (error) in Body › block 3 (Quote) › Text" in shown


@pytest.mark.parametrize("fail_on, blocked", [("error", True), ("never", False)])
def test_fail_on_sets_what_blocks(editor, fail_on: str, blocked: bool) -> None:
    only_warnings = [("text", "Advertisement")]
    with override_settings(EDITCHECK={"FAIL_ON": fail_on, "CONFIG": {"select": ["core/*"]}}):
        create_story(editor, story_form(only_warnings, action="publish"))
        assert story().live
        response = edit_story(
            editor,
            story(),
            story_form([*only_warnings, ("text", "Turnout was TK.")], action="publish"),
        )
    (message,) = messages_text(response)
    assert story().has_unpublished_changes is blocked
    if blocked:
        assert message.startswith("editcheck blocked publishing: 1 finding at or above error")
        assert "core/placeholder" in message and "core/interface-string" not in message
    else:
        assert message.startswith("editcheck notes on the published page")
        assert "core/placeholder" in message and "core/interface-string" in message


PROBE_CASES = {
    # a plugin (loaded from a plugins folder) whose check raises on every draft
    "crash": (
        {"plugins-dir": str(PROBES / "raising")},
        {},
        "Nothing to see here.",
        "check probe.raises failed: RuntimeError: probe check crashed",
    ),
    # a plugin whose check never ends on SLOW-DOWN; TIMEOUT stops it
    "timeout": (
        {"plugins-dir": str(PROBES / "slow")},
        {"TIMEOUT": 0.5},
        "Nothing to see here. SLOW-DOWN",
        "check probe.slow ran out of time",
    ),
}


@pytest.mark.parametrize("case", sorted(PROBE_CASES))
@pytest.mark.parametrize("allow_incomplete", [False, True])
def test_an_incomplete_check_blocks_unless_allowed(
    editor, case: str, allow_incomplete: bool
) -> None:
    config, extra, text, problem = PROBE_CASES[case]
    gate = {
        "FAIL_ON": "warning",
        "CONFIG": {"select": ["core/*", "probe/*"], **config},
        **extra,
        "FAIL_ON_INCOMPLETE": not allow_incomplete,
    }
    with override_settings(EDITCHECK=gate):
        response = create_story(editor, story_form([("text", text)], action="publish"))
    (message,) = messages_text(response)
    assert problem in message
    assert story().live is allow_incomplete
    if allow_incomplete:
        assert message.startswith("editcheck could not finish checking this page; it was published")
    else:
        assert message.startswith(
            "editcheck blocked publishing: the check could not run or did not finish"
        )


def test_a_misspelt_setting_blocks_publishing_and_fails_the_system_check(editor) -> None:
    with override_settings(EDITCHECK={"FAIL_ON": "warnings"}):
        errors = [e for e in checks.run_checks() if e.id.startswith("editcheck_wagtail")]
        response = create_story(editor, story_form(FIXED_BODY, action="publish"))
    assert [e.id for e in errors] == ["editcheck_wagtail.E001"]
    assert "fail-on must be one of error, warning, info, never" in errors[0].msg
    (message,) = messages_text(response)
    assert "editcheck blocked publishing" in message and "editcheck is misconfigured" in message
    assert not story().live


def test_bulk_publish_is_refused_while_a_selected_draft_fails(editor) -> None:
    create_story(editor, story_form(BAD_BODY, action=None))
    page = story()
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    response = editor.post(f"{url}?id={page.pk}", {"include_descendants": ""})
    assert not story().live
    assert any(
        m.startswith("editcheck blocked publishing: 5 findings") for m in messages_text(response)
    )

    edit_story(editor, page, story_form(FIXED_BODY, action=None))
    editor.post(f"{url}?id={page.pk}", {"include_descendants": ""})
    assert story().live
