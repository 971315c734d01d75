"""Drafts and a plugin that crash or hang a worker, for the parallel-run tests."""

from __future__ import annotations

from pathlib import Path

FAULT_PLUGIN = """
import os
import time
from editcheck import Rule, check, hookimpl

@check(Rule("fault/probe", "house-style"), name="fault.probe")
def probe(doc, ctx):
    if "POISON" in doc.text:
        os._exit(1)  # the worker dies, as with a segfault or the OOM killer
    if "FOREVER" in doc.text:
        while True:  # stuck, as inside C code: no time budget exception reaches it
            try:
                time.sleep(0.05)
            except BaseException:
                pass  # and it swallows whatever is raised

@hookimpl
def editcheck_checks():
    return [probe]
"""

FAULTS = {"crash": "story-001.html", "hang": "story-003.html"}


def fault_archive(root: Path, drafts: int = 6) -> tuple[Path, Path]:
    """A folder of drafts (one crashes its worker, one hangs) and the plugin folder."""
    archive, plugins = root / "archive", root / "plugins"
    archive.mkdir()
    plugins.mkdir()
    (plugins / "faults.py").write_text(FAULT_PLUGIN)
    for i in range(drafts):
        (archive / f"story-{i:03d}.html").write_text(
            f"<h1>Story {i}</h1><p>The council said {40 + i} people attended on Tuesday.</p>"
        )
    (archive / FAULTS["crash"]).write_text("<p>POISON pill paragraph.</p>")
    (archive / FAULTS["hang"]).write_text("<p>A FOREVER paragraph.</p>")
    return archive, plugins


def children_of(pid: int) -> list[int]:
    """The child processes of ``pid`` (Linux /proc)."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue
    return found
