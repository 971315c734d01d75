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

from editcheck.document import Block, Document

_SENTENCE_END = tuple(".!?。！？…\"”»'’)")
_PAGE_CONTEXT = frozenset({"nav", "footer"})
CHROME_CONTEXT = frozenset(
    {"nav", "aside", "footer", "form", "button", "menu", "select", "label", "dialog"}
)
_HINT_SPLIT = re.compile(r"[^a-z0-9]+")
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
    """True for a whole web page: a navigation bar or a footer with links, or many links.

    A CMS body may end in a short list of related links; it is not a page for that.
    """
    if doc.media_type != "text/html":
        return False
    nav = linky = 0
    for b in doc.blocks:
        nav += bool(b.context & _PAGE_CONTEXT)
        linky += b.link_density >= 0.6 and len(b.text) > 1
    return (nav >= 1 and linky >= 3) or linky >= 10


def is_prose(block: Block) -> bool:
    """A paragraph of article copy: long, few links, usually a finished sentence."""
    if block.link_density >= 0.3:
        return False
    n = len(block.text.rstrip())
    return n >= 150 or (n >= 70 and block.text.rstrip().endswith(_SENTENCE_END))


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
    roots = content_roots(blocks)
    if not roots:
        return []
    prefixes = tuple(r + "/" for r in roots)
    inside = [b for b in blocks if b.xpath and b.xpath.startswith(prefixes)]
    inner = {b.index for b in inside}
    common = _common_hints([b for b in inside if (b.xpath or "").startswith(prefixes[0])])
    prose_context = [b.context for b in inside if is_prose(b)]
    own = frozenset.intersection(*prose_context) if prose_context else frozenset()
    outside_keys = {_key(b.text) for b in blocks if b.index not in inner and len(b.text) < 150}
    verdicts = []
    for b in blocks:
        if b.index not in inner:
            verdicts.append(Verdict(b, "outside the article"))
            continue
        reason = _inside_reason(b, common, own, outside_keys)
        if reason:
            verdicts.append(Verdict(b, reason, inside=True))
    return verdicts


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
    if len(b.text) < 150 and _key(b.text) in outside:
        return "repeated in the page's chrome"
    hint = chrome_hint(hint_words(b.hints) - common)
    return f"marked {hint!r}" if hint else None


def _common_hints(blocks: Sequence[Block], near: int = 0) -> set[str]:
    """Class words most prose blocks share (of the ``near`` last characters, if given)."""
    prose = [hint_words(b.hints[-near:]) for b in blocks if is_prose(b)]
    if not prose:
        return set()
    counts = Counter(w for words in prose for w in words)
    return {w for w, n in counts.items() if n >= 0.5 * len(prose)}


def _key(text: str) -> str:
    return text.lower()  # HTML block text is already whitespace-collapsed
