"""The installed version, read once from the package metadata."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("editcheck")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0+unknown"
