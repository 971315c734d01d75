"""The archive index: how often each paragraph and sentence recurs across a site's articles.

``editcheck boilerplate learn`` fills it, ``core/archive-boilerplate`` reads it while
checking, ``editcheck boilerplate stats`` shows it. Passages are fingerprinted after
normalisation so near-duplicates share a counter (see :mod:`.normalize` for the choice);
the counters live in one SQLite file (see :mod:`.store`).

    from editcheck.archive import IndexWriter, open_index
    with IndexWriter("archive.sqlite") as index:
        index.add(doc)
    open_index("archive.sqlite").counts([key])
"""

from editcheck.archive.learn import LearnResult, learn_paths
from editcheck.archive.normalize import key_of
from editcheck.archive.passages import Passage, document_key, passages
from editcheck.archive.reader import IndexReader, close_all, open_index
from editcheck.archive.store import ArchiveIndexError
from editcheck.archive.writer import IndexWriter

__all__ = [
    "ArchiveIndexError",
    "IndexReader",
    "IndexWriter",
    "LearnResult",
    "Passage",
    "close_all",
    "document_key",
    "key_of",
    "learn_paths",
    "open_index",
    "passages",
]
