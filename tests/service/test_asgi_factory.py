"""``editcheck.service.asgi:create_app`` under a real uvicorn the ops team would run:
configured from the environment, fail-closed on Host names and bad settings, and its
checks still in a killable child process."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from .servicekit import Reply, Server, free_port, needs_serve, write_config

pytestmark = needs_serve

FLAGGED = "<p>The driver, [INSERT NAME], was arrested on Monday, police said.</p>"


@contextmanager
def uvicorn(tmp_path: Path, *flags: str, **env: str) -> Iterator[Server]:
    """``uvicorn --factory editcheck.service.asgi:create_app`` on 127.0.0.1, until /healthz."""
    port = free_port()
    config = write_config(tmp_path)
    clean = {k: v for k, v in os.environ.items() if not k.startswith("EDITCHECK_")}
    env = {**clean, "EDITCHECK_SERVE_CONFIG": str(config), **env}
    cmd = [
        sys.executable,
        "-m",
        "uvicorn",
        "--factory",
        "editcheck.service.asgi:create_app",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
        *flags,
    ]
    log = tmp_path / f"uvicorn-{port}.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT)
    server = Server("127.0.0.1", port, config, proc, env.get("EDITCHECK_TOKEN"))
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                pytest.fail(f"uvicorn exited with {proc.returncode}:\n{log.read_text()}")
            try:
                named = env.get("EDITCHECK_SERVE_ALLOWED_HOSTS", "*").split()[0]
                probe = {"Host": named} if named != "*" else None
                if server.get("/healthz", auth=False, headers=probe).status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"no /healthz within 60 s:\n{log.read_text()}")
            time.sleep(0.1)
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _check(server: Server, host: str | None = None) -> Reply:
    headers = {"Host": host} if host else None
    return server.post("/v1/check", {"html": FLAGGED}, headers=headers)


def test_the_factory_serves_health_and_checks_on_loopback_names_only(tmp_path: Path) -> None:
    with uvicorn(tmp_path) as server:
        answer = _check(server)
        assert answer.status == 200, answer.body
        body = answer.json()
        assert body["verdict"] == "fail"
        assert "core/placeholder" in {a["rule"] for a in body["report"]["annotations"]}
        ready = server.get("/readyz")
        assert ready.status == 200 and ready.json()["check_processes"]["up"] == 1
        # no EDITCHECK_SERVE_ALLOWED_HOSTS: a request for another name is refused
        assert _check(server, host="editcheck.example.org").status == 421
        assert server.get("/healthz", headers={"Host": "attacker.example"}).status == 421


def test_named_hosts_and_a_token_come_from_the_environment(tmp_path: Path) -> None:
    env = {"EDITCHECK_SERVE_ALLOWED_HOSTS": "editcheck.internal", "EDITCHECK_TOKEN": "t0ken"}
    with uvicorn(tmp_path, **env) as server:
        assert _check(server, host="editcheck.internal").status == 200
        assert _check(server).status == 421  # 127.0.0.1 was not named
        server.token = None
        assert _check(server, host="editcheck.internal").status == 401


def test_without_the_lifespan_the_check_process_starts_on_the_first_check(
    tmp_path: Path,
) -> None:
    with uvicorn(tmp_path, "--lifespan", "off") as server:
        assert server.get("/readyz").status == 503  # not started: not ready, not a lie
        answer = _check(server)
        assert answer.status == 200 and answer.json()["verdict"] == "fail"
        assert server.get("/readyz").status == 200


def test_a_bad_setting_stops_the_server_naming_it(tmp_path: Path) -> None:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("EDITCHECK_")},
        "EDITCHECK_SERVE_TIME_BUDGET": "five",
    }
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            "editcheck.service.asgi:create_app",
            "--port",
            str(free_port()),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert "EDITCHECK_SERVE_TIME_BUDGET='five' is not a number" in done.stderr


def test_the_factory_reads_the_same_settings_as_serve_workers() -> None:
    from editcheck.errors import ConfigError
    from editcheck.service.asgi import create_app

    app = create_app({"EDITCHECK_SERVE_MAX_BATCH": "7", "EDITCHECK_SERVE_ALLOWED_HOSTS": "*"})
    assert app.state.settings.max_batch == 7 and app.state.settings.allowed_hosts == ()
    app.state.checks.close()
    with pytest.raises(ConfigError, match="stands alone"):
        create_app({"EDITCHECK_SERVE_ALLOWED_HOSTS": "* example.org"})
    with pytest.raises(ConfigError, match="more than 0"):
        create_app({"EDITCHECK_SERVE_MAX_BODY_BYTES": "0"})
