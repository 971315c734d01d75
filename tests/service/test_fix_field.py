"""``"fix"`` on /v1/check: the fixed draft beside the report, and the re-checked report."""

from __future__ import annotations

from .servicekit import SEED_HTML, Server, needs_serve

pytestmark = needs_serve

RESIDUE_TEXT = (
    "The council voted to close the library on Tuesday night, its leader said.\n"
    "\n"
    "Advertisement\n"
    "\n"
    "Residents said they would appeal against the decision, which saves £2m.\n"
    "6 hours ago\n"
)


def test_fix_true_returns_the_fixed_html_and_its_report(service: Server) -> None:
    html = SEED_HTML.read_text(encoding="utf-8")
    answer = service.post("/v1/check", {"html": html, "fix": True}).json()
    annotations = answer["report"]["annotations"]
    assert all(isinstance(a["fixable"], bool) for a in annotations)
    fixable = {a["fingerprint"] for a in annotations if a["fixable"]}
    fixed = answer["fixed"]
    assert fixed["content_type"] == "html"
    assert set(fixed["applied"]) == fixable and fixable
    assert fixed["not_applied"] == []
    assert "6 hours ago" not in fixed["draft"] and ".png)" not in fixed["draft"]
    assert "<p>5</p>" not in fixed["draft"]
    assert "McLaughlin said." in fixed["draft"]
    assert not [a for a in fixed["report"]["annotations"] if a["fixable"]]
    assert fixed["report"]["schema"] == answer["report"]["schema"]


def test_fix_by_fingerprint_applies_only_those(service: Server) -> None:
    first = service.post("/v1/check", {"text": RESIDUE_TEXT}).json()
    assert "fixed" not in first
    ad = next(a for a in first["report"]["annotations"] if a["text"] == "Advertisement")
    assert ad["fixable"] is True and ad["fix"]["kind"] == "delete"
    answer = service.post("/v1/check", {"text": RESIDUE_TEXT, "fix": [ad["fingerprint"]]})
    fixed = answer.json()["fixed"]
    assert fixed["applied"] == [ad["fingerprint"]]
    assert fixed["content_type"] == "text"
    assert "Advertisement" not in fixed["draft"]
    assert "6 hours ago" in fixed["draft"]  # not asked for
    remaining = {a["text"] for a in fixed["report"]["annotations"]}
    assert "6 hours ago" in remaining


def test_an_unknown_fingerprint_is_reported_not_applied(service: Server) -> None:
    answer = service.post("/v1/check", {"text": RESIDUE_TEXT, "fix": ["0123456789abcdef"]})
    fixed = answer.json()["fixed"]
    assert fixed["applied"] == []
    assert fixed["draft"] == RESIDUE_TEXT
    assert fixed["not_applied"][0]["fingerprint"] == "0123456789abcdef"


def test_a_bad_fix_value_is_a_422_naming_the_field(service: Server) -> None:
    for bad in ("yes", 1, [1, 2], {"all": True}):
        reply = service.post("/v1/check", {"text": RESIDUE_TEXT, "fix": bad})
        assert reply.status == 422, bad
        assert [e["field"] for e in reply.json()["errors"]] == ["fix"]
    reply = service.post("/v1/check", {"blocks": [{"id": 1, "text": "Share"}], "fix": True})
    assert reply.status == 422
    assert [e["field"] for e in reply.json()["errors"]] == ["fix"]


def test_fix_false_is_no_fixing(service: Server) -> None:
    answer = service.post("/v1/check", {"text": RESIDUE_TEXT, "fix": False}).json()
    assert "fixed" not in answer
