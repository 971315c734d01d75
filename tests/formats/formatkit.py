"""Paths shared by the format tests (a plainly named module: conftest is not importable)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
DATA = Path(__file__).resolve().parent / "data"
PLUGINS = ROOT / "tests" / "service" / "plugins"
DRAFTS = [
    ROOT / "fixtures" / "seed" / "ice-shooting.html",
    ROOT / "fixtures" / "service" / "awkward.html",
    ROOT / "fixtures" / "service" / "awkward.txt",
]
