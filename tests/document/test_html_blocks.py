"""HTML drafts become the blocks an editor sees, with xpaths a browser can resolve."""

from __future__ import annotations

import lxml.html
import pytest

from editcheck.document import load_html


def texts(html: str) -> list[tuple[str, str]]:
    return [(b.tag, b.text) for b in load_html(html).blocks]


def test_cms_fragment_blocks_in_document_order() -> None:
    html = """
    <h2>Heading</h2>
    <p>First <a href="#">linked</a> paragraph.</p>
    <blockquote><p>Quoted paragraph.</p></blockquote>
    <figure><img src="x.png"><figcaption>A caption. Photograph: Agency</figcaption></figure>
    <ul><li>One</li><li><p>Two in a p</p></li></ul>
    <aside>Aside text</aside>
    <table><tr><th>Team</th><td>3</td></tr></table>
    <dl><dt>Term</dt><dd>Definition</dd></dl>
    <pre>code   stays</pre>
    """
    assert texts(html) == [
        ("h2", "Heading"),
        ("p", "First linked paragraph."),
        ("p", "Quoted paragraph."),
        ("figcaption", "A caption. Photograph: Agency"),
        ("li", "One"),
        ("p", "Two in a p"),
        ("aside", "Aside text"),
        ("th", "Team"),
        ("td", "3"),
        ("dt", "Term"),
        ("dd", "Definition"),
        ("pre", "code stays"),
    ]


def test_invisible_content_is_excluded() -> None:
    html = (
        "<p>Kept</p><script>var x = 'Not text';</script><style>p{}</style>"
        "<template><p>Template</p></template><noscript><p>Enable JS</p></noscript>"
        "<!-- a comment --><p>Also <script>inline()</script>kept</p>"
    )
    assert [b.text for b in load_html(html).blocks] == ["Kept", "Also kept"]


def test_div_with_direct_text_is_a_block_but_wrappers_are_not() -> None:
    html = "<div><div>Direct text <p>Inner</p> tail</div></div>"
    assert texts(html) == [("div", "Direct text tail"), ("p", "Inner")]


def test_empty_paragraphs_stay_as_blank_blocks() -> None:
    doc = load_html("<p>Body.</p><p></p><p>&nbsp;</p><p><br></p>")
    assert [b.is_blank for b in doc.blocks] == [False, True, True, True]
    assert doc.text == "Body.\n\n\n"


def test_whitespace_collapses_and_br_separates() -> None:
    doc = load_html("<p>  Two\n\n   words<br>and&nbsp;more  </p>")
    assert doc.blocks[0].text == "Two words and more"


def test_document_text_joins_blocks_with_newlines() -> None:
    doc = load_html("<h1>Title</h1><p>One. Two.</p>")
    assert doc.text == "Title\nOne. Two."
    assert [(b.start, b.end) for b in doc.blocks] == [(0, 5), (6, 15)]
    assert [s.text for s in doc.sentences] == ["Title", "One.", "Two."]


def test_xpaths_resolve_to_the_block_element() -> None:
    html = "<article><p>a</p><div><p>b</p><p>c</p></div></article>"
    doc = load_html(html)
    root = lxml.html.document_fromstring(html)
    for block in doc.blocks:
        (el,) = root.xpath(block.xpath)
        assert el.text_content().strip() == block.text


@pytest.mark.parametrize(
    "html",
    ["", "   ", "<html></html>", "<p>unclosed <b>bold", "</p></div>", "<<<>>>", "<p>a</p" * 50],
)
def test_broken_or_empty_html_never_raises(html: str) -> None:
    doc = load_html(html)
    assert isinstance(doc.text, str)


def test_links_are_counted_for_link_density() -> None:
    doc = load_html('<p><a href="/a">Home</a> <a href="/b">News</a></p><p>Plain <a>x</a> text</p>')
    assert doc.blocks[0].link_density == pytest.approx(8 / 9)
    assert doc.blocks[1].link_density < 0.2


def test_ancestors_and_class_hints_are_recorded() -> None:
    doc = load_html('<footer class="site-foot"><nav id="Menu"><p>Links</p></nav></footer>')
    block = doc.blocks[0]
    assert {"footer", "nav"} <= block.context
    assert "site-foot" in block.hints and "menu" in block.hints


def test_entities_are_decoded_and_xml_declarations_do_not_expand() -> None:
    doc = load_html('<?xml version="1.0" encoding="utf-8"?><p>Fish &amp; chips &eacute;</p>')
    assert doc.blocks[-1].text == "Fish & chips é"
    bomb = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]><p>&b;&b;&b;</p>'
    assert len(load_html(bomb).text) < 100


@pytest.mark.parametrize(
    "html",
    [
        "<p>a</p><p>b</p><div><p>c</p></div><div><span>d</span><p>e</p><p>f</p></div>",
        "<table><tr><td>1</td><td>2</td></tr><tr><td>3</td></tr></table>",
        "<ul><li>x<ul><li>y</li><li>z</li></ul></li></ul><!-- c --><p>after comment</p>",
        "<body><section><h2>t</h2><h2>u</h2><p>v</p></section><section><p>w</p></section></body>",
    ],
)
def test_xpaths_are_exactly_what_lxml_getpath_writes(html: str) -> None:
    root = lxml.html.document_fromstring(html)
    tree = root.getroottree()
    expected = [tree.getpath(el) for el in root.iter() if isinstance(el.tag, str)]
    for block in load_html(html).blocks:
        assert block.xpath in expected
        assert root.xpath(block.xpath)[0].text_content().strip().startswith(block.text[:1])


def test_many_sibling_paragraphs_keep_their_positions() -> None:
    doc = load_html("<p>x</p>" * 50_000)
    assert len(doc.blocks) == 50_000 and doc.blocks[-1].xpath == "/html/body/p[50000]"


def test_nesting_past_the_parser_limit_is_noted_not_raised() -> None:
    doc = load_html("<div>" * 5000 + "deep text" + "</div>" * 5000)
    assert any("parser limit" in note for note in doc.notes)
