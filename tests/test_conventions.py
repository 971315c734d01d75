"""The Python ecosystem's conventions a new user or packager looks for, as they stand."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

from shared_paths import ROOT

from editcheck.annotations import SCHEMA

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_license_file_matches_the_declared_license() -> None:
    assert PYPROJECT["project"]["license"] == "MIT"
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License") and "WITHOUT WARRANTY OF ANY KIND" in text


def test_the_package_says_it_is_typed() -> None:
    import editcheck

    assert (Path(editcheck.__file__).parent / "py.typed").is_file()


def test_changelog_promises_the_report_and_config_formats() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert SCHEMA == "editcheck/report@1" and f"`{SCHEMA}`" in text
    schema = json.loads((ROOT / "src/editcheck/schema/report-1.json").read_text("utf-8"))
    assert schema["properties"]["schema"]["const"] == SCHEMA
    assert "editcheck.toml" in text and "## [Unreleased]" in text


def test_dev_extra_and_make_targets_use_the_venv() -> None:
    dev = PYPROJECT["project"]["optional-dependencies"]["dev"]
    assert {re.split(r"[<>=]", d)[0] for d in dev} >= {"ruff", "mypy"}
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "PY ?= .venv/bin/python" in makefile
    for target in ("lint", "test", "venv"):
        assert re.search(rf"^{target}:", makefile, re.M), target
    lint = makefile.split("\nlint:", 1)[1].split("\n\n", 1)[0]
    assert "$(PY) -m ruff" in lint and "$(PY) -m mypy" in lint
    bench = [line for line in makefile.splitlines() if "benchmarks/" in line]
    assert bench and all(line.strip().startswith("$(PY) ") for line in bench)


def test_click_shell_completion_script_is_generated() -> None:
    env = {**os.environ, "_EDITCHECK_COMPLETE": "bash_source"}
    script = Path(sys.executable).with_name("editcheck")  # the console script users run
    done = subprocess.run([str(script)], capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, done.stderr
    assert "_editcheck_completion()" in done.stdout
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "_EDITCHECK_COMPLETE=bash_source editcheck" in readme
