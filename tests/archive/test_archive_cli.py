"""learn → stats → check through the real CLI, on the fixture archive in fixtures/archive/."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from shared_paths import FIXTURES

from editcheck.archive import close_all
from editcheck.cli import main

ARTICLES = FIXTURES / "archive" / "articles"
DRAFTS = FIXTURES / "archive" / "drafts"
PROMO = "Sign up for our newsletter, for the latest news."
FOOTER = (
    "© 2025 Northfield Gazette. All rights reserved. Reproduction without permission is prohibited."
)
TIP = "Contact the newsroom at tips@northfield-gazette.example at any time."
PODCAST = (
    "Listen to our weekly podcast on the Northfield Gazette app and wherever you get your podcasts."
)


@pytest.fixture(autouse=True)
def _close_readers():
    yield
    close_all()


def run(cli: list[str], *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*cli, *args], capture_output=True, text=True, timeout=60, cwd=cwd)


@pytest.fixture(scope="module")
def learned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import sys

    index = tmp_path_factory.mktemp("archive") / "archive.sqlite"
    done = run(
        [sys.executable, "-m", "editcheck"],
        "archive",
        "learn",
        str(ARTICLES),
        "--index",
        str(index),
    )
    assert done.returncode == 0, done.stderr
    assert "learned 5 articles (0 already in the index, 0 unreadable)" in done.stdout
    return index


def annotations(stdout: str) -> list[tuple[str, str, str]]:
    reports = json.loads(stdout)
    return [
        (Path(r["source"]).name, a["text"], a["message"]) for r in reports for a in r["annotations"]
    ]


def test_stats_shows_what_the_index_holds(cli: list[str], learned: Path) -> None:
    done = run(cli, "archive", "stats", "--index", str(learned), "--json")
    assert done.returncode == 0, done.stderr
    stats = json.loads(done.stdout)
    assert stats["articles"] == 5
    assert stats["size_bytes"] == learned.stat().st_size
    top = [(t["articles"], t["kind"]) for t in stats["top"]]
    assert top[:3] == [(4, "paragraph"), (4, "paragraph"), (3, "sentence")]
    assert any(t["text"].startswith("Sign up to our newsletter") for t in stats["top"])
    text = run(cli, "archive", "stats", "--index", str(learned))
    assert text.returncode == 0
    assert "articles:      5" in text.stdout and "paragraph" in text.stdout


def test_check_flags_archive_boilerplate(cli: list[str], learned: Path) -> None:
    done = run(
        cli,
        "check",
        "--archive-index",
        str(learned),
        "--select",
        "core/archive-boilerplate",
        "-f",
        "json",
        str(DRAFTS),
    )
    assert done.returncode == 0, done.stderr  # warnings only: below the default fail-on
    found = annotations(done.stdout)
    for name in ("library-follow-up.html", "library-follow-up.txt"):
        assert [(t, m) for n, t, m in found if n == name] == [
            (TIP, "This sentence appears in 3 earlier articles: boilerplate?"),
            (PROMO, "This paragraph appears in 4 earlier articles: boilerplate?"),
            (FOOTER, "This paragraph appears in 4 earlier articles: boilerplate?"),
        ]


def test_relearning_does_not_double_count(cli: list[str], learned: Path) -> None:
    again = run(
        cli,
        "archive",
        "learn",
        str(ARTICLES),
        str(ARTICLES / "2024-07-festival.txt"),
        "--index",
        str(learned),
    )
    assert again.returncode == 0, again.stderr
    assert "learned 0 articles (6 already in the index" in again.stdout
    stats = json.loads(run(cli, "archive", "stats", "--index", str(learned), "--json").stdout)
    assert stats["articles"] == 5 and stats["top"][0]["articles"] == 4


def test_config_key_and_min_docs(cli: list[str], learned: Path, tmp_path: Path) -> None:
    (tmp_path / "editcheck.toml").write_text(
        f'[rules."core/archive-boilerplate"]\nindex = "{learned}"\nmin-docs = 2\n'
    )
    done = run(
        cli,
        "check",
        "--select",
        "core/archive-boilerplate",
        "-f",
        "json",
        str(DRAFTS / "library-follow-up.txt"),
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert (PODCAST, "This paragraph appears in 2 earlier articles: boilerplate?") in [
        (t, m) for _, t, m in annotations(done.stdout)
    ]


def invoke(*args: str) -> Result:
    """In-process (click's runner) for the error paths: same code, no interpreter start-up."""
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize("content", [None, b"SQLite format 3\x00" + b"\xff" * 5000])
def test_missing_or_corrupt_index_exits_2(tmp_path: Path, content: bytes | None) -> None:
    index = tmp_path / "index.sqlite"
    if content is not None:
        index.write_bytes(content)
    for args in (
        ["check", "--archive-index", str(index), str(DRAFTS)],
        ["archive", "stats", "--index", str(index)],
    ):
        done = invoke(*args)
        assert done.exit_code == 2, (args, done.output)
        assert str(index) in done.stderr
        assert isinstance(done.exception, SystemExit)  # an exit code, not a crash
    if content is not None:
        done = invoke("archive", "learn", str(ARTICLES), "--index", str(index))
        assert done.exit_code == 2 and "not a usable boilerplate index" in done.stderr


def test_missing_index_in_config_exits_2(cli: list[str], tmp_path: Path) -> None:
    (tmp_path / "editcheck.toml").write_text(
        '[rules."core/archive-boilerplate"]\nindex = "nowhere.sqlite"\n'
    )
    done = run(cli, "check", str(DRAFTS / "library-follow-up.txt"), cwd=tmp_path)
    assert done.returncode == 2
    assert "nowhere.sqlite" in done.stderr and "archive learn" in done.stderr
    assert "Traceback" not in done.stderr


def test_learn_reports_unreadable_files_and_learns_the_rest(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "good.txt").write_text("A perfectly ordinary article about the town fair today.\n")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 100)
    done = invoke("archive", "learn", str(folder), "--index", str(tmp_path / "a.sqlite"))
    assert done.exit_code == 2
    assert "binary.txt" in done.stderr
    assert isinstance(done.exception, SystemExit)  # an exit code, not a crash
    assert "learned 1 article (0 already in the index, 1 unreadable)" in done.stdout


def test_the_earlier_command_name_still_works(cli: list[str], tmp_path: Path) -> None:
    """``editcheck boilerplate`` (the name before ``archive``) runs the same group."""
    index = tmp_path / "old-name.sqlite"
    done = run(cli, "boilerplate", "learn", str(ARTICLES), "--index", str(index))
    assert done.returncode == 0, done.stderr
    assert index.is_file()
    listed = run(cli, "--help")
    commands = [line.split()[0] for line in listed.stdout.splitlines() if line.startswith("  ")]
    assert "archive" in commands and "boilerplate" not in commands
