"""Readability's scoring against textstat's own, on distinct drafts each scored once.

    python benchmarks/speed_readability.py            # 400 corpus drafts of 1,000 words

Both paths give the same scores (tests/checks/test_readability.py holds them to it); this
says what the shortcut saves. textstat caches its counts by the text, so no text is
scored by both paths: four sets of 100 drafts, scored textstat, editcheck, editcheck,
textstat. Both look syllables up in the same shipped table, filled for every draft's
words first, so neither pays pyphen for a word the other has seen. CPU time
(``process_time``) per draft, with the load average.
"""

from __future__ import annotations

import re
import sys
import time

from corpus import drafts
from measure import loadavg

from editcheck.checks import readability, syllables
from editcheck.document import load_html, load_text


def main() -> None:
    import textstat

    syllables.install()
    texts = []
    for d in drafts(1000, 400):
        doc = load_html(d.content) if d.kind == "html" else load_text(d.content)
        texts.append(" ".join(s.text for s in readability._prose(doc)))
    table = syllables.english()
    for text in texts:
        for word in re.sub(r"[^\w\s']", "", text).lower().split():
            table[word]  # noqa: B018 (fills the shared table)

    def textstat_scores(text: str) -> object:
        return textstat.flesch_reading_ease(text), textstat.flesch_kincaid_grade(text)

    sets = [texts[i * 100 : (i + 1) * 100] for i in range(4)]
    order = [textstat_scores, readability.flesch_scores, readability.flesch_scores,
             textstat_scores]
    print(f"load average {loadavg()} at start", file=sys.stderr)
    for scorer, batch in zip(order, sets, strict=True):
        start = time.process_time()
        for text in batch:
            scorer(text)
        ms = (time.process_time() - start) / len(batch) * 1000
        name = "textstat" if scorer is textstat_scores else "editcheck flesch_scores"
        print(f"{name:24s} {len(batch)} distinct drafts: {ms:.3f} ms CPU a draft")
    print(f"load average {loadavg()} at end", file=sys.stderr)


if __name__ == "__main__":
    main()
