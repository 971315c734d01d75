"""Helpers for the plugin tests: is an example plugin installed, run the CLI (a plain module,
not a conftest, so the root conftest keeps its module name)."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys

import pytest

EXAMPLES = {
    "house-style": "plugins/editcheck-house-style",
    "datelines": "plugins/editcheck-datelines",
}


def installed(entry_point: str) -> bool:
    """True when a distribution declares ``entry_point`` in the editcheck group."""
    return any(ep.name == entry_point for ep in importlib.metadata.entry_points(group="editcheck"))


def requires_example(entry_point: str) -> pytest.MarkDecorator:
    """Skip, saying how to install it, when an example plugin is not installed."""
    return pytest.mark.skipif(
        not installed(entry_point),
        reason=f"example plugin {entry_point!r} is not installed: "
        f"pip install -e ./{EXAMPLES[entry_point]} (the README's test command does)",
    )


def editcheck(*args: str, cwd: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real ``editcheck`` command in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "editcheck", *args], capture_output=True, text=True, cwd=cwd
    )
