"""SARIF 2.1.0: valid against the published schema, regions that point at the flagged text."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

import jsonschema

from editcheck.annotations import CheckFailure, Report
from editcheck.formats.base import RenderContext
from editcheck.formats.sarif import render_sarif

from .formatkit import DATA


def sarif_schema() -> dict:  # type: ignore[type-arg]
    return json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def test_sarif_is_valid_against_the_published_schema(
    reports: list[Report], context: RenderContext
) -> None:
    log = json.loads(render_sarif(reports, context))
    jsonschema.Draft4Validator(sarif_schema()).validate(log)
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    assert len(run["results"]) == sum(len(r.annotations) for r in reports)
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["invocations"][0]["executionSuccessful"] is True


def test_regions_point_at_the_flagged_text_in_the_file(
    reports: list[Report], context: RenderContext
) -> None:
    results = json.loads(render_sarif(reports, context))["runs"][0]["results"]
    by_uri: dict[str, list[str]] = {}
    exact_hits = 0
    for res, a in zip(results, [a for r in reports for a in r.annotations], strict=True):
        loc = res["locations"][0]["physicalLocation"]
        region = loc["region"]
        assert region["snippet"]["text"] == a.text
        uri = loc["artifactLocation"]["uri"]
        assert uri.startswith("file:///")  # the drafts were named by absolute paths
        lines = by_uri.setdefault(
            uri, Path(url2pathname(urlparse(uri).path)).read_text(encoding="utf-8").split("\n")
        )
        line = lines[region["startLine"] - 1]
        if region["endLine"] == region["startLine"] and a.quote.exact:
            found = line[region["startColumn"] - 1 : region["endColumn"] - 1]
            if found == a.quote.exact:
                exact_hits += 1
            else:  # markup or entities inside: the source range reads as the text
                shown = html.unescape(re.sub(r"<[^>]*>", "", found))
                assert " ".join(shown.split()) == " ".join(a.quote.exact.split())
                exact_hits += 1
    assert exact_hits >= len(results) - 3


def test_rules_levels_and_fingerprints(reports: list[Report], context: RenderContext) -> None:
    run = json.loads(render_sarif(reports, context))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        assert res["level"] in {"error", "warning", "note"}
        assert len(res["partialFingerprints"]["editcheck/v1"]) == 16
    by_id = {r["id"]: r for r in rules}
    assert by_id["core/stray-timestamp"]["shortDescription"]["text"]
    assert by_id["svc/zz-span"]["properties"]["category"] == "unsourced-statistic"
    levels = {res["ruleId"]: res["level"] for res in run["results"]}
    assert levels["svc/zz-span"] == "error" and levels["svc/zz-word"] == "warning"


def test_relative_paths_stay_relative_uri_references(context: RenderContext) -> None:
    report = Report(source="drafts/my story.txt", media_type="text/plain", annotations=())
    run = json.loads(render_sarif([report], context))["runs"][0]
    assert run["artifacts"][0]["location"]["uri"] == "drafts/my%20story.txt"


def test_failed_checks_become_notifications(context: RenderContext) -> None:
    report = Report(
        source="draft.txt",
        media_type="text/plain",
        annotations=(),
        errors=(CheckFailure("acme.slow", "stopped after 1 s", "timeout"),),
    )
    log = json.loads(render_sarif([report], context))
    jsonschema.Draft4Validator(sarif_schema()).validate(log)
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert "acme.slow" in invocation["toolExecutionNotifications"][0]["message"]["text"]
