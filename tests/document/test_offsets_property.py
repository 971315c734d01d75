"""Property tests: every annotation points at exactly the text it claims, in HTML and text.

A probe check reports every word and every pair of adjacent words of every sentence; the
report's positions must then satisfy the report contract for arbitrary generated drafts.
"""

from __future__ import annotations

import html as html_lib

import lxml.html
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editcheck import Rule, check
from editcheck.config import Config
from editcheck.document import load_html, load_text
from editcheck.runner import plan_run, run_checks


@check(Rule("probe/words", "house-style"), name="probe.words")
def every_word(doc, ctx):  # type: ignore[no-untyped-def]
    for s in doc.sentences:
        words = [t for t in s.tokens if t.kind != "punct"]
        for t in words:
            ctx.report("probe/words", t.start, t.end, "word")
        for a, b in zip(words, words[1:], strict=False):
            ctx.report("probe/words", a.start, b.end, "pair")


PLAN = plan_run([every_word], Config())

WORDS = st.sampled_from(
    [
        "news",
        "Mr.",
        "U.S.",
        "5",
        "1,000%",
        "“quote”",
        "café",
        "\u200b",
        "a.m.",
        "said.",
        "&amp;",
        "&nbsp;",
        "é",
        "日本",
        "😀",
        "TK",
    ]
)
SPACE = st.sampled_from([" ", "  ", "\n", "\n   ", "\t", "&nbsp;", ""])


@st.composite
def inline_text(draw):  # type: ignore[no-untyped-def]
    parts = []
    for _ in range(draw(st.integers(0, 8))):
        word = draw(WORDS)
        wrap = draw(st.sampled_from(["", "b", "a", "em", "span", "br", "script", "!--"]))
        if wrap == "br":
            parts.append(word + "<br>")
        elif wrap == "script":
            parts.append(f"<script>{word}</script>")
        elif wrap == "!--":
            parts.append(f"<!-- {word} -->")
        elif wrap:
            parts.append(f"<{wrap}>{word}</{wrap}>")
        else:
            parts.append(word if word.startswith("&") else html_lib.escape(word, quote=False))
        parts.append(draw(SPACE))
    return "".join(parts)


@st.composite
def html_drafts(draw, depth=0):  # type: ignore[no-untyped-def]
    out = []
    for _ in range(draw(st.integers(1, 4))):
        tag = draw(
            st.sampled_from(["p", "h2", "li", "blockquote", "div", "td", "figcaption", "section"])
        )
        inner = draw(inline_text())
        if depth < 2 and draw(st.booleans()):
            inner += draw(html_drafts(depth=depth + 1)) + draw(inline_text())
        out.append(f"<{tag}>{inner}</{tag}>")
    return draw(SPACE).join(out)


def _assert_visible_words_in_order(text: str, exact: str) -> None:
    """The raw quote holds the visible words in order (plus any hidden script text between)."""
    words = text.split()
    assert exact.lstrip().startswith(words[0]) if words else True
    assert exact.rstrip().endswith(words[-1]) if words else True
    pos = 0
    for w in words:
        pos = exact.index(w, pos) + len(w)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(html_drafts())
def test_html_annotations_point_into_the_dom(source: str) -> None:
    doc = load_html(source)
    report = run_checks(doc, PLAN)
    root = lxml.html.document_fromstring(source) if source.strip() else None
    for a in report.annotations:
        assert a.text == doc.text[a.start : a.end]
        block = doc.blocks[a.block.index]
        assert block.start <= a.start <= a.end <= block.end  # never across two blocks
        (element,) = root.xpath(a.block.xpath)
        assert a.quote.exact == element.text_content()[a.block.start : a.block.end]
        _assert_visible_words_in_order(a.text, a.quote.exact)
        assert (a.line, a.column) == doc.line_col(a.start)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .5\n\r\t“”é😀\u200b")), max_size=200))
def test_text_annotations_are_slices_of_the_file(text: str) -> None:
    doc = load_text(text)
    assert doc.text == text
    report = run_checks(doc, PLAN)
    for a in report.annotations:
        assert a.text == text[a.start : a.end]
        line = doc.blocks[a.block.index].text
        assert a.quote.exact == line[a.block.start : a.block.end] == a.text
        assert a.block.xpath is None


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_never_raise_anything_but_input_error(data: bytes) -> None:
    from editcheck.document import load_bytes
    from editcheck.errors import InputError

    for media in ("text/html", "text/plain"):
        try:
            doc = load_bytes(data, media)  # type: ignore[arg-type]
        except InputError:
            continue
        run_checks(doc, PLAN)
