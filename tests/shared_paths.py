"""Paths the tests share (a module, not conftest: sub-folders have conftests of their own)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FIXTURES = ROOT / "fixtures"
SEED_HTML = FIXTURES / "seed" / "ice-shooting.html"
