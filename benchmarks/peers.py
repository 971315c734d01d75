"""editcheck's peers (proselint, jusText, trafilatura) in their own venv, and a client for
``peers_worker.py`` running there.

The venv is ``benchmarks/.peers/`` (git-ignored), made on first use with ``python3 -m venv``
and ``pip install -r benchmarks/peers-requirements.txt``; it is remade when that file
changes. ``--peers-venv PATH`` in the scripts reuses another one (it is installed into only
when it lacks the marker of the pinned requirements).
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEFAULT_VENV = HERE / ".peers"
REQUIREMENTS = HERE / "peers-requirements.txt"
WORKER = HERE / "peers_worker.py"
MARKER = "editcheck-peers-requirements.sha256"


def ensure_venv(venv: Path | None = None) -> Path:
    """The peers venv's Python, creating and installing the venv when needed."""
    venv = (venv or DEFAULT_VENV).resolve()
    python = venv / "bin" / "python"
    want = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()
    marker = venv / MARKER
    if python.exists() and marker.is_file() and marker.read_text().strip() == want:
        return python
    if not python.exists():
        print(f"peers: creating {venv}", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    print(f"peers: installing {REQUIREMENTS.name} into {venv}", file=sys.stderr)
    subprocess.run([str(python), "-m", "pip", "install", "-q", "-r", str(REQUIREMENTS)], check=True)
    marker.write_text(want + "\n")
    return python


def bin_path(python: Path, name: str) -> Path:
    """A console script of the peers venv (e.g. ``proselint``)."""
    return python.parent / name


class Worker:
    """One long-lived ``peers_worker.py`` process: send a request, read its answer."""

    def __init__(self, python: Path) -> None:
        self.proc = subprocess.Popen(
            [str(python), str(WORKER)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        self.versions: dict[str, str] = self.ask("hello")["versions"]

    def ask(self, tool: str, path: Path | str = "", **options: Any) -> dict[str, Any]:
        assert self.proc.stdin and self.proc.stdout
        self.proc.stdin.write(json.dumps({"tool": tool, "path": str(path), **options}) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"peers worker ended (exit {self.proc.wait()})")
        answer = json.loads(line)
        if "error" in answer:
            raise RuntimeError(answer["error"])
        return answer

    def close(self) -> None:
        if self.proc.stdin:
            self.proc.stdin.close()
        self.proc.wait(timeout=30)

    def __enter__(self) -> Worker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
