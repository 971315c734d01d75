"""`editcheck new-plugin` writes a package whose tests pass, and that installs and runs."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from venv_support import (
    dependency_closure,
    link_dependencies,
    make_venv,
    offline_failure,
    pip_install,
)

from editcheck.cli import main

ROOT = Path(__file__).resolve().parents[2]


def _new_plugin(tmp_path: Path, name: str = "acme") -> Path:
    result = CliRunner().invoke(main, ["new-plugin", name, "--directory", str(tmp_path)])
    assert result.exit_code == 0, result.output
    return tmp_path / f"editcheck-{name}"


def test_new_plugin_writes_a_package(tmp_path: Path) -> None:
    package = _new_plugin(tmp_path)
    files = sorted(str(p.relative_to(package)) for p in package.rglob("*") if p.is_file())
    assert files == [
        "README.md",
        "pyproject.toml",
        "src/editcheck_acme/__init__.py",
        "src/editcheck_acme/style.toml",
        "tests/test_editcheck_acme.py",
    ]
    pyproject = (package / "pyproject.toml").read_text()
    assert '[project.entry-points.editcheck]\nacme = "editcheck_acme"' in pyproject
    assert "$" not in (package / "src/editcheck_acme/__init__.py").read_text()


def test_new_plugin_refuses_bad_names_and_existing_folders(tmp_path: Path) -> None:
    bad = CliRunner().invoke(main, ["new-plugin", "Acme Style", "-d", str(tmp_path)])
    assert bad.exit_code == 2 and "lower-case" in bad.output
    _new_plugin(tmp_path)
    again = CliRunner().invoke(main, ["new-plugin", "acme", "-d", str(tmp_path)])
    assert again.exit_code == 2 and "--force" in again.output


def test_generated_tests_pass_straight_away(tmp_path: Path) -> None:
    package = _new_plugin(tmp_path, "wire-desk")
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=package,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "4 passed" in done.stdout


needs_pip = pytest.mark.skipif(
    importlib.util.find_spec("pip") is None or bool(os.environ.get("EDITCHECK_SKIP_VENV_TESTS")),
    reason="pip is not available to install into a fresh virtual environment "
    "(or EDITCHECK_SKIP_VENV_TESTS is set)",
)


@needs_pip
def test_generated_plugin_installs_into_a_fresh_venv_and_runs(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    make_venv(venv, tmp_path / "deps")
    python, tool = str(venv / "bin" / "python"), str(venv / "bin" / "editcheck")
    _install(venv, ROOT)
    # The venv's own editcheck writes the package: the templates ship as package data.
    subprocess.run(
        [tool, "new-plugin", "acme", "-d", str(tmp_path)], check=True, capture_output=True
    )
    _install(venv, tmp_path / "editcheck-acme")
    where = subprocess.run(
        [python, "-c", "import editcheck; print(editcheck.__file__)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert where.startswith(str(venv)), f"editcheck imported from outside the venv: {where}"

    listed = subprocess.run(
        [tool, "plugins", "--json"], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    plugins = {p["name"]: p for p in json.loads(listed.stdout)["plugins"]}
    assert plugins["acme"]["origin"] == "entry-point"
    assert sorted(plugins["acme"]["rules"]) == ["acme/banned-words", "acme/said"]
    assert "house-style" not in plugins  # nothing leaked in from the outer environment

    draft = tmp_path / "draft.txt"
    draft.write_text("The mayor stated that we will utilise the funds.\n")
    checked = subprocess.run(
        [tool, "check", "--select", "acme", "-f", "json", "--fail-on", "warning", str(draft)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert checked.returncode == 1, checked.stderr
    (report,) = json.loads(checked.stdout)
    assert [(a["rule"], a["text"]) for a in report["annotations"]] == [
        ("acme/said", "stated"),
        ("acme/banned-words", "utilise"),
    ]


def test_the_plugin_pins_the_editcheck_range_it_was_made_with(tmp_path: Path) -> None:
    from editcheck.cli.new_plugin import editcheck_range
    from editcheck.version import __version__

    assert editcheck_range("0.1.0") == "editcheck>=0.1,<0.2"  # 0.x: a minor release may break
    assert editcheck_range("0.12.3rc1") == "editcheck>=0.12,<0.13"
    assert editcheck_range("1.4.2") == "editcheck>=1.4,<2"
    assert editcheck_range("2.0") == "editcheck>=2.0,<3"
    package = _new_plugin(tmp_path)
    pyproject = (package / "pyproject.toml").read_text()
    assert f'dependencies = ["{editcheck_range(__version__)}"]' in pyproject


def test_new_plugin_refuses_to_guess_a_range_without_a_version() -> None:
    import click

    from editcheck.cli.new_plugin import editcheck_range

    with pytest.raises(click.ClickException, match="install editcheck"):
        editcheck_range("0+unknown")


def _documented_count() -> int:
    """The count docs/writing-plugins.md promises for the generated package's tests."""
    text = (ROOT / "docs" / "writing-plugins.md").read_text("utf-8")
    (count,) = re.findall(r"^pytest\s+# (\d+) passed$", text, flags=re.MULTILINE)
    return int(count)


@needs_pip
def test_generated_tests_pass_in_a_fresh_venv_against_this_checkout(tmp_path: Path) -> None:
    """Slow (a wheel of this checkout is built): the path a plugin author takes, for real.

    editcheck is installed from this checkout into a venv that sees nothing of this one
    (its dependencies and pytest are lent read-only); the plugin is installed *with*
    dependency resolution, so pip itself checks the pinned range against this editcheck.
    """
    venv = tmp_path / "venv"
    make_venv(venv, tmp_path / "deps")
    link_dependencies([*dependency_closure("pytest"), _dist("pytest")], tmp_path / "deps")
    _install(venv, ROOT)
    tool, python = str(venv / "bin" / "editcheck"), str(venv / "bin" / "python")
    subprocess.run([tool, "new-plugin", "wire-desk", "-d", str(tmp_path)], check=True)
    package = tmp_path / "editcheck-wire-desk"
    _install(venv, f"{package}[test]", resolve=True)
    checked = subprocess.run(
        [sys.executable, "-m", "pip", "--python", python, "check"],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    done = subprocess.run(
        [python, "-m", "pytest", "-p", "no:cacheprovider"],
        cwd=package,
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "EDITCHECK"))},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    summary = done.stdout.strip().splitlines()[-1]
    print(f"generated plugin's tests in a fresh venv: {summary}")
    count = int(re.search(r"(\d+) passed", summary).group(1))  # type: ignore[union-attr]
    assert "skipped" not in summary and count == _documented_count()


def _dist(name: str) -> importlib.metadata.Distribution:
    return importlib.metadata.distribution(name)


def _install(venv: Path, project: Path | str, *, resolve: bool = False) -> None:
    done = pip_install(venv, str(project), resolve=resolve)
    if done.returncode != 0 and offline_failure(done):
        pytest.skip(f"pip could not fetch the build backend (offline?): {done.stderr[-300:]}")
    assert done.returncode == 0, done.stdout + done.stderr
