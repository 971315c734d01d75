"""GitHub Actions workflow commands: one ``::warning file=...::message`` line per annotation.

GitHub shows these on the pull request's changed files. Values are escaped as the runner
expects (``%``, CR and LF everywhere; ``:`` and ``,`` as well inside properties), so a
message or a file name cannot end the command early or inject another one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from editcheck.annotations import Report
from editcheck.formats.base import RenderContext, source_span

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    """Escape a command's message."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a command property's value."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def render_github(reports: Sequence[Report], context: RenderContext) -> str:
    """One workflow command per annotation and one ``::error`` per failed check."""
    lines: list[str] = []
    for report in reports:
        file = report.source or "<stdin>"
        for a in report.annotations:
            r = source_span(a)
            props = {
                "file": file,
                "line": r.line,
                "col": r.column,
                "endLine": r.end_line,
                "endColumn": r.end_column,
                "title": f"{a.rule} ({a.category})",
            }
            message = a.message + (f"\nSuggestion: {a.suggestion}" if a.suggestion else "")
            lines.append(_command(LEVELS[a.severity.value], props, message))
        for e in report.errors:
            lines.append(
                _command(
                    "error",
                    {"file": file, "title": f"editcheck {e.kind}"},
                    f"check {e.check} failed: {e.message}",
                )
            )
    return "".join(line + "\n" for line in lines)


def _command(level: str, props: Mapping[str, object], message: str) -> str:
    joined = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items())
    return f"::{level} {joined}::{escape_data(message)}"
