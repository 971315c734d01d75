"""How long an editor waits for editcheck's diagnostics after a change (``editcheck lsp``).

A real session over stdio, as an editor runs it: the server is a subprocess, spoken to in
JSON-RPC by the tests' own client (``tests/lsp/lsp_client.py``). Each distinct corpus draft
of ``--words`` words (``corpus.py``) is opened, then changed ``--changes`` times: each change
types a new sentence (never seen before, so no cached report answers it) into a paragraph,
as one incremental ``didChange``; the figure is the wall time from sending the change to
receiving ``publishDiagnostics`` for that version. Beside it: the server's CPU per change
(user + system from ``/proc/PID/stat``), and the load average at start and end.

    python benchmarks/lsp_latency.py                       # 10 drafts x 10 changes, 1,000 words
    python benchmarks/lsp_latency.py --drafts 20 --debounce 0.05
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from corpus import drafts
from measure import load_line, loadavg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "lsp"))
from lsp_client import LspClient  # noqa: E402 - the tests' client, not a copy of it

TARGET_MS = 50.0


def server_cpu(pid: int) -> float:
    """User + system CPU seconds of process ``pid`` so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def insertion_point(content: str, nth: int) -> dict[str, int]:
    """An LSP position at the end of the ``nth`` paragraph (before ``</p>``, or a line end)."""
    lines = content.split("\n")
    candidates = [
        (i, line.rindex("</p>") if "</p>" in line else len(line))
        for i, line in enumerate(lines)
        if len(line.split()) > 8
    ]
    line, column = candidates[nth % len(candidates)]
    return {"line": line, "character": utf16(lines[line][:column])}


def run(n_drafts: int, changes: int, words: int, debounce: float) -> dict[str, object]:
    corpus = drafts(words, n_drafts)
    start_load = loadavg()
    latencies: list[float] = []
    cpu_per_change: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        client = LspClient("--debounce", str(debounce), cwd=root)
        try:
            client.initialize(root)
            for d_index, draft in enumerate(corpus):
                suffix = ".html" if draft.kind == "html" else ".txt"
                uri = (root / f"draft-{d_index}{suffix}").as_uri()
                language = "html" if draft.kind == "html" else "plaintext"
                client.open(uri, draft.content, language)
                client.diagnostics(uri, 1)
                for c in range(changes):
                    at = insertion_point(draft.content, c)
                    sentence = f" Update {d_index}-{c}: more than {300 + c} people came."
                    version = c + 2
                    cpu0 = server_cpu(client.process.pid)
                    sent = time.perf_counter()
                    client.change(
                        uri, version, [{"range": {"start": at, "end": at}, "text": sentence}]
                    )
                    client.diagnostics(uri, version)
                    latencies.append(time.perf_counter() - sent)
                    cpu_per_change.append(server_cpu(client.process.pid) - cpu0)
                client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
            client.close()
        finally:
            client.kill()
    ms = sorted(x * 1000 for x in latencies)
    return {
        "drafts": len(corpus),
        "words": round(statistics.mean(d.words for d in corpus)),
        "changes": len(ms),
        "debounce_s": debounce,
        "wall_ms": {
            "median": round(statistics.median(ms), 1),
            "p90": round(ms[int(len(ms) * 0.9) - 1], 1),
            "max": round(ms[-1], 1),
        },
        "server_cpu_ms_per_change": round(statistics.mean(cpu_per_change) * 1000, 1),
        "within_target": sum(1 for x in ms if x <= TARGET_MS),
        "load": load_line(start_load, loadavg()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=10)
    parser.add_argument("--changes", type=int, default=10)
    parser.add_argument("--words", type=int, default=1000)
    parser.add_argument("--debounce", type=float, default=0.0)
    args = parser.parse_args()
    result = run(args.drafts, args.changes, args.words, args.debounce)
    wall = result["wall_ms"]
    print(
        f"{result['changes']} changes to {result['drafts']} drafts of ~{result['words']} words "
        f"(debounce {args.debounce:g} s): change -> diagnostics wall ms median {wall['median']}, "  # type: ignore[index]
        f"p90 {wall['p90']}, max {wall['max']}; server CPU {result['server_cpu_ms_per_change']} "  # type: ignore[index]
        f"ms per change; {result['within_target']}/{result['changes']} within {TARGET_MS:g} ms"
    )
    print(result["load"])


if __name__ == "__main__":
    main()
