"""The check routes give the CLI's answers, with positions a CMS editor can use."""

from __future__ import annotations

import jsonschema
import openapi_spec_validator
import pytest

from .servicekit import SEED_HTML, Server, cli_reports, needs_serve

pytestmark = needs_serve

EMOJI_TEXT = "Fans cheered 😀😀 and zzfirst went home.\nA second 🎉 line with zzsecond.\n"


def utf16_slice(text: str, start: int, end: int) -> str:
    """What JavaScript's text.slice(start, end) gives."""
    units = text.encode("utf-16-le", "surrogatepass")
    return units[start * 2 : end * 2].decode("utf-16-le", "surrogatepass")


def test_health_and_readiness_need_no_token(service: Server) -> None:
    assert service.get("/healthz", auth=False).json()["status"] == "ok"
    ready = service.get("/readyz", auth=False).json()
    assert ready["status"] == "ready"
    assert {"svc_marks", "svc_slow"} <= set(ready["plugins"])
    assert ready["plugin_failures"] == []


def test_html_check_gives_the_same_report_as_the_cli(service: Server) -> None:
    html = SEED_HTML.read_text(encoding="utf-8")
    reply = service.post("/v1/check", {"html": html, "source": str(SEED_HTML)})
    assert reply.status == 200
    assert reply.headers["content-type"].startswith("application/json")
    answer = reply.json()
    assert answer["partial"] is False, answer["timed_out"]  # a loaded machine can hit 1 s
    (cli,) = cli_reports(service.config, SEED_HTML)
    assert answer["report"]["errors"] == cli["errors"]
    assert answer["report"]["annotations"] == cli["annotations"]
    assert answer["report"]["annotations"], "the seed should be annotated by the built-in checks"
    assert answer["position_encoding"] == "utf-32" and answer["timed_out"] == []


def test_verdict_follows_fail_on_and_findings_still_answer_200(service: Server) -> None:
    text = "The zzword is here."  # one warning from svc/zz-word
    failing = service.post("/v1/check", {"text": text, "fail_on": "warning"})
    passing = service.post("/v1/check", {"text": text, "fail_on": "error"})
    never = service.post("/v1/check", {"text": text, "fail_on": "never"})
    assert [r.status for r in (failing, passing, never)] == [200, 200, 200]
    assert failing.json()["verdict"] == "fail"
    assert passing.json()["verdict"] == "pass"
    assert never.json()["verdict"] == "pass" and never.json()["fail_on"] == "never"
    assert failing.json()["report"]["summary"]["by_severity"]["warning"] >= 1


def test_default_fail_on_comes_from_the_server_config(service: Server) -> None:
    answer = service.post("/v1/check", {"html": "<p>zzspan across zzend.</p>"}).json()
    assert answer["fail_on"] == "error"
    assert answer["verdict"] == "fail"  # svc/zz-span is an error


def test_select_and_ignore_pick_rules_per_request(service: Server) -> None:
    html = "<p>zzspan and zzword zzend.</p>"
    only_words = service.post("/v1/check", {"html": html, "select": ["svc/zz-word"]}).json()
    assert {a["rule"] for a in only_words["report"]["annotations"]} == {"svc/zz-word"}
    no_svc = service.post("/v1/check", {"html": html, "ignore": ["svc"]}).json()
    assert not any(a["rule"].startswith("svc/") for a in no_svc["report"]["annotations"])


def test_text_offsets_in_utf16_slice_like_javascript(service: Server) -> None:
    answer = service.post(
        "/v1/check", {"text": EMOJI_TEXT, "select": ["svc/*"], "position_encoding": "utf-16"}
    ).json()
    assert answer["position_encoding"] == "utf-16"
    anns = answer["report"]["annotations"]
    assert [a["text"] for a in anns] == ["zzfirst", "zzsecond"]
    lines = EMOJI_TEXT.split("\n")
    for a in anns:
        assert utf16_slice(EMOJI_TEXT, a["start"], a["end"]) == a["text"]
        line = lines[a["block"]["index"]]
        assert utf16_slice(line, a["block"]["start"], a["block"]["end"]) == a["text"]
        assert utf16_slice(line, a["column"] - 1, a["column"] - 1 + len(a["text"])) == a["text"]
    code_points = service.post("/v1/check", {"text": EMOJI_TEXT, "select": ["svc/*"]}).json()
    first = code_points["report"]["annotations"][0]
    assert EMOJI_TEXT[first["start"] : first["end"]] == "zzfirst"
    assert anns[0]["start"] == first["start"] + 2  # two emoji before it, two units each


def test_html_block_offsets_in_utf16_index_the_elements_text(service: Server) -> None:
    html = "<p>Party 🎉 for <b>zzbold</b> &amp; zzafter</p><p>🎉🎉 zzsecond</p>"
    answer = service.post(
        "/v1/check", {"html": html, "select": ["svc/zz-word"], "position_encoding": "utf-16"}
    ).json()
    raw = {"/html/body/p[1]": "Party 🎉 for zzbold & zzafter", "/html/body/p[2]": "🎉🎉 zzsecond"}
    anns = answer["report"]["annotations"]
    assert [a["text"] for a in anns] == ["zzbold", "zzafter", "zzsecond"]
    for a in anns:
        block = a["block"]
        assert utf16_slice(raw[block["xpath"]], block["start"], block["end"]) == a["text"]


