"""The SQLite index through the Python API: counting, idempotence, errors, sharing."""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
import threading
from pathlib import Path

import pytest

from editcheck.archive import (
    ArchiveIndexError,
    IndexWriter,
    close_all,
    key_of,
    learn_paths,
    open_index,
)
from editcheck.document import load_html, load_text
from editcheck.errors import ConfigError

PROMO = "Sign up to our newsletter for the latest news"
PROMO_VARIANT = "Sign up for our newsletter for all the latest news!"
FOOTER = "© {year} Northfield Gazette. All rights reserved."


@pytest.fixture(autouse=True)
def _close_readers():
    yield
    close_all()


TOWNS = [
    "Ashby",
    "Brill",
    "Corfe",
    "Dunmow",
    "Elstow",
    "Frome",
    "Goring",
    "Hythe",
    "Ilkley",
    "Jarrow",
    "Keswick",
]
TOPICS = [
    "harbour",
    "ferry",
    "bypass",
    "school",
    "hospital",
    "quarry",
    "market",
    "library",
    "stadium",
    "orchard",
]


def article(n: int, promo: str = PROMO) -> str:
    """An article with its own body (words, not just figures, differ) and the furniture."""
    town, topic = TOWNS[n % len(TOWNS)], TOPICS[n % len(TOPICS)]
    return (
        f"{town} residents question the {topic} plan at a packed meeting.\n\n"
        f"The {topic} in {town} has divided opinion since the summer.\n\n"
        f"{promo}\n\n{FOOTER.format(year=2000 + n)}\n"
    )


def learn_texts(index: Path, texts: list[str], **kwargs) -> IndexWriter:
    with IndexWriter(index, **kwargs) as writer:
        for text in texts:
            writer.add(load_text(text))
    return writer


def test_counts_articles_not_occurrences(tmp_path: Path) -> None:
    index = tmp_path / "a.sqlite"
    learn_texts(
        index, [article(1), article(2), article(3, PROMO_VARIANT), article(4) + PROMO + "\n"]
    )  # twice in one article counts once
    counts = open_index(index).counts([key_of(PROMO), key_of(FOOTER.format(year=1))])
    assert counts == {key_of(PROMO): 4, key_of(FOOTER.format(year=1)): 4}


def test_relearning_is_idempotent(tmp_path: Path) -> None:
    index = tmp_path / "a.sqlite"
    texts = [article(1), article(2), article(3)]
    learn_texts(index, texts)
    again = learn_texts(index, [*texts, "  " + texts[0]])  # spacing alone is the same text
    assert (again.added, again.known) == (0, 4)
    stats = open_index(index).stats()
    assert stats["articles"] == 3
    assert open_index(index).counts([key_of(PROMO)]) == {key_of(PROMO): 3}


def test_relearning_files_through_learn_paths(tmp_path: Path) -> None:
    folder = tmp_path / "archive"
    (folder / "2024").mkdir(parents=True)
    for n in range(3):
        (folder / "2024" / f"a{n}.txt").write_text(article(n), "utf-8")
    (folder / "page.html").write_text(f"<p>Unique page text here today.</p><p>{PROMO}</p>")
    (folder / "notes.odt").write_text(PROMO)  # not an article suffix: skipped
    index = tmp_path / "a.sqlite"
    first = learn_paths(index, [folder])
    second = learn_paths(index, [folder, folder / "2024" / "a0.txt"])
    assert (first.added, first.known) == (4, 0)
    assert (second.added, second.known) == (0, 5)
    assert open_index(index).counts([key_of(PROMO)]) == {key_of(PROMO): 4}


