"""The code's formatting, lint and types are part of the suite, so CI enforces them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FORMATTED = ["src", "tests", "plugins", "scripts"]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize(
    "command",
    [("ruff", "format", "--check", *FORMATTED), ("ruff", "check", *FORMATTED)],
    ids=["ruff-format", "ruff-check"],
)
def test_ruff(command: tuple[str, ...]) -> None:
    done = run(*command)
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_strict_on_src() -> None:
    done = run("mypy")  # [tool.mypy] in pyproject.toml: strict, files = src/editcheck
    assert done.returncode == 0, done.stdout + done.stderr
