"""Start uvicorn with the service: one process, or a supervisor and N worker processes.

With several workers uvicorn binds the shared listening socket itself, as a plain socket;
asyncio then leaves Nagle's algorithm on for the connections it accepts, and every answer
(uvicorn writes the headers, then the body) waits for the client's delayed ACK: about
40 ms added to each request. Linux copies TCP_NODELAY from a listening socket to the
sockets it accepts, so it is set on the listener here.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import uvicorn

from editcheck.service.settings import ServiceSettings

APP = "editcheck.service.app:app_from_env"


def _with_nodelay(bind: Callable[[Any], socket.socket]) -> Callable[[Any], socket.socket]:
    def bind_socket(config: Any) -> socket.socket:
        sock = bind(config)
        if sock.family in (socket.AF_INET, socket.AF_INET6):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return sock

    bind_socket.editcheck_nodelay = True  # type: ignore[attr-defined]
    return bind_socket


def serve(settings: ServiceSettings, *, host: str, port: int, workers: int, log_level: str,
          token_file: Path | None = None) -> None:
    """Run until interrupted; workers rebuild ``settings`` from the environment."""
    os.environ.update(settings.to_env(token_file))
    if not getattr(uvicorn.Config.bind_socket, "editcheck_nodelay", False):
        uvicorn.Config.bind_socket = _with_nodelay(uvicorn.Config.bind_socket)  # type: ignore[method-assign,assignment]
    uvicorn.run(APP, factory=True, host=host, port=port, workers=workers, log_level=log_level,
                access_log=log_level == "debug", server_header=False)
