"""The datelines plugin: its rules' examples, its options, and the installed plugin."""

from __future__ import annotations

import importlib.metadata
import json
import subprocess
import sys
from pathlib import Path

import pytest

from editcheck.testing import assert_flags, assert_passes, assert_rule_examples, run_check

editcheck_datelines = pytest.importorskip(
    "editcheck_datelines",
    reason="editcheck-datelines is neither installed nor on the path: "
    "pip install -e ./plugins/editcheck-datelines",
)


def test_rule_examples() -> None:
    # datelines/missing's examples hold where the desk requires a dateline (its doc says so).
    required = {"datelines/missing": {"required": True}}
    assert assert_rule_examples(editcheck_datelines, options=required) == 7


def test_missing_examples_need_the_option_they_document() -> None:
    with pytest.raises(AssertionError, match="datelines/missing should flag"):
        assert_rule_examples(editcheck_datelines, rules=["datelines/missing"])


@pytest.mark.parametrize(
    "draft",
    [
        "London (Reuters) - The bank raised rates.",
        "LONDON, (Reuters) — The bank raised rates.",
        "LONDON (reuters) — The bank raised rates.",
        "LONDON (Reuters)—The bank raised rates.",
        "WASHINGTON - The bill passed.",
    ],
)
def test_flags_datelines_out_of_form(draft: str) -> None:
    assert_flags(editcheck_datelines, draft, draft.split()[0], rule="datelines/format")


@pytest.mark.parametrize(
    "draft",
    [
        "LONDON (Reuters) — The bank raised rates.",
        "NEW YORK, N.Y. (AP) — Stocks fell.",
        "Update: the bank raised rates.",
        "Meanwhile - the bank raised rates.",
        "The bank raised rates on Thursday.",
    ],
)
def test_leaves_good_datelines_and_plain_openings_alone(draft: str) -> None:
    assert_passes(editcheck_datelines, draft)


def test_suggestion_is_the_corrected_dateline() -> None:
    report = run_check(
        editcheck_datelines,
        "Paris, (afp) - Talks resumed.",
        options={"datelines/format": {"agencies": ["AFP"]}},
    )
    (a,) = report.annotations
    assert a.suggestion == "PARIS (AFP) — "


def test_options_change_the_house_form() -> None:
    options = {"datelines/format": {"separator": "–", "city-case": "title", "agencies": ["Xinhua"]}}
    assert_passes(editcheck_datelines, "Beijing (Xinhua) – Markets rose.", options=options)
    assert_flags(
        editcheck_datelines, "BEIJING (Xinhua) — Markets rose.", "BEIJING", options=options
    )


def test_missing_dateline_only_when_required() -> None:
    draft = "<h1>Rates rise</h1><p>By Jane Doe</p><p>The bank raised rates again.</p>"
    assert_passes(editcheck_datelines, draft)
    report = assert_flags(
        editcheck_datelines,
        draft,
        "The",
        rule="datelines/missing",
        options={"datelines/missing": {"required": True}},
    )
    assert report.annotations[0].block.xpath.endswith("/p[2]")


def _installed() -> bool:
    eps = importlib.metadata.entry_points(group="editcheck")
    return any(ep.name == "datelines" for ep in eps)


needs_install = pytest.mark.skipif(
    not _installed(),
    reason="editcheck-datelines is not installed: pip install -e ./plugins/editcheck-datelines",
)


@needs_install
def test_installed_plugin_is_listed_by_the_cli() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "editcheck", "plugins", "--json"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    plugins = {p["name"]: p for p in json.loads(out)["plugins"]}
    assert plugins["datelines"]["rules"] == ["datelines/format", "datelines/missing"]


@needs_install
def test_installed_plugin_annotates_through_the_cli_and_api(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("London (Reuters) - The bank raised rates.\n")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "editcheck",
            "check",
            "--select",
            "datelines",
            "-f",
            "json",
            "--fail-on",
            "warning",
            str(story),
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    (report,) = json.loads(done.stdout)
    assert [a["rule"] for a in report["annotations"]] == ["datelines/format"]
    import editcheck

    api = editcheck.check_path(story, select=["datelines"])
    assert [a.suggestion for a in api.annotations] == ["LONDON (Reuters) — "]
