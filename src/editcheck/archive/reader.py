"""Looking passages up in the index while checking: one connection per index per process.

A pre-publish hook or the HTTP service checks many drafts in one process, so the
connection (and SQLite's page cache) is opened once per index file and kept. The key
includes the file's inode, so an index replaced on disk (learned anew into a temporary
file and moved into place) is reopened. One connection serves every thread
(``check_same_thread=False``) behind a lock: a look-up takes well under a millisecond,
and a connection per thread would multiply the page cache.

A forked worker (``editcheck check -j``) must not use its parent's connection (SQLite
connections do not survive ``fork``), so a child starts with an empty cache and opens
its own.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path

from editcheck.archive.store import (
    ArchiveIndexError,
    connect_for_reading,
    index_stats,
    learn_hint,
)

_READERS: dict[tuple[str, int, int], IndexReader] = {}
_READERS_LOCK = threading.Lock()
_CHUNK = 256


class IndexReader:
    """Counts of fingerprints in one index file, safe to share between threads."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._conn = connect_for_reading(path)
        self._lock = threading.Lock()

    def counts(self, keys: Iterable[int]) -> dict[int, int]:
        """``{fingerprint: number of articles}`` for the keys the index holds."""
        wanted = sorted(set(keys))
        found: dict[int, int] = {}
        with self._lock:
            for i in range(0, len(wanted), _CHUNK):
                chunk = _padded(wanted[i : i + _CHUNK])
                sql = (
                    f"SELECT fp, docs FROM fingerprints WHERE fp IN ({','.join('?' * len(chunk))})"
                )
                found.update(self._query(sql, chunk))
        return found

    def has_article(self, key: bytes) -> bool:
        """True when this exact article (by content hash) was learned."""
        with self._lock:
            return bool(self._query("SELECT 1 FROM articles WHERE hash = ?", (key,)))

    def stats(self, top: int = 10) -> dict[str, object]:
        with self._lock:
            try:
                return index_stats(self._conn, self.path, top)
            except sqlite3.Error as exc:
                raise _unreadable(self.path, exc) from exc

    def _query(self, sql: str, params: Iterable[object]) -> list[tuple[int, int]]:
        try:
            return self._conn.execute(sql, tuple(params)).fetchall()
        except sqlite3.Error as exc:
            raise _unreadable(self.path, exc) from exc

    def close(self) -> None:
        with self._lock:
            self._conn.close()


def _unreadable(path: Path, exc: sqlite3.Error) -> ArchiveIndexError:
    return ArchiveIndexError(f"{path}: cannot read the boilerplate index: {exc}")


def _padded(keys: list[int]) -> list[int]:
    """Pad to a power of two so sqlite3's statement cache sees a handful of SQL strings."""
    size = 1
    while size < len(keys):
        size *= 2
    return keys + [keys[0]] * (size - len(keys)) if keys else keys


def open_index(path: str | Path) -> IndexReader:
    """The shared reader for ``path``, opened on first use; a clear error if unusable."""
    path = Path(path).expanduser()
    try:
        st = path.stat()
    except OSError as exc:
        missing = isinstance(exc, FileNotFoundError)
        reason = "no boilerplate index there" if missing else f"cannot read it: {exc.strerror}"
        raise ArchiveIndexError(f"{path}: {reason} ({learn_hint(path)})") from None
    key = (str(path.resolve()), st.st_dev, st.st_ino)
    with _READERS_LOCK:
        reader = _READERS.get(key)
        if reader is None:
            reader = _READERS[key] = IndexReader(path)
        return reader


def _forget_after_fork() -> None:
    """In a forked child: drop (never close) the parent's readers, and a fresh lock."""
    global _READERS_LOCK
    _READERS.clear()
    _READERS_LOCK = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_after_fork)


def close_all() -> None:
    """Close every cached reader (tests, and a service shutting down)."""
    with _READERS_LOCK:
        for reader in _READERS.values():
            reader.close()
        _READERS.clear()
