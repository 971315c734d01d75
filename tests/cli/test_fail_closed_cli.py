"""``editcheck check`` fails closed: a typo, an empty run, a stuck or crashing draft and a
SIGTERM each give an exit status a CI job reads correctly, and never a traceback."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from batchkit import FAULTS, children_of, fault_archive

DRAFT = "<p>Critics say the plan is reportedly doomed.</p>"


def run(cli: list[str], *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*cli, *args], capture_output=True, text=True, timeout=120, cwd=cwd)


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "draft.html"
    path.write_text(DRAFT)
    return path


@pytest.mark.parametrize(
    ("flags", "said"),
    [
        (("--select", "core/unsorced-statistic"), "did you mean core/unsourced-statistic"),
        (("--ignore", "core/zz-*"), "this glob matches no loaded rule"),
        (("-p", "no:sourcin"), "did you mean sourcing"),
        (("--select", "core/long-sentence", "--ignore", "core"), "no rule is left to run"),
    ],
)
def test_a_typo_in_a_selector_is_exit_2_with_the_closest_names(cli, draft, flags, said) -> None:  # type: ignore[no-untyped-def]
    done = run(cli, "check", *flags, str(draft))
    assert done.returncode == 2 and said in done.stderr, done.stderr
    assert done.stdout == ""


def test_a_typo_in_the_config_file_is_exit_2_naming_the_file(cli, draft, tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "editcheck.toml").write_text('select = ["core/unsorced-statistic"]\n')
    done = run(cli, "check", str(draft), cwd=tmp_path)
    assert done.returncode == 2
    assert "editcheck.toml" in done.stderr and "core/unsourced-statistic" in done.stderr


def test_a_run_with_no_drafts_is_exit_2_and_names_what_it_skipped(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "empty").mkdir()
    done = run(cli, "check", str(tmp_path / "empty"))
    assert done.returncode == 2 and "no drafts to check" in done.stderr
    assert ".html" in done.stderr
    mixed = tmp_path / "mixed"
    mixed.mkdir()
    (mixed / "story.docx").write_bytes(b"PK\x03\x04")
    (mixed / "notes.pdf").write_bytes(b"%PDF")
    done = run(cli, "check", str(mixed))
    assert done.returncode == 2
    assert ".docx 1" in done.stderr and ".pdf 1" in done.stderr


def test_a_stuck_draft_is_incomplete_and_blocks_unless_allowed(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    archive, plugins = fault_archive(tmp_path)
    (archive / FAULTS["crash"]).unlink()
    args = ("check", "-j", "2", "--draft-timeout", "0.5", "--plugins-dir", str(plugins))
    done = run(cli, *args, str(archive))
    assert done.returncode == 1, done.stderr
    assert "draft time limit" in done.stderr and "verdict: pass" in done.stdout
    assert run(cli, *args, "--no-fail-on-incomplete", str(archive)).returncode == 0


FAILING_FORMAT = """
from editcheck import hookimpl
from editcheck.formats.base import Formatter

def render(reports, context):
    raise ValueError("this formatter is broken")

@hookimpl
def editcheck_formatters():
    return [Formatter("broken", "A formatter that raises.", render)]
"""


def test_an_unhandled_error_is_exit_3_in_one_line(cli, draft, tmp_path) -> None:  # type: ignore[no-untyped-def]
    plugins = tmp_path / "fmt"
    plugins.mkdir()
    (plugins / "brokenfmt.py").write_text(FAILING_FORMAT)
    done = run(cli, "check", "--plugins-dir", str(plugins), "-f", "broken", str(draft))
    assert done.returncode == 3
    assert "internal error: ValueError: this formatter is broken" in done.stderr
    assert "Traceback" not in done.stderr


def test_sigterm_stops_the_workers_too(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    archive, plugins = fault_archive(tmp_path)
    proc = subprocess.Popen(
        [*cli, "check", "-j", "2", "--plugins-dir", str(plugins), str(archive)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not children_of(proc.pid):
        time.sleep(0.02)
    time.sleep(0.3)
    workers = children_of(proc.pid)
    assert workers
    os.kill(proc.pid, signal.SIGTERM)  # the parent only, as a CI runner or systemd does
    _, stderr = proc.communicate(timeout=30)
    assert proc.returncode == 143 and "Traceback" not in stderr
    time.sleep(0.2)
    assert not [w for w in workers if Path(f"/proc/{w}").exists() and _running(w)]


def _running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except (FileNotFoundError, IndexError):
        return False


EXITING = """
import sys
from editcheck import Rule, check, hookimpl

@check(Rule("exits/now", "house-style"), name="exits.now")
def exits(doc, ctx):
    sys.exit(0)  # a "clean" exit from inside a check must not read as a pass

@hookimpl
def editcheck_checks():
    return [exits]
"""


def test_a_check_that_calls_sys_exit_is_exit_3_not_a_pass(cli, draft, tmp_path) -> None:  # type: ignore[no-untyped-def]
    plugins = tmp_path / "exits"
    plugins.mkdir()
    (plugins / "exits.py").write_text(EXITING)
    (plugins / "exits_on_import.py").write_text("import sys\nsys.exit(0)\n")
    done = run(cli, "check", "--plugins-dir", str(plugins), "-f", "json", str(draft))
    assert done.returncode == 3, done.stderr
    (report,) = json.loads(done.stdout)
    kinds = {e["check"]: e["kind"] for e in report["errors"]}
    assert kinds == {"exits.now": "exit", "plugin exits_on_import": "error"}
    assert "called sys.exit(0) on import" in done.stderr
    assert report["verdict"] == "incomplete"
