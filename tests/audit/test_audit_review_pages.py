"""The audit page links each draft it lists to its own review page, written beside it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from shared_paths import FIXTURES

from editcheck.audit.page import path_html

DRAFTS = FIXTURES / "audit" / "drafts"


def test_each_listed_draft_links_its_review_page(tmp_path: Path) -> None:
    out = tmp_path / "audit-out"
    done = subprocess.run(
        [sys.executable, "-m", "editcheck", "audit", str(DRAFTS), "--out", str(out), "-j", "1"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    summary = json.loads((out / "audit.json").read_text(encoding="utf-8"))
    page = (out / "audit.html").read_text(encoding="utf-8")
    listed = summary["worst_drafts"]
    assert listed
    for entry in listed:
        review = out / entry["review"]
        assert review.is_file(), entry
        assert f'href="{entry["review"]}"' in page
        shown = review.read_text(encoding="utf-8")
        data = re.search(r'id="editcheck-data">(.*?)</script>', shown, re.S)
        assert data is not None
        draft = json.loads(data.group(1))["drafts"][0]
        assert draft["source"] == entry["source"]
        assert draft["content"] == Path(entry["source"]).read_text(encoding="utf-8")


def test_paths_wrap_between_folders_never_inside_a_name() -> None:
    shown = path_html("archive/2024/ice-shooting-<draft>.html")
    assert shown == (
        '<span class="seg">archive</span>/<wbr><span class="seg">2024</span>/<wbr>'
        '<span class="seg">ice-shooting-&lt;draft&gt;.html</span>'
    )
    from editcheck.audit.page import _CSS

    assert ".seg{white-space:nowrap}" in _CSS and "break-all" not in _CSS
