"""W3C Web Annotation: each selector selects the annotation's text in the draft."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html

from editcheck.annotations import Report
from editcheck.formats.base import RenderContext
from editcheck.formats.w3c import render_w3c


def test_collections_and_selectors_resolve_to_the_flagged_text(
    reports: list[Report], context: RenderContext
) -> None:
    collections = json.loads(render_w3c(reports, context))
    assert len(collections) == len(reports)
    ids = set()
    for coll, report in zip(collections, reports, strict=True):
        assert coll["@context"] == "http://www.w3.org/ns/anno.jsonld"
        assert coll["type"] == "AnnotationCollection"
        items = coll["first"]["items"]
        assert coll["total"] == len(items) == len(report.annotations)
        source = Path(report.source or "").read_text(encoding="utf-8")
        root = lxml.html.document_fromstring(source) if report.media_type == "text/html" else None
        for item, a in zip(items, report.annotations, strict=True):
            ids.add(item["id"])
            assert item["type"] == "Annotation" and item["target"]["source"].startswith("file:")
            selectors = {s["type"]: s for s in item["target"]["selector"]}
            quote, position = selectors["TextQuoteSelector"], selectors["TextPositionSelector"]
            assert quote["exact"] == a.quote.exact
            purposes = {b["purpose"]: b["value"] for b in item["body"]}
            assert purposes["commenting"] == a.message and purposes["classifying"] == a.rule
            if root is None:
                assert source[position["start"] : position["end"]] == quote["exact"]
                assert "XPathSelector" not in selectors
            else:
                xpath = selectors["XPathSelector"]
                (element,) = root.xpath(xpath["value"])
                refined = xpath["refinedBy"]
                assert element.text_content()[refined["start"] : refined["end"]] == quote["exact"]
    assert len(ids) == sum(len(r.annotations) for r in reports)
