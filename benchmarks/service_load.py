"""Load-test ``editcheck serve`` on loopback: latency at a fixed rate, and peak throughput.

    python benchmarks/service_load.py                       # 1 and 2 workers, defaults
    python benchmarks/service_load.py --workers 2 --rate 50 --duration 10 --clients 8

For each worker count it starts a real server on a free 127.0.0.1 port (the only address
this script ever sends to), warms it up, then runs two phases on the distinct 1,000-word
drafts of ``corpus.py`` (``--drafts``, HTML or text as they are):

* fixed rate: ``--rate`` requests per second for ``--duration`` seconds, open loop.
  Latency is measured from each request's *scheduled* time, so a server that falls
  behind shows it (no coordinated omission).
* saturation: ``--clients`` closed-loop clients for ``--duration`` seconds; throughput
  is answered requests per second.

No whole text is sent twice to one server: request i gets draft ``i mod D`` with its
paragraphs rotated by ``i div D`` places, so textstat's whole-text cache never hits
(paragraphs do recur after D requests, as they would not in a newsroom; the count is
printed). The wrk load generator (``--wrk``) cycles over the D drafts unrotated. Beside
each phase's latency and throughput it reports the server's CPU (the process and its
workers, from /proc) per request, the load generator's own CPU, and the load average.

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

from corpus import Draft, drafts
from measure import children_cpu, loadavg

HOST = "127.0.0.1"  # loopback only, by design
ROOT = Path(__file__).resolve().parent.parent
MAX_DURATION = 60.0
MAX_REQUESTS = 100_000


_HTML_BLOCK = re.compile(r"<ul>.*?</ul>|<blockquote>.*?</blockquote>|<(h1|h2|p)>.*?</\1>", re.S)


def chunks(d: Draft) -> tuple[str, list[str]]:
    """A draft's top-level blocks, to rotate: HTML elements, or text paragraphs."""
    if d.kind == "html":
        return "html", [m.group(0) for m in _HTML_BLOCK.finditer(d.content)]
    return "text", d.content.strip().split("\n\n")


