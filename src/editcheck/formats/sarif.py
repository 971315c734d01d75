"""SARIF 2.1.0: the static-analysis interchange format code-scanning services read.

One run per invocation; each annotation is a result with a physical location whose region
has line/column (in code points, declared by ``columnKind``) and the flagged text as its
snippet, and ``partialFingerprints`` carry editcheck's fingerprint so a dismissed finding
stays dismissed across pushes. Checks that failed or timed out are tool notifications, and
make ``executionSuccessful`` false.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from editcheck.annotations import Annotation, Report
from editcheck.formats.base import RenderContext, source_span
from editcheck.version import __version__

if TYPE_CHECKING:
    from editcheck.checkapi import Rule

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def render_sarif(reports: Sequence[Report], context: RenderContext) -> str:
    """The whole SARIF log for ``reports`` as indented JSON."""
    rule_ids = sorted({a.rule for r in reports for a in r.annotations})
    index = {rid: i for i, rid in enumerate(rule_ids)}
    categories = {a.rule: a.category for r in reports for a in r.annotations}
    results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for report in reports:
        uri = _uri(report)
        results.extend(_result(a, index, uri) for a in report.annotations)
        notifications.extend(_notification(e.check, e.kind, e.message, uri) for e in report.errors)
    run = {
        "tool": {
            "driver": {
                "name": "editcheck",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [_rule(rid, categories[rid], context.rules.get(rid)) for rid in rule_ids],
            }
        },
        "columnKind": "unicodeCodePoints",
        "invocations": [
            {"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}
        ],
        "artifacts": [{"location": {"uri": _uri(r)}, "mimeType": r.media_type} for r in reports],
        "results": results,
    }
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _rule(rule_id: str, category: str, doc: Rule | None) -> dict[str, Any]:
    rule: dict[str, Any] = {
        "id": rule_id,
        "name": rule_id.split("/", 1)[1],
        "properties": {"category": category},
    }
    if doc and doc.summary:
        rule["shortDescription"] = {"text": doc.summary}
    if doc and doc.doc:
        rule["fullDescription"] = {"text": " ".join(doc.doc.split())}
    if doc:
        rule["defaultConfiguration"] = {"level": LEVELS[doc.severity.value]}
    return rule


def _uri(report: Report) -> str:
    """A URI reference: relative paths stay relative (code scanning resolves them against
    the checkout), absolute ones become ``file://`` URIs, standard input is ``stdin``."""
    source = report.source
    if not source or source.startswith("<"):
        return "stdin"
    path = Path(source)
    if path.is_absolute():
        return path.as_uri()
    return quote(path.as_posix())


def _result(a: Annotation, index: Mapping[str, int], uri: str) -> dict[str, Any]:
    r = source_span(a)
    message = a.message + (f" Suggestion: {a.suggestion}" if a.suggestion else "")
    result: dict[str, Any] = {
        "ruleId": a.rule,
        "ruleIndex": index[a.rule],
        "level": LEVELS[a.severity.value],
        "message": {"text": message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": uri},
                    "region": {
                        "startLine": r.line,
                        "startColumn": r.column,
                        "endLine": r.end_line,
                        "endColumn": r.end_column,
                        "snippet": {"text": a.text},
                    },
                },
                "logicalLocations": [{"fullyQualifiedName": a.block.xpath, "kind": "element"}]
                if a.block.xpath
                else [],
            }
        ],
        "partialFingerprints": {"editcheck/v1": a.fingerprint},
        "properties": {
            "category": a.category,
            "start": a.start,
            "end": a.end,
            "block": {
                "index": a.block.index,
                "xpath": a.block.xpath,
                "start": a.block.start,
                "end": a.block.end,
            },
        },
    }
    if not result["locations"][0]["logicalLocations"]:
        del result["locations"][0]["logicalLocations"]
    return result


def _notification(check: str, kind: str, message: str, uri: str) -> dict[str, Any]:
    return {
        "level": "error",
        "message": {"text": f"check {check} failed ({kind}): {message}"},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}],
        "properties": {"check": check, "kind": kind},
    }
