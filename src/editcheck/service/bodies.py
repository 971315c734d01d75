"""Reading a request's body: only the media types a route accepts, never past the limit.

A web page can send ``text/plain`` (or a form) to a local service without a CORS
preflight, so the API reads only ``application/json``: such a request must not get a
draft checked (415). The one route that takes a form, ``POST /review``, only opens the
review page with the draft in it; it checks nothing by itself.
"""

from __future__ import annotations

import asyncio

from starlette.requests import ClientDisconnect, Request

from editcheck.service.problems import Problem

BODY_SECONDS = 10.0  # how long a request's body may take to arrive
JSON_TYPES = ("application/json",)
FORM_TYPES = ("application/x-www-form-urlencoded",)


def media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


async def read_body(request: Request, accept: tuple[str, ...] = JSON_TYPES) -> bytes:
    """The body, refused with 413 as soon as it passes the limit (before reading it all),
    with 415 when its media type is not one of ``accept`` (``+json`` types count as
    JSON), and with 408 when it trickles in slower than :data:`BODY_SECONDS`."""
    kind = media_type(request)
    json_ok = "application/json" in accept and kind.endswith("+json")
    if kind not in accept and not json_ok:
        raise Problem(
            415,
            f"send the body as {' or '.join(accept)} (got {kind or 'no Content-Type'})",
            slug="unsupported-media-type",
        )
    limit = request.app.state.settings.max_body_bytes
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit:
        raise Problem(413, f"the body is {int(length):,} bytes; the limit is {limit:,}")
    chunks: list[bytes] = []

    async def read() -> None:
        size = 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise Problem(413, f"the body is over the limit of {limit:,} bytes")
            chunks.append(chunk)

    try:  # a client that trickles its body must not hold a worker's connection for ever
        await asyncio.wait_for(read(), BODY_SECONDS)
    except TimeoutError:
        raise Problem(408, f"the body did not arrive within {BODY_SECONDS:g} s") from None
    except ClientDisconnect:  # gone before its body was read: nobody to answer, nothing to log
        raise Problem(400, "the client closed the connection before sending its body") from None
    return b"".join(chunks)
