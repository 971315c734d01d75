"""Which flagged passages recur across an archive, counted in bounded memory.

An archive of 100,000 drafts may flag millions of distinct passages, so they are counted
with the Space-Saving algorithm (Metwally, Agrawal and El Abbadi, 2005): at most
``capacity`` counters; a new passage arriving when all are taken replaces the smallest,
inheriting its count as a possible overcount. Every passage that truly recurs more often
than the smallest counter is kept, and each reported count is exact when its
``overcount_at_most`` is 0 (always the case while fewer than ``capacity`` distinct
passages have been seen).

Passages are keyed the way the archive index keys them (:func:`editcheck.archive.key_of`:
case, spacing, punctuation, figures and function words folded away), so "Sign up to our
newsletter" and "Sign up for our newsletter!" share a counter. Passages too short for
that key (residue such as ".png) 6 hours ago") are keyed by their case- and space-folded text.
"""

from __future__ import annotations

import hashlib
import heapq
from dataclasses import dataclass, field
from typing import Any

from editcheck.archive import key_of

SAMPLE_CHARS = 200


def passage_key(text: str) -> int:
    """A signed 64-bit fingerprint of a flagged passage, near-duplicates folded together."""
    key = key_of(text)
    if key is not None:
        return key
    folded = "=" + " ".join(text.casefold().split())
    return int.from_bytes(
        hashlib.blake2b(folded.encode("utf-8", "surrogatepass"), digest_size=8).digest(),
        "big",
        signed=True,
    )


@dataclass(slots=True)
class _Entry:
    count: int
    overcount: int
    text: str
    rules: set[str] = field(default_factory=set)


class RecurringPassages:
    """Space-Saving counts of passages, one count per draft that holds a passage."""

    def __init__(self, capacity: int = 5000) -> None:
        self.capacity = capacity
        self._entries: dict[int, _Entry] = {}
        self._heap: list[tuple[int, int]] = []  # (count when pushed, key); stale ones skipped
        self.evicted = 0

    def add(self, key: int, text: str, rule: str) -> None:
        """Count one more draft holding the passage ``key``."""
        entry = self._entries.get(key)
        if entry is not None:
            entry.count += 1
            entry.rules.add(rule)
            return
        floor = 0
        if len(self._entries) >= self.capacity:
            floor = self._evict_smallest()
        self._entries[key] = _Entry(floor + 1, floor, text[:SAMPLE_CHARS], {rule})
        heapq.heappush(self._heap, (floor + 1, key))

    def _evict_smallest(self) -> int:
        while True:
            count, key = heapq.heappop(self._heap)
            entry = self._entries[key]
            if entry.count == count:
                del self._entries[key]
                self.evicted += 1
                return count
            heapq.heappush(self._heap, (entry.count, key))  # grew since pushed: re-file it

    def top(self, n: int, min_drafts: int = 2) -> list[dict[str, Any]]:
        """The ``n`` passages flagged in the most drafts (at least ``min_drafts``)."""
        ranked = sorted(self._entries.items(), key=lambda kv: (-kv[1].count, kv[1].text))
        return [
            {
                "fingerprint": f"{key & 0xFFFFFFFFFFFFFFFF:016x}",
                "text": e.text,
                "drafts": e.count,
                "overcount_at_most": e.overcount,
                "rules": sorted(e.rules),
            }
            for key, e in ranked[:n]
            if e.count >= min_drafts
        ]
