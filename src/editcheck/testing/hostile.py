"""Hostile drafts by class, built on demand: what a reporter's paste, a broken export or an
attacker can send a checker.

Each class is a family of inputs built from its own ingredients (runs of one character,
one phrase repeated, one markup construct nested or flooded, one declared charset), so a
check is held to the class and not to a handful of cases. ``benchmarks/hostile.py`` runs
them all through the CLI, the Python API and a live service and measures each; the test
suite runs a small ``scale`` of a few of each class. Plugin authors can run their own
checks over them:

    from editcheck.testing.hostile import hostile_cases
    for case in hostile_cases(scale=0.05):
        report = checker.check_bytes(case.data, media_type=case.media_type)

``scale`` multiplies every size (1.0: runs of about 100 KB, repeated phrases of about
200 KB, floods large enough for a quadratic step to show).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass

PLAIN = "text/plain"
HTML = "text/html"


@dataclass(frozen=True, slots=True)
class HostileCase:
    """One hostile draft: ``kind`` is its class, ``data`` the bytes sent."""

    name: str
    kind: str
    data: bytes
    media_type: str


# Characters whose long runs have tripped sentence splitters, quote pairing, tokenizers
# and patterns: punctuation, quotes, brackets, digits, every kind of space and line end,
# invisible and directional marks, combining marks, astral, CJK and right-to-left text.
RUN_CHARACTERS = (
    "!",
    "?",
    ".",
    ",",
    ";",
    ":",
    "-",
    "—",
    "–",
    "'",
    '"',
    "“",
    "”",
    "‘",
    "’",
    "«",
    "»",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "<",
    ">",
    "*",
    "#",
    "@",
    "/",
    "\\",
    "&",
    "%",
    "$",
    "£",
    "€",
    "_",
    "|",
    "~",
    "^",
    "=",
    "+",
    "0",
    "5",
    " ",
    "\t",
    "\n",
    "\r",
    "\r\n",
    "\n\t",
    "\f",
    "\v",
    "\u00a0",
    "\u2028",
    "\u200b",
    "\u200d",
    "\u202e",
    "\u2066",
    "\ufeff",
    "\u0301",
    "\U0001f600",
    "中",
    "ש",
    "A",
    "a",
    "é",
    "x ",
    "A. ",
    "! ",
    "3 ",
)

# Phrases whose repetition in one paragraph has made a rule scan from the paragraph's
# start per hit, or produce a finding per hit: figures, sourcing cues, hedges,
# placeholders, furniture, names, acronyms, quotes, links, dates, house-style words.
REPEATED_PHRASES = (
    "3 ",
    "5% ",
    "£1.5m ",
    "300,000 ",
    "1 in 4 ",
    "officials said and ",
    "critics claim it is doomed, ",
    "it is said that ",
    "according to ",
    "reportedly ",
    "some say ",
    "the man, who said so, added that ",
    "XX ",
    "TK ",
    "[citation needed] ",
    "Lorem ipsum ",
    "Click here to subscribe. ",
    "Advertisement ",
    "Share on Facebook ",
    "WHO ",
    "NATO (North Atlantic Treaty Organization) ",
    "Mr Smith, 56, a crane operator, said ",
    '"quote" ',
    "“unclosed ",
    "” ",
    "( ",
    "the the ",
    "Team ",
    "http://x.example/a?b=c ",
    "a@b.example ",
    "Monday, 3 March 2025 ",
    "10:45 ",
    "#hashtag ",
    "@handle ",
    "e.g. ",
    "U.S. ",
    "Dr. ",
    "No. 5 ",
    "3.14159 ",
    "1,2,3,4,5 ",
    "... ",
    "?! ",
    "Q: A: ",
    "By John Smith ",
    "Posted by Ann on 1 May ",
    "Copyright 2024 ",
    "Read more ",
    "Photo: AP ",
    "utilise ",
    "stated ",
    "per cent ",
    "twelve ",
    "Apollo 11 ",
    "Covid-19 ",
    "a\u200bb ",
    "\u202eevil ",
    "Ã© ",
    "Sentence one. Sentence two! ",
    "x, ",
    "Sales rose 5% to 300 units, officials said and ",
)

CHARSETS = (
    "rot13",
    "base64",
    "hex",
    "zlib",
    "bz2",
    "undefined",
    "idna",
    "uu",
    "quopri",
    "punycode",
    "utf-7",
    "utf-16",
    "utf-32",
    "utf-16-le",
    "cp037",
    "x-user-defined",
    "unicode_escape",
    "raw_unicode_escape",
    "mbcs",
    "latin-1",
    "koi8-r",
    "shift_jis",
    "gb18030",
    "big5",
    "iso-2022-jp",
    "utf-8-sig",
    "",
    "   ",
    "a" * 1000,
    'utf8"><script>x</script>',
    "utf-8\x00",
    "ascii",
)


def hostile_cases(scale: float = 1.0) -> list[HostileCase]:
    """Every hostile case at ``scale``; names are unique."""
    cases = [*_runs(scale), *_repeats(scale), *_markup(scale), *_charsets(), *_bytes(scale)]
    names = [c.name for c in cases]
    assert len(names) == len(set(names)), "hostile case names must be unique"
    return cases


def _size(base: int, scale: float) -> int:
    return max(1, int(base * scale))


def _runs(scale: float) -> Iterator[HostileCase]:
    """A long run of one character, in plain text and inside one HTML paragraph."""
    n = _size(100_000, scale)
    for ch in RUN_CHARACTERS:
        count = max(1, n // len(ch.encode()))
        run = ch * count
        shown = ch.encode("unicode_escape").decode()
        yield HostileCase(f"run of {count:,} {shown!r}", "run", f"Wow{run}x".encode(), PLAIN)
        body = f"<p>Wow{_html_text(run)}x</p>".encode()
        yield HostileCase(f"run of {count:,} {shown!r} in HTML", "run", body, HTML)


def _html_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _repeats(scale: float) -> Iterator[HostileCase]:
    """One phrase repeated: as one paragraph (HTML), and as one line each (plain text)."""
    n = _size(200_000, scale)
    for phrase in REPEATED_PHRASES:
        count = max(1, n // len(phrase.encode()))
        shown = phrase.encode("unicode_escape").decode()
        body = f"<p>{_html_text(phrase * count)}</p>".encode()
        yield HostileCase(f"{count:,} x {shown!r} in one paragraph", "repeat", body, HTML)
        lines = count // 4 or 1
        text = ("\n".join([phrase.strip() or phrase] * lines)).encode()
        yield HostileCase(f"{lines:,} lines of {shown!r}", "repeat", text, PLAIN)


def _markup(scale: float) -> Iterator[HostileCase]:
    """Markup nested, flooded or malformed."""
    deep = _size(20_000, scale)
    many = _size(20_000, scale)
    big = _size(100_000, scale)
    for tag in ("div", "span", "b", "blockquote", "ul", "table", "p", "a", "section", "font"):
        inner = "<li>x</li>" if tag == "ul" else "<tr><td>x" if tag == "table" else "x"
        body = f"<{tag}>" * deep + inner + f"</{tag}>" * deep
        yield HostileCase(f"{deep:,}-deep <{tag}>", "markup", body.encode(), HTML)
        yield HostileCase(
            f"{deep:,} unclosed <{tag}>", "markup", (f"<{tag}>said " * deep).encode(), HTML
        )
    floods: dict[str, Callable[[], str]] = {
        "empty paragraphs": lambda: "<p></p>" * many,
        "tiny paragraphs": lambda: "<p>x</p>" * many,
        "<br> flood": lambda: "<p>" + "a<br>" * many + "</p>",
        "comments": lambda: "<p>a</p>" + "<!-- c -->" * many,
        "suppression comments": lambda: "".join(
            f"<!-- editcheck-disable acme/r{i} --><p>Para {i} said so.</p>" for i in range(many)
        ),
        "unterminated comment": lambda: "<p>a</p><!-- " + "x" * big,
        "CDATA": lambda: "<p><![CDATA[" + "said ]]" * many + "]]></p>",
        "script text": lambda: "<p>Body.</p>" + "<script>'<p>16 died</p>'</script>" * many,
        "style text": lambda: "<p>Body.</p>" + "<style>p{content:'Ad'}</style>" * many,
        "noscript and template": lambda: (
            "<noscript><p>x</p></noscript><template>y</template>" * many
        ),
        "iframe srcdoc": lambda: '<iframe srcdoc="' + "&lt;p&gt;x" * many + '"></iframe>',
        "svg and math": lambda: "<svg><text>5%</text></svg><math><mi>x</mi></math>" * many,
        "table cells": lambda: "<table><tr>" + "<td>3 said</td>" * many + "</tr></table>",
        "list items": lambda: "<ul>" + "<li>Officials said 5%</li>" * many + "</ul>",
        "pre block": lambda: "<pre>" + "  code();\n" * many + "</pre>",
        "many attributes": lambda: "<p " + " ".join(f"a{i}=x" for i in range(many)) + ">x</p>",
        "huge class attribute": lambda: f'<p class="{"c " * big}">Said so.</p>',
        "huge style attribute": lambda: f'<p style="{"color:red;" * (big // 10)}">x</p>',
        "huge href": lambda: f'<p><a href="http://x/{"a" * big}">link</a></p>',
        "data: image": lambda: f'<p><img src="data:image/png;base64,{"A" * big}">x</p>',
        "huge data-editcheck-ignore": lambda: (
            f'<div data-editcheck-ignore="{" ".join(f"acme/r{i}" for i in range(big // 10))}">'
            + "<p>The council met.</p>" * (many // 10 or 1)
            + "</div>"
        ),
        "nested data-editcheck-ignore": lambda: (
            "".join(
                f'<div data-editcheck-ignore="acme/r{i}"><p>L {i}.</p>' for i in range(deep // 10)
            )
            + "</div>" * (deep // 10)
        ),
        "named entities": lambda: "<p>" + "&amp;&eacute;&nbsp;&hellip;" * many + "</p>",
        "numeric entities": lambda: "<p>" + "&#x1F600;&#8217;&#169;" * many + "</p>",
        "invalid entities": lambda: "<p>" + "&#0;&#xD800;&#99999999;&bogus;&" * many + "</p>",
        "DOCTYPE entity bomb": lambda: (
            '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
            '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;">'
            '<!ENTITY ext SYSTEM "http://127.0.0.1:9/x">]><p>&c;&c;&c; &ext;</p>'
        ),
        "processing instructions": lambda: "<?php echo 1; ?><p>x</p>" * many,
        "NUL in tags": lambda: "<p\x00 class=x>a\x00b</p\x00>" * many,
        "unquoted attribute soup": lambda: "<p a=b=c d='e f=\"g>" * many,
        "headings only": lambda: "<h1>BREAKING NEWS</h1>" * many,
        "mismatched close tags": lambda: "<p><b>a</i></p></b></div>" * many,
        "XML namespaces": lambda: '<html xmlns="x" xmlns:a="y"><a:p>x</a:p></html>' * many,
    }
    for name, make in floods.items():
        yield HostileCase(name, "markup", make().encode(), HTML)


def _charsets() -> Iterator[HostileCase]:
    """Declared charsets that are codecs but not text encodings, unknown or malformed."""
    for name in CHARSETS:
        shown = name if len(name) < 40 else name[:12] + "..."
        body = f'<meta charset="{name}"><p>Café owners said 5% left.</p>'.encode()
        yield HostileCase(f"<meta charset={shown!r}>", "charset", body, HTML)
    for name in ("rot13", "base64", "utf-16", "undefined"):
        body = (
            f'<meta http-equiv="Content-Type" content="text/html; charset={name}"><p>Café said.</p>'
        ).encode()
        yield HostileCase(f"http-equiv charset={name}", "charset", body, HTML)
        xml = f'<?xml version="1.0" encoding="{name}"?><p>Café said.</p>'.encode()
        yield HostileCase(f"XML declaration encoding={name}", "charset", xml, HTML)
    text = "<p>Café owners said 5% left.</p>"
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
        (b"\xff\xfe\x00\x00", "utf-32-le"),
    ):
        body = bom + text.encode(codec)
        yield HostileCase(f"BOM {bom.hex()} + {codec}", "charset", body, HTML)
    yield HostileCase("UTF-16 without a BOM", "charset", text.encode("utf-16-le"), HTML)
    yield HostileCase(
        "BOM that lies (UTF-8 BOM, cp1252 body)",
        "charset",
        b"\xef\xbb\xbf" + "Café said.".encode("cp1252"),
        PLAIN,
    )
    yield HostileCase("UTF-16 BOM, odd length", "charset", b"\xff\xfe" + b"a\x00b\x00c", PLAIN)


def _bytes(scale: float) -> Iterator[HostileCase]:
    """Bytes that are not text: random, invalid UTF-8 of each kind, control characters."""
    rng = random.Random(11)
    n = _size(1_000_000, scale)
    yield HostileCase("random bytes as HTML", "bytes", rng.randbytes(n), HTML)
    yield HostileCase("random bytes as text", "bytes", rng.randbytes(n), PLAIN)
    invalid = {
        "lone continuation bytes": b"\x80\x81\xbf said. ",
        "overlong encodings": b"\xc0\xaf\xe0\x80\xaf said. ",
        "encoded surrogates": b"\xed\xa0\x80\xed\xbf\xbf said. ",
        "truncated sequences": b"\xe2\x82 \xf0\x9f\x98 said. ",
        "bytes over U+10FFFF": b"\xf4\x90\x80\x80\xf8\x88\x80\x80\x80 said. ",
        "cp1252 quotes": b"\x93quoted\x94 and \x96 dash said. ",
        "NUL bytes": b"a\x00b\x00 said. ",
        "C0 controls": bytes(range(1, 32)) + b" said. ",
        "C1 controls": "".join(map(chr, range(0x80, 0xA0))).encode() + b" said. ",
        "ANSI escapes": b"\x1b[31mred\x1b[0m \x1b]0;title\x07 said. ",
    }
    for name, unit in invalid.items():
        data = unit * max(1, n // 10 // len(unit))
        yield HostileCase(f"{name} (text)", "bytes", data, PLAIN)
    yield HostileCase("empty draft", "bytes", b"", PLAIN)
    yield HostileCase("empty HTML", "bytes", b"", HTML)
    yield HostileCase("only whitespace", "bytes", b" \n\t\r\n" * (n // 50 or 1), PLAIN)
