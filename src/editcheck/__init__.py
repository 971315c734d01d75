"""editcheck: editorial annotations for news drafts before they are published.

The public API. Check a draft with :func:`check_html`, :func:`check_text` or
:func:`check_path`; write checks with :class:`Rule`, :func:`check` and :data:`hookimpl`.

The names are imported on first use (PEP 562), not with the package: every
``editcheck.*`` import runs this file first, and the command line (``editcheck --help``,
``editcheck serve``) and a plugin's ``from editcheck.checkapi import ...`` should not pay
for lxml, pluggy and the runner before they need them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from editcheck.annotations import Annotation, Fix, Report, Severity
    from editcheck.api import Checker, check_html, check_path, check_text
    from editcheck.checkapi import Check, CheckContext, Rule, check
    from editcheck.document import Block, Document, Sentence, Token
    from editcheck.errors import (
        ConfigError,
        EditcheckError,
        InputError,
        InputTooLarge,
        PluginError,
    )
    from editcheck.hookspecs import hookimpl
    from editcheck.version import __version__

# public name -> the module that defines it
_EXPORTS = {
    "Annotation": "editcheck.annotations",
    "Fix": "editcheck.annotations",
    "Report": "editcheck.annotations",
    "Severity": "editcheck.annotations",
    "Checker": "editcheck.api",
    "check_html": "editcheck.api",
    "check_path": "editcheck.api",
    "check_text": "editcheck.api",
    "Check": "editcheck.checkapi",
    "CheckContext": "editcheck.checkapi",
    "Rule": "editcheck.checkapi",
    "check": "editcheck.checkapi",
    "Block": "editcheck.document",
    "Document": "editcheck.document",
    "Sentence": "editcheck.document",
    "Token": "editcheck.document",
    "ConfigError": "editcheck.errors",
    "EditcheckError": "editcheck.errors",
    "InputError": "editcheck.errors",
    "InputTooLarge": "editcheck.errors",
    "PluginError": "editcheck.errors",
    "hookimpl": "editcheck.hookspecs",
    "__version__": "editcheck.version",
}

__all__ = [
    "Annotation",
    "Block",
    "Check",
    "CheckContext",
    "Checker",
    "ConfigError",
    "Document",
    "EditcheckError",
    "Fix",
    "InputError",
    "InputTooLarge",
    "PluginError",
    "Report",
    "Rule",
    "Sentence",
    "Severity",
    "Token",
    "__version__",
    "check",
    "check_html",
    "check_path",
    "check_text",
    "hookimpl",
]


def __getattr__(name: str) -> Any:
    """Import a public name's module when the name is first read, and keep the value."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'editcheck' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
