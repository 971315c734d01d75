"""Resident memory of a process, read from ``/proc`` (Linux): what the service watches to
replace a check process or worker that balloons before it takes the machine with it.

Reading ``/proc/PID/statm`` costs microseconds, so the watch can poll often enough to
catch a check allocating gigabytes (page-faulting that much takes a second or more).
Where ``/proc`` is missing the watch reads nothing and says so once.
"""

from __future__ import annotations

import os

_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
MB = 2**20


def rss_bytes(pid: int) -> int | None:
    """The resident set size of ``pid`` in bytes; None when it cannot be read (the
    process is gone, or this system has no ``/proc``)."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as f:
            return int(f.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return None


def available() -> bool:
    """Whether this system lets the service watch memory at all."""
    return rss_bytes(os.getpid()) is not None
