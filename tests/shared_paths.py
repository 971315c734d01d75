"""Paths the tests share (a module, not conftest: sub-folders have conftests of their own)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FIXTURES = ROOT / "fixtures"
SEED_HTML = FIXTURES / "seed" / "ice-shooting.html"

# A text draft with two residue lines a fix removes (the fix tests of the CLI and service).
RESIDUE_DRAFT = (
    "The council voted to close the library on Tuesday night, its leader said.\n"
    "\n"
    "Advertisement\n"
    "\n"
    "Residents said they would appeal against the decision, which saves £2m.\n"
    "6 hours ago\n"
)
