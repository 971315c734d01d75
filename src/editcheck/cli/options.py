"""Options shared by several subcommands, and turning project errors into exit codes."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from editcheck.config import Config
    from editcheck.plugins import PluginSet

F = TypeVar("F", bound=Callable[..., Any])


def split_list(values: Iterable[str]) -> tuple[str, ...]:
    """``--select a,b --select c`` gives ``("a", "b", "c")``."""
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


def plugin_options(fn: F) -> F:
    """``--config``, ``--plugins-dir`` and ``-p no:NAME``: what decides the loaded plugins."""
    fn = click.option(
        "-p",
        "plugin_flags",
        multiple=True,
        metavar="no:NAME",
        help="Block a plugin by name (repeatable).",
    )(fn)
    fn = click.option(
        "--plugins-dir",
        type=click.Path(file_okay=False, path_type=Path),
        help="Load every *.py in this folder as a plugin.",
    )(fn)
    fn = click.option(
        "--config",
        "config_path",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Config file (default: editcheck.toml or pyproject.toml, searched upward).",
    )(fn)
    return fn


def blocked_plugins(flags: Iterable[str]) -> tuple[str, ...]:
    """Names from ``-p no:NAME`` flags; anything else is a usage error."""
    names = []
    for flag in flags:
        if not flag.startswith("no:") or len(flag) <= 3:
            raise click.BadParameter(f"expected no:NAME, got {flag!r}", param_hint="-p")
        names.append(flag[3:])
    return tuple(names)


def load_settings(
    config_path: Path | None, plugins_dir: Path | None, plugin_flags: Iterable[str]
) -> tuple[Config, PluginSet]:
    """Config and plugins for a command; ConfigError becomes a usage error (exit 2)."""
    from dataclasses import replace

    from editcheck.api import plugins_for
    from editcheck.config import load_config
    from editcheck.errors import EditcheckError

    try:
        config = load_config(config_path)
        if plugins_dir is not None:
            config = replace(config, plugins_dir=plugins_dir)
        plugins = plugins_for(config, blocked_plugins(plugin_flags))
    except EditcheckError as exc:
        raise click.UsageError(str(exc)) from exc
    for failure in plugins.failures:
        click.echo(f"editcheck: warning: plugin {failure}", err=True)
    return config, plugins
