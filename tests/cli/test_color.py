"""Colour in the text format: --color/--no-color, then NO_COLOR, then FORCE_COLOR, then tty."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest
from shared_paths import ROOT

from editcheck.cli.common import use_color

DRAFT = ROOT / "fixtures" / "seed" / "ice-shooting.html"


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("stream", "flag", "env", "expected"),
    [
        (Tty(), None, {}, True),
        (io.StringIO(), None, {}, False),
        (Tty(), None, {"NO_COLOR": "1"}, False),
        (Tty(), None, {"NO_COLOR": ""}, True),  # empty means unset (no-color.org)
        (io.StringIO(), None, {"FORCE_COLOR": "1"}, True),
        (io.StringIO(), None, {"FORCE_COLOR": "0"}, False),
        (io.StringIO(), None, {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
        (Tty(), False, {"FORCE_COLOR": "1"}, False),  # the flag wins
        (io.StringIO(), True, {"NO_COLOR": "1"}, True),
    ],
)
def test_use_color(
    stream: io.StringIO, flag: bool | None, env: dict[str, str], expected: bool
) -> None:
    assert use_color(stream, flag, env) is expected


def _run(**env: str) -> str:
    base = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    done = subprocess.run(
        [sys.executable, "-m", "editcheck", "check", str(DRAFT)],
        capture_output=True,
        text=True,
        env={**base, **env},
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    return done.stdout


def test_force_color_colours_a_pipe_and_no_color_wins() -> None:
    assert "\x1b[" in _run(FORCE_COLOR="1")
    assert "\x1b[" not in _run(FORCE_COLOR="1", NO_COLOR="1")
    assert "\x1b[" not in _run()
