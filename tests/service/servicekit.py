"""Start a real ``editcheck serve`` in a subprocess on a free loopback port; a small client.

One server (one worker, so a request after a timeout reaches the same process; bearer
token, CORS allow-list, small limits, a short time budget and the test plugins in
tests/service/plugins/) serves most tests, because starting one costs a second or two of
CPU that the other developers on this machine share. The concurrency test starts its own
two-worker server without a token and with the default budget.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import pytest

# Every service test module sets ``pytestmark = needs_serve``.
needs_serve = pytest.mark.skipif(
    find_spec("starlette") is None or find_spec("uvicorn") is None,
    reason="the serve extra (starlette, uvicorn) is not installed: pip install -e '.[serve]'",
)

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PLUGINS = HERE / "plugins"
SEED_HTML = ROOT / "fixtures" / "seed" / "ice-shooting.html"
TOKEN = "s3cret-test-token"
ORIGIN = "https://cms.example"
MAX_BODY = 300_000
MAX_DRAFT = 150_000
BUDGET = 1.0


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Server:
    host: str
    port: int
    config: Path
    proc: subprocess.Popen[bytes]
    token: str | None = None

    @property
    def base(self) -> str:
        return f"http://{self.host}:{self.port}"

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        auth: bool = True,
    ) -> Reply:
        """One request on a fresh connection (so a refused body cannot poison the next)."""
        conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            sent = dict(headers or {})
            if auth and self.token:
                sent.setdefault("Authorization", f"Bearer {self.token}")
            conn.request(method, path, body=body, headers=sent)
            resp = conn.getresponse()
            return Reply(resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read())
        finally:
            conn.close()

    def post(
        self, path: str, data: Any, headers: dict[str, str] | None = None, auth: bool = True
    ) -> Reply:
        sent = {"Content-Type": "application/json", **(headers or {})}
        return self.request("POST", path, json.dumps(data).encode(), sent, auth=auth)

    def get(self, path: str, **kw: Any) -> Reply:
        return self.request("GET", path, **kw)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def write_config(folder: Path) -> Path:
    config = folder / "editcheck.toml"
    config.write_text(
        f'plugins-dir = "{PLUGINS.as_posix()}"\nmax-bytes = {MAX_DRAFT}\nfail-on = "error"\n',
        encoding="utf-8",
    )
    return config


def start_server(
    config: Path,
    *extra: str,
    token: str | None = None,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
) -> Server:
    """Start ``editcheck serve`` and wait until /healthz answers (or fail with its log)."""
    port = free_port()
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("EDITCHECK_")}, **(env or {})}
    cmd = [
        sys.executable,
        "-m",
        "editcheck",
        "serve",
        "--port",
        str(port),
        "--config",
        str(config),
        "--log-level",
        "warning",
        *extra,
    ]
    log = config.with_name(f"serve-{port}.log")  # a file, so a chatty server never blocks
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
    server = Server("127.0.0.1", port, config, proc, token)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            text = log.read_text(encoding="utf-8", errors="replace")
            pytest.fail(f"editcheck serve exited with {proc.returncode}:\n{text}")
        try:
            if server.get("/healthz", auth=False).status == 200:
                return server
        except OSError:
            time.sleep(0.1)
    stop_server(server)
    pytest.fail("editcheck serve did not answer /healthz within 30 s")


def stop_server(server: Server) -> None:
    server.proc.terminate()
    try:
        server.proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.proc.kill()
        server.proc.wait()


def cli_reports(config: Path, *paths: Path) -> list[dict[str, Any]]:
    """``editcheck check --format json`` with the server's config, as a CMS would compare."""
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "editcheck",
            "check",
            "--config",
            str(config),
            "--format",
            "json",
            "--fail-on",
            "never",
            *map(str, paths),
        ],
        capture_output=True,
        check=True,
    )
    return json.loads(out.stdout)  # type: ignore[no-any-return]
