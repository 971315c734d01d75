"""House styles as data: TOML rule files a standards editor can keep without Python.

    from editcheck.checks.housestyle import load_house_style, compile_house_style
    check = compile_house_style(load_house_style("newsroom.toml"))

A file is named in ``editcheck.toml`` (``house-style = ["style/newsroom.toml"]``) or
shipped inside a plugin package and declared with the ``editcheck_house_style_files``
hook. Rule types: existence, substitution, occurrence, capitalization, conditional,
numbers and pattern; see ``docs/writing-plugins.md``.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from editcheck.checkapi import Check
    from editcheck.checks.housestyle.compile import compile_house_style
    from editcheck.checks.housestyle.load import load_house_style, parse_house_style
    from editcheck.checks.housestyle.spec import (
        RULE_TYPES,
        HouseRule,
        HouseStyle,
        HouseStyleError,
    )

# The engine (and the `regex` module it compiles with) is imported when first used: the
# built-in plugin's entry point lives in this package and loads on every run, most of
# which name no house style.
_EXPORTS = {
    "compile_house_style": "editcheck.checks.housestyle.compile",
    "load_house_style": "editcheck.checks.housestyle.load",
    "parse_house_style": "editcheck.checks.housestyle.load",
    "RULE_TYPES": "editcheck.checks.housestyle.spec",
    "HouseRule": "editcheck.checks.housestyle.spec",
    "HouseStyle": "editcheck.checks.housestyle.spec",
    "HouseStyleError": "editcheck.checks.housestyle.spec",
}

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


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


def house_style_check(path: str | Path, namespace: str | None = None) -> Check:
    """Load and compile one house-style file."""
    from editcheck.checks.housestyle.compile import compile_house_style
    from editcheck.checks.housestyle.load import load_house_style

    return compile_house_style(load_house_style(path, namespace))


def checks_from_files(paths: Iterable[str | Path], namespace: str | None = None) -> list[Check]:
    """One check per file; ``namespace`` is the fallback for files that declare none."""
    return [house_style_check(p, namespace) for p in paths]
