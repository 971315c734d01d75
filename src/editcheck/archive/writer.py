"""Adding articles to the index in batches: counted in memory, written in one transaction.

Per batch, the fingerprint counts are summed in a dict and written with one
``executemany`` into a temporary table, from which two set-wise statements upsert the
counters and keep sample texts of classes that now recur. That keeps an archive-sized
load to a few statements per thousand articles instead of one per passage.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from types import TracebackType

from editcheck.archive.passages import document_key, passages
from editcheck.archive.store import (
    SAMPLE_CHARS,
    ArchiveIndexError,
    connect_for_writing,
    finish_writing,
    lock_for_writing,
)
from editcheck.document import Document

BATCH_ARTICLES = 2000

_BATCH_TABLE = """
CREATE TEMP TABLE IF NOT EXISTS batch(
    fp INTEGER PRIMARY KEY, docs INTEGER NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL)
"""
_KEEP_SAMPLES = """
INSERT INTO passages(fp, kind, text)
SELECT b.fp, b.kind, b.text FROM temp.batch b
WHERE b.docs >= 2 OR EXISTS (SELECT 1 FROM fingerprints f WHERE f.fp = b.fp)
ON CONFLICT(fp) DO NOTHING
"""
_ADD_COUNTS = """
INSERT INTO fingerprints(fp, docs) SELECT fp, docs FROM temp.batch WHERE true
ON CONFLICT(fp) DO UPDATE SET docs = docs + excluded.docs
"""


class IndexWriter:
    """Adds articles to an index file; use as a context manager so the last batch lands.

    with IndexWriter(Path("archive.sqlite")) as index:
        index.add(doc)
    """

    def __init__(self, path: Path | str, batch_articles: int = BATCH_ARTICLES) -> None:
        self.path = Path(path)
        self._lock = lock_for_writing(self.path)
        try:
            self._conn = connect_for_writing(self.path)
        except BaseException:
            os.close(self._lock)
            raise
        self._conn.execute(_BATCH_TABLE)
        self._batch_articles = batch_articles
        self._articles: dict[bytes, str | None] = {}
        self._counts: dict[int, int] = {}
        self._samples: dict[int, tuple[str, str]] = {}
        self.added = 0
        self.known = 0

    def add(self, doc: Document, source: str | None = None) -> bool:
        """Count one article; False (and nothing counted) when the index already has it."""
        key = document_key(doc)
        if key in self._articles or self._known(key):
            self.known += 1
            return False
        self._articles[key] = source
        seen: set[int] = set()
        for p in passages(doc):
            if p.key in seen:
                continue
            seen.add(p.key)
            self._counts[p.key] = self._counts.get(p.key, 0) + 1
            if p.key not in self._samples:
                self._samples[p.key] = (p.kind, p.text[:SAMPLE_CHARS])
        self.added += 1
        if len(self._articles) >= self._batch_articles:
            self.flush()
        return True

    def _known(self, key: bytes) -> bool:
        row = self._conn.execute("SELECT 1 FROM articles WHERE hash = ?", (key,)).fetchone()
        return row is not None

    def flush(self) -> None:
        """Write the pending batch in one transaction."""
        if not self._articles:
            return
        rows = [(fp, n, *self._samples[fp]) for fp, n in sorted(self._counts.items())]
        conn = self._conn
        try:
            conn.execute("BEGIN")
            conn.executemany(
                "INSERT INTO temp.batch(fp, docs, kind, text) VALUES (?, ?, ?, ?)", rows
            )
            conn.execute(_KEEP_SAMPLES)
            conn.execute(_ADD_COUNTS)
            conn.execute("DELETE FROM temp.batch")
            conn.executemany(
                "INSERT INTO articles(hash, source) VALUES (?, ?)", sorted(self._articles.items())
            )
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise ArchiveIndexError(
                f"{self.path}: cannot write the boilerplate index: {exc}"
            ) from exc
        self._articles.clear()
        self._counts.clear()
        self._samples.clear()

    def close(self) -> None:
        """Write what is pending and close the file."""
        try:
            self.flush()
        finally:
            try:
                finish_writing(self._conn)
            finally:
                os.close(self._lock)

    def __enter__(self) -> IndexWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
