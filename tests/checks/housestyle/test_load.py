"""Bad house-style files fail with a message that names the file, the rule and the field."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hs_support import style_writer

from editcheck.checks.housestyle import HouseStyleError, load_house_style
from editcheck.errors import ConfigError


@pytest.fixture
def write_style(tmp_path: Path) -> Callable[..., Path]:
    return style_writer(tmp_path)


BAD = {
    "unknown type": ('[rules.x]\ntype = "banned"\nphrases = ["a"]', "x", "type", "existence"),
    "unknown field": (
        '[rules.x]\ntype = "existence"\nphrases = ["a"]\nphrase = ["b"]',
        "x",
        "phrase",
        "unknown field",
    ),
    "missing phrases": ('[rules.x]\ntype = "existence"', "x", "phrases", "needs phrases"),
    "phrases not a list": ('[rules.x]\ntype = "existence"\nphrases = "a"', "x", "phrases", "list"),
    "bad severity": (
        '[rules.x]\ntype = "existence"\nphrases = ["a"]\nseverity = "fatal"',
        "x",
        "severity",
        "error, warning or info",
    ),
    "bad category": (
        '[rules.x]\ntype = "existence"\nphrases = ["a"]\ncategory = "style"',
        "x",
        "category",
        "house-style",
    ),
    "bad regex": (
        '[rules.x]\ntype = "pattern"\npattern = "(unclosed"',
        "x",
        "pattern",
        "invalid regular expression",
    ),
    "bad placeholder": (
        '[rules.x]\ntype = "existence"\nphrases = ["a"]\nmessage = "{word}"',
        "x",
        "message",
        "{match}",
    ),
    "a message that inflates": (
        '[rules.x]\ntype = "existence"\nphrases = ["a"]\nmessage = "{match:>50000000}"',
        "x",
        "message",
        "no format spec",
    ),
    "a replacement naming a missing group": (
        '[rules.x]\ntype = "pattern"\npattern = "(a)b"\nreplacement = "\\\\2"',
        "x",
        "replacement",
        "does not have",
    ),
    "a phrase list outside the style folder": (
        '[rules.x]\ntype = "existence"\nphrases-file = "../../../../etc/passwd"',
        "x",
        "phrases-file",
        "outside the style file's folder",
    ),
    "occurrence without max": (
        '[rules.x]\ntype = "occurrence"\nphrases = ["a"]',
        "x",
        "max",
        "required",
    ),
    "bad scope": (
        '[rules.x]\ntype = "occurrence"\nphrases = ["a"]\nmax = 1\nscope = "page"',
        "x",
        "scope",
        "document, block or sentence",
    ),
    "empty swap": ('[rules.x]\ntype = "substitution"\nswap = {}', "x", "swap", "table"),
    "swap to nothing": (
        '[rules.x]\ntype = "substitution"\nswap = { stated = "" }',
        "x",
        "swap",
        "non-empty",
    ),
    "boolean as string": (
        '[rules.x]\ntype = "existence"\nphrases = ["a"]\nignore-case = "no"',
        "x",
        "ignore-case",
        "true or false",
    ),
    "timeout too long": (
        '[rules.x]\ntype = "pattern"\npattern = "a"\ntimeout = 60',
        "x",
        "timeout",
        "seconds",
    ),
    "conditional without group": (
        '[rules.x]\ntype = "conditional"\nuse = "[A-Z]+"',
        "x",
        "use",
        "capture group",
    ),
    "spell-out-below out of range": (
        '[rules.x]\ntype = "numbers"\nspell-out-below = 1',
        "x",
        "spell-out-below",
        "from 2 to 100",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_rule_names_file_rule_and_field(write_style, case: str) -> None:
    body, rule, field, hint = BAD[case]
    path = write_style(body)
    with pytest.raises(HouseStyleError) as info:
        load_house_style(path)
    message = str(info.value)
    assert str(path) in message
    assert f"rule {rule!r}" in message
    assert f"field {field!r}" in message
    assert hint in message
    assert isinstance(info.value, ConfigError)  # the CLI turns it into a usage error


def test_invalid_toml_names_the_file(write_style) -> None:
    path = write_style('[rules.x\ntype = "existence"')
    with pytest.raises(HouseStyleError, match="invalid TOML"):
        load_house_style(path)


def test_missing_file_is_a_clear_error(tmp_path) -> None:
    with pytest.raises(HouseStyleError, match="cannot read"):
        load_house_style(tmp_path / "nope.toml")


def test_file_without_rules_is_an_error(write_style) -> None:
    with pytest.raises(HouseStyleError, match="no rules"):
        load_house_style(write_style('[house-style]\nnamespace = "x"\n'))


def test_bad_rule_name_and_namespace(write_style) -> None:
    with pytest.raises(HouseStyleError, match="rule 'Said_Not'"):
        load_house_style(write_style('[rules.Said_Not]\ntype = "existence"\nphrases = ["a"]'))
    with pytest.raises(HouseStyleError, match="namespace"):
        load_house_style(
            write_style(
                '[house-style]\nnamespace = "Our Paper"\n'
                '[rules.x]\ntype = "existence"\nphrases = ["a"]'
            )
        )


def test_unknown_top_level_key(write_style) -> None:
    with pytest.raises(HouseStyleError, match="rule"):
        load_house_style(write_style('[rule.x]\ntype = "existence"\nphrases = ["a"]'))


def test_namespace_from_header_or_file_stem(write_style) -> None:
    by_stem = load_house_style(
        write_style('[rules.x]\ntype = "existence"\nphrases = ["a"]', "Daily_Post.toml")
    )
    assert [r.id for r in by_stem.rules] == ["daily_post/x"]
    declared = load_house_style(
        write_style(
            '[house-style]\nnamespace = "post"\n[rules.x]\ntype = "existence"\nphrases = ["a"]'
        )
    )
    assert [r.id for r in declared.rules] == ["post/x"]


def test_header_defaults_apply_and_rules_override(write_style) -> None:
    style = load_house_style(
        write_style("""
        [house-style]
        severity = "error"
        link = "https://style.example.org"
        [rules.a]
        type = "existence"
        phrases = ["a"]
        [rules.b]
        type = "existence"
        phrases = ["b"]
        severity = "info"
        link = "https://style.example.org/b"
    """)
    )
    a, b = style.rules
    assert (a.severity.value, a.link, a.category) == (
        "error",
        "https://style.example.org",
        "house-style",
    )
    assert (b.severity.value, b.link) == ("info", "https://style.example.org/b")


def test_phrases_file_is_read_relative_to_the_style(write_style, tmp_path) -> None:
    (tmp_path / "banned.txt").write_text("# banned words\nutilise\n\ngoing forward  # cliché\n")
    style = load_house_style(
        write_style('[rules.x]\ntype = "existence"\nphrases-file = "banned.txt"')
    )
    assert style.rules[0].params["phrases"] == ("utilise", "going forward")
    with pytest.raises(HouseStyleError, match="field 'phrases-file'"):
        load_house_style(write_style('[rules.x]\ntype = "existence"\nphrases-file = "no.txt"'))
