"""A gate that never fails open: every way of asking for less checking than the plugins
offer, by mistake, is an error that names the mistake; every check that did not finish
makes the verdict ``incomplete``, which blocks."""

from __future__ import annotations

from pathlib import Path

import pytest

import editcheck
from editcheck.api import Checker
from editcheck.config import parse_config
from editcheck.errors import EditcheckError, SelectorError


@pytest.mark.parametrize(
    ("kwargs", "field", "hint"),
    [
        ({"select": ["core/unsorced-statistic"]}, "select", "core/unsourced-statistic"),
        ({"select": ["core/unsourced-statistics"]}, "select", "core/unsourced-statistic"),
        ({"ignore": ["core/long-sentance"]}, "ignore", "core/long-sentence"),
        ({"select": ["category:residu"]}, "select", "category:page-residue"),
        ({"select": ["croe/*"]}, "select", None),
        ({"blocked": ["housestyel"]}, "plugins", "housestyle"),
    ],
)
def test_a_selector_that_names_nothing_is_an_error(kwargs, field, hint) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SelectorError) as caught:
        Checker(None, **kwargs)
    assert caught.value.field == field
    assert isinstance(caught.value, EditcheckError)
    if hint:
        assert hint in caught.value.suggestions, str(caught.value)
        assert f"did you mean {hint}" in str(caught.value) or hint in str(caught.value)


@pytest.mark.parametrize(
    ("config", "field"),
    [
        ({"select": ["core/unsorced-statistic"]}, "select"),
        ({"ignore": ["core/nope-*"]}, "ignore"),
        ({"rules": {"core/long-sentance": {"max-words": 30}}}, "rules"),
        ({"disable-plugins": ["sourcin"]}, "plugins"),
    ],
)
def test_the_config_file_is_held_to_the_same_rule(config, field) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SelectorError) as caught:
        Checker(parse_config(config))
    assert caught.value.field == field


def test_a_selection_that_leaves_no_rule_is_an_error() -> None:
    with pytest.raises(SelectorError, match="no rule is left to run"):
        Checker(None, select=["core/long-sentence"], ignore=["core/long-sentence"])
    with pytest.raises(SelectorError, match="no rule is left to run"):
        editcheck.check_text("Hello.", {"ignore": ["*"]})


def test_a_glob_rules_table_applies_to_the_rules_it_picks() -> None:
    checker = Checker(parse_config({"rules": {"core/unattributed-*": {"severity": "error"}}}))
    report = checker.check_text("Critics say the plan is reportedly doomed.")
    claims = [a for a in report.annotations if a.rule == "core/unattributed-claim"]
    assert claims and all(a.severity.value == "error" for a in claims)


BROKEN = """
from editcheck import Rule, check, hookimpl

@check(Rule("probe/raises", "house-style"), name="probe.raises")
def raises(doc, ctx):
    raise RuntimeError("bad day")

@hookimpl
def editcheck_checks():
    return [raises]
"""


def test_a_check_that_crashed_makes_the_verdict_incomplete(tmp_path: Path) -> None:
    (tmp_path / "probe.py").write_text(BROKEN)
    checker = Checker(parse_config({"plugins-dir": str(tmp_path)}))
    report = checker.check_text("A clean sentence.")
    assert report.verdict(editcheck.Severity.ERROR) == "incomplete"
    assert report.blocks(editcheck.Severity.ERROR)
    assert not report.blocks(editcheck.Severity.ERROR, fail_on_incomplete=False)
    assert report.to_verdict_dict(editcheck.Severity.ERROR)["verdict"] == "incomplete"
