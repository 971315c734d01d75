"""The README's two quick-start commands are the ones CI and the shipped fixtures support."""

from __future__ import annotations

import re

from shared_paths import ROOT


def _command(marker: str) -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(rf"<!-- {marker} -->\s*```sh\n(.+?)\n```", readme, re.S)
    assert m, f"README has no {marker} command block"
    return m.group(1).strip()


def test_ci_runs_the_readme_test_command_as_written() -> None:
    command = _command("quick-start-test")
    assert "pytest" in command
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert command in ci_lines


def test_quick_start_checks_a_draft_that_ships_in_fixtures() -> None:
    command = _command("quick-start-run")
    (draft,) = re.findall(r"editcheck check (\S+)", command)
    assert (ROOT / draft).is_file() and draft.startswith("fixtures/")
