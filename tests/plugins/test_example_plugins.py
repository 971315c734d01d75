"""Both example plugins, installed, seen by `editcheck plugins` and annotating a story."""

from __future__ import annotations

import json
from pathlib import Path

from plugin_support import editcheck, requires_example

import editcheck as api

STORY = """<article>
<h1>Bridge to reopen</h1>
<p>By Jane Doe</p>
<p>London (Reuters) - The council stated on Tuesday that the bridge will reopen.</p>
<p>Engineers found 3 cracks in the supports.</p>
</article>
"""


@requires_example("house-style")
@requires_example("datelines")
def test_examples_are_listed_by_the_cli() -> None:
    done = editcheck("plugins", "--json")
    assert done.returncode == 0, done.stderr
    plugins = {p["name"]: p for p in json.loads(done.stdout)["plugins"]}
    assert plugins["house-style"]["origin"] == "entry-point"
    assert "news/said" in plugins["house-style"]["rules"]
    assert plugins["datelines"]["rules"] == ["datelines/format", "datelines/missing"]
    assert plugins["datelines"]["version"] == "0.1.0"


@requires_example("house-style")
@requires_example("datelines")
def test_examples_annotate_a_story_through_the_cli(tmp_path: Path) -> None:
    story = tmp_path / "story.html"
    story.write_text(STORY, encoding="utf-8")
    done = editcheck(
        "check", "--select", "news,datelines", "-f", "json", "--fail-on", "warning", str(story)
    )
    assert done.returncode == 1, done.stderr  # warnings found
    (report,) = json.loads(done.stdout)
    found = [(a["rule"], a["text"]) for a in report["annotations"]]
    assert found == [
        ("datelines/format", "London (Reuters) - "),
        ("news/said", "stated"),
        ("news/numbers", "3"),
    ]
    dateline = report["annotations"][0]
    assert dateline["block"]["xpath"].endswith("/p[2]")
    assert dateline["suggestion"] == "LONDON (Reuters) — "


@requires_example("house-style")
@requires_example("datelines")
def test_examples_annotate_a_story_through_the_python_api() -> None:
    report = api.check_html(STORY, select=["news", "datelines"])
    assert [(a.rule, a.suggestion) for a in report.annotations] == [
        ("datelines/format", "LONDON (Reuters) — "),
        ("news/said", "said"),
        ("news/numbers", "three"),
    ]
    assert not report.errors
