"""A small LSP client for the tests: ``editcheck lsp`` in a subprocess, JSON-RPC on its pipes.

Written from the protocol (``Content-Length`` framed JSON), not with pygls, so the tests
speak to the server exactly as an editor would and cannot share a bug with it.
"""

from __future__ import annotations

import contextlib
import json
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

EDITCHECK = [sys.executable, "-m", "editcheck"]


class LspClient:
    """One server process; requests wait for their answer, notifications are collected."""

    def __init__(self, *args: str, cwd: Path, env: dict[str, str] | None = None) -> None:
        self.stderr_path = cwd / "lsp-stderr.log"
        self._stderr = self.stderr_path.open("wb")
        self.process = subprocess.Popen(
            [*EDITCHECK, "lsp", "--stdio", *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            cwd=cwd,
            env=env,
        )
        self._ids = iter(range(1, 1_000_000))
        self._messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.notifications: list[dict[str, Any]] = []
        self._answers: dict[int, dict[str, Any]] = {}
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        out = self.process.stdout
        assert out is not None
        while True:
            headers = {}
            while True:
                line = out.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                headers[name.strip().lower()] = value.strip()
            body = out.read(int(headers["content-length"]))
            self._messages.put(json.loads(body))

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        stdin = self.process.stdin
        assert stdin is not None
        stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        stdin.flush()

    def _pump(self, timeout: float) -> None:
        """Take one message off the wire (answering any request the server makes)."""
        try:
            message = self._messages.get(timeout=timeout)
        except queue.Empty:
            return
        if "id" in message and "method" in message:  # a request from the server
            self._send({"id": message["id"], "result": None})
        elif "id" in message:
            self._answers[message["id"]] = message
        else:
            self.notifications.append(message)

    def request(self, method: str, params: Any, timeout: float = 60) -> Any:
        number = next(self._ids)
        self._send({"id": number, "method": method, "params": params})
        end = time.monotonic() + timeout
        while number not in self._answers:
            if time.monotonic() > end:
                raise AssertionError(f"no answer to {method} within {timeout} s: {self.log()}")
            self._pump(0.1)
        answer = self._answers.pop(number)
        assert "error" not in answer, answer
        return answer.get("result")

    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    def diagnostics(
        self, uri: str, version: int | None = None, timeout: float = 60, after: int = 0
    ) -> list[dict[str, Any]]:
        """The first diagnostics published for ``uri`` (at ``version``, when given) among
        the notifications from index ``after`` on."""
        end = time.monotonic() + timeout
        while True:
            for note in self.notifications[after:]:
                params = note.get("params", {})
                if note.get("method") == "textDocument/publishDiagnostics" and (
                    params.get("uri") == uri
                    and (version is None or params.get("version") == version)
                ):
                    return list(params["diagnostics"])
            if time.monotonic() > end:
                raise AssertionError(f"no diagnostics for {uri} v{version}: {self.log()}")
            self._pump(0.1)

    def initialize(self, root: Path, **capabilities: Any) -> dict[str, Any]:
        result = self.request(
            "initialize",
            {
                "processId": None,
                "rootUri": root.as_uri(),
                "capabilities": capabilities,
            },
        )
        self.notify("initialized", {})
        return dict(result)

    def open(self, uri: str, text: str, language: str, version: int = 1) -> None:
        self.notify(
            "textDocument/didOpen",
            {
                "textDocument": {
                    "uri": uri,
                    "languageId": language,
                    "version": version,
                    "text": text,
                }
            },
        )

    def change(self, uri: str, version: int, changes: list[dict[str, Any]]) -> None:
        self.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": version}, "contentChanges": changes},
        )

    def close(self, timeout: float = 30) -> int:
        """shutdown, then exit; the server's exit status."""
        self.request("shutdown", None)
        self.notify("exit", None)
        try:
            return self.process.wait(timeout)
        finally:
            self.kill()

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe is not None and not pipe.closed:
                with contextlib.suppress(OSError):
                    pipe.close()
        self._stderr.close()

    def log(self) -> str:
        if not self._stderr.closed:
            self._stderr.flush()
        return self.stderr_path.read_text("utf-8", "replace")[-3000:]
