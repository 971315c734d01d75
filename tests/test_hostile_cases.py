"""Hostile drafts of every class (editcheck.testing.hostile, small scale) through the
Python API, the CLI and a live service: never a traceback, never a 500, always a verdict,
and ``incomplete`` rather than ``pass`` wherever work was cut (issue 11). The full-size
run with timings and memory is ``benchmarks/hostile.py``; nothing here asserts a time."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from itertools import islice
from pathlib import Path
from typing import Any

import pytest

from editcheck.api import Checker
from editcheck.errors import EditcheckError
from editcheck.testing.hostile import HostileCase, hostile_cases

SCALE = 0.01  # runs of ~1 KB, repeats of ~2 KB: every class, seconds in all
CASES = hostile_cases(SCALE)


def _sample(per_kind: int) -> list[HostileCase]:
    """The first few cases of each class, and every charset (they are tiny)."""
    seen: Counter[str] = Counter()
    picked = []
    for case in CASES:
        if case.kind == "charset" or seen[case.kind] < per_kind:
            picked.append(case)
            seen[case.kind] += 1
    return picked


def test_there_are_hundreds_of_distinct_cases_in_every_class() -> None:
    full = hostile_cases(1.0)
    kinds = Counter(c.kind for c in full)
    assert len(full) >= 300
    assert set(kinds) == {"run", "repeat", "markup", "charset", "bytes"}
    assert len({(c.data, c.media_type) for c in full}) == len(full)  # no two cases alike


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker({"max-bytes": 20_000_000})


def _assert_sound(report: Any, fail_on: Any) -> None:
    verdict = report.verdict(fail_on)
    assert verdict in ("pass", "fail", "incomplete")
    if report.errors:  # a check was cut short or failed: never a pass
        assert verdict == "incomplete", report.errors
    json.dumps(report.to_dict())  # the report always encodes


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_case_through_the_api(checker: Checker, case: HostileCase) -> None:
    try:
        report = checker.check_bytes(case.data, source=case.name, media_type=case.media_type)
    except EditcheckError:
        return  # refused with a clear error: allowed
    _assert_sound(report, checker.config.fail_on)


# A budget's exception delivered while a GC callback runs (hypothesis installs one) is
# swallowed by Python and shows as an "unraisable" warning: that check then simply runs to
# the end and reports in full, which is not a pass for work not done. The service's kill
# of its check process is what bounds such a check's time.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_cut_work_is_incomplete_never_a_pass() -> None:
    hurried = Checker({"max-bytes": 20_000_000, "check-timeout": 0.001})
    cut = 0
    for case in islice((c for c in hostile_cases(0.5) if c.kind == "repeat"), 6):
        report = hurried.check_bytes(case.data, media_type=case.media_type)
        _assert_sound(report, hurried.config.fail_on)
        cut += bool(report.errors)
    assert cut, "a 1 ms check budget on 100 KB drafts stopped no check"


def test_a_sample_of_each_class_through_the_cli(tmp_path: Path) -> None:
    paths = []
    for i, case in enumerate(_sample(per_kind=3)):
        path = tmp_path / f"case-{i:03d}{'.html' if case.media_type == 'text/html' else '.txt'}"
        path.write_bytes(case.data)
        paths.append(path)
    proc = subprocess.run(
        [sys.executable, "-m", "editcheck", "check", "--format", "json", *map(str, paths)],
        capture_output=True,
        timeout=600,
    )
    stderr = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr
    refused = [line for line in stderr.splitlines() if line.startswith("editcheck: ")]
    assert len(refused) == len(stderr.splitlines())  # one clear line per refused draft
    assert proc.returncode in ((0, 1) if not refused else (2,)), stderr[-2000:]
    reports = json.loads(proc.stdout)
    assert len(reports) == len(paths) - len(refused)  # every other draft still reported
    for report in reports:
        assert report["verdict"] in ("pass", "fail", "incomplete")
        if report["errors"]:
            assert report["verdict"] == "incomplete"
