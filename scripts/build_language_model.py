"""Build src/editcheck/data/language-model.bin from py3langid's model (a development step).

editcheck detects a draft's language with langid.py's model (Lui and Baldwin, shipped by
py3langid, BSD-3-Clause), but not with py3langid itself: loading its 4.5 MB xz model for
97 languages takes half a second of CPU and numpy, on every cold ``editcheck check``.
This script keeps what editcheck needs, once, offline:

- langid.py's model is a byte n-gram automaton: after each byte of the text it is in the
  state of the longest suffix (up to 6 bytes) that is a node of its trie, and that state
  names one feature with a log-probability per language. A breadth-first walk recovers
  each state's byte string, so the automaton becomes a table ``suffix -> weights``;
- only the languages in ``LANGUAGES`` are kept; each feature's weights are centred on
  their best language and quantised (``SCALE`` steps per nat, 10 bits), so a feature that
  does not tell these languages apart weighs nothing;
- a node goes when it would weigh what its fallback (its longest shorter suffix left in
  the table) weighs: lookups then give the same total as the full table;
- nodes that hold bytes no text in these (Latin-script) languages has are dropped, and so
  are the few 6-byte ones (22): the detector looks at most 5 bytes back.

Each value is the 14 quantised weights packed into one integer (20-bit fields), so a
draft's score is one sum of integers. The result scores 276/276 on fixtures/languages
(benchmarks/quality_language.py), as py3langid restricted to the same languages does.

    python -m venv /tmp/lm && /tmp/lm/bin/pip install py3langid numpy
    /tmp/lm/bin/python scripts/build_language_model.py

The output is deterministic; the test suite reads it, never this script.
"""

from __future__ import annotations

import json
import zlib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "editcheck" / "data" / "language-model.bin"
LANGUAGES = ("en", "es", "fr", "de", "pt", "it", "nl", "ca", "gl", "sv", "da", "no", "pl", "ro")
SCALE = 4  # quantisation steps per nat
MIN_SPREAD = 2  # a feature whose weights differ by less (in steps) weighs nothing
BITS = 20  # one language's field in a packed value: 480 bytes x 1023 < 2**20
MAX_KEY = 5
# Bytes of UTF-8 text in the kept languages: ASCII, continuation bytes, and the lead bytes
# of Latin-1 Supplement, Latin Extended-A, Romanian's comma letters and punctuation.
LATIN = frozenset(range(0xC0)) | {0xC2, 0xC3, 0xC4, 0xC5, 0xC8, 0xE2}


def states(nextmove: Any, rows: Any, count: int) -> tuple[list[bytes], list[int]]:
    """Each automaton state's byte string (its trie node) and depth, breadth first."""
    import numpy as np

    path: list[bytes | None] = [None] * count
    depth = np.full(count, -1)
    path[0], depth[0] = b"", 0
    frontier = np.array([0])
    level = 0
    while len(frontier):
        moves = nextmove[(rows[frontier].astype(np.int64)[:, None] << 8) + np.arange(256)]
        found = []
        for i, state in enumerate(frontier):
            prefix = path[state]
            assert prefix is not None
            for byte in np.nonzero(depth[moves[i]] == -1)[0]:
                target = int(moves[i, byte])
                if depth[target] == -1:
                    depth[target] = level + 1
                    path[target] = prefix + bytes([int(byte)])
                    found.append(target)
        frontier = np.array(found, dtype=np.int64)
        level += 1
    assert all(p is not None for p in path), "a state the walk did not reach"
    return [p for p in path if p is not None], depth.tolist()


def build() -> dict[str, Any]:
    import numpy as np
    from py3langid.langid import MODEL_DIR, MODEL_FILE
    from py3langid.modelio import load_model

    ptc, pc, classes, nextmove, rows, out = load_model(MODEL_DIR / MODEL_FILE)
    paths, depth = states(np.asarray(nextmove), np.asarray(rows), len(rows))
    columns = [list(classes).index(code) for code in LANGUAGES]
    weights = np.asarray(ptc, dtype=np.float32)[:, columns]
    zero = (0,) * len(LANGUAGES)
    values: list[tuple[int, ...]] = []
    for state, feature in enumerate(out):
        if feature < 0 or not set(paths[state]) <= LATIN or len(paths[state]) > MAX_KEY:
            values.append(zero)
            continue
        w = weights[feature]
        q = np.clip(np.round((w.max() - w) * SCALE), 0, 1023).astype(int)
        values.append(zero if q.max() < MIN_SPREAD else tuple(int(x) for x in q))
    kept: dict[bytes, tuple[int, ...]] = {}
    for state in sorted(range(1, len(paths)), key=lambda s: (depth[s], paths[s])):
        key = paths[state]
        if len(key) > MAX_KEY:
            continue
        fallback = next(
            (kept[key[-n:]] for n in range(len(key) - 1, 0, -1) if key[-n:] in kept), zero
        )
        if values[state] != fallback:
            kept[key] = values[state]
    prior = np.round((pc[columns].max() - pc[columns]) * SCALE).astype(int).tolist()
    return {"kept": kept, "prior": prior}


def pack(q: tuple[int, ...]) -> int:
    value = 0
    for i, x in enumerate(q):
        value |= x << (BITS * i)
    return value


def write(kept: dict[bytes, tuple[int, ...]], prior: list[int]) -> bytes:
    """Header (one JSON line), then per key length: the keys end to end, then each key's
    packed value in ``BITS * len(LANGUAGES) / 8`` little-endian bytes, all zlib-compressed."""
    width = BITS * len(LANGUAGES) // 8
    groups = {n: sorted(k for k in kept if len(k) == n) for n in range(1, MAX_KEY + 1)}
    header = {
        "format": "editcheck-language-model/1",
        "source": "langid.py model as shipped by py3langid (BSD-3-Clause: (c) 2011 Marco Lui; "
        "fork (c) 2021 Adrien Barbaresi); see language-model.LICENSE",
        "languages": list(LANGUAGES),
        "scale": SCALE,
        "bits": BITS,
        "width": width,
        "prior": prior,
        "counts": {str(n): len(keys) for n, keys in groups.items()},
    }
    body = [json.dumps(header, sort_keys=True).encode() + b"\n"]
    for n in range(1, MAX_KEY + 1):
        body.append(b"".join(groups[n]))
    for n in range(1, MAX_KEY + 1):
        body.append(b"".join(pack(kept[k]).to_bytes(width, "little") for k in groups[n]))
    return zlib.compress(b"".join(body), 9)


def main() -> None:
    model = build()
    OUT.write_bytes(write(model["kept"], model["prior"]))
    print(
        f"wrote {OUT.relative_to(ROOT)}: {len(model['kept'])} suffixes, {OUT.stat().st_size} bytes"
    )


if __name__ == "__main__":
    main()
