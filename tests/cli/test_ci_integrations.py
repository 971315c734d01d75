"""The pre-commit hook (``.pre-commit-hooks.yaml``) and the GitHub Action (``action.yml``):
their files parse, select what they say, and their command lines, run as the tools would
run them, give the exit codes and reports a CI job relies on."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

yaml = pytest.importorskip("yaml")

ROOT = Path(__file__).resolve().parents[2]
BIN = str(Path(sys.executable).parent)  # where this environment's `editcheck` is
FLAGGED = "The driver, [INSERT NAME], was arrested on Monday, police said.\n"
CLEAN = "<p>The council approved the budget on Monday, said Jane Smith, the mayor.</p>\n"


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", **extra}


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A repository's worth of files: drafts of each kind, and files that are not drafts."""
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "arrest.md").write_text(FLAGGED, "utf-8")
    (tmp_path / "drafts" / "budget.html").write_text(CLEAN, "utf-8")
    (tmp_path / "drafts" / "notes.txt").write_text("Said Jane Smith, the mayor.\n", "utf-8")
    (tmp_path / "tool.py").write_text("# [INSERT NAME]\n", "utf-8")
    (tmp_path / "data.json").write_text('{"x": "[INSERT NAME]"}\n', "utf-8")
    return tmp_path


# --- pre-commit ---------------------------------------------------------------------


def _hook() -> dict[str, Any]:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    (hook,) = hooks
    return dict(hook)


def test_the_hook_has_what_pre_commit_requires() -> None:
    hook = _hook()
    assert {"id", "name", "entry", "language"} <= set(hook)
    assert hook["id"] == "editcheck" and hook["language"] == "python"
    assert shlex.split(hook["entry"]) == ["editcheck", "check"]
    assert hook["types"] == ["text"]
    assert hook["require_serial"] is True  # one call; editcheck runs its own workers


@pytest.mark.parametrize(
    ("name", "picked"),
    [
        ("story.html", True),
        ("drafts/story.htm", True),
        ("a/b/story.xhtml", True),
        ("story.md", True),
        ("story.markdown", True),
        ("story.txt", True),
        ("tool.py", False),
        ("data.json", False),
        ("story.mdx", False),
        ("README", False),
        ("html/notes.py", False),
    ],
)
def test_the_hook_picks_drafts_by_name(name: str, picked: bool) -> None:
    # pre-commit keeps a staged file when re.search(files, name) matches (and types agree)
    assert bool(re.search(_hook()["files"], name)) is picked


