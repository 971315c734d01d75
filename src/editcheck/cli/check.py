"""``editcheck check``: check drafts and print annotations; the exit code says pass/fail."""

from __future__ import annotations

import itertools
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import click

from editcheck.cli.common import (
    ExitCode,
    PluginFlags,
    Progress,
    RuleFlags,
    Terminated,
    build_settings,
    option_group,
    outcome_code,
    plugin_options,
    raise_on_sigterm,
    rule_options,
    stdin_type_option,
    use_color,
    with_progress,
)

if TYPE_CHECKING:
    from editcheck.api import Checker
    from editcheck.run.batch import Outcome
    from editcheck.run.settings import CheckerSettings


@dataclass(frozen=True, slots=True)
class OutputFlags:
    """``--format``, ``--output`` and ``--color``: how the reports are written."""

    format_name: str
    output: IO[str]
    color: bool | None


@dataclass(frozen=True, slots=True)
class DaskFlags:
    """``--engine`` and the Dask engine's own options."""

    engine: str
    scheduler: str | None
    out_dir: Path | None
    partition_size: int


output_options = option_group(
    "out",
    OutputFlags,
    click.option(
        "-f",
        "--format",
        "format_name",
        default="text",
        show_default=True,
        help="Output format: text, json, jsonl, sarif, github, w3c, html, or a plugin's.",
    ),
    click.option(
        "-o",
        "--output",
        type=click.File("w", encoding="utf-8"),
        default="-",
        help="Write the report here instead of standard output.",
    ),
    click.option(
        "--color/--no-color",
        default=None,
        help="Colour the text format (default: on a terminal, unless NO_COLOR is set; "
        "FORCE_COLOR colours a pipe).",
    ),
)

dask_options = option_group(
    "dask",
    DaskFlags,
    click.option(
        "--engine",
        type=click.Choice(["local", "dask"]),
        default="local",
        show_default=True,
        help="dask: run on a Dask cluster (pip install 'editcheck[dask]').",
    ),
    click.option(
        "--scheduler",
        metavar="ADDRESS",
        help="Dask scheduler address [default: a local cluster of --jobs workers].",
    ),
    click.option(
        "--out-dir",
        type=click.Path(file_okay=False, path_type=Path),
        help="Dask engine: write JSONL partitions and manifest.json here.",
    ),
    click.option(
        "--partition-size",
        type=click.IntRange(min=1),
        default=200,
        show_default=True,
        help="Dask engine: drafts per task.",
    ),
)


@click.command("check")
@click.argument("paths", nargs=-1)
@output_options
@rule_options
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info", "never"]),
    help="Exit 1 when an annotation is at or above this severity [default: error].",
)
@click.option("--max-bytes", type=click.IntRange(min=1), help="Refuse inputs larger than this.")
@stdin_type_option(("html", "text", "markdown"))
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    default=0,
    help="Worker processes for many drafts [default: one per CPU].",
)
@click.option(
    "--from-list",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="Also check the paths listed in this file, one per line.",
)
@click.option(
    "--draft-timeout",
    type=click.FloatRange(min=0),
    help="With --jobs 2+, kill the worker of a draft that runs longer (seconds; 0: no "
    "limit) [default: the config's draft-timeout, 60].",
)
@click.option(
    "--fail-on-incomplete/--no-fail-on-incomplete",
    default=None,
    help="Exit 1 when a check timed out or crashed [default: yes].",
)
@dask_options
@plugin_options
def check_command(
    paths: tuple[str, ...],
    out: OutputFlags,
    rules: RuleFlags,
    fail_on: str | None,
    max_bytes: int | None,
    stdin_type: str,
    jobs: int,
    from_list: Path | None,
    draft_timeout: float | None,
    fail_on_incomplete: bool | None,
    dask: DaskFlags,
    plugins: PluginFlags,
) -> None:
    """Check draft files (HTML or text), folders of them, or '-' for standard input.

    Exit status: 0 pass, 1 findings at or above --fail-on or an incomplete check,
    2 usage, config or input errors, 3 a check crashed.
    """
    from editcheck.config import parse_fail_on
    from editcheck.run.batch import default_jobs

    if not paths and from_list is None:
        raise click.UsageError("give PATH... or --from-list FILE")
    if dask.engine != "dask" and (dask.scheduler or dask.out_dir):
        raise click.UsageError("--scheduler and --out-dir need --engine dask")
    config, loaded = plugins.load()
    formatter = loaded.formatters.get(out.format_name)
    if formatter is None:
        known = ", ".join(sorted(loaded.formatters))
        raise click.BadParameter(
            f"unknown format {out.format_name!r} (known: {known})", param_hint="--format"
        )
    changes: dict[str, Any] = {}
    if fail_on is not None:
        changes["fail_on"] = parse_fail_on(fail_on)
    if max_bytes is not None:
        changes["max_bytes"] = max_bytes
    if draft_timeout is not None:
        changes["draft_timeout"] = draft_timeout or None
    if fail_on_incomplete is not None:
        changes["fail_on_incomplete"] = fail_on_incomplete
    settings, checker = build_settings(
        config, plugins, rules, changes, keep_content=formatter.needs_content
    )
    workers = jobs or default_jobs()
    if dask.engine == "dask":
        sys.exit(_run_on_dask(settings, checker, paths, from_list, dask, workers, out))
    sys.exit(int(_run_locally(checker, settings, paths, from_list, stdin_type, workers, out)))


