"""W3C Web Annotation (JSON-LD): each report an AnnotationCollection of its annotations.

Each annotation targets the draft with alternative selectors for the same span: a
TextQuoteSelector (the flagged raw text with some context, to re-find it after edits), a
TextPositionSelector (code-point offsets into editcheck's document text; for a text draft
that is the file's text), and for HTML an XPathSelector for the block's element refined
by a TextPositionSelector over that element's textContent. The bodies hold the message
(commenting), the suggestion (editing), the rule id (classifying), the category (tagging)
and the severity (assessing).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from editcheck.annotations import Annotation, Report
from editcheck.formats.base import RenderContext
from editcheck.version import __version__

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
GENERATOR = {"id": "urn:editcheck", "type": "Software", "name": f"editcheck {__version__}"}


def render_w3c(reports: Sequence[Report], context: RenderContext) -> str:
    """A JSON array with one AnnotationCollection per report."""
    collections = [collection(r) for r in reports]
    return json.dumps(collections, ensure_ascii=False, indent=2) + "\n"


def collection(report: Report) -> dict[str, Any]:
    """The AnnotationCollection for one report."""
    source = _source_iri(report.source)
    items = [annotation(a, source) for a in report.annotations]
    return {
        "@context": CONTEXT,
        "type": "AnnotationCollection",
        "label": f"editcheck annotations for {report.source or 'standard input'}",
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def annotation(a: Annotation, source: str) -> dict[str, Any]:
    """One Web Annotation for one editcheck annotation."""
    selectors: list[dict[str, Any]] = [
        {
            "type": "TextQuoteSelector",
            "exact": a.quote.exact,
            "prefix": a.quote.prefix,
            "suffix": a.quote.suffix,
        },
        {"type": "TextPositionSelector", "start": a.start, "end": a.end},
    ]
    if a.block.xpath:
        selectors.append(
            {
                "type": "XPathSelector",
                "value": a.block.xpath,
                "refinedBy": {
                    "type": "TextPositionSelector",
                    "start": a.block.start,
                    "end": a.block.end,
                },
            }
        )
    body: list[dict[str, Any]] = [
        {
            "type": "TextualBody",
            "purpose": "commenting",
            "value": a.message,
            "format": "text/plain",
        },
        {"type": "TextualBody", "purpose": "classifying", "value": a.rule},
        {"type": "TextualBody", "purpose": "tagging", "value": a.category},
        {"type": "TextualBody", "purpose": "assessing", "value": a.severity.value},
    ]
    if a.suggestion:
        body.append({"type": "TextualBody", "purpose": "editing", "value": a.suggestion})
    return {
        "id": f"urn:editcheck:{_digest(source)}:{a.fingerprint}",
        "type": "Annotation",
        "motivation": "assessing",
        "body": body,
        "target": {"source": source, "selector": selectors},
        "generator": GENERATOR,
    }


def _source_iri(source: str | None) -> str:
    if not source or source.startswith("<"):
        return "urn:editcheck:stdin"
    return Path(source).resolve().as_uri()


def _digest(source: str) -> str:
    """A short stable tag of the draft, so ids stay unique across several reports."""
    return hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()[:10]
