"""``editcheck check --engine dask``: the same checks over an archive, on a Dask cluster.

The client turns the inputs into partitions of paths (folders walked and globs expanded
where the client runs; a ``--from-list`` file is passed through untouched, so its paths
only need to exist where the workers run). Each partition is one Dask task:
:func:`check_partition` builds an :class:`editcheck.api.Checker` from the run's picklable
:class:`~editcheck.run.settings.CheckerSettings` once per worker process, checks its paths (the
runner's per-check time budgets apply inside the task, as anywhere) and either writes
``part-NNNNN.jsonl`` into ``--out-dir`` from the worker, or sends the JSONL back to the
client. Only a bounded window of partitions is in flight, so the client's memory stays
flat over any number of inputs. An unreadable draft comes back with its partition's
result; a partition whose task fails (a worker died, the checker could not be built
there) comes back as a :class:`PartitionFailure` holding its paths, for a re-run. A
worker whose editcheck or plugins differ from the client's refuses to check at all.
:mod:`editcheck.run.dask_run` runs a whole command's worth of it.

Dask is an optional extra (``pip install "editcheck[dask]"``); nothing here imports it
until a run asks for it.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from editcheck.api import Checker
from editcheck.errors import EditcheckError
from editcheck.run.batch import check_one
from editcheck.run.settings import CheckerSettings, build_checker

PARTITION_NAME = "part-{:05d}.jsonl"


class DaskUnavailable(EditcheckError):
    """``--engine dask`` without the optional extra, or a scheduler that cannot be reached."""


class WorkerMismatch(EditcheckError):
    """A worker whose editcheck or plugins differ from the client's: its reports would too."""


@dataclass(frozen=True, slots=True)
class TaskSpec:
    """What a task needs: how to build the checker, and what the client's checker runs,
    so a worker with other plugins or another editcheck refuses instead of answering
    differently."""

    settings: CheckerSettings
    rules: tuple[str, ...]
    version: str

    @classmethod
    def of(cls, settings: CheckerSettings, checker: Checker) -> TaskSpec:
        from editcheck.version import __version__

        return cls(settings, tuple(sorted(checker.plan.rules)), __version__)


@dataclass(frozen=True, slots=True)
class PartitionResult:
    """What one task did: counts and unreadable inputs, plus the JSONL when not written."""

    index: int
    drafts: int
    unreadable: tuple[tuple[str, str], ...]  # (path, why)
    failed: bool
    seconds: float
    worker: str
    output: str | None = None
    jsonl: str | None = None


@dataclass(frozen=True, slots=True)
class PartitionFailure:
    """A task that raised: its partition's reports are missing, its paths kept for a re-run."""

    index: int
    paths: tuple[str, ...]
    error: str


def partitions(paths: Iterable[str], size: int) -> Iterator[tuple[int, tuple[str, ...]]]:
    """Numbered runs of ``size`` paths, drawn lazily."""
    it = iter(paths)
    for index in range(1 << 62):
        chunk = tuple(islice(it, size))
        if not chunk:
            return
        yield index, chunk


# --- the task, on a worker ----------------------------------------------------------------

_CHECKERS: dict[bytes, Checker] = {}


def _checker_for(task: TaskSpec) -> Checker:
    """One Checker per worker process and spec: plugins load once, not once per task."""
    key = hashlib.sha256(pickle.dumps(task)).digest()
    checker = _CHECKERS.get(key)
    if checker is None:
        checker = build_checker(task.settings)
        _same_as_client(task, tuple(sorted(checker.plan.rules)))
        _CHECKERS[key] = checker
    return checker


def _same_as_client(task: TaskSpec, rules: tuple[str, ...]) -> None:
    from editcheck.version import __version__

    where = _worker_name()
    if __version__ != task.version:
        raise WorkerMismatch(
            f"worker {where} runs editcheck {__version__}, the client {task.version}"
        )
    if rules != task.rules:
        missing = sorted(set(task.rules) - set(rules))
        extra = sorted(set(rules) - set(task.rules))
        raise WorkerMismatch(
            f"worker {where} has other plugins than the client: rules missing there "
            f"{', '.join(missing) or 'none'}; rules only there {', '.join(extra) or 'none'}"
        )


def check_partition(
    task: TaskSpec, index: int, paths: tuple[str, ...], out_dir: str | None
) -> PartitionResult:
    """Check one partition; write it to ``out_dir`` (atomically) or return its JSONL."""
    started = time.perf_counter()
    checker = _checker_for(task)
    if out_dir is None:
        lines: list[str] = []
        unreadable, failed = _check_into(checker, paths, lines.append)
        return PartitionResult(
            index,
            len(paths),
            unreadable,
            failed,
            time.perf_counter() - started,
            _worker_name(),
            jsonl="".join(lines),
        )
    target = Path(out_dir) / PARTITION_NAME.format(index)
    partial = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    with partial.open("w", encoding="utf-8") as sink:
        unreadable, failed = _check_into(checker, paths, sink.write)
    os.replace(partial, target)  # a partition file on disk is always a whole one
    return PartitionResult(
        index,
        len(paths),
        unreadable,
        failed,
        time.perf_counter() - started,
        _worker_name(),
        output=str(target),
    )


