"""The Daily Ledger house style: its examples, a golden story, and the installed plugin."""

from __future__ import annotations

import importlib.metadata
import json
import subprocess
import sys
from pathlib import Path

import pytest

from editcheck.checks.housestyle import RULE_TYPES, load_house_style
from editcheck.testing import (
    assert_flags,
    assert_passes,
    assert_rule_examples,
    check_golden,
    golden_cases,
)

editcheck_house_style = pytest.importorskip(
    "editcheck_house_style",
    reason="editcheck-house-style is neither installed nor on the path: "
    "pip install -e ./plugins/editcheck-house-style",
)
GOLDEN = Path(__file__).with_name("golden")


def test_every_rule_has_examples_and_every_type_is_used() -> None:
    style = load_house_style(editcheck_house_style.STYLE_FILE)
    assert len(style.rules) >= 30
    assert {r.type for r in style.rules} == set(RULE_TYPES)
    for rule in style.rules:
        assert rule.flags and rule.passes, f"{rule.id} needs flags and passes examples"
        assert rule.id.startswith("news/")


def test_rule_examples_hold() -> None:
    assert assert_rule_examples(editcheck_house_style) >= 60


def test_sensitive_terms_are_errors_with_a_link() -> None:
    report = assert_flags(
        editcheck_house_style,
        "Officials said he committed suicide.",
        "committed suicide",
        rule="news/sensitive-terms",
    )
    (a,) = [a for a in report.annotations if a.rule == "news/sensitive-terms"]
    assert a.severity.value == "error"
    assert a.suggestion == "killed himself or herself"
    assert a.data["link"].endswith("/sensitive-language")


def test_exceptions_keep_proper_names() -> None:
    assert_passes(
        editcheck_house_style,
        "Officials at the World Health Organization met Labor Party leaders.",
        rule="news/british-spelling",
    )


@pytest.mark.parametrize("draft", golden_cases(GOLDEN), ids=lambda p: p.name)
def test_golden_stories(draft: Path, editcheck_update_golden: bool) -> None:
    check_golden(draft, editcheck_house_style, update=editcheck_update_golden)


def _installed() -> bool:
    return any(
        ep.name == "house-style" for ep in importlib.metadata.entry_points(group="editcheck")
    )


needs_install = pytest.mark.skipif(
    not _installed(),
    reason="editcheck-house-style is not installed: pip install -e ./plugins/editcheck-house-style",
)


@needs_install
def test_installed_plugin_is_listed_with_its_rules() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "editcheck", "plugins", "--json"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    plugins = {p["name"]: p for p in json.loads(out)["plugins"]}
    assert "news/numbers" in plugins["house-style"]["rules"]
    assert len(plugins["house-style"]["rules"]) >= 30


@needs_install
def test_installed_plugin_annotates_through_the_cli_and_the_api(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("The mayor stated that 3 bridges would close.\n")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "editcheck",
            "check",
            "--select",
            "news",
            "-f",
            "json",
            "--fail-on",
            "never",
            str(story),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    (report,) = json.loads(done.stdout)
    assert [(a["rule"], a["text"]) for a in report["annotations"]] == [
        ("news/said", "stated"),
        ("news/numbers", "3"),
    ]
    import editcheck

    api = editcheck.check_html(
        "<p>The mayor stated that 3 bridges would close.</p>", select=["news"]
    )
    assert [(a.rule, a.suggestion) for a in api.annotations] == [
        ("news/said", "said"),
        ("news/numbers", "three"),
    ]
