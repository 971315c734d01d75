"""``editcheck check --engine dask``: the command-line face of :mod:`editcheck.distributed`.

Runs the partitions, prints unreadable inputs and lost partitions on stderr as they come,
writes ``manifest.json`` and ``rerun-paths.txt`` into ``--out-dir``, and turns the run into
an exit status. Ctrl-C sets a flag that the engine polls, so the run stops between two
polls with what finished recorded, instead of inside Dask's own waiting.
"""

from __future__ import annotations

import json
import signal
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import click

from editcheck.batch import CheckerSpec
from editcheck.distributed import (
    DaskUnavailable,
    PartitionFailure,
    PartitionResult,
    WorkerMismatch,
    connect,
    expand_inputs,
    portable_spec,
    run_partitions,
)

MANIFEST_NAME = "manifest.json"
RERUN_NAME = "rerun-paths.txt"


class ClusterProblem(click.ClickException):
    """For the command line: no cluster, or workers that differ; a message and exit 2."""

    exit_code = 2


@dataclass
class RunTotals:
    """Counts over a whole run, for the summary line, the exit code and the manifest."""

    partitions: list[dict[str, Any]] = field(default_factory=list)
    drafts: int = 0
    unreadable: int = 0
    failed: bool = False
    broken: int = 0


def write_manifest(out_dir: Path, totals: RunTotals, failures: list[PartitionFailure],
                   unreadable: list[str], interrupted: bool) -> None:
    """``manifest.json`` (what each partition holds) and the paths worth running again."""
    manifest = {
        "schema": "editcheck/partitions@1",
        "interrupted": interrupted,
        "drafts": totals.drafts,
        "unreadable": totals.unreadable,
        "failed_partitions": [{"index": f.index, "drafts": len(f.paths), "error": f.error}
                              for f in failures],
        "partitions": totals.partitions,
    }
    (out_dir / MANIFEST_NAME).write_text(json.dumps(manifest, indent=2) + "\n", "utf-8")
    rerun = [p for f in failures for p in f.paths] + unreadable
    if rerun:
        (out_dir / RERUN_NAME).write_text("".join(p + "\n" for p in rerun), "utf-8")


def tally(result: PartitionResult, totals: RunTotals, output: IO[str] | None) -> None:
    """Count one finished partition; copy its JSONL to ``output`` when it came back."""
    totals.drafts += result.drafts
    totals.unreadable += len(result.unreadable)
    totals.failed = totals.failed or result.failed
    totals.partitions.append({"index": result.index, "file": result.output,
                              "drafts": result.drafts,
                              "unreadable": [why for _, why in result.unreadable],
                              "seconds": round(result.seconds, 3), "worker": result.worker})
    if output is not None and result.jsonl:
        output.write(result.jsonl)
        output.flush()


def run_from_cli(spec: CheckerSpec, paths: tuple[str, ...], *, from_list: Path | None,
                 scheduler: str | None, workers: int, size: int, out_dir: Path | None,
                 output: IO[str], format_name: str) -> int:
    """``check --engine dask``: run, report on stderr, return the exit code."""
    from click.core import ParameterSource

    ctx = click.get_current_context()
    given = ctx.get_parameter_source("format_name") != ParameterSource.DEFAULT
    if format_name != "jsonl" and given:
        raise click.UsageError("--engine dask writes JSON Lines: use -f jsonl (or no -f)")
    if "-" in paths:
        raise click.UsageError("--engine dask reads files, not standard input ('-')")
    try:
        client, cluster = connect(scheduler, workers)
    except DaskUnavailable as exc:
        raise ClusterProblem(str(exc)) from exc
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    totals, failures, rerun, interrupted = RunTotals(), [], [], False
    mismatch = ""
    stop = threading.Event()
    previous = signal.signal(signal.SIGINT, lambda *_: _request_stop(stop))
    try:
        nworkers = len(client.nthreads())
        for result in run_partitions(client, portable_spec(spec), expand_inputs(paths, from_list),
                                     size, out_dir, stop):
            if isinstance(result, PartitionFailure):
                failures.append(result)
                click.echo(f"editcheck: partition {result.index} ({len(result.paths):,} drafts, "
                           f"first {result.paths[0]}) failed: {result.error}", err=True)
                continue
            for path, why in result.unreadable:
                click.echo(f"editcheck: {why}", err=True)
                rerun.append(path)
            tally(result, totals, None if out_dir else output)
    except KeyboardInterrupt:
        interrupted = True
        click.echo("editcheck: interrupted; partitions finished so far are kept", err=True)
    except WorkerMismatch as exc:
        mismatch = str(exc)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
        signal.signal(signal.SIGINT, previous)
    if mismatch:
        raise ClusterProblem(f"{mismatch}; install the same editcheck and plugins on "
                               "every worker (see docs/archive-runs.md)")
    if out_dir is not None:
        write_manifest(out_dir, totals, failures, rerun, interrupted)
    seconds = time.perf_counter() - started
    click.echo(f"editcheck: dask: {totals.drafts:,} inputs in {len(totals.partitions):,} "
               f"partitions on {nworkers} workers, {seconds:.1f} s "
               f"({totals.drafts / seconds:,.1f}/s); {totals.unreadable:,} unreadable, "
               f"{len(failures):,} partitions failed", err=True)
    if interrupted:
        return 130
    return 2 if totals.unreadable or failures else 1 if totals.failed else 0


def _request_stop(stop: threading.Event) -> None:
    """First Ctrl-C: stop after the partition being waited for. Second: stop now."""
    if stop.is_set():
        raise KeyboardInterrupt
    stop.set()
