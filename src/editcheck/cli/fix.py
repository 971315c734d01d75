"""``editcheck fix``: apply the safe fixes to a draft; say what was fixed and what remains.

The fixed draft goes to standard output, to ``-o FILE``, back into the draft
(``--in-place``), or is shown as a unified diff (``--diff``). The summary is on standard
error, so the draft on standard output stays clean for a pipe. The exit status reads as
``check``'s does, for the fixed draft: 0 when what remains passes ``--fail-on``, 1 when
it does not (or a check did not finish), 2 for usage and input errors, 3 when a check
tried to end the process.
"""

from __future__ import annotations

import difflib
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from editcheck.cli.common import (
    ExitCode,
    PluginFlags,
    RuleFlags,
    build_settings,
    plugin_options,
    rule_options,
    split_list,
    stdin_type_option,
)

if TYPE_CHECKING:
    from editcheck.annotations import Report
    from editcheck.fixes import FixOutcome


@click.command("fix")
@click.argument("draft")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the fixed draft here [default: standard output].",
)
@click.option("--in-place", is_flag=True, help="Write the fixed draft back into DRAFT.")
@click.option("--diff", "show_diff", is_flag=True, help="Print a unified diff; write nothing.")
@click.option(
    "--only",
    multiple=True,
    metavar="FINGERPRINT",
    help="Apply only the fixes of these annotations (house-style suggestions included); "
    "repeatable or comma-separated.",
)
@rule_options
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info", "never"]),
    help="Exit 1 when what remains is at or above this severity [default: error].",
)
@stdin_type_option(("html", "text"))
@plugin_options
def fix_command(
    draft: str,
    output: Path | None,
    in_place: bool,
    show_diff: bool,
    only: tuple[str, ...],
    rules: RuleFlags,
    fail_on: str | None,
    stdin_type: str,
    plugins: PluginFlags,
) -> None:
    """Apply the safe fixes (page residue, blank runs, invisible characters, twice-escaped
    entities, mojibake, an exact duplicate paragraph) to DRAFT (HTML or text, or '-').

    Exit status: 0 what remains passes --fail-on, 1 it does not or a check did not
    finish, 2 usage, config or input errors, 3 a check tried to end the process.
    """
    from editcheck.config import parse_fail_on
    from editcheck.errors import EditcheckError
    from editcheck.fixes import fix_document

    if sum((output is not None, in_place, show_diff)) > 1:
        raise click.UsageError("give at most one of -o, --in-place and --diff")
    if in_place and draft == "-":
        raise click.UsageError("--in-place needs a file, not standard input")
    config, _ = plugins.load()
    changes: dict[str, Any] = {}
    if fail_on is not None:
        changes["fail_on"] = parse_fail_on(fail_on)
    _, checker = build_settings(config, plugins, rules, changes)
    data, source = _read(draft)
    try:
        doc = _load(data, source, draft, stdin_type, checker.config.max_bytes)
    except EditcheckError as exc:
        click.echo(f"editcheck: {source}: {exc}", err=True)
        sys.exit(int(ExitCode.USAGE))
    wanted = split_list(only) or None
    outcome = fix_document(checker, doc, wanted)
    fixed = _encode(outcome.result.draft, data, doc) if outcome.result.changed else data
    if show_diff:
        sys.stdout.write(_diff(doc.source_text, outcome.result.draft, source))
    elif in_place:
        if outcome.result.changed:
            _write_atomically(Path(draft), fixed)
    elif output is not None:
        _write_atomically(output, fixed)
    else:
        sys.stdout.buffer.write(fixed)
        sys.stdout.flush()
    _summary(outcome, source, checker.config.fail_on)
    sys.exit(int(_exit_code(outcome.fixed_report, checker.config)))


def _read(draft: str) -> tuple[bytes, str]:
    if draft == "-":
        return sys.stdin.buffer.read(), "<stdin>"
    try:
        return Path(draft).read_bytes(), draft
    except OSError as exc:
        click.echo(f"editcheck: {draft}: cannot read: {exc.strerror or exc}", err=True)
        sys.exit(int(ExitCode.USAGE))


def _load(data: bytes, source: str, draft: str, stdin_type: str, max_bytes: int) -> Any:
    from editcheck.fixes import read_draft

    given = {"html": "text/html", "text": "text/plain"}.get(stdin_type)
    media = given if draft == "-" else None
    name = draft if draft != "-" else ""
    return read_draft(data, source=source, name=name, media_type=media, max_bytes=max_bytes)


def _encode(text: str, original: bytes, doc: Any) -> bytes:
    from editcheck.fixes import encode_draft

    data, warning = encode_draft(text, original, doc)
    if warning:
        click.echo(f"editcheck: {warning}", err=True)
    return data


def _write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path`` and move it over, so an interrupted
    write never leaves half a draft."""
    folder = path.resolve().parent
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        os.replace(tmp, path)
    except OSError as exc:
        click.echo(f"editcheck: cannot write {path}: {exc.strerror or exc}", err=True)
        sys.exit(int(ExitCode.USAGE))


def _diff(before: str, after: str, source: str) -> str:
    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=f"a/{source}",
        tofile=f"b/{source}",
    )
    out = "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
    )
    return out


def _summary(outcome: FixOutcome, source: str, fail_on: Any) -> None:
    """What was fixed, what could not be, and what remains, on standard error."""
    result, remains = outcome.result, outcome.fixed_report
    by_rule = Counter(a.rule for a in outcome.report.annotations if a.fingerprint in result.applied)
    fixed = ", ".join(f"{rule} ×{n}" if n > 1 else rule for rule, n in sorted(by_rule.items()))
    count = len(result.applied)

    def say(text: str) -> None:
        click.echo(f"editcheck: {source}: {text}", err=True)

    say(f"fixed {count} finding{'s' if count != 1 else ''}" + (f" ({fixed})" if fixed else ""))
    for fp, why in result.not_applied:
        say(f"not fixed: {fp}: {why}")
    summary = remains.summary()
    still = sum(1 for a in remains.annotations if a.fixable)
    counts = summary["by_severity"]
    line = (
        f"{summary['total']} finding{'s remain' if summary['total'] != 1 else ' remains'} "
        f"({counts['error']} error, {counts['warning']} warning, {counts['info']} info)"
    )
    if still:
        verb = "still have" if still != 1 else "still has"
        line += f"; {still} of them {verb} a safe fix (run editcheck fix again)"
    for e in remains.errors:
        say(f"check {e.check} failed ({e.kind}): {e.message}")
    say(line + f"; verdict: {remains.verdict(fail_on)}")


def _exit_code(report: Report, config: Any) -> ExitCode:
    if any(e.kind == "exit" for e in report.errors):
        return ExitCode.INTERNAL
    blocks = report.blocks(config.fail_on, fail_on_incomplete=config.fail_on_incomplete)
    return ExitCode.FINDINGS if blocks else ExitCode.OK
