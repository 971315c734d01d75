"""Load-test ``editcheck serve`` on loopback: latency at a fixed rate, and peak throughput.

    python benchmarks/service_load.py                       # 1 and 2 workers, defaults
    python benchmarks/service_load.py --workers 2 --rate 50 --duration 10 --clients 8

For each worker count it starts a real server on a free 127.0.0.1 port (the only address
this script ever sends to), warms it up, then runs two phases on 1,000-word HTML drafts:

* fixed rate: ``--rate`` requests per second for ``--duration`` seconds, open loop.
  Latency is measured from each request's *scheduled* time, so a server that falls
  behind shows it (no coordinated omission).
* saturation: ``--clients`` closed-loop clients for ``--duration`` seconds; throughput
  is answered requests per second.

Every phase is bounded in time and count and stops by itself. The load generator runs on
the same machine as the server and takes CPU from it, so on a 2-core machine the figures
are pessimistic; the load average at the start of each run is printed for context.
``--wrk`` runs the saturation phase with wrk (a C load generator) instead.
``--select`` narrows the rules (e.g. to measure the service's own overhead).
``--breakdown`` skips the load test and times one request's parts in-process instead:
parsing the draft, each check, and encoding the answer.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

HOST = "127.0.0.1"  # loopback only, by design
ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "seed" / "ice-shooting.html"
MAX_DURATION = 60.0
MAX_REQUESTS = 100_000


def make_drafts(count: int, words: int = 1000, seed: int = 7) -> list[str]:
    """Deterministic ~1,000-word HTML drafts built from the seed article's paragraphs."""
    paras = [p for p in re.findall(r"<p>(.*?)</p>", SEED.read_text(encoding="utf-8"), re.S)
             if len(p.split()) > 8]
    rnd = random.Random(seed)
    drafts = []
    for _ in range(count):
        chosen, total = [], 0
        while total < words:
            p = rnd.choice(paras)
            chosen.append(f"<p>{p}</p>")
            total += len(p.split())
        drafts.append("<article>\n" + "\n".join(chosen) + "\n</article>")
    return drafts


@dataclass
class Phase:
    name: str
    latencies: list[float] = field(default_factory=list)
    failures: int = 0
    elapsed: float = 0.0

    def summary(self) -> dict[str, float | int | str]:
        lat = sorted(self.latencies)

        def pct(q: float) -> float:
            return round(lat[min(len(lat) - 1, int(q * len(lat)))] * 1000, 1) if lat else 0.0

        return {"phase": self.name, "answered": len(lat), "failed": self.failures,
                "seconds": round(self.elapsed, 2),
                "req_per_s": round(len(lat) / self.elapsed, 1) if self.elapsed else 0.0,
                "p50_ms": pct(0.50), "p99_ms": pct(0.99), "max_ms": pct(1.0)}


class Client:
    """One keep-alive connection per thread."""

    def __init__(self, port: int, bodies: list[bytes]) -> None:
        self.port = port
        self.bodies = bodies
        self.local = threading.local()

    def send(self, i: int) -> bool:
        """POST draft ``i``; a kept-alive connection the server closed is reopened once."""
        for attempt in (1, 2):
            conn = getattr(self.local, "conn", None)
            reused = conn is not None
            if conn is None:
                conn = self.local.conn = self._connect()
            try:
                conn.request("POST", "/v1/check", body=self.bodies[i % len(self.bodies)],
                             headers={"Content-Type": "application/json"})
                resp = conn.getresponse()
                resp.read()
                return resp.status == 200
            except OSError:
                conn.close()
                self.local.conn = None
                if not (reused and attempt == 1):  # idle keep-alive timeouts are not failures
                    return False
        return False

    def _connect(self) -> http.client.HTTPConnection:
        conn = http.client.HTTPConnection(HOST, self.port, timeout=30)
        conn.connect()  # like curl and urllib3, do not let Nagle hold the body back
        conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return conn


