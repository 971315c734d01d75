"""A report as LSP diagnostics, and the edits its house-style suggestions offer.

Every finding points into the draft as the editor holds it (the report's source spans),
never into editcheck's own document text, which for HTML is the markup-free text. What
did not run is never silent: each failure in the report (a check that crashed or ran out
of time, a plugin that did not load) is an error on the first line, and so is a draft
that could not be checked at all.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass

from lsprotocol import types

from editcheck.annotations import Annotation, Report, Severity
from editcheck.lsp.positions import LineIndex

SOURCE = "editcheck"
UNFINISHED = "editcheck did not finish"
_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


@dataclass(frozen=True, slots=True)
class Fix:
    """A quick fix: replace ``range`` with ``new_text`` (a house-style suggestion)."""

    title: str
    range: types.Range
    new_text: str


@dataclass(frozen=True, slots=True)
class Item:
    """One published diagnostic and, when it has one, its fix."""

    diagnostic: types.Diagnostic
    fix: Fix | None = None


def report_items(report: Report, text: str, encoding: str) -> list[Item]:
    """The diagnostics for ``report`` of the draft ``text``: failures first, then notes,
    then the findings in document order."""
    index = LineIndex(text, encoding)
    items = [
        problem_item(f"{UNFINISHED}: {e.check}: {e.message}", index, code=e.check)
        for e in report.errors
    ]
    items.extend(
        problem_item(f"editcheck: {note}", index, severity=types.DiagnosticSeverity.Information)
        for note in report.notes
    )
    html_source = report.media_type == "text/html"
    items.extend(_finding(a, index, html_source) for a in report.annotations)
    return items


def problem_item(
    message: str,
    index: LineIndex,
    *,
    code: str | None = None,
    severity: types.DiagnosticSeverity = types.DiagnosticSeverity.Error,
) -> Item:
    """A diagnostic about the whole draft, on its first line (where an editor shows it)."""
    return Item(
        types.Diagnostic(
            range=types.Range(types.Position(0, 0), index.position(index.line_end(0))),
            message=message,
            severity=severity,
            source=SOURCE,
            code=code,
        )
    )


def _finding(a: Annotation, index: LineIndex, html_source: bool) -> Item:
    span = a.source
    exact = False
    if span is None:  # no source line for its element: the first line, so it is seen
        start, end = 0, index.line_end(0)
    elif span.end > span.start:
        start, end, exact = span.start, span.end, True
    else:  # the flagged text is not verbatim in the source (entities, markup): its line
        start = span.start
        line = index.position(start).line
        end = max(start, index.line_end(line))
    message = a.message
    if a.suggestion:
        message += f" (suggestion: {a.suggestion})"
    diagnostic = types.Diagnostic(
        range=index.range(start, end),
        message=message,
        severity=_SEVERITY[a.severity],
        source=SOURCE,
        code=a.rule,
        data={"fingerprint": a.fingerprint, "category": a.category},
    )
    fix = _fix(a, index, start, end, diagnostic.range, html_source) if exact else None
    return Item(diagnostic, fix)


def _fix(
    a: Annotation, index: LineIndex, start: int, end: int, where: types.Range, html_source: bool
) -> Fix | None:
    """The quick fix for a house-style suggestion, when the span holds what was flagged
    (the suggestion is text: in HTML it is escaped, so ``&`` stays an ampersand)."""
    suggestion = a.suggestion
    if a.category != "house-style" or not suggestion or not suggestion.strip():
        return None
    if index.text[start:end] not in (a.text, a.quote.exact):
        return None
    new_text = html.escape(suggestion, quote=False) if html_source else suggestion
    return Fix(f"Replace with '{suggestion.strip()}' ({a.rule})", where, new_text)


def overlaps(a: types.Range, b: types.Range) -> bool:
    """True when two ranges share a position (touching counts: a cursor at a word's end)."""
    return _key(a.start) <= _key(b.end) and _key(b.start) <= _key(a.end)


def _key(p: types.Position) -> tuple[int, int]:
    return (p.line, p.character)


def code_actions(
    items: Iterable[Item], uri: str, version: int | None, wanted: types.Range
) -> list[types.CodeAction]:
    """Quick fixes for the findings under ``wanted``; each edit names the document
    version it was computed for, so a client refuses it once the draft has changed."""
    actions = []
    for item in items:
        if item.fix is None or not overlaps(item.diagnostic.range, wanted):
            continue
        edit = types.TextDocumentEdit(
            text_document=types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version),
            edits=[types.TextEdit(range=item.fix.range, new_text=item.fix.new_text)],
        )
        actions.append(
            types.CodeAction(
                title=item.fix.title,
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[item.diagnostic],
                edit=types.WorkspaceEdit(document_changes=[edit]),
                is_preferred=True,
            )
        )
    return actions
