"""A sample of each class of hostile drafts (editcheck.testing.hostile) and malformed
bodies through a live service: never a 500, a verdict or a problem document for each,
``incomplete`` where work was cut, and the service still healthy after (issue 11)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from editcheck.testing.hostile import HostileCase, hostile_cases

from .servicekit import needs_serve, start_server, stop_server

pytestmark = needs_serve


def _sample(per_kind: int) -> list[HostileCase]:
    seen: Counter[str] = Counter()
    picked = []
    for case in hostile_cases(0.01):
        if case.kind == "charset" or seen[case.kind] < per_kind:
            picked.append(case)
            seen[case.kind] += 1
    return picked


def test_a_sample_of_each_class_through_a_live_service(tmp_path: Path) -> None:
    config = tmp_path / "editcheck.toml"
    config.write_text('fail-on = "error"\n', encoding="utf-8")
    server = start_server(config, cwd=tmp_path)
    try:
        for case in _sample(per_kind=4):
            field = "html" if case.media_type == "text/html" else "text"
            text = case.data.decode("utf-8", "replace")
            reply = server.post("/v1/check", {field: text})
            assert reply.status != 500, case.name
            if reply.status == 200:
                answer = reply.json()
                assert answer["verdict"] in ("pass", "fail", "incomplete"), case.name
                if answer["report"]["errors"] or answer["timed_out"]:
                    assert answer["verdict"] == "incomplete", case.name
            else:
                assert reply.json()["status"] == reply.status  # a problem document
        for body in (b'{"text": ', b"[" * 5000 + b"]" * 5000, b'{"text": 5}', b"null"):
            reply = server.request("POST", "/v1/check", body, {"Content-Type": "application/json"})
            assert reply.status in (400, 422), body[:20]
        assert server.get("/healthz").status == 200
    finally:
        stop_server(server)
