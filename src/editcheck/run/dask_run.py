"""A whole ``check --engine dask`` run: connect, run the partitions, log what they did.

Unreadable inputs and lost partitions are reported as they come; ``manifest.json``
records what each partition file holds and ``rerun-paths.txt`` lists the inputs worth
running again (unreadable drafts and the drafts of failed partitions). Ctrl-C sets a flag
that the engine polls, so the run stops between two polls with what finished recorded,
instead of inside Dask's own waiting.
"""

from __future__ import annotations

import json
import signal
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from editcheck.api import Checker
from editcheck.errors import EditcheckError
from editcheck.run.dask_engine import (
    PartitionFailure,
    PartitionResult,
    TaskSpec,
    WorkerMismatch,
    connect,
    run_partitions,
)
from editcheck.run.settings import CheckerSettings, portable

MANIFEST_NAME = "manifest.json"
RERUN_NAME = "rerun-paths.txt"


@dataclass
class RunLog:
    """What a run did, partition by partition: for stderr, the manifest and the exit code."""

    output: IO[str] | None  # where returned JSONL goes (None: workers wrote partitions)
    say: Callable[[str], None]  # one line for the person running it (stderr)
    started: float = field(default_factory=time.perf_counter)
    partitions: list[dict[str, Any]] = field(default_factory=list)
    failures: list[PartitionFailure] = field(default_factory=list)
    rerun: list[str] = field(default_factory=list)
    drafts: int = 0
    unreadable: int = 0
    failed: bool = False
    show_progress: bool = False

    def take(self, result: PartitionResult | PartitionFailure) -> None:
        """Count one partition, say what went wrong in it, pass its reports on."""
        if isinstance(result, PartitionFailure):
            self.failures.append(result)
            self.rerun.extend(result.paths)
            self._say(
                f"editcheck: partition {result.index} ({len(result.paths):,} drafts, "
                f"first {result.paths[0]}) failed: {result.error}"
            )
            return
        for path, why in result.unreadable:
            self._say(f"editcheck: {why}")
            self.rerun.append(path)
        self.drafts += result.drafts
        self.unreadable += len(result.unreadable)
        self.failed = self.failed or result.failed
        self.partitions.append(
            {
                "index": result.index,
                "file": result.output,
                "drafts": result.drafts,
                "unreadable": [why for _, why in result.unreadable],
                "seconds": round(result.seconds, 3),
                "worker": result.worker,
            }
        )
        if self.output is not None and result.jsonl:
            self.output.write(result.jsonl)
            self.output.flush()
        if self.show_progress:
            rate = self.drafts / max(time.perf_counter() - self.started, 1e-9)
            self.say(
                f"\r{self.drafts:,} drafts in {len(self.partitions):,} partitions, {rate:,.0f}/s"
            )

    def _say(self, line: str) -> None:
        self.say(("\n" if self.show_progress and self.partitions else "") + line + "\n")

    def write_manifest(self, out_dir: Path, interrupted: bool) -> None:
        """``manifest.json`` (what each partition holds) and the paths worth running again."""
        manifest = {
            "schema": "editcheck/partitions@1",
            "interrupted": interrupted,
            "drafts": self.drafts,
            "unreadable": self.unreadable,
            "failed_partitions": [
                {"index": f.index, "drafts": len(f.paths), "error": f.error} for f in self.failures
            ],
            "partitions": self.partitions,
        }
        (out_dir / MANIFEST_NAME).write_text(json.dumps(manifest, indent=2) + "\n", "utf-8")
        if self.rerun:
            (out_dir / RERUN_NAME).write_text("".join(p + "\n" for p in self.rerun), "utf-8")

    def summary(self, workers: int) -> str:
        seconds = time.perf_counter() - self.started
        return (
            f"editcheck: dask: {self.drafts:,} inputs in {len(self.partitions):,} "
            f"partitions on {workers} workers, {seconds:.1f} s "
            f"({self.drafts / seconds:,.1f}/s); {self.unreadable:,} unreadable, "
            f"{len(self.failures):,} partitions failed"
        )

    def exit_code(self, interrupted: bool) -> int:
        if interrupted:
            return 130
        if self.failures:  # a partition lost to a crashed worker: an internal failure
            return 3
        return 2 if self.unreadable else 1 if self.failed else 0


def run_on_dask(
    settings: CheckerSettings,
    checker: Checker,
    inputs: Iterable[str],
    *,
    scheduler: str | None,
    workers: int,
    size: int,
    out_dir: Path | None,
    output: IO[str],
    say: Callable[[str], None],
    show_progress: bool = False,
) -> int:
    """Run, report through ``say``, and return the exit code (0, 1 findings, 2 unreadable
    inputs, 3 partitions lost to a crash, 130 interrupted); raises EditcheckError when
    the run cannot start."""
    if out_dir is not None:
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise EditcheckError(f"cannot use --out-dir {out_dir}: {exc}") from exc
    task = TaskSpec.of(portable(settings, checker.plugins.rules), checker)
    client, cluster = connect(scheduler, workers)
    log = RunLog(None if out_dir else output, say, show_progress=show_progress)
    interrupted, mismatch = False, ""
    stop = threading.Event()
    previous = signal.signal(signal.SIGINT, lambda *_: _request_stop(stop))
    try:
        nworkers = len(client.nthreads())
        for result in run_partitions(client, task, inputs, size, out_dir, stop):
            log.take(result)
    except KeyboardInterrupt:
        interrupted = True
    except WorkerMismatch as exc:
        mismatch = str(exc)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
        signal.signal(signal.SIGINT, previous)
    if mismatch:
        raise WorkerMismatch(
            f"{mismatch}; install the same editcheck and plugins on "
            "every worker (see docs/archive-runs.md)"
        )
    if log.show_progress:
        say("\n")
    if interrupted:
        say("editcheck: interrupted; partitions finished so far are kept\n")
    if out_dir is not None:
        log.write_manifest(out_dir, interrupted)
    say(log.summary(nworkers) + "\n")
    return log.exit_code(interrupted)


def _request_stop(stop: threading.Event) -> None:
    """First Ctrl-C: stop after the partition being waited for. Second: stop now."""
    if stop.is_set():
        raise KeyboardInterrupt
    stop.set()
