"""The service as an ASGI app for a server the ops team runs itself.

    EDITCHECK_SERVE_CONFIG=/etc/editcheck/editcheck.toml \\
    EDITCHECK_SERVE_ALLOWED_HOSTS=editcheck.internal \\
    uvicorn --factory editcheck.service.asgi:create_app --host 0.0.0.0 --port 8750

    gunicorn -k uvicorn.workers.UvicornWorker 'editcheck.service.asgi:create_app()'

Settings come from the environment, as ``editcheck serve`` hands them to its own workers
(:mod:`editcheck.service.settings`): ``EDITCHECK_SERVE_CONFIG`` (the config path; plugins
load from it only), ``EDITCHECK_SERVE_TIME_BUDGET``, ``EDITCHECK_SERVE_MAX_BODY_BYTES``,
``EDITCHECK_SERVE_MAX_BATCH``, ``EDITCHECK_SERVE_CORS_ORIGINS`` and
``EDITCHECK_SERVE_ALLOWED_HOSTS`` (space-separated), and the token in ``EDITCHECK_TOKEN``
or a file named by ``EDITCHECK_SERVE_TOKEN_FILE``. A value that is not a number where a
number is due stops the app from starting, naming the variable.

What differs from ``editcheck serve``, and why it stays fail-closed:

- **Checks still run in a killable child process**, one per server worker, exactly as
  under ``serve`` (the app is the same app): a check stuck in C code is killed and the
  answer is ``incomplete``, a child that dies answers 503. The child starts in the ASGI
  lifespan; a server run with the lifespan off starts it on the first check instead, and
  ``/readyz`` answers 503 until then.
- **No port lock.** The lock stops a second ``editcheck serve`` from joining a port with
  SO_REUSEPORT; here the port, and how many workers share it, are the ops server's.
- **Host names are loopback-only unless named.** ``serve`` accepts any Host when told to
  bind beyond loopback; the factory cannot see where it is bound, so without
  ``EDITCHECK_SERVE_ALLOWED_HOSTS`` it answers only requests addressed to ``localhost``,
  ``127.0.0.1`` or ``::1`` (421 otherwise). Name the host names the proxy sends, or
  ``*`` for any (when the proxy in front checks them).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping

from starlette.applications import Starlette

from editcheck.errors import ConfigError
from editcheck.service.app import create_app as _create_app
from editcheck.service.settings import settings_from_env

log = logging.getLogger("editcheck.service")
ALLOWED_HOSTS_ENV = "EDITCHECK_SERVE_ALLOWED_HOSTS"
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")
_NUMBERS = {
    "EDITCHECK_SERVE_MAX_BODY_BYTES": int,
    "EDITCHECK_SERVE_TIME_BUDGET": float,
    "EDITCHECK_SERVE_MAX_BATCH": int,
}


def create_app(env: Mapping[str, str] | None = None) -> Starlette:
    """The editcheck service app, configured from ``env`` (default: the environment).

    Raises :class:`~editcheck.errors.ConfigError` for a setting it cannot honour, so the
    server refuses to start rather than serve with defaults it was not given.
    """
    env = dict(os.environ if env is None else env)
    for name, kind in _NUMBERS.items():
        value = env.get(name)
        if value is None:
            continue
        try:
            number = kind(value)
        except ValueError:
            raise ConfigError(f"{name}={value!r} is not a number") from None
        if number < 0 or (number == 0 and name != "EDITCHECK_SERVE_TIME_BUDGET"):
            raise ConfigError(f"{name}={value!r} must be more than 0")
    hosts = env.get(ALLOWED_HOSTS_ENV, "").split()
    if hosts == ["*"]:
        env[ALLOWED_HOSTS_ENV] = ""  # any Host: the proxy in front is trusted to check it
    elif not hosts:
        env[ALLOWED_HOSTS_ENV] = " ".join(LOOPBACK_NAMES)
    elif "*" in hosts:
        raise ConfigError(f"{ALLOWED_HOSTS_ENV}: '*' means any host and stands alone")
    settings = settings_from_env(env)
    if settings.token is None and settings.allowed_hosts != LOOPBACK_NAMES:
        log.warning("editcheck: serving beyond loopback names without a token (EDITCHECK_TOKEN)")
    return _create_app(settings)
