"""What a run reads: draft files given as paths, folders, globs or a list file.

One walk for ``check``, ``audit``, the Dask engine and ``archive learn``, so every command
picks up the same files from the same folder (the suffixes the document loader reads).
"""

from __future__ import annotations

import glob
from collections.abc import Iterable, Iterator
from pathlib import Path

from editcheck.document import DRAFT_SUFFIXES

STDIN = "-"


def walk(folder: Path) -> Iterator[Path]:
    """The draft files under ``folder``, recursively, sorted."""
    for found in sorted(folder.rglob("*")):
        if found.suffix.lower() in DRAFT_SUFFIXES and found.is_file():
            yield found


def read_path_list(path: Path) -> Iterator[str]:
    """Paths from a list file, one a line; blank lines and ``#`` comments are skipped."""
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            line = line.strip()
            if line and not line.startswith("#"):
                yield line


def expand_inputs(
    paths: Iterable[str | Path], from_list: Path | None = None, *, absolute: bool = False
) -> Iterator[str]:
    """Files as given, folders walked and globs expanded (sorted); then the list file's
    paths as they are (for a cluster they name files where the workers run).

    ``-`` (standard input) passes through. A path that neither exists nor matches is
    passed on too, so it becomes an unreadable input, never a silent skip. ``absolute``
    makes paths absolute, for workers whose working directory is not the client's.
    """
    for raw in paths:
        if str(raw) == STDIN:
            yield STDIN
            continue
        path = Path(raw).absolute() if absolute else Path(raw)
        if path.is_dir():
            yield from (str(p) for p in walk(path))
        elif not path.exists() and glob.has_magic(str(raw)):
            matches = sorted(glob.glob(str(path), recursive=True))
            for match in matches:
                found = Path(match)
                yield from (str(p) for p in walk(found)) if found.is_dir() else (match,)
            if not matches:
                yield str(path)
        else:
            yield str(path)
    if from_list is not None:
        yield from read_path_list(from_list)
