"""The findings as Wagtail admin messages: rule, severity, where, message, flagged text.

Every message is built with ``format_html``: the flagged text is the editor's copy and is
escaped. When a review page is configured, each message links to it.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib import messages
from django.http import HttpRequest
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString
from wagtail.admin import messages as admin_messages

from editcheck_wagtail.outcome import Finding, Outcome

MAX_LISTED = 25
TAG = "editcheck"


def blocked(request: HttpRequest, outcome: Outcome, review_url: str | None) -> None:
    """An error: publishing was stopped, and why."""
    if outcome.verdict == "fail":
        listed = outcome.blocking or outcome.findings
        head = format_html(
            "editcheck blocked publishing: {} at or above {}. The draft is saved; fix it "
            "and publish again.",
            _count(len(listed)),
            outcome.fail_on or "the threshold",
        )
        _add(request, messages.ERROR, head, listed, outcome.problems, review_url)
    else:
        head = escape(
            "editcheck blocked publishing: the check could not run or did not "
            "finish, so this page was not published. The draft is saved."
        )
        _add(request, messages.ERROR, head, outcome.findings, outcome.problems, review_url)


def published(request: HttpRequest, outcome: Outcome, review_url: str | None) -> None:
    """A warning after a publish the gate let through, when there was anything to say."""
    if outcome.verdict == "incomplete":
        head = escape(
            "editcheck could not finish checking this page; it was published "
            "because incomplete checks are allowed here."
        )
    elif outcome.findings:
        head = format_html(
            "editcheck notes on the published page (below {}, so they do not block):",
            outcome.fail_on or "any threshold",
        )
    else:
        return
    _add(request, messages.WARNING, head, outcome.findings, outcome.problems, review_url)


def draft(
    request: HttpRequest, outcome: Outcome, would_block: bool, review_url: str | None
) -> None:
    """A warning on the edit view: what the current draft holds (drafts are never blocked)."""
    if outcome.verdict == "fail":
        head = format_html(
            "editcheck: this draft has {} at or above {}; publishing it will be blocked.",
            _count(len(outcome.blocking or outcome.findings)),
            outcome.fail_on or "the threshold",
        )
    elif outcome.verdict == "incomplete":
        then = "will be blocked until it can" if would_block else "is still allowed"
        head = format_html("editcheck could not finish checking this draft; publishing {}.", then)
    elif outcome.findings:
        head = escape("editcheck notes on this draft (they do not block publishing):")
    else:
        return
    _add(request, messages.WARNING, head, outcome.findings, outcome.problems, review_url)


def _add(
    request: HttpRequest,
    level: int,
    head: SafeString,
    findings: Sequence[Finding],
    problems: Sequence[str],
    review_url: str | None,
) -> None:
    items = [_finding(f) for f in findings[:MAX_LISTED]]
    if len(findings) > MAX_LISTED:
        items.append(format_html("and {} more", len(findings) - MAX_LISTED))
    items.extend(format_html("{}", p) for p in problems)
    detail = format_html(
        '<ul class="editcheck-findings">{}</ul>',
        format_html_join("", "<li>{}</li>", ((i,) for i in items)),
    )
    buttons = (
        [admin_messages.button(review_url, "Open the editcheck review page", True)]
        if review_url
        else None
    )
    text = admin_messages.render(head, buttons, detail=detail)
    messages.add_message(request, level, text, extra_tags=TAG)


def _finding(f: Finding) -> SafeString:
    return format_html(
        "<code>{}</code> ({}) in {}: {} <q>{}</q>", f.rule, f.severity, f.where, f.message, f.text
    )


def _count(n: int) -> str:
    return f"{n} finding" if n == 1 else f"{n} findings"
