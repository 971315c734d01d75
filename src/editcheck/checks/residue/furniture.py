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
from dataclasses import dataclass
from typing import Sequence

from editcheck.document import Block, Document

_SENTENCE_END = tuple(".!?。！？…\"”»'’)")
_PAGE_CONTEXT = frozenset({"nav", "footer"})
_SIDE_CONTEXT = frozenset({"header", "aside", "form"})
CHROME_CONTEXT = frozenset({"nav", "aside", "footer", "form", "button", "menu", "select",
                            "label", "dialog"})
_HINT_SPLIT = re.compile(r"[^a-z0-9]+")
# Class/id words that name chrome; matched as whole words or as the start of a word.
CHROME_HINTS = (
    "share", "sharing", "social", "related", "promo", "newsletter", "subscribe",
    "subscription", "signup", "sign-up", "footer", "sidebar", "widget", "comment",
    "breadcrumb", "nav", "menu", "byline", "author", "caption", "credit", "copyright",
    "popular", "trending", "recommend", "advert", "sponsor", "cookie", "consent", "modal",
    "popup", "banner", "toolbar", "masthead", "tags", "tag", "topics", "meta", "dateline",
    "timestamp", "date", "time", "login", "register", "paywall", "outbrain", "taboola",
    "rail", "teaser", "more", "next", "prev", "pagination", "disclaimer", "bio", "ad",
    "ads", "dfp", "gpt", "player", "video", "gallery", "poll", "rating", "print", "email",
)
_HINT_PREFIXES = tuple(h for h in CHROME_HINTS if len(h) >= 5)
_HINT_WORDS = frozenset(CHROME_HINTS)


@dataclass(frozen=True, slots=True)
class Verdict:
    """Why a block was judged page chrome (for the annotation's message and data)."""

    block: Block
    reason: str


def looks_like_page(doc: Document) -> bool:
    """True for a whole web page: navigation or footer, or asides and many link lists."""
    if doc.media_type != "text/html":
        return False
    nav = side = linky = 0
    for b in doc.blocks:
        nav += bool(b.context & _PAGE_CONTEXT)
        side += bool(b.context & _SIDE_CONTEXT)
        linky += b.link_density >= 0.6 and len(b.text) > 1
    return nav >= 1 or linky >= 5 or (side >= 2 and linky >= 2)


def is_prose(block: Block) -> bool:
    """A paragraph of article copy: long, few links, usually a finished sentence."""
    if block.link_density >= 0.3:
        return False
    n = len(block.text.rstrip())
    return n >= 150 or (n >= 70 and block.text.rstrip().endswith(_SENTENCE_END))


def content_container(blocks: Sequence[Block], share: float) -> str | None:
    """The xpath of the deepest element holding at least ``share`` of the page's prose."""
    held: Counter[str] = Counter()
    total = 0
    for b in blocks:
        if b.xpath and is_prose(b):
            total += len(b.text)
            path = b.xpath
            while path.count("/") > 1:
                path = path.rsplit("/", 1)[0]
                held[path] += len(b.text)
    if not total:
        return None
    fits = [p for p, n in held.items() if n >= share * total]
    return max(fits, key=lambda p: p.count("/")) if fits else None


def hint_words(hints: str) -> set[str]:
    return set(_HINT_SPLIT.split(hints)) - {""}


def chrome_hint(words: set[str]) -> str | None:
    """The first class/id word that names chrome ("share-bar" → "share"), if any."""
    for w in words:
        if w in _HINT_WORDS or w.startswith(_HINT_PREFIXES):
            return w
    return None


def classify(doc: Document, share: float = 0.7) -> list[Verdict]:
    """The blocks of ``doc`` that are page chrome, with the reason for each."""
    blocks = [b for b in doc.blocks if not b.is_blank]
    root = content_container(blocks, share)
    if root is None:
        return []
    inside = [b for b in blocks if b.xpath and b.xpath.startswith(root + "/")]
    common = _common_hints(inside)
    repeats = Counter(_key(b.text) for b in blocks)
    verdicts = []
    for b in blocks:
        if not (b.xpath and b.xpath.startswith(root + "/")):
            verdicts.append(Verdict(b, "outside the article"))
            continue
        reason = _inside_reason(b, common, repeats)
        if reason:
            verdicts.append(Verdict(b, reason))
    return verdicts


def _inside_reason(b: Block, common: set[str], repeats: Counter[str]) -> str | None:
    prose = is_prose(b)
    if b.link_density >= 0.5:
        return "a link list"
    if b.context & CHROME_CONTEXT:
        return "navigation, form or aside"
    if not prose and repeats[_key(b.text)] > 1:
        return "repeated on the page"
    hint = chrome_hint(hint_words(b.hints) - common)
    if hint and not prose:
        return f"marked {hint!r}"
    return None


def _common_hints(inside: list[Block]) -> set[str]:
    """Class words most prose blocks of the article share: the container's own names."""
    prose = [hint_words(b.hints) for b in inside if is_prose(b)]
    if not prose:
        return set()
    counts = Counter(w for words in prose for w in words)
    return {w for w, n in counts.items() if n >= 0.5 * len(prose)}


def _key(text: str) -> str:
    return " ".join(text.lower().split())
