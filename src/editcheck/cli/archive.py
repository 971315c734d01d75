"""``editcheck archive``: build and inspect the archive index of recurring passages.

``editcheck boilerplate`` is the same group under its earlier name.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from editcheck.cli.common import ExitCode


class IndexProblem(click.ClickException):
    """A missing, corrupt or foreign index: a message and exit 2, never a traceback."""

    exit_code = int(ExitCode.USAGE)


_INDEX = click.option(
    "--index",
    "index_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The index file (SQLite).",
)


@click.group("archive")
def archive_group() -> None:
    """Learn which passages recur across an archive, for core/archive-boilerplate."""


@archive_group.command("learn")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@_INDEX
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
def learn_command(paths: tuple[Path, ...], index_path: Path, quiet: bool) -> None:
    """Add articles (.html, .htm, .txt files, or folders of them) to the index.

    The index is created if missing. An article already in it (the same text, by
    content hash) is not counted again. Exit 2 if some file could not be read; the
    others are learned all the same.
    """
    from editcheck.archive import ArchiveIndexError, learn_paths, open_index

    def warn(path: Path, reason: str) -> None:
        click.echo(f"editcheck: {path}: {reason}", err=True)

    started = time.perf_counter()
    try:
        result = learn_paths(index_path, paths, on_unreadable=warn)
        stats = open_index(index_path).stats(top=0)
    except ArchiveIndexError as exc:
        raise IndexProblem(str(exc)) from exc
    if not quiet:
        click.echo(
            f"learned {result.added:,} article{'s' if result.added != 1 else ''} "
            f"({result.known:,} already in the index, {len(result.unreadable):,} unreadable) "
            f"in {time.perf_counter() - started:.1f} s; {index_path} now holds "
            f"{stats['articles']:,} articles, {stats['fingerprints']:,} fingerprints, "
            f"{_size(int(stats['size_bytes']))}"  # type: ignore[call-overload]
        )
    sys.exit(int(ExitCode.USAGE if result.unreadable else ExitCode.OK))


@archive_group.command("stats")
@_INDEX
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.option(
    "--top",
    type=click.IntRange(min=0),
    default=10,
    show_default=True,
    help="How many of the most recurring passages to show.",
)
def stats_command(index_path: Path, as_json: bool, top: int) -> None:
    """Show what an index holds: articles, fingerprints, the most recurring passages."""
    from editcheck.archive import ArchiveIndexError, open_index

    try:
        stats = open_index(index_path).stats(top=top)
    except ArchiveIndexError as exc:
        raise IndexProblem(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(stats, indent=2, ensure_ascii=False))
        return
    click.echo(f"index:         {stats['index']} ({_size(stats['size_bytes'])})")  # type: ignore[arg-type]
    click.echo(f"articles:      {stats['articles']:,}")
    click.echo(f"fingerprints:  {stats['fingerprints']:,} ({stats['recurring']:,} in 2+ articles)")
    click.echo(f"created:       {stats['created']}")
    for item in stats["top"]:  # type: ignore[attr-defined]
        text = " ".join(str(item["text"]).split())
        text = text if len(text) <= 90 else text[:89] + "…"
        click.echo(f"{item['articles']:>9,}  {item['kind']:<9}  {text}")


def _size(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:,} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return f"{n} bytes"
