"""What every command shares: exit codes, option groups, building the run's checker.

Commands take their options in groups (:class:`PluginFlags`, :class:`RuleFlags`), each
handed to the command function as one value, so a command's signature says what it does
rather than listing every flag. Project errors become usage errors (exit 2) here, once.
"""

from __future__ import annotations

import enum
import functools
import os
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from editcheck.api import Checker
    from editcheck.config import Config
    from editcheck.plugins import PluginSet
    from editcheck.run.batch import Outcome
    from editcheck.run.settings import CheckerSettings

F = TypeVar("F", bound=Callable[..., Any])


class ExitCode(enum.IntEnum):
    """What the process exit status means to a CI job or a pre-publish hook."""

    OK = 0  # no finding at or above --fail-on, every check finished
    FINDINGS = 1  # findings at or above --fail-on, or an incomplete check (by default)
    USAGE = 2  # bad arguments, bad config, or an input that could not be read
    INTERNAL = 3  # a check crashed its worker, or editcheck itself failed
    INTERRUPTED = 130  # Ctrl-C (SIGINT)
    TERMINATED = 143  # SIGTERM


def outcome_code(outcome: Outcome, fail_on: Any, fail_on_incomplete: bool) -> ExitCode:
    """What one draft's outcome means for the exit status (the run exits with the worst)."""
    if outcome.report is None:
        if outcome.kind == "crashed":
            return ExitCode.INTERNAL
        if outcome.kind == "timeout":
            return ExitCode.FINDINGS if fail_on_incomplete else ExitCode.OK
        return ExitCode.USAGE
    if any(e.kind == "exit" for e in outcome.report.errors):
        return ExitCode.INTERNAL  # a plugin tried to end the process: never "findings"
    blocks = outcome.report.blocks(fail_on, fail_on_incomplete=fail_on_incomplete)
    return ExitCode.FINDINGS if blocks else ExitCode.OK


class Terminated(Exception):
    """SIGTERM arrived: stop the workers, keep what was written, exit 143."""


def use_color(stream: IO[Any], flag: bool | None, environ: Mapping[str, str] = os.environ) -> bool:
    """Whether to colour output to ``stream``: ``--color/--no-color`` when given, else
    ``NO_COLOR`` (set and not empty: never, https://no-color.org), else ``FORCE_COLOR``
    (set, not empty and not ``0``: always, as CI logs that render colour ask), else
    whether ``stream`` is a terminal."""
    if flag is not None:
        return flag
    if environ.get("NO_COLOR"):
        return False
    force = environ.get("FORCE_COLOR")
    if force and force != "0":
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def raise_on_sigterm() -> None:
    """Turn SIGTERM into :class:`Terminated` in the main thread, so the ``finally`` blocks
    that stop worker processes run (the default action would orphan them)."""

    def handler(signum: int, frame: Any) -> None:
        raise Terminated()

    signal.signal(signal.SIGTERM, handler)


def split_list(values: Iterable[str]) -> tuple[str, ...]:
    """``--select a,b --select c`` gives ``("a", "b", "c")``."""
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


def option_group(
    name: str, make: Callable[..., Any], *options: Callable[[Any], Any]
) -> Callable[[F], F]:
    """Add ``options`` to a command and pass their values to it as one argument,
    ``name=make(**values)``."""
    probe: Any = lambda: None  # noqa: E731 - only collects the options' parameter names
    for option in options:
        probe = option(probe)
    names = [param.name for param in probe.__click_params__]

    def decorate(fn: F) -> F:
        @functools.wraps(fn)
        def command(*args: Any, **kwargs: Any) -> Any:
            kwargs[name] = make(**{n: kwargs.pop(n) for n in names})
            return fn(*args, **kwargs)

        command.__dict__.pop("__click_params__", None)
        command.__click_params__ = list(getattr(fn, "__click_params__", []))  # type: ignore[attr-defined]
        wrapped: Any = command
        for option in reversed(options):
            wrapped = option(wrapped)
        return wrapped  # type: ignore[no-any-return]

    return decorate


@dataclass(frozen=True, slots=True)
class PluginFlags:
    """``--config``, ``--plugins-dir`` and ``-p no:NAME``: what decides the loaded plugins."""

    config_path: Path | None
    plugins_dir: Path | None
    blocked: tuple[str, ...]

    @classmethod
    def of(
        cls, config_path: Path | None, plugins_dir: Path | None, plugin_flags: tuple[str, ...]
    ) -> PluginFlags:
        return cls(config_path, plugins_dir, blocked_plugins(plugin_flags))

    def load(self) -> tuple[Config, PluginSet]:
        """Config and plugins; a bad config is a usage error, a plugin that failed to load
        a warning on stderr."""
        from editcheck.api import plugins_for
        from editcheck.config import load_config
        from editcheck.errors import EditcheckError

        try:
            config = load_config(self.config_path)
            if self.plugins_dir is not None:
                config = replace(config, plugins_dir=self.plugins_dir)
            plugins = plugins_for(config, self.blocked)
        except EditcheckError as exc:
            raise click.UsageError(str(exc)) from exc
        for failure in plugins.failures:
            click.echo(
                f"editcheck: warning: plugin {failure}; its checks are missing, so every "
                f"report is incomplete (fix it, or block it with -p no:{failure.name})",
                err=True,
            )
        return config, plugins


