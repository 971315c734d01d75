"""Which language a draft is written in: its declaration, or a detector's reading.

English-only rules (sourcing's attribution patterns, readability's syllable counts) must
not run on a Spanish draft, where "40%" beside "según fuentes" is sourced and "Critics"
means nothing. The detector is langid.py's byte n-gram naive Bayes (Lui and Baldwin; the
model py3langid ships, BSD-3-Clause), cut down by ``scripts/build_language_model.py`` to
the languages below and shipped as ``data/language-model.bin`` (640 KB, with its
licence beside it): a table from
each byte suffix of up to five bytes to its weights for every language, packed in one
integer, so a text's score is one sum. On fixtures/languages' 276 paragraphs it makes no
mistake, headlines included, where a stop-word counter gets 0.946 and CLD2 0.964
(benchmarks/quality_language.py), as py3langid restricted to these languages does, without
numpy or py3langid's half second of model loading.

Its cost is bounded: the first :data:`SAMPLE_CHARS` characters of prose decide (a draft
does not change language after its first paragraphs), so a 1,000-word draft costs what a
long paragraph does. The table loads once per process, on the first draft that needs it
(about 20 ms of CPU).
"""

from __future__ import annotations

import json
import re
import threading
import zlib
from dataclasses import dataclass
from importlib import resources

# What the detector chooses among: the languages of fixtures/languages and their
# neighbours (a Catalan or Galician draft is not read as Spanish, a Dutch one as German).
LANGUAGES = ("en", "es", "fr", "de", "pt", "it", "nl", "ca", "gl", "sv", "da", "no", "pl", "ro")
NAMES = {
    "en": "English",
    "es": "Spanish",
    "fr": "French",
    "de": "German",
    "pt": "Portuguese",
    "it": "Italian",
    "nl": "Dutch",
    "ca": "Catalan",
    "gl": "Galician",
    "sv": "Swedish",
    "da": "Danish",
    "no": "Norwegian",
    "pl": "Polish",
    "ro": "Romanian",
    "und": "not Latin-script",
}
SAMPLE_CHARS = 200  # what the detector reads of a draft
MIN_LETTERS = 12  # fewer letters than this: too little text to tell
TRUST_LETTERS = 120  # a sample this long outweighs a declaration it contradicts
# How much likelier (model units) another language must be than English before a draft is
# checked as it: English-only rules skipped on a misread English brief would check less
# than asked, so a near thing stays English. The closest true call on fixtures/languages
# is 152 (a six-word Italian headline); "A banana. A banana?" reads Portuguese by 37.
ENGLISH_MARGIN = 100
_TAG = re.compile(r"^\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*\s*$")
# A letter of a script other than Latin (Cyrillic, Greek, CJK, Arabic ...).
_NON_LATIN = re.compile(r"[^\W\d_\x00-\u024f\u1e00-\u1eff]")
UNDETERMINED = "und"  # BCP 47's code for a language not determined: here, not Latin script

# Words only English uses among the detector's languages (no "a", "in", "die", "son"): a
# sample where they are a fifth of the words is English without loading the model, which
# costs a cold process about 35 ms. Every other sample goes to the model.
_ENGLISH_WORDS = frozenset(
    "the and of to is was were are that with for said this from have has had not by "
    "which who will would been their they it its at be".split()
)
_WORD_RE = re.compile(r"[a-z']+")
PLAIN_ENGLISH_SHARE = 0.2
PLAIN_ENGLISH_WORDS = 12  # a sample this short always goes to the model

SAMPLE_BYTES = 480  # and at most this many UTF-8 bytes (the packed fields cannot overflow)
_MODEL = "language-model.bin"

_lock = threading.Lock()
_table: dict[bytes, int] | None = None
_model: tuple[tuple[str, ...], int, list[int]] | None = None  # (languages, bits, prior)


def primary(tag: str | None) -> str | None:
    """The primary subtag of a BCP 47 language tag: ``en-GB`` -> ``en``; None if not one."""
    if not tag:
        return None
    m = _TAG.match(tag)
    return m.group(1).lower() if m else None


def name(code: str) -> str:
    """An English name for a language code (the code itself when unknown)."""
    return NAMES.get(code, code)


