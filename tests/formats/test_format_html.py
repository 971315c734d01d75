"""The self-contained HTML report: everything inline, drafts embedded safely."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from editcheck.annotations import Report
from editcheck.api import Checker
from editcheck.cli import main
from editcheck.formats.base import RenderContext
from editcheck.formats.html import render_html

from .formatkit import DRAFTS, PLUGINS


def embedded(page: str) -> dict:  # type: ignore[type-arg]
    blob = page.split('<script type="application/json" id="editcheck-data">')[1]
    return json.loads(blob.split("</script>")[0])  # type: ignore[no-any-return]


def test_page_is_self_contained(reports: list[Report], context: RenderContext) -> None:
    page = render_html(reports, context)
    outside_data = page.split('id="editcheck-data">')[0] + page.split("</script>", 1)[1]
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", outside_data)
    assert '<link rel="stylesheet"' not in page and "<script src" not in page
    assert "default-src 'none'" in page
    assert "function resolveXPath" in page and ".ec-panes" in page
    data = embedded(page)
    assert [d["source"] for d in data["drafts"]] == [r.source for r in reports]
    for draft, path in zip(data["drafts"], DRAFTS, strict=True):
        assert draft["content"] == path.read_text(encoding="utf-8")
        assert draft["report"]["annotations"]
    assert data["rules"]["core/stray-timestamp"]["summary"]


def test_a_draft_cannot_break_out_of_the_data_block(
    tmp_path: Path, checker, context: RenderContext
) -> None:  # type: ignore[no-untyped-def]
    draft = tmp_path / "evil.html"
    draft.write_text("<p>zzword </script><script>alert(1)</script><!-- x --></p>", "utf-8")
    page = render_html([checker.check_path(draft)], context)
    assert page.count("</script>") == 2  # the data block and the page's own script
    assert embedded(page)["drafts"][0]["content"] == draft.read_text("utf-8")


def test_standard_input_is_shown_with_its_text(checker, context: RenderContext) -> None:  # type: ignore[no-untyped-def]
    report = checker.check_bytes(b"zzword here", source="<stdin>", media_type="text/plain")
    (draft,) = embedded(render_html([report], context))["drafts"]
    assert draft["content"] == "zzword here" and draft["note"] == ""


def test_a_report_without_its_text_says_so(context: RenderContext) -> None:
    report = Checker({}).check_text("zzword here", source="story.txt")
    (draft,) = embedded(render_html([report], context))["drafts"]
    assert draft["content"] is None and "not kept" in draft["note"]


def test_cli_writes_one_file_for_many_drafts(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(
        main,
        [
            "check",
            "--plugins-dir",
            str(PLUGINS),
            "--format",
            "html",
            "-o",
            str(out),
            *map(str, DRAFTS),
        ],
    )
    assert result.exit_code in (0, 1), result.output
    assert len(embedded(out.read_text("utf-8"))["drafts"]) == len(DRAFTS)
    for fmt in ("sarif", "github", "w3c"):
        run = CliRunner().invoke(main, ["check", "--format", fmt, str(DRAFTS[0])])
        assert run.exit_code in (0, 1) and run.output.strip(), fmt
