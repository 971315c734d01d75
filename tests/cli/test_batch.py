"""Many drafts at once: worker processes give the same answers, stream, and stop cleanly."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from editcheck.cli.common import Progress

PARAGRAPH = (
    "<p>The council said 40 people attended the meeting on Tuesday. Critics say the "
    "plan is reportedly doomed.</p>"
)


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    folder = tmp_path / "archive"
    folder.mkdir()
    for i in range(40):
        (folder / f"story-{i:03d}.html").write_text(f"<h1>Story {i}</h1>" + PARAGRAPH * (i % 5 + 1))
    return folder


def run(cli: list[str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*cli, *args], capture_output=True, text=True, timeout=120)


def test_jobs_give_the_same_reports_in_the_same_order(cli, archive) -> None:  # type: ignore[no-untyped-def]
    one = run(cli, "check", "-f", "jsonl", "--jobs", "1", str(archive))
    two = run(cli, "check", "-f", "jsonl", "--jobs", "2", str(archive))
    assert one.returncode == two.returncode
    assert one.stdout == two.stdout and len(one.stdout.splitlines()) == 40
    assert two.stderr == ""  # no progress bar when stderr is not a terminal


def test_interrupt_keeps_what_was_written(cli, archive, tmp_path) -> None:  # type: ignore[no-untyped-def]
    for i in range(40, 400):
        (archive / f"story-{i:03d}.html").write_text(PARAGRAPH * 40)
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen(
        [*cli, "check", "-f", "jsonl", "-j", "2", "-o", str(out), str(archive)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not out.exists() or out.stat().st_size == 0):
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGINT)  # as Ctrl-C does: the whole process group
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert "interrupted" in stderr and "Traceback" not in stderr
    lines = out.read_text().splitlines()
    assert 0 < len(lines) < 400
    for line in lines:
        assert json.loads(line)["schema"] == "editcheck/report@1"


def test_progress_line_has_rate_and_eta() -> None:
    class Terminal:
        def __init__(self) -> None:
            self.text = ""

        def isatty(self) -> bool:
            return True

        def write(self, s: str) -> None:
            self.text += s

        def flush(self) -> None:
            pass

    term = Terminal()
    progress = Progress(4, term)  # type: ignore[arg-type]
    for _ in range(4):
        progress.advance()
    progress.close()
    assert "4/4 drafts" in term.text and "/s" in term.text and "ETA 0:00" in term.text
    with open(os.devnull, "w") as devnull:
        assert Progress(4, devnull).enabled is False


CRASHER = """
import os
from editcheck import Rule, check, hookimpl

@check(Rule("crash/on-poison", "house-style"), name="crash.poison")
def poison(doc, ctx):
    if "POISON" in doc.text:
        os._exit(1)  # the worker process dies, as with a segfault or the OOM killer

@hookimpl
def editcheck_checks():
    return [poison]
"""


def test_a_draft_that_kills_its_worker_is_named_and_the_rest_are_checked(
    cli, archive, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    (archive / "story-007.html").write_text("<p>POISON pill paragraph here.</p>")
    plugins = tmp_path / "crash-plugins"
    plugins.mkdir()
    (plugins / "crasher.py").write_text(CRASHER)
    result = subprocess.run(
        [*cli, "check", "-f", "jsonl", "-j", "2", "--plugins-dir", str(plugins), str(archive)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 3  # a crash is an internal failure, not a finding
    assert result.stderr.count("worker process checking it died") == 1
    assert "story-007.html" in result.stderr
    sources = [json.loads(line)["source"] for line in result.stdout.splitlines()]
    assert len(sources) == 39 and not any("story-007" in s for s in sources)
    assert sources == sorted(sources)  # still in input order
