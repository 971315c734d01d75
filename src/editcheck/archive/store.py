"""The archive index on disk: one SQLite file (stdlib sqlite3), no server.

Tables, and why each looks as it does:

- ``fingerprints(fp INTEGER PRIMARY KEY, docs)``: one row per passage class, keyed by its
  64-bit fingerprint, which is the rowid itself, so a look-up is one B-tree search and a
  row costs a few bytes. ``docs`` is the number of distinct articles holding the class.
- ``articles(hash PRIMARY KEY, source)``: the content hash of every learned article, so
  learning the same article twice (the same file, or the same text under another name)
  counts it once.
- ``passages(fp PRIMARY KEY, kind, text)``: one sample text, kept only once a class has
  been seen in a second article; ``stats`` shows these. Keeping the text of every
  passage would store the whole archive again.
- ``meta``: format, schema and normaliser versions, so an index made by an incompatible
  editcheck is refused with a message instead of silently matching nothing.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
import time
from pathlib import Path
from typing import Any

from editcheck.archive.normalize import (
    MIN_PARAGRAPH_WORDS,
    MIN_SENTENCE_WORDS,
    NORMALISER_VERSION,
)
from editcheck.errors import ConfigError

FORMAT = "editcheck-boilerplate-index"
SCHEMA_VERSION = "1"
SAMPLE_CHARS = 300

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE articles(hash BLOB PRIMARY KEY, source TEXT) WITHOUT ROWID;
CREATE TABLE fingerprints(fp INTEGER PRIMARY KEY, docs INTEGER NOT NULL);
CREATE TABLE passages(fp INTEGER PRIMARY KEY, kind TEXT NOT NULL, text TEXT NOT NULL);
"""


class ArchiveIndexError(ConfigError):
    """The boilerplate index is missing, unreadable, corrupt or of another version."""


def learn_hint(path: Path | str) -> str:
    return f"build one with: editcheck archive learn ARTICLES... --index {path}"


def connect_for_writing(path: Path) -> sqlite3.Connection:
    """Open (creating if needed) an index to add articles to, tuned for bulk loading."""
    exists = path.exists() and path.stat().st_size > 0
    try:
        conn = sqlite3.connect(str(path), isolation_level=None)
    except sqlite3.Error as exc:
        raise ArchiveIndexError(f"{path}: cannot open the boilerplate index: {exc}") from exc
    try:
        if exists:
            check_meta(conn, path)
        else:
            _create(conn)
        # A learn that is killed loses at most the batch being written (WAL keeps the
        # file sound); not syncing each batch is what makes an archive-sized load fast,
        # at the price that a power cut mid-learn can spoil the file: learn it again.
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute("PRAGMA cache_size=-262144")
        conn.execute("PRAGMA temp_store=MEMORY")
    except sqlite3.Error as exc:
        conn.close()
        raise ArchiveIndexError(f"{path}: not a usable boilerplate index: {exc}") from exc
    except ArchiveIndexError:
        conn.close()
        raise
    return conn


def finish_writing(conn: sqlite3.Connection) -> None:
    """Fold the WAL back in and return to a plain rollback journal, then close.

    Read-only checkers then need nothing but the one file (no -wal/-shm beside it).
    """
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()


def connect_for_reading(path: Path) -> sqlite3.Connection:
    """A read-only connection usable from several threads (callers hold a lock)."""
    if not path.is_file():
        raise ArchiveIndexError(f"{path}: no boilerplate index there ({learn_hint(path)})")
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
    except sqlite3.Error as exc:
        raise ArchiveIndexError(f"{path}: cannot open the boilerplate index: {exc}") from exc
    try:
        conn.execute("PRAGMA query_only=ON")
        # Look-ups touch random leaf pages: mapping the file spares a read() per page, and
        # a cache of a few tens of MB keeps a newsroom-sized index's hot pages in memory.
        conn.execute("PRAGMA mmap_size=268435456")
        conn.execute("PRAGMA cache_size=-32768")
        check_meta(conn, path)
        _check_pages(conn, path)
    except sqlite3.Error as exc:
        conn.close()
        raise ArchiveIndexError(f"{path}: not a readable boilerplate index: {exc}") from exc
    except ArchiveIndexError:
        conn.close()
        raise
    return conn


def _check_pages(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse an index with damaged pages before any draft is checked against it: a
    look-up that hits one mid-run would leave that draft unchecked for boilerplate.
    ``quick_check`` reads every page once (about 0.1 s per 100 MB here) and only when a
    process first opens the index."""
    problems = [row[0] for row in conn.execute("PRAGMA quick_check(3)")]
    if problems != ["ok"]:
        raise ArchiveIndexError(
            f"{path}: the boilerplate index is damaged ({'; '.join(problems)}); "
            f"learn it again ({learn_hint(path)})"
        )


def lock_for_writing(path: Path) -> int:
    """An exclusive ``flock`` on the index file, held while one learn writes it, so a
    second learn on the same index is told the index is busy instead of meeting "database
    is locked" halfway through. (``flock`` and SQLite's own POSIX locks are independent
    on Linux; the descriptor is closed only after SQLite's connection is.)"""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        raise ArchiveIndexError(
            f"{path}: the index is busy: another 'archive learn' is writing it; wait for "
            "it to finish, or learn into another file"
        ) from None
    return fd


def _create(conn: sqlite3.Connection) -> None:
    conn.executescript(_SCHEMA)
    meta = {
        "format": FORMAT,
        "schema": SCHEMA_VERSION,
        "normaliser": str(NORMALISER_VERSION),
        "min-paragraph-words": str(MIN_PARAGRAPH_WORDS),
        "min-sentence-words": str(MIN_SENTENCE_WORDS),
        "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    conn.executemany("INSERT INTO meta(key, value) VALUES (?, ?)", meta.items())


def check_meta(conn: sqlite3.Connection, path: Path) -> dict[str, str]:
    """The index's meta table; an error naming the problem when it is not ours or too old."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if not {"meta", "articles", "fingerprints", "passages"} <= tables:
        raise ArchiveIndexError(f"{path}: an SQLite file, but not an editcheck boilerplate index")
    meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    if meta.get("format") != FORMAT:
        raise ArchiveIndexError(f"{path}: not an editcheck boilerplate index")
    if meta.get("schema") != SCHEMA_VERSION or meta.get("normaliser") != str(NORMALISER_VERSION):
        raise ArchiveIndexError(
            f"{path}: index made by another editcheck version (schema {meta.get('schema')}, "
            f"normaliser {meta.get('normaliser')}); learn it again into a new file"
        )
    return meta


def index_stats(conn: sqlite3.Connection, path: Path, top: int = 10) -> dict[str, Any]:
    """What an index holds: articles, fingerprints, the most recurring passages, its size."""

    def one(sql: str) -> int:
        count: int = conn.execute(sql).fetchone()[0]
        return count

    rows = conn.execute(
        "SELECT f.docs, p.kind, p.text FROM passages p JOIN fingerprints f ON f.fp = p.fp "
        "ORDER BY f.docs DESC, p.text LIMIT ?",
        (top,),
    ).fetchall()
    meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    return {
        "index": str(path),
        "articles": one("SELECT count(*) FROM articles"),
        "fingerprints": one("SELECT count(*) FROM fingerprints"),
        "recurring": one("SELECT count(*) FROM passages"),
        "size_bytes": path.stat().st_size,
        "created": meta.get("created"),
        "schema": meta.get("schema"),
        "normaliser": meta.get("normaliser"),
        "top": [{"articles": docs, "kind": kind, "text": text} for docs, kind, text in rows],
    }
