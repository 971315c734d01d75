"""Shared fixtures: paths to the seed and shared corpora, probe plugins for the core tests."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest
from shared_paths import SEED_HTML, SHARED


@pytest.fixture
def seed_txt() -> Path:
    path = SHARED / "seed" / "ice-shooting.txt"
    if not path.is_file():
        pytest.skip(f"shared seed not found at {path} (../shared is absent)")
    return path


@pytest.fixture
def seed_html() -> Path:
    return SEED_HTML


# A plugin folder with one well-behaved check, one that raises while checking and one
# that raises on import: the core must report the broken ones and keep the rest.
PROBE_PLUGIN = """
from editcheck import Rule, check, hookimpl

@check(Rule("probe/banana", "house-style", "warning", summary="Flags the word banana."),
       name="probe.banana")
def banana(doc, ctx):
    for s in doc.sentences:
        for t in s.tokens:
            if t.text.lower() == "banana":
                ctx.report("probe/banana", t.start, t.end, "No bananas.", suggestion="plantain")

@hookimpl
def editcheck_checks():
    return [banana]
"""
RAISING_CHECK = """
from editcheck import Rule, check, hookimpl

@check(Rule("broken/always-raises", "house-style"), name="broken.raises")
def raises(doc, ctx):
    ctx.report("broken/always-raises", 0, 1, "half-done")
    raise RuntimeError("boom while checking")

@hookimpl
def editcheck_checks():
    return [raises]
"""
RAISING_IMPORT = "raise ImportError('cannot import this plugin')\n"


@pytest.fixture
def probe_plugins(tmp_path: Path) -> Path:
    folder = tmp_path / "probe-plugins"
    folder.mkdir()
    (folder / "probe.py").write_text(textwrap.dedent(PROBE_PLUGIN))
    (folder / "broken_check.py").write_text(textwrap.dedent(RAISING_CHECK))
    (folder / "broken_import.py").write_text(RAISING_IMPORT)
    return folder


@pytest.fixture
def cli() -> list[str]:
    """The editcheck command as a subprocess argv prefix."""
    return [sys.executable, "-m", "editcheck"]
