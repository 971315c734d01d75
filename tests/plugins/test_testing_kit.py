"""editcheck.testing for plugin authors: assertions, rule examples, golden cases, pytest."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from editcheck import Rule, check
from editcheck.testing import (
    assert_flags,
    assert_passes,
    assert_rule_examples,
    check_golden,
    flagged,
    golden_cases,
    looks_like_html,
    report_view,
    run_check,
)

WRONG_EXAMPLE = Rule(
    "kit/no-very",
    "house-style",
    summary="No 'very'.",
    flags=("It was very hot.", "It was hot."),
    passes=("It was very cold.",),
)


@check(WRONG_EXAMPLE)
def no_very(doc, ctx) -> None:  # type: ignore[no-untyped-def]
    for s in doc.sentences:
        for t in s.tokens:
            if t.text.lower() == "very":
                ctx.report(WRONG_EXAMPLE.id, t.start, t.end, "Cut 'very'.", suggestion="")


HEADLINE = Rule(
    "kit/headline",
    "house-style",
    summary="Flags headings (only HTML has them).",
    flags=("<h1>Bridge to reopen</h1><p>The bridge reopens on Monday.</p>",),
    passes=("Bridge to reopen\nThe bridge reopens on Monday.", "<3 the bridge"),
)


@check(HEADLINE)
def headline(doc, ctx) -> None:  # type: ignore[no-untyped-def]
    for block in doc.blocks:
        if block.tag == "h1":
            ctx.report_in(HEADLINE.id, block, 0, len(block.text), "A heading.")


UNDOCUMENTED = Rule("kit/undocumented", "house-style", flags=("It was very hot.",))


@check(UNDOCUMENTED)
def undocumented(doc, ctx) -> None:  # type: ignore[no-untyped-def]
    return None


CRASHING = Rule("kit/crashing", "house-style", flags=("Any.",), passes=("Other.",))


@check(CRASHING)
def crashing(doc, ctx) -> None:  # type: ignore[no-untyped-def]
    raise RuntimeError("boom")


def test_examples_that_start_with_markup_run_as_html() -> None:
    assert assert_rule_examples(headline) == 3
    assert looks_like_html("  <p>One.</p>") and looks_like_html("<!doctype html><p>x</p>")
    assert not looks_like_html("<3 the bridge") and not looks_like_html("Tom&nbsp;Smith")


def test_rule_examples_are_required_and_errors_fail_them() -> None:
    with pytest.raises(AssertionError, match="kit/undocumented needs both flags and passes"):
        assert_rule_examples(undocumented)
    with pytest.raises(AssertionError) as info:
        assert_rule_examples(crashing)
    assert "kit/crashing example 'Other.': check errors" in str(info.value)


def test_rule_examples_of_named_rules_only() -> None:
    assert assert_rule_examples([no_very, headline], rules=["kit/headline"]) == 3
    with pytest.raises(ValueError, match="kit/nope"):
        assert_rule_examples(headline, rules=["kit/nope"])


def test_run_check_and_flagged_on_text_and_html() -> None:
    assert flagged(run_check(no_very, "A very, very long day.")) == ["very", "very"]
    report = run_check(no_very, "<p>A <b>very</b> long day.</p>")
    assert report.media_type == "text/html" and flagged(report, "kit/no-very") == ["very"]


def test_assertions_say_what_was_flagged_instead() -> None:
    with pytest.raises(AssertionError, match=r"'long' was not flagged.*kit/no-very: 'very'"):
        assert_flags(no_very, "A very long day.", "long")
    with pytest.raises(AssertionError, match=r"'very long' was flagged"):
        assert_passes(no_very, "A very long day.", "very long")
    with pytest.raises(AssertionError, match="expected no finding"):
        assert_passes(no_very, "A very long day.")
    assert_passes(no_very, "A very long day.", "long day")


def test_rule_examples_failures_are_collected_in_one_error() -> None:
    with pytest.raises(AssertionError) as info:
        assert_rule_examples(no_very)
    message = str(info.value)
    assert "kit/no-very should flag: 'It was hot.'" in message
    assert "kit/no-very should pass: 'It was very cold.'" in message
    assert "'It was very hot.'" not in message


def test_golden_case_missing_update_and_mismatch(tmp_path: Path) -> None:
    draft = tmp_path / "story.txt"
    draft.write_text("It was very hot.\n")
    with pytest.raises(AssertionError, match="story.expected.json is missing.*--update-golden"):
        check_golden(draft, no_very)
    check_golden(draft, no_very, update=True)
    expected = json.loads((tmp_path / "story.expected.json").read_text())
    assert expected["annotations"][0]["text"] == "very"
    check_golden(draft, no_very)  # unchanged output passes
    draft.write_text("It was hot. Very hot.\n")
    with pytest.raises(AssertionError, match=r"(?s)expected but missing: .*new: .*'Very'"):
        check_golden(draft, no_very)


def test_golden_of_a_draft_kept_elsewhere_with_the_whole_report(tmp_path: Path) -> None:
    draft = tmp_path / "drafts" / "story.txt"
    draft.parent.mkdir()
    draft.write_text("It was very hot.\n")
    expected = tmp_path / "story-whole.expected.json"
    check_golden(draft, no_very, expected=expected, view=report_view, update=True)
    saved = json.loads(expected.read_text())
    assert saved["annotations"][0]["fingerprint"] and "source" not in saved
    check_golden(draft, no_very, expected=expected, view=report_view)
    saved["stats"] = {"words": 99}
    expected.write_text(json.dumps(saved))
    with pytest.raises(AssertionError, match=r"stats: expected \{'words': 99\}, got \{\}"):
        check_golden(draft, no_very, expected=expected, view=report_view)


def test_golden_cases_refuse_two_drafts_sharing_an_expected_file(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("One.\n")
    (tmp_path / "b.html").write_text("<p>Two.</p>\n")
    assert [p.name for p in golden_cases(tmp_path)] == ["a.txt", "b.html"]
    (tmp_path / "a.html").write_text("<p>One.</p>\n")
    with pytest.raises(ValueError, match="would share a.expected.json"):
        golden_cases(tmp_path)


def test_pytest_plugin_adds_update_golden(tmp_path: Path) -> None:
    (tmp_path / "golden").mkdir()
    (tmp_path / "golden" / "a.txt").write_text("We stated it.\n")
    (tmp_path / "style.toml").write_text(
        '[rules.said]\ntype = "substitution"\nswap = { stated = "said" }\n'
    )
    (tmp_path / "test_golden_kit.py").write_text(
        textwrap.dedent("""
        from pathlib import Path
        import pytest
        from editcheck.testing import check_golden, golden_cases

        HERE = Path(__file__).parent

        @pytest.mark.parametrize("draft", golden_cases(HERE / "golden"))
        def test_golden(draft, editcheck_update_golden, editcheck_kit):
            assert editcheck_kit.run_check is not None
            check_golden(draft, HERE / "style.toml", update=editcheck_update_golden)
    """)
    )
    run = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "--rootdir",
        str(tmp_path),
        str(tmp_path),
    ]
    updated = subprocess.run(
        [*run, "--update-golden"], capture_output=True, text=True, cwd=tmp_path
    )
    assert updated.returncode == 0, updated.stdout  # written, not compared
    saved = json.loads((tmp_path / "golden" / "a.expected.json").read_text())
    assert saved["annotations"][0]["rule"] == "style/said"
