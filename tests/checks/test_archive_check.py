"""core/archive-boilerplate through the Python API: thresholds, near-duplicates, failures."""

from __future__ import annotations

from pathlib import Path

import pytest

from editcheck.api import Checker
from editcheck.archive import ArchiveIndexError, IndexWriter, close_all
from editcheck.checks.archive import ARCHIVE_BOILERPLATE
from editcheck.document import load_html, load_text
from editcheck.errors import ConfigError

RULE = ARCHIVE_BOILERPLATE.id
PROMO = "Sign up to our newsletter for the latest news"
FOOTER = (
    "© 2024 Northfield Gazette. All rights reserved. Reproduction without permission is prohibited."
)
TIP = "Contact the newsroom at tips@northfield-gazette.example at any time."
BODIES = [
    "The harbour wall will be rebuilt before the winter storms arrive.",
    "A new cycle lane opened on the ring road after two years of delays.",
    "The quarry owners have appealed against the refusal of planning permission.",
    "Pupils at the primary school raised money for a new library.",
    "The ferry company cut two sailings a day because of a shortage of crew.",
    "Firefighters were called to a barn blaze on the edge of the village overnight.",
]


@pytest.fixture(autouse=True)
def _close_readers():
    yield
    close_all()


def learn(index: Path, texts: list[str]) -> Path:
    with IndexWriter(index) as writer:
        for text in texts:
            writer.add(load_text(text))
    return index


def checker(index: Path | str, **options: object) -> Checker:
    config = {"rules": {RULE: {"index": str(index), **options}}}
    return Checker(config, select=[RULE])


def flagged(report) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(a.text, a.message) for a in report.annotations]


@pytest.fixture
def index(tmp_path: Path) -> Path:
    """Promo in 4 articles (one a near-duplicate wording), footer in 3, tip sentence in 3."""
    texts = [
        f"{BODIES[0]}\n{PROMO}\n{FOOTER}\n",
        f"{BODIES[1]} {TIP}\nSign up for our newsletter for all the latest news!\n{FOOTER}\n",
        f"{BODIES[2]}\nSIGN UP to our newsletter, for the latest news.\n{FOOTER}\n",
        f"{BODIES[3]} {TIP}\n{PROMO}\n",
        f"{BODIES[4]} And more. {TIP}\n",
    ]
    return learn(tmp_path / "archive.sqlite", texts)


def test_flags_recurring_paragraphs_and_says_in_how_many(index: Path) -> None:
    draft = f"{BODIES[5]}\nSign up for our newsletter for the latest news!\n{FOOTER}\n"
    assert flagged(checker(index).check_text(draft)) == [
        (
            "Sign up for our newsletter for the latest news!",
            "This paragraph appears in 4 earlier articles: boilerplate?",
        ),
        (FOOTER, "This paragraph appears in 3 earlier articles: boilerplate?"),
    ]


def test_flags_a_recurring_sentence_inside_a_fresh_paragraph(index: Path) -> None:
    draft = f"The ferry timetable changes in May. {TIP}\n"
    report = checker(index).check_text(draft)
    assert flagged(report) == [(TIP, "This sentence appears in 3 earlier articles: boilerplate?")]
    assert report.annotations[0].data == {"articles": 3, "passage": "sentence"}


def test_min_docs_threshold(index: Path) -> None:
    draft = f"{BODIES[5]}\n{PROMO}\n{FOOTER}\n"
    assert len(checker(index).check_text(draft).annotations) == 2
    four = checker(index, **{"min-docs": 4}).check_text(draft).annotations
    assert [a.text for a in four] == [PROMO]
    assert checker(index, **{"min-docs": 5}).check_text(draft).annotations == ()
    # A body paragraph learned once is flagged only when the threshold comes down to 1.
    assert [
        a.text for a in checker(index, **{"min-docs": 1}).check_text(BODIES[0]).annotations
    ] == [BODIES[0]]


def test_unique_text_and_short_lines_pass(index: Path) -> None:
    draft = f"{BODIES[5]}\nRead more\n5\nThe council meets again on Tuesday to vote.\n"
    assert checker(index, **{"min-docs": 1}).check_text(draft).annotations == ()


def test_a_learned_draft_is_not_counted_against_itself(tmp_path: Path) -> None:
    draft = f"{BODIES[0]}\n{PROMO}\n"
    index = learn(tmp_path / "a.sqlite", [draft, f"{BODIES[1]}\n{PROMO}\n"])
    report = checker(index, **{"min-docs": 1}).check_text(draft)
    assert flagged(report) == [(PROMO, "This paragraph appears in 1 earlier article: boilerplate?")]


def test_html_draft_offsets_cover_the_passage(index: Path) -> None:
    html = (
        f"<article><p>{BODIES[5]}</p><aside><p>  {PROMO}  </p></aside>"
        f"<footer><p>{FOOTER}</p></footer></article>"
    )
    report = checker(index).check_html(html)
    assert [(a.text, a.block.xpath) for a in report.annotations] == [
        (PROMO, "/html/body/article/aside/p"),
        (FOOTER, "/html/body/article/footer/p"),
    ]


def test_no_index_configured_is_silent(index: Path) -> None:
    report = Checker({}, select=[RULE]).check_text(f"{PROMO}\n{FOOTER}\n")
    assert report.annotations == () and report.errors == ()


def test_missing_index_stops_the_run_before_any_draft(tmp_path: Path) -> None:
    missing = tmp_path / "gone.sqlite"
    with pytest.raises(ArchiveIndexError, match="no boilerplate index there") as raised:
        checker(missing)
    assert str(missing) in str(raised.value)


def test_corrupt_index_stops_the_run(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"\x00garbage" * 500)
    with pytest.raises(ArchiveIndexError, match=str(bad)):
        checker(bad)


