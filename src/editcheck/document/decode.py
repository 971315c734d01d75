"""Bytes to text: BOM, ``<meta charset>``, UTF-8, then a stated fallback.

Drafts arrive from CMS exports, e-mail and scrapers in whatever encoding they were saved
in.  Decoding never raises on odd bytes: it picks the best reading and says, in a note,
when it had to guess; only input that is clearly not text is refused.

A ``<meta charset>`` is the draft's own say, so it is honoured only when it names a
character encoding: Python's codec registry also holds bytes-to-bytes transforms (base64,
zlib, rot13 ...) and codecs that cannot decode at all (undefined, idna), and a draft that
names one of those is read as if it had named none, with a note.
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
# Text codecs that are not character encodings of a document: they raise on any input
# ("undefined"), reject the "replace" error handler (idna, punycode), or turn escapes in
# the draft into other characters (unicode_escape).
_NOT_DOCUMENT_ENCODINGS = frozenset(
    {"undefined", "idna", "punycode", "unicode-escape", "raw-unicode-escape", "utf-7"}
)
# A <meta> that could be read as ASCII means the bytes are not UTF-16 or UTF-32 (a BOM
# would have said so): like browsers, read such a draft as UTF-8.
_WIDE = ("utf-16", "utf-32")


def decode(data: bytes, *, html: bool) -> tuple[str, str, tuple[str, ...]]:
    """Return ``(text, encoding, notes)`` for ``data``; raise InputError for binary data."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace"), encoding, ()
    _refuse_binary(data)
    declared, refused = _declared_charset(data) if html else (None, ())
    if declared:
        try:
            text = data.decode(declared, errors="replace")
        except Exception as exc:  # noqa: BLE001 - a codec's own bug must not lose the draft
            refused = (f"the declared charset {declared!r} could not decode the draft ({exc})",)
        else:
            notes = (
                (f"some bytes are not valid {declared}; replaced with U+FFFD",)
                if "\ufffd" in text and b"\xef\xbf\xbd" not in data
                else ()
            )
            return text, declared, notes
    try:
        return data.decode("utf-8"), "utf-8", refused
    except UnicodeDecodeError as exc:
        note = f"not valid UTF-8 (byte {exc.start}); decoded as {FALLBACK}"
        return data.decode(FALLBACK, errors="replace"), FALLBACK, (*refused, note)


def _declared_charset(data: bytes) -> tuple[str | None, tuple[str, ...]]:
    """The codec a ``<meta charset>`` names, when it is a character encoding; else None
    and, for a name that was given but cannot be honoured, a note saying so."""
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None, ()
    name = m.group(1).decode("ascii", "ignore")[:40]
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None, (f"unknown charset {name!r} declared; ignored",)
    if info.name.startswith(_WIDE):
        return None, ()
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_DOCUMENT_ENCODINGS:
        return None, (f"charset {name!r} is not a character encoding; ignored",)
    return info.name, ()


def _refuse_binary(data: bytes) -> None:
    """Refuse data that is clearly not text: many NUL or control bytes near the start."""
    head = data[:8192]
    if not head:
        return
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if head.count(0) > len(head) // 100 + 2 or controls > len(head) * 0.1:
        raise InputError("input looks like binary data, not text or HTML")
