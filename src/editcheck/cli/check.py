"""``editcheck check``: check drafts and print annotations; the exit code says pass/fail."""

from __future__ import annotations

import itertools
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import IO

import click

from editcheck.api import Checker
from editcheck.batch import CheckerSpec, Outcome, Progress, check_paths, consume, default_jobs
from editcheck.cli import ExitCode
from editcheck.cli.options import blocked_plugins, load_settings, plugin_options, split_list

DRAFT_SUFFIXES = frozenset({".html", ".htm", ".txt"})


def iter_inputs(paths: tuple[str, ...]) -> Iterator[str | Path]:
    """Files as given, directories walked (sorted) for .html, .htm and .txt; ``-`` is stdin."""
    for raw in paths:
        if raw == "-":
            yield "-"
            continue
        path = Path(raw)
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                if found.suffix.lower() in DRAFT_SUFFIXES and found.is_file():
                    yield found
        else:
            yield path


@click.command("check")
@click.argument("paths", nargs=-1)
@click.option(
    "-f",
    "--format",
    "format_name",
    default="text",
    show_default=True,
    help="Output format: text, json, jsonl, sarif, github, w3c, html, or a plugin's.",
)
@click.option(
    "-o",
    "--output",
    type=click.File("w", encoding="utf-8"),
    default="-",
    help="Write the report here instead of standard output.",
)
@click.option("--select", multiple=True, help="Only these rules (ids, globs, category:NAME).")
@click.option("--ignore", multiple=True, help="Skip these rules (ids, globs, category:NAME).")
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info", "never"]),
    help="Exit 1 when an annotation is at or above this severity [default: error].",
)
@click.option("--max-bytes", type=click.IntRange(min=1), help="Refuse inputs larger than this.")
@click.option(
    "--stdin-type",
    type=click.Choice(["auto", "html", "text"]),
    default="auto",
    show_default=True,
    help="How to read '-' (standard input).",
)
@click.option(
    "--color/--no-color", default=None, help="Colour the text format (default: on a terminal)."
)
@click.option(
    "--boilerplate-index",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Archive index for core/archive-boilerplate (see 'editcheck boilerplate').",
)
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
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="dask: run on a Dask cluster (pip install 'editcheck[dask]').",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Dask scheduler address [default: a local cluster of --jobs workers].",
)
@click.option(
    "--out-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Dask engine: write JSONL partitions and manifest.json here.",
)
@click.option(
    "--partition-size",
    type=click.IntRange(min=1),
    default=200,
    show_default=True,
    help="Dask engine: drafts per task.",
)
@plugin_options
def check_command(
    paths: tuple[str, ...],
    format_name: str,
    output: IO[str],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    max_bytes: int | None,
    stdin_type: str,
    color: bool | None,
    boilerplate_index: Path | None,
    jobs: int,
    from_list: Path | None,
    engine: str,
    scheduler: str | None,
    out_dir: Path | None,
    partition_size: int,
    config_path: Path | None,
    plugins_dir: Path | None,
    plugin_flags: tuple[str, ...],
) -> None:
    """Check draft files (HTML or text), folders of them, or '-' for standard input."""
    from editcheck.config import parse_fail_on
    from editcheck.errors import EditcheckError

    if not paths and from_list is None:
        raise click.UsageError("give PATH... or --from-list FILE")
    if engine != "dask" and (scheduler or out_dir):
        raise click.UsageError("--scheduler and --out-dir need --engine dask")
    config, plugins = load_settings(config_path, plugins_dir, plugin_flags)
    if fail_on is not None:
        config = replace(config, fail_on=parse_fail_on(fail_on))
    if max_bytes is not None:
        config = replace(config, max_bytes=max_bytes)
    if boilerplate_index is not None:
        config = config.with_rule_options("core/archive-boilerplate", index=str(boilerplate_index))
    formatter = plugins.formatters.get(format_name)
    if formatter is None:
        known = ", ".join(sorted(plugins.formatters))
        raise click.BadParameter(
            f"unknown format {format_name!r} (known: {known})", param_hint="--format"
        )
    try:
        checker = Checker(
            config, select=split_list(select), ignore=split_list(ignore), plugins=plugins
        )
        from editcheck.cli.boilerplate import preflight

        preflight(checker)
    except EditcheckError as exc:
        raise click.UsageError(str(exc)) from exc
    options = {"color": output.isatty() if color is None else color}
    spec = CheckerSpec(
        config, split_list(select), split_list(ignore), (*blocked_plugins(plugin_flags),)
    )
    if engine == "dask":
        from editcheck.cli.dask_check import run_from_cli

        sys.exit(
            run_from_cli(
                spec,
                paths,
                from_list=from_list,
                scheduler=scheduler,
                workers=jobs or default_jobs(),
                size=partition_size,
                out_dir=out_dir,
                output=output,
                format_name=format_name,
            )
        )
    items = list(iter_inputs(paths))
    if from_list is not None:
        from editcheck.distributed import read_path_list

        items.extend(read_path_list(from_list))
    files = [str(i) for i in items if i != "-"]
    outcomes = check_paths(checker, spec, files, jobs or default_jobs())
    if "-" in items:
        outcomes = itertools.chain([_check_stdin(checker, stdin_type)], outcomes)
    reports, unreadable, failed = [], 0, False
    try:
        for outcome in consume(outcomes, Progress(len(items))):
            if outcome.report is None:
                click.echo(f"editcheck: {outcome.error}", err=True)
                unreadable += 1
                continue
            failed = failed or outcome.report.fails(config.fail_on)
            if formatter.streaming:
                output.write(formatter.render([outcome.report], options))
                output.flush()
            else:
                reports.append(outcome.report)
    except KeyboardInterrupt:
        output.flush()
        click.echo("editcheck: interrupted; reports written so far are kept", err=True)
        sys.exit(130)
    if not formatter.streaming:
        output.write(formatter.render(reports, options))
    code = ExitCode.USAGE if unreadable else ExitCode.FINDINGS if failed else ExitCode.OK
    sys.exit(int(code))


def _check_stdin(checker: Checker, stdin_type: str) -> Outcome:
    from editcheck.errors import EditcheckError

    data = sys.stdin.buffer.read()
    media = {"html": "text/html", "text": "text/plain"}.get(stdin_type)
    try:
        return Outcome("-", checker.check_bytes(data, source="<stdin>", media_type=media))
    except EditcheckError as exc:
        return Outcome("-", None, f"<stdin>: {exc}")
