"""Reading reports already written (``check -f jsonl``, Dask partitions) back for an audit.

An archive checked on a cluster should not be checked again to be audited: its JSONL
partitions hold every report. A folder is walked for ``*.jsonl`` (sorted); its
``manifest.json``, when a Dask run left one, adds the inputs that run could not read and
the partitions it lost, so the audit's ``unreadable`` covers them too.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from editcheck.audit.tally import ReportFacts

SCHEMA = "editcheck/report@1"


@dataclass(frozen=True, slots=True)
class ReadReport:
    """One line's report, or why a line or an input counts as unreadable."""

    item: str
    facts: ReportFacts | None
    error: str | None = None


def read_reports(paths: Iterable[str | Path]) -> Iterator[ReadReport]:
    """Reports from JSONL files and folders of them, one line at a time."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for found in sorted(path.rglob("*.jsonl")):
                yield from _read_file(found)
            manifest = path / "manifest.json"
            if manifest.is_file():
                yield from _read_manifest(manifest)
        else:
            yield from _read_file(path)


def _read_file(path: Path) -> Iterator[ReadReport]:
    try:
        lines = path.open(encoding="utf-8")
    except OSError as exc:
        yield ReadReport(str(path), None, f"{path}: cannot read: {exc.strerror or exc}")
        return
    with lines:
        for number, line in enumerate(lines, 1):
            if line.strip():
                yield _parse(f"{path}:{number}", line)


def _parse(where: str, line: str) -> ReadReport:
    try:
        data = json.loads(line)
        if not isinstance(data, dict) or data.get("schema") != SCHEMA:
            raise ValueError(f"not an {SCHEMA} report")
        facts = ReportFacts.from_json(data)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        why = exc.args[0] if isinstance(exc, ValueError) and exc.args else repr(exc)
        return ReadReport(where, None, f"{where}: {why}")
    return ReadReport(facts.source or where, facts)


def _read_manifest(manifest: Path) -> Iterator[ReadReport]:
    try:
        data = json.loads(manifest.read_text("utf-8"))
        for part in data.get("partitions", []):
            for why in part.get("unreadable", []):
                yield ReadReport(str(why).split(": ", 1)[0], None, str(why))
        for lost in data.get("failed_partitions", []):
            yield ReadReport(
                f"partition {lost['index']}",
                None,
                f"partition {lost['index']} ({lost['drafts']} drafts) was not "
                f"checked: {lost['error']}",
            )
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        yield ReadReport(str(manifest), None, f"{manifest}: not a readable manifest: {exc!r}")
