"""Reports for the format tests: real drafts checked with the built-ins and a test plugin."""

from __future__ import annotations

import pytest

from editcheck.annotations import Report
from editcheck.api import Checker
from editcheck.formats.base import RenderContext

from .formatkit import DRAFTS, PLUGINS


@pytest.fixture(scope="session")
def checker() -> Checker:
    return Checker({"plugins-dir": str(PLUGINS)}, ignore=["svc/slow"], keep_content=True)


@pytest.fixture(scope="session")
def context(checker: Checker) -> RenderContext:
    """What the CLI gives a formatter: the run's rules with their docs."""
    return RenderContext(rules={r.id: r for r in checker.plugins.rules})


@pytest.fixture(scope="session")
def reports(checker: Checker) -> list[Report]:
    """One report per draft, each with the draft's text kept."""
    out = [checker.check_path(path) for path in DRAFTS]
    assert all(r.annotations for r in out)
    return out
