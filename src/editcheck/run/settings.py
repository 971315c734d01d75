"""What a run is built from, and the one way every command builds its checker.

``check``, ``audit`` and ``serve`` (and each worker process or Dask task) build their
checker from a :class:`CheckerSettings` with :func:`build_checker`, so they select the same
rules and pass the same preflight. The settings are picklable: a worker rebuilds the same
checker from them instead of receiving live plugin objects.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from editcheck.api import Checker
from editcheck.checkapi import Rule
from editcheck.config import Config


@dataclass(frozen=True, slots=True)
class CheckerSettings:
    """The config, the rule selection, the blocked plugins and what reports keep."""

    config: Config
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    blocked: tuple[str, ...] = ()
    keep_content: bool = False


def build_checker(settings: CheckerSettings) -> Checker:
    """The checker for ``settings``, validated: a bad selector, option or index raises
    :class:`editcheck.EditcheckError` here, before any draft is read."""
    return Checker(
        settings.config,
        select=settings.select,
        ignore=settings.ignore,
        blocked=settings.blocked,
        keep_content=settings.keep_content,
    )


def portable(settings: CheckerSettings, rules: list[Rule]) -> CheckerSettings:
    """The settings with relative paths (plugins folder, house-style files, rule options
    that name files) made absolute, for workers whose working directory is not ours."""
    config = settings.config
    if config.plugins_dir is not None:
        config = replace(config, plugins_dir=Path(config.plugins_dir).resolve())
    config = replace(config, house_style=tuple(Path(p).resolve() for p in config.house_style))
    for rule in rules:
        given = config.rules.get(rule.id)
        paths = {
            name: str(Path(given.options[name]).resolve())
            for name in rule.path_options
            if given is not None and given.options.get(name)
        }
        if paths:
            config = config.with_rule_options(rule.id, **paths)
    return replace(settings, config=config)
