"""Start the service: one uvicorn process, or N worker processes sharing a port.

Several workers each open their own listening socket on the same port with SO_REUSEPORT,
and the kernel spreads incoming connections across them. uvicorn's own multi-worker mode
shares one socket instead, and then a keep-alive client (a CMS's connection pool, a load
balancer) tends to land every connection on whichever worker accepted first: measured
here, one of two workers did all the work. Where SO_REUSEPORT is missing, uvicorn's mode
is the fallback.

Listening sockets get TCP_NODELAY, which Linux copies to the connections they accept:
without it every answer (headers, then body) waits about 40 ms for the client's delayed
ACK.

SO_REUSEPORT would also let a second ``editcheck serve`` join the port and take part of
the traffic with another config, so the server first locks the port
(:mod:`editcheck.service.portlock`); a port that is locked or bound by anything else is
one line and exit 2. The server says where it listens once it is bound.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import socket
import sys
import time
from pathlib import Path
from typing import Any

import uvicorn

from editcheck.errors import EditcheckError
from editcheck.service import workers as worker_table
from editcheck.service.gctune import tune_gc_for_requests
from editcheck.service.memwatch import MB, rss_bytes
from editcheck.service.portlock import hold_port
from editcheck.service.settings import ServiceSettings

APP = "editcheck.service.app:app_from_env"
CONNECTIONS_PER_WORKER = 512
HANG_SECONDS = 10.0  # a worker whose event loop has not beaten for this long is hung
START_SECONDS = 90.0  # how long a new worker may take to load before its first beat
STOP_SECONDS = 5.0  # after SIGTERM (memory), how long a worker may drain before SIGKILL


class CannotListen(EditcheckError):
    """The address cannot be bound (taken, not local, not allowed)."""


def serve(
    settings: ServiceSettings,
    *,
    host: str,
    port: int,
    workers: int,
    log_level: str,
    token_file: Path | None = None,
) -> None:
    """Run until interrupted; workers rebuild ``settings`` from the environment.

    Raises :class:`~editcheck.service.portlock.PortTaken` or :class:`CannotListen`
    before anything starts.
    """
    os.environ.update(settings.to_env(token_file))
    if port == 0:  # pick a free port now: every worker (and the lock) must use the same one
        with _bind(host, 0, reuse_port=False) as probe:
            port = probe.getsockname()[1]
    _port_lock = hold_port(port)  # held until this process exits
    with _bind(host, port, reuse_port=workers > 1 and hasattr(socket, "SO_REUSEPORT")):
        pass  # taken by something that is not editcheck: say so now, in one line
    _say_listening(host, port, workers)
    if workers > 1 and not hasattr(socket, "SO_REUSEPORT"):
        _patch_uvicorn_nodelay()
        uvicorn.run(
            APP,
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level=log_level,
            access_log=log_level == "debug",
            server_header=False,
        )
        return
    if workers <= 1:
        run_worker(host, port, log_level, reuse_port=False)
        return
    _supervise(host, port, workers, log_level, settings.memory_limit_mb)


def _bind(host: str, port: int, *, reuse_port: bool) -> socket.socket:
    try:
        return listening_socket(host, port, reuse_port=reuse_port)
    except OSError as exc:
        raise CannotListen(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


def _say_listening(host: str, port: int, workers: int) -> None:
    shown = f"[{host}]" if ":" in host else host
    plural = "s" if workers != 1 else ""
    print(
        f"editcheck: serving on http://{shown}:{port}/ ({workers} worker{plural})",
        file=sys.stderr,
        flush=True,
    )


def run_worker(
    host: str,
    port: int,
    log_level: str,
    *,
    reuse_port: bool = True,
    table: Any = None,
    beats: Any = None,
    slot: int | None = None,
) -> None:
    """One uvicorn server on its own listening socket (the body of each worker process)."""
    if table is not None:
        worker_table.attach(table, beats, slot)
    sock = _bind(host, port, reuse_port=reuse_port)
    config = uvicorn.Config(
        APP,
        factory=True,
        log_level=log_level,
        access_log=log_level == "debug",
        server_header=False,
        # Slow or idle clients: a cap on connections per worker (beyond it, a quick 503)
        # and a short keep-alive, so a flood of slow sockets cannot starve the worker.
        limit_concurrency=CONNECTIONS_PER_WORKER,
        timeout_keep_alive=5,
    )
    for name in ("uvicorn.error", "uvicorn"):
        logging.getLogger(name).addFilter(RateLimitedLog())
    config.load()  # the app and its plugins, before the collector is tuned for requests
    tune_gc_for_requests()
    uvicorn.Server(config).run(sockets=[sock])


class RateLimitedLog(logging.Filter):
    """At most ``burst`` records of one message template per ``window`` seconds: a flood
    of bad requests must not fill the disk (1,100 slow clients once wrote 172 MB in 40 s);
    the first record after a quiet spell says how many were dropped."""

    def __init__(self, burst: int = 10, window: float = 10.0) -> None:
        super().__init__()
        self.burst, self.window = burst, window
        self._seen: dict[str, tuple[float, int, int]] = {}  # msg -> (start, shown, dropped)

    def filter(self, record: logging.LogRecord) -> bool:
        now = time.monotonic()
        key = str(record.msg)
        start, shown, dropped = self._seen.get(key, (now, 0, 0))
        if now - start > self.window:
            if dropped:
                record.msg = f"{record.msg} (and {dropped} more like it not logged)"
            start, shown, dropped = now, 0, 0
        if shown >= self.burst:
            self._seen[key] = (start, shown, dropped + 1)
            return False
        self._seen[key] = (start, shown + 1, dropped)
        return True


def listening_socket(host: str, port: int, *, reuse_port: bool) -> socket.socket:
    """A TCP listener on ``host:port`` with TCP_NODELAY (and SO_REUSEPORT when asked)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if reuse_port:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def _supervise(
    host: str, port: int, workers: int, log_level: str, memory_limit_mb: int | None = None
) -> None:
    """Start ``workers`` processes on one port; replace any that dies, hangs or balloons;
    stop on a signal.

    A worker that keeps dying is restarted after a growing pause (up to 10 s), never
    given up on: the server goes on answering with the workers it has, and ``/readyz``
    says how many are up. Being alive is not enough: a worker whose event loop has not
    beaten for :data:`HANG_SECONDS` is killed, and one whose resident memory passes
    ``memory_limit_mb`` is asked to stop (SIGTERM, its requests drain) and killed
    :data:`STOP_SECONDS` later if it has not.
    """
    context = multiprocessing.get_context("spawn")
    table = context.Array("b", workers, lock=False)  # 1 while that worker is alive
    beats = context.Array("d", workers, lock=False)  # its loop's last heartbeat
    limit = memory_limit_mb * MB if memory_limit_mb else None
    started = [0.0] * workers
    stopping_since: list[float | None] = [None] * workers

    def start(slot: int) -> Any:
        table[slot] = 1  # alive from now until the supervisor sees it dead
        beats[slot] = 0.0
        started[slot] = time.monotonic()
        stopping_since[slot] = None
        process = context.Process(
            target=run_worker,
            args=(host, port, log_level),
            kwargs={"table": table, "beats": beats, "slot": slot},
        )
        process.start()
        return process

    def watch(slot: int, process: Any, now: float) -> None:
        """Kill a live worker that is hung or over its memory limit."""
        beat = beats[slot]
        hung = now - beat > HANG_SECONDS if beat else now - started[slot] > START_SECONDS
        if hung:
            _say(f"worker {slot + 1} (pid {process.pid}) stopped answering; killing it")
            process.kill()
            return
        since = stopping_since[slot]
        if since is not None:
            if now - since > STOP_SECONDS:
                process.kill()
            return
        rss = rss_bytes(process.pid) if limit is not None else None
        if rss is not None and limit is not None and rss > limit:
            _say(
                f"worker {slot + 1} (pid {process.pid}) uses {rss / MB:,.0f} MB, over the "
                f"{limit / MB:,.0f} MB limit; replacing it"
            )
            stopping_since[slot] = now
            process.terminate()

    stopping: list[int] = []
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda signum, _frame: stopping.append(signum))
    processes = [start(slot) for slot in range(workers)]
    backoff = [0.0] * workers  # seconds to wait before the next restart of each slot
    due = [0.0] * workers  # when a dead slot may be restarted
    try:
        while not stopping:
            now = time.monotonic()
            for i, process in enumerate(processes):
                if stopping or process.is_alive():
                    if process.is_alive() and now - due[i] > 60:
                        backoff[i] = 0.0  # a minute up: forgive its past deaths
                    if not stopping:
                        watch(i, process, now)
                    continue
                if table[i]:  # just found dead: schedule the restart, backing off
                    table[i] = 0
                    backoff[i] = min(max(backoff[i] * 2, 0.2), 10.0)
                    due[i] = now + backoff[i]
                    _say(
                        f"worker {i + 1} (pid {process.pid}) exited with "
                        f"{process.exitcode}; restarting in {backoff[i]:g} s"
                    )
                elif now >= due[i]:
                    processes[i] = start(i)
                    due[i] = now
            time.sleep(0.1)
    finally:
        for process in processes:
            process.terminate()  # uvicorn shuts down gracefully on SIGTERM
        for process in processes:
            process.join(timeout=10)


def _say(message: str) -> None:
    print(f"editcheck serve: {message}", file=sys.stderr, flush=True)


def _patch_uvicorn_nodelay() -> None:
    """uvicorn's shared-socket mode: set TCP_NODELAY on the socket it binds."""
    if getattr(uvicorn.Config.bind_socket, "editcheck_nodelay", False):
        return
    bind = uvicorn.Config.bind_socket

    def bind_socket(config: Any) -> socket.socket:
        sock = bind(config)
        if sock.family in (socket.AF_INET, socket.AF_INET6):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return sock

    bind_socket.editcheck_nodelay = True  # type: ignore[attr-defined]
    uvicorn.Config.bind_socket = bind_socket  # type: ignore[method-assign,assignment]
