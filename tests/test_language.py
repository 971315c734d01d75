"""A draft's language: declared or detected, and English-only rules skipping the rest.

The drafts and paragraphs of fixtures/languages were written before the detector, by a
session that did not write it; benchmarks/quality_language.py prints the full figures.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from editcheck import Rule, check
from editcheck.api import Checker
from editcheck.checkapi import ENGLISH
from editcheck.config import Config
from editcheck.document import load_bytes, load_html, load_markdown, load_text, media_type_for
from editcheck.errors import PluginError
from editcheck.language import LANGUAGES, detect, primary, resolve
from editcheck.runner import plan_run, run_checks

ROOT = Path(__file__).resolve().parents[1]
LANGS = ROOT / "fixtures" / "languages"
DRAFTS = json.loads((LANGS / "drafts" / "expected.json").read_text(encoding="utf-8"))
SCHEMA = json.loads((ROOT / "src/editcheck/schema/report-1.json").read_text(encoding="utf-8"))


def load(name: str):  # type: ignore[no-untyped-def]
    path = LANGS / "drafts" / name
    return load_bytes(path.read_bytes(), media_type_for(path), source=name)


def test_detector_meets_its_floor_on_the_labelled_paragraphs() -> None:
    rows = [json.loads(line) for line in (LANGS / "paragraphs.jsonl").read_text().splitlines()]
    right = sum(detect(row["text"]) == row["lang"] for row in rows)
    assert right / len(rows) >= 0.98, f"{right}/{len(rows)}"


def test_too_little_text_is_no_language_and_checked_as_english() -> None:
    assert detect("") is None and detect("12 345 !!!") is None
    lang = resolve(None, "TK 5")
    assert lang.code is None and lang.is_english and lang.note() is None


def test_primary_subtags() -> None:
    assert primary("en-GB") == "en" and primary("pt_BR") == "pt" and primary("ES") == "es"
    assert primary("") is None and primary("not a tag") is None


@pytest.mark.parametrize("name", sorted(DRAFTS))
def test_every_draft_is_checked_in_its_language(name: str) -> None:
    doc = load(name)
    assert primary(doc.declared_language) == primary(DRAFTS[name]["declared"])
    assert doc.language.code == DRAFTS[name]["lang"]


def test_a_wrong_declaration_is_overruled_by_the_text_and_the_report_says_so() -> None:
    doc = load("es-mx-water-declared-en.html")
    assert doc.declared_language == "en" and doc.language.code == "es"
    report = Checker(Config()).check_document(doc)
    assert report.language == "es"
    assert any("declares lang='en' but reads as Spanish" in n for n in report.notes)


def test_a_declaration_outside_the_detectors_languages_is_taken_as_it_is() -> None:
    doc = load_html('<html lang="fi"><body><p>Kunta päätti korottaa veroja.</p></body></html>')
    assert doc.language.code == "fi" and doc.language.source == "declared"
    assert "fi" not in LANGUAGES


def test_lang_on_a_fragment_and_in_markdown_front_matter() -> None:
    assert load_html('<article lang="pt-BR"><p>Olá</p></article>').declared_language == "pt-BR"
    assert load_markdown("---\nlang: de-CH\n---\n\nText\n").declared_language == "de-CH"
    assert load_markdown('+++\nlanguage = "fr"\n+++\n\nTexte\n').declared_language == "fr"
    assert load_text("lang: xx\n").declared_language is None


def test_spanish_figures_are_not_flagged_as_unsourced_and_sourcing_says_why() -> None:
    checker = Checker(Config())
    report = checker.check_document(load("es-es-alquiler.txt"))
    rules = {a.rule for a in report.annotations}
    assert not rules & {"core/unsourced-statistic", "core/unattributed-claim"}
    assert report.language == "es"
    assert report.notes[0] == "language: Spanish (es), detected"
    sourcing = [n for n in report.notes if n.startswith("core.sourcing:")]
    assert sourcing and "core/unsourced-statistic" in sourcing[0]
    assert any(n.startswith("core.readability: core/reading-grade skipped") for n in report.notes)
    data = report.to_dict()
    jsonschema.validate(data, SCHEMA)
    assert data["language"] == "es"


def test_english_reports_carry_no_language_field_or_note() -> None:
    report = Checker(Config()).check_document(load("en-us-wildfire.txt"))
    assert report.language is None and "language" not in report.to_dict()
    assert not any(n.startswith("language:") for n in report.notes)
    assert any(a.rule == "core/unattributed-claim" for a in report.annotations)


# A plugin adds a language by declaring rules for it.
@check(Rule("de/angeblich", "unattributed-claim", languages={"de"}), name="de.angeblich")
def angeblich(doc, ctx):  # type: ignore[no-untyped-def]
    for s in doc.sentences:
        at = s.text.lower().find("angeblich")
        if at >= 0:
            ctx.report_in("de/angeblich", s, at, at + 9, "Wer sagt das?")


@check(Rule("en/only", "unattributed-claim", languages=ENGLISH), name="en.only")
def english_only(doc, ctx):  # type: ignore[no-untyped-def]
    if doc.sentences:
        ctx.report_in("en/only", doc.sentences[0], 0, 1, "ran")


def test_a_plugin_rule_for_german_runs_on_german_drafts_only() -> None:
    plan = plan_run([angeblich, english_only], Config())
    german = run_checks(load("de-ch-abstimmung.html"), plan)
    assert [a.rule for a in german.annotations] == ["de/angeblich"]
    assert any("en/only skipped on this German draft" in n for n in german.notes)
    english = run_checks(load("en-us-wildfire.txt"), plan)
    assert [a.rule for a in english.annotations] == ["en/only"]


def test_rules_declare_iso_codes() -> None:
    assert Rule("a/b", "house-style", languages=["es"]).languages == frozenset({"es"})
    assert Rule("a/b", "house-style").reads("de")
    assert not Rule("a/b", "house-style", languages=ENGLISH).reads("de")
    assert Rule("a/b", "house-style", languages=ENGLISH).reads(None)
    with pytest.raises(PluginError, match="ISO 639"):
        Rule("a/b", "house-style", languages={"Spanish"})


def test_the_shipped_model_loads_whole_and_knows_its_languages() -> None:
    from editcheck import language

    table, (languages, bits, prior) = language._load()
    assert languages == LANGUAGES and bits == 20 and len(prior) == len(LANGUAGES)
    assert len(table) > 50_000 and all(1 <= len(k) <= 5 for k in table)
    cost = language.scores("The council said on Monday that the new bus lanes would stay.")
    assert set(cost) == set(LANGUAGES) and min(cost, key=cost.__getitem__) == "en"
    assert language.scores("日本語のテキストです。") == {}  # nothing the model knows


def test_a_draft_in_another_script_is_not_read_as_a_latin_language() -> None:
    assert detect("Правительство объявило о новых мерах поддержки в понедельник вечером") == "und"
    assert detect("政府は月曜日に新しい支援策を発表した。専門家はこれを歓迎している。") == "und"
    lang = resolve(None, "政府は月曜日に新しい支援策を発表した。専門家はこれを歓迎している。")
    assert not lang.is_english and lang.note() == "language: not Latin-script (und), detected"


def test_a_near_thing_is_checked_as_english() -> None:
    """A short English draft the model reads as a little likelier Portuguese must keep its
    English rules: skipping them would check less than asked."""
    from editcheck import language

    assert language.detect("A banana. A banana?") == "en"
    report = Checker({}).check_text("A banana. Officials said 40% of it was eaten.\n")
    assert not any(n.startswith("language:") for n in report.notes)


def test_plain_english_is_read_without_the_model_and_nothing_else_is() -> None:
    """The stop-word shortcut (no model load in a cold process) takes ordinary English
    copy and never a paragraph of another language."""
    from editcheck import language

    rows = [
        json.loads(line)
        for line in (Path(__file__).parent.parent / "fixtures/languages/paragraphs.jsonl")
        .read_text("utf-8")
        .splitlines()
    ]
    taken = [r for r in rows if language._plainly_english(language.sample(r["text"]))]
    assert taken and all(r["lang"] == "en" for r in taken)
    prose = (
        "The council said on Monday that the new bus route would be ready by the end of the year."
    )
    assert language._plainly_english(prose)
