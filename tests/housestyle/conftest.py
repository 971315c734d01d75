"""Write small house-style files for the tests."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest


@pytest.fixture
def write_style(tmp_path: Path) -> Callable[..., Path]:
    """``write_style(body, name="house.toml")`` writes a house-style file and returns it."""

    def write(body: str, name: str = "house.toml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(body), encoding="utf-8")
        return path

    return write
