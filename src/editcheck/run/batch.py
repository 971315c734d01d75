"""The local engine: many drafts in this process, or across worker processes.

An archive audit may cover 100,000+ files, so outcomes come back one at a time in input
order (see :mod:`editcheck.run.pool`, which also survives a worker that dies) and nothing
accumulates here. Each worker builds its own checker once from the run's
:class:`~editcheck.run.settings.CheckerSettings`; with the ``fork`` start method it
inherits the loaded plugins.
"""

from __future__ import annotations

import functools
import os
import signal
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from editcheck.annotations import Report
from editcheck.api import Checker
from editcheck.errors import EditcheckError
from editcheck.run.settings import CheckerSettings, build_checker


@dataclass(frozen=True, slots=True)
class Outcome:
    """One input's report, or the one-line reason there is none.

    ``kind`` says what went wrong when there is no report: ``unreadable`` (the input's
    fault: missing, binary, too large), ``crashed`` (a check killed its worker or raised
    outside its own boundary: editcheck's or a plugin's fault) or ``timeout`` (the
    draft ran past the per-draft time limit and its worker was killed: not checked).
    """

    item: str
    report: Report | None
    error: str | None = None
    kind: str = "unreadable"


_worker_checker: Checker | None = None


def _init_worker(settings: CheckerSettings) -> None:
    global _worker_checker
    # Ctrl-C reaches the whole process group; the parent alone decides how to stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the parent's handler is not ours
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})  # so the pool can stop us
    _worker_checker = build_checker(settings)


def _check_in_worker(paths: list[str]) -> list[Outcome]:
    """Check a small batch of paths: one task per batch keeps the pool's overhead low."""
    assert _worker_checker is not None
    return [check_one(_worker_checker, path) for path in paths]


def check_one(checker: Checker, path: str | Path) -> Outcome:
    """Check one file; an unreadable file becomes an Outcome with an error line, and so
    does an internal failure, so one odd file never loses the rest of the run."""
    try:
        return Outcome(str(path), checker.check_path(path))
    except EditcheckError as exc:
        message = str(exc) if str(path) in str(exc) else f"{path}: {exc}"
        return Outcome(str(path), None, message)
    except Exception as exc:  # noqa: BLE001 - named as an internal failure, exit 3
        message = f"{path}: internal error: {type(exc).__name__}: {exc}"
        return Outcome(str(path), None, message, "crashed")


def default_jobs() -> int:
    """One worker per available CPU."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def check_paths(
    checker: Checker,
    settings: CheckerSettings,
    paths: list[str],
    jobs: int,
    draft_timeout: float | None = None,
) -> Iterator[Outcome]:
    """Outcomes for ``paths`` in order; ``jobs`` > 1 spreads them over worker processes.

    ``draft_timeout`` (seconds) kills the worker process of a draft that runs longer, even
    inside C code. One job runs here, in this process, where the per-check budget is the
    limit (it stops a check at its next Python instruction, not inside C code).
    """
    jobs = max(1, min(jobs, len(paths)))
    if jobs == 1:
        for path in paths:
            yield check_one(checker, path)
        return
    from editcheck.run.pool import ResilientPool  # multiprocessing only when it is used

    # Warm up here (lazy patterns, word lists, textstat) so forked workers inherit it.
    checker.check_text("Warm-up draft. It said 5 people came.", source="<warm-up>")
    size = max(1, min(8, len(paths) // (jobs * 8)))
    batches = [paths[i : i + size] for i in range(0, len(paths), size)]
    pool = ResilientPool(
        _check_in_worker,
        jobs,
        _crashed,
        _init_worker,
        (settings,),
        split=lambda batch: [[p] for p in batch],
        on_timeout=functools.partial(_timed_out, draft_timeout),
        timeout=draft_timeout,
    )
    for outcomes in pool.map(batches):
        yield from outcomes


def _crashed(batch: list[str]) -> list[Outcome]:
    message = "the worker process checking it died; a check crashed on this draft"
    return [Outcome(path, None, f"{path}: {message}", "crashed") for path in batch]


def _timed_out(limit: float | None, batch: list[str]) -> list[Outcome]:
    message = f"not checked: still running after the {limit:g} s draft time limit"
    return [Outcome(path, None, f"{path}: {message}", "timeout") for path in batch]
