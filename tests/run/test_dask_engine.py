"""``check --engine dask`` on a real LocalCluster gives what ``check -f jsonl`` gives."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from shared_paths import FIXTURES

pytest.importorskip("distributed", reason="Dask is not installed: pip install 'editcheck[dask]'")

DRAFTS = FIXTURES / "audit" / "drafts"
CLI = [sys.executable, "-m", "editcheck"]
# The example house-style plugin gives each regular expression 0.25 s; on a loaded machine
# one may run out in one run and not in the other, so exact comparisons leave it out.
STEADY = ("-p", "no:house-style")


def run(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address="127.0.0.1:0",
    ) as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("dask") / "drafts"
    shutil.copytree(DRAFTS, folder)
    (folder / "scan.txt").write_bytes(bytes(range(256)) * 40)
    return folder


@pytest.fixture(scope="module")
def expected(archive: Path) -> subprocess.CompletedProcess[str]:
    done = run("check", "-f", "jsonl", "-j", "1", *STEADY, str(archive))
    assert done.returncode == 2 and len(done.stdout.splitlines()) == 5, done.stderr
    return done


def test_same_reports_as_check_jsonl(scheduler, archive, expected) -> None:  # type: ignore[no-untyped-def]
    done = run(
        "check",
        "--engine",
        "dask",
        "--scheduler",
        scheduler,
        "--partition-size",
        "2",
        "-f",
        "jsonl",
        *STEADY,
        str(archive),
    )
    assert done.returncode == expected.returncode, done.stderr
    assert done.stdout == expected.stdout  # same annotations, same order
    assert "scan.txt: input looks like binary data" in done.stderr
    assert "6 inputs in 3 partitions on 2 workers" in done.stderr
    assert "Traceback" not in done.stderr


def test_partitions_from_a_glob_and_a_path_list(scheduler, archive, expected, tmp_path) -> None:  # type: ignore[no-untyped-def]
    listed = tmp_path / "paths.txt"
    txt = sorted(str(p) for p in archive.glob("*.txt"))
    listed.write_text("# drafts as the workers see them\n" + "\n".join(txt) + "\n\n")
    out = tmp_path / "parts"
    done = run(
        "check",
        "--engine",
        "dask",
        "--scheduler",
        scheduler,
        "--partition-size",
        "2",
        "--out-dir",
        str(out),
        "--from-list",
        str(listed),
        *STEADY,
        str(archive / "*.html"),
    )
    assert done.returncode == 2, done.stderr  # scan.txt is in the list
    assert done.stdout == ""
    manifest = json.loads((out / "manifest.json").read_text())
    files = [Path(p["file"]) for p in manifest["partitions"]]
    assert [f.name for f in files] == ["part-00000.jsonl", "part-00001.jsonl", "part-00002.jsonl"]
    got = [json.loads(line) for f in files for line in f.read_text().splitlines()]
    want = {r["source"]: r for r in map(json.loads, expected.stdout.splitlines())}
    assert sorted(r["source"] for r in got) == sorted(want)
    for report in got:
        assert report["annotations"] == want[report["source"]]["annotations"]
    assert (out / "rerun-paths.txt").read_text() == str(archive / "scan.txt") + "\n"
    assert manifest["unreadable"] == 1 and manifest["drafts"] == 6
    # The run's folder audits as it stands: partitions plus the manifest's unreadable input.
    done = run("audit", "--reports", str(out), "--out", str(tmp_path / "audit"))
    summary = json.loads((tmp_path / "audit" / "audit.json").read_text())
    assert (summary["totals"]["checked"], summary["totals"]["unreadable"]) == (5, 1)
    assert summary["totals"]["annotations"] == sum(len(r["annotations"]) for r in got)


SLOW_PLUGIN = """
import time
from editcheck import Rule, check, hookimpl

@check(Rule("slow/sleeper", "house-style"), name="slow.sleeper")
def sleeper(doc, ctx):
    while True:
        time.sleep(0.01)

@hookimpl
def editcheck_checks():
    return [sleeper]
"""


def test_time_budget_applies_inside_tasks_and_relative_paths_work(scheduler, tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "plugins").mkdir()
    (tmp_path / "plugins" / "slow.py").write_text(textwrap.dedent(SLOW_PLUGIN))
    (tmp_path / "editcheck.toml").write_text('check-timeout = 0.2\nplugins-dir = "plugins"\n')
    (tmp_path / "a.txt").write_text("Critics say the plan is reportedly doomed.\n")
    (tmp_path / "b.txt").write_text("Experts say it will cost £4m.\n")
    done = run(
        "check",
        "--engine",
        "dask",
        "--scheduler",
        scheduler,
        "--partition-size",
        "1",
        "-f",
        "jsonl",
        "a.txt",
        "b.txt",
        cwd=tmp_path,
    )
    reports = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(reports) == 2, done.stderr
    # Relative paths are the client's: they reach the workers made absolute.
    assert [r["source"] for r in reports] == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    for report in reports:
        assert report["partial"] is True
        assert [(e["check"], e["kind"]) for e in report["errors"]] == [("slow.sleeper", "timeout")]
        assert report["annotations"], "the other checks' results are kept"


KILLER_PLUGIN = """
import os
from editcheck import Rule, check, hookimpl

@check(Rule("kill/worker", "house-style"), name="kill.worker")
def killer(doc, ctx):
    if "KILL-THE-WORKER" in doc.text:
        os._exit(1)  # as a segfault or the OOM killer would end it

@hookimpl
def editcheck_checks():
    return [killer]
