"""editcheck: editorial annotations for news drafts before they are published.

The public API. Check a draft with :func:`check_html`, :func:`check_text` or
:func:`check_path`; write checks with :class:`Rule`, :func:`check` and :data:`hookimpl`.
"""

from __future__ import annotations

from editcheck.annotations import Annotation, Report, Severity
from editcheck.api import Checker, check_html, check_path, check_text
from editcheck.checkapi import Check, CheckContext, Rule, check
from editcheck.document import Block, Document, Sentence, Token
from editcheck.errors import ConfigError, EditcheckError, InputError, InputTooLarge, PluginError
from editcheck.hookspecs import hookimpl
from editcheck.version import __version__

__all__ = [
    "Annotation",
    "Block",
    "Check",
    "CheckContext",
    "Checker",
    "ConfigError",
    "Document",
    "EditcheckError",
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
