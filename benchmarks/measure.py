"""Small timing helpers every speed script shares: CPU beside wall time, and the load average.

These machines are shared, so a wall-clock figure alone says as much about the neighbours as
about editcheck. Every script reports process CPU (``time.process_time``), the CPU of the
child processes it waited for (``getrusage(RUSAGE_CHILDREN)``) and the load average.
"""

from __future__ import annotations

import os
import platform
import resource
import statistics
import sys
import time
from dataclasses import dataclass


def children_cpu() -> float:
    """User + system CPU seconds of all waited-for child processes so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def loadavg() -> list[float]:
    """The 1, 5 and 15 minute load averages, rounded."""
    return [round(x, 2) for x in os.getloadavg()]


def machine() -> dict[str, object]:
    """What a reader needs to weigh a figure: cores, load, Python."""
    return {
        "cpus": os.cpu_count(),
        "loadavg": loadavg(),
        "python": platform.python_version(),
        "implementation": sys.implementation.name,
    }


@dataclass
class Lap:
    """One measured interval: wall, this process's CPU, waited-for children's CPU."""

    wall: float = 0.0
    cpu: float = 0.0
    child_cpu: float = 0.0


class Stopwatch:
    """``with Stopwatch() as lap: ...`` fills ``lap`` with wall, CPU and children's CPU."""

    def __enter__(self) -> Lap:
        self.lap = Lap()
        self._t = (time.perf_counter(), time.process_time(), children_cpu())
        return self.lap

    def __exit__(self, *exc: object) -> None:
        wall, cpu, child = self._t
        self.lap.wall = time.perf_counter() - wall
        self.lap.cpu = time.process_time() - cpu
        self.lap.child_cpu = children_cpu() - child


def summarise(samples: list[float], scale: float = 1000.0, digits: int = 3) -> dict[str, float]:
    """Median and interquartile range, scaled (default: seconds to milliseconds)."""
    if not samples:
        return {"median": 0.0, "p25": 0.0, "p75": 0.0, "n": 0}
    q = statistics.quantiles(samples, n=4) if len(samples) > 1 else [samples[0]] * 3
    return {
        "median": round(statistics.median(samples) * scale, digits),
        "p25": round(q[0] * scale, digits),
        "p75": round(q[2] * scale, digits),
        "n": len(samples),
    }


def load_line(start: list[float], end: list[float] | None = None) -> str:
    """``load average 1.02 0.80 0.55 at start, 1.40 0.90 0.60 at end`` for a report."""
    text = "load average " + " ".join(f"{x:.2f}" for x in start) + " at start"
    if end is not None:
        text += ", " + " ".join(f"{x:.2f}" for x in end) + " at end"
    return f"{text} ({os.cpu_count()} cpus)"
