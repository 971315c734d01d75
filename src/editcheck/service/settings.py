"""What a server runs with, passed from ``editcheck serve`` to each worker process.

uvicorn starts workers as fresh processes that import the app by name, so the settings
travel in environment variables (``EDITCHECK_SERVE_*``). The bearer token itself never
goes on a command line: it comes from ``EDITCHECK_TOKEN`` or from a file named here.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from editcheck.errors import ConfigError

TOKEN_ENV = "EDITCHECK_TOKEN"
_PREFIX = "EDITCHECK_SERVE_"
DEFAULT_MAX_BODY = 2_000_000
DEFAULT_TIME_BUDGET = 5.0
# Resident memory a check process (or a server worker) may reach before it is replaced:
# a 2 MB draft needs well under 25 times its size over a ~200 MB process.
DEFAULT_MEMORY_LIMIT_MB = 1024


@dataclass(frozen=True, slots=True)
class ServiceSettings:
    """Limits, auth and CORS for one server; plugins come only from ``config``."""

    config: Path | None = None
    max_body_bytes: int = DEFAULT_MAX_BODY
    time_budget: float | None = DEFAULT_TIME_BUDGET
    token: str | None = field(default=None, repr=False)
    cors_origins: tuple[str, ...] = ()
    max_batch: int = 50
    # Host header names accepted (empty: any). A server on loopback accepts only loopback
    # names, so a web page cannot reach it through a DNS name rebound to 127.0.0.1.
    allowed_hosts: tuple[str, ...] = ()
    # Resident set size (MB) past which a check process or worker is killed and replaced
    # (None: no limit). A request whose check process is killed gets a 503 problem.
    memory_limit_mb: int | None = DEFAULT_MEMORY_LIMIT_MB
    # Origins that may embed the review page in a frame (CSP frame-ancestors) and talk to
    # it with postMessage; empty: no framing at all.
    frame_ancestors: tuple[str, ...] = ()

    def to_env(self, token_file: Path | None = None) -> dict[str, str]:
        """Environment for worker processes (the token is passed by file or left in env)."""
        env = {
            f"{_PREFIX}MAX_BODY_BYTES": str(self.max_body_bytes),
            f"{_PREFIX}TIME_BUDGET": str(self.time_budget or 0),
            f"{_PREFIX}CORS_ORIGINS": " ".join(self.cors_origins),
            f"{_PREFIX}MAX_BATCH": str(self.max_batch),
            f"{_PREFIX}ALLOWED_HOSTS": " ".join(self.allowed_hosts),
            f"{_PREFIX}MEMORY_LIMIT_MB": str(self.memory_limit_mb or 0),
            f"{_PREFIX}FRAME_ANCESTORS": " ".join(self.frame_ancestors),
        }
        if self.config is not None:
            env[f"{_PREFIX}CONFIG"] = str(self.config.resolve())
        if token_file is not None:
            env[f"{_PREFIX}TOKEN_FILE"] = str(token_file.resolve())
        return env


def read_token_file(path: Path) -> str:
    """The token in ``path`` (surrounding whitespace dropped); empty is an error."""
    try:
        token = path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the token file: {exc.strerror}") from exc
    if not token:
        raise ConfigError(f"{path}: the token file is empty")
    return token


def settings_from_env(env: Mapping[str, str] | None = None) -> ServiceSettings:
    """Rebuild the settings inside a worker from what ``to_env`` wrote."""
    env = os.environ if env is None else env
    token_file = env.get(f"{_PREFIX}TOKEN_FILE")
    token = read_token_file(Path(token_file)) if token_file else (env.get(TOKEN_ENV) or None)
    config = env.get(f"{_PREFIX}CONFIG")
    budget = float(env.get(f"{_PREFIX}TIME_BUDGET", DEFAULT_TIME_BUDGET))
    return ServiceSettings(
        config=Path(config) if config else None,
        max_body_bytes=int(env.get(f"{_PREFIX}MAX_BODY_BYTES", DEFAULT_MAX_BODY)),
        time_budget=budget or None,
        token=token,
        cors_origins=tuple(env.get(f"{_PREFIX}CORS_ORIGINS", "").split()),
        max_batch=int(env.get(f"{_PREFIX}MAX_BATCH", 50)),
        allowed_hosts=tuple(env.get(f"{_PREFIX}ALLOWED_HOSTS", "").split()),
        memory_limit_mb=int(env.get(f"{_PREFIX}MEMORY_LIMIT_MB", DEFAULT_MEMORY_LIMIT_MB)) or None,
        frame_ancestors=tuple(env.get(f"{_PREFIX}FRAME_ANCESTORS", "").split()),
    )


_ORIGIN = re.compile(r"^https?://[a-z0-9.-]+(?::\d{1,5})?$|^https?://\[[0-9a-f:]+\](?::\d{1,5})?$")


def parse_origin(value: str) -> str:
    """An origin as browsers send it (``scheme://host[:port]``, no path, no wildcard),
    because a postMessage origin is compared exactly; anything else is a ConfigError."""
    origin = value.strip().rstrip("/").lower()
    if not _ORIGIN.match(origin):
        raise ConfigError(
            f"{value!r} is not an origin: give scheme://host[:port], e.g. https://cms.example"
        )
    return origin
