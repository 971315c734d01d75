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
  reset connection or a "pass";
- a child whose resident memory passes the limit (``memory_limit_mb``) is killed by a
  watch polling ``/proc`` and replaced, and its request gets a 503 problem that says the
  draft needed too much memory (``check-process-memory``).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import multiprocessing
import os
import signal
from concurrent.futures import TimeoutError
from typing import Any

from pebble import ProcessExpired, ProcessPool

from editcheck.run.pool import stop_now
from editcheck.service.desk import Desk, mark_dismissed
from editcheck.service.gctune import tune_gc_for_requests
from editcheck.service.handler import CheckHandler
from editcheck.service.memwatch import MB, rss_bytes
from editcheck.service.problems import Problem
from editcheck.service.requests import CheckRequest, batch_request, check_request, parse_json
from editcheck.service.settings import ServiceSettings

# After the budget, how long a child may take to stop by itself before it is killed.
GRACE_SECONDS = 1.0
# How often the memory watch reads the children's resident memory.
WATCH_SECONDS = 0.05

_handler: CheckHandler | None = None
_desk: Desk | None = None  # the child's own connection to the dismissals store


def _start_child(settings: ServiceSettings) -> None:
    global _handler
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server decides when to stop
    _die_with_parent()
    _handler = CheckHandler(settings)
    global _desk
    _desk = Desk.open(_handler.config)  # answers are marked where they are encoded
    # Load what checks load on first use (word lists, patterns, the syllable table) now,
    # so a fresh child's first draft is not the one that runs out of budget.
    _handler.checker.check_text("Warm-up draft. The council said 5 people came.")
    tune_gc_for_requests()  # the checks' objects are made here, in the child


def _die_with_parent() -> None:
    """Linux: have the kernel kill this child when its worker dies (even by SIGKILL), so
    a killed worker never leaves a check process behind holding memory."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: pebble's own parent check is the fallback


def _ready() -> bool:
    """Nothing: scheduling it makes pebble start the child (its initializer loads the
    plugins and warms the checks) before the first request."""
    return _handler is not None


def _answer_in_child(
    route: str, body: bytes, budget: float | None, max_batch: int
) -> tuple[Any, ...]:
    """Read, validate, check and encode one request body in the child: the worker's event
    loop does nothing that grows with the draft, so ``/healthz`` answers while a 2 MB
    body is parsed or a 4 MB answer encoded. The answer comes back as JSON bytes."""
    import time

    assert _handler is not None
    deadline = time.monotonic() + budget if budget else None
    try:
        data = parse_json(body)
        reqs = batch_request(data, max_batch) if route == "batch" else [check_request(data)]
        results = [_handler.check(r, deadline) for r in reqs]
        if _desk is not None:
            for req, result in zip(reqs, results, strict=True):
                mark_dismissed(_desk, req, result)
        answer = batch_answer(results) if route == "batch" else results[0]
        return ("ok", encode_json(answer))
    except Problem as problem:
        return ("problem", problem.status, problem.detail, problem.slug, problem.errors)


def batch_answer(results: list[dict[str, Any]]) -> dict[str, Any]:
    """The batch's answer: the worst verdict of its drafts, and each draft's answer."""
    verdicts = {r["verdict"] for r in results}
    verdict = next(v for v in ("fail", "incomplete", "pass") if v in verdicts)
    return {
        "verdict": verdict,
        "blocking": any(r["blocking"] for r in results),
        "partial": any(r["partial"] for r in results),
        "results": results,
    }


def encode_json(data: Any) -> bytes:
    """JSON as Starlette's JSONResponse writes it."""
    return json.dumps(
        data, ensure_ascii=False, allow_nan=False, indent=None, separators=(",", ":")
    ).encode("utf-8")


