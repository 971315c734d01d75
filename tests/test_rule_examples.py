"""Every rule of every loaded plugin holds to its own examples, through the shipped kit.

The built-in checks and the plugins installed beside editcheck (the example plugins among
them) are loaded as a user's run loads them; each rule's ``flags`` examples must be
flagged by it, its ``passes`` examples left alone, and a rule without both fails. A
failure names the rule and the example. Two rules document examples that need a
setting: core/archive-boilerplate an index in which its flagged passages recur (built
here from the examples themselves), datelines/missing ``required = true``.
"""

from __future__ import annotations

import importlib.metadata
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from editcheck.archive import IndexWriter, close_all
from editcheck.checkapi import Check
from editcheck.checks.archive import ARCHIVE_BOILERPLATE
from editcheck.document import load_text
from editcheck.testing import assert_rule_examples, checks_from

CHECK_OF: dict[str, Check] = {r.id: c for c in checks_from(None) for r in c.rules}
# Example plugins of this repository: entry point -> the namespace of their rules.
EXAMPLE_PLUGINS = {"datelines": "datelines/", "house-style": "news/"}
# Fresh copy for the archive's earlier articles: each is learned once.
ARTICLES = (
    "The lifeboat crew was called out twice on Sunday to swimmers caught by the tide.",
    "A planning inquiry into the new housing estate will open at the town hall in March.",
    "The county's first electric buses entered service on the coastal route this week.",
    "Volunteers planted four hundred trees along the river path over the weekend.",
    "The sailing club has cancelled its regatta after the harbour was closed for repairs.",
)


@pytest.fixture(scope="module")
def archive_index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """An index where each flags example of core/archive-boilerplate ran in three earlier
    articles (its ``min-docs``) and each passes example in two."""
    rule = ARCHIVE_BOILERPLATE
    index = tmp_path_factory.mktemp("archive") / "archive.sqlite"
    with IndexWriter(index) as writer:
        for body in ARTICLES[:3]:
            writer.add(load_text("\n".join([body, *rule.flags])))
        for body in ARTICLES[3:]:
            writer.add(load_text("\n".join([body, *rule.passes])))
    yield index
    close_all()


@pytest.fixture(scope="module")
def example_options(archive_index: Path) -> Mapping[str, Mapping[str, Mapping[str, Any]]]:
    """Rule id -> the options its examples assume (as each rule's doc says)."""
    return {
        ARCHIVE_BOILERPLATE.id: {ARCHIVE_BOILERPLATE.id: {"index": str(archive_index)}},
        "datelines/missing": {"datelines/missing": {"required": True}},
    }


@pytest.mark.parametrize("rule_id", sorted(CHECK_OF))
def test_rule_holds_to_its_examples(
    rule_id: str, example_options: Mapping[str, Mapping[str, Mapping[str, Any]]]
) -> None:
    ran = assert_rule_examples(
        CHECK_OF[rule_id], rules=[rule_id], options=example_options.get(rule_id)
    )
    assert ran >= 2


def test_rules_that_need_a_setting_are_among_them() -> None:
    assert {ARCHIVE_BOILERPLATE.id, "core/page-furniture", "core/reading-grade"} <= set(CHECK_OF)


@pytest.mark.parametrize("entry_point", sorted(EXAMPLE_PLUGINS))
def test_installed_example_plugins_are_covered(entry_point: str) -> None:
    eps = importlib.metadata.entry_points(group="editcheck")
    if not any(ep.name == entry_point for ep in eps):
        pytest.skip(f"not installed: pip install -e ./plugins/editcheck-{entry_point}")
    assert any(rid.startswith(EXAMPLE_PLUGINS[entry_point]) for rid in CHECK_OF)
