"""Reports for the format tests: real drafts checked with the built-ins and a test plugin."""

from __future__ import annotations

import pytest

from editcheck.annotations import Report
from editcheck.api import Checker

from .formatkit import DRAFTS, PLUGINS


@pytest.fixture(scope="session")
def checker() -> Checker:
    return Checker({"plugins-dir": str(PLUGINS)}, ignore=["svc/slow"])


@pytest.fixture(scope="session")
def reports(checker: Checker) -> list[Report]:
    """One report per draft, sources as given (so formats can read the files back)."""
    out = [checker.check_path(path) for path in DRAFTS]
    assert all(r.annotations for r in out)
    return out
