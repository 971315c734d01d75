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
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, TimeoutError
from typing import Any, Generic, TypeVar

from pebble import ProcessExpired, ProcessPool

T = TypeVar("T")
R = TypeVar("R")


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

    def _submit(self, item: T) -> Future[R]:
        size = len(self.split(item)) if self.split else 1
        limit = self.timeout * size if self.timeout else None
        return self._pool.schedule(self.fn, args=(item,), timeout=limit)

    def _outcome(self, item: T, future: Future[R]) -> Iterator[R]:
        """The result of one task; a failed batch is re-run input by input."""
        try:
            yield future.result()
            return
        except ProcessExpired:
            stand_in = self.on_crash
        except TimeoutError:
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
        self._pool.stop()  # type: ignore[no-untyped-call]
        self._pool.join(timeout=10)


_END = object()


def _nothing() -> None:
    """A first task, so the pool starts inside the blocked-signal window."""
