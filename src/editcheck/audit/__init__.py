"""Archive audits: many drafts' reports folded into one summary, as JSON and an HTML page.

``editcheck audit PATH... --out DIR`` streams check outcomes (``editcheck.run.batch``) into an
:class:`ArchiveAudit`, which keeps counters, not reports, so memory stays flat over an
archive of any size; :func:`write_audit` then writes ``audit.json`` and ``audit.html``.
``editcheck audit --reports`` audits reports already written (:func:`read_reports`).

    from editcheck.audit import ArchiveAudit, write_audit
    audit = ArchiveAudit()
    for outcome in outcomes:
        audit.add(outcome)
    write_audit(audit.summary(), Path("audit-out"))
"""

from editcheck.audit.output import HTML_NAME, JSON_NAME, write_audit
from editcheck.audit.page import render_page
from editcheck.audit.recurring import RecurringPassages, passage_key
from editcheck.audit.reports import ReadReport, read_reports
from editcheck.audit.tally import WEIGHTS, ArchiveAudit, ReportFacts

__all__ = [
    "HTML_NAME",
    "JSON_NAME",
    "WEIGHTS",
    "ArchiveAudit",
    "ReadReport",
    "RecurringPassages",
    "ReportFacts",
    "passage_key",
    "read_reports",
    "render_page",
    "write_audit",
]
