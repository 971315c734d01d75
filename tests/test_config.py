"""Config discovery and validation: a silently ignored setting is a rule an editor trusts."""

from __future__ import annotations

from pathlib import Path

import pytest

from editcheck.annotations import Severity
from editcheck.config import Config, find_config, load_config, parse_config
from editcheck.errors import ConfigError


def test_editcheck_toml_is_found_from_a_subfolder(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "editcheck.toml").write_text('fail-on = "warning"\nplugins-dir = "house"\n')
    sub = tmp_path / "drafts" / "today"
    sub.mkdir(parents=True)
    monkeypatch.chdir(sub)
    config = load_config()
    assert config.fail_on is Severity.WARNING
    assert config.plugins_dir == tmp_path / "house"  # relative to the config file
    assert config.path == tmp_path / "editcheck.toml"


def test_pyproject_tool_table_is_used_only_when_present(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert find_config(tmp_path) is None or find_config(tmp_path) != tmp_path / "pyproject.toml"
    (tmp_path / "pyproject.toml").write_text(
        '[tool.editcheck]\nignore = ["category:readability"]\n'
    )
    assert find_config(tmp_path) == tmp_path / "pyproject.toml"
    assert load_config(tmp_path / "pyproject.toml").ignore == ("category:readability",)


def test_no_config_gives_defaults(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    assert load_config(discover=False) == Config()


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("colour = 'red'", "unknown key"),
        ("fail-on = 'sometimes'", "fail-on must be one of"),
        ("select = 3", "select must be a list of strings"),
        ("max-bytes = -1", "max-bytes must be a positive integer"),
        ("check-timeout = 'soon'", "check-timeout must be a number"),
        (
            "[rules.'core/long-sentence']\nseverity = 'fatal'",
            "severity must be error, warning or info",
        ),
        ("select = [", "invalid TOML"),
        ("publication = 3", "publication must be a list of strings"),
        ("publication = ['Gazette', ' ']", "publication must not hold an empty name"),
    ],
)
def test_bad_config_names_file_and_key(tmp_path: Path, toml: str, message: str) -> None:
    path = tmp_path / "editcheck.toml"
    path.write_text(toml)
    with pytest.raises(ConfigError, match=message) as info:
        load_config(path)
    assert str(path) in str(info.value)


def test_missing_explicit_config_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "nope.toml")


def test_fail_on_never_and_rule_settings() -> None:
    config = parse_config({"fail-on": "never", "rules": {"core/long-sentence": {"max-words": 30}}})
    assert config.fail_on is None
    assert config.rules["core/long-sentence"].options == {"max-words": 30}


def test_publication_names_reach_every_rule_with_that_option() -> None:
    from editcheck.api import plugins_for
    from editcheck.runner import plan_run

    config = parse_config({"publication": "The Harbour Gazette"})
    assert config.publication == ("The Harbour Gazette",)
    plan = plan_run(plugins_for(config).checks, config)
    assert plan.options["core/promo-furniture"]["publication"] == ["The Harbour Gazette"]
    assert "publication" not in plan.options["core/long-sentence"]
