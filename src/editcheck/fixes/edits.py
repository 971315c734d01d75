"""Source edits: non-overlapping ranges of the draft as given, and their replacements.

Every fix ends as a list of these, applied right to left on the decoded input, so what
lies outside the edits comes through byte for byte.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace source ``[start, end)`` with ``text``, for the annotations ``fingerprints``."""

    start: int
    end: int
    text: str
    fingerprints: tuple[str, ...]


def merge(edits: Iterable[Edit]) -> tuple[list[Edit], list[Edit]]:
    """Edits in source order, with those inside an earlier deletion (and deletions that
    overlap) folded into one; the second list holds the replacements that overlap
    another edit partly (not applied)."""
    kept: list[Edit] = []
    clashing: list[Edit] = []
    for edit in sorted(edits, key=lambda e: (e.start, -e.end)):
        if kept and edit.start < kept[-1].end:
            last = kept[-1]
            if not last.text and (edit.end <= last.end or not edit.text):
                # inside a deletion, or two deletions that overlap: one deletion of both
                end = max(last.end, edit.end)
                kept[-1] = Edit(last.start, end, "", last.fingerprints + edit.fingerprints)
            elif edit == last:
                continue
            else:
                clashing.append(edit)
            continue
        if kept and edit.start == kept[-1].end == edit.end and kept[-1].start == edit.start:
            continue
        kept.append(edit)
    return kept, clashing


def apply(text: str, edits: list[Edit]) -> str:
    """``text`` with ``edits`` (sorted, non-overlapping) applied."""
    parts: list[str] = []
    pos = 0
    for edit in edits:
        parts.append(text[pos : edit.start])
        parts.append(edit.text)
        pos = edit.end
    parts.append(text[pos:])
    return "".join(parts)
