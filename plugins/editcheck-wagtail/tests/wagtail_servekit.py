"""Services for the remote-mode tests: a real ``editcheck serve`` subprocess, and a stub
HTTP server that answers whatever a test tells it to (broken answers the real one never
sends).

Both listen on 127.0.0.1 on a free port; the real one as the repo's service tests start it
(tests/service/servicekit.py): a log file instead of a pipe, /healthz polled until it
answers, terminated at the end.
"""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Service:
    url: str
    proc: subprocess.Popen[bytes]
    log: Path


def _healthy(port: int) -> bool:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        conn.request("GET", "/healthz")
        return conn.getresponse().status == 200
    except OSError:
        return False
    finally:
        conn.close()


def start_service(folder: Path, config: str, *args: str) -> Service:
    """``editcheck serve`` with ``config`` (editcheck.toml text); fails with its log if it
    does not come up within 30 s."""
    (folder / "editcheck.toml").write_text(config, encoding="utf-8")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("EDITCHECK_", "DJANGO_"))}
    log = folder / f"serve-{port}.log"
    cmd = [
        sys.executable,
        "-m",
        "editcheck",
        "serve",
        "--port",
        str(port),
        "--config",
        str(folder / "editcheck.toml"),
        "--log-level",
        "warning",
        *args,
    ]
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=folder, env=env, stdout=out, stderr=subprocess.STDOUT)
    service = Service(f"http://127.0.0.1:{port}", proc, log)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"editcheck serve exited with {proc.returncode}:\n{log.read_text()}")
        if _healthy(port):
            return service
        time.sleep(0.1)
    stop_service(service)
    pytest.fail(f"editcheck serve did not answer /healthz within 30 s:\n{log.read_text()}")


def stop_service(service: Service) -> None:
    service.proc.terminate()
    try:
        service.proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        service.proc.kill()
        service.proc.wait()


Answer = Callable[[], tuple[int, str, bytes]]  # status, content type, body


@contextmanager
def stub_service(answer: Answer, delay: float = 0.0) -> Iterator[str]:
    """A server whose every POST gets ``answer()`` after ``delay`` seconds; yields its URL."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - the stdlib's name
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            time.sleep(delay)
            status, kind, body = answer()
            try:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except OSError:
                pass  # the client gave up (the timeout case)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
