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

from editcheck.annotations import Annotation, Report, SourceSpan

if TYPE_CHECKING:
    from editcheck.checkapi import Rule


@dataclass(frozen=True, slots=True)
class RenderContext:
    """The run a formatter renders: its rules by id (with their documentation, for the
    formats that show it), whether to use colour, and format options a plugin documents."""

    rules: Mapping[str, Rule] = field(default_factory=dict)
    color: bool = False
    options: Mapping[str, Any] = field(default_factory=dict)


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
