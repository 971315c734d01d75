"""Errors, limits, auth, CORS and the time budget, against the real server."""

from __future__ import annotations

import http.client
import json
import subprocess
import sys
import time

import pytest

from .servicekit import BUDGET, MAX_BODY, MAX_DRAFT, ORIGIN, Server, needs_serve

pytestmark = needs_serve


def assert_problem(reply, status: int) -> dict:  # type: ignore[no-untyped-def]
    assert reply.status == status, reply.body[:300]
    assert reply.headers["content-type"] == "application/problem+json"
    body = reply.json()
    assert body["status"] == status and body["title"] and body["detail"]
    assert "Traceback" not in reply.body.decode() and 'File "' not in reply.body.decode()
    return body  # type: ignore[no-any-return]


def test_malformed_json_is_400(service: Server) -> None:
    reply = service.request(
        "POST", "/v1/check", b'{"html": "<p>x</p>"', {"Content-Type": "application/json"}
    )
    assert "not valid JSON" in assert_problem(reply, 400)["detail"]
    json_type = {"Content-Type": "application/json"}
    assert_problem(service.request("POST", "/v1/check", b"\xff\xfe{}", json_type), 400)
    deep = b"[" * 5000 + b"]" * 5000
    reply = service.request("POST", "/v1/check", deep, json_type)
    assert "nested too deeply" in assert_problem(reply, 400)["detail"]
    huge = b'{"text": "x", "id": ' + b"9" * 5000 + b"}"
    assert_problem(service.request("POST", "/v1/check", huge, json_type), 400)


def test_a_drive_by_text_plain_post_is_refused(service: Server) -> None:
    """A web page can POST text/plain to a local service without a CORS preflight."""
    body = b'{"text": "Critics say it."}'
    reply = service.request("POST", "/v1/check", body, {"Content-Type": "text/plain"})
    assert assert_problem(reply, 415)["type"].endswith("/unsupported-media-type")
    assert reply.headers["connection"] == "close"


def test_a_rebound_host_name_is_refused(service: Server) -> None:
    reply = service.request("GET", "/v1/rules", headers={"Host": "attacker.example:8750"})
    assert assert_problem(reply, 421)["status"] == 421
    assert service.get("/v1/rules").status == 200


def test_wrong_field_types_are_422_naming_each_field(service: Server) -> None:
    body = assert_problem(
        service.post(
            "/v1/check", {"html": ["x"], "select": "core/*", "fail_on": "sometimes", "color": 1}
        ),
        422,
    )
    fields = {e["field"] for e in body["errors"]}
    assert fields == {"html", "select", "fail_on", "color"}
    assert_problem(service.post("/v1/check", ["not", "an", "object"]), 422)
    assert_problem(service.post("/v1/check", {"blocks": [{"id": 1}]}), 422)
    dup = assert_problem(
        service.post("/v1/check", {"blocks": [{"id": 1, "text": "a"}, {"id": "1", "text": "b"}]}),
        422,
    )
    assert "duplicate" in dup["errors"][0]["message"]
    assert_problem(service.post("/v1/check/batch", {"documents": []}), 422)
    nested = assert_problem(
        service.post("/v1/check/batch", {"documents": [{"text": "ok"}, {"text": 1}]}), 422
    )
    assert nested["errors"][0]["field"] == "documents[1].text"


def test_unpaired_surrogates_are_refused_not_crashed_on(service: Server) -> None:
    for body, field in (
        (b'{"text": "a\\ud800b"}', "text"),
        (b'{"blocks": [{"id": "x\\udc00", "text": "ok"}]}', "blocks"),
        (b'{"html": "ok", "source": "\\udfff"}', "source"),
    ):
        problem = assert_problem(
            service.request("POST", "/v1/check", body, {"Content-Type": "application/json"}), 422
        )
        assert problem["errors"][0]["field"] == field


def test_a_request_cannot_load_plugins_or_config(service: Server) -> None:
    for field in ("config", "plugins_dir", "plugins-dir"):
        body = assert_problem(service.post("/v1/check", {"text": "x", field: "/tmp"}), 422)
        assert body["errors"] == [{"field": field, "message": "unknown field"}]


def test_body_over_the_limit_is_413_by_length_and_by_stream(service: Server) -> None:
    big = json.dumps({"text": "a" * (MAX_BODY + 10)}).encode()
    assert_problem(
        service.request("POST", "/v1/check", big, {"Content-Type": "application/json"}), 413
    )
    conn = http.client.HTTPConnection(service.host, service.port, timeout=30)
    try:  # chunked: no Content-Length, so the server must count as it reads
        conn.request(
            "POST",
            "/v1/check",
            body=iter([big[i : i + 65536] for i in range(0, len(big), 65536)]),
            headers={
                "Authorization": f"Bearer {service.token}",
                "Content-Type": "application/json",
            },
            encode_chunked=True,
        )
        resp = conn.getresponse()
        assert resp.status == 413
        assert resp.getheader("content-type") == "application/problem+json"
    finally:
        conn.close()


