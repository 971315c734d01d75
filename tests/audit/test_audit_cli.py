"""``editcheck audit`` through the real CLI: its numbers agree with ``check -f jsonl``."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import textwrap
import time
from collections import Counter
from pathlib import Path

import pytest
from shared_paths import FIXTURES

DRAFTS = FIXTURES / "audit" / "drafts"
WEIGHTS = {"error": 3, "warning": 2, "info": 1}
# The example house-style plugin gives each regular expression 0.25 s; on a loaded machine
# one may run out in one run and not in the other, so the comparisons leave it out.
STEADY = ("-p", "no:house-style")


def run(cli: list[str], *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*cli, *args], capture_output=True, text=True, timeout=120, cwd=cwd)


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture drafts plus one binary file that cannot be read as a draft."""
    folder = tmp_path_factory.mktemp("archive") / "drafts"
    shutil.copytree(DRAFTS, folder)
    (folder / "scan.txt").write_bytes(bytes(range(256)) * 40)
    return folder


@pytest.fixture(scope="module")
def reports(archive: Path) -> list[dict]:
    import sys

    done = run(
        [sys.executable, "-m", "editcheck"],
        "check",
        "-f",
        "jsonl",
        "-j",
        "1",
        "--fail-on",
        "never",
        *STEADY,
        str(archive),
    )
    assert done.returncode == 2, done.stderr  # the binary file is unreadable
    return [json.loads(line) for line in done.stdout.splitlines()]


@pytest.fixture(scope="module")
def audited(archive: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, str, str]:
    import sys

    out = tmp_path_factory.mktemp("audit-out")
    done = run(
        [sys.executable, "-m", "editcheck"],
        "audit",
        str(archive),
        "--out",
        str(out),
        "--jobs",
        "2",
        *STEADY,
    )
    assert done.returncode == 2, done.stderr  # written, but one input was unreadable
    assert "Traceback" not in done.stderr
    return (
        json.loads((out / "audit.json").read_text("utf-8")),
        (out / "audit.html").read_text("utf-8"),
        done.stderr,
    )


def test_totals_match_check_jsonl(reports, audited) -> None:  # type: ignore[no-untyped-def]
    summary, _, _ = audited
    annotations = [a for r in reports for a in r["annotations"]]
    assert len(reports) == 5 and len(annotations) > 20
    totals = summary["totals"]
    assert (totals["drafts"], totals["checked"], totals["unreadable"]) == (6, 5, 1)
    assert totals["annotations"] == len(annotations)
    assert totals["words"] == sum(r["stats"]["words"] for r in reports)
    assert totals["with_findings"] == sum(1 for r in reports if r["annotations"])
    assert summary["by_category"] == dict(Counter(a["category"] for a in annotations))
    assert summary["by_severity"] == {
        s: sum(a["severity"] == s for a in annotations) for s in WEIGHTS
    }


def test_rule_counts_match_check_jsonl(reports, audited) -> None:  # type: ignore[no-untyped-def]
    summary, _, _ = audited
    per_rule = Counter(a["rule"] for r in reports for a in r["annotations"])
    drafts_per_rule = Counter(
        rule for r in reports for rule in {a["rule"] for a in r["annotations"]}
    )
    got = {r["rule"]: (r["annotations"], r["drafts"]) for r in summary["by_rule"]}
    assert got == {rule: (n, drafts_per_rule[rule]) for rule, n in per_rule.items()}


def test_worst_drafts_ranked_by_weighted_severity_per_1000_words(reports, audited) -> None:  # type: ignore[no-untyped-def]
    summary, _, _ = audited
    scored = sorted(
        (
            (
                sum(WEIGHTS[a["severity"]] for a in r["annotations"])
                * 1000
                / max(r["stats"]["words"], 100),
                Path(r["source"]).name,
            )
            for r in reports
            if r["annotations"]
        ),
        key=lambda t: -t[0],
    )
    worst = [(w["per_1000_words"], Path(w["source"]).name) for w in summary["worst_drafts"]]
    assert [name for _, name in worst] == [name for _, name in scored]
    assert [s for s, _ in worst] == [round(s, 2) for s, _ in scored]


