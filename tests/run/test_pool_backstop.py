"""The worker pool never waits for ever: a limit pebble failed to enforce stops the run."""

from __future__ import annotations

from concurrent.futures import Future
from typing import Any

import pytest

from editcheck.run.pool import PoolStalled, ResilientPool


def _double(x: int) -> int:
    return 2 * x


def test_a_time_limit_nobody_enforces_stops_the_run_loudly(monkeypatch: Any) -> None:
    pool: ResilientPool[int, int] = ResilientPool(_double, 1, on_crash=lambda x: -1, timeout=0.05)
    monkeypatch.setattr(ResilientPool, "BACKSTOP_SECONDS", 0.2)
    # pebble's manager stuck (as seen once, in fork): the task's future never completes
    monkeypatch.setattr(pool._pool, "schedule", lambda *a, **k: Future())
    with pytest.raises(PoolStalled, match="did not stop it"):
        list(pool.map([1, 2]))


def test_results_and_pebbles_own_timeouts_are_unchanged() -> None:
    pool: ResilientPool[int, int] = ResilientPool(_double, 2, on_crash=lambda x: -1, timeout=5)
    assert list(pool.map([1, 2, 3])) == [2, 4, 6]
