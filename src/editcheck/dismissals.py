"""Dismissals: an editor's "this finding is fine" for one finding of one draft, in SQLite.

A dismissal is keyed by the draft's id and the annotation's fingerprint (rule, flagged
text with case and spacing folded, occurrence number): the same finding of the same draft
checked again is still dismissed, and nothing else is. The rule is stored too and must
match on look-up, so even a fingerprint collision across rules hides nothing.

The store also records, once per draft and fingerprint, the findings it was asked about
(``shown``): the denominator of the per-rule dismissal rates ``editcheck audit`` reports,
so a rule's rate is "of the findings editors saw, how many they overruled", whatever
the number of re-checks.

Its own room (it imports nothing of editcheck but ``errors``) because the service writes
it and ``editcheck audit`` reads it, and neither face may import the other.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from editcheck.errors import ConfigError

SCHEMA_VERSION = 1
DEFAULT_PATH = Path("editcheck-dismissals.sqlite")
MAX_REASON = 500
MAX_TEXT = 300
_TABLES = {"dismissals", "shown"}
_SCHEMA = """
CREATE TABLE IF NOT EXISTS dismissals (
    draft_id TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    rule TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL DEFAULT '',
    created REAL NOT NULL,
    PRIMARY KEY (draft_id, fingerprint)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS shown (
    draft_id TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    rule TEXT NOT NULL,
    first_seen REAL NOT NULL,
    PRIMARY KEY (draft_id, fingerprint)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS shown_rule ON shown (rule);
"""


@dataclass(frozen=True, slots=True)
class Dismissal:
    """One dismissed finding: which draft, which finding, why, when (Unix seconds)."""

    draft_id: str
    fingerprint: str
    rule: str
    reason: str = ""
    text: str = ""
    created: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class RuleRate:
    """How often editors dismissed one rule's findings."""

    rule: str
    shown: int
    dismissed: int
    reasons: tuple[tuple[str, int], ...] = ()

    @property
    def rate(self) -> float:
        return self.dismissed / self.shown if self.shown else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "shown": self.shown,
            "dismissed": self.dismissed,
            "rate": round(self.rate, 4),
            "reasons": [{"reason": r, "count": n} for r, n in self.reasons],
        }


class DismissalStore:
    """The dismissals database: one connection per process, safe across threads.

    The file and its tables are made on the first write (a server that never checks a
    draft leaves nothing behind); opening checks now that an existing file is a
    dismissals database (``ConfigError`` otherwise, rather than writing into someone's
    data) and that a missing one could be made.
    """

    def __init__(self, path: Path, *, create: bool = True) -> None:
        self.path = path
        self._create = create
        self._db: sqlite3.Connection | None = None
        self._lock = threading.Lock()
        if not create and not path.is_file():
            raise ConfigError(f"{path}: no dismissals database there")
        if path.exists():
            self._open()
        else:
            _writable(path)

    def _open(self) -> sqlite3.Connection:
        path, create = self.path, self._create
        try:
            if create:
                path.parent.mkdir(parents=True, exist_ok=True)
            # Read-only when only reading (audit): a look never changes the file.
            where = f"{path.resolve().as_uri()}?mode=ro" if not create else str(path)
            db = sqlite3.connect(
                where, uri=not create, check_same_thread=False, isolation_level=None
            )
            db.execute("PRAGMA busy_timeout = 5000")
            self._check_schema(db, create)
            if create:
                db.execute("PRAGMA journal_mode = WAL")
                db.execute("PRAGMA synchronous = NORMAL")
        except (sqlite3.Error, OSError) as exc:
            raise ConfigError(f"{path}: cannot open the dismissals database: {exc}") from None
        self._db = db
        return db

    def _conn(self, write: bool) -> sqlite3.Connection | None:
        """The connection; None for a read while the file does not exist yet."""
        if self._db is None:
            if not write and not self.path.exists():
                return None
            return self._open()
        return self._db

    def _check_schema(self, db: sqlite3.Connection, create: bool) -> None:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if tables and (not tables >= _TABLES or version != SCHEMA_VERSION):
            raise ConfigError(
                f"{self.path}: this file is not an editcheck dismissals database "
                f"(tables {', '.join(sorted(tables))}, version {version})"
            )
        if not tables:
            if not create:
                raise ConfigError(f"{self.path}: this file is not a dismissals database")
            db.executescript(_SCHEMA + f"PRAGMA user_version = {SCHEMA_VERSION};")

    def _need(self) -> sqlite3.Connection:
        db = self._conn(write=True)
        assert db is not None
        return db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def for_draft(self, draft_id: str) -> dict[str, Dismissal]:
        """The dismissals of one draft by fingerprint (one indexed read)."""
        with self._lock:
            db = self._conn(write=False)
            if db is None:
                return {}
            rows = db.execute(
                "SELECT fingerprint, rule, reason, text, created FROM dismissals "
                "WHERE draft_id = ?",
                (draft_id,),
            ).fetchall()
        return {r[0]: Dismissal(draft_id, *r) for r in rows}

    def add(self, d: Dismissal) -> Dismissal:
        """Store (or replace) one dismissal; returns it with its creation time."""
        stored = Dismissal(
            d.draft_id,
            d.fingerprint,
            d.rule,
            d.reason[:MAX_REASON],
            d.text[:MAX_TEXT],
            d.created or time.time(),
        )
        with self._lock:
            self._need().execute(
                "INSERT OR REPLACE INTO dismissals VALUES (?, ?, ?, ?, ?, ?)",
                (
                    stored.draft_id,
                    stored.fingerprint,
                    stored.rule,
                    stored.reason,
                    stored.text,
                    stored.created,
                ),
            )
        return stored

    def remove(self, draft_id: str, fingerprint: str) -> bool:
        """Take a dismissal back; False when there was none."""
        with self._lock:
            db = self._conn(write=False)
            if db is None:
                return False
            cur = db.execute(
                "DELETE FROM dismissals WHERE draft_id = ? AND fingerprint = ?",
                (draft_id, fingerprint),
            )
        return cur.rowcount > 0

    def record_shown(self, draft_id: str, findings: Iterable[tuple[str, str]]) -> None:
        """Note the (fingerprint, rule) findings shown for a draft (first time counts)."""
        now = time.time()
        rows = [(draft_id, fp, rule, now) for fp, rule in findings]
        if not rows:
            return
        with self._lock:
            db = self._need()
            db.execute("BEGIN")
            try:
                db.executemany("INSERT OR IGNORE INTO shown VALUES (?, ?, ?, ?)", rows)
            finally:
                db.execute("COMMIT")

    def rates(self, top_reasons: int = 3) -> list[RuleRate]:
        """Per rule: findings shown, dismissed, and the commonest reasons; worst first."""
        with self._lock:
            db = self._need()
            shown = dict(db.execute("SELECT rule, COUNT(*) FROM shown GROUP BY rule"))
            dismissed = dict(db.execute("SELECT rule, COUNT(*) FROM dismissals GROUP BY rule"))
            reason_rows = db.execute(
                "SELECT rule, reason, COUNT(*) AS n FROM dismissals WHERE reason != '' "
                "GROUP BY rule, reason ORDER BY rule, n DESC, reason"
            ).fetchall()
        reasons: dict[str, list[tuple[str, int]]] = {}
        for rule, reason, n in reason_rows:
            kept = reasons.setdefault(rule, [])
            if len(kept) < top_reasons:
                kept.append((reason, n))
        rates = [
            # A dismissal of a finding the store never saw shown (made before it recorded,
            # or through the API alone) still counts as shown once.
            RuleRate(rule, max(shown.get(rule, 0), n), n, tuple(reasons.get(rule, ())))
            for rule, n in dismissed.items()
        ]
        rates += [RuleRate(rule, n, 0) for rule, n in shown.items() if rule not in dismissed]
        return sorted(rates, key=lambda r: (-r.rate, -r.dismissed, r.rule))


def _writable(path: Path) -> None:
    """A missing database must be creatable: its nearest existing folder writable."""
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir() or not os.access(folder, os.W_OK):
        raise ConfigError(
            f"{path}: cannot create the dismissals database ({folder} is not writable)"
        )


def rates_summary(path: Path) -> dict[str, Any]:
    """The per-rule dismissal rates in ``path`` as JSON-ready data (for ``audit``)."""
    store = DismissalStore(path, create=False)
    try:
        rates = store.rates()
    finally:
        store.close()
    return {
        "database": str(path),
        "shown": sum(r.shown for r in rates),
        "dismissed": sum(r.dismissed for r in rates),
        "by_rule": [r.to_dict() for r in rates],
    }
