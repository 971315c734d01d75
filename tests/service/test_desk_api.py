"""The desk's routes on a real server: dismissals (kept per draft id and fingerprint, never
hiding anything else), their effect on the verdict, ``POST /review`` and framing headers."""

from __future__ import annotations

import json
import urllib.parse
from pathlib import Path
from typing import Any

import pytest

from .servicekit import Server, needs_serve

pytestmark = needs_serve

ERROR_DRAFT = "<p>The figure zzspan was huge zzend, and zzword too.</p>"


def check(service: Server, **body: Any) -> dict[str, Any]:
    reply = service.post("/v1/check", {"select": ["svc/*"], **body})
    assert reply.status == 200, reply.body
    return reply.json()  # type: ignore[no-any-return]


def finding(answer: dict[str, Any], rule: str) -> dict[str, Any]:
    (a,) = [a for a in answer["report"]["annotations"] if a["rule"] == rule]
    return a


def dismiss(service: Server, draft_id: str, a: dict[str, Any], **extra: Any) -> Any:
    body = {"draft_id": draft_id, "fingerprint": a["fingerprint"], "rule": a["rule"], **extra}
    return service.post("/v1/dismissals", body)


def remove(service: Server, draft_id: str, fingerprint: str) -> Any:
    query = urllib.parse.urlencode({"draft_id": draft_id, "fingerprint": fingerprint})
    return service.request("DELETE", f"/v1/dismissals?{query}")


def test_a_dismissal_is_kept_for_that_draft_and_finding_only(service: Server) -> None:
    first = check(service, html=ERROR_DRAFT)
    assert first["verdict"] == "fail" and first["blocking"] is True
    draft_id = first["draft_id"]
    assert draft_id.startswith("sha256:")
    span = finding(first, "svc/zz-span")
    stored = dismiss(service, draft_id, span, reason="the figure is sourced below")
    assert stored.status == 201 and stored.json()["reason"] == "the figure is sourced below"

    again = check(service, html=ERROR_DRAFT)  # the same draft: the same id, the same finding
    assert again["draft_id"] == draft_id
    assert finding(again, "svc/zz-span")["dismissed"]["reason"] == "the figure is sourced below"
    assert "dismissed" not in finding(again, "svc/zz-word")
    assert again["verdict"] == "pass" and again["blocking"] is False
    assert again["dismissals"] == {
        "available": True,
        "count": 1,
        "verdict_ignoring_dismissals": "fail",
    }
    # Another draft with the very same finding (same fingerprint) is not touched.
    other = check(service, html=ERROR_DRAFT + "<p>Another paragraph.</p>")
    assert finding(other, "svc/zz-span")["fingerprint"] == span["fingerprint"]
    assert "dismissed" not in finding(other, "svc/zz-span") and other["verdict"] == "fail"
    # Nor the same text under an id the CMS gives.
    named = check(service, html=ERROR_DRAFT, draft_id="cms-article-1")
    assert named["draft_id"] == "cms-article-1" and named["verdict"] == "fail"

    listed = service.get("/v1/dismissals?draft_id=" + urllib.parse.quote(draft_id)).json()
    assert [d["fingerprint"] for d in listed["dismissals"]] == [span["fingerprint"]]
    assert remove(service, draft_id, span["fingerprint"]).json()["removed"] is True
    assert check(service, html=ERROR_DRAFT)["verdict"] == "fail"
    assert remove(service, draft_id, span["fingerprint"]).status == 404


def test_a_cms_draft_id_keeps_dismissals_across_edits(service: Server) -> None:
    answer = check(service, html=ERROR_DRAFT, draft_id="cms-article-77")
    dismiss(service, "cms-article-77", finding(answer, "svc/zz-word"), reason="a name")
    edited = check(service, html="<h1>New headline</h1>" + ERROR_DRAFT, draft_id="cms-article-77")
    assert finding(edited, "svc/zz-word")["dismissed"]["reason"] == "a name"
    assert "dismissed" not in finding(edited, "svc/zz-span")  # the error still counts
    assert edited["verdict"] == "fail"


def test_a_dismissal_under_another_rule_hides_nothing(service: Server) -> None:
    answer = check(service, html=ERROR_DRAFT, draft_id="cms-rule-guard")
    span = finding(answer, "svc/zz-span")
    forged = {**span, "rule": "svc/zz-word"}  # the right fingerprint, the wrong rule
    assert dismiss(service, "cms-rule-guard", forged).status == 201
    again = check(service, html=ERROR_DRAFT, draft_id="cms-rule-guard")
    assert "dismissed" not in finding(again, "svc/zz-span") and again["verdict"] == "fail"


def test_dismissals_never_make_an_unfinished_check_pass(service: Server) -> None:
    text = "SLOW-DOWN, and zzspan a figure zzend."
    answer = check(service, text=text, draft_id="cms-slow")
    dismiss(service, "cms-slow", finding(answer, "svc/zz-span"))
    again = check(service, text=text, draft_id="cms-slow")
    assert again["verdict"] == "incomplete" and again["blocking"] is True


