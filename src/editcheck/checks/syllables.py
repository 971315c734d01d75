"""Syllable counts for textstat from a shipped table, pyphen only for words outside it.

textstat (0.7.5-0.7.8, pinned in pyproject) counts a word's syllables by looking it up in
the CMU Pronouncing Dictionary and falls back to pyphen when the word is missing. Parsing
that dictionary takes about 0.6 s per process and loading pyphen's patterns about 90 ms,
and pyphen's hyphenation is slow Python per new word: a pre-publish hook spawning
``editcheck check`` per draft cannot afford any of it. ``data/syllables.txt`` (built by
``scripts/build_syllables.py``) holds the dictionary's count for every word textstat can
look up, laid out by three-letter prefix so a word is found with one ``str.find`` and the
table is never turned into a 125,000-entry dict. Only the words a draft uses are looked
up (and remembered); pyphen is loaded the first time a word is outside the table, and
gives textstat's own fallback for it, so the counts are the ones the full dictionary and
pyphen give. pyphen is handed its en_US patterns already parsed (``data/hyph_en_US.txt``,
a few milliseconds to read instead of its own ~70 ms parse) when they were built from the
very file and pyphen version installed; otherwise it parses its dictionary as usual.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from importlib.resources import files
from typing import Any

_DATA = "checks/data/syllables.txt"
_PATTERNS = "checks/data/hyph_en_US.txt"
# textstat reads entry[0] and counts its phones ending in a digit: one shared, read-only
# entry per syllable count saves building a list for every word of every draft.
_ENTRIES = tuple([tuple("1" for _ in range(n))] for n in range(64))
# textstat's hyphenator is pyphen.Pyphen(lang=...) with pyphen's defaults: points closer
# than two characters to either end are dropped, so a word of three characters or fewer
# has none whatever the patterns say.
_PYPHEN_LEFT = _PYPHEN_RIGHT = 2
_lock = threading.Lock()
_installed = False
_table: SyllableIndex | None = None


class SyllableIndex:
    """The shipped table: ``count(word)`` is the dictionary's count, or None if absent."""

    def __init__(self, text: str) -> None:
        body = text[text.index("\n") + 1 :] if text.startswith("#") else text
        self._lines = {line[: line.index(" ")]: line for line in body.splitlines() if line}
        self._prefix = max(map(len, self._lines), default=1)  # the build script's PREFIX

    def count(self, word: str) -> int | None:
        line = self._lines.get(word[: self._prefix])
        if line is None:
            return None
        at = line.find(f" {word}:")
        if at < 0:
            return None
        start = at + len(word) + 2
        return int(line[start : line.index(" ", start)])

    def __len__(self) -> int:
        return sum(line.count(":") for line in self._lines.values())

    def items(self) -> list[tuple[str, int]]:
        """Every (word, count), for tests and the build script's checks (slow: all of it)."""
        pairs = (e.rsplit(":", 1) for line in self._lines.values() for e in line.split()[1:])
        return [(w, int(n)) for w, n in pairs]


def table() -> SyllableIndex:
    """The shipped table, read once per process (about a millisecond)."""
    global _table
    if _table is None:
        with _lock:
            if _table is None:
                _table = SyllableIndex(files("editcheck").joinpath(_DATA).read_text("utf-8"))
    return _table


def prebuilt_patterns(lang: str) -> bool:
    """Give pyphen its parsed patterns for ``lang`` from the shipped copy, if that copy is
    of the dictionary file and pyphen version installed (else pyphen parses as usual).

    True when pyphen now holds the shipped patterns for ``lang``.
    """
    try:
        import pyphen

        path = pyphen.LANGUAGES[pyphen.language_fallback(lang)]
    except (ImportError, KeyError, TypeError, AttributeError):
        return False
    if path in pyphen.hdcache:
        return getattr(pyphen.hdcache[path], "editcheck_prebuilt", False) is True
    text = files("editcheck").joinpath(_PATTERNS).read_text("utf-8")
    header, _, body = text.partition("\n")
    fields = dict(f.split("=", 1) for f in header.split() if "=" in f)
    made_for = header.split()[1:4]  # "pyphen", version, file name
    if made_for != ["pyphen", str(pyphen.__version__), path.name]:
        return False
    if hashlib.sha256(path.read_bytes()).hexdigest() != fields.get("sha256"):
        return False
    words = body.split()
    tags, specs = words[0::2], words[1::2]
    digit = {str(d): d for d in range(10)}.__getitem__
    parsed = {}  # about 1,500 distinct (start, weights), each built once and shared
    for spec in set(specs):
        start, _, weights = spec.partition(":")
        parsed[spec] = (int(start), tuple(map(digit, weights)))
    patterns = dict(zip(tags, map(parsed.__getitem__, specs), strict=True))
    if len(patterns) != int(fields.get("patterns", -1)):
        return False
    hyph_dict = pyphen.HyphDict.__new__(pyphen.HyphDict)  # what HyphDict(path) would hold
    hyph_dict.patterns = patterns
    hyph_dict.cache = {}
    hyph_dict.maxlen = int(fields["maxlen"])
    hyph_dict.editcheck_prebuilt = True
    pyphen.hdcache[path] = hyph_dict
    return True


