"""An archive with recurring furniture, cross-partition duplicates and an unreadable file,
and a comparison of two index files table by table."""

from __future__ import annotations

import sqlite3
from pathlib import Path

TOWNS = ["Ashby", "Brill", "Corfe", "Dunmow", "Elstow", "Frome", "Goring", "Hythe"]
TOPICS = ["harbour", "ferry", "bypass", "school", "hospital", "quarry", "market"]
PROMOS = [
    "Sign up to our newsletter for the latest news from the valley.",
    "Sign up for our newsletter for all the latest news from the valley!",
    "Listen to our weekly podcast wherever you get your podcasts.",
]


def make_archive(folder: Path, n: int = 30) -> Path:
    folder.mkdir(parents=True)
    for i in range(n):
        town, topic = TOWNS[i % len(TOWNS)], TOPICS[i % len(TOPICS)]
        body = (
            f"{town} residents question the {topic} plan at a packed meeting on day {i}.\n\n"
            f"The {topic} in {town} has divided opinion since the summer of {1990 + i}.\n\n"
        )
        if i in (3, 17):  # once in an early partition, once in a late one
            body += "A rare passage about the old stone bridge over the river appears twice.\n\n"
        body += f"{PROMOS[i % 3]}\n\n© {2000 + i} Valley Echo. All rights reserved.\n"
        (folder / f"a{i:03d}.txt").write_text(body)
    # The same article under other names, in later partitions: a serial learn counts it once.
    (folder / "z-copy-of-a002.txt").write_text((folder / "a002.txt").read_text())
    (folder / "z-spaced-copy-of-a020.txt").write_text(
        "  " + (folder / "a020.txt").read_text().replace(" ", "  ")
    )
    (folder / "y-scan.txt").write_bytes(bytes(range(256)) * 40)
    return folder


def tables(index: Path) -> dict[str, object]:
    conn = sqlite3.connect(index)
    try:
        names = sorted(
            r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        )
        return {
            "tables": names,
            "fingerprints": conn.execute(
                "SELECT fp, docs FROM fingerprints ORDER BY fp"
            ).fetchall(),
            "articles": conn.execute("SELECT hash FROM articles ORDER BY hash").fetchall(),
            "passages": conn.execute("SELECT fp, kind FROM passages ORDER BY fp").fetchall(),
            "meta": conn.execute(
                "SELECT key, value FROM meta WHERE key != 'created' ORDER BY key"
            ).fetchall(),
        }
    finally:
        conn.close()
