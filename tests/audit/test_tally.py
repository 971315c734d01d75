"""The audit's counters stay bounded however many drafts stream through them."""

from __future__ import annotations

import gc
import tracemalloc

from editcheck.audit import ArchiveAudit, ReportFacts


def word(i: int) -> str:
    """A word of its own for each number (figures alone would fold into one passage)."""
    return "".join("abcdefghij"[int(d)] for d in str(i))


def facts(i: int) -> ReportFacts:
    """A draft with its own boilerplate and residue passages, a failure and a timeout."""
    return ReportFacts(
        f"/archive/{i:06d}.html",
        300 + i % 700,
        i % 10 == 0,
        (
            (
                "core/promo-furniture",
                "repeated-boilerplate",
                "warning",
                f"Sign up for the {word(i)} bulletin from reporter {word(i * 7)} at the desk",
            ),
            ("core/interface-string", "page-residue", "warning", f"Share story {i}x{i}"),
            ("core/interface-string", "page-residue", "warning", "Share this article"),
            ("core/unattributed-claim", "unattributed-claim", "info", "Critics say"),
        ),
        (("slow.check", "timeout", "stopped after the 2 s time budget"),),
    )


def held_by_the_audit() -> int:
    """Bytes allocated by editcheck.audit's own code and still alive.

    (The boilerplate normaliser's word cache, which passage keys go through, is bounded
    separately, at 200,000 words.)
    """
    gc.collect()
    snapshot = tracemalloc.take_snapshot().filter_traces(
        [tracemalloc.Filter(True, "*/editcheck/audit/*")]
    )
    return sum(stat.size for stat in snapshot.statistics("filename"))


def test_memory_is_flat_over_a_long_stream() -> None:
    audit = ArchiveAudit(top=10, capacity=500)
    tracemalloc.start()
    for i in range(1500):  # fill every bounded structure first
        audit.add_facts(str(i), facts(i))
        audit.add_unreadable(f"bad-{i}", "binary")
    before = held_by_the_audit()
    for i in range(1500, 9500):
        audit.add_facts(str(i), facts(i))
        audit.add_unreadable(f"bad-{i}", "binary")
    grown = held_by_the_audit() - before
    tracemalloc.stop()
    assert grown < 50_000, f"{grown:,} bytes more after 8,000 more drafts"
    summary = audit.summary()
    assert summary["totals"]["drafts"] == 19000 and summary["totals"]["unreadable"] == 9500
    assert len(summary["unreadable"]) == 100 and len(summary["worst_drafts"]) == 10
    assert summary["check_failures"][0]["count"] == 9500
    assert len(summary["check_failures"][0]["examples"]) == 5
    # the one passage in every draft is still on top, counted exactly
    top = summary["recurring"]["page-residue"][0]
    assert (top["text"], top["drafts"], top["overcount_at_most"]) == ("Share this article", 9500, 0)
    assert len(audit.recurring["repeated-boilerplate"]._entries) == 500
