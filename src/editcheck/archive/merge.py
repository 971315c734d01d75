"""The archive index learned in parallel: one index per partition, merged into one.

Counting is a sum, so partitions can be learned anywhere (worker processes, Dask
workers) and their ``fingerprints`` counters added up. Two things make a plain sum differ
from one serial ``learn``, and this module handles both:

- *Sample texts.* An index keeps a passage's text only once it recurs within that index,
  so a passage seen once in each of two partitions would have no sample after a sum.
  :func:`learn_part` therefore also keeps, in a side table of the part file, one sample
  of every passage seen only once; :func:`merge_indexes` uses it and drops it.
- *Duplicate articles.* A serial learn counts an article once however often it appears
  (by content hash). When the same article was learned in two partitions, the later
  copy's passages are subtracted again after the sum, by re-reading that copy's file.
  A copy that can no longer be read is reported, since its passages stay counted twice.

The merged file is an ordinary index: same tables, same counts as a serial learn of the
same articles in partition order (sample texts may come from another article holding
the same passage).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from editcheck.archive.passages import passages
from editcheck.archive.store import (
    SAMPLE_CHARS,
    ArchiveIndexError,
    check_meta,
    connect_for_writing,
    finish_writing,
)
from editcheck.archive.writer import IndexWriter
from editcheck.config import DEFAULT_MAX_BYTES
from editcheck.document import Document, load_bytes, media_type_for
from editcheck.errors import InputError
from editcheck.run.inputs import expand_inputs

SIDE_TABLE = "merge_samples"
_SIDE_SCHEMA = (
    f"CREATE TABLE IF NOT EXISTS {SIDE_TABLE}"
    "(fp INTEGER PRIMARY KEY, kind TEXT NOT NULL, text TEXT NOT NULL)"
)


@dataclass
class PartResult:
    """What learning one partition did (picklable: it travels back from a worker)."""

    path: str
    added: int = 0
    known: int = 0
    unreadable: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class MergeResult:
    """What a merge did: articles added, duplicates corrected, copies that could not be."""

    added: int = 0
    duplicates: int = 0
    uncorrected: list[str] = field(default_factory=list)


def read_article(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Parse an article exactly as ``learn_paths`` does (OSError/InputError when unreadable)."""
    data = path.read_bytes()
    return load_bytes(data, media_type_for(path, data), source=str(path), max_bytes=max_bytes)


