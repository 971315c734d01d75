"""Recurring passages are counted in bounded memory without losing the frequent ones."""

from __future__ import annotations

from editcheck.audit import RecurringPassages, passage_key


def test_near_duplicates_share_a_key_short_residue_keyed_by_folded_text() -> None:
    assert passage_key("Sign up to our newsletter for the latest news!") == passage_key(
        "Sign up for our newsletter, for all the latest news"
    )
    assert passage_key("Share  this article") == passage_key("share this ARTICLE")
    assert passage_key("Share this article") != passage_key("Advertisement")


def test_frequent_passages_survive_a_flood_of_one_offs() -> None:
    counter = RecurringPassages(capacity=50)
    for i in range(5000):
        counter.add(passage_key(f"one-off passage number {i}"), f"one-off {i}", "r/x")
        if i % 10 == 0:
            counter.add(passage_key("Share this article"), "Share this article", "r/x")
        if i % 25 == 0:
            counter.add(passage_key("Advertisement"), "Advertisement", "r/y")
    assert len(counter._entries) <= 50  # bounded, however many distinct passages came
    top = counter.top(2)
    assert [t["text"] for t in top] == ["Share this article", "Advertisement"]
    # Space-Saving never undercounts; the overcount is bounded by what it reports.
    assert top[0]["drafts"] - top[0]["overcount_at_most"] <= 500 <= top[0]["drafts"]
    assert top[1]["drafts"] - top[1]["overcount_at_most"] <= 200 <= top[1]["drafts"]


def test_counts_are_exact_below_capacity() -> None:
    counter = RecurringPassages(capacity=100)
    for i in range(30):
        for _ in range(i % 4 + 1):
            counter.add(i, f"passage {i}", "r/x")
    top = counter.top(100, min_drafts=1)
    assert {t["text"]: t["drafts"] for t in top} == {f"passage {i}": i % 4 + 1 for i in range(30)}
    assert all(t["overcount_at_most"] == 0 for t in top)
