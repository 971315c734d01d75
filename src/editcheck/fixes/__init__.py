"""Apply the fixes checks declare: ``editcheck fix``, the service's ``"fix"`` field.

    from editcheck.fixes import fix_document
    outcome = fix_document(checker, doc)            # every safe fix
    outcome.result.draft                            # the fixed draft, in the input's format
    outcome.fixed_report                            # the fixed draft, checked again

Which fixes: every safe one (``only=None``), or those of the annotations whose
fingerprints are given (a house-style suggestion is applied only that way). What remains
is told by checking the fixed draft again, so a report never claims a fix that did not
happen. The edits are on the draft as given (:mod:`.plan`), so the HTML's markup outside
them is kept byte for byte.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from editcheck.annotations import Annotation, Report
from editcheck.document import Document, load_html, load_text
from editcheck.fixes import edits as E
from editcheck.fixes.plan import plan

if TYPE_CHECKING:
    from editcheck.api import Checker

__all__ = ["ROUNDS", "FixOutcome", "FixResult", "apply_fixes", "chosen_fixes", "fix_document"]

# How many times a draft is fixed at most: a fix may bring out a finding its neighbours hid.
ROUNDS = 3


@dataclass(frozen=True, slots=True)
class FixResult:
    """The fixed draft (HTML source for HTML, text for text) and what went into it."""

    draft: str
    media_type: str
    applied: tuple[str, ...]  # fingerprints, in document order
    not_applied: tuple[tuple[str, str], ...]  # (fingerprint, why)
    edits: tuple[E.Edit, ...]  # on the draft as given (the first round's, see fix_document)

    @property
    def changed(self) -> bool:
        return bool(self.edits)

    @property
    def content_type(self) -> str:
        """``html`` or ``text``, as the service names the two kinds of draft."""
        return "html" if self.media_type == "text/html" else "text"


@dataclass(frozen=True, slots=True)
class FixOutcome:
    """A draft checked, fixed and checked again."""

    report: Report
    result: FixResult
    fixed_report: Report


def chosen_fixes(
    report: Report, only: Collection[str] | None = None
) -> tuple[list[Annotation], list[tuple[str, str]]]:
    """The annotations whose fixes to apply: every safe fix (``only`` None), or the
    fixes of the fingerprints in ``only`` (suggestions included); and the fingerprints
    asked for that have no fix, with why."""
    if only is None:
        return [a for a in report.annotations if a.fixable], []
    wanted = set(only)
    chosen = [a for a in report.annotations if a.fingerprint in wanted and a.fix is not None]
    known = {a.fingerprint: a for a in report.annotations}
    missing = []
    for fp in dict.fromkeys(only):
        if fp not in known:
            missing.append((fp, "no annotation of the draft has this fingerprint"))
        elif known[fp].fix is None:
            missing.append((fp, f"{known[fp].rule} declares no fix for this finding"))
    return chosen, missing


def apply_fixes(doc: Document, report: Report, only: Collection[str] | None = None) -> FixResult:
    """Apply the chosen fixes of ``report`` (``doc``'s report) to ``doc``'s input."""
    chosen, missing = chosen_fixes(report, only)
    planned = plan(doc, chosen)
    kept, clashing = E.merge(planned.edits)
    refused = dict(planned.refused)
    for edit in clashing:
        for fp in edit.fingerprints:
            refused.setdefault(fp, "it overlaps another fix")
    done = {fp for e in kept for fp in e.fingerprints} - set(refused)
    applied = tuple(a.fingerprint for a in chosen if a.fingerprint in done)
    not_applied = tuple(missing) + tuple(
        (a.fingerprint, refused[a.fingerprint]) for a in chosen if a.fingerprint in refused
    )
    draft = E.apply(doc.source_text, kept) if kept else doc.source_text
    return FixResult(draft, doc.media_type, applied, not_applied, tuple(kept))


def reload(doc: Document, draft: str) -> Document:
    """The fixed draft parsed as its original was (same kind, name and encoding)."""
    loader = load_html if doc.media_type == "text/html" else load_text
    return loader(draft, source=doc.source, encoding=doc.encoding)


def fix_document(
    checker: Checker,
    doc: Document,
    only: Collection[str] | None = None,
    *,
    report: Report | None = None,
    deadline: float | None = None,
) -> FixOutcome:
    """Check ``doc`` (unless its ``report`` is given), apply the chosen fixes, and check
    the fixed draft again (only when something changed: an unchanged draft's report is
    its report).

    Findings can depend on their neighbours (two timestamps are a live blog's headers,
    one is residue), so a fix can bring out a finding that was not there: with every
    safe fix asked for, the fixed draft is fixed again, up to :data:`ROUNDS` times, until
    nothing fixable is left.
    """
    if report is None:
        report = checker.check_document(doc, deadline=deadline)
    result = apply_fixes(doc, report, only)
    if not result.changed:
        return FixOutcome(report, result, report)
    fixed_doc = reload(doc, result.draft)
    fixed = checker.check_document(fixed_doc, deadline=deadline)
    for _ in range(ROUNDS - 1):
        if only is not None or not any(a.fixable for a in fixed.annotations):
            break
        more = apply_fixes(fixed_doc, fixed)
        if not more.changed:
            break
        result = FixResult(
            more.draft,
            result.media_type,
            tuple(dict.fromkeys(result.applied + more.applied)),
            result.not_applied + more.not_applied,
            result.edits,  # the edits on the draft as given are the first round's
        )
        fixed_doc = reload(fixed_doc, more.draft)
        fixed = checker.check_document(fixed_doc, deadline=deadline)
    return FixOutcome(report, result, fixed)
