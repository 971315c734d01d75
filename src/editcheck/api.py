"""The Python API for CMS integrators: check a draft, get a :class:`Report`.

    import editcheck
    report = editcheck.check_html("<p>Critics say the plan is reportedly doomed.</p>")
    for a in report.annotations:
        print(a.rule, a.block.xpath, a.block.start, a.block.end, a.message)

Plugins load once per process and settings; a :class:`Checker` keeps them for many drafts.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from editcheck.annotations import CheckFailure, Report
from editcheck.config import Config, load_config, parse_config
from editcheck.document import (
    Document,
    load_bytes,
    load_html,
    load_markdown,
    load_text,
    media_type_for,
)
from editcheck.errors import InputError, InputTooLarge
from editcheck.plugins import AUTOLOAD_ENV, PluginSet, load_plugins
from editcheck.runner import Plan, plan_run, preflight, run_checks

ConfigLike = Config | Mapping[str, Any] | str | Path | None

_PLUGIN_CACHE: dict[tuple[Any, ...], PluginSet] = {}
_PLUGIN_LOCK = threading.Lock()


def resolve_config(config: ConfigLike) -> Config:
    """A Config from a Config, a mapping (as in editcheck.toml), a path, or None (discover)."""
    if isinstance(config, Config):
        return config
    if config is None:
        return load_config()
    if isinstance(config, (str, Path)):
        return load_config(config)
    return parse_config(config)


def plugins_for(config: Config, blocked: Iterable[str] = ()) -> PluginSet:
    """The plugins a config asks for, loaded once per process."""
    key = (
        config.plugins_dir,
        tuple(sorted({*config.disable_plugins, *blocked})),
        os.environ.get(AUTOLOAD_ENV, ""),
        config.house_style,
    )
    with _PLUGIN_LOCK:
        if key not in _PLUGIN_CACHE:
            _PLUGIN_CACHE[key] = load_plugins(
                blocked=key[1], plugins_dir=config.plugins_dir, house_style=config.house_style
            )
        return _PLUGIN_CACHE[key]


class Checker:
    """Plugins and settings loaded once, ready to check many drafts.

    Building one validates the whole run up front (selectors, rule options, what each
    check prepares, such as an archive index) and raises :class:`EditcheckError` for a bad
    setting. ``keep_content`` keeps each decoded draft with its report, for formats that
    show the draft (the HTML review page).
    """

    def __init__(
        self,
        config: ConfigLike = None,
        *,
        select: Iterable[str] = (),
        ignore: Iterable[str] = (),
        blocked: Iterable[str] = (),
        plugins: PluginSet | None = None,
        keep_content: bool = False,
    ) -> None:
        self.config = resolve_config(config)
        self.plugins = plugins or plugins_for(self.config, blocked)
        select = tuple(select)
        plan = plan_run(self.plugins.checks, self.config, select=select, ignore=ignore)
        unloaded = tuple(
            CheckFailure(f"plugin {f.name}", f"did not load: {f.message}", "error")
            for f in self.plugins.failures
        )
        if _only_exact_ids(select or self.config.select, plan):
            unloaded = ()  # every rule asked for by id is here: nothing asked for is missing
        self.plan: Plan = replace(plan, unloaded=unloaded)
        self.keep_content = keep_content
        preflight(self.plan)

    def check_document(self, doc: Document, *, deadline: float | None = None) -> Report:
        """Run the planned checks over an already parsed document.

        ``deadline`` (``time.monotonic()``) bounds the whole run; see :func:`run_checks`.
        """
        return run_checks(doc, self.plan, deadline=deadline, keep_content=self.keep_content)

    def check_html(self, html: str, *, source: str | None = None) -> Report:
        """Check an HTML fragment or page given as text."""
        self._limit(len(html.encode("utf-8", "surrogatepass")))
        return self.check_document(load_html(html, source=source))

    def check_text(self, text: str, *, source: str | None = None) -> Report:
        """Check plain text: one paragraph per line."""
        self._limit(len(text.encode("utf-8", "surrogatepass")))
        return self.check_document(load_text(text, source=source))

    def check_markdown(self, markdown: str, *, source: str | None = None) -> Report:
        """Check a Markdown draft given as text (front matter skipped, code not prose)."""
        self._limit(len(markdown.encode("utf-8", "surrogatepass")))
        return self.check_document(load_markdown(markdown, source=source))

    def check_bytes(
        self, data: bytes, *, source: str | None = None, media_type: str | None = None
    ) -> Report:
        """Decode and check raw bytes; the media type is guessed from ``source`` if not given."""
        kind = media_type or media_type_for(source or "", data)
        doc = load_bytes(data, kind, source=source, max_bytes=self.config.max_bytes)  # type: ignore[arg-type]
        return self.check_document(doc)

    def check_path(self, path: str | Path) -> Report:
        """Read and check a file (``.html``/``.htm`` as HTML, ``.md``/``.markdown`` as
        Markdown, anything else as text)."""
        path = Path(path)
        try:
            size = path.stat().st_size
            self._limit(size)
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from exc
        return self.check_bytes(data, source=str(path), media_type=media_type_for(path, data))

    def _limit(self, size: int) -> None:
        if size > self.config.max_bytes:
            raise InputTooLarge(size, self.config.max_bytes)


def _only_exact_ids(selectors: tuple[str, ...], plan: Plan) -> bool:
    """True when the run selects rules by exact id only, each of them loaded: a plugin
    that failed to load cannot have held a rule that was asked for."""
    return bool(selectors) and all(s in plan.rules for s in selectors)


def check_html(html: str, config: ConfigLike = None, **kwargs: Any) -> Report:
    """Check an HTML draft (fragment or page). ``config``: Config, mapping, path or None."""
    return Checker(config, **kwargs).check_html(html)


def check_text(text: str, config: ConfigLike = None, **kwargs: Any) -> Report:
    """Check a plain-text draft, one paragraph per line."""
    return Checker(config, **kwargs).check_text(text)


def check_path(path: str | Path, config: ConfigLike = None, **kwargs: Any) -> Report:
    """Check a draft file; HTML or text by its suffix."""
    return Checker(config, **kwargs).check_path(path)
