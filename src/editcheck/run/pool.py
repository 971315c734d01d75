"""Worker processes that keep going when one of them dies.

A draft can crash a worker outright (a plugin calling ``os._exit``, a C extension
segfaulting, the kernel's OOM killer). ``multiprocessing.Pool`` then waits forever for the
lost task; ``ProcessPoolExecutor`` at least says the pool broke, but takes every task in
flight down with it. Here, after a break, the tasks that were in flight are re-run one at
a time on a fresh pool (a batch split into its inputs), so the draft that kills a worker is
named and the innocent ones still get their reports; then work goes on in parallel.

Results come back in input order, with at most ``window`` tasks in flight, so memory stays
flat however many inputs there are.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class ResilientPool(Generic[T, R]):
    """Map ``fn`` over items in worker processes, in order, surviving dead workers."""

    def __init__(
        self,
        fn: Callable[[T], R],
        jobs: int,
        on_crash: Callable[[T], R],
        initializer: Callable[..., None] | None = None,
        initargs: tuple[Any, ...] = (),
        split: Callable[[T], list[T]] | None = None,
    ) -> None:
        self.fn, self.jobs, self.on_crash, self.split = fn, jobs, on_crash, split
        self.initializer, self.initargs = initializer, initargs
        self.window = jobs * 4
        self._executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
        return ProcessPoolExecutor(
            self.jobs,
            mp_context=multiprocessing.get_context(method),
            initializer=self.initializer,
            initargs=self.initargs,
        )

    def map(self, items: Iterable[T]) -> Iterator[R]:
        """Results for ``items`` in order; a crashed item gives ``on_crash(item)``."""
        source = iter(items)
        pending: deque[tuple[T, Future[R]]] = deque()
        try:
            while True:
                self._fill(pending, source)
                if not pending:
                    return
                item, future = pending.popleft()
                try:
                    yield future.result()
                except BrokenProcessPool:
                    suspects = [item, *(i for i, _ in pending)]
                    pending.clear()
                    yield from self._isolate(suspects)
        finally:
            self.close()

    def _fill(self, pending: deque[tuple[T, Future[R]]], source: Iterator[T]) -> None:
        while len(pending) < self.window:
            try:
                item = next(source)
            except StopIteration:
                return
            pending.append((item, self._executor.submit(self.fn, item)))

    def _isolate(self, suspects: list[T]) -> Iterator[R]:
        """Re-run the items that were in flight one by one, naming the one that crashes.

        An item that crashes and can be ``split`` (a batch of inputs) is isolated part by
        part, so only the input that kills a worker is lost.
        """
        self._restart()
        for item in suspects:
            try:
                yield self._executor.submit(self.fn, item).result()
            except BrokenProcessPool:
                parts = self.split(item) if self.split else [item]
                if len(parts) > 1:
                    yield from self._isolate(parts)
                else:
                    yield self.on_crash(item)
                    self._restart()

    def _restart(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
        self._executor = self._start()

    def close(self) -> None:
        """Stop the workers now, without waiting for a draft that may never finish."""
        terminate = getattr(self._executor, "terminate_workers", None)  # Python 3.14+
        if terminate is not None:
            terminate()
        else:
            for process in list((getattr(self._executor, "_processes", None) or {}).values()):
                process.terminate()
        self._executor.shutdown(wait=False, cancel_futures=True)
