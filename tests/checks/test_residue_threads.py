"""Whole pasted pages (issue 14): comment threads, tool rows, neighbour smoothing."""

from __future__ import annotations

from editcheck.api import Checker
from editcheck.checks.residue.furniture import tool_row

BODY = "".join(
    f"<p>{t}</p>"
    for t in (
        "Residents of Ashley Cross have bought their village shop and post office after "
        "selling shares to 412 people in eight weeks, saving it from closure.",
        "The owners announced in September that they would retire at Christmas and had "
        "found no buyer. The nearest other shop is six miles away.",
        'Society chair Imogen Hartley said the shop would open seven days a week. "It is '
        'the only place in the village where you see everybody," she said.',
    )
)
COMMENTS = "".join(
    f'<div class="c-item"><div class="c-by">Posted by {who} on 2 December 2026, 7:15am</div>'
    f'<div class="c-txt">{text}</div><div class="c-n">{n} replies</div></div>'
    for who, text, n in (
        (
            "Ruth Ellery",
            "We bought ten shares between us and would do it again, because "
            "this shop has kept the village going through two winters of floods.",
            4,
        ),
        (
            "stevek",
            "Good luck to them, but volunteer-run shops need volunteers for years, "
            "not weeks. I hope the rota holds up in February.",
            2,
        ),
    )
)


def page(main: str) -> str:
    return (
        "<!DOCTYPE html><html><head><title>Shop | Observer</title></head><body>"
        '<div class="hdr"><a href="/">Wrexford Observer</a></div>'
        f'<div class="col-main"><h1>Villagers buy their shop</h1>{main}</div>'
        '<div class="ftr"><a href="/privacy">Privacy</a></div></body></html>'
    )


def furniture(html: str) -> dict[str, str]:
    report = Checker({}, select=["core/page-furniture"]).check_html(html)
    return {a.text: a.data["reason"] for a in report.annotations}


def test_a_thread_under_neutral_class_names_is_told_by_its_repeated_units() -> None:
    found = furniture(page(BODY + '<div class="c-head">Have your say</div>' + COMMENTS))
    assert found["Posted by stevek on 2 December 2026, 7:15am"] == "a comment thread"
    assert found["4 replies"] == "a comment thread"
    assert any(t.startswith("We bought ten shares") for t in found)  # prose, but a comment
    assert "Have your say" in found
    assert not any(t.startswith(("Residents of", "The owners", "Society chair")) for t in found)
    assert "Villagers buy their shop" not in found  # the page's headline


def test_one_posted_by_line_is_not_a_thread() -> None:
    one = '<div class="c-item"><div class="c-by">Posted by Ruth on 1 May 2026</div></div>'
    found = furniture(page(BODY + one))
    assert (
        "Posted by Ruth on 1 May 2026" not in found
        or found["Posted by Ruth on 1 May 2026"] != "a comment thread"
    )


def test_comment_class_words_mark_prose_too() -> None:
    thread = (
        '<ol class="comment-list"><li class="comment"><p>I disagree entirely, and I think the '
        "council should have asked the people who live in the valley before deciding.</p>"
        "</li></ol>"
    )
    found = furniture(page(BODY + thread))
    assert any(t.startswith("I disagree entirely") for t in found)


def test_tool_rows_are_read_item_by_item() -> None:
    assert tool_row("Share | Save | Reprints")
    assert tool_row("Print · Save for later · Report an error")
    assert tool_row("Home > News > Villages")
    assert not tool_row("Arsenal beat Chelsea 2-1. | The match was close.")
    assert not tool_row("The council, which meets on Tuesday, will vote.")
    found = furniture(page('<div class="x">Share | Save | Reprints</div>' + BODY))
    assert found["Share | Save | Reprints"] == "a row of page tools"


def test_a_short_block_between_furniture_is_furniture_a_subhead_between_copy_is_not() -> None:
    html = page(
        BODY
        + "<h2>What happens next</h2>"
        + BODY.replace("Residents", "Neighbours")
        + '<div class="x">Print · Save for later</div><div class="y">Follow us</div>'
        + '<div class="social">Facebook Instagram</div>'
    )
    found = furniture(html)
    assert found.get("Follow us") in ("a short block between furniture", "marked 'follow'")
    assert "What happens next" not in found


def test_a_fragment_is_never_a_page() -> None:
    assert furniture(BODY + COMMENTS) == {}