def fixed_rate(client: Client, rate: float, duration: float, threads: int) -> Phase:
    phase = Phase(f"fixed {rate:g} req/s")
    lock = threading.Lock()
    n = min(int(rate * duration), MAX_REQUESTS)

    def one(i: int, scheduled: float) -> None:
        ok = client.send(i)
        done = time.perf_counter()
        with lock:
            if ok:
                phase.latencies.append(done - scheduled)
            else:
                phase.failures += 1

    start = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        for i in range(n):
            scheduled = start + i / rate
            delay = scheduled - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            pool.submit(one, i, scheduled)
    phase.elapsed = time.perf_counter() - start
    return phase


def saturate(client: Client, clients: int, duration: float) -> Phase:
    phase = Phase(f"saturation, {clients} clients")
    lock = threading.Lock()
    stop = time.perf_counter() + duration
    counter = iter(range(MAX_REQUESTS))

    def loop() -> None:
        while time.perf_counter() < stop:
            with lock:
                i = next(counter, None)
            if i is None:
                return
            t0 = time.perf_counter()
            ok = client.send(i)
            with lock:
                if ok:
                    phase.latencies.append(time.perf_counter() - t0)
                else:
                    phase.failures += 1

    start = time.perf_counter()
    workers = [threading.Thread(target=loop) for _ in range(clients)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    phase.elapsed = time.perf_counter() - start
    return phase


def saturate_wrk(port: int, bodies: list[bytes], clients: int, duration: float) -> dict:
    """Saturation measured with wrk (C, one thread), so the load generator's own CPU use
    takes far less from the server than Python client threads do."""
    with tempfile.TemporaryDirectory() as tmp:
        lua = Path(tmp, "post.lua")
        bodies_lua = ",\n".join("[==[" + b.decode("utf-8") + "]==]" for b in bodies[:16])
        lua.write_text(
            "local bodies = {" + bodies_lua + "}\nlocal i = 0\n"
            "request = function()\n  i = i % #bodies + 1\n"
            '  return wrk.format("POST", "/v1/check", '
            '{["Content-Type"] = "application/json"}, bodies[i])\nend\n',
            encoding="utf-8")
        out = subprocess.run(
            ["wrk", "-t1", f"-c{clients}", f"-d{int(min(duration, MAX_DURATION))}s", "--latency",
             "-s", str(lua), f"http://{HOST}:{port}/"],
            capture_output=True, text=True, timeout=MAX_DURATION + 30, check=True).stdout
    answered = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    seconds = float(re.search(r"requests in ([\d.]+)s", out).group(1))  # type: ignore[union-attr]
    pcts = {q: _ms(v) for q, v in re.findall(r"^\s+(50|99)%\s+(\S+)", out, re.M)}
    latency_max = re.search(r"Latency\s+\S+\s+\S+\s+(\S+)", out)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    failed = int(errors.group(1)) if errors else 0
    return {"phase": f"saturation (wrk), {clients} conn", "answered": answered - failed,
            "failed": failed, "seconds": seconds,
            "req_per_s": round((answered - failed) / seconds, 1),
            "p50_ms": pcts.get("50", 0.0), "p99_ms": pcts.get("99", 0.0),
            "max_ms": _ms(latency_max.group(1)) if latency_max else 0.0}


def _ms(value: str) -> float:
    """wrk's '812.00us', '9.42ms' or '1.02s' in milliseconds."""
    number, unit = re.match(r"([\d.]+)(\w+)", value).groups()  # type: ignore[union-attr]
    return round(float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit], 1)


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def start_server(workers: int, config: Path) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    cmd = [sys.executable, "-m", "editcheck", "serve", "--host", HOST, "--port", str(port),
           "--workers", str(workers), "--config", str(config), "--log-level", "warning"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=2)
            conn.request("GET", "/readyz")
            if conn.getresponse().status == 200:
                conn.close()
                return proc, port
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("the server did not start within 60 s")


