"""The dismissals store: keyed exactly, rates per rule, refuses files that are not its own,
and ``editcheck audit --dismissals`` reports the rates."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
from pathlib import Path

import pytest

from editcheck.dismissals import Dismissal, DismissalStore, rates_summary
from editcheck.errors import ConfigError

FP1, FP2, FP3 = "0123456789abcdef", "fedcba9876543210", "00000000000000ff"


def test_dismissals_are_keyed_by_draft_and_fingerprint(tmp_path: Path) -> None:
    store = DismissalStore(tmp_path / "d.sqlite")
    store.add(Dismissal("draft-1", FP1, "core/unattributed-claim", "named below"))
    assert set(store.for_draft("draft-1")) == {FP1}
    assert store.for_draft("draft-2") == {}
    again = store.add(Dismissal("draft-1", FP1, "core/unattributed-claim", "changed my mind"))
    assert store.for_draft("draft-1")[FP1].reason == "changed my mind" == again.reason
    assert store.remove("draft-1", FP1) and not store.remove("draft-1", FP1)
    store.close()


def test_reasons_are_clipped_and_times_kept(tmp_path: Path) -> None:
    store = DismissalStore(tmp_path / "d.sqlite")
    stored = store.add(Dismissal("d", FP1, "core/mojibake", "x" * 2000, "y" * 2000))
    assert len(stored.reason) == 500 and len(stored.text) == 300 and stored.created > 0
    assert store.for_draft("d")[FP1] == stored


def test_rates_count_each_finding_shown_once(tmp_path: Path) -> None:
    path = tmp_path / "d.sqlite"
    store = DismissalStore(path)
    for _ in range(3):  # three re-checks of the same draft count once
        store.record_shown("a", [(FP1, "core/vague-attribution"), (FP2, "core/mojibake")])
    store.record_shown("b", [(FP1, "core/vague-attribution"), (FP3, "core/vague-attribution")])
    store.add(Dismissal("a", FP1, "core/vague-attribution", "a named spokesman"))
    store.add(Dismissal("b", FP1, "core/vague-attribution", "a named spokesman"))
    store.close()
    summary = rates_summary(path)
    assert summary["shown"] == 4 and summary["dismissed"] == 2
    vague, mojibake = summary["by_rule"]
    assert vague == {
        "rule": "core/vague-attribution",
        "shown": 3,
        "dismissed": 2,
        "rate": round(2 / 3, 4),
        "reasons": [{"reason": "a named spokesman", "count": 2}],
    }
    assert mojibake["rule"] == "core/mojibake" and mojibake["rate"] == 0


def test_a_file_that_is_not_a_dismissals_database_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE articles (id INTEGER)")
    with pytest.raises(ConfigError, match="not an editcheck dismissals database"):
        DismissalStore(other)
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"not sqlite at all" * 100)
    with pytest.raises(ConfigError, match="cannot open"):
        DismissalStore(garbage)
    with pytest.raises(ConfigError, match="no dismissals database"):
        rates_summary(tmp_path / "missing.sqlite")


def test_audit_reports_dismissal_rates(tmp_path: Path, cli: list[str]) -> None:
    path = tmp_path / "desk.sqlite"
    store = DismissalStore(path)
    store.record_shown("a", [(FP1, "core/vague-attribution"), (FP2, "core/stray-timestamp")])
    store.add(Dismissal("a", FP1, "core/vague-attribution", "<b>named</b> later"))
    store.close()
    out = tmp_path / "audit"
    run = subprocess.run(
        [*cli, "audit", "--out", str(out), "--dismissals", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert "dismissals: 1 of 2 findings" in run.stderr
    data = json.loads((out / "audit.json").read_text(encoding="utf-8"))
    assert data["dismissals"]["by_rule"][0]["rule"] == "core/vague-attribution"
    page = (out / "audit.html").read_text(encoding="utf-8")
    assert "Dismissals by editors" in page and "&lt;b&gt;named&lt;/b&gt; later (1)" in page
    bad = subprocess.run(
        [*cli, "audit", "--out", str(out), "--dismissals", str(tmp_path / "audit" / "audit.json")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert bad.returncode == 2 and "dismissals" in bad.stderr and "Traceback" not in bad.stderr


def test_the_config_names_the_database_beside_itself(tmp_path: Path) -> None:
    from editcheck.config import parse_config

    config = parse_config({"dismissals": "desk/d.sqlite"}, tmp_path / "editcheck.toml")
    assert config.dismissals == tmp_path / "desk" / "d.sqlite"
    assert parse_config({}).dismissals is None
    with pytest.raises(ConfigError, match="dismissals must be a string"):
        parse_config({"dismissals": 3})


def test_nothing_is_written_until_something_is_stored(tmp_path: Path) -> None:
    path = tmp_path / "desk" / "d.sqlite"
    store = DismissalStore(path)
    assert store.for_draft("a") == {} and not store.remove("a", FP1)
    assert not path.parent.exists()  # a server that checks nothing leaves nothing behind
    store.record_shown("a", [(FP1, "core/mojibake")])
    assert path.is_file()
    store.close()
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if not os.access(locked, os.W_OK):  # root may write anywhere
            with pytest.raises(ConfigError, match="cannot create"):
                DismissalStore(locked / "d.sqlite")
    finally:
        locked.chmod(0o700)
