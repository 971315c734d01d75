"""RFC 9457 problem details: every error the service answers is ``application/problem+json``.

A CMS plugin can branch on ``status`` and show ``detail`` to an editor; nothing about the
server's internals (paths, stack traces) ever reaches the client.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from starlette.responses import Response

PROBLEM_TYPE = "application/problem+json"
_TYPE_BASE = "https://editcheck.invalid/problems/"
_TITLES = {
    400: "Malformed request body",
    401: "Authentication required",
    404: "Not found",
    405: "Method not allowed",
    413: "Request body too large",
    408: "Request timeout",
    415: "Unsupported media type",
    421: "Misdirected request",
    422: "Invalid request fields",
    500: "Internal server error",
    503: "Not ready",
}


class Problem(Exception):
    """Raised inside a route to answer with a problem document."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        slug: str | None = None,
        errors: Sequence[dict[str, str]] = (),
        headers: dict[str, str] | None = None,
    ):
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.slug = slug
        self.errors = list(errors)
        self.headers = headers or {}


def problem_body(
    status: int,
    detail: str,
    *,
    slug: str | None = None,
    instance: str | None = None,
    errors: Sequence[dict[str, str]] = (),
) -> dict[str, Any]:
    """The problem document: ``type``, ``title``, ``status``, ``detail`` (+ ``errors``)."""
    title = _TITLES.get(status, "Error")
    body: dict[str, Any] = {
        "type": _TYPE_BASE + (slug or title.lower().replace(" ", "-")),
        "title": title,
        "status": status,
        "detail": detail,
    }
    if instance:
        body["instance"] = instance
    if errors:
        body["errors"] = list(errors)
    return body


def problem_response(
    status: int,
    detail: str,
    *,
    slug: str | None = None,
    instance: str | None = None,
    errors: Sequence[dict[str, str]] = (),
    headers: dict[str, str] | None = None,
) -> Response:
    """A ready response carrying a problem document."""
    body = problem_body(status, detail, slug=slug, instance=instance, errors=errors)
    # Close after an error: a refused body may be partly unread, and the client's next
    # request must start on a clean connection.
    sent = {"Connection": "close", **(headers or {})}
    return Response(json.dumps(body), status_code=status, media_type=PROBLEM_TYPE, headers=sent)


def from_problem(exc: Problem, instance: str | None = None) -> Response:
    """The response for a raised :class:`Problem`."""
    return problem_response(
        exc.status,
        exc.detail,
        slug=exc.slug,
        instance=instance,
        errors=exc.errors,
        headers=exc.headers,
    )
