"""docs/integration.md: every documented request gets the documented response."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from .servicekit import ROOT, TOKEN, Server, free_port, needs_serve

pytestmark = needs_serve

DOC = ROOT / "docs" / "integration.md"
_EXAMPLE = re.compile(r"<!-- (request|response): ([\w-]+)(?: (\d+))? -->\s*```json\n(.*?)```", re.S)


def examples() -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for kind, name, status, body in _EXAMPLE.findall(DOC.read_text(encoding="utf-8")):
        entry = found.setdefault(name, {})
        entry[kind] = json.loads(body)
        if status:
            entry["status"] = int(status)
    return found


def contains(actual: Any, documented: Any, where: str = "$") -> None:
    """Documented dict keys must match; documented list items must appear in order."""
    if isinstance(documented, dict):
        assert isinstance(actual, dict), where
        for key, value in documented.items():
            assert key in actual, f"{where}.{key} missing"
            contains(actual[key], value, f"{where}.{key}")
    elif isinstance(documented, list):
        assert isinstance(actual, list), where
        rest = iter(enumerate(actual))
        for i, item in enumerate(documented):
            for _, candidate in rest:
                try:
                    contains(candidate, item, f"{where}[{i}]")
                    break
                except AssertionError:
                    continue
            else:
                raise AssertionError(f"{where}[{i}] not found in order: {item}")
    else:
        assert actual == documented, f"{where}: {actual!r} != {documented!r}"


def test_the_guide_has_examples_for_each_integration() -> None:
    assert {"webhook", "wordpress-blocks", "wagtail", "invalid-fields"} <= set(examples())
    for name, entry in examples().items():
        assert {"request", "response", "status"} <= set(entry), name


@pytest.mark.parametrize("name", sorted(examples()))
def test_documented_request_gets_the_documented_response(service: Server, name: str) -> None:
    entry = examples()[name]
    reply = service.post("/v1/check", entry["request"])
    assert reply.status == entry["status"], reply.body[:500]
    contains(reply.json(), entry["response"])


def _webhook_gate() -> str:
    m = re.search(r"<!-- webhook-gate -->\s*```sh\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    assert m, "docs/integration.md has no webhook-gate snippet"
    return m.group(1)


GATE_CASES = {
    "clean": (
        {"html": "<p>The council met on Tuesday.</p>", "select": ["core/placeholder"]},
        0,
        "",
    ),
    "fail": (
        {"html": "<p>Lorem ipsum dolor sit amet.</p>", "select": ["core/placeholder"]},
        1,
        "not a clean pass",
    ),
    "timed out": (
        {"html": "<p>SLOW-DOWN</p>", "select": ["core/placeholder", "svc/slow"]},
        1,
        "not a clean pass",
    ),
    "nothing listening": ({"html": "<p>The council met on Tuesday.</p>"}, 1, "could not run"),
}


@pytest.mark.skipif(
    not all(shutil.which(t) for t in ("bash", "curl", "jq")),
    reason="the webhook gate snippet needs bash, curl and jq (Debian: curl jq)",
)
@pytest.mark.parametrize("case", sorted(GATE_CASES))
def test_the_webhook_gate_passes_only_a_clean_pass(
    service: Server, tmp_path: Path, case: str
) -> None:
    draft, code, said = GATE_CASES[case]
    (tmp_path / "draft.json").write_text(json.dumps(draft), encoding="utf-8")
    url = f"http://127.0.0.1:{free_port()}" if case == "nothing listening" else service.base
    done = subprocess.run(
        ["bash", "-c", _webhook_gate()],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        env={
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "EDITCHECK_URL": url,
            "EDITCHECK_TOKEN": TOKEN,
        },
    )
    assert done.returncode == code, done.stderr
    assert said in done.stderr
