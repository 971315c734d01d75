"""Passage fingerprints that survive the small edits a template goes through.

Why a *skeleton* hash and not MinHash or SimHash: boilerplate is template text, so its
variants differ in function words ("Sign up **to** our newsletter for the latest news"
against "Sign up **for** our newsletter for **all** the latest news!"), in case,
punctuation, spacing and figures ("© 2019" / "© 2024"), rarely in content words. A
skeleton hash folds exactly those differences into one key, so one article adds one to
one counter and a check is one primary-key lookup per passage: the count it reads is the
exact number of articles holding a passage of that class. LSH bands would only bound that
count from below and cost several lookups per passage. The price: a variant that adds,
drops or swaps a content word ("our *free* newsletter") is a passage of its own.

The key of a passage:

1. The words are the document model's word and number tokens (the same tokens every
   check sees), case folded; every number ("5", "2,019", "3.5bn", "£1") becomes ``#``;
   punctuation and spacing are dropped.
2. The *skeleton* keeps the content words in order: stop words (articles, pronouns,
   prepositions, auxiliaries, determiners such as "all"), numbers, month and weekday
   names ("amended on 4 July 2019" and "on 12 May 2025" fold together) and single
   letters go; a possessive ``'s`` and a plural ``s`` are cut ("articles" →
   "article"), and a hyphenated word counts as its parts ("sign-up" as "sign up").
3. A skeleton of at least :data:`MIN_SKELETON_WORDS` words is the key; a shorter one is
   too generic to stand for the passage, and the whole normalised text is hashed instead.
4. The key is the first 8 bytes of a BLAKE2b digest, as a signed 64-bit integer (the
   SQLite rowid), so two different passages share a key with negligible probability.

Short passages are not fingerprinted (see :func:`worth_keeping`): fewer than
:data:`MIN_PARAGRAPH_WORDS` words (numbers do not count) for a paragraph, fewer than
:data:`MIN_SENTENCE_WORDS` for a sentence inside a longer paragraph. A lone number, a
one- or two-word label ("Advertisement", "Read more") or a short stock sentence ("He
declined to comment.") recurs in every archive without being boilerplate worth a flag.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Final

from editcheck.document import Token
from editcheck.document.tokens import tokenize

#: Bump when a change to this module gives different keys: old indexes are then refused.
NORMALISER_VERSION: Final = 2
MIN_PARAGRAPH_WORDS: Final = 4
MIN_SENTENCE_WORDS: Final = 6
MIN_SKELETON_WORDS: Final = 3

_STEM_CACHE_LIMIT = 200_000

_STOP_WORDS = """
    a an the this that these those there here
    i me my mine we us our ours you your yours he him his she her hers it its they them
    their theirs who whom whose which what
    am is are was were be been being do does did done have has had having will would
    shall should can could may might must get got
    to of in on at by for from with without into onto upon about over under out up off
    down than then as via per through across after before between during since until
    and or but nor so yet if because while although though whether
    all any some every each more most other such own same very just only also too please
    s t ll re ve d m
"""
# Dates vary from one copy of a template to the next, like the figures around them.
_DATE_WORDS = """
    january february march april june july august september october november december
    jan feb apr jun jul aug sep sept oct nov dec
    monday tuesday wednesday thursday friday saturday sunday
    mon tue tues wed thu thur thurs fri today yesterday tomorrow
"""
#: Function words alone: what two passages share without saying the same thing. Dates are
#: not among them (two reports of the same event share them; parallel ones swap them).
FUNCTION_WORDS: Final = frozenset(_STOP_WORDS.split())
STOP_WORDS: Final = FUNCTION_WORDS | frozenset(_DATE_WORDS.split())


def words_of(found: Iterable[Token]) -> list[str]:
    """Case-folded words of the document model's tokens, numbers as ``#``, no punctuation."""
    return ["#" if t.kind == "number" else t.text.casefold() for t in found if t.kind != "punct"]


def tokens(text: str) -> list[str]:
    """:func:`words_of` a free-standing text, tokenised as the document model does."""
    return words_of(tokenize(text))


def word_count(words: list[str]) -> int:
    """Words that count towards the minimum length: numbers do not."""
    return len(words) - words.count("#")


def _stem(word: str) -> str:
    if "-" in word:  # "sign-up" folds like "sign up", "well-known" like "well known"
        return " ".join(filter(None, map(_stem, word.split("-"))))
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    if len(word) < 2 or word in STOP_WORDS:
        return ""
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


class _StemTable(dict[str, str]):
    """word -> its skeleton form ("" when dropped), each word folded once per process.

    Checking a draft meets the same few thousand words again and again; a dict hit
    through ``map`` stays in C, where a per-word Python loop was most of a check's time.
    """

    def __missing__(self, word: str) -> str:
        if len(self) > _STEM_CACHE_LIMIT:
            self.clear()
        stem = self[word] = _stem(word)
        return stem


_STEMS = _StemTable()


def skeleton(words: list[str]) -> list[str]:
    """The content words in order, plural and possessive ``s`` cut."""
    return list(filter(None, map(_STEMS.__getitem__, words)))


def key_from(words: list[str], bones: list[str]) -> int:
    """The fingerprint of a passage from its :func:`tokens` and their :func:`skeleton`."""
    text = " ".join(bones) if len(bones) >= MIN_SKELETON_WORDS else "=" + " ".join(words)
    return _hash(text)


def passage_key(words: list[str]) -> int:
    """The fingerprint of a passage given its :func:`tokens`."""
    return key_from(words, skeleton(words))


def worth_keeping(words: list[str], *, sentence: bool) -> bool:
    """True when a passage is long enough to say anything about boilerplate."""
    return word_count(words) >= (MIN_SENTENCE_WORDS if sentence else MIN_PARAGRAPH_WORDS)


def key_of(text: str, *, sentence: bool = False) -> int | None:
    """The fingerprint of ``text``, or None when it is too short to fingerprint."""
    words = tokens(text)
    return passage_key(words) if worth_keeping(words, sentence=sentence) else None


def article_key(text: str) -> bytes:
    """Content hash of an article, spacing folded, so re-learning it is a no-op."""
    folded = " ".join(text.split())
    return hashlib.blake2b(folded.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _hash(text: str) -> int:
    raw = hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(raw, "big", signed=True)
