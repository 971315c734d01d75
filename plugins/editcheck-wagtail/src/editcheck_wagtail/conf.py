"""``settings.EDITCHECK``: read once, validated strictly, so a typo cannot open the gate.

    EDITCHECK = {
        "FAIL_ON": "warning",          # error | warning | info | never (default: the config's)
        "FAIL_ON_INCOMPLETE": True,    # a check that did not finish blocks publishing
        "CONFIG": BASE_DIR / "editcheck.toml",  # in-process: a path or a mapping
        "SELECT": [], "IGNORE": [],    # rule ids, globs, category:NAME
        "URL": "http://127.0.0.1:8750",  # remote: a running `editcheck serve`
        "TOKEN": "...", "TIMEOUT": 5,  # bearer token; seconds for the whole page
        "REVIEW_URL": None,            # the review page linked from messages (default: URL/)
    }

Without ``URL`` the page is checked in the Django process with the Python API.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed

from editcheck.annotations import Severity
from editcheck.config import parse_fail_on
from editcheck.errors import ConfigError

DEFAULT_TIMEOUT = 5.0
KEYS = frozenset(
    {
        "FAIL_ON",
        "FAIL_ON_INCOMPLETE",
        "CONFIG",
        "SELECT",
        "IGNORE",
        "URL",
        "TOKEN",
        "TIMEOUT",
        "REVIEW_URL",
    }
)


@dataclass(frozen=True, slots=True)
class GateSettings:
    """The validated ``EDITCHECK`` setting."""

    fail_on: Severity | None
    fail_on_given: bool  # False: use the editcheck config's (or the server's) fail-on
    fail_on_incomplete: bool = True
    config: str | Path | Mapping[str, Any] | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    url: str | None = None
    token: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    review_url: str | None = None

    @property
    def remote(self) -> bool:
        return self.url is not None


def parse_settings(data: Mapping[str, Any] | None) -> GateSettings:
    """Validate an ``EDITCHECK`` mapping; raise ImproperlyConfigured naming the bad key."""
    data = dict(data or {})
    unknown = set(data) - KEYS
    if unknown:
        raise ImproperlyConfigured(
            f"EDITCHECK: unknown key(s) {', '.join(sorted(unknown))} "
            f"(known: {', '.join(sorted(KEYS))})"
        )
    given = "FAIL_ON" in data
    try:
        fail_on = parse_fail_on(data["FAIL_ON"], "EDITCHECK['FAIL_ON']") if given else None
    except ConfigError as exc:
        raise ImproperlyConfigured(str(exc)) from None
    url = _optional_str(data, "URL")
    review = _optional_str(data, "REVIEW_URL") or (url.rstrip("/") + "/" if url else None)
    return GateSettings(
        fail_on=fail_on,
        fail_on_given=given,
        fail_on_incomplete=_bool(data, "FAIL_ON_INCOMPLETE", True),
        config=_config(data.get("CONFIG")),
        select=_str_tuple(data, "SELECT"),
        ignore=_str_tuple(data, "IGNORE"),
        url=url.rstrip("/") if url else None,
        token=_optional_str(data, "TOKEN"),
        timeout=_timeout(data.get("TIMEOUT", DEFAULT_TIMEOUT)),
        review_url=review,
    )


@cache
def gate_settings() -> GateSettings:
    """The site's settings, parsed once (again after ``override_settings(EDITCHECK=...)``)."""
    return parse_settings(getattr(settings, "EDITCHECK", None))


def _reset(*, setting: str, **_: Any) -> None:
    if setting == "EDITCHECK":
        gate_settings.cache_clear()
        from editcheck_wagtail.local import forget_checkers

        forget_checkers()


setting_changed.connect(_reset, dispatch_uid="editcheck_wagtail.conf.reset")


def _bool(data: Mapping[str, Any], key: str, default: bool) -> bool:
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise ImproperlyConfigured(f"EDITCHECK['{key}'] must be True or False (got {value!r})")
    return value


def _optional_str(data: Mapping[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ImproperlyConfigured(f"EDITCHECK['{key}'] must be a non-empty string")
    return value.strip()


def _str_tuple(data: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = data.get(key, ())
    if isinstance(value, str) or not all(isinstance(v, str) for v in value):
        raise ImproperlyConfigured(f"EDITCHECK['{key}'] must be a list of strings")
    return tuple(value)


def _config(value: Any) -> str | Path | Mapping[str, Any] | None:
    if value is None or isinstance(value, (str, Path, Mapping)):
        return value
    raise ImproperlyConfigured(
        "EDITCHECK['CONFIG'] must be a path to editcheck.toml or a mapping shaped like it"
    )


def _timeout(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise ImproperlyConfigured(
            f"EDITCHECK['TIMEOUT'] must be a positive number of seconds (got {value!r})"
        )
    return float(value)
