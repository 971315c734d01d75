"""Which language a draft is written in: its declaration, or a detector's reading.

English-only rules (sourcing's attribution patterns, readability's syllable counts) must
not run on a Spanish draft, where "40%" beside "según fuentes" is sourced and "Critics"
means nothing. The detector is py3langid (langid.py's byte n-gram naive Bayes, offline,
model shipped in the package), restricted to the languages a newsroom here writes in: on
fixtures/languages' 276 paragraphs it makes no mistake, headlines included, where a
stop-word counter gets 0.946 and CLD2 0.964 (benchmarks/quality_language.py).

Its cost is a bounded sample: the first :data:`SAMPLE_CHARS` characters of prose decide
(a draft does not change language after its first paragraphs), so a 1,000-word draft
costs what a long paragraph does. The model loads once per process, on the first draft
that needs it (about half a second of CPU): a process that checks no draft pays nothing.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Any

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
}
SAMPLE_CHARS = 240  # what the detector reads of a draft
MIN_LETTERS = 12  # fewer letters than this: too little text to tell
TRUST_LETTERS = 120  # a sample this long outweighs a declaration it contradicts
_TAG = re.compile(r"^\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*\s*$")

_lock = threading.Lock()
_identifier: Any = None


def primary(tag: str | None) -> str | None:
    """The primary subtag of a BCP 47 language tag: ``en-GB`` -> ``en``; None if not one."""
    if not tag:
        return None
    m = _TAG.match(tag)
    return m.group(1).lower() if m else None


def name(code: str) -> str:
    """An English name for a language code (the code itself when unknown)."""
    return NAMES.get(code, code)


def _model() -> Any:
    global _identifier
    if _identifier is None:
        with _lock:
            if _identifier is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
                identifier.set_languages(list(LANGUAGES))
                _identifier = identifier
    return _identifier


def _letters(text: str) -> int:
    return sum(map(str.isalpha, text))


def sample(text: str) -> str:
    """The part of ``text`` the detector reads."""
    return text[:SAMPLE_CHARS]


def detect(text: str) -> str | None:
    """The language of ``text`` (an ISO 639-1 code from :data:`LANGUAGES`), read from its
    first :data:`SAMPLE_CHARS` characters; None when it holds too few letters to tell."""
    part = sample(text)
    if _letters(part) < MIN_LETTERS:
        return None
    return str(_model().classify(part)[0])


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
    if code is not None and code not in LANGUAGES:
        return Language(code, "declared", declared)
    found = detect(text)
    if code is None:
        return Language(found, "detected" if found else "unknown")
    if found is None or found == code:
        return Language(code, "declared", declared)
    if _letters(sample(text)) >= TRUST_LETTERS:
        return Language(found, "detected", declared)
    return Language(code, "declared", declared)
