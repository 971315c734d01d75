"""How many server workers are up, as the supervisor sees them, for ``/readyz``.

The supervisor owns a small shared array (one slot per worker: 1 while that worker's
process is alive) and hands it to each worker it starts; a worker's ``/readyz`` reads it.
A single-process server has no supervisor and counts itself.
"""

from __future__ import annotations

from typing import Any

_table: Any = None  # multiprocessing.Array("b", N), set in each worker by the supervisor


def attach(table: Any) -> None:
    """Remember the supervisor's table in this worker process."""
    global _table
    _table = table


def count() -> dict[str, int]:
    """``{"up": n, "configured": N}`` for the whole server."""
    if _table is None:
        return {"up": 1, "configured": 1}
    return {"up": sum(1 for alive in _table if alive), "configured": len(_table)}
