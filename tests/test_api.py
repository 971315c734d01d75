"""The Python API a CMS calls, the public names it may rely on, and the report schema."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import jsonschema
import pytest

import editcheck
from editcheck.annotations import report_schema


def test_public_names_are_sorted_and_importable() -> None:
    assert editcheck.__all__ == sorted(editcheck.__all__)
    for name in editcheck.__all__:
        assert getattr(editcheck, name) is not None


def test_check_html_text_and_path_give_reports(tmp_path: Path, seed_html: Path) -> None:
    html = seed_html.read_text(encoding="utf-8")
    from_html = editcheck.check_html(html, config={})
    from_path = editcheck.check_path(seed_html, config={})
    assert from_html.media_type == from_path.media_type == "text/html"
    assert [a.to_dict() for a in from_html.annotations] == [
        a.to_dict() for a in from_path.annotations
    ]
    assert from_path.source == str(seed_html)
    text = editcheck.check_text("One line.\nTwo line.\n", config={})
    assert text.media_type == "text/plain" and text.errors == ()


def test_config_may_be_a_mapping_and_select_narrows(seed_html: Path) -> None:
    report = editcheck.check_path(
        seed_html,
        config={
            "select": ["core/long-sentence"],
            "rules": {"core/long-sentence": {"max-words": 10}},
        },
    )
    assert report.annotations and {a.rule for a in report.annotations} == {"core/long-sentence"}


def test_input_over_the_limit_is_refused() -> None:
    with pytest.raises(editcheck.InputTooLarge):
        editcheck.check_text("x" * 200, config={"max-bytes": 100})


@pytest.mark.parametrize("name", ["seed_html", "seed_txt"])
def test_reports_validate_against_the_shipped_schema(
    name: str, request: pytest.FixtureRequest
) -> None:
    path = request.getfixturevalue(name)
    data = editcheck.check_path(path, config={}).to_dict()
    jsonschema.validate(data, report_schema())
    assert data["schema"] == "editcheck/report@1"
    assert json.loads(json.dumps(data)) == data  # plain JSON, nothing exotic


def test_schema_rejects_a_report_missing_positions() -> None:
    data = editcheck.check_text(
        "A sentence that is long enough to flag.",
        config={
            "select": ["core/long-sentence"],
            "rules": {"core/long-sentence": {"max-words": 2}},
        },
    ).to_dict()
    del data["annotations"][0]["block"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, report_schema())


def test_readability_works_with_the_network_off(tmp_path: Path) -> None:
    """textstat must not try to download anything: run it cold with sockets disabled."""
    script = textwrap.dedent("""
        import socket
        def refuse(*args, **kwargs):
            raise OSError("network disabled for this test")
        socket.socket.connect = refuse
        socket.create_connection = refuse
        import editcheck
        text = " ".join(["The council approved the budget after a long debate."] * 30)
        report = editcheck.check_text(text, config={"select": ["category:readability"]})
        assert not report.errors, report.errors
        print(report.stats["flesch_reading_ease"], report.stats["flesch_kincaid_grade"])
    """)
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path, timeout=120
    )
    assert result.returncode == 0, result.stderr
    ease, grade = map(float, result.stdout.split())
    assert 40 < ease < 100 and 0 < grade < 12