def run(workers: int, args: argparse.Namespace, bodies: list[bytes], config: Path) -> list[dict]:
    proc, port = start_server(workers, config)
    try:
        client = Client(port, bodies)
        for i in range(20 * workers):  # warm up every worker's plugins and caches
            client.send(i)
        load = os.getloadavg()[0]
        results = [fixed_rate(client, args.rate, args.duration, args.clients * 2).summary()]
        if args.wrk:
            results.append(saturate_wrk(port, bodies, args.clients, args.duration))
        else:
            results.append(saturate(client, args.clients, args.duration).summary())
        for r in results:
            r.update(workers=workers, load_avg_at_start=round(load, 2))
        return results
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def breakdown(bodies: list[bytes], config: Path, rounds: int = 40) -> None:
    """Where one request's time goes, measured in this process (no HTTP)."""
    from editcheck.document import load_html
    from editcheck.service.handler import Engine
    from editcheck.service.requests import check_request, parse_json
    from editcheck.service.settings import ServiceSettings

    engine = Engine(ServiceSettings(config=config))
    reqs = [check_request(parse_json(b)) for b in bodies]
    for r in reqs[:3]:
        engine.check(r, None)
    engine.checker.plan.timings.clear()
    t0 = time.perf_counter()
    answers = [engine.check(reqs[i % len(reqs)], None) for i in range(rounds)]
    whole = (time.perf_counter() - t0) / rounds
    t0 = time.perf_counter()
    for i in range(rounds):
        load_html(reqs[i % len(reqs)].content)  # type: ignore[arg-type]
    parse = (time.perf_counter() - t0) / rounds
    t0 = time.perf_counter()
    for a in answers:
        json.dumps(a, ensure_ascii=False).encode()
    encode = (time.perf_counter() - t0) / rounds
    print(f"one request: {whole * 1000:.1f} ms = parse {parse * 1000:.1f} ms + checks + "
          f"answer; encoding the answer {encode * 1000:.2f} ms")
    timings = sorted(engine.checker.plan.timings.items(), key=lambda kv: -kv[1])
    for name, seconds in timings:
        print(f"  {name:<28} {seconds / rounds * 1000:7.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--rate", type=float, default=50.0, help="fixed-rate phase, req/s")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per phase")
    parser.add_argument("--clients", type=int, default=8, help="closed-loop clients")
    parser.add_argument("--select", nargs="*", default=[], help="rules to run (default: all)")
    parser.add_argument("--config", type=Path,
                        help="server config (default: an empty one: every installed plugin)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--wrk", action="store_true",
                        help="saturate with wrk (Debian package) instead of Python threads")
    parser.add_argument("--breakdown", action="store_true",
                        help="time the parts of one request in-process; no load test")
    args = parser.parse_args()
    args.duration = min(args.duration, MAX_DURATION)
    drafts = make_drafts(20)
    words = sum(len(re.sub(r"<[^>]+>", " ", d).split()) for d in drafts) // len(drafts)
    bodies = [json.dumps({"html": d, **({"select": args.select} if args.select else {})}).encode()
              for d in drafts]
    print(f"drafts: {len(drafts)} of ~{words} words; cpus: {os.cpu_count()}; "
          f"load average now: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        config = args.config.resolve() if args.config else Path(tmp) / "editcheck.toml"
        if not args.config:
            config.write_text("", encoding="utf-8")
        if args.breakdown:
            breakdown(bodies, config)
            return
        results = [r for w in args.workers for r in run(w, args, bodies, config)]
    for r in results:
        print(f"workers={r['workers']} {r['phase']:<24} answered={r['answered']:<6} "
              f"failed={r['failed']:<3} {r['req_per_s']:>7} req/s  p50={r['p50_ms']} ms  "
              f"p99={r['p99_ms']} ms  max={r['max_ms']} ms  (load avg {r['load_avg_at_start']})")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
