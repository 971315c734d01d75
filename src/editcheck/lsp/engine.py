"""One draft's text, as the editor holds it, to a report: the same way ``editcheck check``
reads a file of that kind.

The editor names a document's kind by its ``languageId`` (``html``, ``markdown``,
``plaintext``); a kind it does not name is taken from the file's suffix, as the CLI takes
it. Either way the kind becomes a file name that :func:`editcheck.document.media_type_for`
reads, and the text goes through :func:`editcheck.document.load_bytes`, the entry the CLI
uses for files and standard input, so a reader added there (Markdown) serves the editor
too. The text is handed over as UTF-8 behind a byte-order mark: the BOM makes the decoder
read it as UTF-8 and nothing else (an HTML draft's ``<meta charset>`` must not re-decode
text the editor has already decoded), and the decoded text is the editor's text exactly,
so every offset in the report is an offset into the editor's buffer.

Results are kept by text (a few drafts' worth): an undo, or a change that is undone,
costs nothing. A report with failures is never kept, so the next change tries again.
"""

from __future__ import annotations

import codecs
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import unquote, urlparse

from editcheck.annotations import Report
from editcheck.api import Checker
from editcheck.config import Config, find_config, load_config
from editcheck.document import DRAFT_SUFFIXES, load_bytes, media_type_for
from editcheck.errors import EditcheckError, InputTooLarge
from editcheck.run.settings import CheckerSettings, build_checker

# The editor's language ids editcheck reads, as the suffix the CLI would read them by.
LANGUAGE_SUFFIXES = {"html": ".html", "markdown": ".md", "plaintext": ".txt"}
CACHE_SIZE = 16


@dataclass(frozen=True, slots=True)
class EngineSettings:
    """What ``editcheck lsp`` was started with: the CLI's config, rule and plugin flags."""

    config_path: Path | None = None
    plugins_dir: Path | None = None
    blocked: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    archive_index: Path | None = None


def draft_name(uri: str, language_id: str | None) -> str | None:
    """The file name the document is read as, or None for a document editcheck does not
    read (a Python file, say): the editor's language first, then the file's suffix."""
    path = uri_path(uri)
    suffix = LANGUAGE_SUFFIXES.get(language_id or "")
    if suffix is not None:
        return path if Path(path).suffix.lower() == suffix else f"{path}{suffix}"
    return path if Path(path).suffix.lower() in DRAFT_SUFFIXES else None


def uri_path(uri: str) -> str:
    """A ``file:`` URI's path; any other URI as it is (an unsaved buffer, say)."""
    parsed = urlparse(uri)
    return unquote(parsed.path) if parsed.scheme == "file" else uri


class DraftEngine:
    """Builds the checker once (lazily, from the workspace's config) and checks drafts.

    Not thread-safe: the server calls it from its one checking thread.
    """

    def __init__(
        self,
        settings: EngineSettings,
        *,
        build: Callable[[CheckerSettings], Checker] = build_checker,
    ) -> None:
        self.settings = settings
        self.root: Path | None = None
        self._build = build
        self._checker: Checker | None = None
        self._cache: OrderedDict[tuple[str, str], Report] = OrderedDict()
        self._lock = threading.Lock()

    def checker(self) -> Checker:
        """The checker; a bad config or selector raises :class:`EditcheckError` (again on
        every call, so every draft shows it until the server is restarted with a fix)."""
        with self._lock:
            if self._checker is None:
                self._checker = self._build(self._checker_settings())
            return self._checker

    def _checker_settings(self) -> CheckerSettings:
        s = self.settings
        found = s.config_path or find_config(self.root)
        config = load_config(found) if found else Config()
        if s.plugins_dir is not None:
            config = replace(config, plugins_dir=s.plugins_dir)
        if s.archive_index is not None:
            config = config.with_rule_options(
                "core/archive-boilerplate", index=str(s.archive_index)
            )
        return CheckerSettings(config, s.select, s.ignore, s.blocked)

    def check(self, text: str, name: str, *, budget: float | None = None) -> Report:
        """The report for ``text`` read as the file ``name``; ``budget`` (seconds) bounds
        the checks, which the runner stops and names when it runs out."""
        checker = self.checker()
        media = media_type_for(name)
        key = (media, text)
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            return cached
        data = text.encode("utf-8", "replace")  # a lone surrogate: one "?", offsets kept
        if len(data) > checker.config.max_bytes:
            raise InputTooLarge(len(data), checker.config.max_bytes)
        doc = load_bytes(codecs.BOM_UTF8 + data, media, source=name)
        deadline = time.monotonic() + budget if budget else None
        report = checker.check_document(doc, deadline=deadline)
        if not report.errors:
            self._cache[key] = report
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        return report


__all__ = ["DraftEngine", "EditcheckError", "EngineSettings", "draft_name"]
