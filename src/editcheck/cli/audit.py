"""``editcheck audit``: check a whole archive and write a summary, not per-draft reports.

Reports stream from :func:`editcheck.run.batch.check_paths` (one process or ``--jobs N``) into
an :class:`editcheck.audit.ArchiveAudit` and are dropped once counted, so memory stays
flat however many drafts there are.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from editcheck.cli.common import (
    ExitCode,
    PluginFlags,
    Progress,
    RuleFlags,
    Terminated,
    build_settings,
    plugin_options,
    raise_on_sigterm,
    rule_options,
    with_progress,
)

if TYPE_CHECKING:
    from editcheck.api import Checker
    from editcheck.audit import ArchiveAudit, ReadReport
    from editcheck.formats.base import RenderContext


@click.command("audit")
@click.argument("paths", nargs=-1)
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for audit.json and audit.html (created if missing).",
)
@click.option(
    "--from-list",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="Also audit the paths listed in this file, one per line.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    default=0,
    help="Worker processes [default: one per CPU].",
)
@rule_options
@click.option(
    "--reports",
    is_flag=True,
    help="PATHS are JSONL reports (files or folders), not drafts: audit them as written.",
)
@click.option(
    "--top",
    type=click.IntRange(min=1),
    default=25,
    show_default=True,
    help="How many worst drafts and recurring passages to list.",
)
@click.option(
    "--dismissals",
    "dismissals_db",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="Also report dismissal rates per rule from this desk database "
    "(the server's 'dismissals' file); PATHS may then be left out.",
)
@plugin_options
def audit_command(
    paths: tuple[str, ...],
    out_dir: Path,
    from_list: Path | None,
    jobs: int,
    rules: RuleFlags,
    reports: bool,
    top: int,
    dismissals_db: Path | None,
    plugins: PluginFlags,
) -> None:
    """Audit drafts (files or folders): counts by rule and category, worst drafts,
    recurring boilerplate and residue, check failures, as DIR/audit.json and DIR/audit.html.

    With --reports, PATHS are reports already written (JSONL files from 'check -f jsonl',
    or folders of them such as a Dask run's --out-dir) and nothing is checked again.

    Exit 0 when the audit is written, 2 when some inputs could not be read (they are
    listed in the audit; the rest are counted), 130 when interrupted (the audit of what
    was checked so far is still written, marked as interrupted).
    """
    from editcheck.audit import ArchiveAudit

    if not paths and from_list is None and dismissals_db is None:
        raise click.UsageError("give PATH... or --from-list FILE (or --dismissals DB)")
    _writable(out_dir)  # before hours of checking, not after
    dismissals = _dismissal_rates(dismissals_db)  # a bad file fails now, not after the run
    if not paths and from_list is None:
        found: Iterator[ReadReport] = iter(())
    elif reports:
        found = _written_reports(paths, from_list)
    else:
        found = _checked_reports(paths, from_list, jobs, plugins, rules)
    audit = ArchiveAudit(top=top)
    interrupted: int | None = None
    raise_on_sigterm()
    try:
        for read in found:
            if read.facts is None:
                click.echo(f"editcheck: {read.error}", err=True)
                audit.add_unreadable(read.item, read.error or "")
            else:
                audit.add_facts(read.item, read.facts)
    except KeyboardInterrupt:
        interrupted = ExitCode.INTERRUPTED
    except Terminated:
        interrupted = ExitCode.TERMINATED
    inputs = [*paths, *([f"--from-list {from_list}"] if from_list else [])]
    sys.exit(_finish(audit, interrupted, out_dir, inputs, (plugins, rules), dismissals))


def _dismissal_rates(path: Path | None) -> dict[str, Any] | None:
    if path is None:
        return None
    from editcheck.dismissals import rates_summary
    from editcheck.errors import ConfigError

    try:
        return rates_summary(path)
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from None


def _finish(
    audit: ArchiveAudit,
    interrupted: int | None,
    out_dir: Path,
    inputs: list[str],
    run: tuple[PluginFlags, RuleFlags],
    dismissals: dict[str, Any] | None = None,
) -> int:
    """Write the audit (and a review page for each draft it lists), say where, and
    return the exit status."""
    from editcheck.audit import write_audit

    summary = audit.summary(interrupted=interrupted is not None)
    if interrupted is None:
        _review_pages(summary["worst_drafts"], out_dir, *run)
    if dismissals is not None:
        summary["dismissals"] = dismissals
    try:
        written = write_audit(summary, out_dir, inputs)
    except OSError as exc:
        raise _CannotWrite(f"cannot write the audit into {out_dir}: {exc}") from exc
    totals = summary["totals"]
    click.echo(
        f"audited {totals['checked']:,} of {totals['drafts']:,} drafts "
        f"({totals['unreadable']:,} unreadable), {totals['annotations']:,} annotations "
        f"in {totals['seconds']:,} s: {', '.join(str(p) for p in written)}",
        err=True,
    )
    if interrupted is not None:
        click.echo("editcheck: interrupted; the audit covers the drafts checked so far", err=True)
        return interrupted
    if dismissals is not None:
        click.echo(
            f"dismissals: {dismissals['dismissed']:,} of {dismissals['shown']:,} findings "
            "shown on the desk",
            err=True,
        )
        if not inputs:  # an audit of the desk's dismissals alone
            return int(ExitCode.OK)
    if not totals["drafts"]:
        click.echo("editcheck: no drafts were audited; check the paths given", err=True)
    return int(ExitCode.USAGE if totals["unreadable"] or not totals["drafts"] else ExitCode.OK)


REVIEW_DIR = "review"


def _review_pages(
    listed: list[dict[str, Any]], out_dir: Path, plugins: PluginFlags, rules: RuleFlags
) -> None:
    """Check each listed draft again, keeping its text, and write its review page (the
    ``html`` format) into ``OUT/review/``; the audit page links it (``review``, a path
    relative to the page). A draft that is gone or unreadable now gets no link."""
    from editcheck.errors import EditcheckError

    drafts = [w for w in listed if Path(str(w.get("source") or "")).is_file()]
    if not drafts:
        return
    config, loaded = plugins.load()
    formatter = loaded.formatters.get("html")
    if formatter is None:
        return
    _, checker = build_settings(config, plugins, rules, keep_content=True)
    folder = out_dir / REVIEW_DIR
    folder.mkdir(parents=True, exist_ok=True)
    context = _render_context(checker)
    for number, entry in enumerate(drafts, 1):
        source = Path(str(entry["source"]))
        try:
            report = checker.check_path(source)
        except EditcheckError as exc:
            click.echo(f"editcheck: no review page for {source}: {exc}", err=True)
            continue
        name = f"{number:02d}-{_slug(source.name)}.html"
        try:
            (folder / name).write_text(formatter.render([report], context), encoding="utf-8")
        except OSError as exc:
            raise _CannotWrite(f"cannot write a review page into {folder}: {exc}") from exc
        entry["review"] = f"{REVIEW_DIR}/{name}"


def _render_context(checker: Checker) -> RenderContext:
    from editcheck.formats.base import RenderContext

    return RenderContext(
        rules={r.id: r for r in checker.plugins.rules},
        fail_on=checker.config.fail_on,
        fail_on_incomplete=checker.config.fail_on_incomplete,
    )


def _slug(name: str) -> str:
    """A file name safe anywhere: letters, digits, dots, dashes."""
    import re

    return re.sub(r"[^A-Za-z0-9.-]+", "-", name).strip("-.")[:80] or "draft"


class _CannotWrite(click.ClickException):
    exit_code = int(ExitCode.USAGE)


def _writable(out_dir: Path) -> None:
    """Create ``--out`` now and prove a file can be written there."""
    probe = out_dir / ".editcheck-audit-probe"
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        probe.write_text("")
        probe.unlink()
    except OSError as exc:
        raise _CannotWrite(f"cannot write the audit into {out_dir}: {exc}") from exc


def _written_reports(paths: tuple[str, ...], from_list: Path | None) -> Iterator[ReadReport]:
    from editcheck.audit import read_reports
    from editcheck.run.inputs import read_path_list

    yield from read_reports(paths)
    if from_list is not None:
        yield from read_reports(read_path_list(from_list))


def _checked_reports(
    paths: tuple[str, ...],
    from_list: Path | None,
    jobs: int,
    plugins: PluginFlags,
    rules: RuleFlags,
) -> Iterator[ReadReport]:
    """Check the drafts (one process or ``--jobs``), streaming what the audit counts."""
    from editcheck.audit import ReadReport, ReportFacts
    from editcheck.run.batch import check_paths, default_jobs
    from editcheck.run.inputs import STDIN, expand_inputs, skipped_line

    config, _ = plugins.load()
    settings, checker = build_settings(config, plugins, rules)
    skipped: Counter[str] = Counter()
    files = [p for p in expand_inputs(paths, from_list, skipped=skipped) if p != STDIN]
    if skipped:
        click.echo(f"editcheck: {skipped_line(skipped)}", err=True)
    timeout = checker.config.draft_timeout
    outcomes = check_paths(checker, settings, files, jobs or default_jobs(), timeout)
    for outcome in with_progress(outcomes, Progress(len(files))):
        report = outcome.report
        yield ReadReport(outcome.item, ReportFacts.of(report) if report else None, outcome.error)
