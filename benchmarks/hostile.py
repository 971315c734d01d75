"""Hostile and broken input at full size, through the Python API, the CLI and a live
service: each case must end without a traceback, never get a 500, and cost no more than
the floors (2 s per MB of input, 25 times the input in added memory).

    python benchmarks/hostile.py [--via api,cli,service] [--only TEXT] [--kind run]
                                 [--scale 1.0] [--timeout 90] [--json out.json]

The cases are :func:`editcheck.testing.hostile.hostile_cases` (classes: runs of one
character, one phrase repeated, markup nested or flooded, charsets, bytes that are not
text) plus the issue-11 cases by name (rows marked ``#11``) and, for the service, raw
requests (bad JSON, wrong types, wrong headers).

- ``api``: each case in its own forked process (a time limit, an address-space limit),
  with CPU and wall seconds and the peak resident memory it added (Linux: the peak is
  reset with ``/proc/self/clear_refs`` so only the case's own memory counts).
- ``cli``: every case written to a file and checked in one ``editcheck check --format
  jsonl`` run (``--cli-each``: one run per case, timed past a cold start); a traceback
  on stderr, an exit status of 3 or above, or a draft neither reported nor refused in
  one line, is a failure.
- ``service``: one ``editcheck serve`` on 127.0.0.1 with its defaults (2 MB body, 5 s
  budget, 1 worker); every draft goes in as JSON; any 500, a dropped connection or an
  answer without a verdict is a failure; a thread probes ``/healthz`` every 50 ms
  throughout and its slowest answer is reported (floor: 100 ms).

To measure another checkout's code, put its ``src`` first: ``PYTHONPATH=/path/src``.
Timings depend on the machine's load: the summary prints the load average.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import queue
import resource
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MB = 1_000_000
FLOOR_SECONDS_PER_MB = 2.0
FLOOR_MEMORY_MULTIPLE = 25.0
FLOOR_FROM_BYTES = 100_000  # below this the fixed cost of a run dominates both figures
HEALTH_MS = 100.0
SERVICE_MAX_BODY = 2_000_000  # editcheck serve's default --max-body-bytes


@dataclass
class Case:
    name: str
    kind: str
    make: Callable[[], bytes]
    media_type: str


def issue_cases() -> list[Case]:
    """The issue-11 cases by name, as first measured."""

    def flood_comments(n: int) -> bytes:
        body = "".join(
            f"<!-- editcheck-disable acme/r{i} --><p>Para {i} said so.</p>" for i in range(n)
        )
        return f"<body>{body}</body>".encode()

    def big_ignore() -> bytes:
        rules = " ".join(f"acme/rule-{i}" for i in range(100_000 // 14))
        paras = "<p>The council met on Tuesday.</p>" * 2_000
        return f'<div data-editcheck-ignore="{rules}">{paras}</div>'.encode()

    def nested(depth: int) -> bytes:
        opening = "".join(
            f'<div data-editcheck-ignore="acme/r{i}"><p>Level {i}.</p>' for i in range(depth)
        )
        return (opening + "</div>" * depth).encode()

    html, plain = "text/html", "text/plain"
    return [
        Case("#11 20 KB of '!' with no space", "#11", lambda: b"Wow" + b"!" * 20_000 + b"x", plain),
        Case("#11 40 KB of '!' with no space", "#11", lambda: b"Wow" + b"!" * 40_000 + b"x", plain),
        Case("#11 5,000 suppression comments", "#11", lambda: flood_comments(5_000), html),
        Case("#11 169 KB draft, 100 KB data-editcheck-ignore", "#11", big_ignore, html),
        Case("#11 2,000 nested data-editcheck-ignore", "#11", lambda: nested(2_000), html),
        Case(
            "#11 1 MB of zero-width characters",
            "#11",
            lambda: "a\u200b".encode() * (MB // 4),
            plain,
        ),
        Case(
            "#11 100,000 numerals in one sentence",
            "#11",
            lambda: b"Figures " + b"3 " * 100_000,
            plain,
        ),
        Case(
            "#11 20,000 capitalised words then scores",
            "#11",
            lambda: b"Team " * 20_000 + b"3 x 2 y",
            plain,
        ),
        Case(
            "#11 50,000 'XX' placeholders",
            "#11",
            lambda: b"<p>" + b"pay XX now " * 50_000 + b"</p>",
            html,
        ),
        Case(
            "#11 100 KB of spaces in a text line",
            "#11",
            lambda: b"By" + b" " * 100_000 + b"x 5 y",
            plain,
        ),
        Case("#11 100 KB of newlines and tabs", "#11", lambda: b"a\n\t" * 33_000 + b"said", plain),
        Case(
            "#11 1.6 MB single paragraph with figures",
            "#11",
            lambda: b"<p>" + b"Sales rose 5% to 300 units, officials said and " * 33_000 + b"</p>",
            html,
        ),
    ]


def all_cases(scale: float) -> list[Case]:
    from editcheck.testing.hostile import hostile_cases

    found = issue_cases() if scale == 1.0 else []
    for c in hostile_cases(scale):
        found.append(Case(c.name, c.kind, lambda data=c.data: data, c.media_type))
    return found


# -- the Python API, one forked process per case ------------------------------------------


def _rss_kb() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


def _peak_kb() -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _api_child(checker: Any, case: Case, limit_bytes: int, out: Any) -> None:
    from editcheck.errors import EditcheckError

    resource.setrlimit(resource.RLIMIT_AS, (limit_bytes, limit_bytes))
    data = case.make()
    try:  # reset the peak to now: the parent's past peak is not this case's
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass
    base_kb = _rss_kb()
    wall, cpu = time.perf_counter(), time.process_time()
    result: dict[str, Any] = {"bytes": len(data)}
    try:
        report = checker.check_bytes(data, source=case.name, media_type=case.media_type)
        body = json.dumps(report.to_dict())
        result.update(
            annotations=len(report.annotations),
            errors=[f"{e.check}: {e.kind}" for e in report.errors],
            notes=list(report.notes),
            verdict=report.verdict(checker.config.fail_on),
            response=len(body),
        )
    except EditcheckError as exc:
        result["refused"] = str(exc)
    except MemoryError:
        result["crash"] = f"MemoryError at the {limit_bytes / 2**30:g} GiB limit"
    except BaseException as exc:  # noqa: BLE001 - the finding is that it escaped
        result["crash"] = f"{type(exc).__name__}: {str(exc)[:80]}"
    result["seconds"] = time.perf_counter() - wall
    result["cpu"] = time.process_time() - cpu
    result["added_mb"] = max(0, _peak_kb() - base_kb) / 1024
    out.put(result)


def run_api(checker: Any, case: Case, timeout: float, limit: int) -> dict[str, Any]:
    ctx = multiprocessing.get_context("fork")
    out = ctx.Queue()
    child = ctx.Process(target=_api_child, args=(checker, case, limit, out), daemon=True)
    started = time.perf_counter()
    child.start()
    try:
        result: dict[str, Any] = out.get(timeout=timeout)
    except queue.Empty:
        code = child.exitcode
        result = {"seconds": time.perf_counter() - started, "bytes": len(case.make())}
        result["crash" if code is not None else "timeout"] = (
            f"the process died (exit {code})" if code is not None else timeout
        )
    child.kill()
    child.join()
    return result


# -- the CLI ------------------------------------------------------------------------------

CLI_START = [0.0]  # CPU seconds of `editcheck check` on an empty draft, measured once


def run_cli_batch(cases: list[Case], folder: Path, timeout: float) -> dict[str, dict[str, Any]]:
    """Every case in one ``editcheck check -f jsonl`` run (as a newsroom checks a folder):
    one cold start instead of one per case; a traceback, an exit status of 3 or more, or
    a draft neither reported nor refused in one line is a failure."""
    drafts = folder / "drafts"
    drafts.mkdir(exist_ok=True)
    names = {}
    for i, case in enumerate(cases):
        path = drafts / f"case-{i:04d}{'.html' if case.media_type == 'text/html' else '.txt'}"
        path.write_bytes(case.make())
        names[str(path)] = case
    cmd = [sys.executable, "-m", "editcheck", "check", "--format", "jsonl", *names]
    started = time.perf_counter()
    try:
        proc = subprocess.run(cmd, capture_output=True, timeout=timeout * len(cases))
    except subprocess.TimeoutExpired:
        return {c.name: {"bytes": 0, "seconds": 0.0, "timeout": timeout} for c in cases}
    seconds = time.perf_counter() - started
    stderr = proc.stderr.decode("utf-8", "replace")
    out: dict[str, dict[str, Any]] = {}
    # JSON lines end at "\n" only: a draft's U+2028 or U+0085 is inside a string
    for line in proc.stdout.decode("utf-8", "replace").split("\n"):
        if not line.strip():
            continue
        report = json.loads(line)
        case = names.get(report.get("source", ""))
        if case is not None:
            out[case.name] = {
                "bytes": 0,  # one run for all: no per-case time here (see api)
                "seconds": 0.0,
                "verdict": report.get("verdict"),
                "errors": [f"{e['check']}: {e['kind']}" for e in report.get("errors", [])],
            }
    for line in stderr.splitlines():
        for path, case in names.items():
            if line.startswith(f"editcheck: {path}:"):
                out[case.name] = {"bytes": 0, "seconds": 0.0, "refused": line[len(path) + 12 :]}
    crashed = "Traceback (most recent call last)" in stderr or proc.returncode >= 3
    for case in cases:
        if case.name not in out or crashed:
            why = f"exit {proc.returncode}: {stderr.strip()[-160:]}" if crashed else "no report"
            out.setdefault(case.name, {"bytes": 0, "seconds": 0.0})["crash"] = why
    print(f"CLI: {len(cases)} drafts in one run, {seconds:.0f} s, exit {proc.returncode}")
    return out


def measure_cli_start(folder: Path) -> None:
    empty = Case("empty", "-", lambda: b"x", "text/plain")
    runs = [run_cli(empty, folder, 120).get("cpu", 0.0) for _ in range(3)]
    CLI_START[0] = min(runs)


def run_cli(case: Case, folder: Path, timeout: float) -> dict[str, Any]:
    suffix = ".html" if case.media_type == "text/html" else ".txt"
    path = folder / f"case{suffix}"
    data = case.make()
    path.write_bytes(data)
    cmd = [sys.executable, "-m", "editcheck", "check", "--format", "json", str(path)]
    started = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result: dict[str, Any] = {"bytes": len(data)}
    try:
        proc = subprocess.run(cmd, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        result.update(seconds=time.perf_counter() - started, timeout=timeout)
        return result
    result["seconds"] = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    used = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    result["cpu"] = max(0.0, used - CLI_START[0])  # the draft's own, past a cold start
    result["exit"] = proc.returncode
    stderr = proc.stderr.decode("utf-8", "replace")
    if "Traceback (most recent call last)" in stderr or proc.returncode >= 3:
        result["crash"] = f"exit {proc.returncode}: {stderr.strip()[-160:]}"
    elif proc.returncode in (0, 1):
        try:
            (report,) = json.loads(proc.stdout)
            result["verdict"] = report.get("verdict")
            result["errors"] = [f"{e['check']}: {e['kind']}" for e in report.get("errors", [])]
        except (ValueError, TypeError) as exc:
            result["crash"] = f"unreadable JSON output: {exc}"
    else:
        result["refused"] = stderr.strip()[-120:]
    return result


# -- a live service -----------------------------------------------------------------------


class Service:
    """``editcheck serve`` on a free loopback port, with a /healthz probe thread."""

    def __init__(self, extra: list[str], folder: Path) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.log = folder / "serve.log"
        env = {k: v for k, v in os.environ.items() if not k.startswith("EDITCHECK_SERVE")}
        cmd = [sys.executable, "-m", "editcheck", "serve", "--port", str(self.port)]
        with self.log.open("wb") as out:
            self.proc = subprocess.Popen(
                [*cmd, "--log-level", "warning", *extra], stdout=out, stderr=out, env=env
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if self.request("GET", "/readyz")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        else:
            raise SystemExit(f"the service did not start: {self.log.read_text()[-2000:]}")
        self.health: list[float] = []
        self.health_failures = 0
        self.current = ""  # the case in flight, to name the slow probes
        self.slow: dict[str, float] = {}
        self._stop = threading.Event()
        self._probe = threading.Thread(target=self._probe_loop, daemon=True)
        self._probe.start()

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        timeout: float = 60,
    ) -> tuple[int, dict[str, str], bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            resp = conn.getresponse()
            return resp.status, dict(resp.getheaders()), resp.read()
        finally:
            conn.close()

    def _probe_loop(self) -> None:
        while not self._stop.is_set():
            started = time.perf_counter()
            try:
                status = self.request("GET", "/healthz", timeout=5)[0]
                if status != 200:
                    self.health_failures += 1
            except OSError:
                self.health_failures += 1
            ms = (time.perf_counter() - started) * 1000
            self.health.append(ms)
            if ms > HEALTH_MS:
                self.slow[self.current] = max(ms, self.slow.get(self.current, 0.0))
            self._stop.wait(0.05)

    def stop(self) -> None:
        self._stop.set()
        self._probe.join(timeout=10)
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def tree_cpu(pid: int) -> float:
    """CPU seconds (user + system) of ``pid`` and every process below it."""
    total, stack, tick = 0.0, [pid], os.sysconf("SC_CLK_TCK")
    while stack:
        p = stack.pop()
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
            for task in Path(f"/proc/{p}/task").iterdir():
                stack.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, ValueError, IndexError):
            continue
    return total


def draft_body(case: Case) -> bytes:
    text = case.make().decode("utf-8", "replace")
    field = "html" if case.media_type == "text/html" else "text"
    return json.dumps({field: text, "source": case.name}).encode()


def run_service(service: Service, case: Case, body: bytes | None = None) -> dict[str, Any]:
    body = draft_body(case) if body is None else body
    service.current = case.name
    started = time.perf_counter()
    cpu = tree_cpu(service.proc.pid)
    result: dict[str, Any] = {"bytes": len(case.make())}
    try:
        status, _, reply = service.request(
            "POST", "/v1/check", body, {"Content-Type": "application/json"}
        )
    except OSError as exc:
        result["seconds"] = time.perf_counter() - started
        if len(body) > SERVICE_MAX_BODY and isinstance(exc, (BrokenPipeError, ConnectionError)):
            # the server answered 413 from Content-Length and closed before the body was in
            result["refused"] = "413 before the body was sent (connection closed)"
        else:
            result["crash"] = f"no answer: {exc}"
        return result
    result["seconds"] = time.perf_counter() - started
    used = tree_cpu(service.proc.pid) - cpu  # the server's, probes included
    if used >= 0:  # negative: a killed check process took its CPU time with it
        result["cpu"] = used
    result["status"] = status
    if status >= 500 and status != 503:
        result["crash"] = f"HTTP {status}: {reply[:160]!r}"
    elif status == 200:
        try:
            answer = json.loads(reply)
            result["verdict"] = answer["verdict"]
            result["errors"] = [
                f"{e['check']}: {e['kind']}" for e in answer["report"].get("errors", [])
            ]
        except (ValueError, KeyError, TypeError) as exc:
            result["crash"] = f"an answer without a verdict: {exc}"
    else:
        try:
            problem = json.loads(reply)
            result["refused"] = f"{status} {problem.get('detail', '')}"
        except ValueError:
            result["crash"] = f"HTTP {status} without a problem body"
    return result


def raw_requests() -> list[tuple[str, str, str, dict[str, str], bytes]]:
    """Service-only hostile requests: (name, method, path, headers, body)."""
    j = {"Content-Type": "application/json"}
    deep = b"[" * 100_000 + b"]" * 100_000
    found = [
        ("malformed JSON", "POST", "/v1/check", j, b'{"text": '),
        ("JSON nested 100,000 deep", "POST", "/v1/check", j, deep),
        (
            "JSON object nested 2,000 deep",
            "POST",
            "/v1/check",
            j,
            b'{"a":' * 2000 + b"1" + b"}" * 2000,
        ),
        (
            "5,000-digit integer",
            "POST",
            "/v1/check",
            j,
            b'{"text": "x", "id": ' + b"9" * 5000 + b"}",
        ),
        ("lone surrogate escape", "POST", "/v1/check", j, b'{"text": "a\\ud800b said"}'),
        ("NUL in JSON string", "POST", "/v1/check", j, b'{"text": "a\\u0000b"}'),
        ("not UTF-8 body", "POST", "/v1/check", j, b'{"text": "caf\xe9"}'),
        ("text/plain body", "POST", "/v1/check", {"Content-Type": "text/plain"}, b'{"text": "x"}'),
        ("no Content-Type", "POST", "/v1/check", {}, b'{"text": "x"}'),
        (
            "form body",
            "POST",
            "/v1/check",
            {"Content-Type": "application/x-www-form-urlencoded"},
            b"text=x",
        ),
        ("empty body", "POST", "/v1/check", j, b""),
        ("JSON null", "POST", "/v1/check", j, b"null"),
        ("JSON list", "POST", "/v1/check", j, b"[1, 2]"),
        ("text is a number", "POST", "/v1/check", j, b'{"text": 5}'),
        ("both text and html", "POST", "/v1/check", j, b'{"text": "a", "html": "b"}'),
        ("unknown field", "POST", "/v1/check", j, b'{"text": "a", "selct": ["x"]}'),
        ("select is a string", "POST", "/v1/check", j, b'{"text": "a", "select": "core"}'),
        (
            "select of 10,000 names",
            "POST",
            "/v1/check",
            j,
            json.dumps({"text": "a", "select": [f"x/{i}" for i in range(10_000)]}).encode(),
        ),
        ("fail_on nonsense", "POST", "/v1/check", j, b'{"text": "a", "fail_on": "sometimes"}'),
        (
            "position_encoding nonsense",
            "POST",
            "/v1/check",
            j,
            b'{"text": "a", "position_encoding": "ebcdic"}',
        ),
        ("blocks not a list", "POST", "/v1/check", j, b'{"blocks": {"a": 1}}'),
        (
            "10,000 editor blocks",
            "POST",
            "/v1/check",
            j,
            json.dumps(
                {"blocks": [{"id": i, "text": "Officials said 5%."} for i in range(10_000)]}
            ).encode(),
        ),
        (
            "blocks with odd ids and tags",
            "POST",
            "/v1/check",
            j,
            json.dumps(
                {"blocks": [{"id": [1], "text": "x"}, {"id": None, "text": 2, "tag": "script"}]}
            ).encode(),
        ),
        (
            "batch of 51",
            "POST",
            "/v1/check/batch",
            j,
            json.dumps({"documents": [{"text": "a"}] * 51}).encode(),
        ),
        ("batch of nothing", "POST", "/v1/check/batch", j, b'{"documents": []}'),
        (
            "batch of 50 large drafts",
            "POST",
            "/v1/check/batch",
            j,
            json.dumps({"documents": [{"text": "Officials said 5% rose. " * 1500}] * 50}).encode(),
        ),
        ("body over the limit", "POST", "/v1/check", j, b'{"text": "' + b"a" * 3_000_000 + b'"}'),
        (
            "Content-Length that lies",
            "POST",
            "/v1/check",
            {**j, "Content-Length": "999999999"},
            b"{}",
        ),
        ("GET on /v1/check", "GET", "/v1/check", {}, b""),
        ("unknown route", "GET", "/v1/../../etc/passwd", {}, b""),
        ("static traversal", "GET", "/static/..%2f..%2fpyproject.toml", {}, b""),
        ("long URL", "GET", "/" + "a" * 60_000, {}, b""),
        ("rebound Host", "POST", "/v1/check", {**j, "Host": "evil.example"}, b'{"text": "x"}'),
        ("Host with NUL", "GET", "/healthz", {"Host": "127.0.0.1\x00evil"}, b""),
        ("many headers", "GET", "/readyz", {f"X-H{i}": "v" for i in range(90)}, b""),
        (
            "bearer header junk",
            "POST",
            "/v1/check",
            {**j, "Authorization": "Bearer " + "x" * 8000},
            b'{"text": "x"}',
        ),
        (
            "OPTIONS preflight",
            "OPTIONS",
            "/v1/check",
            {"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
            b"",
        ),
    ]
    return found


def run_raw(
    service: Service, name: str, method: str, path: str, headers: dict[str, str], body: bytes
) -> dict[str, Any]:
    started = time.perf_counter()
    service.current = name
    result: dict[str, Any] = {"bytes": len(body)}
    try:
        status, _, reply = service.request(method, path, body or None, headers)
    except (OSError, http.client.HTTPException, ValueError) as exc:
        result.update(seconds=time.perf_counter() - started)
        # a refused or reset connection for a malformed request line is the server's
        # right; the service must still be alive (the probe says)
        result["refused"] = f"connection: {type(exc).__name__}"
        return result
    result["seconds"] = time.perf_counter() - started
    result["status"] = status
    if status == 500:
        result["crash"] = f"HTTP 500: {reply[:160]!r}"
    else:
        result["refused" if status >= 400 else "verdict"] = str(status)
    return result


# -- the table ----------------------------------------------------------------------------


def describe(result: dict[str, Any]) -> str:
    if "timeout" in result:
        return f"not done after {result['timeout']:g} s (killed)"
    if "crash" in result:
        return f"CRASH: {result['crash']}"
    if "refused" in result:
        return f"refused: {str(result['refused'])[:70]}"
    text = f"{result.get('verdict')}"
    if result.get("errors"):
        text += f" ({', '.join(result['errors'])[:60]})"
    return text


def over_floor(result: dict[str, Any]) -> list[str]:
    size = result.get("bytes", 0)
    if size < FLOOR_FROM_BYTES or "seconds" not in result:
        return []
    out = []
    seconds = result.get("cpu", result["seconds"])
    if seconds / (size / MB) > FLOOR_SECONDS_PER_MB:
        out.append("time")
    if (
        result.get("added_mb") is not None
        and result["added_mb"] * 2**20 / size > FLOOR_MEMORY_MULTIPLE
    ):
        out.append("memory")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--via", default="api,cli,service", help="api, cli, service (comma list)")
    parser.add_argument("--only", default="", help="run the cases whose name holds this")
    parser.add_argument("--kind", default="", help="run one class: run, repeat, markup, ...")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every size")
    parser.add_argument("--timeout", type=float, default=90.0, help="seconds per case")
    parser.add_argument("--memory-gib", type=float, default=3.0, help="address-space limit")
    parser.add_argument("--no-plugins", action="store_true", help="built-in checks only")
    parser.add_argument("--plugins", action="store_true", help="load plugins (the default)")
    parser.add_argument(
        "--cli-each", action="store_true", help="one CLI run per case (slow: a cold start each)"
    )
    parser.add_argument("--json", help="also write every result to this file")
    args = parser.parse_args()
    if args.no_plugins:
        os.environ["EDITCHECK_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    via = [v.strip() for v in args.via.split(",") if v.strip()]
    cases = [
        c
        for c in all_cases(args.scale)
        if args.only in c.name and (not args.kind or c.kind == args.kind)
    ]
    results: dict[str, dict[str, dict[str, Any]]] = {}
    folder = Path(tempfile.mkdtemp(prefix="hostile-"))
    load_before = _load()
    service = None
    if "api" in via:
        from editcheck.api import Checker

        checker = Checker({"max-bytes": 20 * MB})
        checker.check_bytes(
            b"<p>Warm-up: the council said 5 people came.</p>", media_type="text/html"
        )
    if "cli" in via and args.cli_each:
        measure_cli_start(folder)
        print(f"cold start of the CLI: {CLI_START[0]:.2f} s CPU (subtracted)", file=sys.stderr)
    if "service" in via:
        service = Service([], folder)
    print("| case | class | via | result | s | cpu s | s/MB | added MB | x input | floor |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    try:
        for case in cases:
            for mode in via:
                if mode == "cli" and not args.cli_each:
                    continue  # all at once, below
                if mode == "api":
                    r = run_api(checker, case, args.timeout, int(args.memory_gib * 2**30))
                elif mode == "cli":
                    r = run_cli(case, folder, args.timeout)
                else:
                    assert service is not None
                    r = run_service(service, case)
                results.setdefault(case.name, {})[mode] = r
                _row(case.name, case.kind, mode, r)
        if "cli" in via and not args.cli_each:
            for name, r in run_cli_batch(cases, folder, args.timeout).items():
                results.setdefault(name, {})["cli"] = r
                kind = next(c.kind for c in cases if c.name == name)
                _row(name, kind, "cli", r)
        if service is not None:
            for name, method, path, headers, body in raw_requests():
                r = run_raw(service, name, method, path, headers, body)
                results.setdefault(name, {})["service"] = r
                _row(name, "request", "service", r)
    finally:
        if service is not None:
            service.stop()
    _summary(results, service, load_before, len(cases))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1)


def _load() -> list[str]:
    return Path("/proc/loadavg").read_text().split()[:3]


def _row(name: str, kind: str, mode: str, r: dict[str, Any]) -> None:
    size = r.get("bytes", 0)
    per_mb = f"{r.get('cpu', r['seconds']) / (size / MB):.2f}" if size >= FLOOR_FROM_BYTES else "-"
    added = r.get("added_mb")
    multiple = f"{added * 2**20 / size:.1f}" if added is not None and size else "-"
    print(
        f"| {name[:60]} | {kind} | {mode} | {describe(r)[:90]} | {r['seconds']:.2f} "
        f"| {r.get('cpu', float('nan')):.2f} | {per_mb} "
        f"| {'-' if added is None else f'{added:.0f}'} | {multiple} "
        f"| {', '.join(over_floor(r)) or 'ok'} |",
        flush=True,
    )


def _summary(
    results: dict[str, dict[str, dict[str, Any]]],
    service: Service | None,
    load_before: list[str],
    drafts: int,
) -> None:
    rows = [(name, mode, r) for name, modes in results.items() for mode, r in modes.items()]
    crashes = [(n, m) for n, m, r in rows if "crash" in r]
    timeouts = [(n, m) for n, m, r in rows if "timeout" in r]
    statuses = [r.get("status") for _, m, r in rows if m == "service"]
    cut_pass = [
        (n, m) for n, m, r in rows if r.get("errors") and r.get("verdict") == "pass"
    ]  # work was cut, yet "pass": failing open
    print(
        f"\n{drafts} hostile drafts, {len(rows)} runs; load average before "
        f"{' '.join(load_before)}, after {' '.join(_load())}"
    )
    print(f"tracebacks/crashes: {len(crashes)} {crashes[:5]}")
    print(f"killed at the case time limit: {len(timeouts)} {timeouts[:5]}")
    print(f"service responses of 500: {statuses.count(500)}")
    print(f"work cut but verdict pass: {len(cut_pass)} {cut_pass[:5]}")
    for mode in ("api", "cli", "service"):
        sized = [
            (r.get("cpu", r["seconds"]) / (r["bytes"] / MB), n)
            for n, m, r in rows
            if m == mode and r.get("bytes", 0) >= FLOOR_FROM_BYTES and "seconds" in r
        ]
        if sized:
            worst = max(sized)
            over = sum(1 for s, _ in sized if s > FLOOR_SECONDS_PER_MB)
            print(
                f"{mode}: worst {worst[0]:.2f} s/MB ({worst[1]}); {over} of {len(sized)} "
                f"cases of 100 KB or more over {FLOOR_SECONDS_PER_MB:g} s/MB"
            )
    mem = [
        (r["added_mb"] * 2**20 / r["bytes"], n)
        for n, m, r in rows
        if m == "api" and r.get("added_mb") is not None and r.get("bytes", 0) >= FLOOR_FROM_BYTES
    ]
    if mem:
        worst_m = max(mem)
        over = sum(1 for x, _ in mem if x > FLOOR_MEMORY_MULTIPLE)
        small = max(
            (r["added_mb"] for n, m, r in rows if m == "api" and r.get("added_mb") is not None),
            default=0,
        )
        print(
            f"api memory: worst {worst_m[0]:.1f}x the input ({worst_m[1]}); {over} of "
            f"{len(mem)} over {FLOOR_MEMORY_MULTIPLE:g}x; largest added {small:.0f} MB"
        )
    if service is not None and service.health:
        ordered = sorted(service.health)
        p99 = ordered[int(0.99 * (len(ordered) - 1))]
        slow = sum(1 for h in ordered if h > HEALTH_MS)
        print(
            f"/healthz: {len(ordered)} probes, p99 {p99:.1f} ms, slowest {ordered[-1]:.1f} ms, "
            f"{slow} over {HEALTH_MS:g} ms, {service.health_failures} failed"
        )
        if service.slow:
            print(f"slow /healthz during: {sorted(service.slow.items(), key=lambda x: -x[1])[:8]}")


if __name__ == "__main__":
    main()
