"""One matcher for every listed phrase: a token trie walked once per sentence.

A house list can hold thousands of phrases. Scanning the text once per phrase would cost
thousands of passes; instead every phrase of every word-list rule is split into the same
tokens the document model produces and stored in a trie keyed by lower-cased token text.
One walk over a sentence's tokens finds every phrase of every rule, and the cost grows
with the draft, not with the list. Phrases match whole tokens, so word boundaries come for
free: "cent" never matches inside "percent". A possessive "'s" after the last token still
matches ("Twitter's" finds "Twitter").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from editcheck.document import Token
from editcheck.document.tokens import tokenize

_END = ""  # no token is empty, so this key marks "a phrase ends here"


def token_key(text: str) -> str:
    """How a token is compared: case folded, curly apostrophes straightened."""
    return text.lower().replace("’", "'")


def phrase_keys(phrase: str) -> tuple[str, ...]:
    """The token keys of ``phrase``, as a draft's tokens would give them."""
    return tuple(token_key(t.text) for t in tokenize(phrase))


@dataclass(frozen=True, slots=True)
class PhraseHit:
    """A phrase found in a sentence: document offsets and what was stored with it."""

    start: int
    end: int
    entry: Any


class PhraseIndex:
    """A trie of phrases; each stored phrase carries an entry returned with its hits."""

    def __init__(self) -> None:
        self._root: dict[str, Any] = {}
        self.size = 0

    def add(self, phrase: str, entry: Any) -> bool:
        """Store ``phrase``; False when it has no tokens (nothing could ever match)."""
        keys = phrase_keys(phrase)
        if not keys:
            return False
        node = self._root
        for key in keys:
            node = node.setdefault(key, {})
        node.setdefault(_END, []).append(entry)
        self.size += 1
        return True

    def scan(self, tokens: Sequence[Token]) -> list[PhraseHit]:
        """Every stored phrase in ``tokens`` (overlapping hits included), in order."""
        root = self._root
        keys = [t.text.lower() for t in tokens]
        if any("’" in k for k in keys):
            keys = [token_key(k) for k in keys]
        stems = [k[:-2] if k.endswith("'s") and len(k) > 2 else None for k in keys]
        hits: list[PhraseHit] = []
        n = len(keys)
        for i in range(n):
            node = root.get(keys[i])
            if node is None and stems[i] is None:
                continue  # the common case: no phrase starts with this token
            parent, j = root, i
            while True:
                stem = stems[j]
                if stem is not None:
                    ends = _ends(parent, stem)
                    if ends:
                        hits.extend(PhraseHit(tokens[i].start, tokens[j].end - 2, e) for e in ends)
                if node is None:
                    break
                ends = node.get(_END)
                if ends:
                    hits.extend(PhraseHit(tokens[i].start, tokens[j].end, e) for e in ends)
                j += 1
                if j >= n:
                    break
                parent, node = node, node.get(keys[j])
        return hits


def _ends(node: dict[str, Any], key: str) -> list[Any] | None:
    """Entries of phrases that end with ``key`` below ``node``."""
    child = node.get(key)
    return child.get(_END) if child is not None else None
