"""Soak ``editcheck serve`` on 127.0.0.1: valid, hostile and slow clients at once, one
worker killed with SIGKILL halfway, memory watched throughout.

    python benchmarks/soak.py                  # 5 minutes, 2 workers
    python benchmarks/soak.py --duration 60    # a short run

It starts a real server (``--workers``, defaults otherwise: 2 MB bodies, 5 s budget, the
memory limit) on a free loopback port, the only address it sends to, and runs until
``--duration`` seconds have passed:

- valid clients (``--valid``, keep-alive): the repository's fixture drafts, round robin;
  every answer must be a 200 with a verdict;
- a hostile client: :func:`editcheck.testing.hostile.hostile_cases` at ``--scale`` and
  malformed bodies; any 500, or an answer without a verdict or a problem, is an error;
- a slow client: connections that send half their headers, trickle a body, or sit idle,
  about ``--slow`` of them open at a time; the server must drop them (408, close) without
  hurting the others;
- a probe: ``/healthz`` every 100 ms;
- at half time one worker is killed with SIGKILL. A request that fails by a dropped
  connection, or a 503, within ``--kill-window`` seconds after the kill is counted as "on
  the killed worker"; every other failure is unexpected.

Every ``--sample`` seconds it records the resident memory of each worker and each check
process; the summary prints the series and whether it is flat after warm-up (the first
fifth of the run), the p50/p99 of valid requests, and the load average (the machine is
shared: latencies depend on it).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


class Server:
    def __init__(self, workers: int, folder: Path) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.log = folder / "serve.log"
        env = {k: v for k, v in os.environ.items() if not k.startswith("EDITCHECK_SERVE")}
        cmd = [sys.executable, "-m", "editcheck", "serve", "--port", str(self.port)]
        cmd += ["--workers", str(workers), "--log-level", "warning"]
        with self.log.open("wb") as out:
            self.proc = subprocess.Popen(cmd, stdout=out, stderr=out, env=env)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                status, body = request(self.port, "GET", "/readyz")
                if status == 200 and json.loads(body)["workers"]["up"] == workers:
                    return
            except (OSError, ValueError, KeyError):
                pass
            time.sleep(0.3)
        raise SystemExit(f"the server did not start: {self.log.read_text()[-2000:]}")

    def workers(self) -> list[int]:
        return _spawned_children(self.proc.pid)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def _spawned_children(pid: int) -> list[int]:
    """Children of ``pid`` started by multiprocessing's spawn (not its resource tracker)."""
    found = []
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return []
    for task in tasks:
        try:
            children = (task / "children").read_text().split()
        except OSError:
            continue
        for child in children:
            try:
                if b"spawn_main" in Path(f"/proc/{child}/cmdline").read_bytes():
                    found.append(int(child))
            except OSError:
                pass
    return sorted(found)


def rss_mb(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError):
        return None


def request(
    port: int,
    method: str,
    path: str,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
    conn: http.client.HTTPConnection | None = None,
    timeout: float = 60,
) -> tuple[int, bytes]:
    own = conn is None
    conn = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        if own:
            conn.close()


