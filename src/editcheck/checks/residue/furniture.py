"""Page furniture: which blocks of a pasted web page are chrome rather than article copy.

The method is the one boilerplate removers share (Readability's content container,
jusText's prose test and context smoothing), computed from what the block model already
holds, without re-parsing: blocks of prose (long, few links, finished sentences) vote for
the element that holds most of them; everything outside that element is page chrome, and
inside it link lists, navigation, forms, asides, blocks whose class names say "share",
"related" or "newsletter", and lines that repeat elsewhere on the page are chrome too.
Only documents that look like whole pages are classified: a CMS fragment has no chrome.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from editcheck.checks import prose
from editcheck.checks.residue import threads
from editcheck.document import Block, Document

_PAGE_CONTEXT = frozenset({"nav", "footer"})
CHROME_CONTEXT = frozenset(
    {"nav", "aside", "footer", "form", "button", "menu", "select", "label", "dialog"}
)
_HINT_SPLIT = re.compile(r"[^a-z0-9]+")
# A page saved whole, not a CMS fragment: the source opens with a doctype or <html>, and
# its head follows (the source is only looked at, never parsed again).
_SAVED_PAGE = re.compile(
    r"\A\ufeff?\s*(?:<!--.*?-->\s*)*(?:<!doctype\s+html[^>]*>\s*)?<html\b[^>]*>\s*<head\b",
    re.IGNORECASE | re.DOTALL,
)
_HEAD_CHARS = 4096
THREAD = "a comment thread"
_SMOOTH_RUN = 3  # blocks of one run that smoothing may take
_SHORT_BLOCK = 100
_HEADLINE_WORDS = 7  # a block of more words reads as a headline or a subhead
# A tool row's separators (a spaced hyphen or slash is too common in copy to count).
# Tried only where a whitespace run starts (the last branch: a mark right after the
# previous separator's spaces): linear on long runs of spaces.
_ROW_SPLIT = re.compile(r"(?<!\s)\s*(?:[|·•›»]|\s>\s)\s*|[|·•›»]\s*")
_ROW_CHARS, _ITEM_CHARS, _ITEM_WORDS = 140, 32, 5
_NEAR = 60  # characters of class names nearest the block (the string runs root to leaf)


@lru_cache(maxsize=1)
def class_words() -> dict[str, tuple[str, ...]]:
    """The sections of ``data/residue-page-classes.txt``: ``chrome`` and ``vote`` words."""
    text = resources.files("editcheck.checks").joinpath("data", "residue-page-classes.txt")
    sections: dict[str, list[str]] = {}
    current: list[str] = []
    for line in text.read_text("utf-8").splitlines():
        line = line.strip()
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
        elif line and not line.startswith("#"):
            current.extend(line.split())
    return {name: tuple(words) for name, words in sections.items()}


@lru_cache(maxsize=1)
def _chrome_words() -> tuple[frozenset[str], tuple[str, ...]]:
    """Chrome words to match whole, and the longer ones to match as word starts."""
    words = class_words()["chrome"]
    return frozenset(words), tuple(w for w in words if len(w) >= 5)


@dataclass(frozen=True, slots=True)
class Verdict:
    """Why a block was judged page chrome (for the annotation's message and data)."""

    block: Block
    reason: str
    inside: bool = False  # within the article's own elements


def looks_like_page(doc: Document) -> bool:
    """True for a whole web page: a navigation bar or a footer with links, or many links,
    or a saved page (a doctype or ``<html>`` with its ``<head>``) with links in it.

    A CMS body may end in a short list of related links; it is not a page for that.
    """
    if doc.media_type != "text/html":
        return False
    nav = linky = 0
    for b in doc.blocks:
        nav += bool(b.context & _PAGE_CONTEXT)
        linky += b.link_density >= 0.6 and len(b.text) > 1
    saved = _SAVED_PAGE.match(doc.source_text[:_HEAD_CHARS]) is not None
    return (nav >= 1 and linky >= 3) or linky >= 10 or (saved and linky >= 1)


def is_prose(block: Block) -> bool:
    """A paragraph of article copy, strong enough to vote (see :func:`prose.is_prose`)."""
    return prose.is_prose(block, paragraph=True)


def content_roots(blocks: Sequence[Block]) -> list[str]:
    """Xpaths of the elements that hold the article's paragraphs.

    Each paragraph of prose scores its parent fully and its grandparent by half, and a
    long paragraph scores at most four times a short one (Readability's rule), a
    paragraph whose nearest class names say comment, teaser or related a quarter: so ten
    paragraphs beat one hidden copy of the whole text, and ten teasers, each alone in
    its own box, lose to the ten paragraphs that share one. Other parents scoring at
    least a fifth of the best one join it when they sit within three levels of it or
    carry the same class names (an article split by an advert or a video), and an
    ancestor up to two levels above it replaces it when it holds enough paragraphs of
    its own (the best parent was a box inside the article) - always provided no class
    word marks them as chrome (comments, related stories).
    """
    score, direct, members = _votes(blocks)
    if not score:
        return []
    top, best = score.most_common(1)[0]
    near = top.rsplit("/", 3)[0] + "/" if top.count("/") > 3 else "/"
    common = _common_hints(members.get(top, []))
    own = _common_hints(members.get(top, []), _NEAR)  # the article paragraphs' own classes
    roots = [top]
    for path, n in score.most_common():
        if n < best / 5 or _marked(members.get(path, []), common):
            continue
        if top.startswith(path + "/"):
            if direct[path] >= best / 5 and top.count("/") - path.count("/") <= 2:
                roots.append(path)
        elif not _inside(path, roots) and (
            path.startswith(near) or _similar(_common_hints(members.get(path, []), _NEAR), own)
        ):
            roots.append(path)
    return [r for r in roots if not any(r != o and r.startswith(o + "/") for o in roots)]


def _votes(blocks: Sequence[Block]) -> tuple[Counter[str], Counter[str], dict[str, list[Block]]]:
    """Each element's score, its score from direct children alone, and the paragraphs
    that voted for it (children and grandchildren)."""
    score: Counter[str] = Counter()
    direct: Counter[str] = Counter()
    members: dict[str, list[Block]] = {}
    for b in blocks:
        if b.xpath and is_prose(b):
            parent = b.xpath.rsplit("/", 1)[0]
            points = 10 + min(len(b.text) // 10, 30)  # length counts, but only up to a point
            if _near_chrome(b.hints):
                points //= 4  # a comment or a teaser is prose, but rarely the article
            score[parent] += points
            direct[parent] += points
            members.setdefault(parent, []).append(b)
            if parent.count("/") > 1:
                grandparent = parent.rsplit("/", 1)[0]
                score[grandparent] += points // 2
                members.setdefault(grandparent, []).append(b)
    return score, direct, members


def _near_chrome(hints: str) -> bool:
    """True when the block's own or nearest ancestors' class names name chrome."""
    vote = class_words()["vote"]
    return any(w.startswith(vote) for w in hint_words(hints[-_NEAR:]))


def _marked(prose: Sequence[Block], common: set[str]) -> bool:
    """True when most of these paragraphs carry a chrome class word the article lacks."""
    marked = sum(chrome_hint(hint_words(b.hints) - common) is not None for b in prose)
    return marked * 2 > len(prose)


def _similar(a: set[str], b: set[str]) -> bool:
    """Class signatures that mostly agree: two parts of one article body."""
    return bool(a and b) and len(a & b) >= 0.5 * len(a | b)


def _inside(path: str, roots: Sequence[str]) -> bool:
    return any(path == r or path.startswith(r + "/") or r.startswith(path + "/") for r in roots)


@lru_cache(maxsize=4096)
def hint_words(hints: str) -> frozenset[str]:
    """The class/id words of a block and its ancestors (cached: siblings share them)."""
    return frozenset(_HINT_SPLIT.split(hints)) - {""}


def chrome_hint(words: frozenset[str] | set[str]) -> str | None:
    """The first class/id word that names chrome ("share-bar" → "share"), if any."""
    whole, prefixes = _chrome_words()
    for w in words:
        if w in whole or w.startswith(prefixes):
            return w
    return None


def classify(doc: Document) -> list[Verdict]:
    """The blocks of ``doc`` that are page chrome, with the reason for each."""
    blocks = [b for b in doc.blocks if not b.is_blank]
    thread = threads.thread_units(blocks)
    roots = content_roots([b for b in blocks if b.index not in thread])
    if not roots:
        return []
    prefixes = tuple(r + "/" for r in roots)
    inside = [b for b in blocks if b.xpath and b.xpath.startswith(prefixes)]
    inner = {b.index for b in inside}
    common = _common_hints([b for b in inside if (b.xpath or "").startswith(prefixes[0])])
    prose_context = [b.context for b in inside if is_prose(b)]
    own = frozenset.intersection(*prose_context) if prose_context else frozenset()
    outside_keys = {_key(b.text) for b in blocks if b.index not in inner and len(b.text) < 150}
    title = _title(blocks, roots)
    reasons: list[tuple[Block, str | None, bool]] = []
    for b in blocks:
        if b is title:
            reasons.append((b, None, True))
        elif b.index not in inner:
            reasons.append((b, "outside the article", False))
        elif b.index in thread or threads.comment_marked(b.hints, common):
            reasons.append((b, THREAD, True))
        else:
            reasons.append((b, _inside_reason(b, common, own, outside_keys), True))
    _smooth(reasons)
    return [Verdict(b, reason, inside) for b, reason, inside in reasons if reason]


def _title(blocks: Sequence[Block], roots: Sequence[str]) -> Block | None:
    """The page's one ``<h1>`` when it heads the article (its parent holds the article's
    element): the headline, kept with the body it sits just outside of."""
    h1 = [b for b in blocks if b.tag == "h1"]
    if len(h1) != 1 or not h1[0].xpath:
        return None
    parent = h1[0].xpath.rsplit("/", 1)[0] + "/"
    return h1[0] if any(r.startswith(parent) for r in roots) else None


def _smooth(reasons: list[tuple[Block, str | None, bool]]) -> None:
    """Neighbour smoothing (jusText's context rule): a short run of blocks that do not
    read as prose, between two furniture blocks, is furniture too ("Follow us" between a
    share bar and a comment thread); a thread's own headings beside it are as well."""
    i = 0
    while i < len(reasons):
        if reasons[i][1] is not None:
            i += 1
            continue
        j = i
        while j < len(reasons) and reasons[j][1] is None:
            j += 1  # reasons[i:j] is a maximal run of blocks judged copy
        before = reasons[i - 1][1] if i > 0 else None
        after = reasons[j][1] if j < len(reasons) else None
        if (
            before
            and after
            and j - i <= _SMOOTH_RUN
            and all(_slight(reasons[k][0]) for k in range(i, j))
        ):
            for k in range(i, j):
                reasons[k] = (reasons[k][0], "a short block between furniture", reasons[k][2])
        else:
            for k in range(j - 1, i - 1, -1) if after == THREAD else ():
                if not threads.is_thread_heading(reasons[k][0].text):
                    break
                reasons[k] = (reasons[k][0], THREAD, reasons[k][2])
            for k in range(i, j) if before == THREAD else ():
                if reasons[k][1] is not None or not threads.is_thread_heading(reasons[k][0].text):
                    break
                reasons[k] = (reasons[k][0], THREAD, reasons[k][2])
        i = j


def _inside_reason(
    b: Block, common: set[str], own: frozenset[str], outside: set[str]
) -> str | None:
    """Why a block inside the article is still chrome; ``own``: the article's ancestors."""
    if b.link_density >= 0.5:
        return "a link list"
    if (b.context - own) & CHROME_CONTEXT:
        return "navigation, form or aside"
    if b.tag == "figcaption" or "figure" in b.context - own:
        return "a caption or embed of the page"
    if is_prose(b):
        return None
    if tool_row(b.text):
        return "a row of page tools"
    if len(b.text) < 150 and _key(b.text) in outside:
        return "repeated in the page's chrome"
    hint = chrome_hint(hint_words(b.hints) - common)
    return f"marked {hint!r}" if hint else None


def _slight(b: Block) -> bool:
    """Short enough for neighbour smoothing: not prose, not the page's title, not a
    headline-length line."""
    return (
        b.tag != "h1"
        and not is_prose(b)
        and len(b.text) < _SHORT_BLOCK
        and b.text.count(" ") < _HEADLINE_WORDS
    )


def tool_row(text: str) -> bool:
    """A row of page tools or labels read item by item ("Share | Save | Reprints",
    "Print · Save for later", "Home > News"): two or more short items, none a sentence."""
    text = text.strip()
    if len(text) > _ROW_CHARS or not _ROW_SPLIT.search(text):
        return False
    items = [i.strip() for i in _ROW_SPLIT.split(text)]
    if len(items) < 2 or not all(items):
        return False
    return all(
        len(i) <= _ITEM_CHARS and i.count(" ") < _ITEM_WORDS and not i.endswith((".", "!", "?"))
        for i in items
    )


def _common_hints(blocks: Sequence[Block], near: int = 0) -> set[str]:
    """Class words most prose blocks share (of the ``near`` last characters, if given)."""
    prose = [hint_words(b.hints[-near:]) for b in blocks if is_prose(b)]
    if not prose:
        return set()
    counts = Counter(w for words in prose for w in words)
    return {w for w, n in counts.items() if n >= 0.5 * len(prose)}


def _key(text: str) -> str:
    return text.lower()  # HTML block text is already whitespace-collapsed
