"""Edited copies: a later paragraph that repeats most of an earlier one, in order.

Revised copy often keeps an older version of a paragraph, with a clause added or cut and a
few words changed, so a folded key misses it. Two paragraphs are compared by a token-level
alignment (:class:`difflib.SequenceMatcher` on their folded words), not as bags of words,
and the share of the shorter one's *content* words (function words do not count: two
sentences share "the ... to ... on" without saying the same thing) that the alignment
keeps decides. Parallel structure ("The council voted 7-2 on Tuesday ... The board voted
5-4 on Monday", list items with one frame) is told apart by what changed: the aligned
slots swap facts (figures, names, dates) where an edited copy keeps them. A copy whose
shared words are all inside quotation marks is a quotation repeated (a summary box), not a
copy of the paragraph.

Candidate pairs come from shared content-word bigrams through an inverted index whose
common keys are skipped, so the work grows with the number of paragraphs, not its square.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import filterfalse
from typing import Any

from editcheck.archive.normalize import FUNCTION_WORDS
from editcheck.document import Block, Document

#: Of the shorter paragraph's content words, the share the alignment must keep.
CONTAINED = 0.75
#: Content words kept over both paragraphs' content words (Dice): a short paragraph
#: inside a much longer one is a sentence reused, which ``duplicate-sentence`` judges.
DICE = 0.5
#: At least this many content words kept, and ``_OUTSIDE`` of them outside quotation marks.
MIN_SHARED = 6
_OUTSIDE = 3
_CANDIDATES = 3  # earlier paragraphs aligned per paragraph, best shared bigrams first
_SHARED_GRAMS = 0.4  # of the smaller set of content bigrams, shared, to align a pair at all
_COMMON = 16  # a bigram in more paragraphs than this is a stock phrase: not a candidate key
_EXACT_ALIGN = 200  # words: longer paragraphs are aligned with difflib's autojunk
_MOVED_RUN = 3  # words: a phrase moved whole, e.g. an attribution
_MAX_DIFF = 24  # differing spans kept in ``data.diff``
QUOTE_MARKS = '"“”„«»'  # double quotation marks: an apostrophe is not one


@dataclass(frozen=True, slots=True)
class Words:
    """A paragraph's word and number tokens, folded, with what each one is."""

    block: Block
    folded: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]  # document offsets of each word
    content: tuple[bool, ...]  # not a function word
    fact: tuple[bool, ...]  # a figure, or a capitalised word inside a sentence
    quoted: tuple[bool, ...]  # inside quotation marks
    sentence: tuple[int, ...]  # which sentence of the block each word is in


@dataclass(frozen=True, slots=True)
class Alignment:
    """How a later paragraph lines up with an earlier one."""

    first: Words
    copy: Words
    similarity: float  # content words kept over both paragraphs' content words
    opcodes: tuple[tuple[str, int, int, int, int], ...]

    def diff(self, text: str) -> list[dict[str, str]]:
        """What differs, as spans of each copy: ``{"op", "first", "copy"}``."""
        out = []
        for tag, i1, i2, j1, j2 in self.opcodes:
            if tag == "equal":
                continue
            out.append(
                {
                    "op": tag,
                    "first": _span(text, self.first.spans, i1, i2),
                    "copy": _span(text, self.copy.spans, j1, j2),
                }
            )
        return out[:_MAX_DIFF]


def _span(text: str, spans: Sequence[tuple[int, int]], i: int, j: int) -> str:
    return text[spans[i][0] : spans[j - 1][1]] if j > i else ""


