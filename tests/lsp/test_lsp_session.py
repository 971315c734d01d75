"""``editcheck lsp`` spoken to as an editor would: a subprocess, JSON-RPC on its pipes.

initialize, didOpen, didChange (incremental), codeAction, didClose, shutdown and exit;
what is checked is what ``editcheck check`` finds in the same draft, at the same places.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest
from lsp_probes import PROBE, STUCK, plugin_folder

from editcheck.api import Checker

ROOT = Path(__file__).resolve().parents[2]
DRAFT = (
    "<h1>Council budget</h1>\n"
    "<p>The council will utilise the funds, officials stated on Monday.</p>\n"
    "<p>Critics say the plan is reportedly doomed.</p>\n"
)


def text_at(source: str, rng: dict[str, Any]) -> str:
    """The text a range covers in an ASCII source (line/character are code points)."""
    lines = source.split("\n")
    start, end = rng["start"], rng["end"]
    assert start["line"] == end["line"], rng
    return lines[start["line"]][start["character"] : end["character"]]


def findings(diagnostics: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [d for d in diagnostics if "/" in d.get("code", "")]


def test_initialize_offers_incremental_sync_quick_fixes_and_utf16(start: Any) -> None:
    client = start()
    capabilities = client.capabilities["capabilities"]
    assert capabilities["textDocumentSync"]["change"] == 2  # incremental
    assert capabilities["textDocumentSync"]["openClose"] is True
    assert capabilities["codeActionProvider"]["codeActionKinds"] == ["quickfix"]
    assert capabilities["positionEncoding"] == "utf-16"
    assert client.capabilities["serverInfo"]["name"] == "editcheck"
    assert client.close() == 0


def test_html_findings_are_the_checks_findings_at_their_source_text(
    start: Any, tmp_path: Path
) -> None:
    path = tmp_path / "budget.html"
    path.write_text(DRAFT, "utf-8")
    expected = Checker().check_path(path)
    client = start()
    client.open(path.as_uri(), DRAFT, "html")
    got = findings(client.diagnostics(path.as_uri(), 1))
    assert len(got) == len(expected.annotations) >= 3
    for diagnostic, a in zip(got, expected.annotations, strict=True):
        assert diagnostic["code"] == a.rule and diagnostic["source"] == "editcheck"
        assert text_at(DRAFT, diagnostic["range"]) == a.text
        assert diagnostic["range"]["start"]["line"] == a.source.line - 1  # type: ignore[union-attr]
        assert diagnostic["message"].startswith(a.message)
        assert diagnostic["severity"] == {"error": 1, "warning": 2, "info": 3}[a.severity.value]
    assert client.close() == 0


def test_an_incremental_change_is_rechecked_with_its_version(start: Any, tmp_path: Path) -> None:
    uri = (tmp_path / "budget.html").as_uri()
    client = start()
    client.open(uri, DRAFT, "html")
    before = findings(client.diagnostics(uri, 1))
    # Type a sentence with an unsourced figure at the start of the second paragraph.
    added = "More than 300 people came. "
    at = {"line": 1, "character": 3}
    client.change(uri, 2, [{"range": {"start": at, "end": at}, "text": added}])
    after = findings(client.diagnostics(uri, 2))
    edited = DRAFT.replace("<p>The council", f"<p>{added}The council", 1)
    texts = [text_at(edited, d["range"]) for d in after]
    assert "More than 300 people" in texts
    assert len(after) == len(before) + 1
    moved = [
        d
        for d in after
        if d["range"]["start"]["line"] == 1 and d["code"] != "core/unsourced-statistic"
    ]
    assert moved and all(d["range"]["start"]["character"] >= 3 + len(added) for d in moved)
    # A full-text change is read too.
    client.change(uri, 3, [{"text": "<p>Nothing to see in this calm sentence.</p>\n"}])
    assert findings(client.diagnostics(uri, 3)) == []
    assert client.close() == 0


def test_a_house_style_suggestion_is_a_quick_fix_that_clears_the_finding(
    start: Any, tmp_path: Path
) -> None:
    plugins = plugin_folder(tmp_path, "probe", PROBE)
    client = start("--plugins-dir", str(plugins), "--select", "probe/banana")
    uri = (tmp_path / "fruit.html").as_uri()
    source = "<p>The market sold a banana &amp; a pear on Monday.</p>\n"
    client.open(uri, source, "html")
    (diagnostic,) = client.diagnostics(uri, 1)
    assert diagnostic["code"] == "probe/banana" and text_at(source, diagnostic["range"]) == "banana"
    whole_line = {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 5}}
    assert _actions(client, uri, whole_line) == []  # nothing under the cursor there
    (action,) = _actions(client, uri, diagnostic["range"])
    assert action["kind"] == "quickfix" and "plantain" in action["title"]
    (change,) = action["edit"]["documentChanges"]
    assert change["textDocument"] == {"uri": uri, "version": 1}
    (edit,) = change["edits"]
    assert edit == {"range": diagnostic["range"], "newText": "plantain"}
    client.change(uri, 2, [{"range": edit["range"], "text": edit["newText"]}])
    assert client.diagnostics(uri, 2) == []
    assert client.close() == 0


def test_a_fix_is_not_offered_for_a_version_it_was_not_computed_for(
    start: Any, tmp_path: Path
) -> None:
    plugins = plugin_folder(tmp_path, "stuck", STUCK.replace("time.sleep(8)", "time.sleep(2)"))
    probe = plugin_folder(tmp_path, "probe", PROBE)
    assert plugins == probe
    client = start("--plugins-dir", str(plugins))
    uri = (tmp_path / "fruit.txt").as_uri()
    client.open(uri, "A banana.\n", "plaintext")
    (diagnostic,) = findings(client.diagnostics(uri, 1))
    # Version 2 takes two seconds to check; until it is published, version 1's fix is stale.
    client.change(uri, 2, [{"text": "A banana. Then sleep.\n"}])
    assert _actions(client, uri, diagnostic["range"]) == []
    client.diagnostics(uri, 2)
    assert len(_actions(client, uri, diagnostic["range"])) == 1
    assert client.close() == 0


def _actions(client: Any, uri: str, rng: dict[str, Any]) -> list[dict[str, Any]]:
    params = {"textDocument": {"uri": uri}, "range": rng, "context": {"diagnostics": []}}
    return list(client.request("textDocument/codeAction", params) or [])


DRAFT_WITH_EMOJI = "Fans cheered 😀😀 as critics say the plan is reportedly doomed.\n"


@pytest.mark.parametrize(
    ("offered", "agreed", "width"), [(None, "utf-16", 2), (["utf-32"], "utf-32", 1)]
)
def test_positions_are_counted_in_the_agreed_encoding(
    start: Any, tmp_path: Path, offered: list[str] | None, agreed: str, width: int
) -> None:
    general = {"general": {"positionEncodings": offered}} if offered else {}
    client = start(**general)
    assert client.capabilities["capabilities"]["positionEncoding"] == agreed
    path = tmp_path / "fans.txt"
    path.write_text(DRAFT_WITH_EMOJI, "utf-8")
    client.open(path.as_uri(), DRAFT_WITH_EMOJI, "plaintext")
    starts = sorted(
        d["range"]["start"]["character"]
        for d in findings(client.diagnostics(path.as_uri(), 1))
        if d["code"] == "core/unattributed-claim"
    )
    # two emoji before the word: two code points, four UTF-16 units
    codepoint = DRAFT_WITH_EMOJI.index("reportedly")
    assert codepoint + 2 * (width - 1) in starts, starts
    assert codepoint + 2 * (2 - width) not in starts, starts
    if agreed == "utf-16":  # the report's own UTF-16 offsets say the same
        (a,) = [a for a in Checker().check_path(path).annotations if a.text == "reportedly"]
        assert a.utf16 is not None and a.utf16.column - 1 in starts
    assert client.close() == 0


def test_a_crash_a_budget_and_a_printing_plugin_are_shown_never_silent(
    start: Any, tmp_path: Path
) -> None:
    probe = plugin_folder(tmp_path, "probe", PROBE)
    stuck = plugin_folder(tmp_path, "stuck", STUCK)
    assert probe == stuck
    client = start("--plugins-dir", str(probe), "--time-budget", "0.5")
    uri = (tmp_path / "draft.txt").as_uri()
    client.open(uri, "A banana. Then a crash.\n", "plaintext")
    diagnostics = client.diagnostics(uri, 1)
    (crash,) = [d for d in diagnostics if d["code"] == "probe.crash"]
    assert crash["message"] == (
        "editcheck did not finish: probe.crash: ZeroDivisionError: the probe fell over"
    )
    assert crash["severity"] == 1 and crash["range"]["start"] == {"line": 0, "character": 0}
    assert [d["code"] for d in findings(diagnostics)] == ["probe/banana"]  # the rest still ran
    assert "noise" in client.log()  # probe.loud's print went to stderr, not the protocol
    client.change(uri, 2, [{"text": "A banana. Now spin.\n"}])
    (spin,) = [d for d in client.diagnostics(uri, 2) if d["code"] == "stuck.spin"]
    assert spin["message"].startswith("editcheck did not finish: stuck.spin: stopped after")
    assert client.close() == 0


def test_a_check_stuck_in_c_code_is_an_error_not_the_last_result(
    start: Any, tmp_path: Path
) -> None:
    stuck = plugin_folder(tmp_path, "stuck", STUCK)
    client = start("--plugins-dir", str(stuck), "--time-budget", "0.5")
    uri = (tmp_path / "draft.txt").as_uri()
    client.open(uri, "Critics say it is reportedly doomed.\n", "plaintext")
    assert findings(client.diagnostics(uri, 1))
    client.change(uri, 2, [{"text": "Critics say it is reportedly doomed. Then sleep.\n"}])
    (only,) = client.diagnostics(uri, 2)
    assert only["severity"] == 1
    assert only["message"].startswith("editcheck did not finish: still checking after 1.5 s")
    # another draft queued behind the stuck check is told so too, not left without a word
    other = (tmp_path / "other.txt").as_uri()
    client.open(other, "Critics say it is reportedly doomed.\n", "plaintext")
    (behind,) = client.diagnostics(other, 1)
    assert behind["message"].startswith(
        "editcheck did not finish: waiting behind a check still running after 1.5 s"
    )
    assert client.close() == 0  # the stuck thread does not hold the server up


def test_a_bad_config_is_an_error_on_every_draft(start: Any, tmp_path: Path) -> None:
    client = start("--config", str(tmp_path / "missing.toml"))
    uri = (tmp_path / "draft.txt").as_uri()
    client.open(uri, "Critics say it is doomed.\n", "plaintext")
    (only,) = client.diagnostics(uri, 1)
    assert only["severity"] == 1
    assert only["message"].startswith("editcheck did not check this draft: ")
    assert "missing.toml" in only["message"]
    assert client.close() == 0


def test_the_workspace_config_is_found_from_the_root(start: Any, tmp_path: Path) -> None:
    (tmp_path / "editcheck.toml").write_text('select = ["core/unsourced-statistic"]\n')
    client = start()
    uri = (tmp_path / "draft.txt").as_uri()
    client.open(uri, "Critics say more than 300 people came.\n", "plaintext")
    assert [d["code"] for d in client.diagnostics(uri, 1)] == ["core/unsourced-statistic"]
    assert client.close() == 0


def test_other_languages_are_left_alone_and_closing_clears(start: Any, tmp_path: Path) -> None:
    client = start()
    code, draft = (tmp_path / "tool.py").as_uri(), (tmp_path / "draft.txt").as_uri()
    client.open(code, "# Critics say it is reportedly doomed.\n", "python")
    client.open(draft, "Critics say it is reportedly doomed.\n", "plaintext")
    assert findings(client.diagnostics(draft, 1))
    published = [n["params"]["uri"] for n in client.notifications if "params" in n and n["params"]]
    assert code not in published
    seen = len(client.notifications)
    client.notify("textDocument/didClose", {"textDocument": {"uri": draft}})
    assert client.diagnostics(draft, after=seen) == []
    assert client.close() == 0


def _markdown_reader() -> bool:
    try:
        return importlib.util.find_spec("editcheck.document.markdown") is not None
    except ImportError:
        return False


@pytest.mark.skipif(
    not _markdown_reader(), reason="the Markdown reader (editcheck.document.markdown) is not here"
)
def test_markdown_findings_point_into_the_markdown_source(start: Any) -> None:
    fixtures = ROOT / "fixtures" / "markdown"
    expected = json.loads((fixtures / "expected.json").read_text("utf-8"))
    client = start()
    for name in ("code.md", "front-matter-yaml.md", "headings.md"):
        path = fixtures / name
        source = path.read_text("utf-8")
        client.open(path.as_uri(), source, "markdown")
        got = findings(client.diagnostics(path.as_uri(), 1))
        at = {
            (d["code"], d["range"]["start"]["line"] + 1, d["range"]["start"]["character"] + 1)
            for d in got
        }
        for flag in expected[name]["flag"]:
            assert (flag["rule"], flag["line"], flag["col"]) in at, (name, flag, sorted(at))
        for trap in expected[name]["pass"]:
            starts = {(line, col) for _, line, col in at}
            assert (trap["line"], trap["col"]) not in starts, (name, trap)
        report = Checker().check_path(path)
        assert report.media_type == "text/markdown"
        assert len(got) == len(report.annotations)
    assert client.close() == 0
