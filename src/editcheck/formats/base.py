"""What an output format is, and everything it is given when it renders.

A formatter never looks back: it gets the reports (each annotation with its position in
the draft file already computed, each report with its draft when the format asked for
it) and a :class:`RenderContext` with the run's rules and options. It does not load
plugins, read files or parse drafts.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from editcheck.annotations import Annotation, Report, Severity, SourceSpan

if TYPE_CHECKING:
    from editcheck.checkapi import Rule


@dataclass(frozen=True, slots=True)
class RenderContext:
    """The run a formatter renders: its rules by id (with their documentation, for the
    formats that show it), whether to use colour, the gate's thresholds (so every face
    shows the same verdict) and format options a plugin documents."""

    rules: Mapping[str, Rule] = field(default_factory=dict)
    color: bool = False
    options: Mapping[str, Any] = field(default_factory=dict)
    fail_on: Severity | None = Severity.ERROR
    fail_on_incomplete: bool = True

    def verdict(self, report: Report) -> str:
        """``pass``, ``fail`` or ``incomplete`` for one report at this run's threshold."""
        return report.verdict(self.fail_on)

    def overall(self, reports: Sequence[Report]) -> str:
        """The run's verdict: fail if any draft fails, else incomplete if any is."""
        verdicts = {self.verdict(r) for r in reports}
        return next((v for v in ("fail", "incomplete") if v in verdicts), "pass")


RenderFunction = Callable[[Sequence[Report], RenderContext], str]


@dataclass(frozen=True, slots=True)
class Formatter:
    """An output format.

    ``render(reports, context)`` returns the whole output for ``reports``. A ``streaming``
    format renders each report on its own so archive runs can write as they go (JSONL,
    GitHub commands); ``needs_content`` asks the run to keep each draft's text with its
    report (``Report.content``), for a format that shows the draft itself.
    """

    name: str
    summary: str
    render: RenderFunction
    streaming: bool = False
    needs_content: bool = False


def source_span(a: Annotation) -> SourceSpan:
    """Where ``a`` is in the draft file; its document line and column when the run could
    not place it in the source (an element without a source line)."""
    if a.source is not None:
        return a.source
    return SourceSpan(a.line, a.column, a.line, a.column + len(a.text), a.start, a.end)
