"""Check one page for the gate, in-process or against the service, and never fail open.

Whatever goes wrong while checking (a bad editcheck config, a plugin that cannot load, a
bug) makes the page ``incomplete`` with the reason, logged with its traceback: the hooks
turn that into a blocked publish unless ``FAIL_ON_INCOMPLETE`` is False.
"""

from __future__ import annotations

import logging

from django.core.exceptions import ImproperlyConfigured
from wagtail.models import Page

from editcheck_wagtail import local, remote
from editcheck_wagtail.conf import gate_settings
from editcheck_wagtail.fragments import page_fragments
from editcheck_wagtail.outcome import Outcome

log = logging.getLogger("editcheck_wagtail")


def check_page(page: Page) -> Outcome:
    """The page's verdict, findings and problems (``incomplete`` if anything went wrong)."""
    try:
        gate = gate_settings()
    except ImproperlyConfigured as exc:
        log.error("editcheck is misconfigured: %s", exc)
        return Outcome.not_checked(f"editcheck is misconfigured: {exc}", None)
    fail_on = gate.fail_on.value if gate.fail_on else None
    try:
        fragments = page_fragments(page)
        if gate.remote:
            return remote.check_fragments(fragments, gate, source=page.url_path or "")
        return local.check_fragments(fragments, gate)
    except Exception as exc:  # noqa: BLE001 - the gate must fail closed, whatever broke
        log.exception("editcheck could not check page %s", page.pk)
        return Outcome.not_checked(f"the check could not run: {type(exc).__name__}: {exc}", fail_on)
