"""JSON and JSON Lines: the report schema as it is (``editcheck/report@1``)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from editcheck.annotations import Report
from editcheck.formats.base import RenderContext


def render_json(reports: Sequence[Report], context: RenderContext) -> str:
    """A JSON array with one report object per input."""
    return json.dumps([r.to_dict() for r in reports], ensure_ascii=False, indent=2) + "\n"


def render_jsonl(reports: Sequence[Report], context: RenderContext) -> str:
    """One compact JSON report per line."""
    return "".join(
        json.dumps(r.to_dict(), ensure_ascii=False, separators=(",", ":")) + "\n" for r in reports
    )
