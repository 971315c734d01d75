"""Whole web pages pasted as plain text: the page's chrome without its markup.

Copying a whole page out of a browser into a text editor keeps every line a reader saw:
the menu ("Home", "News", "Sport" on lines of their own), the tool buttons, the related
headlines, the comment thread and the footer. With no elements to vote, the article is
told by its prose, as boilerplate removers do by text density: the run from its first
to its last paragraph of copy is the article; above it, the one-to-three-word lines are
the menu (a headline, a standfirst and a byline are longer, or about people); below it,
a run of lines that are not copy is the related list and the footer; and from a
repeated "Posted by NAME on DATE" marker on (two or more), everything is the thread.

Only a draft that already shows it is a page (three or more interface lines: "Skip to
content", "Share", "Sign in") is classified: an ordinary text draft has no chrome.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from editcheck.archive.people import about_people
from editcheck.checks import prose
from editcheck.checks.residue import threads
from editcheck.document import Block, Document

THREAD = "a comment thread"
_MIN_INTERFACE = 3  # interface lines that show a draft is a pasted page
_MIN_PROSE = 2
_MIN_MENU = 2
_MENU_WORDS = 3  # a menu item is a word or three; a headline is longer
_TAIL_RUN = 2  # lines that are not copy, together below the article: a list or a footer
_HEADLINE_WORDS = 16
_BARE_FIGURE = re.compile(r"(?<![£$€\w.,])\d[\d,.]*(?![\w%])")


def classify(doc: Document, interface_line: Callable[[Block], bool]) -> list[tuple[Block, str]]:
    """The lines of a plain-text pasted page that are its chrome, with the reason."""
    if doc.media_type == "text/html":
        return []
    lines = [b for b in doc.blocks if not b.is_blank]
    if sum(1 for b in lines if interface_line(b)) < _MIN_INTERFACE:
        return []
    copy = [i for i, b in enumerate(lines) if prose.is_prose(b.text)]
    if len(copy) < _MIN_PROSE:
        return []
    thread = _thread_start(lines, copy[0])
    body = [i for i in copy if thread is None or i < thread]
    if len(body) < _MIN_PROSE:
        return []
    first, last = body[0], body[-1]
    out: list[tuple[Block, str]] = []
    out.extend(
        (b, "the page's menu, above the article") for b in _menu(lines[:first], interface_line)
    )
    end = thread if thread is not None else len(lines)
    out.extend((b, "a list or footer below the article") for b in _tail(lines[last + 1 : end]))
    if thread is not None:
        out.extend((b, THREAD) for b in lines[thread:])
    return out


def _menu(head: Sequence[Block], interface_line: Callable[[Block], bool]) -> list[Block]:
    """Above the article: runs of one-to-three-word lines (interface lines among them)
    holding two or more that are not interface lines: a menu has several items, while
    one short line alone is a headline ("Storm live") or a section label."""
    found: list[Block] = []
    run: list[Block] = []
    for b in (*head, None):
        if b is not None and (interface_line(b) or _menu_item(b)):
            run.append(b)
            continue
        items = [r for r in run if not interface_line(r)]
        if len(items) >= _MIN_MENU:
            found.extend(items)
        run = []
    return found


def _tail(tail: Sequence[Block]) -> list[Block]:
    """Below the article and above any thread: headlines of a related list and the
    site's footer lines (and the short heading over them), when nothing there is copy.
    A line with a bare figure ("Leeds 0 Everton 0", "Attendance: 60,254") belongs to a
    results list or a fact box the report ends with, not to the page."""
    tail = [b for b in tail if not about_people(b)]
    if any(prose.is_prose(b.text) for b in tail):
        return []
    found = [b for b in tail if _listed(b.text)]
    for i, b in enumerate(tail[:-1]):  # the list's own heading ("Related stories")
        if b not in found and _menu_item(b) and tail[i + 1] in found:
            found.append(b)
    return found if len(found) >= _TAIL_RUN else []


def _listed(text: str) -> bool:
    """A related headline or a footer line: a few words, no sentence, no bare figure."""
    text = text.strip()
    words = text.count(" ") + 1
    return (
        _MENU_WORDS <= words <= _HEADLINE_WORDS
        and not text.endswith((".", "!", "?", ":"))
        and not _BARE_FIGURE.search(text)
    )


def _menu_item(b: Block) -> bool:
    text = b.text.strip()
    return (
        bool(text)
        and text.count(" ") < _MENU_WORDS
        and not any(c.isdigit() for c in text)  # a clock time heads a live entry
        and not text.endswith((".", "!", "?", ":"))
        and not about_people(b)
    )


def _thread_start(lines: Sequence[Block], after: int) -> int | None:
    """Where a thread of two or more "Posted by" units below the article's first
    paragraph begins (its heading included; the article's byline is no comment's)."""
    markers = [
        i
        for i, b in enumerate(lines)
        if i > after and threads.is_comment_head(b.text) and not about_people(b)
    ]
    if len(markers) < 2:
        return None
    start = markers[0]
    while start > 0 and threads.is_thread_heading(lines[start - 1].text):
        start -= 1
    return start
