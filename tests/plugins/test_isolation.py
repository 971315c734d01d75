"""A plugin that raises on import and one that raises while checking leave the rest intact."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from plugin_support import editcheck, requires_example

from editcheck.api import Checker

GOOD = """
from editcheck import Rule, check, hookimpl

@check(Rule("local/no-banana", "house-style", summary="No bananas."), name="local.banana")
def banana(doc, ctx):
    for s in doc.sentences:
        for t in s.tokens:
            if t.text.lower() == "banana":
                ctx.report("local/no-banana", t.start, t.end, "No bananas.")

@hookimpl
def editcheck_checks():
    return [banana]
"""
RAISES_WHILE_CHECKING = """
from editcheck import Rule, check, hookimpl

@check(Rule("crashy/boom", "house-style"), name="crashy.boom")
def boom(doc, ctx):
    ctx.report("crashy/boom", 0, 1, "half a finding")
    raise ZeroDivisionError("the check fell over")

@hookimpl
def editcheck_checks():
    return [boom]
"""
RAISES_ON_IMPORT = "import a_module_that_does_not_exist\n"
STORY = "London (Reuters) - A banana shortage hit markets on Monday.\n"


@pytest.fixture
def plugins_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "local-plugins"
    folder.mkdir()
    (folder / "good.py").write_text(textwrap.dedent(GOOD))
    (folder / "crashy.py").write_text(textwrap.dedent(RAISES_WHILE_CHECKING))
    (folder / "unimportable.py").write_text(RAISES_ON_IMPORT)
    return folder


@requires_example("datelines")
def test_broken_plugins_are_reported_and_the_rest_load(plugins_dir: Path) -> None:
    done = editcheck("plugins", "--json", "--plugins-dir", str(plugins_dir))
    assert done.returncode == 0
    data = json.loads(done.stdout)
    names = {p["name"] for p in data["plugins"]}
    assert {"good", "crashy", "datelines"} <= names
    (failure,) = [f for f in data["failures"] if f["name"] == "unimportable"]
    assert "ModuleNotFoundError" in failure["message"]
    assert "plugin unimportable" in done.stderr  # warned, not a traceback


@requires_example("datelines")
def test_a_crashing_check_leaves_other_results_intact_in_the_cli(
    plugins_dir: Path, tmp_path: Path
) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY)
    done = editcheck(
        "check",
        "--plugins-dir",
        str(plugins_dir),
        "--select",
        "datelines,local,crashy",
        "-f",
        "json",
        "--fail-on",
        "never",
        str(story),
    )
    assert done.returncode == 1, done.stderr  # a check that crashed: incomplete blocks
    (report,) = json.loads(done.stdout)
    assert report["verdict"] == "incomplete"
    assert [a["rule"] for a in report["annotations"]] == ["datelines/format", "local/no-banana"]
    crashed, unloaded = sorted(report["errors"], key=lambda e: e["check"])
    assert crashed["check"] == "crashy.boom" and "ZeroDivisionError" in crashed["message"]
    assert unloaded["check"] == "plugin unimportable"  # a plugin that did not load is said


@requires_example("datelines")
def test_a_crashing_check_leaves_other_results_intact_in_the_api(plugins_dir: Path) -> None:
    checker = Checker({"plugins-dir": str(plugins_dir), "select": ["datelines", "local", "crashy"]})
    assert [f.name for f in checker.plugins.failures] == ["unimportable"]
    report = checker.check_text(STORY)
    assert [a.rule for a in report.annotations] == ["datelines/format", "local/no-banana"]
    # the plugin that did not load might have held a selected rule: the report says so
    assert [e.check for e in report.errors] == ["plugin unimportable", "crashy.boom"]
    assert not any(a.rule == "crashy/boom" for a in report.annotations)  # no half results