def test_recurring_boilerplate_and_residue_counted_per_draft(reports, audited) -> None:  # type: ignore[no-untyped-def]
    summary, _, _ = audited
    residue = {r["text"]: r["drafts"] for r in summary["recurring"]["page-residue"]}
    exact = Counter(
        text
        for r in reports
        for text in {a["text"] for a in r["annotations"] if a["category"] == "page-residue"}
    )
    assert residue == {t: n for t, n in exact.items() if n >= 2}
    assert residue["Share this article"] == 3
    boiler = summary["recurring"]["repeated-boilerplate"]
    # "Sign up to our newsletter, for the latest news" and "Sign up for our newsletter for
    # all the latest news" are one passage once function words are folded away.
    signup = [b for b in boiler if b["text"].startswith("Sign up")]
    assert len(signup) == 1 and signup[0]["drafts"] == 3
    assert all(b["overcount_at_most"] == 0 for b in boiler)


def test_unreadable_input_is_listed_not_fatal(audited) -> None:  # type: ignore[no-untyped-def]
    summary, _, stderr = audited
    assert [Path(u["source"]).name for u in summary["unreadable"]] == ["scan.txt"]
    assert "binary" in summary["unreadable"][0]["error"]
    assert re.search(r"editcheck: .*scan\.txt: .*binary", stderr)


def test_html_page_is_self_contained_and_shows_the_counts(audited) -> None:  # type: ignore[no-untyped-def]
    summary, page, _ = audited
    assert "<script" not in page.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page, re.I)
    assert "@import" not in page and "url(" not in page
    assert page.count("<svg") >= 4
    assert f"<b>{summary['totals']['annotations']:,}</b>annotations" in page
    for rule in summary["by_rule"]:
        assert f"<td>{rule['rule']}</td>" in page
        assert f'<td class="n">{rule["annotations"]:,}</td>' in page
    assert "Share this article" in page and "scan.txt" in page


SLOW_PLUGIN = """
import time
from editcheck import Rule, check, hookimpl

@check(Rule("slow/sleeper", "house-style"), name="slow.sleeper")
def sleeper(doc, ctx):
    while True:
        time.sleep(0.01)

@check(Rule("slow/raiser", "house-style"), name="slow.raiser")
def raiser(doc, ctx):
    raise RuntimeError("boom")

@hookimpl
def editcheck_checks():
    return [sleeper, raiser]
"""