def _load() -> tuple[dict[bytes, int], tuple[tuple[str, ...], int, list[int]]]:
    """The suffix table, read once: keys grouped by length, then their packed values."""
    global _table, _model
    if _table is None or _model is None:
        with _lock:
            if _table is None or _model is None:
                data = zlib.decompress(
                    resources.files("editcheck").joinpath("data", _MODEL).read_bytes()
                )
                line, _, body = data.partition(b"\n")
                head = json.loads(line)
                if head.get("format") != "editcheck-language-model/1":
                    raise RuntimeError(f"{_MODEL}: unknown format {head.get('format')!r}")
                width = int(head["width"])
                keys: list[bytes] = []
                at = 0
                for length in range(1, 6):
                    n = int(head["counts"].get(str(length), 0))
                    blob = body[at : at + n * length]
                    keys.extend(blob[i : i + length] for i in range(0, n * length, length))
                    at += n * length
                values = body[at:]
                ints = [
                    int.from_bytes(values[i : i + width], "little")
                    for i in range(0, len(keys) * width, width)
                ]
                if len(ints) != len(keys) or tuple(head["languages"]) != LANGUAGES:
                    raise RuntimeError(f"{_MODEL}: damaged (keys and values disagree)")
                _model = (LANGUAGES, int(head["bits"]), [int(p) for p in head["prior"]])
                _table = dict(zip(keys, ints, strict=True))
    return _table, _model


def _letters(text: str) -> int:
    return sum(map(str.isalpha, text))


def sample(text: str) -> str:
    """The part of ``text`` the detector reads."""
    return text[:SAMPLE_CHARS]


def scores(text: str) -> dict[str, int]:
    """Each language's cost for ``text``'s sample (lower is likelier), in model units."""
    table, (languages, bits, prior) = _load()
    data = sample(text).encode("utf-8", "surrogatepass")[:SAMPLE_BYTES]
    get = table.get
    total = 0
    for end in range(1, len(data) + 1):
        # the longest suffix (up to five bytes) the table holds, as langid.py's automaton
        # reaches it; unrolled, because this loop is the detector's whole cost
        value = get(data[end - 5 : end]) if end >= 5 else None
        if value is None:
            value = get(data[end - 4 : end]) if end >= 4 else None
            if value is None:
                value = get(data[end - 3 : end]) if end >= 3 else None
                if value is None:
                    value = get(data[end - 2 : end]) if end >= 2 else None
                    if value is None:
                        value = get(data[end - 1 : end], 0)
        total += value
    if not total:
        return {}
    mask = (1 << bits) - 1
    return {code: ((total >> (bits * i)) & mask) + prior[i] for i, code in enumerate(languages)}


def detect(text: str) -> str | None:
    """The language of ``text`` (an ISO 639-1 code from :data:`LANGUAGES`), read from its
    first :data:`SAMPLE_CHARS` characters; ``und`` when most of its letters are of another
    script (it is not English, nor a language the model knows); None when it holds too
    few letters to tell."""
    part = sample(text)
    letters = _letters(part)
    if letters < MIN_LETTERS:
        return None
    if not part.isascii() and 2 * len(_NON_LATIN.findall(part)) > letters:
        return UNDETERMINED
    if _plainly_english(part):
        return "en"
    cost = scores(part)
    if not cost:
        return None
    best = min(cost, key=cost.__getitem__)
    if best != "en" and cost["en"] - cost[best] < ENGLISH_MARGIN:
        return "en"
    return best


def _plainly_english(part: str) -> bool:
    """Whether English function words make up a fifth of ``part``'s words."""
    words = _WORD_RE.findall(part.lower())
    if len(words) < PLAIN_ENGLISH_WORDS:
        return False
    return sum(w in _ENGLISH_WORDS for w in words) >= PLAIN_ENGLISH_SHARE * len(words)


@dataclass(frozen=True, slots=True)
class Language:
    """What a draft was checked as: ``code`` (None: unknown, checked as English), where it
    came from (``declared``, ``detected`` or ``unknown``), and what the draft declared."""

    code: str | None
    source: str
    declared: str | None = None

    @property
    def is_english(self) -> bool:
        return self.code in (None, "en")

    def note(self) -> str | None:
        """The report's note, for a draft not checked as English (None otherwise), and for
        a declaration the text contradicts."""
        if self.code is None:
            return None
        said = f"{name(self.code)} ({self.code})"
        if self.declared and primary(self.declared) != self.code:
            return (
                f"language: the draft declares lang={self.declared!r} but reads as {said}; "
                f"checked as {said}"
            )
        if self.is_english:
            return None
        how = "declared" if self.source == "declared" else "detected"
        return f"language: {said}, {how}"


def resolve(declared: str | None, text: str) -> Language:
    """The language a draft is checked as. A declaration outside :data:`LANGUAGES` is
    taken as it is; otherwise the text is read too, and a long enough sample that
    contradicts the declaration wins (a CMS template's ``lang="en"`` on a Spanish page
    must not run English rules on it)."""
    code = primary(declared)
    if code is not None and code not in LANGUAGES and code != UNDETERMINED:
        return Language(code, "declared", declared)
    found = detect(text)
    if code is None:
        return Language(found, "detected" if found else "unknown")
    if found is None or found == code:
        return Language(code, "declared", declared)
    if _letters(sample(text)) >= TRUST_LETTERS:
        return Language(found, "detected", declared)
    return Language(code, "declared", declared)
