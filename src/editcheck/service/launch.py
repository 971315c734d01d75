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
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import socket
import time
from pathlib import Path
from typing import Any

import uvicorn

from editcheck.service.settings import ServiceSettings

APP = "editcheck.service.app:app_from_env"


def serve(
    settings: ServiceSettings,
    *,
    host: str,
    port: int,
    workers: int,
    log_level: str,
    token_file: Path | None = None,
) -> None:
    """Run until interrupted; workers rebuild ``settings`` from the environment."""
    os.environ.update(settings.to_env(token_file))
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
    _supervise(host, port, workers, log_level)


def run_worker(host: str, port: int, log_level: str, *, reuse_port: bool = True) -> None:
    """One uvicorn server on its own listening socket (the body of each worker process)."""
    sock = listening_socket(host, port, reuse_port=reuse_port)
    config = uvicorn.Config(
        APP, factory=True, log_level=log_level, access_log=log_level == "debug", server_header=False
    )
    config.load()  # the app and its plugins, before the collector is tuned for requests
    tune_gc_for_requests()
    uvicorn.Server(config).run(sockets=[sock])


# A request makes tens of thousands of short-lived objects and almost no cycles: at the
# default threshold (700) the young generation is collected about once per request for
# ~0.7 ms (3% of a 1,000-word draft's CPU, measured with gc.callbacks); at 10,000 about
# once per fifty requests. Objects that live as long as the worker (plugins, patterns,
# tables) are frozen first, so no collection walks them again.
GC_GEN0_THRESHOLD = 10_000


def tune_gc_for_requests() -> None:
    """Freeze what start-up built and collect the young generation less often."""
    gc.collect()
    gc.freeze()
    _, gen1, gen2 = gc.get_threshold()
    gc.set_threshold(GC_GEN0_THRESHOLD, gen1, gen2)


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


def _supervise(host: str, port: int, workers: int, log_level: str) -> None:
    """Start ``workers`` processes on one port; restart any that dies; stop on a signal."""
    with listening_socket(host, port, reuse_port=True) as probe:  # fails early if taken
        port = probe.getsockname()[1]  # with --port 0, every worker must share one port
    context = multiprocessing.get_context("spawn")

    def start() -> Any:
        process = context.Process(target=run_worker, args=(host, port, log_level))
        process.start()
        return process

    stopping: list[int] = []
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda signum, _frame: stopping.append(signum))
    processes = [start() for _ in range(workers)]
    restarts: list[float] = []
    try:
        while not stopping:
            for i, process in enumerate(processes):
                if not process.is_alive() and not stopping:
                    restarts = [t for t in restarts if time.monotonic() - t < 10] + [
                        time.monotonic()
                    ]
                    if len(restarts) > 2 * workers:
                        raise SystemExit("editcheck serve: workers keep dying; stopping")
                    processes[i] = start()
            time.sleep(0.2)
    finally:
        for process in processes:
            process.terminate()  # uvicorn shuts down gracefully on SIGTERM
        for process in processes:
            process.join(timeout=10)


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