def test_check_failures_and_timeouts_are_tallied(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "slow.py").write_text(textwrap.dedent(SLOW_PLUGIN))
    (tmp_path / "editcheck.toml").write_text("check-timeout = 0.2\n")
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (drafts / name).write_text("Critics say the plan is reportedly doomed.\n")
    done = run(
        cli,
        "audit",
        str(drafts),
        "--out",
        str(tmp_path / "out"),
        "-j",
        "2",
        "--plugins-dir",
        str(plugins),
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    summary = json.loads((tmp_path / "out" / "audit.json").read_text())
    failures = {(f["check"], f["kind"]): f for f in summary["check_failures"]}
    assert failures[("slow.sleeper", "timeout")]["count"] == 3
    assert "0.2 s" in failures[("slow.sleeper", "timeout")]["message"]
    assert failures[("slow.raiser", "error")]["count"] == 3
    assert len(failures[("slow.raiser", "error")]["examples"]) == 3
    assert summary["totals"]["partial"] == 3
    assert summary["by_category"]["unattributed-claim"] >= 3  # the other checks still ran


PACED_PLUGIN = """
import time
from editcheck import Rule, check, hookimpl

@check(Rule("paced/wait", "house-style"), name="paced.wait")
def wait(doc, ctx):
    time.sleep(0.05)  # every draft takes a while, however idle the machine

@hookimpl
def editcheck_checks():
    return [wait]
"""


def test_interrupt_writes_the_audit_so_far(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "plugins").mkdir()
    (tmp_path / "plugins" / "paced.py").write_text(textwrap.dedent(PACED_PLUGIN))
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    for i in range(400):  # 400 x 0.05 s on two workers: 10 s to finish
        (drafts / f"d{i:03d}.txt").write_text("Critics say the plan is reportedly doomed.\n")
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [
            *cli,
            "audit",
            str(drafts),
            "--out",
            str(out),
            "-j",
            "2",
            "--plugins-dir",
            str(tmp_path / "plugins"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(children.read_text().split()) < 2:
        time.sleep(0.05)  # until the two worker processes are up
    time.sleep(2.0)  # a few chunks of 16 drafts done, far from all 400
    os.killpg(proc.pid, signal.SIGINT)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert "interrupted" in stderr and "Traceback" not in stderr
    summary = json.loads((out / "audit.json").read_text())
    assert summary["interrupted"] is True
    assert 0 < summary["totals"]["checked"] < 400
    assert "was interrupted" in (out / "audit.html").read_text()


def test_paths_from_a_list_file(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    listed = tmp_path / "paths.txt"
    listed.write_text(
        f"# two drafts\n{DRAFTS / 'festival.txt'}\n\n{DRAFTS / 'school-results.txt'}\n"
    )
    done = run(cli, "audit", "--from-list", str(listed), "--out", str(tmp_path / "out"), "-j", "1")
    assert done.returncode == 0, done.stderr
    summary = json.loads((tmp_path / "out" / "audit.json").read_text())
    assert summary["totals"]["checked"] == 2
    assert summary["inputs"] == [f"--from-list {listed}"]
    done = run(cli, "audit", "--out", str(tmp_path / "out"))
    assert done.returncode == 2 and "give PATH... or --from-list FILE" in done.stderr


def _comparable(summary: dict) -> dict:
    totals = {
        k: v for k, v in summary["totals"].items() if k not in ("seconds", "drafts_per_second")
    }
    keep = (
        "by_severity",
        "by_category",
        "by_rule",
        "annotations_per_draft",
        "worst_drafts",
        "recurring",
        "check_failures",
    )
    return {"totals": totals, **{k: summary[k] for k in keep}}


def test_audit_of_written_reports_equals_audit_of_drafts(cli, archive, audited, tmp_path) -> None:  # type: ignore[no-untyped-def]
    summary, _, _ = audited
    folder = tmp_path / "reports"
    folder.mkdir()
    done = run(
        cli,
        "check",
        "-f",
        "jsonl",
        "-j",
        "1",
        "--fail-on",
        "never",
        *STEADY,
        "-o",
        str(folder / "part-00000.jsonl"),
        str(archive),
    )
    assert done.returncode == 2  # scan.txt: a line on stderr, not in the reports
    # What a Dask run's manifest adds: the input it could not read.
    (folder / "manifest.json").write_text(
        json.dumps(
            {
                "partitions": [
                    {"unreadable": [f"{archive / 'scan.txt'}: input looks like binary data"]}
                ],
                "failed_partitions": [],
            }
        )
    )
    done = run(cli, "audit", "--reports", str(folder), "--out", str(tmp_path / "out"))
    assert done.returncode == 2, done.stderr
    again = json.loads((tmp_path / "out" / "audit.json").read_text())
    assert _comparable(again) == _comparable(summary)


def test_lines_that_are_not_reports_are_listed(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    reports = tmp_path / "mixed.jsonl"
    done = run(cli, "check", "-f", "jsonl", "--fail-on", "never", str(DRAFTS / "festival.txt"))
    reports.write_text(done.stdout + "not json at all\n" + '{"schema": "other@1"}\n')
    done = run(cli, "audit", "--reports", str(reports), "--out", str(tmp_path / "out"))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    summary = json.loads((tmp_path / "out" / "audit.json").read_text())
    assert (summary["totals"]["checked"], summary["totals"]["unreadable"]) == (1, 2)
    assert [u["source"] for u in summary["unreadable"]] == [f"{reports}:2", f"{reports}:3"]
    assert "not an editcheck/report@1 report" in summary["unreadable"][1]["error"]


def test_an_unwritable_out_folder_stops_before_checking(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a-file").write_text("")
    done = run(cli, "audit", str(DRAFTS), "--out", str(tmp_path / "a-file" / "audit"))
    assert done.returncode == 2
    assert "cannot write the audit into" in done.stderr and "Traceback" not in done.stderr
    assert "audited" not in done.stderr  # refused up front, nothing was checked
