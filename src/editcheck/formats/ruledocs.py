"""Rule documentation for formats that show it (SARIF rule metadata, the HTML page).

Formatters get only reports, so the docs come from the default plugin set (built-ins and
installed plugins, loaded once per process); a rule from a one-off plugins folder simply
has no docs here, and the output stands without them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def rule_docs(rule_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """``{rule id: {id, summary, doc, severity}}`` for the rules that are known."""
    from editcheck.api import plugins_for
    from editcheck.config import Config

    wanted = set(rule_ids)
    try:
        rules = plugins_for(Config()).rules
    except Exception:  # noqa: BLE001 - docs are a nicety; never fail a report over them
        return {}
    return {
        r.id: {"id": r.id, "summary": r.summary, "doc": r.doc, "severity": r.severity.value}
        for r in rules
        if r.id in wanted
    }
