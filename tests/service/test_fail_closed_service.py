"""The service never answers "pass" for a draft it did not check: typos in selectors are
422s naming the field, a stuck check is ``incomplete``, a dead check process is a 503,
and a second server cannot join a port that one already serves."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from .servicekit import Server, start_server, stop_server, write_config


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A server without a token and a 2 s budget."""
    folder = tmp_path_factory.mktemp("fail-closed")
    server = start_server(write_config(folder), "--time-budget", "2", cwd=folder)
    yield server
    stop_server(server)


def test_a_misspelt_rule_is_a_422_naming_the_field(plain: Server) -> None:
    reply = plain.post("/v1/check", {"text": "x", "select": ["core/unsorced-statistic"]})
    assert reply.status == 422
    body = reply.json()
    assert body["errors"][0]["field"] == "select"
    assert "did you mean core/unsourced-statistic" in body["detail"]
    batch = plain.post(
        "/v1/check/batch",
        {"documents": [{"text": "a"}, {"text": "b", "ignore": ["category:residue"]}]},
    )
    assert batch.status == 422
    assert batch.json()["errors"][0]["field"] == "documents[1].ignore"


def test_a_stuck_check_is_incomplete_and_blocks(plain: Server) -> None:
    started = time.monotonic()
    answer = plain.post("/v1/check", {"text": "One STUCK-HERE draft."}).json()
    assert time.monotonic() - started < 20
    assert answer["verdict"] == "incomplete" and answer["blocking"] is True
    assert answer["report"]["errors"][0]["kind"] == "timeout"
    lenient = plain.post("/v1/check", {"text": "STUCK-HERE", "fail_on_incomplete": False})
    assert lenient.json()["verdict"] == "incomplete" and lenient.json()["blocking"] is False
    # the check process was replaced: the next draft is checked in full
    again = plain.post("/v1/check", {"text": "Critics say the plan is reportedly doomed."})
    assert again.json()["verdict"] == "pass" and again.json()["report"]["annotations"]


def test_a_dead_check_process_is_a_503_and_is_replaced(plain: Server) -> None:
    reply = plain.post("/v1/check", {"text": "KILL-WORKER now"})
    assert reply.status == 503
    assert reply.json()["type"].endswith("/check-process-died")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        ready = plain.get("/readyz")
        if ready.status == 200 and ready.json()["check_processes"]["up"] == 1:
            break
        time.sleep(0.1)
    assert plain.get("/readyz").json()["check_processes"] == {"up": 1, "configured": 1}
    assert plain.post("/v1/check", {"text": "Fine copy."}).json()["verdict"] == "pass"


def test_a_second_server_on_the_port_is_refused_in_one_line(plain: Server) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "editcheck", "serve", "--port", str(plain.port), "--workers", "2"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0, done.stderr
    assert f"port {plain.port} is already served by another editcheck" in done.stderr
    assert plain.get("/healthz").status == 200


def test_a_port_held_by_something_else_is_refused_too(tmp_path: Path) -> None:
    import socket

    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "editcheck", "serve", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 2
    assert "cannot listen on 127.0.0.1" in done.stderr and "Traceback" not in done.stderr


def test_the_server_says_where_it_listens_and_how_many_workers_are_up(
    tmp_path: Path,
) -> None:
    server = start_server(write_config(tmp_path), "--workers", "2", cwd=tmp_path, token=None)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            ready = server.get("/readyz")
            if ready.status == 200 and ready.json()["workers"]["up"] == 2:
                break
            time.sleep(0.1)
        assert server.get("/readyz").json()["workers"] == {"up": 2, "configured": 2}
        victim = _children(server.proc.pid)[0]
        os.kill(victim, signal.SIGKILL)  # a worker dies: it is replaced, the server serves on
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if victim not in _children(server.proc.pid) and len(_children(server.proc.pid)) == 2:
                ready = server.get("/readyz")
                if ready.status == 200 and ready.json()["workers"]["up"] == 2:
                    break
            time.sleep(0.1)
        assert victim not in _children(server.proc.pid)
        assert server.get("/readyz").json()["workers"] == {"up": 2, "configured": 2}
        assert server.post("/v1/check", {"text": "Fine copy."}).status == 200
    finally:
        stop_server(server)
    log = tmp_path.glob("serve-*.log")
    text = next(log).read_text()
    assert f"serving on http://127.0.0.1:{server.port}/ (2 workers)" in text


def _children(pid: int) -> list[int]:
    """The supervisor's worker processes (Linux /proc; the resource tracker excluded)."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return [c for c in found if "resource_tracker" not in _cmdline(c)]


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return ""


def test_a_client_that_never_sends_its_body_gets_408(plain: Server) -> None:
    import socket

    with socket.create_connection(("127.0.0.1", plain.port), timeout=30) as sock:
        sock.sendall(
            b"POST /v1/check HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"
        )
        answer = sock.recv(65536).decode()
    assert answer.startswith("HTTP/1.1 408"), answer
    assert plain.get("/healthz").status == 200
