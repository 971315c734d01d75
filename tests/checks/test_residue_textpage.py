"""core/page-furniture on a whole web page pasted as plain text."""

from __future__ import annotations

from editcheck.api import Checker

PAGE = """Skip to main content
Sign in
Brackley Express
Home
News
Sport
Bypass opening delayed to autumn after bridge fault
By Anna Rigby | 12 March 2026
Share on Facebook
The Brackley bypass will not open until the autumn after engineers found a fault in its bridge.
The £48m road was due to open in May. The council said the contractor would pay for repairs.
Drivers have been asked to use the A43.
Related stories
Bypass bridge lifted into place
Council defends bypass costs
Comments (2)
Posted by oldroad on 12 March 2026
Typical. Three years of roadworks and now this, and nobody at the council will say sorry.
Reply
Posted by Brackley Bob on 12 March 2026
At least the contractor is paying.
Reply
Brackley Express, a Midland Titles publication
"""


def residue(text: str) -> list[str]:
    report = Checker({}, select=["category:page-residue"]).check_text(text)
    return [a.text for a in report.annotations]


def furniture(text: str) -> list[str]:
    report = Checker({}, select=["category:page-residue"]).check_text(text)
    return [a.text for a in report.annotations if a.rule == "core/page-furniture"]


def test_menu_related_list_thread_and_footer_of_a_pasted_page() -> None:
    found = residue(PAGE)  # "Home" is an interface string, the rest page furniture
    for line in (
        "Brackley Express",
        "Home",
        "News",
        "Sport",
        "Bypass bridge lifted into place",
        "Related stories",
        "Posted by oldroad on 12 March 2026",
        "At least the contractor is paying.",
        "Brackley Express, a Midland Titles publication",
    ):
        assert line in found, line
    for line in PAGE.splitlines()[6:12]:  # headline, byline and the article
        if line != "Share on Facebook":
            assert line not in found, line
    assert "Home" not in furniture(PAGE)  # annotated once, by its own rule


def test_an_ordinary_text_draft_has_no_page_furniture() -> None:
    draft = "\n".join(PAGE.splitlines()[6:8] + PAGE.splitlines()[9:12])
    assert furniture(draft) == []


def test_a_results_list_closing_a_report_and_live_entry_times_are_copy() -> None:
    report = (
        "Skip to content\nShare\nCopy link\nArsenal 2 Chelsea 1\n"
        "Saka scored twice as Arsenal came from behind to beat Chelsea at the Emirates.\n"
        "Palmer had given the visitors the lead from the penalty spot after eleven minutes.\n"
        "Other results\nLeeds 0 Everton 0\nFulham 3 Brentford 2\n"
    )
    assert furniture(report) == []
    blog = (
        "Storm live\nShare\nCopy link\nBack to top\n14:05\n"
        "Rail services between Exeter and Plymouth will not resume today, the operator said.\n"
        "13:30\nThe water has gone down but the main street is covered in mud, shopkeepers say.\n"
        "Updated 2 mins ago\nPosted 35 minutes ago\n"
    )
    assert furniture(blog) == []
