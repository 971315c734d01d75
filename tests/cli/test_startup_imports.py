"""What a fresh process imports: start-up cost is felt on every save in a pre-publish hook.

Module lists, never timings: a command imports what it uses, and a cold ``check`` of plain
English loads neither pyphen's patterns nor any other format, engine or service.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

NEVER_AT_START = {
    "textstat",
    "pyphen",
    "lxml",
    "pluggy",
    "regex",
    "tomllib",
    "multiprocessing",
    "pebble",
    "dask",
    "distributed",
    "starlette",
    "uvicorn",
    "editcheck.api",
    "editcheck.runner",
    "editcheck.document",
    "editcheck.service",
    "editcheck.run",
}
NEVER_IN_A_TEXT_CHECK = {
    "regex",
    "tomllib",
    "multiprocessing",
    "pebble",
    "dask",
    "distributed",
    "starlette",
    "uvicorn",
    "editcheck.service",
    "editcheck.run.pool",
    "editcheck.run.dask_engine",
    "editcheck.checks.housestyle.compile",
    "editcheck.formats.jsonfmt",
    "editcheck.formats.html",
    "editcheck.formats.sarif",
    "editcheck.formats.w3c",
    "editcheck.formats.github",
}

PROBE = """
import json, sys
{body}
print(json.dumps({{"modules": sorted(sys.modules),
                  "pyphen_patterns": len(getattr(sys.modules.get("pyphen"), "hdcache", {{}}))}}))
"""


def _probe(body: str, cwd: Path) -> dict[str, object]:
    env = {**os.environ, "EDITCHECK_DISABLE_PLUGIN_AUTOLOAD": "1"}
    proc = subprocess.run(
        [sys.executable, "-c", PROBE.format(body=body)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        check=True,
    )
    return json.loads(proc.stdout.splitlines()[-1])  # type: ignore[no-any-return]


def _loaded(modules: object, names: set[str]) -> list[str]:
    assert isinstance(modules, list)
    return sorted(m for m in modules if m in names or m.split(".")[0] in names)


def test_importing_the_cli_loads_no_engine(tmp_path: Path) -> None:
    seen = _probe("import editcheck.cli", tmp_path)
    assert _loaded(seen["modules"], NEVER_AT_START) == []


def test_the_package_names_still_import(tmp_path: Path) -> None:
    seen = _probe(
        "import editcheck\nassert editcheck.check_text and editcheck.__version__\n"
        "from editcheck import Checker, Rule, hookimpl, InputTooLarge\n"
        "assert set(editcheck.__all__) <= set(dir(editcheck))",
        tmp_path,
    )
    assert "editcheck.api" in seen["modules"]


def test_a_cold_text_check_loads_only_what_it_uses(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(
        "The council said on Tuesday that bus fares would rise by 5 per cent in 2025.\n\n"
        "Officials told reporters the new timetable would start in the spring.\n",
        encoding="utf-8",
    )
    seen = _probe(
        "from editcheck.cli import main\n"
        "try:\n"
        f"    main(['check', '--fail-on', 'never', {str(draft)!r}])\n"
        "except SystemExit as exc:\n"
        "    assert exc.code == 0, exc.code",
        tmp_path,
    )
    modules = seen["modules"]
    assert "editcheck.formats.text" in modules and "textstat" in modules  # it did run
    assert _loaded(modules, NEVER_IN_A_TEXT_CHECK) == []
    assert seen["pyphen_patterns"] == 0  # every word is in the shipped syllable table