class LazyHyphenator:
    """textstat's pyphen hyphenator, loaded the first time a word needs it."""

    def __init__(self, load: Callable[[], Any]) -> None:
        self._load = load
        self._hyphenator: Any = None

    @property
    def loaded(self) -> bool:
        return self._hyphenator is not None

    def positions(self, word: str) -> list[int]:
        if self._hyphenator is None:
            with _lock:
                if self._hyphenator is None:
                    self._hyphenator = self._load()
        return self._hyphenator.positions(word)  # type: ignore[no-any-return]


def fallback_count(word: str, hyphenator: Any) -> int:
    """textstat's count for a word outside the dictionary: pyphen's points + 1.

    Two cases are answered without pyphen because its answer cannot depend on its
    patterns: a word too short to hold a point, and a word of decimal digits only (pyphen
    patterns are letters: the digits in a pattern file are its weights, never its text).
    """
    if len(word) < _PYPHEN_LEFT + _PYPHEN_RIGHT or word.isdecimal():
        return 1
    return len(hyphenator.positions(word)) + 1


class SyllableTable(dict[str, list[tuple[str, ...]]]):
    """Looks like textstat's CMU dictionary: ``table[word][0]`` lists ``n`` vowel phones.

    A dict, so a word seen before is one C-level lookup inside textstat's loop. A new word
    is looked up in the shipped table, else given textstat's own fallback (pyphen), and
    remembered (up to a bound), so textstat never pays for a KeyError.
    """

    MAX_REMEMBERED = 500_000

    def __init__(self, index: SyllableIndex, hyphenator: Any = None) -> None:
        super().__init__()
        self.index = index
        self.hyphenator = hyphenator

    def __missing__(self, word: str) -> list[tuple[str, ...]]:
        n = self.index.count(word)
        if n is None:
            if self.hyphenator is None:
                raise KeyError(word)
            n = fallback_count(word, self.hyphenator)
        entry = _ENTRIES[min(n, len(_ENTRIES) - 1)]
        if len(self) < self.MAX_REMEMBERED:
            self[word] = entry
        return entry


_english: SyllableTable | None = None


def english() -> SyllableTable:
    """The English table readability reads directly: the shipped counts, pyphen's fallback.

    The same counts textstat's own English lookup gets after :func:`install`, without
    going through textstat's text splitting (readability counts the document's tokens).
    """
    global _english
    if _english is None:
        index = table()  # takes the lock itself
        with _lock:
            if _english is None:

                def load() -> Any:
                    import pyphen

                    prebuilt_patterns("en_US")
                    return pyphen.Pyphen(lang="en_US")

                _english = SyllableTable(index, LazyHyphenator(load))
    return _english


def count(word: str) -> int:
    """Syllables in one lower-cased word, as textstat counts it (dictionary, else pyphen)."""
    return len(english()[word][0])


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
        original_cmudict: Callable[[str], Any] = module.get_cmudict
        original_pyphen: Callable[[str], Any] = module.get_pyphen
        tables: dict[str, SyllableTable] = {}
        hyphenators: dict[str, LazyHyphenator] = {}

        def get_pyphen(lang: str) -> Any:
            if get_lang_root(lang) != "en":
                return original_pyphen(lang)
            if lang not in hyphenators:  # the hyphenator textstat would build, when needed

                def load() -> Any:
                    prebuilt_patterns(lang)
                    return original_pyphen(lang)

                hyphenators[lang] = LazyHyphenator(load)
            return hyphenators[lang]

        def get_cmudict(lang: str) -> Any:
            if get_lang_root(lang) != "en":
                return original_cmudict(lang)
            if lang not in tables:
                tables[lang] = SyllableTable(table(), get_pyphen(lang))
            return tables[lang]

        # textstat's count_syllables asks for both on every call, pyphen's eagerly.
        module.get_cmudict = get_cmudict
        module.get_pyphen = get_pyphen
        _installed = True
        return True
