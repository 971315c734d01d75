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
# textstat reads entry[0] and counts its phones ending in a digit: one shared, read-only
# entry per syllable count saves building a list for every word of every draft.
_ENTRIES = tuple([tuple("1" for _ in range(n))] for n in range(64))
_lock = threading.Lock()
_installed = False


class SyllableTable(dict[str, list[tuple[str, ...]]]):
    """Looks like textstat's CMU dictionary: ``table[word][0]`` lists ``n`` vowel phones.

    A dict, so a known word is one C-level lookup inside textstat's loop. A word the
    shipped table lacks gets textstat's own fallback (pyphen hyphenation points + 1),
    computed once and remembered (up to a bound), so textstat never pays for a KeyError.
    """

    MAX_REMEMBERED = 500_000

    def __init__(self, counts: dict[str, int], hyphenator: Any = None) -> None:
        super().__init__(zip(counts, map(_ENTRIES.__getitem__, counts.values()), strict=True))
        self.hyphenator = hyphenator

    def __missing__(self, word: str) -> list[tuple[str, ...]]:
        if self.hyphenator is None:
            raise KeyError(word)
        entry = _ENTRIES[min(len(self.hyphenator.positions(word)) + 1, len(_ENTRIES) - 1)]
        if len(self) < self.MAX_REMEMBERED:
            self[word] = entry
        return entry


def load_counts() -> dict[str, int]:
    """Read the shipped table: word -> syllables, where CMUdict and pyphen disagree."""
    with files("editcheck").joinpath(_DATA).open("rb") as raw:
        text = gzip.decompress(raw.read()).decode("utf-8")
    fields = text[text.index("\n") + 1 :].split()  # after the header: word, count, word, ...
    return dict(zip(fields[0::2], map(int, fields[1::2]), strict=True))


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
        counts = load_counts()
        tables: dict[str, SyllableTable] = {}

        def get_cmudict(lang: str) -> Any:
            if get_lang_root(lang) != "en":
                return original(lang)
            if lang not in tables:  # the same hyphenator textstat would fall back to
                tables[lang] = SyllableTable(counts, module.get_pyphen(lang))
            return tables[lang]

        module.get_cmudict = get_cmudict
        _installed = True
        return True
