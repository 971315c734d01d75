"""The Daily Ledger's house style as an editcheck plugin: data, not code.

The rules live in ``news.toml`` beside this module, kept by the standards desk; this
module only tells editcheck where the file is. editcheck validates and compiles it when
plugins load, and reports its rules as ``news/...``.
"""

from __future__ import annotations

from pathlib import Path

from editcheck import hookimpl

STYLE_FILE = Path(__file__).with_name("news.toml")


@hookimpl
def editcheck_house_style_files() -> list[Path]:
    return [STYLE_FILE]