def words_of(doc: Document, block: Block) -> Words:
    """The block's words from the document model's tokens (nothing is re-tokenised)."""
    folded: list[str] = []
    spans: list[tuple[int, int]] = []
    content: list[bool] = []
    fact: list[bool] = []
    quoted: list[bool] = []
    sentence_of: list[int] = []
    inside = False
    for sentence in doc.block_sentences(block):
        first_word = True
        for tok in sentence.tokens:
            if tok.kind == "punct":
                if any(ch in QUOTE_MARKS for ch in tok.text):
                    inside = not inside
                    first_word = first_word or inside  # a quotation opens with a capital
                continue
            low = tok.text.casefold()
            folded.append(low)
            spans.append((tok.start, tok.end))
            content.append(low not in FUNCTION_WORDS and len(low) > 1 or tok.kind == "number")
            fact.append(tok.kind == "number" or (not first_word and tok.text[:1].isupper()))
            quoted.append(inside)
            sentence_of.append(sentence.index)
            first_word = False
    return Words(
        block,
        tuple(folded),
        tuple(spans),
        tuple(content),
        tuple(fact),
        tuple(quoted),
        tuple(sentence_of),
    )


def align(first: Words, copy: Words) -> Alignment | None:
    """The alignment of ``copy`` on ``first`` when ``copy`` is an edited copy, else None."""
    # difflib's popular-element heuristic keeps a long paragraph's alignment near linear
    # (a word in over 1% of a 200+-word sequence is not matched on its own); short ones,
    # the usual case, are aligned exactly.
    long = max(len(first.folded), len(copy.folded)) > _EXACT_ALIGN
    matcher = SequenceMatcher(None, first.folded, copy.folded, autojunk=long)
    kept = kept_outside = kept_facts = 0
    matches = matcher.get_matching_blocks()
    if _other_sentence(first, (m.a for m in matches), (m.size for m in matches)) and (
        _other_sentence(copy, (m.b for m in matches), (m.size for m in matches))
    ):
        return None  # a sentence shared, each paragraph with one of its own: not a copy
    for _, j, n in matches:
        for k in range(j, j + n):
            if copy.content[k]:
                kept += 1
                kept_outside += not copy.quoted[k]
                kept_facts += copy.fact[k]
    in_first, in_copy = sum(first.content), sum(copy.content)
    if kept < CONTAINED * min(in_first, in_copy):
        kept += _moved(first, copy, matches)  # an attribution or a clause moved
    if kept < CONTAINED * min(in_first, in_copy) or 2 * kept < DICE * (in_first + in_copy):
        return None
    if kept < MIN_SHARED or kept_outside < _OUTSIDE:
        return None  # short, or a quotation repeated with a new attribution
    opcodes = tuple(matcher.get_opcodes())
    swapped = 0
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "replace":
            swapped += min(sum(first.fact[i1:i2]), sum(copy.fact[j1:j2]))
    if swapped and swapped >= kept_facts:
        return None  # the frame is shared, the facts in it are swapped: parallel structure
    return Alignment(first, copy, round(2 * kept / (in_first + in_copy), 3), opcodes)


def _moved(first: Words, copy: Words, matches: Sequence[Any]) -> int:
    """Content words of the copy kept in runs of ``_MOVED_RUN`` or more words that the
    in-order alignment left out because they moved ("the water company said" taken from
    the front to the middle). Only the words neither side has aligned are looked at, and
    only whole runs count, so two paragraphs sharing a scattered word or two gain none."""
    in_a = {i for a, _, n in matches for i in range(a, a + n)}
    in_b = {j for _, b, n in matches for j in range(b, b + n)}
    rest_a = [i for i in range(len(first.folded)) if i not in in_a]
    rest_b = [j for j in range(len(copy.folded)) if j not in in_b]
    if len(rest_a) < _MOVED_RUN or len(rest_b) < _MOVED_RUN:
        return 0
    again = SequenceMatcher(
        None, [first.folded[i] for i in rest_a], [copy.folded[j] for j in rest_b], autojunk=False
    )
    moved = 0
    for a, b, n in again.get_matching_blocks():
        run_a, run_b = rest_a[a : a + n], rest_b[b : b + n]
        if n < _MOVED_RUN or run_a[-1] - run_a[0] != n - 1 or run_b[-1] - run_b[0] != n - 1:
            continue  # shorter, or not a run on both sides: not a moved phrase
        moved += sum(copy.content[j] and not copy.quoted[j] for j in run_b)
    return moved