def test_batch_answers_are_marked_too(service: Server) -> None:
    answer = check(service, html=ERROR_DRAFT, draft_id="cms-batch")
    dismiss(service, "cms-batch", finding(answer, "svc/zz-span"))
    docs = [
        {"html": ERROR_DRAFT, "draft_id": "cms-batch", "select": ["svc/*"]},
        {"html": ERROR_DRAFT, "select": ["svc/*"]},
    ]
    batch = service.post("/v1/check/batch", {"documents": docs}).json()
    assert [r["verdict"] for r in batch["results"]] == ["pass", "fail"]
    assert batch["verdict"] == "fail"


def test_dismissal_requests_are_validated(service: Server) -> None:
    bad = service.post("/v1/dismissals", {"draft_id": "", "fingerprint": "xyz", "rule": "no"})
    assert bad.status == 422
    assert {e["field"] for e in bad.json()["errors"]} == {"draft_id", "fingerprint", "rule"}
    extra = {"draft_id": "d", "fingerprint": "0" * 16, "rule": "svc/zz-word", "who": "me"}
    assert service.post("/v1/dismissals", extra).status == 422
    assert service.get("/v1/dismissals").status == 422  # which draft?
    assert remove(service, "d", "nothex").status == 422
    assert service.get("/v1/dismissals?draft_id=d", auth=False).status == 401


def test_rules_say_which_findings_are_about_the_whole_draft(service: Server) -> None:
    rules = {r["id"]: r for r in service.get("/v1/rules").json()["rules"]}
    assert rules["core/reading-grade"]["scope"] == "document"
    assert rules["core/unattributed-claim"]["scope"] == "passage"


def post_form(service: Server, fields: dict[str, str], kind: str | None = None) -> Any:
    body = urllib.parse.urlencode(fields).encode()
    headers = {"Content-Type": kind or "application/x-www-form-urlencoded"}
    return service.request("POST", "/review", body, headers, auth=False)


def embedded_desk(page: bytes) -> dict[str, Any]:
    text = page.decode()
    blob = text.split('<script type="application/json" id="ec-desk">')[1].split("</script>")[0]
    return json.loads(blob)  # type: ignore[no-any-return]


def test_review_opens_the_page_with_the_posted_draft(service: Server) -> None:
    draft = "<p>Hello</p></script><script>alert(1)</script><!-- x -->"
    page = post_form(service, {"draft": draft, "draft_id": "cms-9", "source": "Story 9"})
    assert page.status == 200 and page.headers["content-type"].startswith("text/html")
    assert page.body.decode().count("</script>") == 2  # the data block and the page's script
    data = embedded_desk(page.body)
    assert data["draft"]["content"] == draft and data["draft"]["draft_id"] == "cms-9"
    assert data["draft"]["content_type"] == "html" and data["origins"] == []
    assert page.headers["cache-control"] == "no-store"
    assert post_form(service, {"source": "no draft"}).status == 422
    assert post_form(service, {"draft": "x", "content_type": "pdf"}).status == 422
    assert post_form(service, {"draft": "x"}, kind="application/json").status == 415


def test_the_page_cannot_be_framed_unless_origins_are_named(service: Server) -> None:
    page = service.get("/", auth=False)
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    assert page.headers["x-frame-options"] == "DENY"
    assert embedded_desk(page.body) == {"origins": [], "draft": None}


def test_frame_ancestors_take_origins_only() -> None:
    from editcheck.errors import ConfigError
    from editcheck.service.settings import parse_origin

    assert parse_origin("HTTPS://CMS.example.org/") == "https://cms.example.org"
    assert parse_origin("http://127.0.0.1:9000") == "http://127.0.0.1:9000"
    for bad in ("cms.example.org", "https://*.example.org", "https://cms.example/path", "*"):
        with pytest.raises(ConfigError, match="not an origin"):
            parse_origin(bad)


def test_without_a_store_every_finding_counts(tmp_path: Path) -> None:
    from editcheck.config import Config
    from editcheck.service.desk import Desk, mark_dismissed
    from editcheck.service.problems import Problem
    from editcheck.service.requests import CheckRequest

    desk = Desk.open(Config(dismissals=tmp_path))  # a folder: no database can live there
    assert desk.store is None and "cannot be saved" in desk.problem
    annotation = {"rule": "svc/zz-span", "severity": "error", "fingerprint": "0" * 16}
    answer = {
        "verdict": "fail",
        "blocking": True,
        "fail_on": "error",
        "fail_on_incomplete": True,
        "report": {"annotations": [annotation], "errors": []},
    }
    mark_dismissed(desk, CheckRequest("text", "x", draft_id="d"), answer)
    assert answer["verdict"] == "fail" and answer["dismissals"]["available"] is False
    with pytest.raises(Problem) as refused:
        desk.need_store()
    assert refused.value.status == 503


def test_the_default_database_sits_beside_the_config(tmp_path: Path) -> None:
    from editcheck.config import Config
    from editcheck.service.desk import dismissals_path

    config = Config(path=tmp_path / "editcheck.toml")
    assert dismissals_path(config) == tmp_path / "editcheck-dismissals.sqlite"
    assert dismissals_path(Config(dismissals=tmp_path / "x.db")) == tmp_path / "x.db"
