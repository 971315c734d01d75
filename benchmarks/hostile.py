"""Hostile and broken input at full size: each case must end, without a traceback.

Runs every case through the Python API with all built-in checks and prints how long it
took, how many annotations and notes came back, or the clear error it was refused with.
The small versions of these cases are tests (tests/test_hostile.py); these are the sizes
an archive or an attacker can actually send.

    python benchmarks/hostile.py
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable

os.environ.setdefault("EDITCHECK_DISABLE_PLUGIN_AUTOLOAD", "1")

from editcheck.api import Checker  # noqa: E402
from editcheck.errors import EditcheckError  # noqa: E402

MB = 1_000_000


def cases() -> dict[str, Callable[[], tuple[bytes, str]]]:
    rng = random.Random(1)
    return {
        "random bytes (1 MB)": lambda: (rng.randbytes(MB), "text/html"),
        "invalid UTF-8 (1 MB)": lambda: (b"caf\xe9 \xff\xfe ok. " * (MB // 12), "text/plain"),
        "NUL bytes in HTML": lambda: (b"<p>a\x00b</p>" * 10_000, "text/html"),
        "mixed encodings": lambda: ("<p>café</p>".encode() + "<p>café</p>".encode("cp1252"),
                                    "text/html"),
        "100,000-deep nesting": lambda: (b"<div>" * 100_000 + b"x" + b"</div>" * 100_000,
                                         "text/html"),
        "50 MB document (over max-bytes)": lambda: (b"<p>word</p>" * (50 * MB // 11), "text/html"),
        "1,000,000 tiny paragraphs": lambda: (b"<p>x</p>" * MB, "text/html"),
        "single 5 MB paragraph": lambda: (b"<p>" + b"word " * MB + b"</p>", "text/html"),
        "unclosed tags": lambda: (b"<p><b><i><span>text " * 50_000, "text/html"),
        "entity flood": lambda: (b"<p>" + b"&amp;&eacute;&#x1F600;" * 200_000 + b"</p>",
                                 "text/html"),
        "script/style holding text": lambda: (
            b"<p>Body.</p>" + b"<script>document.write('<p>At least 16 people died')</script>"
            * 10_000 + b"<style>p::after{content:'Advertisement'}</style>", "text/html"),
        "XML declaration + DOCTYPE entities": lambda: (
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;">'
            b'<!ENTITY ext SYSTEM "http://127.0.0.1:9/x">]><p>&c;&c;&c; &ext;</p>', "text/html"),
    }


def main() -> None:
    checker = Checker({"max-bytes": 20 * MB})
    print("| input | result | seconds |\n| --- | --- | --- |")
    for name, make in cases().items():
        data, media = make()
        started = time.perf_counter()
        try:
            report = checker.check_bytes(data, source=name, media_type=media)
            result = f"{len(report.annotations)} annotations, {len(report.errors)} check errors"
            if report.notes:
                result += f"; note: {report.notes[0][:70]}"
        except EditcheckError as exc:
            result = f"refused: {exc}"
        print(f"| {name} | {result} | {time.perf_counter() - started:.2f} |", flush=True)


if __name__ == "__main__":
    main()
