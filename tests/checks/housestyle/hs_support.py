"""Writing small house-style files for the tests (a plain module, not a conftest: test
folders with a second ``conftest`` module shadow each other's names)."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path


def style_writer(folder: Path) -> Callable[..., Path]:
    """``write(body, name="house.toml")`` writes a house-style file in ``folder``."""

    def write(body: str, name: str = "house.toml") -> Path:
        path = folder / name
        path.write_text(textwrap.dedent(body), encoding="utf-8")
        return path

    return write
