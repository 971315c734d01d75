"""Probe plugins for the language-server tests, written into a ``--plugins-dir`` folder."""

from __future__ import annotations

import textwrap
from pathlib import Path

# Flags "banana" with a house-style suggestion (a quick fix); "crash" makes a check raise.
PROBE = """
from editcheck import Rule, check, hookimpl

@check(Rule("probe/banana", "house-style", "warning", summary="No bananas."), name="probe.banana")
def banana(doc, ctx):
    for s in doc.sentences:
        for t in s.tokens:
            if t.text.lower() == "banana":
                ctx.report("probe/banana", t.start, t.end, "No bananas.", suggestion="plantain")

@check(Rule("probe/crash", "house-style"), name="probe.crash")
def crash(doc, ctx):
    if "crash" in doc.text:
        raise ZeroDivisionError("the probe fell over")

@check(Rule("probe/loud", "house-style"), name="probe.loud")
def loud(doc, ctx):
    print("Content-Length: 5\\r\\n\\r\\nnoise")  # a plugin that prints must not break the stream

@hookimpl
def editcheck_checks():
    return [banana, crash, loud]
"""
# A check that spins in Python (the budget stops it) or sleeps in C (only the server's
# watchdog can tell) when the draft asks it to.
STUCK = """
import time
from editcheck import Rule, check, hookimpl

@check(Rule("stuck/spin", "house-style"), name="stuck.spin")
def spin(doc, ctx):
    while "spin" in doc.text:
        pass

@check(Rule("stuck/sleep", "house-style"), name="stuck.sleep")
def sleep(doc, ctx):
    if "sleep" in doc.text:
        time.sleep(8)

@hookimpl
def editcheck_checks():
    return [spin, sleep]
"""


def plugin_folder(root: Path, name: str, source: str) -> Path:
    """``root/plugins`` with ``name.py`` in it (``--plugins-dir`` takes one folder)."""
    folder = root / "plugins"
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.py").write_text(textwrap.dedent(source), "utf-8")
    return folder
