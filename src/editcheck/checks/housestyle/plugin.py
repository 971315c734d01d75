"""The house-style engine as a built-in plugin: it compiles every house-style file.

Files come from two places: a plugin's ``editcheck_house_style_files`` hook (namespaced by
that plugin) and the config's ``house-style`` list. The core only gathers the paths and
asks this hook to compile them, so it names no check module; blocking this plugin
(``-p no:housestyle``) while a config names house-style files is an error, not a run
without them.
"""

from __future__ import annotations

from collections.abc import Sequence
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING

from editcheck.hookspecs import hookimpl

if TYPE_CHECKING:
    from editcheck.checkapi import Check


@hookimpl
def editcheck_compile_house_style(
    files: Sequence[str | PathLike[str]], namespace: str | None
) -> list[Check]:
    """One check per file; ``namespace`` is the fallback for files that declare none."""
    from editcheck.checks.housestyle import checks_from_files  # only when a style is named

    return checks_from_files([Path(f) for f in files], namespace=namespace)
