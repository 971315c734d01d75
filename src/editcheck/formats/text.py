"""Compiler-style diagnostics: ``path:line:col: severity rule message`` and the text.

``line:col`` is the annotation's position in the file as given (its ``source`` span: the
HTML source for HTML), so an editor or a terminal opens ``path:line:col`` at the flagged
text; the ``github`` and ``sarif`` formats read the same span.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from editcheck.annotations import Annotation, Report
from editcheck.formats.base import RenderContext, source_span

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
            lines.append(f"{printable(source)}: note: {printable(note)}")
        for a in report.annotations:
            lines.append(_diagnostic(source, a, style))
        for e in report.errors:
            lines.append(
                style(
                    printable(f"{source}: check {e.check} failed ({e.kind}): {e.message}"),
                    fg="red",
                )
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
    verdict = context.overall(reports)
    summary += f"; verdict: {verdict}"
    if verdict == "incomplete":
        summary += " (some checks did not finish" + (
            "; this blocks publication)" if context.fail_on_incomplete else ")"
        )
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
    message = printable(a.message)
    at = source_span(a)  # the file's line and column, as an editor opens path:line:col
    head = f"{printable(source)}:{at.line}:{at.column}: {sev} {style(a.rule, dim=True)} {message}"
    shown = a.text if len(a.text) <= _MAX_SHOWN else a.text[: _MAX_SHOWN - 1] + "…"
    shown = printable(shown.replace("\n", "⏎")) if shown.strip() else repr(shown)
    tail = f"\n    | {shown}"
    if a.suggestion:
        tail += f"\n    = suggestion: {printable(a.suggestion)}"
    return head + tail


# C0 and C1 controls (ESC starts a terminal escape sequence) and DEL, but not tab.
_CONTROLS = {c: f"\\x{c:02x}" for c in (*range(0x00, 0x09), *range(0x0A, 0x20), 0x7F)}
_CONTROLS.update({c: f"\\x{c:02x}" for c in range(0x80, 0xA0)})


def printable(text: str) -> str:
    """``text`` with control characters shown as ``\\xNN``: draft text must never drive
    the terminal (an ESC sequence in a pasted page could rewrite what the editor sees)."""
    return text.translate(_CONTROLS) if not text.isprintable() else text