def _check_into(
    checker: Checker,
    paths: Iterable[str],
    write: Callable[[str], object],
) -> tuple[tuple[tuple[str, str], ...], bool]:
    """Write each report as a JSON line; return the unreadable inputs and whether any failed."""
    unreadable: list[tuple[str, str]] = []
    failed = False
    for path in paths:
        outcome = check_one(checker, path)
        if outcome.report is None:
            unreadable.append((path, outcome.error or f"{path}: unreadable"))
            continue
        config = checker.config
        failed = failed or outcome.report.blocks(
            config.fail_on, fail_on_incomplete=config.fail_on_incomplete
        )
        data = outcome.report.to_verdict_dict(config.fail_on)
        write(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n")
    return tuple(unreadable), failed


def _worker_name() -> str:
    try:
        from distributed import get_worker

        return str(get_worker().address)
    except (ImportError, ValueError):
        return f"pid {os.getpid()}"


# --- the client ---------------------------------------------------------------------------


def connect(scheduler: str | None, workers: int) -> tuple[Any, Any]:
    """A Dask client: to ``scheduler``, or to a new local cluster of ``workers`` processes."""
    try:
        import logging

        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise DaskUnavailable('--engine dask needs Dask: pip install "editcheck[dask]"') from exc
    logging.getLogger("distributed").setLevel(logging.ERROR)
    if scheduler:
        try:
            # distributed.comm.timeouts.connect (DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT)
            return Client(scheduler), None
        except (OSError, TimeoutError) as exc:
            raise DaskUnavailable(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
    # The workers are this run's children: they log only errors, and leave Ctrl-C to the
    # client (they inherit an ignored SIGINT), which cancels the run and shuts them down.
    os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "error")
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",
        )
    finally:
        signal.signal(signal.SIGINT, previous)
    return Client(cluster), cluster


def run_partitions(
    client: Any,
    task: TaskSpec,
    paths: Iterable[str],
    size: int,
    out_dir: Path | None,
    stop: threading.Event | None = None,
) -> Iterator[PartitionResult | PartitionFailure]:
    """Results in partition order, with a bounded window of tasks in flight.

    Waits by polling so that ``stop`` (set from a Ctrl-C handler) ends the run between
    two polls: a KeyboardInterrupt raised inside Dask's own waiting is not clean. Before
    stopping, partitions already finished are still yielded (with ``out_dir``, every one
    of them; without, only those that keep the output in order).
    """
    window = max(2, 2 * sum(client.nthreads().values()))
    try:
        spec_future = client.scatter(task, broadcast=True)
    except Exception as exc:  # noqa: BLE001 - whatever the workers raised while unpickling
        raise WorkerMismatch(f"the workers cannot take this editcheck's tasks: {exc}") from exc
    pending: deque[tuple[int, tuple[str, ...], Any]] = deque()
    source = partitions(paths, size)
    target = str(out_dir.resolve()) if out_dir else None
    try:
        while True:
            while len(pending) < window and (nxt := next(source, None)) is not None:
                pending.append(
                    (
                        *nxt,
                        client.submit(
                            check_partition, spec_future, nxt[0], nxt[1], target, pure=False
                        ),
                    )
                )
            if not pending:
                return
            while not pending[0][2].done():
                if stop is not None and stop.is_set():
                    yield from _finished(pending, in_order=out_dir is None)
                    raise KeyboardInterrupt
                time.sleep(0.02)
            yield _outcome(*pending.popleft())
    finally:
        for _, _, future in pending:
            future.cancel()


def _finished(
    pending: deque[tuple[int, tuple[str, ...], Any]],
    in_order: bool,
) -> Iterator[PartitionResult | PartitionFailure]:
    """Take the finished partitions out of ``pending`` (a done prefix when ``in_order``)."""
    for item in list(pending):
        if not item[2].done():
            if in_order:
                return
            continue
        pending.remove(item)
        yield _outcome(*item)


def _outcome(
    index: int,
    chunk: tuple[str, ...],
    future: Any,
) -> PartitionResult | PartitionFailure:
    try:
        result: PartitionResult = future.result()
        return result
    except WorkerMismatch:
        raise  # every partition would fail the same way: stop now
    except Exception as exc:  # noqa: BLE001 - a lost partition must not end the run
        return PartitionFailure(index, chunk, f"{type(exc).__name__}: {exc}")
