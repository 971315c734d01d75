"""docs/integration.md: every documented request gets the documented response."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from .servicekit import ROOT, Server, needs_serve

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
