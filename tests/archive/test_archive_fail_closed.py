"""The archive index fails closed: a second learn is told the index is busy, and a
damaged index stops the run before any draft is checked against it."""

from __future__ import annotations

import subprocess
from pathlib import Path

from editcheck.archive.writer import IndexWriter
from editcheck.document import load_html

STORY = (
    "<p>Subscribe to the Harbour Gazette for full access to every story we publish.</p>"
    "<p>The council met on Tuesday evening to discuss the new harbour wall, story {i}.</p>"
)


def learn(index: Path, count: int) -> None:
    with IndexWriter(index) as writer:
        for i in range(count):
            writer.add(load_html(STORY.format(i=i)), source=f"story-{i}")


def test_a_second_learn_on_a_busy_index_is_exit_2(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    index = tmp_path / "archive.sqlite"
    article = tmp_path / "story.html"
    article.write_text(STORY.format(i=99))
    with IndexWriter(index):  # a learn in progress
        done = subprocess.run(
            [*cli, "archive", "learn", str(article), "--index", str(index)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 2, done.stderr
    assert "the index is busy" in done.stderr and "Traceback" not in done.stderr


def test_a_damaged_index_fails_the_preflight(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    index = tmp_path / "archive.sqlite"
    learn(index, 300)
    data = bytearray(index.read_bytes())
    page = 4096
    assert len(data) > 4 * page
    data[2 * page + 8 : 3 * page] = b"\xff" * (page - 8)  # scribble over a whole page
    index.write_bytes(bytes(data))
    draft = tmp_path / "draft.html"
    draft.write_text("<p>A draft.</p>")
    done = subprocess.run(
        [*cli, "check", "--archive-index", str(index), str(draft)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "the boilerplate index is damaged" in done.stderr  # quick_check found the page
    assert done.stdout == ""
