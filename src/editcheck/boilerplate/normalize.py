"""Passage fingerprints that survive the small edits a template goes through.

Why a *skeleton* hash and not MinHash or SimHash: boilerplate is template text, so its
variants differ in function words ("Sign up **to** our newsletter for the latest news"
against "Sign up **for** our newsletter for **all** the latest news!"), in case,
punctuation, spacing and figures ("© 2019" / "© 2024"), rarely in content words. A
skeleton hash folds exactly those differences into one key, so one article adds one to
one counter and a check is one primary-key lookup per passage: the count it reads is the
exact number of articles holding a passage of that class. LSH bands would only bound that
count from below and cost several lookups per passage.

The key of a passage:

1. Unicode NFKC, case folded; every number ("5", "2,019", "3.5") becomes ``#``.
2. Words are runs of letters and digits; punctuation and spacing are dropped.
3. The *skeleton* keeps the content words in order: stop words (articles, pronouns,
   prepositions, auxiliaries, determiners such as "all"), numbers and single letters go,
   and a plural or possessive ``s`` is cut ("articles" → "article").
4. A skeleton of at least :data:`MIN_SKELETON_WORDS` words is the key; a shorter one is
   too generic to stand for the passage, and the whole normalised text is hashed instead.
5. The key is the first 8 bytes of a BLAKE2b digest, as a signed 64-bit integer (the
   SQLite rowid), so two different passages share a key with negligible probability.

Short passages are not fingerprinted (see :func:`worth_keeping`): fewer than
:data:`MIN_PARAGRAPH_WORDS` words (numbers do not count) for a paragraph, fewer than
:data:`MIN_SENTENCE_WORDS` for a sentence inside a longer paragraph. A lone number, a
one- or two-word label ("Advertisement", "Read more") or a short stock sentence ("He
declined to comment.") recurs in every archive without being boilerplate worth a flag.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Final

#: Bump when a change to this module gives different keys: old indexes are then refused.
NORMALISER_VERSION: Final = 1
MIN_PARAGRAPH_WORDS: Final = 4
MIN_SENTENCE_WORDS: Final = 6
MIN_SKELETON_WORDS: Final = 3

_TOKEN = re.compile(r"\d+(?:[.,:]\d+)*|[^\W\d_]+", re.UNICODE)

STOP_WORDS: Final = frozenset(
    """
    a an the this that these those there here
    i me my mine we us our ours you your yours he him his she her hers it its they them
    their theirs who whom whose which what
    am is are was were be been being do does did done have has had having will would
    shall should can could may might must get got
    to of in on at by for from with without into onto upon about over under out up off
    down than then as via per through across after before between during since until
    and or but nor so yet if because while although though whether
    all any some every each more most other such own same very just only also too
    s t ll re ve d m
    """.split()
)


def tokens(text: str) -> list[str]:
    """Case-folded words of ``text`` with every number replaced by ``#``."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return ["#" if t[0].isdigit() else t for t in _TOKEN.findall(text.casefold())]


def word_count(words: list[str]) -> int:
    """Words that count towards the minimum length: numbers do not."""
    return sum(1 for w in words if w != "#")


def skeleton(words: list[str]) -> list[str]:
    """The content words in order, plural and possessive ``s`` cut."""
    kept = []
    for w in words:
        if len(w) < 2 or w == "#" or w in STOP_WORDS:
            continue
        if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
            w = w[:-1]
        kept.append(w)
    return kept


def passage_key(words: list[str]) -> int:
    """The fingerprint of a passage given its :func:`tokens`."""
    bones = skeleton(words)
    text = " ".join(bones) if len(bones) >= MIN_SKELETON_WORDS else "=" + " ".join(words)
    return _hash(text)


def worth_keeping(words: list[str], *, sentence: bool) -> bool:
    """True when a passage is long enough to say anything about boilerplate."""
    return word_count(words) >= (MIN_SENTENCE_WORDS if sentence else MIN_PARAGRAPH_WORDS)


def key_of(text: str, *, sentence: bool = False) -> int | None:
    """The fingerprint of ``text``, or None when it is too short to fingerprint."""
    words = tokens(text)
    return passage_key(words) if worth_keeping(words, sentence=sentence) else None


def article_key(texts: list[str]) -> bytes:
    """Content hash of an article: its normalised words, so re-learning it is a no-op."""
    digest = hashlib.blake2b(digest_size=16)
    for text in texts:
        digest.update(" ".join(tokens(text)).encode("utf-8"))
        digest.update(b"\n")
    return digest.digest()


def _hash(text: str) -> int:
    raw = hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(raw, "big", signed=True)
