"""Bytes to text: BOM, ``<meta charset>``, UTF-8, then a stated fallback.

Drafts arrive from CMS exports, e-mail and scrapers in whatever encoding they were saved
in.  Decoding never raises on odd bytes: it picks the best reading and says, in a note,
when it had to guess; only input that is clearly not text is refused.
"""

from __future__ import annotations

import codecs
import re

from editcheck.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE
)
FALLBACK = "windows-1252"


def decode(data: bytes, *, html: bool) -> tuple[str, str, tuple[str, ...]]:
    """Return ``(text, encoding, notes)`` for ``data``; raise InputError for binary data."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace"), encoding, ()
    _refuse_binary(data)
    declared = _declared_charset(data) if html else None
    if declared:
        text = data.decode(declared, errors="replace")
        notes = (
            (f"some bytes are not valid {declared}; replaced with U+FFFD",)
            if "\ufffd" in text and b"\xef\xbf\xbd" not in data
            else ()
        )
        return text, declared, notes
    try:
        return data.decode("utf-8"), "utf-8", ()
    except UnicodeDecodeError as exc:
        note = f"not valid UTF-8 (byte {exc.start}); decoded as {FALLBACK}"
        return data.decode(FALLBACK, errors="replace"), FALLBACK, (note,)


def _declared_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _refuse_binary(data: bytes) -> None:
    """Refuse data that is clearly not text: many NUL or control bytes near the start."""
    head = data[:8192]
    if not head:
        return
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if head.count(0) > len(head) // 100 + 2 or controls > len(head) * 0.1:
        raise InputError("input looks like binary data, not text or HTML")
