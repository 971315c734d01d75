"""Reports for the format tests: real drafts checked with the built-ins and a test plugin."""

from __future__ import annotations

from pathlib import Path

import pytest

from editcheck.annotations import Report
from editcheck.api import Checker

ROOT = Path(__file__).resolve().parent.parent.parent
DATA = Path(__file__).resolve().parent / "data"
PLUGINS = ROOT / "tests" / "service" / "plugins"
DRAFTS = [ROOT / "fixtures" / "seed" / "ice-shooting.html",
          ROOT / "fixtures" / "service" / "awkward.html",
          ROOT / "fixtures" / "service" / "awkward.txt"]


@pytest.fixture(scope="session")
def checker() -> Checker:
    return Checker({"plugins-dir": str(PLUGINS)}, ignore=["svc/slow"])


@pytest.fixture(scope="session")
def reports(checker: Checker) -> list[Report]:
    """One report per draft, sources as given (so formats can read the files back)."""
    out = [checker.check_path(path) for path in DRAFTS]
    assert all(r.annotations for r in out)
    return out
