"""Which fixes run: every safe one by default, suggestions only by fingerprint."""

from __future__ import annotations

from shared_paths import FIXTURES

from editcheck.api import Checker
from editcheck.document import load_html, load_text
from editcheck.fixes import apply_fixes, fix_document

HOUSE = Checker({"house-style": [str(FIXTURES / "golden" / "house-style.toml")]})
DRAFT = "<p>The council will utilise the hall.</p>\n<p>Advertisement</p>\n"


def test_a_house_style_suggestion_is_a_fix_that_is_not_safe() -> None:
    report = HOUSE.check_document(load_html(DRAFT))
    plain = next(a for a in report.annotations if a.rule == "golden/plain-words")
    assert plain.fix is not None and plain.fix.kind == "replace" and plain.fix.text == "use"
    assert plain.fixable is False
    assert plain.to_dict()["fix"] == {"kind": "replace", "safe": False, "text": "use"}


def test_fix_all_leaves_suggestions_and_by_fingerprint_applies_them() -> None:
    doc = load_html(DRAFT)
    everything = fix_document(HOUSE, doc)
    assert everything.result.draft == "<p>The council will utilise the hall.</p>\n"
    plain = next(a for a in everything.report.annotations if a.rule == "golden/plain-words")
    one = fix_document(HOUSE, doc, [plain.fingerprint])
    assert one.result.draft == "<p>The council will use the hall.</p>\n<p>Advertisement</p>\n"
    assert one.result.applied == (plain.fingerprint,)
    assert not [a for a in one.fixed_report.annotations if a.rule == "golden/plain-words"]


def test_fingerprints_without_a_fix_are_named() -> None:
    doc = load_text("The fire killed TK people.\n")
    report = HOUSE.check_document(doc)
    tk = next(a for a in report.annotations if a.rule == "core/placeholder")
    result = apply_fixes(doc, report, [tk.fingerprint, "ffffffffffffffff"])
    assert result.draft == doc.source_text and result.applied == ()
    reasons = dict(result.not_applied)
    assert "declares no fix" in reasons[tk.fingerprint]
    assert "no annotation" in reasons["ffffffffffffffff"]


def test_a_span_inside_markup_is_refused_not_forced() -> None:
    # the mojibake crosses an inline tag: replacing its source range would eat the tag
    doc = load_html("<p>The council<b>\u00e2\u20ac</b>\u2122s plan was approved on Monday.</p>")
    report = HOUSE.check_document(doc)
    moji = [a for a in report.annotations if a.rule == "core/mojibake"]
    assert moji
    result = apply_fixes(doc, report, [a.fingerprint for a in moji])
    assert "<b>" in result.draft
    assert all(fp in dict(result.not_applied) for fp in (a.fingerprint for a in moji))
