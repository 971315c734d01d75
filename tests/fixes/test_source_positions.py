"""Every annotation's ``source`` points at its text in the input as given (hypothesis)."""

from __future__ import annotations

import html
import re

from hypothesis import HealthCheck, given, settings

from editcheck.api import Checker
from editcheck.document import load_html, load_text

from .test_fix_properties import html_drafts, text_drafts

CHECKER = Checker({})
_TAG = re.compile(r"<!--.*?-->|<[^>]*>", re.S)
PROPERTIES = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _read(source: str) -> str:
    """What a reader sees of a stretch of HTML source: no tags, entities decoded."""
    return " ".join(html.unescape(_TAG.sub("", source)).split())


@PROPERTIES
@given(html_drafts())
def test_html_source_spans_hold_the_flagged_text(draft: str) -> None:
    report = CHECKER.check_document(load_html(draft))
    for a in report.annotations:
        assert a.source is not None, a
        s = a.source
        shown = draft[s.start : s.end]
        assert _read(shown) == " ".join(a.quote.exact.split()), (a.rule, shown, a.quote.exact)
        lines = draft.split("\n")
        line_start = len("\n".join(lines[: s.line - 1])) + (1 if s.line > 1 else 0)
        assert line_start + s.column - 1 == s.start


@PROPERTIES
@given(text_drafts())
def test_text_source_spans_are_the_document_offsets(draft: str) -> None:
    report = CHECKER.check_document(load_text(draft))
    for a in report.annotations:
        assert a.source is not None
        assert (a.source.start, a.source.end) == (a.start, a.end)
        assert draft[a.source.start : a.source.end] == a.text
