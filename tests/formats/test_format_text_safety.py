"""The text format never lets draft text (or a file name) drive the terminal."""

from __future__ import annotations

from editcheck.api import Checker
from editcheck.formats.base import RenderContext
from editcheck.formats.text import printable, render_text


def test_escape_sequences_are_shown_not_sent() -> None:
    report = Checker().check_text(
        "Critics say the plan is reportedly doomed.", source="\x1b]0;pwned\x07draft.txt"
    )
    out = render_text([report], RenderContext())
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b]0;pwned\\x07draft.txt:1:1:" in out


def test_printable_keeps_ordinary_text_and_tabs() -> None:
    assert printable("Zoë said:\t“fine”") == "Zoë said:\t“fine”"
    assert printable("a\x9bb\x7f") == "a\\x9bb\\x7f"