class CheckProcess:
    """The child processes one server worker checks in (``size`` of them)."""

    def __init__(self, settings: ServiceSettings, handler: CheckHandler, size: int = 1) -> None:
        self.settings = settings
        self.handler = handler  # this worker's own, for answers the child could not give
        self.size = size
        self.desk: Desk | None = None  # the worker's dismissals, for answers given here
        self._pool = ProcessPool(
            max_workers=size,
            initializer=_start_child,
            initargs=(settings,),
            context=multiprocessing.get_context("spawn"),
        )
        limit = settings.memory_limit_mb
        self.memory_limit = limit * MB if limit else None
        self._over: dict[int, int] = {}  # pid -> the RSS it was killed at
        self._watch: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Start the child and load its plugins now, not on the first request; start the
        memory watch."""
        await asyncio.wrap_future(self._pool.schedule(_ready))
        if self.memory_limit is not None and self._watch is None:
            self._watch = asyncio.create_task(self._watch_memory(self.memory_limit))

    async def _watch_memory(self, limit: int) -> None:
        """Kill any child past ``limit`` bytes resident; pebble replaces it and the
        request it was checking fails with ProcessExpired (answered in :meth:`check`)."""
        while True:
            for pid in self.pids():
                rss = rss_bytes(pid)
                if rss is not None and rss > limit and pid not in self._over:
                    self._over[pid] = rss
                    with contextlib.suppress(OSError):
                        os.kill(pid, signal.SIGKILL)
            await asyncio.sleep(WATCH_SECONDS)

    async def answer(self, route: str, body: bytes) -> bytes:
        """The JSON answer to a request body for ``route`` ("check" or "batch"), all of
        it worked out in the child; raises :class:`Problem` (400, 413, 422; 503 when the
        child died or passed its memory limit), and answers ``incomplete`` when the
        child had to be killed for time."""
        budget = self.settings.time_budget
        args = (route, body, budget, self.settings.max_batch)
        result = await self._run(_answer_in_child, args)
        if result is None:  # killed for time: read the body here, answer each draft
            data = parse_json(body)
            if route == "batch":
                reqs = batch_request(data, self.settings.max_batch)
                return encode_json(batch_answer([self._unfinished(r) for r in reqs]))
            return encode_json(self._unfinished(check_request(data)))
        payload: bytes = result
        return payload

    def _unfinished(self, req: CheckRequest) -> dict[str, Any]:
        budget = self.settings.time_budget
        limit = budget + GRACE_SECONDS if budget else None
        message = (
            f"still being checked after {limit:g} s (the time budget and a grace "
            "period): the check process was stopped and replaced"
        )
        answer = self.handler.unfinished(req, message)
        if self.desk is not None:  # still incomplete: dismissals never make a cut check pass
            mark_dismissed(self.desk, req, answer)
        return answer

    async def _run(self, function: Any, args: tuple[Any, ...]) -> Any:
        """Run ``function(*args)`` in the child; None when it was killed for time."""
        budget = self.settings.time_budget
        limit = budget + GRACE_SECONDS if budget else None
        future = self._pool.schedule(function, args=args, timeout=limit)
        try:
            result = await asyncio.wrap_future(future)
        except ProcessExpired as exc:
            rss = self._over.pop(exc.pid, None) if exc.pid is not None else None
            if rss is not None:
                raise Problem(
                    503,
                    f"checking this draft took the check process past its memory limit "
                    f"({rss / MB:,.0f} MB resident; the limit is "
                    f"{(self.memory_limit or 0) / MB:,.0f} MB): it was stopped and "
                    "replaced, and this draft was not checked",
                    slug="check-process-memory",
                ) from None
            raise Problem(
                503,
                f"the process checking this draft died ({_death(exc)}); it has been "
                "replaced: send the draft again",
                slug="check-process-died",
                headers={"Retry-After": "1"},
            ) from None
        except TimeoutError:
            return None
        if result[0] == "problem":
            _, status, detail, slug, errors = result
            raise Problem(status, detail, slug=slug, errors=errors)
        return result[1]

    def _processes(self) -> list[Any]:
        """pebble's worker table (an unknown layout gives none, so readiness fails and
        the watch sees nothing rather than something wrong)."""
        workers = getattr(self._pool, "_pool_manager", None)
        processes = getattr(getattr(workers, "worker_manager", None), "workers", {})
        return list(dict(processes).values())

    def up(self) -> int:
        """How many child processes are alive now."""
        return sum(1 for p in self._processes() if p.is_alive())

    def pids(self) -> list[int]:
        """The process ids of the live children."""
        return [p.pid for p in self._processes() if p.is_alive() and p.pid is not None]

    def close(self) -> None:
        if self._watch is not None:
            self._watch.cancel()
        stop_now(self._pool)


def _death(exc: ProcessExpired) -> str:
    code = getattr(exc, "exitcode", None)
    if code is not None and code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            pass
    return f"exit status {code}"
