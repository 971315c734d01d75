"""House styles as data: TOML rule files a standards editor can keep without Python.

    from editcheck.checks.housestyle import load_house_style, compile_house_style
    check = compile_house_style(load_house_style("newsroom.toml"))

A file is named in ``editcheck.toml`` (``house-style = ["style/newsroom.toml"]``) or
shipped inside a plugin package and declared with the ``editcheck_house_style_files``
hook. Rule types: existence, substitution, occurrence, capitalization, conditional,
numbers and pattern; see ``docs/writing-plugins.md``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from editcheck.checkapi import Check
from editcheck.checks.housestyle.compile import compile_house_style
from editcheck.checks.housestyle.load import load_house_style, parse_house_style
from editcheck.checks.housestyle.spec import RULE_TYPES, HouseRule, HouseStyle, HouseStyleError

__all__ = [
    "RULE_TYPES",
    "HouseRule",
    "HouseStyle",
    "HouseStyleError",
    "checks_from_files",
    "compile_house_style",
    "house_style_check",
    "load_house_style",
    "parse_house_style",
]


def house_style_check(path: str | Path, namespace: str | None = None) -> Check:
    """Load and compile one house-style file."""
    return compile_house_style(load_house_style(path, namespace))


def checks_from_files(paths: Iterable[str | Path], namespace: str | None = None) -> list[Check]:
    """One check per file; ``namespace`` is the fallback for files that declare none."""
    return [house_style_check(p, namespace) for p in paths]
