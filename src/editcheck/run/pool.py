"""Worker processes that survive a draft that kills or hangs its worker.

A draft can crash a worker outright (a plugin calling ``os._exit``, a C extension
segfaulting, the kernel's OOM killer) or hold it forever inside C code, where no Python
exception can reach. ``pebble`` owns the processes: each task has its own future, a dead
worker fails only the task it was running (``ProcessExpired``) and is replaced, and a task
past its time limit has its worker killed and replaced (``TimeoutError``). No other task
in flight is lost, so there is nothing to race.

Tasks are small batches of inputs (cheaper than one task per draft); a batch that crashes
or times out is re-run one input at a time, so only the input at fault is named. Results
come back in input order with at most ``window`` tasks in flight, so memory stays flat
however many inputs there are.
"""

from __future__ import annotations

import multiprocessing
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, TimeoutError
from typing import Any, Generic, TypeVar

from pebble import ProcessExpired, ProcessPool

T = TypeVar("T")
R = TypeVar("R")


class PoolStalled(RuntimeError):
    """pebble stopped enforcing a time limit: a task ran far past it and is still running.

    Seen once under heavy load, with pebble's manager thread stuck in ``fork`` while it
    replaced a worker: nothing killed the stuck draft, and the run would have waited for
    ever. The run stops loudly instead (the CLI's internal-error exit) rather than hang.
    """


class ResilientPool(Generic[T, R]):
    """Map ``fn`` over items in worker processes, in order, surviving dead and stuck workers.

    ``on_crash(item)`` and ``on_timeout(item)`` give the result for an input whose worker
    died or ran past ``timeout`` seconds (per input: a batch gets ``timeout`` times its
    length); ``split(item)`` breaks a batch into its inputs.
    """

    def __init__(
        self,
        fn: Callable[[T], R],
        jobs: int,
        on_crash: Callable[[T], R],
        initializer: Callable[..., None] | None = None,
        initargs: tuple[Any, ...] = (),
        split: Callable[[T], list[T]] | None = None,
        *,
        on_timeout: Callable[[T], R] | None = None,
        timeout: float | None = None,
    ) -> None:
        self.fn, self.jobs, self.on_crash, self.split = fn, jobs, on_crash, split
        self.on_timeout = on_timeout or on_crash
        self.timeout = timeout
        self.window = jobs * 4
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
        self._pool = ProcessPool(
            max_workers=jobs,
            initializer=initializer,
            initargs=initargs,
            context=multiprocessing.get_context(method),
        )
        # Ctrl-C goes to the whole process group. A worker must never see it, not even
        # in the instant after its fork before its initializer ignores it (it would print
        # a traceback): pebble's threads, and every worker they fork, inherit the signal
        # mask of the thread that starts them, so they start with SIGINT and SIGTERM
        # blocked; the initializer sets its own handlers and unblocks SIGTERM.
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
        try:
            self._pool.schedule(_nothing).result()  # starts the pool's threads and workers
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)

    def map(self, items: Iterable[T]) -> Iterator[R]:
        """Results for ``items`` in order; a crashed or stuck input gives its stand-in."""
        source = iter(items)
        pending: deque[tuple[T, Future[R]]] = deque()
        try:
            while True:
                while len(pending) < self.window:
                    item = next(source, _END)
                    if item is _END:
                        break
                    pending.append((item, self._submit(item)))  # type: ignore[arg-type]
                if not pending:
                    return
                item, future = pending.popleft()
                yield from self._outcome(item, future)
        finally:
            self.close()

    def _limit(self, item: T) -> float | None:
        """The time limit of ``item``'s task (a batch gets one per input), or None."""
        size = len(self.split(item)) if self.split else 1
        return self.timeout * size if self.timeout else None

    def _submit(self, item: T) -> Future[R]:
        return self._pool.schedule(self.fn, args=(item,), timeout=self._limit(item))

    # How long past a task's own limit the pool is trusted to have killed it.
    BACKSTOP_SECONDS = 30.0

    def _outcome(self, item: T, future: Future[R]) -> Iterator[R]:
        """The result of one task; a failed batch is re-run input by input."""
        limit = self._limit(item)
        wait = limit + max(self.BACKSTOP_SECONDS, limit) if limit else None
        try:
            yield future.result(timeout=wait)
            return
        except ProcessExpired:
            stand_in = self.on_crash
        except TimeoutError:
            if not future.done():  # our wait ran out, not pebble's limit: nobody is killing it
                raise PoolStalled(
                    f"a draft ran {wait:g} s, past its {limit:g} s limit, and the worker pool "
                    "did not stop it; the run is abandoned"
                ) from None
            stand_in = self.on_timeout
        parts = self.split(item) if self.split else [item]
        if len(parts) <= 1:
            yield stand_in(item)
            return
        retries = [(part, self._submit(part)) for part in parts]
        for part, retry in retries:
            yield from self._outcome(part, retry)

    def close(self) -> None:
        """Stop the workers now, without waiting for a draft that may never finish."""
        stop_now(self._pool)


_END = object()


def stop_now(pool: ProcessPool, wait: float = 5.0) -> None:
    """Kill ``pool``'s workers and stop its threads, waiting at most ``wait`` seconds.

    pebble's own ``stop()``/``join()`` can block for a minute or for ever when a worker
    dies holding the pool's channel lock, or writes a result nobody reads any more
    (pebble issues 147 and 163): a Ctrl-C must not turn into a hang. The workers are this
    process's children, so they are killed first; then the pool is stopped in a daemon
    thread that is waited for only briefly.
    """
    for child in multiprocessing.active_children():
        if child.name == _PEBBLE_WORKER:
            child.kill()
    pool.stop()  # type: ignore[no-untyped-call]
    stopper = threading.Thread(target=pool.join, name="editcheck-pool-stop", daemon=True)
    stopper.start()
    stopper.join(wait)
    for child in multiprocessing.active_children():  # reap them: no zombie, no atexit join
        if child.name == _PEBBLE_WORKER:
            child.join(1.0)


_PEBBLE_WORKER = "pebble_pool_worker"  # the name pebble gives its worker processes


def _nothing() -> None:
    """A first task, so the pool starts inside the blocked-signal window."""
