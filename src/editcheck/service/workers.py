"""The supervisor's table of server workers: who is up (for ``/readyz``) and who is alive.

The supervisor owns two small shared arrays (one slot per worker) and hands them to each
worker it starts: ``alive`` is 1 while that worker's process exists; ``beats`` is the
``time.monotonic()`` at which the worker's event loop last ran its heartbeat. A process
that exists but whose loop has stopped beating is hung, and the supervisor replaces it.
A single-process server has no supervisor and counts itself.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

BEAT_SECONDS = 0.5  # how often a worker's loop writes its heartbeat

_table: Any = None  # multiprocessing.Array("b", N), set in each worker by the supervisor
_beats: Any = None  # multiprocessing.Array("d", N)
_slot: int | None = None


def attach(table: Any, beats: Any = None, slot: int | None = None) -> None:
    """Remember the supervisor's tables (and this worker's slot) in this worker."""
    global _table, _beats, _slot
    _table, _beats, _slot = table, beats, slot


def count() -> dict[str, int]:
    """``{"up": n, "configured": N}`` for the whole server."""
    if _table is None:
        return {"up": 1, "configured": 1}
    return {"up": sum(1 for alive in _table if alive), "configured": len(_table)}


def beat() -> None:
    """Say this worker's loop is running (a no-op without a supervisor)."""
    if _beats is not None and _slot is not None:
        _beats[_slot] = time.monotonic()


async def heartbeat() -> None:
    """Beat every :data:`BEAT_SECONDS` until cancelled (a task on the worker's loop)."""
    while True:
        beat()
        await asyncio.sleep(BEAT_SECONDS)
