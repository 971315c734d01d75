"""Compiler-style diagnostics: ``path:line:col: severity rule message`` and the text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from editcheck.annotations import Annotation, Report
from editcheck.formats.base import RenderContext

_COLOURS = {"error": "red", "warning": "yellow", "info": "blue"}
_MAX_SHOWN = 100


def render_text(reports: Sequence[Report], context: RenderContext) -> str:
    """One diagnostic per annotation with the flagged text beneath, then a summary line."""
    import click  # only the text format needs it

    colour = context.color
    style = click.style if colour else (lambda text, **_: text)
    lines: list[str] = []
    for report in reports:
        source = report.source or "<stdin>"
        for note in report.notes:
            lines.append(f"{source}: note: {note}")
        for a in report.annotations:
            lines.append(_diagnostic(source, a, style))
        for e in report.errors:
            lines.append(
                style(f"{source}: check {e.check} failed ({e.kind}): {e.message}", fg="red")
            )
    total = sum(len(r.annotations) for r in reports)
    errors = sum(len(r.errors) for r in reports)
    counts = {
        s: sum(r.summary()["by_severity"][s] for r in reports) for s in ("error", "warning", "info")
    }
    summary = (
        f"{total} annotation{'s' if total != 1 else ''} in {len(reports)} "
        f"draft{'s' if len(reports) != 1 else ''} "
        f"({counts['error']} error, {counts['warning']} warning, {counts['info']} info)"
    )
    if errors:
        summary += f"; {errors} check failure{'s' if errors != 1 else ''}"
    lines.append(style(summary, bold=True))
    # A check may end the report with its own one-line summary (a string stat whose key
    # ends in "_summary", e.g. who the draft quotes); with several drafts, one per draft.
    for report in reports:
        for key, value in report.stats.items():
            if key.endswith("_summary") and isinstance(value, str):
                prefix = f"{report.source or '<stdin>'}: " if len(reports) > 1 else ""
                lines.append(prefix + value)
    return "\n".join(lines) + "\n"


def _diagnostic(source: str, a: Annotation, style: Any) -> str:
    sev = style(a.severity.value, fg=_COLOURS[a.severity.value], bold=True)
    head = f"{source}:{a.line}:{a.column}: {sev} {style(a.rule, dim=True)} {a.message}"
    shown = a.text if len(a.text) <= _MAX_SHOWN else a.text[: _MAX_SHOWN - 1] + "…"
    shown = shown.replace("\n", "⏎") if shown.strip() else repr(shown)
    tail = f"\n    | {shown}"
    if a.suggestion:
        tail += f"\n    = suggestion: {a.suggestion}"
    return head + tail
