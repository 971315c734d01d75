"""Learning an archive from files: walk folders, parse each article with the document model.

Articles are parsed exactly as drafts are (``editcheck.document.load_bytes``), so a
passage is cut up and normalised the same way when it is counted and when it is checked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from editcheck.archive.writer import IndexWriter
from editcheck.config import DEFAULT_MAX_BYTES
from editcheck.document import load_bytes, media_type_for
from editcheck.errors import InputError
from editcheck.run.inputs import expand_inputs


@dataclass
class LearnResult:
    """What one ``learn`` run did."""

    added: int = 0
    known: int = 0
    unreadable: list[str] = field(default_factory=list)


def learn_paths(
    index: Path | str,
    paths: Iterable[str | Path],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_unreadable: Callable[[Path, str], None] | None = None,
) -> LearnResult:
    """Add every article under ``paths`` to ``index`` (created if missing)."""
    result = LearnResult()
    with IndexWriter(index) as writer:
        for path in map(Path, expand_inputs(paths)):
            try:
                data = path.read_bytes()
                doc = load_bytes(
                    data, media_type_for(path, data), source=str(path), max_bytes=max_bytes
                )
            except (OSError, InputError) as exc:
                reason = exc.strerror if isinstance(exc, OSError) else str(exc)
                result.unreadable.append(str(path))
                if on_unreadable is not None:
                    on_unreadable(path, reason or str(exc))
                continue
            writer.add(doc, str(path))
        result.added, result.known = writer.added, writer.known
    return result
