"""Annotations and the report: the versioned shape every face of editcheck returns.

A report is what a CMS stores and an editor sees, so its JSON form is a contract:
``schema`` names its version and ``editcheck/schema/report-1.json`` describes it.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

SCHEMA = "editcheck/report@1"

PositionEncoding = Literal["utf-32", "utf-16"]  # as LSP names them: code points, or UTF-16 units
POSITION_ENCODINGS: tuple[PositionEncoding, ...] = ("utf-32", "utf-16")

CATEGORIES = (
    "unattributed-claim",
    "unsourced-statistic",
    "repeated-boilerplate",
    "page-residue",
    "readability",
    "house-style",
)


def report_schema() -> dict[str, Any]:
    """The JSON Schema of a report (``editcheck/schema/report-1.json``, shipped in the package)."""
    import json
    from importlib.resources import files

    schema: dict[str, Any] = json.loads(
        files("editcheck").joinpath("schema/report-1.json").read_text("utf-8")
    )
    return schema


class Severity(enum.StrEnum):
    """How much an annotation matters; ``error`` blocks publishing by default."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is more severe: error 3, warning 2, info 1."""
        return {"error": 3, "warning": 2, "info": 1}[self.value]


@dataclass(frozen=True, slots=True)
class BlockRef:
    """Where an annotation sits in its block: xpath and raw text-content offsets."""

    index: int
    xpath: str | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Quote:
    """The flagged text with some context, to re-find it after edits (W3C TextQuote)."""

    exact: str
    prefix: str
    suffix: str


@dataclass(frozen=True, slots=True)
class SourceSpan:
    """Where an annotation is in the draft as given (HTML source, or the text itself).

    1-based ``line``/``column`` of the first character and of the position just after the
    last, and code-point offsets ``start``/``end`` into the decoded input. When the
    flagged text cannot be found verbatim in the HTML source (entities or markup inside
    the span) the span is the element's line, with zero length.
    """

    line: int
    column: int
    end_line: int
    end_column: int
    start: int
    end: int

    def to_dict(self) -> dict[str, int]:
        return {
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "start": self.start,
            "end": self.end,
        }


FixKind = Literal["delete", "replace"]


@dataclass(frozen=True, slots=True)
class Fix:
    """A mechanical edit that resolves a finding, declared by the check that found it.

    ``delete`` removes the whole blocks (HTML elements, lines of text) the range covers;
    ``replace`` puts ``text`` in place of the range (``""`` deletes it). ``start``/``end``
    are document offsets (None: the finding's own span), so a run of blank lines can be
    deleted from one annotation. ``safe`` fixes are applied by ``editcheck fix`` and
    ``"fix": true``; the others (house-style suggestions) only when asked for one by one.
    :mod:`editcheck.fixes` turns fixes into edits on the draft as given.
    """

    kind: FixKind
    text: str = ""
    safe: bool = True
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "safe": self.safe}
        if self.kind == "replace":
            out["text"] = self.text
        return out


@dataclass(frozen=True, slots=True)
class Utf16Offsets:
    """An annotation's offsets counted in UTF-16 code units, as JavaScript strings count.

    Only recorded where they differ from the code-point offsets (a character outside the
    Basic Multilingual Plane, most emoji, counts twice in UTF-16).
    """

    start: int
    end: int
    column: int
    block_start: int
    block_end: int


