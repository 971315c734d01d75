"""Check many drafts: in this process, or across worker processes, streaming outcomes.

An archive audit may cover 100,000+ files, so outcomes come back one at a time in input
order (see :mod:`editcheck.pool`, which also survives a worker that dies) and nothing
accumulates here. Each worker builds its own :class:`Checker` once; with the ``fork``
start method it inherits the loaded plugins.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from editcheck.annotations import Report
from editcheck.api import Checker
from editcheck.config import Config
from editcheck.errors import EditcheckError


@dataclass(frozen=True, slots=True)
class Outcome:
    """One input's report, or the one-line reason it could not be read."""

    item: str
    report: Report | None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class CheckerSpec:
    """What a worker process needs to build the same checker as the parent."""

    config: Config
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    blocked: tuple[str, ...] = ()

    def build(self) -> Checker:
        return Checker(self.config, select=self.select, ignore=self.ignore, blocked=self.blocked)


_worker_checker: Checker | None = None


def _init_worker(spec: CheckerSpec) -> None:
    global _worker_checker
    # Ctrl-C reaches the whole process group; the parent alone decides how to stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_checker = spec.build()


def _check_in_worker(paths: list[str]) -> list[Outcome]:
    """Check a small batch of paths: one task per batch keeps the pool's overhead low."""
    assert _worker_checker is not None
    return [check_one(_worker_checker, path) for path in paths]


def check_one(checker: Checker, path: str | Path) -> Outcome:
    """Check one file; an unreadable file becomes an Outcome with an error line."""
    try:
        return Outcome(str(path), checker.check_path(path))
    except EditcheckError as exc:
        message = str(exc) if str(path) in str(exc) else f"{path}: {exc}"
        return Outcome(str(path), None, message)


def default_jobs() -> int:
    """One worker per available CPU."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def check_paths(
    checker: Checker, spec: CheckerSpec, paths: list[str], jobs: int
) -> Iterator[Outcome]:
    """Outcomes for ``paths`` in order; ``jobs`` > 1 spreads them over worker processes."""
    jobs = max(1, min(jobs, len(paths)))
    if jobs == 1:
        for path in paths:
            yield check_one(checker, path)
        return
    from editcheck.pool import ResilientPool  # multiprocessing only when it is used

    # Warm up here (lazy patterns, word lists, textstat) so forked workers inherit it.
    checker.check_text("Warm-up draft. It said 5 people came.", source="<warm-up>")
    size = max(1, min(8, len(paths) // (jobs * 8)))
    batches = [paths[i : i + size] for i in range(0, len(paths), size)]
    pool = ResilientPool(
        _check_in_worker,
        jobs,
        _crashed,
        _init_worker,
        (spec,),
        split=lambda batch: [[p] for p in batch],
    )
    for outcomes in pool.map(batches):
        yield from outcomes


def _crashed(batch: list[str]) -> list[Outcome]:
    message = "the worker process checking it died; a check crashed on this draft"
    return [Outcome(path, None, f"{path}: {message}") for path in batch]


class Progress:
    """A one-line progress bar with rate and ETA on a terminal; silent when piped."""

    def __init__(self, total: int, stream: IO[str] | None = None) -> None:
        self.stream = stream or sys.stderr
        self.total = total
        self.done = 0
        self.started = time.monotonic()
        self._last = 0.0
        self.enabled = total > 1 and self.stream.isatty()

    def advance(self) -> None:
        self.done += 1
        now = time.monotonic()
        if self.enabled and (now - self._last > 0.1 or self.done == self.total):
            self._last = now
            self.stream.write("\r" + self.line(now))
            self.stream.flush()

    def line(self, now: float) -> str:
        elapsed = max(now - self.started, 1e-9)
        rate = self.done / elapsed
        eta = (self.total - self.done) / rate if rate else 0.0
        width = 24
        filled = int(width * self.done / self.total) if self.total else width
        bar = "#" * filled + "-" * (width - filled)
        return (
            f"[{bar}] {self.done:,}/{self.total:,} drafts  {rate:,.0f}/s  "
            f"ETA {int(eta) // 60}:{int(eta) % 60:02d}"
        )

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()


def consume(outcomes: Iterable[Outcome], progress: Progress) -> Iterator[Outcome]:
    """Pass outcomes through while advancing the progress bar."""
    try:
        for outcome in outcomes:
            progress.advance()
            yield outcome
    finally:
        progress.close()
