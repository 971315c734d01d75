"""What ``editcheck fix`` guarantees, over generated text and HTML drafts (hypothesis).

- it never touches copy outside the flagged spans: every block no fix flagged comes
  through word for word, in order, and every edit lies inside a flagged block (or a
  blank one a deletion folded);
- the HTML's markup is kept byte for byte: a tag is gone only when an edit deleting a
  whole flagged element held it, and a replacement never holds or eats a tag;
- it is idempotent, and the fixed draft checks clean of every fixable finding;
- every fix asked for is applied (the generated drafts hold nothing it could not place).
"""

from __future__ import annotations

import html
import os
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editcheck.api import Checker
from editcheck.document import Document, load_html, load_text
from editcheck.fixes import FixResult, apply_fixes, fix_document, reload

PROSE = [
    "The council voted on Tuesday to close the library, a decision that angered residents.",
    "Its leader said the savings were needed and that the building would be sold next year.",
    "Campaigners said they would take the matter to the high court before the summer.",
    "The school opened in 1962 and has taught more than 20,000 pupils since then, staff said.",
    "Police said a man had been arrested on suspicion of dangerous driving after the crash.",
    "The minister told reporters that the plan would be published in full on Friday.",
]
RESIDUE = [
    "6 hours ago",
    "5",
    "Advertisement",
    "Share this article",
    ".png) 6 hours ago",
    "Facebook Twitter Email",
    "12 comments",
    "Updated 12 mins ago",
    "Photograph:",
    "**",
    "Copy link",
]
MARKED = [  # prose with a span a fix repairs
    "The council\u00e2\u20ac\u2122s plan was approved by eleven votes to four on Monday night.",
    "Tom&nbsp;Smith, who chairs the committee, said the vote had been a difficult one.",
    "The fee rises to \u00c2\u00a345 from April, the council said in a statement on Monday.",
    "Zero\u200bwidth spaces had crept into the copy pasted from the agency wire service.",
    "A soft\u00adhyphen sat in the middle of the word when the copy reached the subs desk.",
]


def line() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(PROSE),
        st.sampled_from(RESIDUE),
        st.sampled_from(MARKED),
        st.just(""),
        st.sampled_from(["   ", "\t"]),
    )


@st.composite
def text_drafts(draw: st.DrawFn) -> str:
    lines = draw(st.lists(line(), min_size=1, max_size=14))
    if draw(st.booleans()) and any(ln in PROSE for ln in lines):  # a pasted duplicate
        copy = next(ln for ln in lines if ln in PROSE)
        lines.insert(draw(st.integers(0, len(lines))), copy)
    ending = draw(st.sampled_from(["\n", "", "\n\n\n"]))
    newline = draw(st.sampled_from(["\n", "\n", "\r\n"]))
    return newline.join(lines) + ending.replace("\n", newline)


def _element(draw: st.DrawFn, text: str) -> str:
    if not text.strip():
        return draw(st.sampled_from(["<p><br></p>", "<p></p>", "<p>&nbsp;</p>", "<p> </p>"]))
    body = html.escape(text, quote=False).replace("\u00a0", "&nbsp;")
    body = body.replace("’", draw(st.sampled_from(["’", "&rsquo;", "&#8217;"])))
    style = draw(st.integers(0, 5))
    if style == 1 and " " in body and "&" not in body:
        first, rest = body.split(" ", 1)
        body = f"<b>{first}</b> {rest}"
    elif style == 2:
        body = f'<span class="x">{body}</span>'
    elif style == 3 and " " in body:
        first, rest = body.split(" ", 1)
        body = f"{first}<!-- a comment --> {rest}"
    elif style == 4:
        body = f'<a href="/x?a=1&amp;b=2" title="a > b">{body}</a>'
    tag = draw(st.sampled_from(["p", "p", "p", "div", "li", "h2", "p-open"]))
    if tag == "p-open":
        return f"<p>{body}"  # no end tag: the next block closes it
    element = f"<{tag}>{body}</{tag}>"
    return f"<ul>{element}</ul>" if tag == "li" else element


@st.composite
def html_drafts(draw: st.DrawFn) -> str:
    lines = draw(st.lists(line(), min_size=1, max_size=12))
    if draw(st.booleans()) and any(ln in PROSE for ln in lines):
        copy = next(ln for ln in lines if ln in PROSE)
        lines.insert(draw(st.integers(0, len(lines))), copy)
    joiner = draw(st.sampled_from(["", "\n", "\n  ", "\r\n"]))
    elements = [_element(draw, ln) for ln in lines]
    body = joiner.join(elements)
    if draw(st.booleans()):
        body = f'<div class="story">{joiner}{body}{joiner}</div>'
    if draw(st.booleans()):
        body = f"<article>\n{body}\n</article>\n"
    return body


