"""The boilerplate index learned in partitions and merged equals one learned serially."""

from __future__ import annotations

from pathlib import Path

import pytest
from merge_support import make_archive, tables

from editcheck.archive import close_all, key_of, learn_paths, open_index
from editcheck.archive.merge import article_partitions, learn_part, merge_indexes


@pytest.fixture(autouse=True)
def _close_readers():
    yield
    close_all()


@pytest.mark.parametrize("size", [1, 7, 100])
def test_merged_partitions_equal_a_serial_learn(tmp_path: Path, size: int) -> None:
    archive = make_archive(tmp_path / "archive")
    serial = tmp_path / "serial.sqlite"
    learned = learn_paths(serial, [archive])
    assert (learned.added, learned.known, len(learned.unreadable)) == (30, 2, 1)
    parts = []
    for i, chunk in enumerate(article_partitions([archive], size)):
        parts.append(learn_part(tmp_path / f"part-{i}.sqlite", chunk))
    assert sum(p.added for p in parts) == (32 if size < 32 else 30)
    assert [Path(u[0]).name for p in parts for u in p.unreadable] == ["y-scan.txt"]
    merged = tmp_path / "merged.sqlite"
    result = merge_indexes(merged, [p.path for p in parts])
    assert result.added == 30 and result.uncorrected == []
    assert result.duplicates == (2 if size < 32 else 0)
    assert tables(merged) == tables(serial)
    assert open_index(merged).stats(top=0) | {
        "index": "",
        "size_bytes": 0,
        "created": "",
    } == open_index(serial).stats(top=0) | {"index": "", "size_bytes": 0, "created": ""}


def test_counts_are_what_the_archive_holds(tmp_path: Path) -> None:
    archive = make_archive(tmp_path / "archive")
    parts = [
        learn_part(tmp_path / f"p{i}.sqlite", chunk)
        for i, chunk in enumerate(article_partitions([archive], 5))
    ]
    merged = tmp_path / "merged.sqlite"
    merge_indexes(merged, [p.path for p in parts])
    index = open_index(merged)
    newsletter = key_of("Sign up to our newsletter for the latest news from the valley.")
    bridge = key_of("A rare passage about the old stone bridge over the river appears twice.")
    # 20 of 30 articles carry one of the two newsletter variants (one fingerprint);
    # the bridge passage is in one article of an early part and one of a late part.
    assert index.counts([newsletter, bridge]) == {newsletter: 20, bridge: 2}
    top = {t["text"]: t["articles"] for t in index.stats(top=50)["top"]}
    assert top[next(t for t in top if "stone bridge" in t)] == 2


def test_a_duplicate_that_cannot_be_reread_is_reported(tmp_path: Path) -> None:
    archive = make_archive(tmp_path / "archive")
    parts = [
        learn_part(tmp_path / f"p{i}.sqlite", chunk)
        for i, chunk in enumerate(article_partitions([archive], 10))
    ]
    (archive / "z-copy-of-a002.txt").unlink()  # moved away between learning and merging
    result = merge_indexes(tmp_path / "merged.sqlite", [p.path for p in parts])
    assert result.uncorrected == [str(archive / "z-copy-of-a002.txt")]
    assert result.duplicates == 2


def test_a_foreign_part_is_refused(tmp_path: Path) -> None:
    from editcheck.archive import ArchiveIndexError

    bogus = tmp_path / "bogus.sqlite"
    bogus.write_bytes(b"not sqlite at all" * 100)
    with pytest.raises(ArchiveIndexError, match="bogus.sqlite"):
        merge_indexes(tmp_path / "merged.sqlite", [bogus])
