"""The audit as one self-contained HTML page: inline CSS and SVG, no scripts, no fetches.

A standards desk opens it from a shared drive or an e-mail attachment, often offline, so
nothing on the page may load from elsewhere. Every string from the archive (sources,
passages, messages) is escaped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import Any

from editcheck.audit.svg import COLOURS, bar_chart

_CSS = """
body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;
color:#101828}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2.2rem;border-bottom:1px solid #d0d5dd}
.cards{display:flex;flex-wrap:wrap;gap:.8rem}.card{border:1px solid #d0d5dd;border-radius:6px;
padding:.5rem .9rem;min-width:8rem}.card b{display:block;font-size:1.4rem}
table{border-collapse:collapse;width:100%;font-size:14px}th,td{text-align:left;
padding:.3rem .5rem;border-bottom:1px solid #eaecf0;vertical-align:top}td.n,th.n{text-align:right}
svg text{font:12px system-ui,sans-serif;fill:#101828}.empty,.note{color:#667085}
.warn{background:#fffaeb;border:1px solid #fec84b;padding:.5rem .9rem;border-radius:6px}
code{font-size:13px;word-break:normal;overflow-wrap:normal}.seg{white-space:nowrap}
a code{color:inherit}
"""


def render_page(summary: dict[str, Any], inputs: Sequence[str] = ()) -> str:
    """The whole page for an audit ``summary`` (as made by ``ArchiveAudit.summary``)."""
    sections = [
        _header(summary, inputs),
        _charts(summary),
        _rules_table(summary["by_rule"]),
        _dismissals(summary.get("dismissals")),
        _worst(summary["worst_drafts"]),
        *(_recurring(cat, rows) for cat, rows in summary["recurring"].items()),
        _sources(summary.get("sources")),
        _failures(summary["check_failures"]),
        _unreadable(summary),
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>editcheck archive audit</title><style>{_CSS}</style></head><body>"
        + "".join(sections)
        + "</body></html>\n"
    )


def _header(summary: dict[str, Any], inputs: Sequence[str]) -> str:
    t = summary["totals"]
    cards = [
        ("drafts", t["drafts"]),
        ("checked", t["checked"]),
        ("unreadable", t["unreadable"]),
        ("with findings", t["with_findings"]),
        ("annotations", t["annotations"]),
        ("words", t["words"]),
        ("partial (timeouts)", t["partial"]),
    ]
    body = "".join(f'<div class="card"><b>{v:,}</b>{escape(k)}</div>' for k, v in cards)
    note = (
        '<p class="warn">The run was interrupted: these counts cover only the drafts '
        "checked before it stopped.</p>"
        if summary["interrupted"]
        else ""
    )
    where = ", ".join(f"<code>{path_html(p)}</code>" for p in inputs[:10])
    more = f" and {len(inputs) - 10:,} more" if len(inputs) > 10 else ""
    rate = t["drafts_per_second"]
    return (
        f'<h1>Archive audit</h1>{note}<p class="note">{where}{more} · editcheck '
        f"{escape(summary['editcheck_version'])} · {escape(summary['generated'])} · "
        f"{t['seconds']:,} s{f', {rate:,} drafts/s' if rate else ''}</p>"
        f'<div class="cards">{body}</div>'
    )


def _charts(summary: dict[str, Any]) -> str:
    severity = [(s, n) for s, n in summary["by_severity"].items()]
    category = list(summary["by_category"].items())
    rules = [(r["rule"], r["annotations"]) for r in summary["by_rule"][:20]]
    histogram = [(h["label"], h["drafts"]) for h in summary["annotations_per_draft"]]
    return (
        "<h2>Annotations by severity</h2>"
        + bar_chart(severity, title="by severity", colours=COLOURS)
        + "<h2>Annotations by category</h2>"
        + bar_chart(category, title="by category")
        + "<h2>Annotations by rule (top 20)</h2>"
        + bar_chart(rules, title="by rule")
        + "<h2>Drafts by number of annotations</h2>"
        + bar_chart(histogram, title="drafts by annotations per draft")
    )


def _table(head: Iterable[tuple[str, bool]], rows: Iterable[Iterable[Any]]) -> str:
    numeric = [n for _, n in head]
    th = "".join(f"<th{' class=n' if n else ''}>{escape(h)}</th>" for h, n in head)
    body = []
    for row in rows:
        cells = "".join(_cell(v, num) for v, num in zip(row, numeric, strict=True))
        body.append(f"<tr>{cells}</tr>")
    if not body:
        return '<p class="empty">None.</p>'
    return f"<table><thead><tr>{th}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _cell(value: Any, numeric: bool) -> str:
    if numeric and isinstance(value, (int, float)):
        return f'<td class="n">{value:,}</td>'
    if isinstance(value, _Raw):
        return f"<td>{value}</td>"
    return f"<td>{escape('–' if value is None else str(value))}</td>"


class _Raw(str):
    """Markup this module built itself (already escaped)."""


def _rules_table(rules: list[dict[str, Any]]) -> str:
    head = [
        ("rule", False),
        ("category", False),
        ("annotations", True),
        ("drafts", True),
        ("error", True),
        ("warning", True),
        ("info", True),
    ]
    rows = (
        [
            r["rule"],
            r["category"],
            r["annotations"],
            r["drafts"],
            *(r["by_severity"][s] for s in ("error", "warning", "info")),
        ]
        for r in rules
    )
    return "<h2>Rules</h2>" + _table(head, rows)


def _dismissals(dismissals: dict[str, Any] | None) -> str:
    """Which rules editors overrule on the desk: dismissed findings of those shown."""
    if dismissals is None:
        return ""
    head = [
        ("rule", False),
        ("shown", True),
        ("dismissed", True),
        ("rate", False),
        ("commonest reasons", False),
    ]
    rows = (
        [
            r["rule"],
            r["shown"],
            r["dismissed"],
            f"{r['rate']:.0%}",
            "; ".join(f"{x['reason']} ({x['count']})" for x in r["reasons"]) or None,
        ]
        for r in dismissals["by_rule"]
    )
    note = (
        f'<p class="note">{dismissals["dismissed"]:,} of {dismissals["shown"]:,} findings '
        f"shown on the desk were dismissed (<code>{escape(dismissals['database'])}</code>)</p>"
    )
    return f"<h2>Dismissals by editors</h2>{note}{_table(head, rows)}"


def _worst(worst: list[dict[str, Any]]) -> str:
    head = [
        ("draft", False),
        ("words", True),
        ("annotations", True),
        ("weighted", True),
        ("per 1,000 words", True),
        ("by category", False),
    ]
    rows = (
        [
            _Raw(_draft_cell(w)),
            w["words"],
            w["annotations"],
            w["weighted"],
            w["per_1000_words"],
            ", ".join(f"{c} {n}" for c, n in w["by_category"].items()),
        ]
        for w in worst
    )
    return (
        '<h2>Worst drafts</h2><p class="note">By weighted severity (error 3, warning 2, '
        "info 1) per 1,000 words; drafts under 100 words count as 100.</p>" + _table(head, rows)
    )


def path_html(path: str) -> str:
    """A path escaped, with a break opportunity after each separator: a long path wraps
    between its folders, never inside a name."""
    return "/<wbr>".join(f'<span class="seg">{escape(part)}</span>' for part in path.split("/"))


def _draft_cell(entry: dict[str, Any]) -> str:
    """The draft's path, linked to its review page when one was written beside the audit."""
    shown = f"<code>{path_html(str(entry['source']))}</code>"
    review = entry.get("review")
    if not review:
        return shown
    return f'<a href="{escape(str(review))}">{shown}</a>'


def _recurring(category: str, rows: list[dict[str, Any]]) -> str:
    head = [("passage", False), ("drafts", True), ("rules", False), ("fingerprint", False)]
    table = _table(
        head,
        (
            [
                r["text"],
                r["drafts"],
                ", ".join(r["rules"]),
                _Raw(f"<code>{escape(r['fingerprint'])}</code>"),
            ]
            for r in rows
        ),
    )
    return (
        f'<h2>Recurring {escape(category)}</h2><p class="note">Flagged passages found in '
        "two or more drafts, near-duplicates folded together.</p>" + table
    )


def _failures(failures: list[dict[str, Any]]) -> str:
    head = [
        ("check", False),
        ("kind", False),
        ("drafts", True),
        ("first message", False),
        ("examples", False),
    ]
    rows = (
        [f["check"], f["kind"], f["count"], f["message"], ", ".join(f["examples"])]
        for f in failures
    )
    return "<h2>Check failures and timeouts</h2>" + _table(head, rows)


def _sources(sources: dict[str, Any] | None) -> str:
    """Who the archive quotes: sources by kind, the named and anonymous shares."""
    if not sources or not sources.get("sources"):
        return ""
    rows = [
        (kind, c.get("sources", 0), c.get("quotes", 0), c.get("figures", 0), c.get("claims", 0))
        for kind, c in sources["by_kind"].items()
    ]
    head = [
        ("kind", False),
        ("sources", True),
        ("quotes", True),
        ("figures", True),
        ("claims", True),
    ]
    share = sources.get("named_share")
    anon = sources.get("anonymous_share")
    note = (
        f'<p class="note">{sources["sources"]:,} sources in {sources["drafts_with_sources"]:,} '
        f"drafts · named {share:.0%} · anonymous {anon:.0%} · "
        f"{sources['quotes_per_story']} quotes per story</p>"
        if share is not None and anon is not None
        else ""
    )
    return f"<h2>Sources</h2>{note}{_table(head, rows)}"


def _unreadable(summary: dict[str, Any]) -> str:
    listed = summary["unreadable"]
    total = summary["totals"]["unreadable"]
    more = (
        f'<p class="note">First {len(listed):,} of {total:,} shown.</p>'
        if total > len(listed)
        else ""
    )
    rows = ([_Raw(f"<code>{path_html(u['source'])}</code>"), u["error"]] for u in listed)
    return "<h2>Unreadable inputs</h2>" + _table([("input", False), ("reason", False)], rows) + more