def test_draft_over_the_configs_max_bytes_is_413(service: Server) -> None:
    draft = "word " * (MAX_DRAFT // 5 + 10)
    assert len(json.dumps({"text": draft})) < MAX_BODY
    body = assert_problem(service.post("/v1/check", {"text": draft}), 413)
    assert "max-bytes" in body["detail"]


def test_unknown_route_is_404_and_wrong_method_405(service: Server) -> None:
    assert_problem(service.get("/v2/check"), 404)
    assert_problem(service.get("/nothing/here", auth=False), 404)
    assert_problem(service.get("/v1/check"), 405)


def test_a_plugins_garbage_is_dropped_and_named_and_the_rest_survive(service: Server) -> None:
    reply = service.post("/v1/check", {"text": "Please CRASH-ME now. Critics say it failed."})
    assert reply.status == 200
    answer = reply.json()
    rules = [a["rule"] for a in answer["report"]["annotations"]]
    assert rules.count("svc/crash") == 1  # the one good finding
    assert "core/unattributed-claim" in rules  # the built-ins are untouched
    dropped = [e for e in answer["report"]["errors"] if e["check"] == "svc.crash"]
    assert len(dropped) == 4 and all("dropped" in e["message"] for e in dropped)
    assert answer["verdict"] == "incomplete" and answer["blocking"] is True
    assert service.post("/v1/check", {"text": "zzfine"}).status == 200


def test_token_is_required_on_the_api(service: Server) -> None:
    for reply in (
        service.post("/v1/check", {"text": "x"}, auth=False),
        service.get("/v1/rules", auth=False),
        service.post("/v1/check", {"text": "x"}, headers={"Authorization": "Bearer wrong-token"}),
        service.post(
            "/v1/check", {"text": "x"}, headers={"Authorization": f"Basic {service.token}"}
        ),
    ):
        assert_problem(reply, 401)
        assert reply.headers["www-authenticate"].startswith("Bearer")
    assert service.post("/v1/check", {"text": "x"}).status == 200


def test_cors_allows_only_the_listed_origin(service: Server) -> None:
    preflight = {
        "Origin": ORIGIN,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type",
    }
    ok = service.request("OPTIONS", "/v1/check", headers=preflight, auth=False)
    assert ok.status == 200
    assert ok.headers["access-control-allow-origin"] == ORIGIN
    assert "authorization" in ok.headers["access-control-allow-headers"].lower()
    evil = service.request(
        "OPTIONS", "/v1/check", auth=False, headers={**preflight, "Origin": "https://evil.example"}
    )
    assert evil.status == 400
    assert "access-control-allow-origin" not in evil.headers
    actual = service.post("/v1/check", {"text": "x"}, headers={"Origin": ORIGIN})
    assert actual.headers["access-control-allow-origin"] == ORIGIN
    denied = service.post("/v1/check", {"text": "x"}, auth=False, headers={"Origin": ORIGIN})
    assert denied.status == 401  # the CMS plugin can read why
    assert denied.headers["access-control-allow-origin"] == ORIGIN
    other = service.post("/v1/check", {"text": "x"}, headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers


def test_a_check_past_the_time_budget_is_cut_off_and_named(service: Server) -> None:
    started = time.monotonic()
    reply = service.post(
        "/v1/check", {"text": "SLOW-DOWN but zzword still counts.", "select": ["svc/*"]}
    )
    elapsed = time.monotonic() - started
    assert reply.status == 200
    answer = reply.json()
    assert answer["partial"] is True and answer["report"]["partial"] is True
    assert answer["timed_out"] == ["svc.slow"]
    assert [a["text"] for a in answer["report"]["annotations"]] == ["zzword"]
    assert BUDGET * 0.8 <= elapsed < BUDGET + 3
    for _ in range(4):  # both workers keep answering quickly and correctly
        t0 = time.monotonic()
        again = service.post("/v1/check", {"text": "zzfine", "select": ["svc/*"]}).json()
        assert again["partial"] is False and again["report"]["annotations"][0]["text"] == "zzfine"
        assert time.monotonic() - t0 < 1.0
    assert service.get("/healthz", auth=False).status == 200


def test_the_budget_covers_a_whole_batch(service: Server) -> None:
    docs = [{"text": "SLOW-DOWN one"}, {"text": "SLOW-DOWN two"}, {"text": "zzthree"}]
    started = time.monotonic()
    answer = service.post("/v1/check/batch", {"documents": docs}).json()
    assert time.monotonic() - started < BUDGET + 3
    assert answer["partial"] is True
    assert all(r["partial"] for r in answer["results"])  # the third found no time left


@pytest.mark.parametrize(
    "args,message",
    [
        (["--config", "no-such.toml"], "config file not found"),
        (["--token-file", "no-such-token"], "does not exist"),
        (["--workers", "0"], "--workers"),
    ],
)
def test_serve_refuses_bad_settings_before_starting(tmp_path, args, message) -> None:  # type: ignore[no-untyped-def]
    out = subprocess.run(
        [sys.executable, "-m", "editcheck", "serve", *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 2
    assert message in out.stderr
    assert "Traceback" not in out.stderr
