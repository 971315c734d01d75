"""One self-contained HTML file showing each draft with its annotations highlighted.

The same view as the service's review page (the same script and style, inlined: the
verdict banner, the document panel, the highlighted draft, the filtered list), with
the reports and the drafts' text embedded as JSON: the file opens from disk with no
server and makes no network request (a Content-Security-Policy forbids any, including
images inside the drafts). Each draft's text comes with its report (the format asks the
run to keep it), decoded as the check read it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from html import escape
from importlib import resources
from typing import Any

from editcheck.annotations import Report
from editcheck.formats.base import RenderContext

_CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data:; base-uri 'none'; form-action 'none'"
)


def _static(name: str) -> str:
    return (resources.files("editcheck.service") / "static" / name).read_text(encoding="utf-8")


def embed_json(data: Any) -> str:
    """JSON safe inside a <script> element (no '</script>', no '<!--')."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_html(reports: Sequence[Report], context: RenderContext) -> str:
    """The whole page for ``reports``."""
    drafts = []
    for report in reports:
        note = "" if report.content is not None else "the draft's text was not kept"
        drafts.append(
            {
                "source": report.source,
                "content": report.content,
                "note": note,
                "report": report.to_dict(),
                "verdict": context.verdict(report),
                "fail_on": context.fail_on.value if context.fail_on else "never",
            }
        )
    shown = {a.rule for r in reports for a in r.annotations}
    rules = {
        rid: {
            "id": r.id,
            "summary": r.summary,
            "doc": r.doc,
            "severity": r.severity.value,
            "scope": r.scope,
        }
        for rid, r in sorted(context.rules.items())
        if rid in shown
    }
    total = sum(len(r.annotations) for r in reports)
    title = (
        f"editcheck: {len(reports)} draft{'s' if len(reports) != 1 else ''}, "
        f"{total} annotation{'s' if total != 1 else ''}"
    )
    return _PAGE.format(
        csp=_CSP,
        title=escape(title),
        css=_static("review.css"),
        data=embed_json({"drafts": drafts, "rules": rules}),
        js=_static("review.js"),
    )


_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="icon" href="data:,">
<style>
{css}
</style>
</head>
<body>
<header class="ec-top"><h1>editcheck</h1><span class="ec-sub">{title}</span></header>
<nav class="ec-drafts" id="ec-drafts" aria-label="drafts"></nav>
<p id="ec-status" class="ec-status ec-review" role="status"></p>
<main id="ec-review" class="ec-review" hidden></main>
<script type="application/json" id="editcheck-data">{data}</script>
<script>
{js}
</script>
</body>
</html>
"""