def test_index_gone_after_the_start_is_a_reported_failure(tmp_path: Path) -> None:
    index = learn(tmp_path / "a.sqlite", BODIES[:3])
    check = checker(index)
    close_all()
    index.unlink()
    report = check.check_text(f"{PROMO}\n")
    assert report.annotations == () and len(report.errors) == 1
    assert str(index) in report.errors[0].message


def test_bad_min_docs_is_refused(index: Path) -> None:
    with pytest.raises(ConfigError, match="min-docs"):
        checker(index, **{"min-docs": 0})


def test_rule_is_documented() -> None:
    rule = ARCHIVE_BOILERPLATE
    assert rule.category == "repeated-boilerplate"
    assert rule.options == {"index": "", "min-docs": 3, "publication": []}
    for words in ("min-docs", "--archive-index", "near-duplicate", "4 words", "6 words"):
        assert words.lower() in rule.doc.lower()


def test_html_article_learned_text_draft_found(tmp_path: Path) -> None:
    index = tmp_path / "a.sqlite"
    with IndexWriter(index) as writer:
        for body in BODIES[:3]:
            writer.add(load_html(f"<p>{body}</p><div class='promo'><p>{PROMO}</p></div>"))
    assert flagged(checker(index).check_text(f"{BODIES[4]}\n{PROMO}\n")) == [
        (PROMO, "This paragraph appears in 3 earlier articles: boilerplate?")
    ]


# The archive must not learn people (issue 14).
PEOPLE = [
    "By Dev Okafor, Courts Reporter",
    "Till next week, keep your boots muddy. — Marnie",
    "Dev Okafor is the Courier's courts and crime reporter. He joined the paper in 2022.",
    "Marnie Cole has kept a plot on the Brook Road allotments since 1994. Her column appears "
    "in the Courier every other Saturday.",
]


def test_bylines_signoffs_and_bios_are_never_learned_nor_flagged(tmp_path: Path) -> None:
    people = "\n".join(PEOPLE)
    index = learn(tmp_path / "p.sqlite", [f"{b}\n{people}\n{PROMO}\n" for b in BODIES[:4]])
    report = checker(index).check_text(f"{BODIES[5]}\n{people}\n{PROMO}\n")
    assert [text for text, _ in flagged(report)] == [PROMO]


def test_author_markup_keeps_a_block_out_of_the_index(tmp_path: Path) -> None:
    marked = [
        '<p>Words: <a rel="author" href="/a">Ama Boateng</a> · Health Reporter, Northgate</p>',
        '<p class="byline">Reporting from the county hall for the Bulletin each week</p>',
        "<address>Write to Ama Boateng at the Bulletin, 4 Mill Street, Northgate</address>",
    ]
    with IndexWriter(tmp_path / "m.sqlite") as writer:
        for body in BODIES[:4]:
            writer.add(load_html(f"<article><p>{body}</p>{''.join(marked)}</article>"))
    report = checker(tmp_path / "m.sqlite").check_html(
        f"<article><p>{BODIES[5]}</p>{''.join(marked)}</article>"
    )
    assert flagged(report) == []


def test_a_short_line_recurring_beside_recurring_furniture_is_flagged(tmp_path: Path) -> None:
    box = "The Morning Post"
    pages = [f"{b}\n{box}\n{PROMO}\n" for b in BODIES[:4]] + [f"{BODIES[4]}\n{box}\n"]
    index = learn(tmp_path / "l.sqlite", pages)
    found = flagged(checker(index).check_text(f"{BODIES[5]}\n{box}\n{PROMO}\n"))
    assert [t for t, _ in found] == [box, PROMO]
    assert flagged(checker(index).check_text(f"{BODIES[5]}\n{box}\n{BODIES[2]}\n")) == []


def test_a_passage_naming_the_paper_needs_fewer_articles(tmp_path: Path) -> None:
    promo = "Gazette Extra readers get the crossword a day early with the weekend edition"
    index = learn(tmp_path / "n.sqlite", [f"{b}\n{promo}\n" for b in BODIES[:2]])
    draft = f"{BODIES[5]}\n{promo}\n"
    assert flagged(checker(index).check_text(draft)) == []  # 2 < min-docs 3
    named = Checker(
        {"publication": ["Gazette"], "rules": {RULE: {"index": str(index)}}}, select=[RULE]
    )
    assert [t for t, _ in flagged(named.check_text(draft))] == [promo]


def test_a_running_storys_background_and_a_stock_quote_are_copy_not_furniture(
    tmp_path: Path,
) -> None:
    """A background paragraph repeated under every update of a story, and a source's stock
    quotation, recur across the archive as much as a footer does; they are the story's own
    copy. The footer in the same pages is still flagged."""
    background = (
        "The old tannery closed in 2011 with the loss of 210 jobs and has stood empty since "
        "a fire destroyed its roof."
    )
    quote = '"We will not balance the books on the backs of the poorest," said the leader.'
    pages = [
        f"{b}\n{background}\n{BODIES[(i + 1) % 6]}\n{quote}\n{FOOTER}\n"
        for i, b in enumerate(BODIES[:4])
    ]
    index = learn(tmp_path / "story.sqlite", pages)
    draft = f"{BODIES[4]}\n{background}\n{BODIES[5]}\n{quote}\n{FOOTER}\n"
    assert [t for t, _ in flagged(checker(index).check_text(draft))] == [FOOTER]
    # The same background pasted at the foot of the draft, beside the footer, is furniture.
    tail = f"{BODIES[4]}\n{BODIES[5]}\n{background}\n{FOOTER}\n"
    assert [t for t, _ in flagged(checker(index).check_text(tail))] == [background, FOOTER]
