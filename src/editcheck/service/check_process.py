"""Where a server worker's checks run: a child process that can be killed and replaced.

A check blocked inside C code, or one that swallows the time-budget exception, cannot be
stopped from inside its own process; a draft that crashes the interpreter would take the
whole worker (and every request on it) down. So each worker hands its checks to a
``pebble`` process of its own:

- the request's budget runs in the child as a deadline, so a slow check is stopped
  cleanly and named (``partial``); a grace period later the child is killed and replaced,
  and the answer is ``incomplete`` (the whole request covered: decode, parse, checks,
  annotations, encoding);
- a child that dies mid-request is replaced and the request gets a 503 problem, never a
  reset connection or a "pass".
"""

from __future__ import annotations

import asyncio
import multiprocessing
import signal
from concurrent.futures import TimeoutError
from typing import Any

from pebble import ProcessExpired, ProcessPool

from editcheck.service.gctune import tune_gc_for_requests
from editcheck.service.handler import CheckHandler
from editcheck.service.problems import Problem
from editcheck.service.requests import CheckRequest
from editcheck.service.settings import ServiceSettings

# After the budget, how long a child may take to stop by itself before it is killed.
GRACE_SECONDS = 1.0

_handler: CheckHandler | None = None


def _start_child(settings: ServiceSettings) -> None:
    global _handler
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server decides when to stop
    _handler = CheckHandler(settings)
    # Load what checks load on first use (word lists, patterns, the syllable table) now,
    # so a fresh child's first draft is not the one that runs out of budget.
    _handler.checker.check_text("Warm-up draft. The council said 5 people came.")
    tune_gc_for_requests()  # the checks' objects are made here, in the child


def _check_in_child(reqs: list[CheckRequest], budget: float | None) -> tuple[Any, ...]:
    """Answer ``reqs`` with one shared deadline; a Problem comes back as data."""
    import time

    assert _handler is not None
    deadline = time.monotonic() + budget if budget else None
    try:
        return ("ok", [_handler.check(r, deadline) for r in reqs])
    except Problem as problem:
        return ("problem", problem.status, problem.detail, problem.slug, problem.errors)


class CheckProcess:
    """The child processes one server worker checks in (``size`` of them)."""

    def __init__(self, settings: ServiceSettings, handler: CheckHandler, size: int = 1) -> None:
        self.settings = settings
        self.handler = handler  # this worker's own, for answers the child could not give
        self.size = size
        self._pool = ProcessPool(
            max_workers=size,
            initializer=_start_child,
            initargs=(settings,),
            context=multiprocessing.get_context("spawn"),
        )

    async def start(self) -> None:
        """Start the child and load its plugins now, not on the first request."""
        await asyncio.wrap_future(self._pool.schedule(_check_in_child, args=([], None)))

    async def check(self, reqs: list[CheckRequest]) -> list[dict[str, Any]]:
        """The answers to ``reqs``; raises :class:`Problem` (422, 413, or 503 when the
        child died), and answers ``incomplete`` when the child had to be killed."""
        budget = self.settings.time_budget
        limit = budget + GRACE_SECONDS if budget else None
        future = self._pool.schedule(_check_in_child, args=(reqs, budget), timeout=limit)
        try:
            result = await asyncio.wrap_future(future)
        except ProcessExpired as exc:
            raise Problem(
                503,
                f"the process checking this draft died ({_death(exc)}); it has been "
                "replaced: send the draft again",
                slug="check-process-died",
                headers={"Retry-After": "1"},
            ) from None
        except TimeoutError:
            message = (
                f"still being checked after {limit:g} s (the time budget and a grace "
                "period): the check process was stopped and replaced"
            )
            return [self.handler.unfinished(r, message) for r in reqs]
        if result[0] == "problem":
            _, status, detail, slug, errors = result
            raise Problem(status, detail, slug=slug, errors=errors)
        answers: list[dict[str, Any]] = result[1]
        return answers

    def up(self) -> int:
        """How many child processes are alive now (read from pebble's worker table; an
        unknown layout counts none, so readiness fails rather than lies)."""
        workers = getattr(self._pool, "_pool_manager", None)
        processes = getattr(getattr(workers, "worker_manager", None), "workers", {})
        return sum(1 for p in dict(processes).values() if p.is_alive())

    def close(self) -> None:
        self._pool.stop()  # type: ignore[no-untyped-call]
        self._pool.join(timeout=5)


def _death(exc: ProcessExpired) -> str:
    code = getattr(exc, "exitcode", None)
    if code is not None and code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            pass
    return f"exit status {code}"