def _other_sentence(words: Words, starts: Iterable[int], sizes: Iterable[int]) -> bool:
    """True when one of the paragraph's sentences has no content word in the alignment."""
    kept = {
        words.sentence[k]
        for i, n in zip(starts, sizes, strict=True)
        for k in range(i, i + n)
        if words.content[k]
    }
    return any(c and s not in kept for s, c in zip(words.sentence, words.content, strict=True))


def content_grams(doc: Document, blocks: Sequence[Block]) -> list[set[tuple[str, str]]]:
    """Bigrams of each block's content words: the candidate keys. Every paragraph goes
    through this and few ever need aligning, so it reads the document's word index (the
    words are already split and lower-cased, and the index is shared with other checks)
    and keeps to C loops: a slice, ``filterfalse`` on the function words, one ``zip``."""
    index = doc.words
    lower, starts = index.lower, index.sentence_starts
    function_word = FUNCTION_WORDS.__contains__
    out = []
    for block in blocks:
        first, last = block.sentence_range
        words = list(filterfalse(function_word, lower[starts[first] : starts[last]]))
        out.append(set(zip(words, words[1:], strict=False)))
    return out


def candidate_keys(grams: Sequence[set[tuple[str, str]]]) -> list[set[tuple[str, str]]]:
    """Each block's bigrams that another block shares: only these can make a candidate.
    Most bigrams of ordinary copy occur once, so set operations (in C, on the hashes the
    sets already hold) leave them out before any index entry is made for them."""
    seen: set[tuple[str, str]] = set()
    shared: set[tuple[str, str]] = set()
    for mine in grams:
        shared |= mine & seen
        seen |= mine
    return [mine & shared for mine in grams]


def edited_copies(doc: Document, blocks: Sequence[Block]) -> list[Alignment]:
    """Each block that is an edited copy of an earlier one, aligned on that one."""
    grams = content_grams(doc, blocks)
    keys = candidate_keys(grams)
    index: dict[tuple[str, str], list[int]] = {}
    words: dict[int, Words] = {}

    def words_at(i: int) -> Words:
        if i not in words:
            words[i] = words_of(doc, blocks[i])
        return words[i]

    found: list[Alignment] = []
    origin: dict[int, int] = {}  # a copy's position -> its first copy's position
    for i, mine in enumerate(keys):
        if not mine:
            continue
        earlier: list[int] = []
        for gram in mine:  # the postings so far hold earlier blocks only
            posting = index.get(gram)
            if posting is None:
                index[gram] = [i]
                continue
            if len(posting) <= _COMMON:  # a longer one is a stock phrase: not a key
                earlier += posting
            posting.append(i)
        if not earlier:
            continue
        best: Alignment | None = None
        best_at = -1
        for j, n in Counter(earlier).most_common(_CANDIDATES):
            if n < 2 or n < _SHARED_GRAMS * min(len(grams[i]), len(grams[j])):
                break
            small, large = sorted((len(grams[i]), len(grams[j])))
            if large > 3 * small + 2:
                continue  # too unequal for the Dice floor: a sentence reused, at most
            at = origin.get(j, j)
            result = align(words_at(at), words_at(i))
            if result is not None and (best is None or result.similarity > best.similarity):
                best, best_at = result, at
        if best is not None:
            origin[i] = best_at
            found.append(best)
    return found


def data_of(doc: Document, alignment: Alignment) -> dict[str, Any]:
    """The annotation's ``data``: the first copy, how alike, and what differs."""
    first = alignment.first.block
    return {
        "first": {"start": first.start, "end": first.end, "line": doc.line_col(first.start)[0]},
        "similarity": alignment.similarity,
        "diff": alignment.diff(doc.text),
    }