@dataclass(frozen=True, slots=True)
class Annotation:
    """One finding, with every position field a CMS needs to highlight it."""

    rule: str
    category: str
    severity: Severity
    message: str
    suggestion: str | None
    text: str
    start: int
    end: int
    line: int
    column: int
    block: BlockRef
    quote: Quote
    fingerprint: str
    data: Mapping[str, Any] = field(default_factory=dict)
    source: SourceSpan | None = None
    utf16: Utf16Offsets | None = None
    fix: Fix | None = None

    @property
    def fixable(self) -> bool:
        """True when the annotation has a safe fix (one ``editcheck fix`` applies)."""
        return self.fix is not None and self.fix.safe

    def sort_key(self) -> tuple[int, int, str, str]:
        """Document order, then rule id: stable whatever order plugins ran in."""
        return (self.start, self.end, self.rule, self.message)

    def to_dict(self, position_encoding: PositionEncoding = "utf-32") -> dict[str, Any]:
        """The annotation as JSON-ready data (schema ``editcheck/report@1``); offsets in
        code points, or in UTF-16 code units for a JavaScript editor."""
        start, end, column = self.start, self.end, self.column
        block_start, block_end = self.block.start, self.block.end
        if position_encoding == "utf-16" and self.utf16 is not None:
            start, end, column = self.utf16.start, self.utf16.end, self.utf16.column
            block_start, block_end = self.utf16.block_start, self.utf16.block_end
        return {
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity.value,
            "message": self.message,
            "suggestion": self.suggestion,
            "text": self.text,
            "start": start,
            "end": end,
            "line": self.line,
            "column": column,
            "block": {
                "index": self.block.index,
                "xpath": self.block.xpath,
                "start": block_start,
                "end": block_end,
            },
            "quote": {
                "exact": self.quote.exact,
                "prefix": self.quote.prefix,
                "suffix": self.quote.suffix,
            },
            "fingerprint": self.fingerprint,
            "data": dict(self.data),
            "source": None if self.source is None else self.source.to_dict(),
            "fixable": self.fixable,
            "fix": None if self.fix is None else self.fix.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class CheckFailure:
    """A check that raised or ran past its time budget; the other checks still ran."""

    check: str
    message: str
    kind: str = "error"  # "error", "timeout" or "exit" (the check tried to end the process)

    def to_dict(self) -> dict[str, str]:
        return {"check": self.check, "kind": self.kind, "message": self.message}


@dataclass(frozen=True, slots=True)
class Report:
    """Everything editcheck found in one draft."""

    source: str | None
    media_type: str
    annotations: tuple[Annotation, ...]
    errors: tuple[CheckFailure, ...] = ()
    stats: Mapping[str, Any] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    editcheck_version: str = ""
    # The language the draft was checked as, when it is not English (None: English, or
    # too little text to tell, checked as English): English-only rules did not run.
    language: str | None = None
    # The draft as it was read (decoded), kept only when a format needs to show it.
    content: str | None = field(default=None, compare=False, repr=False)

    @property
    def partial(self) -> bool:
        """True when a check timed out, so some findings may be missing."""
        return any(e.kind == "timeout" for e in self.errors)

    @property
    def incomplete(self) -> bool:
        """True when any selected check did not finish (timed out, crashed, skipped)."""
        return bool(self.errors)

    def verdict(self, threshold: Severity | None) -> str:
        """``"fail"``, ``"incomplete"`` or ``"pass"`` for a publication gate.

        A findings failure outranks an incomplete run: findings are certain, the rest is not.
        """
        return gate_verdict((a.severity for a in self.annotations), self.incomplete, threshold)

    def to_verdict_dict(self, threshold: Severity | None) -> dict[str, Any]:
        """The report as JSON-ready data with the gate's ``verdict`` at ``threshold``
        (what ``-f json``/``jsonl`` and the Dask engine write)."""
        return {**self.to_dict(), "verdict": self.verdict(threshold)}

    def blocks(self, threshold: Severity | None, *, fail_on_incomplete: bool = True) -> bool:
        """True when the verdict should stop publication (``incomplete`` does by default)."""
        verdict = self.verdict(threshold)
        return verdict == "fail" or (verdict == "incomplete" and fail_on_incomplete)

    def summary(self) -> dict[str, Any]:
        """Counts by severity and by category."""
        by_severity = Counter(a.severity.value for a in self.annotations)
        by_category = Counter(a.category for a in self.annotations)
        return {
            "total": len(self.annotations),
            "by_severity": {s.value: by_severity.get(s.value, 0) for s in Severity},
            "by_category": {c: by_category[c] for c in sorted(by_category)},
        }

    def fails(self, threshold: Severity | None) -> bool:
        """True when an annotation is at or above ``threshold`` (None: never fails)."""
        return _fails((a.severity for a in self.annotations), threshold)

    def to_dict(self, position_encoding: PositionEncoding = "utf-32") -> dict[str, Any]:
        """The report as JSON-ready data (schema ``editcheck/report@1``)."""
        return {
            "schema": SCHEMA,
            "editcheck_version": self.editcheck_version,
            "source": self.source,
            "media_type": self.media_type,
            "summary": self.summary(),
            "annotations": [a.to_dict(position_encoding) for a in self.annotations],
            "errors": [e.to_dict() for e in self.errors],
            "partial": self.partial,
            "stats": dict(self.stats),
            "notes": list(self.notes),
            **({"language": self.language} if self.language else {}),
        }


def gate_verdict(
    severities: Iterable[Severity], incomplete: bool, threshold: Severity | None
) -> str:
    """The gate's policy, in one place: ``fail`` when a finding is at or above
    ``threshold`` (findings are certain, so they outrank an unfinished run), else
    ``incomplete`` when a check did not finish, else ``pass``. The service calls it with
    the findings an editor has not dismissed."""
    if _fails(severities, threshold):
        return "fail"
    return "incomplete" if incomplete else "pass"


def _fails(severities: Iterable[Severity], threshold: Severity | None) -> bool:
    if threshold is None:
        return False
    return any(s.rank >= threshold.rank for s in severities)
