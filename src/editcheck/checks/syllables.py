"""A fast start for textstat: the CMU dictionary's syllable counts, pre-digested.

textstat (0.7.5-0.7.8, pinned in pyproject) counts syllables by looking each word up in the
CMU Pronouncing Dictionary and falls back to pyphen when a word is missing. Parsing that
dictionary takes about 0.6 s per process, which a pre-publish hook spawning
``editcheck check`` per draft cannot afford. ``data/syllables.tsv.gz`` (built by
``scripts/build_syllables.py``) holds only the words whose dictionary count differs from
pyphen's, so answering from it, and letting textstat fall back to pyphen for every other
word, gives the very counts the full dictionary gives, in about 30 ms.
"""

from __future__ import annotations

import gzip
import threading
from collections.abc import Callable
from importlib.resources import files
from typing import Any

_DATA = "checks/data/syllables.tsv.gz"
_PHONES = tuple(tuple("1" for _ in range(n)) for n in range(32))  # n stressed vowels
_lock = threading.Lock()
_installed = False


class SyllableTable:
    """Looks like textstat's CMU dictionary: ``table[word][0]`` lists ``n`` vowel phones."""

    def __init__(self, counts: dict[str, int]) -> None:
        self._counts = counts

    def __getitem__(self, word: str) -> list[tuple[str, ...]]:
        return [_PHONES[min(self._counts[word], len(_PHONES) - 1)]]

    def __contains__(self, word: object) -> bool:
        return word in self._counts

    def __len__(self) -> int:
        return len(self._counts)


def load_table() -> SyllableTable:
    """Read the shipped table."""
    with (
        files("editcheck").joinpath(_DATA).open("rb") as raw,
        gzip.open(raw, "rt", encoding="utf-8") as fh,
    ):
        counts = {
            word: int(count)
            for word, count in (line.rstrip("\n").split("\t") for line in fh if line[0] != "#")
        }
    return SyllableTable(counts)


def install() -> bool:
    """Point textstat's English syllable lookup at the table; False if textstat differs."""
    global _installed
    with _lock:
        if _installed:
            return True
        try:
            from textstat.backend.counts import _count_syllables as module
            from textstat.backend.utils._get_lang_root import get_lang_root
        except ImportError:  # another textstat layout: it loads its own dictionary
            return False
        original: Callable[[str], Any] = module.get_cmudict
        table = load_table()

        def get_cmudict(lang: str) -> Any:
            return table if get_lang_root(lang) == "en" else original(lang)

        module.get_cmudict = get_cmudict
        _installed = True
        return True
