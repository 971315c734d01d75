"""The CLI as a newsroom uses it: real subprocesses, real files, exit codes that mean something."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

GOOD = "<h1>Council meets</h1><p>The council met on Tuesday to discuss the budget.</p>"
BANANA = "<p>The banana budget was approved on Tuesday.</p>"


def run(
    cli: list[str],
    *args: str,
    stdin: bytes | None = None,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*cli, *args],
        input=stdin.decode() if stdin else None,
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture
def drafts(tmp_path: Path) -> Path:
    folder = tmp_path / "drafts"
    (folder / "sub").mkdir(parents=True)
    (folder / "good.html").write_text(GOOD)
    (folder / "sub" / "banana.html").write_text(BANANA)
    (folder / "notes.md").write_text("not a draft suffix")
    return folder


def test_clean_draft_exits_zero_with_a_summary(cli, drafts) -> None:  # type: ignore[no-untyped-def]
    result = run(cli, "check", "--ignore", "category:readability", str(drafts / "good.html"))
    assert result.returncode == 0, result.stderr
    assert "0 annotations in 1 draft" in result.stdout


def test_findings_at_fail_on_exit_one_and_read_like_diagnostics(cli, drafts, probe_plugins) -> None:  # type: ignore[no-untyped-def]
    path = drafts / "sub" / "banana.html"
    args = ("check", "--plugins-dir", str(probe_plugins), str(path))
    result = run(cli, *args, "--fail-on", "warning")
    assert result.returncode == 1
    # The position in the file as given (after "<p>The "), so path:line:col opens it.
    assert f"{path}:1:8: warning probe/banana No bananas." in result.stdout
    assert "    | banana" in result.stdout and "suggestion: plantain" in result.stdout
    # broken.raises crashes on every draft: the run is incomplete, and that blocks
    assert run(cli, *args).returncode == 1
    assert "verdict: incomplete" in run(cli, *args).stdout
    lenient = (*args, "--no-fail-on-incomplete")
    assert run(cli, *lenient).returncode == 0  # default fail-on is error
    assert run(cli, *lenient, "--fail-on", "never").returncode == 0
    assert run(cli, *lenient, "--fail-on", "warning").returncode == 1


def test_broken_plugins_are_reported_and_the_rest_still_run(cli, drafts, probe_plugins) -> None:  # type: ignore[no-untyped-def]
    result = run(
        cli,
        "check",
        "--format",
        "json",
        "--plugins-dir",
        str(probe_plugins),
        str(drafts / "sub" / "banana.html"),
    )
    assert "plugin broken_import: ImportError: cannot import this plugin" in result.stderr
    (report,) = json.loads(result.stdout)
    assert [a["rule"] for a in report["annotations"] if a["rule"].startswith("probe")] == [
        "probe/banana"
    ]
    assert report["errors"] == [
        {
            "check": "plugin broken_import",
            "kind": "error",
            "message": "did not load: ImportError: cannot import this plugin",
        },
        {"check": "broken.raises", "kind": "error", "message": "RuntimeError: boom while checking"},
    ]
    assert report["verdict"] == "incomplete"  # a plugin's checks are missing: it blocks


def test_block_a_plugin_with_p_no(cli, drafts, probe_plugins) -> None:  # type: ignore[no-untyped-def]
    result = run(
        cli,
        "check",
        "-f",
        "json",
        "--plugins-dir",
        str(probe_plugins),
        "-p",
        "no:probe",
        "-p",
        "no:broken_import",
        str(drafts / "sub" / "banana.html"),
    )
    (report,) = json.loads(result.stdout)
    assert not [a for a in report["annotations"] if a["rule"] == "probe/banana"]
    assert "broken_import" not in result.stderr
    assert run(cli, "check", "-p", "probe", str(drafts)).returncode == 2


def test_directories_recurse_and_json_is_an_array_jsonl_a_line_each(cli, drafts) -> None:  # type: ignore[no-untyped-def]
    result = run(cli, "check", "-f", "json", str(drafts))
    sources = [r["source"] for r in json.loads(result.stdout)]
    assert sources == [str(drafts / "good.html"), str(drafts / "sub" / "banana.html")]
    lines = run(cli, "check", "-f", "jsonl", str(drafts)).stdout.splitlines()
    assert [json.loads(line)["source"] for line in lines] == sources


def test_stdin_html_and_text(cli) -> None:  # type: ignore[no-untyped-def]
    html = run(cli, "check", "-f", "json", "-", stdin=GOOD.encode())
    assert json.loads(html.stdout)[0]["media_type"] == "text/html"
    text = run(cli, "check", "-f", "json", "--stdin-type", "text", "-", stdin=b"<p>literal</p>\n")
    report = json.loads(text.stdout)[0]
    assert report["media_type"] == "text/plain" and report["source"] == "<stdin>"


def test_unreadable_inputs_one_line_each_others_still_checked(cli, drafts, tmp_path) -> None:  # type: ignore[no-untyped-def]
    binary = tmp_path / "photo.html"
    binary.write_bytes(bytes(range(256)) * 10)
    result = run(
        cli,
        "check",
        "-f",
        "json",
        str(tmp_path / "missing.html"),
        str(binary),
        str(drafts / "good.html"),
    )
    assert result.returncode == 2
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 2 and "missing.html" in errors[0] and "binary" in errors[1]
    assert "Traceback" not in result.stderr
    assert [r["source"] for r in json.loads(result.stdout)] == [str(drafts / "good.html")]


def test_max_bytes_limit(cli, drafts) -> None:  # type: ignore[no-untyped-def]
    result = run(cli, "check", "--max-bytes", "10", str(drafts / "good.html"))
    assert result.returncode == 2 and "max-bytes limit of 10" in result.stderr


def test_config_file_select_and_bad_config(cli, drafts, probe_plugins, tmp_path) -> None:  # type: ignore[no-untyped-def]
    config = tmp_path / "editcheck.toml"
    config.write_text(
        f'plugins-dir = "{probe_plugins}"\nselect = ["probe/*"]\nfail-on = "warning"\n'
    )
    result = run(cli, "check", "--config", str(config), str(drafts / "sub" / "banana.html"))
    assert result.returncode == 1 and "probe/banana" in result.stdout
    # discovered from the working directory, too
    assert run(cli, "check", str(drafts / "sub" / "banana.html"), cwd=tmp_path).returncode == 1
    config.write_text("nonsense = 1\n")
    bad = run(cli, "check", "--config", str(config), str(drafts))
    assert bad.returncode == 2 and "unknown key(s): nonsense" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_select_and_ignore_flags(cli, drafts, probe_plugins) -> None:  # type: ignore[no-untyped-def]
    base = (
        "check",
        "-f",
        "json",
        "--plugins-dir",
        str(probe_plugins),
        str(drafts / "sub" / "banana.html"),
    )
    only = json.loads(run(cli, *base, "--select", "probe/banana").stdout)[0]
    assert {a["rule"] for a in only["annotations"]} == {"probe/banana"}
    assert only["errors"] == []  # the raising check was not selected, so it did not run
    ignored = json.loads(run(cli, *base, "--ignore", "probe/*,broken/*").stdout)[0]
    assert not [a for a in ignored["annotations"] if a["rule"].startswith("probe")]


def test_usage_errors_exit_two(cli, drafts) -> None:  # type: ignore[no-untyped-def]
    assert run(cli, "check").returncode == 2
    bad_format = run(cli, "check", "-f", "yaml", str(drafts))
    assert bad_format.returncode == 2 and "unknown format" in bad_format.stderr


def test_plugins_and_rules_listings(cli, probe_plugins) -> None:  # type: ignore[no-untyped-def]
    listing = json.loads(run(cli, "plugins", "--json", "--plugins-dir", str(probe_plugins)).stdout)
    names = {p["name"]: p for p in listing["plugins"]}
    assert names["readability"]["origin"] == "builtin"
    assert names["probe"]["rules"] == ["probe/banana"] and names["probe"]["origin"] == "plugins-dir"
    assert [f["name"] for f in listing["failures"]] == ["broken_import"]
    rules = json.loads(run(cli, "rules", "--json", "core/long-sentence").stdout)
    assert [(r["id"], r["category"], r["severity"]) for r in rules] == [
        ("core/long-sentence", "readability", "info")
    ]
    assert "max-words" in run(cli, "rules").stdout


def test_autoload_switch_keeps_builtins_and_plugins_dir(cli, probe_plugins) -> None:  # type: ignore[no-untyped-def]
    listing = json.loads(
        run(
            cli,
            "plugins",
            "--json",
            "--plugins-dir",
            str(probe_plugins),
            env={"EDITCHECK_DISABLE_PLUGIN_AUTOLOAD": "1"},
        ).stdout
    )
    origins = {p["origin"] for p in listing["plugins"]}
    assert origins <= {"builtin", "plugins-dir"} and "plugins-dir" in origins


def test_version_and_help(cli) -> None:  # type: ignore[no-untyped-def]
    assert run(cli, "--version").stdout.startswith("editcheck ")
    assert "check" in run(cli, "--help").stdout


def test_a_50_mb_draft_is_refused_without_reading_it(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    huge = tmp_path / "huge.html"
    with huge.open("wb") as fh:  # sparse: 50 MB on paper, nothing on disk
        fh.truncate(50_000_000)
    result = run(cli, "check", str(huge))
    assert result.returncode == 2
    assert "over the max-bytes limit of 10,000,000" in result.stderr
    assert "Traceback" not in result.stderr


def test_colour_only_when_asked_or_on_a_terminal(cli, drafts, probe_plugins) -> None:  # type: ignore[no-untyped-def]
    args = ("check", "--plugins-dir", str(probe_plugins), str(drafts / "sub" / "banana.html"))
    assert "\x1b[" not in run(cli, *args).stdout  # piped: plain text
    coloured = run(cli, *args, "--color").stdout
    assert "\x1b[33m" in coloured and "warning" in coloured  # warnings in yellow