"""


def test_a_dead_worker_costs_its_partition_not_the_run(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Also the local cluster ``--engine dask`` starts when no scheduler is given."""
    (tmp_path / "plugins").mkdir()
    (tmp_path / "plugins" / "killer.py").write_text(textwrap.dedent(KILLER_PLUGIN))
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    for i in range(4):
        (drafts / f"d{i}.txt").write_text("Critics say the plan is reportedly doomed.\n")
    (drafts / "d4.txt").write_text("KILL-THE-WORKER\n")
    out = tmp_path / "parts"
    done = run(
        "check",
        "--engine",
        "dask",
        "-j",
        "2",
        "--partition-size",
        "2",
        "--plugins-dir",
        str(tmp_path / "plugins"),
        "--out-dir",
        str(out),
        str(drafts),
        env={"DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES": "0"},
    )
    assert done.returncode == 3, done.stderr  # a crash, not a finding nor a bad input
    assert "editcheck: partition 2 (1 drafts, first" in done.stderr
    assert "KilledWorker" in done.stderr
    manifest = json.loads((out / "manifest.json").read_text())
    assert [p["index"] for p in manifest["partitions"]] == [0, 1], done.stderr
    assert [f["index"] for f in manifest["failed_partitions"]] == [2]
    assert (out / "rerun-paths.txt").read_text() == f"{drafts / 'd4.txt'}\n"
    assert sum(len(f.read_text().splitlines()) for f in out.glob("part-*.jsonl")) == 4


def test_usage_errors_are_messages(tmp_path) -> None:  # type: ignore[no-untyped-def]
    done = run("check", "--engine", "dask", "-f", "text", str(DRAFTS))
    assert done.returncode == 2 and "use -f jsonl" in done.stderr
    done = run("check", "--out-dir", str(tmp_path), str(DRAFTS))
    assert done.returncode == 2 and "need --engine dask" in done.stderr
    done = run(
        "check",
        "--engine",
        "dask",
        "--scheduler",
        "tcp://127.0.0.1:9",
        str(DRAFTS),
        env={"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "1s"},
    )
    assert done.returncode == 2 and "cannot reach the Dask scheduler" in done.stderr
    assert "Traceback" not in done.stderr


def test_ctrl_c_keeps_finished_partitions(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import signal
    import time

    drafts = tmp_path / "drafts"
    drafts.mkdir()
    body = "Critics say the plan is reportedly doomed, and 40% of voters agree.\n" * 60
    for i in range(600):
        (drafts / f"d{i:03d}.txt").write_text(body)
    out = tmp_path / "parts"
    proc = subprocess.Popen(
        [
            *CLI,
            "check",
            "--engine",
            "dask",
            "-j",
            "2",
            "--partition-size",
            "10",
            "--out-dir",
            str(out),
            str(drafts),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(out.glob("part-*.jsonl")):
        time.sleep(0.05)
    time.sleep(0.5)
    os.killpg(proc.pid, signal.SIGINT)  # as Ctrl-C does: the client and its local workers
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert "interrupted; partitions finished so far are kept" in stderr
    assert "Traceback" not in stderr and "ERROR" not in stderr
    manifest = json.loads((out / "manifest.json").read_text())
    # Every partition finished before the client stopped is listed, whole.
    assert manifest["interrupted"] is True and 0 < manifest["drafts"] < 600
    for part in manifest["partitions"]:
        lines = Path(part["file"]).read_text().splitlines()
        assert len(lines) == part["drafts"] == 10
        assert all(json.loads(line)["schema"] == "editcheck/report@1" for line in lines)


def test_boilerplate_index_learned_on_workers_and_merged(scheduler, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from distributed import Client
    from merge_support import make_archive, tables

    from editcheck.archive import learn_paths
    from editcheck.archive.merge import learn_with_dask

    archive = make_archive(tmp_path / "archive")
    learn_paths(tmp_path / "serial.sqlite", [archive])
    with Client(scheduler) as client:
        parts, merged = learn_with_dask(
            client, tmp_path / "merged.sqlite", [archive], tmp_path / "work", size=6
        )
    assert len(parts) == 6 and sum(p.added for p in parts) == 32
    assert (merged.added, merged.duplicates, merged.uncorrected) == (30, 2, [])
    assert tables(tmp_path / "merged.sqlite") == tables(tmp_path / "serial.sqlite")
    assert list((tmp_path / "work").iterdir()) == []  # part files removed once merged


def test_a_worker_with_other_plugins_refuses_to_check(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from editcheck.config import Config
    from editcheck.run.dask_engine import TaskSpec, WorkerMismatch, check_partition
    from editcheck.run.settings import CheckerSettings, build_checker

    settings = CheckerSettings(Config())
    task = TaskSpec.of(settings, build_checker(settings))
    assert "core/unsourced-statistic" in task.rules
    with pytest.raises(WorkerMismatch, match="rules missing there acme/x"):
        check_partition(TaskSpec(task.settings, (*task.rules, "acme/x"), task.version), 0, (), None)
    with pytest.raises(WorkerMismatch, match="runs editcheck .*, the client 0.0.0-other"):
        check_partition(TaskSpec(task.settings, task.rules, "0.0.0-other"), 0, (), None)


def test_cli_stops_when_workers_have_other_plugins(scheduler) -> None:  # type: ignore[no-untyped-def]
    listed = run("plugins", "--json")
    if '"entry-point"' not in listed.stdout:
        pytest.skip("no third-party plugin installed, so the client cannot differ from workers")
    # The client leaves third-party plugins out; the cluster's workers load them.
    done = run(
        "check",
        "--engine",
        "dask",
        "--scheduler",
        scheduler,
        str(DRAFTS),
        env={"EDITCHECK_DISABLE_PLUGIN_AUTOLOAD": "1"},
    )
    assert done.returncode == 2, done.stderr
    assert (
        "has other plugins than the client: rules missing there none; rules only there"
        in done.stderr
    )
    assert "Traceback" not in done.stderr and done.stdout == ""
