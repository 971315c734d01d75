"""The exceptions editcheck raises across module boundaries.

Only these cross a module boundary; the CLI and the service turn them into a message and
an exit code or an HTTP problem, never a traceback::

    EditcheckError
     ├── InputError          the draft cannot be read (binary, undecodable, missing)
     │    └── InputTooLarge  the draft is over the configured ``max-bytes``
     ├── ConfigError         editcheck.toml / [tool.editcheck] / an option is invalid
     └── PluginError         a plugin cannot be loaded or declares something invalid
"""

from __future__ import annotations


class EditcheckError(Exception):
    """Base of every error editcheck raises on purpose."""


class InputError(EditcheckError):
    """A draft that cannot be read or decoded."""


class InputTooLarge(InputError):
    """A draft larger than the configured ``max-bytes`` limit."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"input is {size:,} bytes, over the max-bytes limit of {limit:,}")
        self.size = size
        self.limit = limit


class ConfigError(EditcheckError):
    """An invalid configuration file, key, value or rule option."""


class PluginError(EditcheckError):
    """A plugin that cannot be loaded or that declares something invalid."""