def _run_locally(
    checker: Checker,
    settings: CheckerSettings,
    paths: tuple[str, ...],
    from_list: Path | None,
    stdin_type: str,
    workers: int,
    out: OutputFlags,
) -> ExitCode:
    """Check the inputs here or on worker processes; write the reports; the exit code."""
    from editcheck.formats.base import RenderContext
    from editcheck.run.batch import check_paths
    from editcheck.run.inputs import STDIN, expand_inputs, readable_suffixes, skipped_line

    config = checker.config
    formatter = checker.plugins.formatters[out.format_name]
    context = RenderContext(
        rules={r.id: r for r in checker.plugins.rules},
        color=use_color(out.output, out.color),
        fail_on=config.fail_on,
        fail_on_incomplete=config.fail_on_incomplete,
    )
    skipped: Counter[str] = Counter()
    items = list(expand_inputs(paths, from_list, skipped=skipped))
    if skipped:
        click.echo(f"editcheck: {skipped_line(skipped)}", err=True)
    if not items:
        click.echo(
            f"editcheck: no drafts to check in {', '.join(paths) or str(from_list)} "
            f"(editcheck reads {readable_suffixes()})",
            err=True,
        )
        return ExitCode.USAGE
    files = [i for i in items if i != STDIN]
    raise_on_sigterm()
    outcomes: Iterator[Outcome] = check_paths(
        checker, settings, files, workers, config.draft_timeout
    )
    if STDIN in items:
        outcomes = itertools.chain([_check_stdin(checker, stdin_type)], outcomes)
    reports, code = [], ExitCode.OK
    try:
        for outcome in with_progress(outcomes, Progress(len(items))):
            code = max(code, outcome_code(outcome, config.fail_on, config.fail_on_incomplete))
            if outcome.report is None:
                click.echo(f"editcheck: {outcome.error}", err=True)
                continue
            if formatter.streaming:
                out.output.write(formatter.render([outcome.report], context))
                out.output.flush()
            else:
                reports.append(outcome.report)
    except (KeyboardInterrupt, Terminated) as stop:
        out.output.flush()
        click.echo("editcheck: interrupted; reports written so far are kept", err=True)
        interrupted = isinstance(stop, KeyboardInterrupt)
        return ExitCode.INTERRUPTED if interrupted else ExitCode.TERMINATED
    if not formatter.streaming:
        out.output.write(formatter.render(reports, context))
    return code


def _run_on_dask(
    settings: CheckerSettings,
    checker: Checker,
    paths: tuple[str, ...],
    from_list: Path | None,
    dask: DaskFlags,
    workers: int,
    out: OutputFlags,
) -> int:
    from click.core import ParameterSource

    from editcheck.errors import EditcheckError
    from editcheck.run.dask_run import run_on_dask
    from editcheck.run.inputs import STDIN, expand_inputs

    given = click.get_current_context().get_parameter_source("format_name")
    if out.format_name != "jsonl" and given != ParameterSource.DEFAULT:
        raise click.UsageError("--engine dask writes JSON Lines: use -f jsonl (or no -f)")
    if STDIN in paths:
        raise click.UsageError("--engine dask reads files, not standard input ('-')")
    try:
        return run_on_dask(
            settings,
            checker,
            expand_inputs(paths, from_list, absolute=True),
            scheduler=dask.scheduler,
            workers=workers,
            size=dask.partition_size,
            out_dir=dask.out_dir,
            output=out.output,
            say=lambda text: click.echo(text, err=True, nl=False),
            show_progress=sys.stderr.isatty(),
        )
    except EditcheckError as exc:
        raise _ClusterProblem(str(exc)) from exc


class _ClusterProblem(click.ClickException):
    """No cluster, or workers that differ: a message and exit 2."""

    exit_code = int(ExitCode.USAGE)


def _check_stdin(checker: Checker, stdin_type: str) -> Outcome:
    from editcheck.errors import EditcheckError
    from editcheck.run.batch import Outcome

    data = sys.stdin.buffer.read()
    media = {"html": "text/html", "text": "text/plain", "markdown": "text/markdown"}.get(stdin_type)
    try:
        return Outcome("-", checker.check_bytes(data, source="<stdin>", media_type=media))
    except EditcheckError as exc:
        return Outcome("-", None, f"<stdin>: {exc}")
