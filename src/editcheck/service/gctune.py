"""The cyclic garbage collector tuned for request work, in every process that serves.

A request makes tens of thousands of short-lived objects and almost no cycles: at the
default threshold (700 allocations) the young generation is collected about once per
request for ~0.7 ms, 3% of a 1,000-word draft's CPU (measured with ``gc.callbacks``); at
10,000 about once per fifty requests. What start-up built and every request reuses
(plugins, compiled patterns, tables) is frozen first, so no collection walks it again.
"""

from __future__ import annotations

import gc

GC_GEN0_THRESHOLD = 10_000


def tune_gc_for_requests() -> None:
    """Freeze what start-up built and collect the young generation less often."""
    gc.collect()
    gc.freeze()
    _, gen1, gen2 = gc.get_threshold()
    gc.set_threshold(GC_GEN0_THRESHOLD, gen1, gen2)