def learn_part(
    part: str | Path,
    paths: Sequence[str],
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> PartResult:
    """Learn ``paths`` into a new part index at ``part``, with the samples a merge needs."""
    result = PartResult(str(part))
    samples: dict[int, tuple[str, str]] = {}
    with IndexWriter(part) as writer:
        for raw in paths:
            try:
                doc = read_article(Path(raw), max_bytes)
            except (OSError, InputError) as exc:
                result.unreadable.append((raw, str(exc)))
                continue
            if writer.add(doc, raw):
                for p in passages(doc):
                    samples.setdefault(p.key, (p.kind, p.text[:SAMPLE_CHARS]))
        result.added, result.known = writer.added, writer.known
    conn = connect_for_writing(Path(part))
    try:
        conn.execute(_SIDE_SCHEMA)
        conn.execute("BEGIN")
        conn.executemany(
            f"INSERT INTO {SIDE_TABLE}(fp, kind, text) VALUES (?, ?, ?)",
            ((fp, kind, text) for fp, (kind, text) in sorted(samples.items())),
        )
        # Passages that recur inside this part already have their sample.
        conn.execute(f"DELETE FROM {SIDE_TABLE} WHERE fp IN (SELECT fp FROM passages)")
        conn.execute("COMMIT")
    finally:
        finish_writing(conn)
    return result


def merge_indexes(
    target: str | Path, parts: Iterable[str | Path], max_bytes: int = DEFAULT_MAX_BYTES
) -> MergeResult:
    """Add each part index (in order) to ``target``, created if missing."""
    target = Path(target)
    IndexWriter(target).close()  # creates the file and its meta when missing
    result = MergeResult()
    conn = connect_for_writing(target)
    try:
        conn.execute(_SIDE_SCHEMA)
        for part in parts:
            _merge_one(conn, Path(part), result, max_bytes)
        _settle_samples(conn)
    except sqlite3.Error as exc:
        raise ArchiveIndexError(
            f"{target}: cannot merge into the boilerplate index: {exc}"
        ) from exc
    finally:
        finish_writing(conn)
    return result


_SUM_COUNTS = """
INSERT INTO main.fingerprints(fp, docs) SELECT fp, docs FROM part.fingerprints WHERE true
ON CONFLICT(fp) DO UPDATE SET docs = docs + excluded.docs
"""


def _merge_one(conn: sqlite3.Connection, part: Path, result: MergeResult, max_bytes: int) -> None:
    _check_part(part)
    conn.execute("ATTACH DATABASE ? AS part", (str(part),))
    try:
        has_side = bool(
            conn.execute(
                "SELECT 1 FROM part.sqlite_master WHERE name = ?", (SIDE_TABLE,)
            ).fetchone()
        )
        duplicates = conn.execute(
            "SELECT source FROM part.articles WHERE hash IN (SELECT hash FROM main.articles)"
        ).fetchall()
        conn.execute("BEGIN")
        conn.execute(
            "INSERT INTO main.passages(fp, kind, text) SELECT fp, kind, text "
            "FROM part.passages WHERE true ON CONFLICT(fp) DO NOTHING"
        )
        if has_side:
            conn.execute(
                f"INSERT INTO main.{SIDE_TABLE}(fp, kind, text) SELECT fp, kind, text "
                f"FROM part.{SIDE_TABLE} WHERE true ON CONFLICT(fp) DO NOTHING"
            )
        conn.execute(_SUM_COUNTS)
        conn.execute(
            "INSERT INTO main.articles(hash, source) SELECT hash, source "
            "FROM part.articles WHERE true ON CONFLICT(hash) DO NOTHING"
        )
        added = conn.execute("SELECT changes()").fetchone()[0]
        for (source,) in duplicates:
            _uncount(conn, source, result, max_bytes)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        conn.execute("DETACH DATABASE part")
    result.added += added
    result.duplicates += len(duplicates)


def _check_part(part: Path) -> None:
    if not part.is_file():
        raise ArchiveIndexError(f"{part}: no boilerplate index there")
    probe = sqlite3.connect(f"{part.resolve().as_uri()}?mode=ro", uri=True)
    try:
        check_meta(probe, part)
    except sqlite3.Error as exc:
        raise ArchiveIndexError(f"{part}: not a readable boilerplate index: {exc}") from exc
    finally:
        probe.close()


def _uncount(
    conn: sqlite3.Connection, source: str | None, result: MergeResult, max_bytes: int
) -> None:
    """Take a duplicate article's passages off the counters again, as a serial learn
    never counted them."""
    try:
        doc = read_article(Path(source or ""), max_bytes)
    except (OSError, InputError):
        result.uncorrected.append(source or "<unknown source>")
        return
    keys = sorted({p.key for p in passages(doc)})
    conn.executemany(
        "UPDATE main.fingerprints SET docs = docs - 1 WHERE fp = ?", ((k,) for k in keys)
    )
    conn.execute("DELETE FROM main.fingerprints WHERE docs <= 0")


def _settle_samples(conn: sqlite3.Connection) -> None:
    """Keep a sample exactly for the passages that recur, as a serial learn does."""
    conn.execute("BEGIN")
    conn.execute(
        f"INSERT INTO passages(fp, kind, text) SELECT s.fp, s.kind, s.text "
        f"FROM {SIDE_TABLE} s JOIN fingerprints f ON f.fp = s.fp WHERE f.docs >= 2 "
        "ON CONFLICT(fp) DO NOTHING"
    )
    conn.execute(
        "DELETE FROM passages WHERE fp NOT IN (SELECT fp FROM fingerprints WHERE docs >= 2)"
    )
    conn.execute(f"DROP TABLE {SIDE_TABLE}")
    conn.execute("COMMIT")


def article_partitions(paths: Iterable[str | Path], size: int) -> Iterator[list[str]]:
    """The articles under ``paths`` (folders walked as ``learn`` walks them), ``size`` a run."""
    found = expand_inputs(paths)
    while chunk := list(islice(found, size)):
        yield chunk


def learn_with_dask(
    client: Any,
    index: str | Path,
    paths: Iterable[str | Path],
    work_dir: str | Path,
    size: int = 500,
) -> tuple[list[PartResult], MergeResult]:
    """Learn partitions on a Dask cluster into part files under ``work_dir`` (a folder
    the workers and this process share), then merge them into ``index`` in order."""
    work = Path(work_dir).resolve()
    work.mkdir(parents=True, exist_ok=True)
    where = [Path(p).absolute() for p in paths]  # a worker's working directory is not ours
    futures = [
        client.submit(learn_part, str(work / f"part-{i:05d}.sqlite"), chunk, pure=False)
        for i, chunk in enumerate(article_partitions(where, size))
    ]
    results: list[PartResult] = client.gather(futures)
    merged = merge_indexes(index, [r.path for r in results])
    for r in results:
        Path(r.path).unlink(missing_ok=True)
    return results, merged
