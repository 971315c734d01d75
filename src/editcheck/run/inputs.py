"""What a run reads: draft files given as paths, folders, globs or a list file.

One walk for ``check``, ``audit``, the Dask engine and ``archive learn``, so every command
picks up the same files from the same folder (the suffixes the document loader reads).
"""

from __future__ import annotations

import glob
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from editcheck.document import DRAFT_SUFFIXES

STDIN = "-"


def walk(folder: Path, skipped: Counter[str] | None = None) -> Iterator[Path]:
    """The draft files under ``folder``, recursively, sorted; other files are counted by
    suffix in ``skipped`` so the run can name what it did not read."""
    for found in sorted(folder.rglob("*")):
        if not found.is_file():
            continue
        if found.suffix.lower() in DRAFT_SUFFIXES:
            yield found
        elif skipped is not None and not found.name.startswith("."):
            skipped[found.suffix.lower() or "(no extension)"] += 1


def readable_suffixes() -> str:
    """The suffixes a folder walk picks up, for messages: ``.htm, .html, .txt``."""
    return ", ".join(sorted(DRAFT_SUFFIXES))


def skipped_line(skipped: Counter[str]) -> str:
    """``3 files not read (.docx 2, .pdf 1): editcheck reads .htm, .html, .txt``."""
    total = sum(skipped.values())
    kinds = ", ".join(f"{suffix} {n}" for suffix, n in sorted(skipped.items()))
    return (
        f"{total} file{'s' if total != 1 else ''} in the folders given not read ({kinds}): "
        f"editcheck reads {readable_suffixes()}"
    )


def read_path_list(path: Path) -> Iterator[str]:
    """Paths from a list file, one a line; blank lines and ``#`` comments are skipped."""
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            line = line.strip()
            if line and not line.startswith("#"):
                yield line


def expand_inputs(
    paths: Iterable[str | Path],
    from_list: Path | None = None,
    *,
    absolute: bool = False,
    skipped: Counter[str] | None = None,
) -> Iterator[str]:
    """Files as given, folders walked and globs expanded (sorted); then the list file's
    paths as they are (for a cluster they name files where the workers run).

    ``-`` (standard input) passes through. A path that neither exists nor matches is
    passed on too, so it becomes an unreadable input, never a silent skip. ``absolute``
    makes paths absolute, for workers whose working directory is not the client's.
    ``skipped`` counts, by suffix, the files in folders that are not drafts.
    """
    for raw in paths:
        if str(raw) == STDIN:
            yield STDIN
            continue
        path = Path(raw).absolute() if absolute else Path(raw)
        if path.is_dir():
            yield from (str(p) for p in walk(path, skipped))
        elif not path.exists() and glob.has_magic(str(raw)):
            matches = sorted(glob.glob(str(path), recursive=True))
            for match in matches:
                found = Path(match)
                yield from (str(p) for p in walk(found, skipped)) if found.is_dir() else (match,)
            if not matches:
                yield str(path)
        else:
            yield str(path)
    if from_list is not None:
        yield from read_path_list(from_list)