def test_counts_and_samples_survive_batches(tmp_path: Path) -> None:
    index = tmp_path / "a.sqlite"
    learn_texts(index, [article(n) for n in range(7)], batch_articles=2)
    stats = open_index(index).stats(top=5)
    top = {item["text"]: item["articles"] for item in stats["top"]}
    assert top[PROMO] == 7
    assert top[FOOTER.format(year=2000)] == 7
    assert all(n >= 2 for n in top.values())  # samples are kept for recurring classes only
    assert stats["articles"] == 7
    assert stats["recurring"] == 2
    assert stats["size_bytes"] == index.stat().st_size


def test_html_and_text_passages_meet(tmp_path: Path) -> None:
    index = tmp_path / "a.sqlite"
    with IndexWriter(index) as writer:
        writer.add(load_html(f"<article><p>Body one is unique text.</p><p>{PROMO}</p></article>"))
        writer.add(load_text(f"Body two is different text.\n{PROMO_VARIANT}\n"))
    assert open_index(index).counts([key_of(PROMO)]) == {key_of(PROMO): 2}


def test_missing_index_is_a_clear_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no boilerplate index there.*archive learn"):
        open_index(tmp_path / "nowhere.sqlite")


@pytest.mark.parametrize("content", [b"this is not a database at all" * 200, b""])
def test_corrupt_index_is_a_clear_error(tmp_path: Path, content: bytes) -> None:
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(content)
    with pytest.raises(ArchiveIndexError, match=str(bad)):
        open_index(bad)
    if content:
        with pytest.raises(ArchiveIndexError, match="not a usable boilerplate index"):
            IndexWriter(bad)


def test_a_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t(x)")
    conn.close()
    with pytest.raises(ArchiveIndexError, match="not an editcheck boilerplate index"):
        open_index(other)
    with pytest.raises(ArchiveIndexError, match="not an editcheck boilerplate index"):
        IndexWriter(other)


def test_reader_is_opened_once_and_reopened_when_replaced(tmp_path: Path) -> None:
    index = tmp_path / "a.sqlite"
    learn_texts(index, [article(1), article(2)])
    assert open_index(index) is open_index(str(index))
    fresh = tmp_path / "fresh.sqlite"
    learn_texts(fresh, [article(n) for n in range(5)])
    first = open_index(index)
    fresh.replace(index)
    assert open_index(index) is not first
    assert open_index(index).counts([key_of(PROMO)]) == {key_of(PROMO): 5}


def test_one_reader_serves_many_threads(tmp_path: Path) -> None:
    index = tmp_path / "a.sqlite"
    learn_texts(index, [article(n) for n in range(4)])
    reader = open_index(index)
    results, errors = [], []

    def work() -> None:
        try:
            for _ in range(200):
                results.append(reader.counts([key_of(PROMO), 12345]))
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(results) == 1200 and all(r == {key_of(PROMO): 4} for r in results)


def test_index_is_one_file_after_learning(tmp_path: Path) -> None:
    index = tmp_path / "a.sqlite"
    learn_texts(index, [article(1)])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.sqlite"]


def test_an_index_from_another_normaliser_is_refused(tmp_path: Path) -> None:
    index = tmp_path / "a.sqlite"
    learn_texts(index, [article(1)])
    with sqlite3.connect(index) as conn:
        conn.execute("UPDATE meta SET value = '0' WHERE key = 'normaliser'")
    conn.close()
    with pytest.raises(ArchiveIndexError, match="another editcheck version.*learn it again"):
        open_index(index)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_forked_worker_opens_its_own_connection(tmp_path: Path) -> None:
    index = tmp_path / "a.sqlite"
    learn_texts(index, [article(n) for n in range(3)])
    parent = open_index(index)
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(1) as pool:
        same, counts = pool.apply(_child_view, (str(index), id(parent)))
    assert not same
    assert counts == {key_of(PROMO): 3}
    assert open_index(index) is parent  # the parent's reader is untouched


def _child_view(index: str, parent_id: int) -> tuple[bool, dict[int, int]]:
    reader = open_index(index)
    return id(reader) == parent_id, reader.counts([key_of(PROMO)])