class Bodies:
    """Request bodies, none repeated: draft ``i mod D`` rotated by ``i div D`` blocks."""

    def __init__(self, ds: list[Draft], select: list[str]) -> None:
        self.parts = [chunks(d) for d in ds]
        self.select = {"select": select} if select else {}

    def __len__(self) -> int:
        return len(self.parts)

    def __getitem__(self, i: int) -> bytes:
        kind, blocks = self.parts[i % len(self.parts)]
        k = (i // len(self.parts)) % len(blocks)
        text = ("\n" if kind == "html" else "\n\n").join(blocks[k:] + blocks[:k])
        return json.dumps({kind: text, **self.select}).encode()


def tree_cpu(pid: int) -> float:
    """CPU seconds (user + system) of a live process and all its live descendants."""
    tick = os.sysconf("SC_CLK_TCK")
    stats: dict[int, tuple[int, float]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        stats[int(entry)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / tick)
    total, todo = 0.0, [pid]
    while todo:
        p = todo.pop()
        total += stats.get(p, (0, 0.0))[1]
        todo += [c for c, (ppid, _) in stats.items() if ppid == p]
    return total


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

        return {
            "phase": self.name,
            "answered": len(lat),
            "failed": self.failures,
            "seconds": round(self.elapsed, 2),
            "req_per_s": round(len(lat) / self.elapsed, 1) if self.elapsed else 0.0,
            "p50_ms": pct(0.50),
            "p99_ms": pct(0.99),
            "max_ms": pct(1.0),
        }


class Client:
    """One keep-alive connection per thread; every request a body not sent before."""

    def __init__(self, port: int, bodies: Bodies) -> None:
        self.port = port
        self.bodies = bodies
        self.local = threading.local()
        self.next = 0
        self.lock = threading.Lock()

    def sent(self) -> int:
        """How many bodies have been handed out so far."""
        with self.lock:
            return self.next

    def send(self) -> bool:
        """POST the next body; a kept-alive connection the server closed is reopened once."""
        with self.lock:
            i, self.next = self.next, self.next + 1
        body = self.bodies[i]
        for attempt in (1, 2):
            conn = getattr(self.local, "conn", None)
            reused = conn is not None
            if conn is None:
                conn = self.local.conn = self._connect()
            try:
                conn.request(
                    "POST", "/v1/check", body=body, headers={"Content-Type": "application/json"}
                )
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

    def one(scheduled: float) -> None:
        ok = client.send()
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
            pool.submit(one, scheduled)
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
            ok = client.send()
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


def saturate_wrk(port: int, bodies: Bodies, clients: int, duration: float) -> dict:
    """Saturation measured with wrk (C, one thread), so the load generator's own CPU use
    takes far less from the server than Python client threads do. wrk cycles over the
    D distinct drafts (rotated once past the ones the earlier phases sent)."""
    with tempfile.TemporaryDirectory() as tmp:
        lua = Path(tmp, "post.lua")
        first = len(bodies) * 7  # rotation 7: past what the fixed-rate phase sends by default
        bodies_lua = ",\n".join(
            "[==[" + bodies[first + j].decode("utf-8") + "]==]" for j in range(len(bodies))
        )
        lua.write_text(
            "local bodies = {" + bodies_lua + "}\nlocal i = 0\n"
            "request = function()\n  i = i % #bodies + 1\n"
            '  return wrk.format("POST", "/v1/check", '
            '{["Content-Type"] = "application/json"}, bodies[i])\nend\n',
            encoding="utf-8",
        )
        out = subprocess.run(
            [
                "wrk",
                "-t1",
                f"-c{clients}",
                f"-d{int(min(duration, MAX_DURATION))}s",
                "--latency",
                "-s",
                str(lua),
                f"http://{HOST}:{port}/",
            ],
            capture_output=True,
            text=True,
            timeout=MAX_DURATION + 30,
            check=True,
        ).stdout
    answered = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    seconds = float(re.search(r"requests in ([\d.]+)s", out).group(1))  # type: ignore[union-attr]
    pcts = {q: _ms(v) for q, v in re.findall(r"^\s+(50|99)%\s+(\S+)", out, re.M)}
    latency_max = re.search(r"Latency\s+\S+\s+\S+\s+(\S+)", out)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    failed = int(errors.group(1)) if errors else 0
    return {
        "phase": f"saturation (wrk), {clients} conn",
        "answered": answered - failed,
        "failed": failed,
        "seconds": seconds,
        "req_per_s": round((answered - failed) / seconds, 1),
        "p50_ms": pcts.get("50", 0.0),
        "p99_ms": pcts.get("99", 0.0),
        "max_ms": _ms(latency_max.group(1)) if latency_max else 0.0,
    }


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
    cmd = [
        sys.executable,
        "-m",
        "editcheck",
        "serve",
        "--host",
        HOST,
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--config",
        str(config),
        "--log-level",
        "warning",
    ]
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


def measured(proc: subprocess.Popen[bytes], client: Client, phase: object) -> dict:
    """Run ``phase()`` and add the server's and the load generator's CPU (this process, and
    wrk when it runs) and the load average."""
    load, server0, sent0 = loadavg(), tree_cpu(proc.pid), client.sent()
    own0 = time.process_time() + children_cpu()
    result = phase()  # type: ignore[operator]
    summary = result if isinstance(result, dict) else result.summary()
    server = tree_cpu(proc.pid) - server0
    answered = max(1, int(summary["answered"]))
    summary.update(
        server_cpu_s=round(server, 2),
        server_cpu_ms_per_req=round(server * 1000 / answered, 2),
        client_cpu_s=round(time.process_time() + children_cpu() - own0, 2),
        bodies_sent=client.sent() - sent0,
        load_avg_at_start=load[0],
        load_avg_at_end=loadavg()[0],
    )
    return summary


def run(workers: int, args: argparse.Namespace, bodies: Bodies, config: Path) -> list[dict]:
    proc, port = start_server(workers, config)
    try:
        client = Client(port, bodies)
        for _ in range(20 * workers):  # warm up every worker's plugins and caches
            client.send()
        results = [
            measured(
                proc, client, lambda: fixed_rate(client, args.rate, args.duration, args.clients * 2)
            )
        ]
        if args.wrk:
            results.append(
                measured(
                    proc, client, lambda: saturate_wrk(port, bodies, args.clients, args.duration)
                )
            )
        else:
            results.append(
                measured(proc, client, lambda: saturate(client, args.clients, args.duration))
            )
        for r in results:
            r.update(workers=workers)
        return results
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def breakdown(bodies: Bodies, config: Path, rounds: int = 40) -> None:
    """Where one request's time goes, measured in this process (no HTTP)."""
    from editcheck.document import load_html
    from editcheck.service.handler import CheckHandler
    from editcheck.service.requests import check_request, parse_json
    from editcheck.service.settings import ServiceSettings

    engine = CheckHandler(ServiceSettings(config=config))
    reqs = [check_request(parse_json(bodies[i])) for i in range(rounds)]
    for i in range(3):  # rotated copies: not the drafts measured below
        engine.check(check_request(parse_json(bodies[len(bodies) + i])), None)
    engine.checker.plan.timings.clear()
    t0, c0 = time.perf_counter(), time.process_time()
    answers = [engine.check(reqs[i % len(reqs)], None) for i in range(rounds)]
    whole = (time.perf_counter() - t0) / rounds
    whole_cpu = (time.process_time() - c0) / rounds
    t0 = time.perf_counter()
    for i in range(rounds):
        load_html(reqs[i % len(reqs)].content)  # type: ignore[arg-type]
    parse = (time.perf_counter() - t0) / rounds
    t0 = time.perf_counter()
    for a in answers:  # as starlette's JSONResponse renders it
        json.dumps(
            a, ensure_ascii=False, allow_nan=False, indent=None, separators=(",", ":")
        ).encode("utf-8")
    encode = (time.perf_counter() - t0) / rounds
    print(
        f"one request: {whole * 1000:.1f} ms wall, {whole_cpu * 1000:.1f} ms CPU = parse "
        f"{parse * 1000:.1f} ms + checks + answer; encoding the answer {encode * 1000:.2f} ms"
    )
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
    parser.add_argument(
        "--drafts",
        type=int,
        default=400,
        help="distinct 1,000-word corpus drafts (fewer if it runs out)",
    )
    parser.add_argument(
        "--config", type=Path, help="server config (default: an empty one: every installed plugin)"
    )
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument(
        "--wrk",
        action="store_true",
        help="saturate with wrk (Debian package) instead of Python threads",
    )
    parser.add_argument(
        "--breakdown",
        action="store_true",
        help="time the parts of one request in-process; no load test",
    )
    args = parser.parse_args()
    args.duration = min(args.duration, MAX_DURATION)
    ds = drafts(1000, args.drafts)
    words = sum(d.words for d in ds) // len(ds)
    bodies = Bodies(ds, args.select)
    print(
        f"drafts: {len(ds)} distinct of ~{words} words (request i: draft i mod {len(ds)}, "
        f"rotated by i div {len(ds)}); cpus: {os.cpu_count()}; "
        f"load average now: {' '.join(map(str, loadavg()))}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        config = args.config.resolve() if args.config else Path(tmp) / "editcheck.toml"
        if not args.config:
            config.write_text("", encoding="utf-8")
        if args.breakdown:
            breakdown(bodies, config)
            return
        results = [r for w in args.workers for r in run(w, args, bodies, config)]
    for r in results:
        print(
            f"workers={r['workers']} {r['phase']:<24} answered={r['answered']:<6} "
            f"failed={r['failed']:<3} {r['req_per_s']:>7} req/s  p50={r['p50_ms']} ms  "
            f"p99={r['p99_ms']} ms  max={r['max_ms']} ms  server CPU "
            f"{r['server_cpu_ms_per_req']} ms/req, load generator CPU {r['client_cpu_s']} s "
            f"(load avg {r['load_avg_at_start']} -> {r['load_avg_at_end']})"
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
