"""Hostile and broken input at full size: each case must end, without a traceback.

Runs every case through the Python API with all built-in checks (``--plugins``: with the
installed plugins too, as the service runs) and prints how long it took, the peak memory
it added over an idle checker (and as a multiple of the input), how many annotations and
notes came back and the size of the JSON report, or the clear error it was refused with.
Each case runs in its own forked process under a time limit and an address-space limit,
so a case that freezes or balloons (as on older code) is reported as such instead of
taking the machine with it.

    python benchmarks/hostile.py [--plugins] [--only TEXT] [--timeout 120]

The issue-11 figures ("drafts that cost far more than their size") are the rows marked
``#11``; to measure the same cases on another checkout's code, run this file with that
checkout's ``src`` first on the path: ``PYTHONPATH=/path/to/main/src python
benchmarks/hostile.py``.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import queue
import random
import resource
import sys
import time
from collections.abc import Callable
from typing import Any

MB = 1_000_000
Case = Callable[[], tuple[bytes, str]]


def _flood_comments(n: int) -> bytes:
    body = "".join(
        f"<!-- editcheck-disable acme/r{i} --><p>Para {i} said so.</p>" for i in range(n)
    )
    return f"<body>{body}</body>".encode()


def _big_ignore(attr_bytes: int, paragraphs: int) -> bytes:
    rules = " ".join(f"acme/rule-{i}" for i in range(attr_bytes // 14))
    paras = "<p>The council met on Tuesday.</p>" * paragraphs
    return f'<div data-editcheck-ignore="{rules}">{paras}</div>'.encode()


def _nested_ignores(depth: int) -> bytes:
    opening = "".join(
        f'<div data-editcheck-ignore="acme/r{i}"><p>Level {i}.</p>' for i in range(depth)
    )
    return (opening + "</div>" * depth).encode()


def _charset(name: str) -> Case:
    return lambda: (f'<meta charset="{name}"><p>Café owners said so.</p>'.encode(), "text/html")


def cases() -> dict[str, Case]:
    rng = random.Random(1)
    found: dict[str, Case] = {
        # -- issue 11: drafts that cost far more than their size
        "#11 20 KB of '!' with no space": lambda: (b"Wow" + b"!" * 20_000 + b"x", "text/plain"),
        "#11 40 KB of '!' with no space": lambda: (b"Wow" + b"!" * 40_000 + b"x", "text/plain"),
        "#11 20 KB of '...' with no space": lambda: (b"So" + b"..." * 6_667 + b"x", "text/plain"),
        "#11 20 KB of '???' in HTML": lambda: (b"<p>Why" + b"???" * 6_667 + b"x</p>", "text/html"),
        "#11 5,000 suppression comments": lambda: (_flood_comments(5_000), "text/html"),
        "#11 169 KB draft, 100 KB data-editcheck-ignore": lambda: (
            _big_ignore(100_000, 2_000),
            "text/html",
        ),
        "#11 2,000 nested data-editcheck-ignore": lambda: (_nested_ignores(2_000), "text/html"),
        "#11 1 MB of zero-width characters": lambda: ("a\u200b".encode() * (MB // 4), "text/plain"),
        "#11 100,000 numerals in one sentence": lambda: (
            b"Figures " + b"3 " * 100_000,
            "text/plain",
        ),
        "#11 20,000 capitalised words then scores": lambda: (
            b"Team " * 20_000 + b"3 x 2 y",
            "text/plain",
        ),
        "#11 50,000 'XX' placeholders": lambda: (
            b"<p>" + b"pay XX now " * 50_000 + b"</p>",
            "text/html",
        ),
        "#11 100 KB of spaces in a text line": lambda: (
            b"By" + b" " * 100_000 + b"x 5 y",
            "text/plain",
        ),
        "#11 100 KB of newlines and tabs": lambda: (b"a\n\t" * 33_000 + b"said", "text/plain"),
        "#11 1.6 MB single paragraph with figures": lambda: (
            b"<p>" + b"Sales rose 5% to 300 units, officials said and " * 33_000 + b"</p>",
            "text/html",
        ),
    }
    for name in ("rot13", "base64", "hex", "zlib", "bz2", "undefined", "idna", "utf-16"):
        found[f"#11 <meta charset={name!r}>"] = _charset(name)
    found.update(
        {
            # -- broken input in general (issue 8)
            "random bytes (1 MB)": lambda: (rng.randbytes(MB), "text/html"),
            "invalid UTF-8 (1 MB)": lambda: (b"caf\xe9 \xff\xfe ok. " * (MB // 12), "text/plain"),
            "NUL bytes in HTML": lambda: (b"<p>a\x00b</p>" * 10_000, "text/html"),
            "mixed encodings": lambda: (
                "<p>café</p>".encode() + "<p>café</p>".encode("cp1252"),
                "text/html",
            ),
            "100,000-deep nesting": lambda: (
                b"<div>" * 100_000 + b"x" + b"</div>" * 100_000,
                "text/html",
            ),
            "50 MB document (over max-bytes)": lambda: (
                b"<p>word</p>" * (50 * MB // 11),
                "text/html",
            ),
            "1,000,000 tiny paragraphs": lambda: (b"<p>x</p>" * MB, "text/html"),
            "single 5 MB paragraph": lambda: (b"<p>" + b"word " * MB + b"</p>", "text/html"),
            "unclosed tags": lambda: (b"<p><b><i><span>text " * 50_000, "text/html"),
            "entity flood": lambda: (
                b"<p>" + b"&amp;&eacute;&#x1F600;" * 200_000 + b"</p>",
                "text/html",
            ),
            "script/style holding text": lambda: (
                b"<p>Body.</p>"
                + b"<script>document.write('<p>At least 16 people died')</script>" * 10_000
                + b"<style>p::after{content:'Advertisement'}</style>",
                "text/html",
            ),
            "XML declaration + DOCTYPE entities": lambda: (
                b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
                b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;">'
                b'<!ENTITY ext SYSTEM "http://127.0.0.1:9/x">]><p>&c;&c;&c; &ext;</p>',
                "text/html",
            ),
        }
    )
    return found


def _rss_kb() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


def _child(checker: Any, make: Case, name: str, limit_bytes: int, out: Any) -> None:
    from editcheck.errors import EditcheckError

    resource.setrlimit(resource.RLIMIT_AS, (limit_bytes, limit_bytes))
    data, media = make()
    base_kb = _rss_kb()
    started = time.perf_counter()
    result: dict[str, Any] = {"bytes": len(data)}
    try:
        report = checker.check_bytes(data, source=name, media_type=media)
        body = json.dumps(report.to_dict())
        result.update(
            annotations=len(report.annotations),
            errors=len(report.errors),
            notes=list(report.notes),
            response=len(body),
        )
    except EditcheckError as exc:
        result["refused"] = str(exc)
    except MemoryError:
        result["crash"] = f"MemoryError at the {limit_bytes / 2**30:g} GiB limit"
    except Exception as exc:  # noqa: BLE001 - what older code did with this input
        result["crash"] = f"{type(exc).__name__}: {str(exc)[:80]}"
    result["seconds"] = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result["added_mb"] = max(0, peak_kb - base_kb) / 1024
    out.put(result)


def run_case(checker: Any, name: str, make: Case, timeout: float, limit: int) -> dict[str, Any]:
    ctx = multiprocessing.get_context("fork")
    out = ctx.Queue()
    child = ctx.Process(target=_child, args=(checker, make, name, limit, out), daemon=True)
    started = time.perf_counter()
    child.start()
    try:
        result: dict[str, Any] = out.get(timeout=timeout)
    except queue.Empty:
        code = child.exitcode
        result = {"seconds": time.perf_counter() - started, "bytes": len(make()[0])}
        if code is None:
            result["timeout"] = timeout
        else:
            result["crash"] = f"the process died (exit {code})"
    child.kill()
    child.join()
    return result


def describe(result: dict[str, Any]) -> str:
    if "timeout" in result:
        return f"not done after {result['timeout']:g} s (killed)"
    if "crash" in result:
        return f"CRASH: {result['crash']}"
    if "refused" in result:
        return f"refused: {result['refused'][:70]}"
    text = (
        f"{result['annotations']:,} annotations, {result['errors']} check errors, "
        f"{result['response'] / MB:.1f} MB JSON"
    )
    if result["notes"]:
        text += f"; note: {result['notes'][0][:60]}"
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--plugins", action="store_true", help="load installed plugins too")
    parser.add_argument("--only", default="", help="run the cases whose name holds this")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per case")
    parser.add_argument("--memory-gib", type=float, default=3.0, help="address-space limit")
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args()
    if not args.plugins:
        os.environ["EDITCHECK_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    from editcheck.api import Checker

    checker = Checker({"max-bytes": 20 * MB})
    checker.check_bytes(b"<p>Warm-up: the council said 5 people came.</p>", media_type="text/html")
    import editcheck

    print(f"editcheck from {os.path.dirname(editcheck.__file__)}", file=sys.stderr)
    print("| input | result | seconds | s/MB | added memory | x input |")
    print("| --- | --- | --- | --- | --- | --- |")
    results = {}
    for name, make in cases().items():
        if args.only not in name:
            continue
        result = run_case(checker, name, make, args.timeout, int(args.memory_gib * 2**30))
        results[name] = result
        size = result.get("bytes", 0)
        # per MB only where the input is large enough for it to mean something
        per_mb = f"{result['seconds'] / (size / MB):.2f}" if size >= 100_000 else "-"
        added = result.get("added_mb")
        memory = f"{added:.0f} MB" if added is not None else "?"
        multiple = f"{added * 2**20 / size:.1f}" if added is not None and size else "?"
        print(
            f"| {name} | {describe(result)} | {result['seconds']:.2f} | {per_mb} "
            f"| {memory} | {multiple} |",
            flush=True,
        )
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