def _precommit_run(workspace: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the hook as pre-commit would: entry + args + the staged files it selects."""
    hook = _hook()
    staged = sorted(str(p.relative_to(workspace)) for p in workspace.rglob("*") if p.is_file())
    files = [f for f in staged if re.search(hook["files"], f)]
    assert files == ["drafts/arrest.md", "drafts/budget.html", "drafts/notes.txt"]
    return subprocess.run(
        [*shlex.split(hook["entry"]), *args, *files],
        cwd=workspace,
        capture_output=True,
        text=True,
        env=_env(),
    )


def test_the_hook_fails_a_commit_with_a_placeholder_and_names_it(workspace: Path) -> None:
    done = _precommit_run(workspace)
    assert done.returncode == 1, done.stderr
    assert "drafts/arrest.md:1:13: error core/placeholder" in done.stdout


def test_the_hook_passes_clean_drafts_and_honours_its_args(workspace: Path) -> None:
    (workspace / "drafts" / "arrest.md").write_text("Police said the driver was held.\n")
    assert _precommit_run(workspace).returncode == 0
    (workspace / "drafts" / "arrest.md").write_text("Critics say the plan is doomed.\n")
    assert _precommit_run(workspace).returncode == 0  # warnings only: below the default
    strict = _precommit_run(workspace, "--fail-on", "warning")
    assert strict.returncode == 1 and "unattributed-claim" in strict.stdout


# --- the GitHub Action --------------------------------------------------------------


def _action() -> dict[str, Any]:
    return dict(yaml.safe_load((ROOT / "action.yml").read_text("utf-8")))


def _step(name: str) -> dict[str, Any]:
    (step,) = [s for s in _action()["runs"]["steps"] if s.get("name") == name]
    return dict(step)


_EXPRESSION = re.compile(r"\$\{\{\s*([^}]+?)\s*\}\}")


def _evaluate(value: str, context: dict[str, str]) -> str:
    """Fill in ``${{ inputs.x }}``-style expressions as the runner would."""
    return _EXPRESSION.sub(lambda m: context[m.group(1)], value)


def _run_step(name: str, context: dict[str, str], cwd: Path, output: Path) -> int:
    step = _step(name)
    assert step["shell"] == "bash"
    env = {k: _evaluate(str(v), context) for k, v in step.get("env", {}).items()}
    # GitHub runs a bash step as `bash --noprofile --norc -eo pipefail {0}`
    script = cwd / f"{name.replace(' ', '-')}.sh"
    script.write_text(step["run"], "utf-8")
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
        cwd=cwd,
        env=_env(GITHUB_OUTPUT=str(output), **env),
        capture_output=True,
        text=True,
    )
    context[f"stdout.{name}"] = done.stdout
    return done.returncode


def _run_action(workspace: Path, **inputs: str) -> tuple[dict[str, str], int, int]:
    """Run the check and verdict steps with the action's defaults overridden by ``inputs``;
    the step outputs, the check step's exit status and the verdict's."""
    declared = _action()["inputs"]
    context = {f"inputs.{k}": str(v.get("default", "")) for k, v in declared.items()}
    context.update({f"inputs.{k}": v for k, v in inputs.items()})
    context["github.action_path"] = str(ROOT)
    output = workspace / "github-output.txt"
    output.write_text("")
    check = _run_step("Check drafts", context, workspace, output)
    outputs = dict(line.split("=", 1) for line in output.read_text().splitlines())
    context["steps.check.outputs.exit-code"] = outputs.get("exit-code", "")
    verdict = _run_step("Verdict", context, workspace, output)
    return {**outputs, "verdict.stdout": context["stdout.Verdict"]}, check, verdict


def test_the_action_is_composite_installs_itself_and_uploads_sarif() -> None:
    action = _action()
    assert action["runs"]["using"] == "composite"
    assert _step("Install editcheck")["env"]["EDITCHECK_SOURCE"] == "${{ github.action_path }}"
    assert '"$EDITCHECK_SOURCE"' in _step("Install editcheck")["run"]
    upload = _step("Upload SARIF")
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@v")
    assert upload["with"]["sarif_file"] == "${{ inputs.sarif }}"
    assert "always()" in upload["if"] and "hashFiles(inputs.sarif)" in upload["if"]
    check = _step("Check drafts")
    assert "--format sarif -o" in check["run"]
    assert "${{" not in check["run"]  # inputs reach the script only through env


def test_the_action_fails_the_job_on_a_failing_draft_after_writing_sarif(
    workspace: Path,
) -> None:
    outputs, check, verdict = _run_action(workspace, paths="drafts/*.md drafts/budget.html")
    assert check == 0  # the check step always lets the upload run
    assert outputs["exit-code"] == "1" and verdict == 1
    assert "::error::editcheck: findings" in outputs["verdict.stdout"]
    sarif = json.loads((workspace / "editcheck.sarif").read_text("utf-8"))
    results = sarif["runs"][0]["results"]
    placeholder = [r for r in results if r["ruleId"] == "core/placeholder"]
    assert placeholder, results
    location = placeholder[0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"].endswith("drafts/arrest.md")
    assert location["region"]["startLine"] == 1


def test_the_action_passes_clean_drafts_and_reads_fail_on(workspace: Path) -> None:
    (workspace / "drafts" / "arrest.md").unlink()
    (workspace / "drafts" / "notes.txt").write_text("Critics say the plan is doomed.\n")
    outputs, _, verdict = _run_action(workspace, paths="drafts", sarif="out/report.sarif")
    assert outputs["exit-code"] == "0" and verdict == 0
    results = json.loads((workspace / "out" / "report.sarif").read_text())["runs"][0]["results"]
    assert results and {r["level"] for r in results} == {"warning"}  # reported, not failing
    outputs, _, verdict = _run_action(workspace, paths="drafts", **{"fail-on": "warning"})
    assert outputs["exit-code"] == "1" and verdict == 1


def test_the_action_stops_on_a_bad_config_without_a_report(workspace: Path) -> None:
    outputs, check, verdict = _run_action(workspace, paths="drafts", config="missing.toml")
    assert check == 0 and outputs["exit-code"] == "2" and verdict == 2
    assert not (workspace / "editcheck.sarif").exists()  # so the upload step is skipped
    assert "could not check" in outputs["verdict.stdout"]


def test_a_report_that_cannot_be_written_is_a_usage_error_not_findings(workspace: Path) -> None:
    done = subprocess.run(
        ["editcheck", "check", "-f", "sarif", "-o", "missing/out.sarif", "drafts/budget.html"],
        cwd=workspace,
        capture_output=True,
        text=True,
        env=_env(),
    )
    assert done.returncode == 2 and "Could not open file" in done.stderr
