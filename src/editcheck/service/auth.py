"""Optional bearer-token auth for the API routes (``/v1/...``).

The review page, its static files and the health probes stay open so a load balancer and
an editor's browser can reach them; the page sends the token the editor types. Tokens are
compared with :func:`hmac.compare_digest` so the time taken does not leak how much of a
guessed token was right. A CORS preflight (``OPTIONS``) never carries credentials, so it
is answered by the CORS layer outside this one.
"""

from __future__ import annotations

import hmac

from starlette.types import ASGIApp, Receive, Scope, Send

from editcheck.service.problems import problem_response

PROTECTED_PREFIX = "/v1/"


class BearerAuth:
    """ASGI middleware: 401 problem for ``/v1/...`` without ``Authorization: Bearer TOKEN``."""

    def __init__(self, app: ASGIApp, token: str) -> None:
        self.app = app
        self._token = token.encode("utf-8")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(PROTECTED_PREFIX):
            await self.app(scope, receive, send)
            return
        if self._authorised(scope):
            await self.app(scope, receive, send)
            return
        response = problem_response(
            401,
            "send the service's token as 'Authorization: Bearer TOKEN'",
            headers={"WWW-Authenticate": 'Bearer realm="editcheck"'},
        )
        await response(scope, receive, send)

    def _authorised(self, scope: Scope) -> bool:
        for name, value in scope.get("headers", []):
            if name == b"authorization":
                scheme, _, given = value.partition(b" ")
                if scheme.lower() == b"bearer":
                    return hmac.compare_digest(given.strip(), self._token)
        return False


class HostAllowList:
    """ASGI middleware: 421 problem for a request whose ``Host`` is not an allowed name.

    A server on 127.0.0.1 is reachable from any web page the editor opens, through a DNS
    name that an attacker rebinds to 127.0.0.1; the browser then sends that name as
    ``Host``. Accepting only the loopback names closes that door (DNS rebinding).
    """

    def __init__(self, app: ASGIApp, hosts: tuple[str, ...]) -> None:
        self.app = app
        self._hosts = {h.lower().strip("[]") for h in hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self._allowed(scope):
            await self.app(scope, receive, send)
            return
        response = problem_response(
            421, "this server does not answer for that host name (see --allow-host)"
        )
        await response(scope, receive, send)

    def _allowed(self, scope: Scope) -> bool:
        for name, value in scope.get("headers", []):
            if name == b"host":
                host = value.decode("latin-1").lower()
                if host.startswith("["):  # [::1]:8750
                    host = host[1 : host.find("]")] if "]" in host else host
                else:
                    host = host.rsplit(":", 1)[0]
                return host in self._hosts
        return False  # HTTP/1.1 requires Host; without one, nothing to check against