CHECKER = Checker({}, select=["category:page-residue", "category:repeated-boilerplate"])
PROPERTIES = settings(
    max_examples=int(os.environ.get("FIX_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def fix(doc: Document) -> tuple[FixResult, Document]:
    outcome = fix_document(CHECKER, doc)
    return outcome.result, reload(doc, outcome.result.draft)


def fix_once(doc: Document) -> FixResult:
    return apply_fixes(doc, CHECKER.check_document(doc))


def _flagged(doc: Document) -> set[int]:
    """Blocks a fixable annotation touches."""
    report = CHECKER.check_document(doc)
    return {a.block.index for a in report.annotations if a.fixable}


def assert_guarantees(doc: Document) -> None:
    result, fixed = fix(doc)
    assert result.not_applied == (), result.not_applied
    current = doc
    for _ in range(3):  # each round of fix_document keeps the guarantees on its draft
        one = fix_once(current)
        if not one.changed:
            break
        assert_one_round(current, one)
        current = reload(current, one.draft)
    assert current.source_text == result.draft
    # clean of every fixable finding, and idempotent
    again = CHECKER.check_document(fixed)
    assert not [a for a in again.annotations if a.fixable], [
        (a.rule, a.text) for a in again.annotations if a.fixable
    ]
    second, _ = fix(fixed)
    assert second.draft == result.draft


def assert_one_round(doc: Document, result: FixResult) -> None:
    """One round of fixes on ``doc``: copy, markup and edits as the module promises."""
    report = CHECKER.check_document(doc)
    fixed = reload(doc, result.draft)
    assert result.not_applied == (), result.not_applied
    # copy outside the flagged blocks comes through word for word, in order
    flagged = {a.block.index for a in report.annotations if a.fixable}
    kept = [b.text for b in doc.blocks if b.index not in flagged and not b.is_blank]
    remaining = iter(b.text for b in fixed.blocks if not b.is_blank)
    for text in kept:
        assert any(text == other for other in remaining), f"lost or changed: {text!r}"
    # every edit lies in a flagged block or a blank one
    regions = [_region(doc, b) for b in doc.blocks if b.index in flagged or b.is_blank]
    for edit in result.edits:
        core = doc.source_text[edit.start : edit.end]
        lead = len(core) - len(core.lstrip())
        s, e = edit.start + lead, edit.start + len(core.rstrip())
        if s < e:
            assert any(rs <= s and e <= re_ for rs, re_ in regions), (edit, core)
        assert "<" not in edit.text
    # markup: tags outside deleting edits all survive, in order
    if doc.media_type == "text/html":
        tags = re.compile(r"<[^>]*>")
        deleted = [(e.start, e.end) for e in result.edits if not e.text]
        outside = [
            m.group()
            for m in tags.finditer(doc.source_text)
            if not any(s <= m.start() and m.end() <= e for s, e in deleted)
        ]
        assert [m.group() for m in tags.finditer(result.draft)] == outside


def _region(doc: Document, block: object) -> tuple[int, int]:
    from editcheck.document import Block

    assert isinstance(block, Block)
    if doc.media_type != "text/html":
        end = (
            doc.blocks[block.index + 1].start
            if block.index + 1 < len(doc.blocks)
            else len(doc.text)
        )
        return block.start, end
    assert doc.locator is not None
    found = doc.locator.element_range(block)
    assert found is not None, block
    return found


@PROPERTIES
@given(text_drafts())
def test_text_fixes_keep_their_guarantees(draft: str) -> None:
    assert_guarantees(load_text(draft))


@PROPERTIES
@given(html_drafts())
def test_html_fixes_keep_their_guarantees(draft: str) -> None:
    assert_guarantees(load_html(draft))


@pytest.mark.parametrize(
    ("draft", "fixed"),
    [
        ("Copy.\n\n\n\n\nMore copy.\n", "Copy.\n\nMore copy.\n"),
        ("Copy.\n\nAdvertisement\n\nMore copy.\n", "Copy.\n\nMore copy.\n"),
        ("Copy.\n\n6 hours ago\n\n\n", "Copy.\n"),
        ("Tom&nbsp;Smith said so.\n", "Tom\u00a0Smith said so.\n"),
        ("Tom&amp;amp;Jerry said so.\n", "Tom&Jerry said so.\n"),
        ("It was the councilâ€™s plan.\n", "It was the council’s plan.\n"),
        ("The train left. 47 minutes ago\n", "The train left.\n"),
    ],
)
def test_text_examples(draft: str, fixed: str) -> None:
    result, _ = fix(load_text(draft))
    assert result.draft == fixed


@pytest.mark.parametrize(
    ("draft", "fixed"),
    [
        (
            "<p>Copy.</p>\n<p>Advertisement</p>\n<p>More copy.</p>",
            "<p>Copy.</p>\n<p>More copy.</p>",
        ),
        ("<p>Tom&amp;nbsp;Smith said so.</p>", "<p>Tom&nbsp;Smith said so.</p>"),
        ("<p>Zero&#8203;width <b>bold</b></p>", "<p>Zerowidth <b>bold</b></p>"),
        ("<div><p>Copy.</p><p><br></p><p></p><p><br></p></div>", "<div><p>Copy.</p></div>"),
        (
            '<ul class="share">\n  <li><a href="/f">Facebook Twitter Email</a></li>\n</ul>'
            "<p>Copy stays.</p>",
            '<ul class="share">\n</ul><p>Copy stays.</p>',
        ),
    ],
)
def test_html_examples(draft: str, fixed: str) -> None:
    result, _ = fix(load_html(draft))
    assert result.draft == fixed
