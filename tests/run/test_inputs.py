"""How the client turns arguments into the paths its workers read (no Dask needed)."""

from __future__ import annotations

from pathlib import Path

from editcheck.run.dask_engine import partitions
from editcheck.run.inputs import expand_inputs


def test_folders_globs_and_lists(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a" / "deep").mkdir(parents=True)
    for name in ("a/1.html", "a/2.txt", "a/deep/3.htm", "a/notes.md", "a/notes.odt", "b.txt"):
        (tmp_path / name).write_text("x")
    listed = tmp_path / "list.txt"
    listed.write_text("# as the workers see them\n/srv/archive/9.html\n\n  /srv/archive/8.txt  \n")
    monkeypatch.chdir(tmp_path)
    got = list(expand_inputs(["a", "*.txt", "missing/*.html", "gone.txt"], listed, absolute=True))
    assert got == [
        str(tmp_path / "a/1.html"),
        str(tmp_path / "a/2.txt"),
        str(tmp_path / "a/deep/3.htm"),
        str(tmp_path / "a/notes.md"),  # Markdown is a draft; .odt is not
        str(tmp_path / "b.txt"),
        str(tmp_path / "list.txt"),
        str(tmp_path / "missing/*.html"),  # matched nothing: an unreadable line
        str(tmp_path / "gone.txt"),
        "/srv/archive/9.html",
        "/srv/archive/8.txt",
    ]


def test_partitions_are_drawn_lazily() -> None:
    def endless():  # type: ignore[no-untyped-def]
        n = 0
        while True:
            yield f"d{n}.txt"
            n += 1

    parts = partitions(endless(), 3)
    assert next(parts) == (0, ("d0.txt", "d1.txt", "d2.txt"))
    assert next(parts) == (1, ("d3.txt", "d4.txt", "d5.txt"))
    assert list(partitions(iter(["a", "b"]), 5)) == [(0, ("a", "b"))]


def test_without_dask_the_engine_says_what_to_install(tmp_path: Path) -> None:
    import subprocess
    import sys

    script = (
        "import sys; sys.modules['distributed'] = None  # as if not installed\n"
        "from editcheck.cli import main\n"
        "sys.argv = ['editcheck', 'check', '--engine', 'dask', sys.argv[1]]\n"
        "main()\n"
    )
    (tmp_path / "d.txt").write_text("Critics say the plan is doomed.\n")
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "d.txt")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert 'needs Dask: pip install "editcheck[dask]"' in done.stderr
    assert "Traceback" not in done.stderr


def test_settings_paths_reach_workers_absolute(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from editcheck.api import plugins_for
    from editcheck.config import Config
    from editcheck.run.settings import CheckerSettings, portable

    monkeypatch.chdir(tmp_path)
    config = Config(plugins_dir=Path("plugins"), house_style=(Path("style/news.toml"),))
    config = config.with_rule_options("core/archive-boilerplate", index="archive.sqlite")
    spec = portable(CheckerSettings(config, ("core/*",)), plugins_for(Config()).rules)
    assert spec.config.plugins_dir == tmp_path / "plugins"
    assert spec.config.house_style == (tmp_path / "style" / "news.toml",)
    index = spec.config.rules["core/archive-boilerplate"].options["index"]
    assert index == str(tmp_path / "archive.sqlite")
    assert spec.select == ("core/*",)


def test_an_unusable_out_dir_is_a_message(tmp_path: Path) -> None:
    import subprocess
    import sys

    (tmp_path / "a-file").write_text("")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "editcheck",
            "check",
            "--engine",
            "dask",
            "--out-dir",
            str(tmp_path / "a-file" / "parts"),
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and "cannot use --out-dir" in done.stderr
    assert "Traceback" not in done.stderr
