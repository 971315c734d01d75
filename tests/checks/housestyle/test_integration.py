"""House styles reach a run from editcheck.toml and from plugin packages (via the hook)."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from editcheck.cli import main

STYLE = """
[house-style]
namespace = "paper"

[rules.said]
type = "substitution"
swap = { stated = "said" }
"""
PLUGIN = """
from pathlib import Path
from editcheck import hookimpl

@hookimpl
def editcheck_house_style_files():
    return [Path(__file__).with_name("shipped.toml")]
"""


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no editcheck.toml of the repo is discovered


def _run(args: list[str], cwd: Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_config_house_style_annotates_through_the_cli(tmp_path: Path) -> None:
    (tmp_path / "style").mkdir()
    (tmp_path / "style" / "paper.toml").write_text(STYLE)
    config = tmp_path / "editcheck.toml"
    config.write_text('house-style = ["style/paper.toml"]\nselect = ["paper"]\n')
    draft = tmp_path / "draft.txt"
    draft.write_text("The mayor stated that the bridge would reopen.\n")
    code, out, _ = _run(
        ["check", "--config", str(config), "-f", "json", "--fail-on", "never", str(draft)], tmp_path
    )
    assert code == 0
    (report,) = json.loads(out)  # one report per draft
    (a,) = report["annotations"]
    assert (a["rule"], a["text"], a["suggestion"]) == ("paper/said", "stated", "said")
    code, out, _ = _run(["rules", "--config", str(config), "paper"], tmp_path)
    assert "paper/said" in out


def test_bad_config_house_style_is_a_usage_error_naming_the_field(tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text('[rules.said]\ntype = "substitution"\nswap = "said"\n')
    config = tmp_path / "editcheck.toml"
    config.write_text('house-style = ["bad.toml"]\n')
    draft = tmp_path / "d.txt"
    draft.write_text("x\n")
    code, _, err = _run(["check", "--config", str(config), str(draft)], tmp_path)
    assert code == 2
    assert "bad.toml" in err and "rule 'said'" in err and "field 'swap'" in err


def test_plugin_shipped_house_style_is_listed_and_annotates(tmp_path: Path) -> None:
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "shipper.py").write_text(textwrap.dedent(PLUGIN))
    (folder / "shipped.toml").write_text(
        '[rules.no-utilise]\ntype = "existence"\nphrases = ["utilise"]\n'
    )
    code, out, _ = _run(["plugins", "--json", "--plugins-dir", str(folder)], tmp_path)
    listed = {p["name"]: p for p in json.loads(out)["plugins"]}
    assert listed["shipper"]["rules"] == ["shipper/no-utilise"]  # namespaced by the plugin
    draft = tmp_path / "d.txt"
    draft.write_text("They utilise it.\n")
    code, out, _ = _run(
        [
            "check",
            "--plugins-dir",
            str(folder),
            "--select",
            "shipper",
            "--fail-on",
            "never",
            str(draft),
        ],
        tmp_path,
    )
    assert code == 0 and "shipper/no-utilise" in out


def test_broken_shipped_house_style_fails_only_its_plugin(tmp_path: Path) -> None:
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "shipper.py").write_text(textwrap.dedent(PLUGIN))
    (folder / "shipped.toml").write_text('[rules.x]\ntype = "existence"\nphrases = 3\n')
    code, out, err = _run(["plugins", "--json", "--plugins-dir", str(folder)], tmp_path)
    data = json.loads(out)
    (failure,) = [f for f in data["failures"] if f["name"] == "shipper"]
    assert "shipped.toml" in failure["message"] and "field 'phrases'" in failure["message"]
    assert any(p["origin"] == "builtin" for p in data["plugins"])  # the rest still loaded