@pytest.mark.parametrize("encoding", ["utf-32", "utf-16"])
def test_blocks_are_answered_by_block_id_in_editor_coordinates(
    service: Server, encoding: str
) -> None:
    blocks = [
        {"id": "intro", "text": "  Leading spaces, then zzone <b>not a tag</b>."},
        {"id": 7, "text": "Line one\r\nline two 😀 has zztwo  and   zzthree."},
        {"id": "empty", "text": ""},
        {"id": "last", "text": "zzspan from here to zzend"},
    ]
    answer = service.post(
        "/v1/check", {"blocks": blocks, "select": ["svc/*"], "position_encoding": encoding}
    ).json()
    by_id = answer["blocks"]
    assert set(by_id) == {"intro", "7", "empty", "last"}
    assert by_id["empty"] == []
    texts = {str(b["id"]): b["text"] for b in blocks}
    seen = []
    for block_id, anns in by_id.items():
        for a in anns:
            assert str(a["block"]["id"]) == block_id
            text, start, end = texts[block_id], a["block"]["start"], a["block"]["end"]
            flagged = utf16_slice(text, start, end) if encoding == "utf-16" else text[start:end]
            assert " ".join(flagged.split()) == a["text"]
            seen.append(a["text"])
    assert sorted(seen) == sorted(["zzone", "zztwo", "zzthree", "zzspan from here to zzend"])
    assert by_id["7"][0]["block"]["id"] == 7  # the editor's own id, type kept


def test_block_tags_tell_headings_and_list_items_from_paragraphs(service: Server) -> None:
    long = " ".join(["word"] * 45) + "."
    blocks = [
        {"id": "h", "text": long, "tag": "h2"},
        {"id": "p", "text": long},
        {"id": "li", "text": "A zzitem in a list.", "tag": "li"},
        {"id": "q", "text": "A zzquote.", "tag": "blockquote"},
    ]
    answer = service.post(
        "/v1/check", {"blocks": blocks, "select": ["core/long-sentence", "svc/zz-word"]}
    ).json()
    by_id = answer["blocks"]
    assert by_id["h"] == []  # headings are not prose
    assert [a["rule"] for a in by_id["p"]] == ["core/long-sentence"]
    assert [(a["text"], a["block"]["start"]) for a in by_id["li"]] == [("zzitem", 2)]
    assert [(a["text"], a["block"]["start"]) for a in by_id["q"]] == [("zzquote", 2)]
    bad = service.post("/v1/check", {"blocks": [{"id": 1, "text": "x", "tag": "script"}]})
    assert bad.status == 422 and bad.json()["errors"][0]["field"] == "blocks[0].tag"


def test_batch_answers_each_document_in_order(service: Server) -> None:
    docs = [
        {"id": "a", "text": "Nothing to see."},
        {"id": "b", "html": "<p>zzspan x zzend</p>"},
        {"id": "c", "blocks": [{"id": 1, "text": "zzword"}], "fail_on": "never"},
    ]
    reply = service.post("/v1/check/batch", {"documents": docs})
    assert reply.status == 200
    answer = reply.json()
    assert [r["id"] for r in answer["results"]] == ["a", "b", "c"]
    assert [r["verdict"] for r in answer["results"]] == ["pass", "fail", "pass"]
    assert answer["verdict"] == "fail" and answer["partial"] is False
    assert answer["results"][2]["blocks"]["1"][0]["text"] == "zzword"


def test_rules_lists_every_rule_with_docs(service: Server) -> None:
    rules = {r["id"]: r for r in service.get("/v1/rules").json()["rules"]}
    assert rules["svc/zz-word"]["summary"] == "A word starting with zz."
    assert rules["svc/zz-word"]["enabled"] is True
    assert rules["svc/zz-span"]["severity"] == "error"
    assert "core/long-sentence" in rules


def test_openapi_describes_every_route_and_real_answers_match_it(service: Server) -> None:
    doc = service.get("/v1/openapi.json").json()
    assert doc["openapi"].startswith("3.1")
    openapi_spec_validator.validate(doc)  # a valid OpenAPI 3.1 document
    assert set(doc["paths"]) == {
        "/",
        "/static/{name}",
        "/healthz",
        "/readyz",
        "/v1/rules",
        "/v1/openapi.json",
        "/v1/check",
        "/v1/check/batch",
        "/review",
        "/v1/dismissals",
    }

    def validator(name: str) -> jsonschema.Validator:
        schema = {"$ref": f"#/components/schemas/{name}", "components": doc["components"]}
        return jsonschema.Draft202012Validator(schema)

    request = {"html": "<p>zzspan x zzend</p>", "select": ["svc/*"]}
    validator("CheckRequest").validate(request)
    validator("CheckResponse").validate(service.post("/v1/check", request).json())
    batch = {"documents": [request, {"blocks": [{"id": "x", "text": "zzword"}]}]}
    validator("BatchRequest").validate(batch)
    validator("BatchResponse").validate(service.post("/v1/check/batch", batch).json())
    validator("Problem").validate(service.post("/v1/check", {"html": 3}).json())
    for bad in ({"html": "x", "text": "y"}, {"text": 3}, {"html": "x", "nope": 1}, {}):
        assert not validator("CheckRequest").is_valid(bad), bad
        assert service.post("/v1/check", bad).status == 422, bad


def test_review_page_and_its_files_are_served(service: Server) -> None:
    page = service.get("/", auth=False)
    assert page.status == 200 and page.headers["content-type"].startswith("text/html")
    assert b'src="/static/review.js"' in page.body
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["x-frame-options"] == "DENY"  # no framing by other sites
    js = service.get("/static/review.js", auth=False)
    assert js.status == 200 and js.headers["content-type"].startswith("text/javascript")
    assert service.get("/static/../app.py", auth=False).status == 404
    assert service.get("/static/secret.py", auth=False).status == 404
