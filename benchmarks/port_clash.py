"""Issue 10's port-clash case: start `editcheck serve --workers 2` with one config, try a
second on the same port with another config, and count which config answers.

    python benchmarks/port_clash.py            # prints the second server's exit and answers

Before the port lock, the second server started and took most of the traffic (8 of 10
answers); now it must exit 2 with one line and every answer comes from the first.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(port: int, config: Path) -> subprocess.Popen[bytes]:
    argv = [sys.executable, "-m", "editcheck", "serve", "--port", str(port), "--workers", "2"]
    return subprocess.Popen(
        [*argv, "--config", str(config)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


def ask(port: int) -> str:
    body = json.dumps({"text": "The council said 40 people came."}).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/v1/check",
        data=body,
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as reply:
        return str(json.loads(reply.read())["fail_on"])


def main() -> None:
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        first, second = Path(tmp, "a.toml"), Path(tmp, "b.toml")
        first.write_text('fail-on = "error"\n')
        second.write_text('fail-on = "warning"\n')
        one = serve(port, first)
        try:
            for _ in range(300):
                try:
                    ask(port)
                    break
                except OSError:
                    time.sleep(0.1)
            two = serve(port, second)
            try:
                code = two.wait(timeout=60)
                stderr = two.stderr.read().decode() if two.stderr else ""
            except subprocess.TimeoutExpired:
                code, stderr = None, "(still running: it joined the port)"
            answers = [ask(port) for _ in range(10)]
            print(f"second server: exit {code}: {stderr.strip()}")
            print(f"answers from the first config: {answers.count('error')} of 10")
            print(f"answers from the second config: {answers.count('warning')} of 10")
            if two.poll() is None:
                two.terminate()
                two.wait()
        finally:
            one.terminate()
            one.wait()


if __name__ == "__main__":
    main()
