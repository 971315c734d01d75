"""Pasted pages: whole web pages checked as drafts keep their chrome flagged and their
article copy clean (a sample of the Article Extraction Benchmark in ../shared)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "quality_residue.py"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("quality_residue", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


def test_sampled_pages_meet_the_floors() -> None:
    bench = _bench()
    if not bench.CORPUS.is_dir():
        pytest.skip(f"{bench.CORPUS} not found (../shared is absent)")
    figures = bench.evaluate_pages(baseline=False, every=3)["editcheck"]
    assert figures["precision"] >= 0.95, figures
    assert figures["recall"] >= 0.85, figures
