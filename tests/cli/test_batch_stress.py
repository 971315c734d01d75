"""The parallel run under stress: a crashing draft, a hanging draft and Ctrl-C, 50 times
each, must give the same output every time, no traceback and no worker left behind."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from batchkit import FAULTS, children_of, fault_archive

from editcheck.config import Config
from editcheck.run.batch import check_paths
from editcheck.run.settings import CheckerSettings, build_checker

pytestmark = pytest.mark.stress
LOOPS = 50


@pytest.fixture(scope="module")
def faults(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return fault_archive(tmp_path_factory.mktemp("stress"), drafts=6)


# The pool forks from a process with threads (pebble's manager): on Python 3.12+ that is
# a DeprecationWarning, which this suite would otherwise turn into an error.
@pytest.mark.filterwarnings("ignore:This process:DeprecationWarning")
def test_crash_and_hang_give_the_same_answer_every_time(faults) -> None:  # type: ignore[no-untyped-def]
    archive, plugins = faults
    settings = CheckerSettings(Config(plugins_dir=plugins))
    checker = build_checker(settings)
    paths = [str(p) for p in sorted(archive.iterdir())]
    seen = set()
    for _ in range(LOOPS):
        outcomes = list(check_paths(checker, settings, paths, jobs=2, draft_timeout=0.3))
        seen.add(tuple((o.item, o.kind if o.report is None else "report") for o in outcomes))
    assert len(seen) == 1
    kinds = dict(seen.pop())
    assert kinds.pop(str(archive / FAULTS["crash"])) == "crashed"
    assert kinds.pop(str(archive / FAULTS["hang"])) == "timeout"
    assert set(kinds.values()) == {"report"} and len(kinds) == 4


def test_the_cli_names_both_faults_the_same_way_every_time(cli, faults) -> None:  # type: ignore[no-untyped-def]
    archive, plugins = faults
    argv = [*cli, "check", "-f", "jsonl", "-j", "2", "--draft-timeout", "0.3"]
    argv += ["--plugins-dir", str(plugins), str(archive)]
    seen = set()
    for _ in range(5):  # the loop above covers the pool; this covers the command's output
        done = subprocess.run(argv, capture_output=True, text=True, timeout=60)
        assert "Traceback" not in done.stderr, done.stderr
        seen.add((done.returncode, done.stdout, done.stderr))
    assert len(seen) == 1
    code, stdout, stderr = seen.pop()
    assert code == 3  # the crash outranks the findings and the timeout
    assert len(stdout.splitlines()) == 4
    assert stderr.count("worker process checking it died") == 1
    assert stderr.count("draft time limit") == 1


def test_ctrl_c_stops_every_worker_every_time(cli, faults) -> None:  # type: ignore[no-untyped-def]
    archive, plugins = faults
    # No time limit: the hanging draft would hold its worker forever.
    argv = [*cli, "check", "-f", "jsonl", "-j", "2", "--plugins-dir", str(plugins), str(archive)]
    for _ in range(LOOPS):
        proc = subprocess.Popen(
            argv,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        try:
            workers = _wait_for_workers(proc.pid)
            os.killpg(proc.pid, signal.SIGINT)
            _, stderr = proc.communicate(timeout=30)
        finally:  # a failed loop must not leave a run holding its hanging worker for ever
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.communicate()
        assert proc.returncode == 130, stderr
        assert "Traceback" not in stderr and "interrupted" in stderr
        assert not [w for w in workers if _alive(w)]


def _wait_for_workers(pid: int) -> list[int]:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        found = children_of(pid)
        if found:
            time.sleep(0.1)  # let the workers pick up drafts
            return children_of(pid)
        time.sleep(0.02)
    raise AssertionError("no worker process started")


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"
