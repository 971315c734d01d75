"""The runner: rule selection, severities, options, isolation of failing and slow checks."""

from __future__ import annotations

import time

import pytest

from editcheck import Rule, Severity, check
from editcheck.config import Config, RuleSettings, parse_config
from editcheck.document import load_html, load_text
from editcheck.errors import ConfigError
from editcheck.runner import plan_run, run_checks

FRUIT = Rule("probe/fruit", "house-style", Severity.WARNING, options={"word": "banana"})
LONG = Rule("probe/long-line", "readability", Severity.INFO)


@check(FRUIT, LONG, name="probe.words")
def words(doc, ctx):  # type: ignore[no-untyped-def]
    target = ctx.options("probe/fruit")["word"]
    for s in doc.sentences:
        for t in s.tokens:
            if t.text.lower() == target:
                ctx.report("probe/fruit", t.start, t.end, f"No {target}s.")
        if len(s.text) > 30:
            ctx.report("probe/long-line", s.start, s.end, "Long.")


@check(Rule("probe/raises", "house-style"), name="probe.raises")
def raises(doc, ctx):  # type: ignore[no-untyped-def]
    ctx.report("probe/raises", 0, 1, "never seen")
    raise ValueError("bad day")


@check(Rule("probe/spins", "house-style"), name="probe.spins")
def spins(doc, ctx):  # type: ignore[no-untyped-def]
    ctx.report("probe/spins", 0, 1, "never seen")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        pass


TEXT = "A banana split is a long dessert with a banana.\nBanana."


def run(checks, config=None, **kw):  # type: ignore[no-untyped-def]
    return run_checks(load_text(TEXT), plan_run(checks, config or Config(), **kw))


def test_annotations_are_sorted_and_complete() -> None:
    report = run([words])
    assert [(a.rule, a.text) for a in report.annotations] == [
        ("probe/long-line", TEXT.split("\n")[0]),
        ("probe/fruit", "banana"),
        ("probe/fruit", "banana"),
        ("probe/fruit", "Banana"),
    ]
    first = report.annotations[1]
    assert (first.line, first.column, first.severity) == (1, 3, Severity.WARNING)
    assert len({a.fingerprint for a in report.annotations}) == 4


def test_a_failing_check_is_reported_and_the_others_still_count() -> None:
    report = run([raises, words])
    assert [(e.check, e.kind) for e in report.errors] == [("probe.raises", "error")]
    assert "bad day" in report.errors[0].message
    assert {a.rule for a in report.annotations} == {"probe/fruit", "probe/long-line"}


def test_a_runaway_check_is_stopped_by_its_budget() -> None:
    started = time.monotonic()
    report = run([spins, words], Config(check_timeout=0.2))
    assert time.monotonic() - started < 5
    assert [(e.check, e.kind) for e in report.errors] == [("probe.spins", "timeout")]
    assert report.partial and report.to_dict()["partial"] is True
    assert {a.rule for a in report.annotations} == {"probe/fruit", "probe/long-line"}


@pytest.mark.parametrize(
    ("select", "ignore", "rules"),
    [
        ((), (), {"probe/fruit", "probe/long-line"}),
        (("probe/fruit",), (), {"probe/fruit"}),
        (("probe/*",), ("probe/long-*",), {"probe/fruit"}),
        (("category:readability",), (), {"probe/long-line"}),
    ],
)
def test_select_and_ignore(select, ignore, rules) -> None:  # type: ignore[no-untyped-def]
    assert {a.rule for a in run([words], select=select, ignore=ignore).annotations} == rules


def test_config_sets_severity_and_options() -> None:
    config = parse_config({"rules": {"probe/fruit": {"severity": "error", "word": "split"}}})
    report = run([words], config)
    fruit = [a for a in report.annotations if a.rule == "probe/fruit"]
    assert [(a.text, a.severity) for a in fruit] == [("split", Severity.ERROR)]
    assert report.fails(Severity.ERROR) and not run([words]).fails(Severity.ERROR)


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        ({"probe/fruit": {"colour": "red"}}, "unknown option"),
        ({"probe/fruit": {"word": 3}}, "must be str"),
        ({"probe/nope": {}}, "matches no loaded rule"),
    ],
)
def test_bad_rule_settings_are_clear_errors(rules, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ConfigError, match=message):
        plan_run([words], Config(rules={k: RuleSettings(None, v) for k, v in rules.items()}))


def test_findings_never_span_two_blocks() -> None:
    @check(Rule("probe/greedy", "house-style"), name="probe.greedy")
    def greedy(doc, ctx):  # type: ignore[no-untyped-def]
        ctx.report("probe/greedy", 2, len(doc.text), "all of it")

    report = run_checks(load_html("<p>First para</p><p>Second</p>"), plan_run([greedy], Config()))
    (a,) = report.annotations
    assert a.text == "rst para" and a.block.xpath == "/html/body/p[1]"


def test_suppression_comments_and_attributes() -> None:
    html = """
    <p>banana one</p>
    <!-- editcheck-disable probe/fruit -->
    <p>banana two</p><p>banana three</p>
    <!-- editcheck-enable probe/fruit -->
    <p>banana four</p>
    <!-- editcheck-disable-next -->
    <p>banana five</p>
    <p>banana six</p>
    <div data-editcheck-ignore="category:house-style"><p>banana seven</p></div>
    <p data-editcheck-ignore="probe/long-line">banana eight</p>
    """
    report = run_checks(load_html(html), plan_run([words], Config()))
    flagged = [a.block.xpath for a in report.annotations if a.rule == "probe/fruit"]
    doc = load_html(html)
    texts = [doc.blocks[a.block.index].text for a in report.annotations]
    assert texts == ["banana one", "banana four", "banana six", "banana eight"]
    assert len(flagged) == 4
