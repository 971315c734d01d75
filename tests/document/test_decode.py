"""Drafts arrive in any encoding: read them, say when we had to guess, refuse binary."""

from __future__ import annotations

import codecs
import subprocess
import sys
from pathlib import Path

import pytest

from editcheck.document import load_bytes
from editcheck.errors import InputError, InputTooLarge


@pytest.mark.parametrize(
    "bom,codec",
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ],
)
def test_byte_order_marks_decide_the_encoding(bom: bytes, codec: str) -> None:
    doc = load_bytes(bom + "Café crème".encode(codec), "text/plain")
    assert doc.text == "Café crème"
    assert doc.notes == ()


def test_meta_charset_is_honoured_for_html() -> None:
    data = '<meta charset="iso-8859-1"><p>Señor</p>'.encode("latin-1")
    doc = load_bytes(data, "text/html")
    assert doc.blocks[0].text == "Señor"


def test_invalid_utf8_falls_back_with_a_note() -> None:
    doc = load_bytes("naïve café".encode("cp1252"), "text/plain")
    assert doc.text == "naïve café"
    assert doc.notes and "windows-1252" in doc.notes[0]


def test_binary_junk_is_refused_with_a_clear_error() -> None:
    with pytest.raises(InputError, match="binary"):
        load_bytes(bytes(range(256)) * 20, "text/html")


def test_size_limit() -> None:
    with pytest.raises(InputTooLarge, match="max-bytes"):
        load_bytes(b"x" * 101, "text/plain", max_bytes=100)


def test_empty_input_is_an_empty_document() -> None:
    assert load_bytes(b"", "text/html").blocks == ()
    assert load_bytes(b"", "text/plain").text == ""


def test_a_few_nul_bytes_in_html_do_not_break_parsing() -> None:
    doc = load_bytes(b"<p>a\x00b</p>" + b"<p>fine text here</p>" * 20, "text/html")
    assert doc.blocks[-1].text == "fine text here"


@pytest.mark.parametrize(
    "charset",
    ["rot13", "base64", "hex", "zlib", "bz2", "undefined", "idna", "punycode", "uu", "utf-7"],
)
def test_a_charset_that_is_not_a_character_encoding_is_ignored_with_a_note(charset: str) -> None:
    data = f'<meta charset="{charset}"><p>Café said so.</p>'.encode()
    doc = load_bytes(data, "text/html")
    assert doc.blocks[0].text == "Café said so."
    assert doc.encoding == "utf-8"
    assert any(charset in note and "not a character encoding" in note for note in doc.notes)


def test_an_unknown_charset_is_ignored_with_a_note() -> None:
    doc = load_bytes(b'<meta charset="klingon-8"><p>Plain words.</p>', "text/html")
    assert doc.blocks[0].text == "Plain words."
    assert any("klingon-8" in note for note in doc.notes)


def test_a_utf16_charset_without_a_bom_reads_the_ascii_readable_draft_as_utf8() -> None:
    doc = load_bytes('<meta charset="utf-16"><p>Señor.</p>'.encode(), "text/html")
    assert doc.blocks[0].text == "Señor."
    assert doc.encoding == "utf-8"


def test_bad_charsets_cannot_stop_check_audit_or_archive_learn(tmp_path: Path) -> None:
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "a.html").write_bytes(b'<meta charset="rot13"><p>One draft.</p>')
    (drafts / "b.html").write_bytes(b'<meta charset="zlib"><p>Another draft.</p>')
    (drafts / "c.html").write_bytes(b'<meta charset="undefined"><p>A third draft.</p>')
    (drafts / "d.html").write_bytes(b"<p>A fourth draft.</p>")
    cli = [sys.executable, "-m", "editcheck"]
    commands = [
        ["check", "--format", "jsonl", str(drafts)],
        ["audit", str(drafts), "--out", str(tmp_path / "audit"), "--jobs", "1"],
        ["archive", "learn", "--index", str(tmp_path / "index.db"), str(drafts)],
    ]
    for args in commands:
        done = subprocess.run([*cli, *args], capture_output=True, text=True, timeout=120)
        assert "Traceback" not in done.stderr + done.stdout, (args, done.stderr)
        assert done.returncode in (0, 1), (args, done.returncode, done.stderr)
    check = subprocess.run([*cli, *commands[0]], capture_output=True, text=True, timeout=120)
    assert len(check.stdout.splitlines()) == 4  # one report per draft: none was lost