class Soak:
    def __init__(self, server: Server, args: argparse.Namespace) -> None:
        self.server = server
        self.args = args
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.started = time.monotonic()
        self.kill_at: float | None = None
        self.valid_ms: list[float] = []
        self.counts: Counter[str] = Counter()
        self.unexpected: list[str] = []
        self.on_killed: list[str] = []
        self.health_ms: list[float] = []
        self.memory: list[tuple[float, dict[int, float], dict[int, float]]] = []

    def failed(self, who: str, what: str, dropped: bool) -> None:
        """A failure: "on the killed worker" when it is a dropped connection or a 503
        shortly after the kill, else unexpected."""
        now = time.monotonic()
        line = f"{now - self.started:6.1f} s {who}: {what}"
        with self.lock:
            near_kill = (
                self.kill_at is not None and 0 <= now - self.kill_at <= self.args.kill_window
            )
            (self.on_killed if dropped and near_kill else self.unexpected).append(line)

    # -- clients --

    def valid_client(self, drafts: list[tuple[str, str]], seed: int) -> None:
        rng = random.Random(seed)
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=60)
        while not self.stop.is_set():
            field, text = rng.choice(drafts)
            body = json.dumps({field: text}).encode()
            started = time.perf_counter()
            try:
                status, reply = request(
                    self.server.port,
                    "POST",
                    "/v1/check",
                    body,
                    {"Content-Type": "application/json"},
                    conn=conn,
                )
            except (OSError, http.client.HTTPException) as exc:
                self.failed("valid", f"{type(exc).__name__}: {exc}", dropped=True)
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=60)
                continue
            ms = (time.perf_counter() - started) * 1000
            if status == 200 and "verdict" in json.loads(reply):
                with self.lock:
                    self.valid_ms.append(ms)
                    self.counts["valid ok"] += 1
            else:
                self.failed("valid", f"HTTP {status}: {reply[:120]!r}", dropped=status == 503)
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=60)
        conn.close()

    def hostile_client(self) -> None:
        from editcheck.testing.hostile import hostile_cases

        bodies = []
        for case in hostile_cases(self.args.scale):
            field = "html" if case.media_type == "text/html" else "text"
            bodies.append(json.dumps({field: case.data.decode("utf-8", "replace")}).encode())
        bodies += [b'{"text": ', b"[" * 50_000 + b"]" * 50_000, b'{"text": 5}', b"null", b""]
        i = 0
        while not self.stop.is_set():
            body = bodies[i % len(bodies)]
            i += 1
            try:
                status, reply = request(
                    self.server.port,
                    "POST",
                    "/v1/check",
                    body,
                    {"Content-Type": "application/json"},
                )
            except (OSError, http.client.HTTPException) as exc:
                self.failed("hostile", f"{type(exc).__name__}: {exc}", dropped=True)
                continue
            try:
                answer = json.loads(reply)
            except ValueError:
                answer = {}
            if status == 500 or (status == 200 and "verdict" not in answer):
                self.failed("hostile", f"HTTP {status}: {reply[:120]!r}", dropped=False)
            elif (
                status == 200
                and answer.get("report", {}).get("errors")
                and answer["verdict"] == "pass"
            ):
                self.failed("hostile", "work cut but verdict pass", dropped=False)
            elif status == 503 and b"check-process-died" in reply:
                self.failed("hostile", "check process died", dropped=True)
            else:
                with self.lock:
                    self.counts[f"hostile {status}"] += 1

    def slow_client(self) -> None:
        """Keep about ``--slow`` slow sockets open: half headers, a trickled body, idle."""
        port = self.server.port
        open_socks: list[tuple[socket.socket, float, str]] = []
        kinds = ("half headers", "trickled body", "idle")
        n = 0
        while not self.stop.is_set():
            now = time.monotonic()
            while len(open_socks) < self.args.slow:
                kind = kinds[n % 3]
                n += 1
                try:
                    s = socket.create_connection(("127.0.0.1", port), timeout=5)
                    if kind == "half headers":
                        s.sendall(b"POST /v1/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Ty")
                    elif kind == "trickled body":
                        s.sendall(
                            b"POST /v1/check HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            b"Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"
                        )
                    open_socks.append((s, now, kind))
                    with self.lock:
                        self.counts[f"slow {kind}"] += 1
                except OSError as exc:
                    self.failed("slow", f"connect: {exc}", dropped=True)
                    break
            keep = []
            for s, since, kind in open_socks:
                try:
                    if kind == "trickled body":
                        s.sendall(b" ")
                    if now - since > 30:  # long enough for any read timeout to fire
                        s.close()
                        continue
                    keep.append((s, since, kind))
                except OSError:
                    s.close()  # the server gave up on it: that is the point
                    with self.lock:
                        self.counts["slow dropped by the server"] += 1
            open_socks = keep
            self.stop.wait(0.5)
        for s, _, _ in open_socks:
            s.close()

    def probe(self) -> None:
        while not self.stop.is_set():
            started = time.perf_counter()
            try:
                status, _ = request(self.server.port, "GET", "/healthz", timeout=5)
                if status != 200:
                    self.failed("healthz", f"HTTP {status}", dropped=status == 503)
            except (OSError, http.client.HTTPException) as exc:
                self.failed("healthz", f"{type(exc).__name__}", dropped=True)
            with self.lock:
                self.health_ms.append((time.perf_counter() - started) * 1000)
            self.stop.wait(0.1)

    # -- the run --

    def sample_memory(self) -> None:
        workers = self.server.workers()
        w = {pid: rss_mb(pid) or 0.0 for pid in workers}
        c = {pid: rss_mb(pid) or 0.0 for wp in workers for pid in _spawned_children(wp)}
        self.memory.append((time.monotonic() - self.started, w, c))

    def run(self, drafts: list[tuple[str, str]]) -> None:
        threads = [
            threading.Thread(target=self.valid_client, args=(drafts, i), daemon=True)
            for i in range(self.args.valid)
        ]
        threads += [
            threading.Thread(target=self.hostile_client, daemon=True),
            threading.Thread(target=self.slow_client, daemon=True),
            threading.Thread(target=self.probe, daemon=True),
        ]
        for t in threads:
            t.start()
        end = self.started + self.args.duration
        half = self.started + self.args.duration / 2
        next_sample = self.started
        while time.monotonic() < end:
            now = time.monotonic()
            if self.kill_at is None and now >= half:
                victim = self.server.workers()[0]
                with self.lock:
                    self.kill_at = time.monotonic()
                os.kill(victim, signal.SIGKILL)
                print(f"{now - self.started:.1f} s: SIGKILL to worker {victim}", flush=True)
            if now >= next_sample:
                self.sample_memory()
                next_sample += self.args.sample
            time.sleep(0.2)
        self.stop.set()
        for t in threads:
            t.join(timeout=40)


