"""The gate in the Wagtail admin.

- ``before_publish_page`` (the Publish button, on the create and edit views): check the
  page as submitted; on ``fail``, or on ``incomplete`` unless ``FAIL_ON_INCOMPLETE`` is
  False, stop the publish and show why. The draft revision is already saved by then.
- ``before_bulk_action`` (Publish on selected pages in a listing): the same check on each
  page's latest draft; one page that blocks stops the whole action.
- ``before_edit_page`` (opening the edit view, also after saving a draft): the draft's
  findings as a warning. It never blocks: editing and saving drafts always work.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from wagtail import hooks
from wagtail.models import Page

from editcheck_wagtail import feedback
from editcheck_wagtail.conf import gate_settings
from editcheck_wagtail.gate import check_page

REPORTED = "editcheck_wagtail.reported"  # session key: a page whose findings are queued


@hooks.register("before_publish_page")
def check_before_publish(request: HttpRequest, page: Page) -> HttpResponse | None:
    """Stop the publish when the gate says so; otherwise let it through (with any notes)."""
    outcome = check_page(page)
    review_url, fail_on_incomplete = _display_settings()
    if not outcome.blocks(fail_on_incomplete=fail_on_incomplete):
        feedback.published(request, outcome, review_url)
        return None
    _keep_unpublished(request, page)
    feedback.blocked(request, outcome, review_url)
    if not request.accepts("text/html"):
        return JsonResponse(
            {
                "success": False,
                "error_code": "blocked_by_editcheck",
                "error_message": f"editcheck: {outcome.verdict}",
            },
            status=400,
        )
    _remember_reported(request, page)
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_bulk_action")
def check_before_bulk_publish(
    request: HttpRequest, action_type: str, objects: list[Any], action: Any
) -> HttpResponse | None:
    """Bulk Publish: every page it would publish (the selected pages' latest drafts, and
    their draft descendants when asked) must pass, or none is published."""
    if action_type != "publish" or not all(isinstance(o, Page) for o in objects):
        return None
    review_url, fail_on_incomplete = _display_settings()
    blocked = False
    for page in _pages_to_publish(objects, action):
        outcome = check_page(page.get_latest_revision_as_object())
        if outcome.blocks(fail_on_incomplete=fail_on_incomplete):
            blocked = True
            feedback.blocked(request, outcome, review_url)
    if blocked:
        return redirect(getattr(action, "next_url", None) or "wagtailadmin_home")
    return None


@hooks.register("before_edit_page")
def show_draft_findings(request: HttpRequest, page: Page) -> None:
    """On opening the editor, say what the draft holds; never block editing."""
    if request.method != "GET" or not request.accepts("text/html"):
        return None  # on POST the page is still the stored one, not the form being saved
    session = getattr(request, "session", None)
    if session is not None and session.pop(REPORTED, None) == page.pk:
        return None  # the publish that was just blocked already listed the findings
    outcome = check_page(page)
    review_url, fail_on_incomplete = _display_settings()
    feedback.draft(
        request, outcome, outcome.blocks(fail_on_incomplete=fail_on_incomplete), review_url
    )
    return None


def _pages_to_publish(objects: list[Page], action: Any) -> list[Page]:
    form = getattr(action, "cleaned_form", None)
    with_descendants = bool(form is not None and form.cleaned_data.get("include_descendants"))
    pages = list(objects)
    if with_descendants:
        for page in objects:
            pages.extend(page.get_descendants().not_live().specific())
    return pages


def _display_settings() -> tuple[str | None, bool]:
    """The review link and the incomplete policy; broken settings block (check_page says
    why)."""
    try:
        gate = gate_settings()
    except Exception:  # noqa: BLE001 - reported by check_page as an incomplete run
        return None, True
    return gate.review_url, gate.fail_on_incomplete


def _keep_unpublished(request: HttpRequest, page: Page) -> None:
    """Wagtail's create view adds a page to the tree as ``live`` before the hook runs; a
    publish that the gate stops must not leave it served."""
    match = getattr(request, "resolver_match", None)
    if match is not None and match.view_name == "wagtailadmin_pages:add" and page.live:
        Page.objects.filter(pk=page.pk).update(live=False)
        page.live = False


def _remember_reported(request: HttpRequest, page: Page) -> None:
    session = getattr(request, "session", None)
    if session is not None:
        session[REPORTED] = page.pk
