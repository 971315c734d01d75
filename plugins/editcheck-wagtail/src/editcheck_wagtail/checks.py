"""A Django system check: a bad ``EDITCHECK`` setting is reported by ``manage.py check``
(and at ``runserver``/``migrate``), not first discovered as a blocked publish."""

from __future__ import annotations

from typing import Any

from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from editcheck.errors import EditcheckError
from editcheck_wagtail.conf import gate_settings


@checks.register()
def check_editcheck_settings(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    try:
        gate = gate_settings()
    except ImproperlyConfigured as exc:
        return [checks.Error(str(exc), id="editcheck_wagtail.E001")]
    if gate.remote:
        if not gate.url.startswith(("http://", "https://")):  # type: ignore[union-attr]
            return [
                checks.Error(
                    f"EDITCHECK['URL'] must be an http(s) URL (got {gate.url!r})",
                    id="editcheck_wagtail.E002",
                )
            ]
        return []
    from editcheck_wagtail.local import checker_for

    try:
        checker_for(gate)
    except EditcheckError as exc:
        return [checks.Error(f"EDITCHECK: {exc}", id="editcheck_wagtail.E003")]
    return []
