"""Service processes tune the cyclic collector for request work (in a fresh process)."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import gc
from editcheck.service.gctune import GC_GEN0_THRESHOLD, tune_gc_for_requests
before = gc.get_threshold()
tune_gc_for_requests()
after = gc.get_threshold()
assert after == (GC_GEN0_THRESHOLD, *before[1:]), (before, after)
assert GC_GEN0_THRESHOLD > before[0] and gc.get_freeze_count() > 0 and gc.isenabled()
print("ok")
"""


def test_worker_freezes_start_up_objects_and_collects_young_objects_less_often() -> None:
    proc = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout.strip() == "ok", proc.stderr
