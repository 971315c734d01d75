"""The Dockerfile: read as Docker reads its instructions, then its server command and its
health check run here, as the container would run them (no Docker needed)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .servicekit import ROOT, Server, free_port, needs_serve

pytestmark = needs_serve


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) in order: comments dropped, ``\\`` continuations joined."""
    joined: list[str] = []
    pending = ""
    for line in (ROOT / "Dockerfile").read_text("utf-8").splitlines():
        if not pending and (not line.strip() or line.lstrip().startswith("#")):
            continue
        if line.rstrip().endswith("\\"):
            pending += line.rstrip()[:-1] + " "
            continue
        joined.append(pending + line)
        pending = ""
    assert not pending, "a continuation runs off the end"
    out = []
    for text in joined:
        word, _, rest = text.strip().partition(" ")
        out.append((word.upper(), rest.strip()))
    return out


def _one(name: str) -> str:
    found = [rest for word, rest in instructions() if word == name]
    assert len(found) == 1, (name, found)
    return found[0]


def _exec_form(text: str) -> list[str]:
    value = json.loads(text)
    assert isinstance(value, list) and all(isinstance(v, str) for v in value)
    return value


def test_the_image_runs_editcheck_serve_as_a_user_that_is_not_root() -> None:
    steps = instructions()
    words = [w for w, _ in steps]
    assert words[0] == "FROM" and all(r.startswith("python:3.11") for w, r in steps if w == "FROM")
    assert words.count("FROM") == 2  # build the wheels, then a runtime without build tools
    user = _one("USER")
    assert user.split(":")[0] not in ("root", "0")
    assert words.index("USER") < words.index("ENTRYPOINT")
    install = [r for w, r in steps if w == "RUN" and "pip install" in r]
    assert install and '"editcheck[serve]"' in install[-1] and "--no-index" in install[-1]
    entry = _exec_form(_one("ENTRYPOINT"))
    assert entry[:2] == ["editcheck", "serve"]
    assert entry[entry.index("--host") + 1] == "0.0.0.0"
    port = entry[entry.index("--port") + 1]
    assert _one("EXPOSE") == port == "8750"
    assert "localhost" in entry[entry.index("--allow-host") + 1].split(",")


def test_the_health_check_asks_for_healthz_in_exec_form() -> None:
    options, _, command = _one("HEALTHCHECK").partition(" CMD ")
    assert "--interval=" in options and "--timeout=" in options
    argv = _exec_form(command)
    assert argv[0] == "python" and "http://localhost:8750/healthz" in argv[-1]


def test_the_build_context_is_only_the_package() -> None:
    lines = (ROOT / ".dockerignore").read_text().split("\n")
    kept = [line for line in lines if line and not line.startswith("#")]
    assert kept[0] == "*" and {"!pyproject.toml", "!README.md", "!src/"} <= set(kept)
    copied = [r for w, r in instructions() if w == "COPY" and "--from" not in r]
    assert {c.split()[0] for c in copied} <= {"pyproject.toml", "README.md", "src"}


def _container_command(port: int, cmd: list[str]) -> list[str]:
    """ENTRYPOINT + CMD as the container runs them, on 127.0.0.1:port instead of 0.0.0.0:8750
    (tests never listen beyond loopback)."""
    argv = _exec_form(_one("ENTRYPOINT")) + cmd
    argv[argv.index("--host") + 1] = "127.0.0.1"
    argv[argv.index("--port") + 1] = str(port)
    assert argv[0] == "editcheck"
    return [sys.executable, "-m", "editcheck", *argv[1:]]


@pytest.mark.parametrize(
    "cmd", [None, ["--allow-host", "editcheck.internal"]], ids=["default", "named"]
)
def test_the_servers_command_and_health_check_work_together(
    tmp_path: Path, cmd: list[str] | None
) -> None:
    port = free_port()
    given = _exec_form(_one("CMD")) if cmd is None else cmd
    env = {k: v for k, v in os.environ.items() if not k.startswith("EDITCHECK_")}
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            _container_command(port, given), cwd=tmp_path, env=env, stdout=out, stderr=out
        )
    server = Server("127.0.0.1", port, tmp_path, proc)
    _, _, command = _one("HEALTHCHECK").partition(" CMD ")
    probe = _exec_form(command)
    probe = [sys.executable, *probe[1:-1], probe[-1].replace(":8750/", f":{port}/")]
    try:
        deadline = time.monotonic() + 60
        while subprocess.run(probe, capture_output=True).returncode != 0:
            assert proc.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)
        # the allow-list is what the command says: others get 421, named ones an answer
        assert server.get("/healthz", headers={"Host": "rebound.example"}).status == 421
        named = "127.0.0.1" if cmd is None else "editcheck.internal"
        assert server.get("/healthz", headers={"Host": f"{named}:8750"}).status == 200
    finally:
        proc.terminate()
        proc.wait(15)
