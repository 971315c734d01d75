"""The attribution reader (issue 13): the relations it reads in news syntax, the sources it
lists in ``report.stats["sources"]``, and what an annotation says it weighed."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from sourcingkit import CLAIM, QUOTE, RULE_IDS, STAT, rule_flags

from editcheck.api import Checker
from editcheck.audit.tally import ArchiveAudit, ReportFacts
from editcheck.cli import main
from editcheck.document import load_html


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker({}, select=RULE_IDS)


def _relations(checker: Checker, text: str) -> list[tuple[str, str, str, str, str]]:
    """(source as written in the text, cue, content, kind, type) for each relation."""
    report = checker.check_text(text)
    out = []
    for s in report.stats["sources"]:
        for r in s["relations"]:
            a, b = r["source"]
            c, d = r["cue"]
            e, f = r["content"]
            out.append((text[a:b], text[c:d], text[e:f], s["kind"], r["type"]))
    return out


def _source_of(checker: Checker, text: str, content: str) -> tuple[str, str, str]:
    """The (source, cue, kind) of the relation whose content holds ``content``."""
    at = text.index(content)
    report = checker.check_text(text)
    for s in report.stats["sources"]:
        for r in s["relations"]:
            if r["content"][0] <= at < r["content"][1]:
                a, b = r["source"]
                c, d = r["cue"]
                return text[a:b].strip(" ,"), text[c:d], s["kind"]
    raise AssertionError(f"no relation holds {content!r}")


# --- sources with titles and tags between the name and the cue -------------------------


def test_party_tag_between_name_and_cue(checker: Checker) -> None:
    text = (
        "\u201cYou had the maps, you had the models, and you sat on them,\u201d panel Chairman "
        "Rep. Dana Whitlock (D-Ore.) said in his opening statement.\n"
    )
    assert not rule_flags(checker, text, QUOTE)
    source, cue, kind = _source_of(checker, text, "You had the maps")
    assert "Whitlock" in source and cue == "said" and kind == "person"


def test_tag_before_an_appositive(checker: Checker) -> None:
    text = (
        "State Sen. Harriet Voss (R-Elko), the minority whip, called it "
        '"a budget built on the edge of a cliff."\n'
    )
    assert not rule_flags(checker, text, QUOTE)
    assert "Harriet Voss" in _source_of(checker, text, "a budget built")[0]


def test_appositive_with_a_relative_clause(checker: Checker) -> None:
    text = (
        "Teresa Vail, a spokeswoman for the office who declined to give her title, said the "
        "system would be \u201cfully operational by the start of next season.\u201d\n"
    )
    assert not rule_flags(checker, text, QUOTE)
    assert _source_of(checker, text, "fully operational")[0].startswith("Teresa Vail")


def test_organisation_with_an_appositive_reports_a_figure(checker: Checker) -> None:
    text = "Brightwell, the Leeds-based bakery chain, reported a 12% rise in sales.\n"
    assert not rule_flags(checker, text, STAT)
    source, cue, kind = _source_of(checker, text, "12% rise")
    assert source == "Brightwell" and cue == "reported" and kind == "organisation"


# --- cues of every ordinary shape --------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        'The company named Priya Lal as finance director, describing her as "the best '
        'retail numbers person in the country."',
        'Okoro introduced Maria Pinto as "the woman who kept our hospitals open when nobody '
        'else would."',
        'Lorraine Kealoha (D-Henderson) promised members the money would be "paid back in '
        'full in the next biennium."',
        'Whitlock criticised the office for "treating a forecast like a suggestion, not a '
        'warning."',
        'Amberg reiterated that the office would "publish its fire-risk maps online from June."',
        'The chairman, Mr Okonjo, has assured me that "there will be money for the right player."',
    ],
)
def test_object_taking_cues_attribute_the_quote(checker: Checker, text: str) -> None:
    assert not rule_flags(checker, text + "\n", QUOTE)


def test_she_said_in_the_next_sentence_points_at_the_person(checker: Checker) -> None:
    text = (
        "State Sen. Harriet Voss, the minority whip, criticised the plan on Thursday.\n"
        "\u201cWe will be back here in two years cutting the very programs we are celebrating "
        "tonight,\u201d she said.\n"
    )
    source, cue, kind = _source_of(checker, text, "We will be back")
    assert "Harriet Voss" in source and cue == "she said" and kind == "person"


def test_he_said_skips_a_woman_named_in_between(checker: Checker) -> None:
    text = (
        "Board member Alan Petrosyan asked why the board had not waited for a study.\n"
        "Ms Karen Whitfield, the superintendent, did not answer him.\n"
        "\u201cWe are closing a school before we read the report on it,\u201d he said.\n"
    )
    assert "Petrosyan" in _source_of(checker, text, "We are closing")[0]


# --- documents and data as sources ---------------------------------------------------------


@pytest.mark.parametrize(
    "text,content,source",
    [
        (
            "A survey published on Monday finds that 41% of voters back the plan.",
            "41%",
            "A survey",
        ),
        (
            "Patients are waiting longer, figures issued by NHS England last week show, with "
            "2,300 patients waiting more than 62 days.",
            "2,300 patients",
            "figures issued by NHS England",
        ),
        (
            "An earlier report that the charities published in 2018 found a 30% decline.",
            "30% decline",
            "An earlier report",
        ),
        (
            "The airline\u2019s own estimate puts the cost of delays this year at \u20ac27 "
            "million.",
            "27",
            "The airline\u2019s own estimate",
        ),
        (
            "About 1,300 members are on strike, by the union\u2019s reckoning.",
            "1,300",
            "the union\u2019s",
        ),
        (
            "More than 150,000 tech workers lost their jobs, by the count of JobCut Tracker.",
            "150,000",
            "JobCut Tracker",
        ),
    ],
)
def test_documents_and_data_source_a_figure(
    checker: Checker, text: str, content: str, source: str
) -> None:
    assert not rule_flags(checker, text + "\n", STAT), text
    found, _, kind = _source_of(checker, text + "\n", content)
    assert source in found
    assert kind in ("document", "organisation")


# --- news conventions -------------------------------------------------------------------


def test_transcript_lines_answer_for_their_figures_and_weasels(checker: Checker) -> None:
    text = (
        "HOLT: We've permitted 2,600 new units since 2020. Some argue that is not enough.\n"
        "DIAZ: Of those 2,600 units, fewer than 900 have actually been built.\n"
        "HOLT: That is not true, and the records show it.\n"
    )
    assert not rule_flags(checker, text, STAT)
    assert not rule_flags(checker, text, CLAIM)
    source, cue, kind = _source_of(checker, text, "fewer than 900")
    assert (source, cue, kind) == ("DIAZ", ":", "person")


def test_an_interviewer_speaks_for_the_publication(checker: Checker) -> None:
    """In a name-prefixed interview the one who asks is the publication's voice; in a
    transcript in capitals (a debate, a council meeting) every speaker is on the record."""
    text = (
        "Reece: Your striker has scored 14 goals. Is he for sale?\n"
        "Hartley: No. Nobody has said a word to me.\n"
        "Reece: Supporters are reportedly planning a protest. Will you meet them?\n"
        "Hartley: They're entitled to.\n"
    )
    assert rule_flags(checker, text, CLAIM) == ["reportedly"]


def test_vox_pops_name_and_dash(checker: Checker) -> None:
    text = (
        "Margaret Lyle, 67, retired teacher \u2014 \u201cI\u2019ve never seen it this empty. "
        "My mother shopped here every Saturday.\u201d\n"
        "Rev. Thomas Ocampo, 63, pastor at St. Brendan's \u2014 \"People are tired. They want "
        'somebody who will just fix the roads."\n'
        '\u2014 "Put the market back on a Thursday and see who comes."\n'
    )
    assert rule_flags(checker, text, QUOTE) == [
        '"Put the market back on a Thursday and see who comes."'
    ]
    assert _source_of(checker, text, "People are tired")[:2] == ("Rev. Thomas Ocampo", "\u2014")


def test_pull_quote_with_its_speaker_line_after_it() -> None:
    html = (
        "<article><p>Amberg said the office would publish its maps.</p>"
        '<blockquote class="pullquote"><p>\u201cWe are not going to sit through another '
        "summer like that one.\u201d</p><p>\u2014 Rep. Dana Whitlock</p></blockquote></article>"
    )
    report = Checker({}, select=RULE_IDS).check_document(load_html(html))
    assert not [a for a in report.annotations if a.rule == QUOTE]
    names = [s["name"] for s in report.stats["sources"]]
    assert "Rep. Dana Whitlock" in names


def test_qa_answers_belong_to_the_interviewee() -> None:
    html = (
        "<h1>Marguerite Osei on The Salt Roads</h1>"
        '<p class="standfirst">Marguerite Osei\u2019s third novel is out. She spoke to us.</p>'
        "<p><strong>Q:</strong> How did it start?</p>"
        "<p><strong>A:</strong> My publisher says 60% of sales came after one video. "
        "I sent her flowers.</p>"
    )
    report = Checker({}, select=RULE_IDS).check_document(load_html(html))
    assert not [a for a in report.annotations if a.rule == STAT]
    osei = [s for s in report.stats["sources"] if s["name"].startswith("Marguerite Osei")]
    assert osei and osei[0]["kind"] == "person"


def test_quote_paragraph_continues_a_named_speakers_reported_speech(checker: Checker) -> None:
    text = (
        'Ireland head coach Declan Farrelly said Wales were "far more dangerous than the '
        'table says" and warned his players against complacency.\n'
        '"We haven\'t got a divine right to win anywhere, least of all in Cardiff."\n'
    )
    assert not rule_flags(checker, text, QUOTE)
    assert "Farrelly" in _source_of(checker, text, "divine right")[0]


def test_a_speaker_quoted_in_a_fragment_does_not_own_a_first_person_paragraph(
    checker: Checker,
) -> None:
    text = (
        'Sri Lanka captain Dhananjaya de Silva admitted his side had been "too loose".\n'
        '"We are not going to win this series if we keep giving away four balls an over."\n'
    )
    assert rule_flags(checker, text, QUOTE)


# --- what is not a quotation ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The farm is called Cnoc na Gaoithe, which means \u201cthe hill of the wind,\u201d and "
        "the wind never stops.",
        "The village\u2019s name, which translates as \u2018lower church of Mary\u2019, appears "
        "in records from the 13th century.",
        "Its refrain, \u201cwe will be a long time gone when the river comes back,\u201d is the "
        "film\u2019s last word.",
        "The report, titled 'A Nation at Risk', was published in 1983.",
        "She read from 'Solitary Witch: The Ultimate Book of Shadows for the New Generation'.",
    ],
)
def test_glosses_lyrics_and_titles_are_not_quotations(checker: Checker, text: str) -> None:
    assert not rule_flags(checker, text + "\n", QUOTE)


# --- claims and statistics on top of the reader ---------------------------------------------


@pytest.mark.parametrize(
    "text,phrase",
    [
        ("It is said that she read every book in the library.", "It is said"),
        ("It's said that two clubs have already made offers.", "It's said"),
        ("It has been argued that the city's growth has outpaced its schools.", "been argued"),
        (
            "Some argue the drainage was never designed for this, but the developer, Bryn "
            "Homes, insists its ponds are working.",
            "Some argue",
        ),
        ("Many locals believe the weir once held the water back.", "Many locals believe"),
        ("The fire is thought to have started in the kitchen.", "is thought to have"),
        ("A council insider claimed the date was a guess.", "A council insider"),
    ],
)
def test_textbook_weasels_always_flag(checker: Checker, text: str, phrase: str) -> None:
    flagged = rule_flags(checker, text + "\n", CLAIM)
    assert any(phrase in f or f in phrase for f in flagged), (text, flagged)


@pytest.mark.parametrize(
    "text,flagged",
    [
        ("City have lost seven of their last nine away matches.", True),
        ("His record at the club is 21 wins in 74 games.", True),
        ("The town has a population of about 12,000.", True),
        ("The average rent has risen from \u00a396 a week in 2019 to \u00a3131.", True),
        ("Maple Hollow has 212 students, down from 390 a decade ago.", True),
        ("Average hourly pay for a longshore worker is C$44.60.", True),
        ("The county backed the winner in every election from 1992 to 2012.", False),
        ("The shop is open from 9 to 5 on weekdays.", False),
        ("Turnout was 62%, the lowest since 1998, the registrar said.", False),
        ("The last quake, in 2007, was recorded on 15 August.", False),
    ],
)
def test_records_measures_and_trends(checker: Checker, text: str, flagged: bool) -> None:
    assert bool(rule_flags(checker, text + "\n", STAT)) is flagged, text


def test_annotations_say_what_is_missing_and_what_was_weighed(checker: Checker) -> None:
    text = (
        "Officials said the road would reopen. About 3,400 homes lost power overnight, the "
        "mayor said later, and nearly half of them were still cut off.\n"
        "The mood was grim. \u201cNobody knows if they will have a job next week.\u201d\n"
    )
    report = checker.check_text(text)
    stat = [a for a in report.annotations if a.rule == STAT]
    quote = [a for a in report.annotations if a.rule == QUOTE]
    assert quote and quote[0].data["missing"] == "quote with no speaker"
    for a in stat:
        assert a.data["missing"]
        if "nearest" in a.data:
            assert {"source", "cue", "kind", "why"} <= set(a.data["nearest"])


# --- report.stats["sources"] and the summary line ---------------------------------------


def test_sources_list_kinds_counts_and_offsets(checker: Checker) -> None:
    text = (
        "Maria Lopez, a welder, said the plant would close. \u201cNobody knows if they will "
        "have a job next week,\u201d she said.\n"
        "Sources said the owners had already sold the site, and officials said 300 jobs "
        "would go, according to the council\u2019s own figures.\n"
    )
    report = checker.check_text(text)
    sources = {s["name"]: s for s in report.stats["sources"]}
    lopez = sources["Maria Lopez"]
    assert lopez["kind"] == "person" and lopez["quotes"] == 1 and lopez["claims"] >= 1
    for s in report.stats["sources"]:
        assert s["kind"] in ("person", "organisation", "document", "outlet", "anonymous", "vague")
        assert len(s["relations"]) == s["claims"] + s["figures"] + s["quotes"]
        for r in s["relations"]:
            for key in ("source", "cue", "content"):
                a, b = r[key]
                assert 0 <= a <= b <= len(text)
    assert any(s["kind"] == "anonymous" for s in report.stats["sources"])
    line = report.stats["sources_summary"]
    assert line.startswith(f"{len(report.stats['sources'])} sources: ")


def test_text_output_ends_with_the_sourcing_summary(tmp_path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(
        "Maria Lopez said the plant would close.\nAbout 300 people lost their jobs.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["check", str(draft), "--select", "core/*"])
    last = result.output.strip().splitlines()[-1]
    assert last.startswith("1 source: 1 named person")
    assert last.endswith("1 figure unsourced")


def test_audit_totals_sources_across_an_archive() -> None:
    audit = ArchiveAudit()
    for n, sources in enumerate(
        [
            [("person", 2, 0, 1), ("anonymous", 0, 0, 1)],
            [("person", 1, 1, 0), ("organisation", 0, 3, 0)],
            [],
        ]
    ):
        audit.add_facts(f"d{n}", ReportFacts(f"d{n}", 500, False, (), (), tuple(sources)))
    s = audit.summary()["sources"]
    assert s["sources"] == 4 and s["drafts_with_sources"] == 2
    assert s["by_kind"]["person"] == {"claims": 1, "figures": 1, "quotes": 3, "sources": 2}
    assert s["named_share"] == 0.75 and s["anonymous_share"] == 0.25
    assert s["quotes_per_story"] == 1.5


# --- a large single paragraph --------------------------------------------------------------


def test_a_huge_single_paragraph_is_read_whole(checker: Checker) -> None:
    """A draft of one paragraph of about 1.5 MB: every figure in it is judged, the sourced
    ones by their own clause (the statistic rule reads each figure's neighbourhood, not the
    paragraph from its start, so this finishes in a sensible time)."""
    unit = (
        'About 300 people lost power and 12% of homes flooded, the council said. "We are '
        'doing all we can to help," she said. More than 1,200 homes were hit. '
    )
    n = 10_000
    text = unit * n
    assert len(text) > 1_400_000
    report = checker.check_text(text)
    assert not report.errors
    stat = [a for a in report.annotations if a.rule == STAT]
    quote = [a for a in report.annotations if a.rule == QUOTE]
    # every figure is judged; the report lists the first 1,000 and says how many more
    assert stat and {a.text for a in stat} == {"More than 1,200 homes"}
    assert any(f"{STAT}: {n - len(stat):,} more findings" in note for note in report.notes)
    assert not quote
    council = [s for s in report.stats["sources"] if s["name"] == "the council"]
    assert council and council[0]["figures"] == 2 * n
