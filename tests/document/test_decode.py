"""Drafts arrive in any encoding: read them, say when we had to guess, refuse binary."""

from __future__ import annotations

import codecs

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
