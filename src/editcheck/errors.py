"""The exceptions editcheck raises across module boundaries.

Only these cross a module boundary; the CLI and the service turn them into a message and
an exit code or an HTTP problem, never a traceback::

    EditcheckError
     ├── InputError          the draft cannot be read (binary, undecodable, missing)
     │    └── InputTooLarge  the draft is over the configured ``max-bytes``
     ├── ConfigError         editcheck.toml / [tool.editcheck] / an option is invalid
     │    └── SelectorError  a rule, category or plugin name that names nothing loaded
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


class SelectorError(ConfigError):
    """A selector (``select``, ``ignore``, a rule's settings, a plugin name) that names
    nothing loaded: a typo there would quietly switch checks off, so it is an error.

    ``field`` says where it was given (``select``, ``ignore``, ``rules``, ``plugins``),
    ``name`` what was given and ``suggestions`` the closest names that do exist.
    """

    def __init__(
        self, message: str, *, field: str, name: str, suggestions: tuple[str, ...] = ()
    ) -> None:
        super().__init__(message)
        self.field = field
        self.name = name
        self.suggestions = suggestions
