"""``editcheck fix`` as a newsroom runs it: real subprocesses, real files, exit codes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from shared_paths import SEED_HTML, SHARED

CLI = [sys.executable, "-m", "editcheck"]
SEED_TEXT = SHARED / "seed" / "ice-shooting.txt"
RESIDUE = (
    "The council voted to close the library on Tuesday night, its leader said.\n"
    "\n"
    "Advertisement\n"
    "\n"
    "Residents said they would appeal against the decision, which saves £2m.\n"
    "6 hours ago\n"
)
CLEAN = RESIDUE.replace("Advertisement\n\n", "").replace("6 hours ago\n", "")


def run(
    *args: str, stdin: str | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        env={**os.environ, "EDITCHECK_AUTOLOAD_PLUGINS": "0"},
    )


def test_fix_prints_the_fixed_draft_and_a_summary_on_stderr(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(RESIDUE, encoding="utf-8")
    done = run("fix", str(draft))
    assert done.returncode == 0, done.stderr
    assert done.stdout == CLEAN
    assert "fixed 2 findings (core/interface-string, core/stray-timestamp)" in done.stderr
    assert "verdict: pass" in done.stderr
    assert draft.read_text(encoding="utf-8") == RESIDUE  # nothing written without asking


def test_in_place_and_output_write_the_file(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(RESIDUE, encoding="utf-8")
    out = tmp_path / "clean.txt"
    assert run("fix", str(draft), "-o", str(out)).returncode == 0
    assert out.read_text(encoding="utf-8") == CLEAN
    assert run("fix", str(draft), "--in-place").returncode == 0
    assert draft.read_text(encoding="utf-8") == CLEAN
    again = run("fix", str(draft), "--in-place")
    assert "fixed 0 findings" in again.stderr
    assert draft.read_text(encoding="utf-8") == CLEAN


def test_diff_shows_the_removed_lines_and_writes_nothing(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(RESIDUE, encoding="utf-8")
    done = run("fix", str(draft), "--diff")
    assert done.returncode == 0
    assert "-Advertisement\n" in done.stdout and "-6 hours ago\n" in done.stdout
    assert done.stdout.startswith(f"--- a/{draft}")
    assert draft.read_text(encoding="utf-8") == RESIDUE


def test_select_and_ignore_pick_the_fixes(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(RESIDUE, encoding="utf-8")
    done = run("fix", str(draft), "--select", "core/stray-timestamp")
    assert "Advertisement" in done.stdout and "6 hours ago" not in done.stdout
    done = run("fix", str(draft), "--ignore", "core/stray-timestamp")
    assert "Advertisement" not in done.stdout and "6 hours ago" in done.stdout


def test_remaining_findings_set_the_exit_code(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("The fire killed TK people.\nAdvertisement\n", encoding="utf-8")
    done = run("fix", str(draft))
    assert done.returncode == 1  # the placeholder is an error and has no safe fix
    assert done.stdout == "The fire killed TK people.\n"
    assert "findings remain (1 error" in done.stderr
    assert run("fix", str(draft), "--fail-on", "never").returncode == 0


def test_usage_and_input_errors_exit_two(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(RESIDUE, encoding="utf-8")
    assert run("fix", str(draft), "--diff", "--in-place").returncode == 2
    assert run("fix", str(tmp_path / "missing.txt")).returncode == 2
    assert run("fix", "-", "--in-place", stdin=RESIDUE).returncode == 2
    assert run("fix", str(draft), "--select", "core/no-such-rule").returncode == 2
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    done = run("fix", str(binary))
    assert done.returncode == 2 and "binary" in done.stderr


def test_stdin_is_read_as_asked() -> None:
    done = run("fix", "-", "--stdin-type", "html", stdin="<p>Copy here.</p><p>Advertisement</p>")
    assert done.returncode == 0
    assert done.stdout == "<p>Copy here.</p>"


def test_only_applies_a_suggestion_by_fingerprint(tmp_path: Path) -> None:
    draft = tmp_path / "draft.html"
    draft.write_text("<p>Zero\u200bwidth space and a\u00adsoft hyphen.</p>", encoding="utf-8")
    import json

    report = json.loads(run("check", str(draft), "-f", "json").stdout)[0]
    first = report["annotations"][0]
    assert first["fixable"] is True
    done = run("fix", str(draft), "--only", first["fingerprint"])
    assert done.stdout == "<p>Zerowidth space and a\u00adsoft hyphen.</p>"
    assert "1 finding remains" in done.stderr and "1 of them still has a safe fix" in done.stderr


def test_the_html_seed_fixed_reads_as_the_article_alone(tmp_path: Path) -> None:
    out = tmp_path / "seed.html"
    done = run("fix", str(SEED_HTML), "-o", str(out))
    assert done.returncode == 0, done.stderr
    fixed = out.read_text(encoding="utf-8")
    original = SEED_HTML.read_text(encoding="utf-8")
    body = original[: original.index("  <p><br></p>")]
    assert fixed == body + "</article>\n"


@pytest.mark.skipif(not SEED_TEXT.is_file(), reason="../shared/seed/ice-shooting.txt is absent")
def test_the_text_seed_fixed_reads_as_the_article_alone(tmp_path: Path) -> None:
    done = run("fix", str(SEED_TEXT))
    assert done.returncode == 0, done.stderr
    original = SEED_TEXT.read_text(encoding="utf-8")
    article = original[: original.index("\n\n.png)")] + "\n"
    assert done.stdout == article
    assert "fixed 6 findings" in done.stderr


def test_text_format_points_at_the_line_and_column_in_the_html_file() -> None:
    done = run("check", str(SEED_HTML), "--select", "core/orphan-counter")
    lines = SEED_HTML.read_text(encoding="utf-8").split("\n")
    for diagnostic in [ln for ln in done.stdout.splitlines() if "core/orphan-counter" in ln]:
        _, line, column = diagnostic.split(":")[:3]
        assert lines[int(line) - 1][int(column) - 1 :].startswith("5</p>")