def stdin_type_option(kinds: tuple[str, ...]) -> Callable[[F], F]:
    """``--stdin-type``: how to read '-' (standard input), among the kinds a command reads."""
    return click.option(
        "--stdin-type",
        type=click.Choice(["auto", *kinds]),
        default="auto",
        show_default=True,
        help="How to read '-' (standard input).",
    )


plugin_options = option_group(
    "plugins",
    PluginFlags.of,
    click.option(
        "--config",
        "config_path",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Config file (default: editcheck.toml or pyproject.toml, searched upward).",
    ),
    click.option(
        "--plugins-dir",
        type=click.Path(file_okay=False, path_type=Path),
        help="Load every *.py in this folder as a plugin.",
    ),
    click.option(
        "-p",
        "plugin_flags",
        multiple=True,
        metavar="no:NAME",
        help="Block a plugin by name (repeatable).",
    ),
)


def blocked_plugins(flags: Iterable[str]) -> tuple[str, ...]:
    """Names from ``-p no:NAME`` flags; anything else is a usage error."""
    names = []
    for flag in flags:
        if not flag.startswith("no:") or len(flag) <= 3:
            raise click.BadParameter(f"expected no:NAME, got {flag!r}", param_hint="-p")
        names.append(flag[3:])
    return tuple(names)


@dataclass(frozen=True, slots=True)
class RuleFlags:
    """``--select``, ``--ignore`` and ``--archive-index``: which rules run, and with what."""

    select: tuple[str, ...]
    ignore: tuple[str, ...]
    archive_index: Path | None

    @classmethod
    def of(
        cls, select: tuple[str, ...], ignore: tuple[str, ...], archive_index: Path | None
    ) -> RuleFlags:
        return cls(split_list(select), split_list(ignore), archive_index)


rule_options = option_group(
    "rules",
    RuleFlags.of,
    click.option("--select", multiple=True, help="Only these rules (ids, globs, category:NAME)."),
    click.option("--ignore", multiple=True, help="Skip these rules (ids, globs, category:NAME)."),
    click.option(
        "--archive-index",
        "--boilerplate-index",
        "archive_index",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Archive index for core/archive-boilerplate (see 'editcheck archive').",
    ),
)


def build_settings(
    config: Config,
    plugins: PluginFlags,
    rules: RuleFlags,
    config_changes: Mapping[str, Any] | None = None,
    *,
    keep_content: bool = False,
) -> tuple[CheckerSettings, Checker]:
    """The run's settings and its checker, validated (exit 2 on a bad setting).

    ``config`` is what ``plugins.load()`` read; ``config_changes`` are fields of
    :class:`editcheck.config.Config` that flags set (``fail_on``, ``max_bytes``);
    ``keep_content`` keeps each draft with its report.
    """
    from editcheck.errors import EditcheckError
    from editcheck.run.settings import CheckerSettings, build_checker

    config = replace(config, **(config_changes or {}))
    if rules.archive_index is not None:
        index = str(rules.archive_index)
        config = config.with_rule_options("core/archive-boilerplate", index=index)
    settings = CheckerSettings(config, rules.select, rules.ignore, plugins.blocked, keep_content)
    try:
        return settings, build_checker(settings)
    except EditcheckError as exc:
        raise click.UsageError(str(exc)) from exc


class Progress:
    """A one-line progress bar with rate and ETA on a terminal; silent when piped."""

    def __init__(self, total: int, stream: IO[str] | None = None) -> None:
        self.stream = stream or sys.stderr
        self.total = total
        self.done = 0
        self.started = time.monotonic()
        self._last = 0.0
        self.enabled = total > 1 and self.stream.isatty()

    def advance(self) -> None:
        self.done += 1
        now = time.monotonic()
        if self.enabled and (now - self._last > 0.1 or self.done == self.total):
            self._last = now
            self.stream.write("\r" + self.line(now))
            self.stream.flush()

    def line(self, now: float) -> str:
        elapsed = max(now - self.started, 1e-9)
        rate = self.done / elapsed
        eta = (self.total - self.done) / rate if rate else 0.0
        width = 24
        filled = int(width * self.done / self.total) if self.total else width
        bar = "#" * filled + "-" * (width - filled)
        return (
            f"[{bar}] {self.done:,}/{self.total:,} drafts  {rate:,.0f}/s  "
            f"ETA {int(eta) // 60}:{int(eta) % 60:02d}"
        )

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()


def with_progress(outcomes: Iterable[Outcome], progress: Progress) -> Iterator[Outcome]:
    """Pass outcomes through while advancing the progress bar."""
    try:
        for outcome in outcomes:
            progress.advance()
            yield outcome
    finally:
        progress.close()