def fixture_drafts(most: int) -> list[tuple[str, str]]:
    paths = sorted(ROOT.glob("fixtures/**/*.html")) + sorted(ROOT.glob("fixtures/**/*.txt"))
    random.Random(3).shuffle(paths)
    out = []
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        if 200 < len(text) < 200_000:
            out.append(("html" if path.suffix == ".html" else "text", text))
        if len(out) >= most:
            break
    return out


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[int(q * (len(ordered) - 1))] if ordered else float("nan")


def report(soak: Soak, load: list[str]) -> None:
    print(
        f"\nload average at start {' '.join(load)}, at end "
        f"{' '.join(Path('/proc/loadavg').read_text().split()[:3])}"
    )
    print(
        f"duration {soak.args.duration:g} s, {soak.args.valid} valid clients, "
        f"{soak.args.slow} slow sockets, hostile scale {soak.args.scale:g}"
    )
    for key, count in sorted(soak.counts.items()):
        print(f"  {key}: {count}")
    ms = soak.valid_ms
    print(
        f"valid requests: {len(ms)} answered; p50 {_pct(ms, 0.5):.0f} ms, "
        f"p99 {_pct(ms, 0.99):.0f} ms, max {max(ms, default=float('nan')):.0f} ms"
    )
    h = soak.health_ms
    print(f"/healthz: {len(h)} probes, p99 {_pct(h, 0.99):.0f} ms, max {max(h, default=0):.0f} ms")
    print(
        f"failures on the killed worker (dropped or 503 within {soak.args.kill_window:g} s "
        f"of the kill): {len(soak.on_killed)}"
    )
    for line in soak.on_killed[:10]:
        print(f"  {line}")
    print(f"UNEXPECTED errors: {len(soak.unexpected)}")
    for line in soak.unexpected[:20]:
        print(f"  {line}")
    print("\nresident memory (MB) over time: workers | check processes")
    for t, w, c in soak.memory:
        ws = " ".join(f"{pid}:{mb:.0f}" for pid, mb in sorted(w.items()))
        cs = " ".join(f"{pid}:{mb:.0f}" for pid, mb in sorted(c.items()))
        print(f"  {t:6.1f} s  {ws} | {cs}")
    warm = soak.args.duration / 5
    for label, index in (("worker", 1), ("check process", 2)):
        series: dict[int, list[float]] = {}
        for sample in soak.memory:
            if sample[0] >= warm:
                for pid, mb in sample[index].items():  # type: ignore[attr-defined]
                    series.setdefault(pid, []).append(mb)
        for pid, values in sorted(series.items()):
            if len(values) >= 2:
                print(
                    f"{label} {pid}: after warm-up {values[0]:.0f} -> {values[-1]:.0f} MB "
                    f"(min {min(values):.0f}, max {max(values):.0f})"
                )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=300.0, help="seconds (default 5 min)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--valid", type=int, default=2, help="valid keep-alive clients")
    parser.add_argument("--slow", type=int, default=60, help="slow sockets kept open")
    parser.add_argument("--scale", type=float, default=0.05, help="hostile case scale")
    parser.add_argument("--sample", type=float, default=10.0, help="seconds between samples")
    parser.add_argument("--kill-window", type=float, default=5.0)
    parser.add_argument("--drafts", type=int, default=200, help="fixture drafts to cycle")
    args = parser.parse_args()
    load = Path("/proc/loadavg").read_text().split()[:3]
    folder = Path(tempfile.mkdtemp(prefix="soak-"))
    server = Server(args.workers, folder)
    soak = Soak(server, args)
    try:
        soak.run(fixture_drafts(args.drafts))
    finally:
        server.stop()
    report(soak, load)
    log = server.log.read_text(errors="replace")
    print(
        f"\nserver log: {len(log.splitlines())} lines, {len(log):,} bytes; "
        f"tracebacks: {log.count('Traceback')}"
    )
    for line in log.splitlines()[-8:]:
        print(f"  {line[:160]}")


if __name__ == "__main__":
    main()
