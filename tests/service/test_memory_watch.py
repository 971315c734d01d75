"""A check process that balloons is killed and replaced; its request gets a clear 503
problem, never a 500 and never a pass; the next draft is checked in full (issue 11)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from .servicekit import Server, needs_serve, start_server, stop_server

pytestmark = needs_serve
HERE = Path(__file__).resolve().parent


@pytest.fixture(scope="module")
def limited(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A server with the balloon plugin, a 600 MB memory limit and a 20 s budget (so the
    memory watch, not the time budget, is what stops the balloon)."""
    folder = tmp_path_factory.mktemp("memory")
    config = folder / "editcheck.toml"
    plugins = (HERE / "plugins_memory").as_posix()
    config.write_text(f'plugins-dir = "{plugins}"\nfail-on = "error"\n', encoding="utf-8")
    server = start_server(config, "--memory-limit", "600", "--time-budget", "20", cwd=folder)
    yield server
    stop_server(server)


def _ready(server: Server) -> dict[str, Any]:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready = server.get("/readyz")
        if ready.status == 200 and ready.json()["check_processes"]["up"] == 1:
            return ready.json()  # type: ignore[no-any-return]
        time.sleep(0.2)
    pytest.fail("the check process was not replaced within 60 s")


def test_a_ballooning_check_process_is_killed_and_the_request_told(limited: Server) -> None:
    reply = limited.post("/v1/check", {"text": "A draft that says BALLOON-NOW."})
    assert reply.status == 503, reply.body
    body = reply.json()
    assert body["type"].endswith("/check-process-memory")
    assert "memory limit" in body["detail"] and "600 MB" in body["detail"]
    assert "verdict" not in body  # a problem, not a report that could read as a pass
    _ready(limited)
    again = limited.post("/v1/check", {"text": "Critics say the plan is reportedly doomed."})
    assert again.status == 200
    assert again.json()["verdict"] == "pass" and again.json()["report"]["annotations"]


def test_the_limit_is_a_setting_with_a_default() -> None:
    from editcheck.service.settings import ServiceSettings, settings_from_env

    assert ServiceSettings().memory_limit_mb == 1024
    env = ServiceSettings(memory_limit_mb=300).to_env()
    assert settings_from_env(env).memory_limit_mb == 300
    assert settings_from_env(ServiceSettings(memory_limit_mb=None).to_env()).memory_limit_mb is None


def _children(pid: int) -> set[int]:
    """The server's worker processes (not multiprocessing's resource tracker)."""
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            try:
                cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
            except OSError:
                continue
            if b"spawn_main" in cmdline:
                found.add(int(child))
    return found


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_a_hung_worker_is_replaced_though_its_process_exists(tmp_path: Path) -> None:
    import os
    import signal

    config = tmp_path / "editcheck.toml"
    config.write_text('fail-on = "error"\n', encoding="utf-8")
    server = start_server(config, "--workers", "2", cwd=tmp_path)
    try:
        # a worker that has answered has started beating (the beat starts before the
        # server accepts): wait until both have, so the victim is judged hung, not slow
        answered: set[int] = set()
        deadline = time.monotonic() + 120
        while len(answered) < 2 and time.monotonic() < deadline:
            answered.add(server.get("/healthz").json()["pid"])
        victim = min(answered)
        os.kill(victim, signal.SIGSTOP)  # alive, but its loop never beats again
        deadline = time.monotonic() + 60
        while victim in _children(server.proc.pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert victim not in _children(server.proc.pid), "the hung worker was not replaced"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            ready = server.get("/readyz")
            if ready.status == 200 and ready.json()["workers"]["up"] == 2:
                break
            time.sleep(0.2)
        log = config.with_name(f"serve-{server.port}.log").read_text()
        assert server.get("/readyz").json()["workers"] == {"up": 2, "configured": 2}, log
        assert "stopped answering" in log
    finally:
        stop_server(server)
