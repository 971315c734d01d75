"""Many requests at once: every one answered, each with the CLI's annotations."""

from __future__ import annotations

import http.client
import json
import socket
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from .servicekit import (
    SEED_HTML,
    Server,
    cli_reports,
    needs_serve,
    start_server,
    stop_server,
    write_config,
)

pytestmark = needs_serve

ENV_TOKEN = "token-from-the-environment"
REQUESTS = 1000  # bounded: the machine's 2 cores are shared with other developers
THREADS = 16
DRAFTS = {
    "short.html": "<p>Officials said the zzplan is reportedly doomed.</p>"
    "<p>zzspan <b>across</b> markup zzend</p><p>6 hours ago</p>",
    "emoji.txt": "Fans 🎉 cheered zzloudly.\n\n5\nAt least 16 people came, zzthey said.\n",
    "table.html": "<table><tr><td>zzcell one</td><td>2</td></tr></table>"
    "<p>Experts say 40% of readers agree.</p>",
}


def _drafts(folder: Path) -> dict[str, tuple[Path, dict[str, Any]]]:
    out = {"seed": (SEED_HTML, {"html": SEED_HTML.read_text(encoding="utf-8")})}
    for name, content in DRAFTS.items():
        path = folder / name
        path.write_text(content, encoding="utf-8")
        out[name] = (path, {("html" if name.endswith(".html") else "text"): content})
    for path, body in out.values():
        body["source"] = str(path)
    return out


@pytest.fixture(scope="module")
def two_workers(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Two worker processes, the token from EDITCHECK_TOKEN, the default time budget."""
    folder = tmp_path_factory.mktemp("two-workers")
    server = start_server(
        write_config(folder),
        "--workers",
        "2",
        cwd=folder,
        token=ENV_TOKEN,
        env={"EDITCHECK_TOKEN": ENV_TOKEN},
    )
    yield server
    stop_server(server)


def test_1000_requests_from_16_threads_all_match_the_cli(
    two_workers: Server, tmp_path: Path
) -> None:
    service = two_workers
    drafts = _drafts(tmp_path)
    names = list(drafts)
    expected = {
        name: report["annotations"]
        for name, report in zip(
            names, cli_reports(service.config, *(drafts[n][0] for n in names)), strict=True
        )
    }
    assert all(expected.values()), "every draft should have annotations to compare"
    bodies = {n: json.dumps(drafts[n][1]).encode() for n in names}
    local = threading.local()
    results: Counter[str] = Counter()
    lock = threading.Lock()
    conns: list[http.client.HTTPConnection] = []

    def one(i: int) -> None:
        name = "seed" if i % 25 == 0 else names[1 + i % (len(names) - 1)]
        conn = getattr(local, "conn", None)
        if conn is None:
            conn = local.conn = http.client.HTTPConnection(service.host, service.port, timeout=60)
            with lock:
                conns.append(conn)
        conn.request(
            "POST",
            "/v1/check",
            body=bodies[name],
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {ENV_TOKEN}"},
        )
        resp = conn.getresponse()
        data = resp.read()
        answer = json.loads(data)
        same = resp.status == 200 and answer["report"]["annotations"] == expected[name]
        with lock:
            results[
                "same" if same else f"different:{name}:{resp.status}:{answer.get('timed_out')}"
            ] += 1

    try:
        with ThreadPoolExecutor(THREADS) as pool:
            list(pool.map(one, range(REQUESTS)))
    finally:
        for conn in conns:
            conn.close()
    assert results == Counter({"same": REQUESTS})


def test_two_workers_answer_without_a_nagle_stall(two_workers: Server) -> None:
    """A multi-worker server once added ~40 ms to every answer (Nagle + delayed ACK)."""
    conn = http.client.HTTPConnection(two_workers.host, two_workers.port, timeout=30)
    conn.connect()
    conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    body = json.dumps({"text": "A short draft.", "select": ["core/long-sentence"]}).encode()
    times = []
    try:
        for _ in range(31):
            started = time.perf_counter()
            conn.request(
                "POST",
                "/v1/check",
                body=body,
                headers={
                    "Content-Type": "application/json",
                    "Authorization": f"Bearer {ENV_TOKEN}",
                },
            )
            conn.getresponse().read()
            times.append(time.perf_counter() - started)
    finally:
        conn.close()
    assert sorted(times)[15] < 0.030, f"median {sorted(times)[15] * 1000:.1f} ms"


def test_every_worker_takes_the_token_from_the_environment(two_workers: Server) -> None:
    for _ in range(6):  # connections are spread over both workers
        assert two_workers.post("/v1/check", {"text": "x"}, auth=False).status == 401
        assert two_workers.post("/v1/check", {"text": "x"}).status == 200
