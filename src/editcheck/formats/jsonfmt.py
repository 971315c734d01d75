"""JSON and JSON Lines: the report schema as it is (``editcheck/report@1``)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from editcheck.annotations import Report
from editcheck.formats.base import RenderContext


def render_json(reports: Sequence[Report], context: RenderContext) -> str:
    """A JSON array with one report object per input."""
    data = [_with_verdict(r, context) for r in reports]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render_jsonl(reports: Sequence[Report], context: RenderContext) -> str:
    """One compact JSON report per line."""
    return "".join(
        json.dumps(_with_verdict(r, context), ensure_ascii=False, separators=(",", ":")) + "\n"
        for r in reports
    )


def _with_verdict(report: Report, context: RenderContext) -> dict[str, Any]:
    """The report with the gate's verdict on it (``pass``, ``fail`` or ``incomplete``)."""
    return report.to_verdict_dict(context.fail_on)
