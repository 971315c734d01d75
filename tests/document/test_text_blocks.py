"""Plain-text drafts: one block per line, blank lines kept, the text exactly as given."""

from __future__ import annotations

from editcheck.document import load_text


def test_each_line_is_a_block_and_blank_lines_are_kept() -> None:
    text = "First line.\n\n   5\nLast line.\n"
    doc = load_text(text)
    assert doc.text == text
    assert [b.text for b in doc.blocks] == ["First line.", "", "   5", "Last line."]
    assert [b.xpath for b in doc.blocks] == [None] * 4
    assert all(text[b.start : b.end] == b.text for b in doc.blocks)


def test_windows_and_old_mac_line_breaks() -> None:
    text = "One\r\nTwo\rThree"
    doc = load_text(text)
    assert [b.text for b in doc.blocks] == ["One", "Two", "Three"]
    assert all(text[b.start : b.end] == b.text for b in doc.blocks)
    assert doc.line_col(doc.blocks[2].start) == (3, 1)


def test_line_and_column_are_one_based() -> None:
    doc = load_text("ab\ncd")
    assert doc.line_col(0) == (1, 1)
    assert doc.line_col(4) == (2, 2)


def test_empty_text_has_no_blocks() -> None:
    assert load_text("").blocks == ()


def test_seed_draft_keeps_its_residue_lines(seed_txt) -> None:
    text = seed_txt.read_text(encoding="utf-8")
    doc = load_text(text)
    assert doc.text == text
    lines = [b.text.strip() for b in doc.blocks]
    assert ".png) 6 hours ago" in lines and lines.count("5") == 2
    assert sum(1 for b in doc.blocks if b.is_blank) > 40
