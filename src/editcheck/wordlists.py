"""Word and pattern lists shipped as package data: one entry per line, ``#`` comments,
``[name]`` headings that start a section. One reader for every list, so a standards
editor's file has one syntax wherever it is read."""

from __future__ import annotations

from importlib import resources


def read_sections(package: str, *path: str) -> dict[str, list[str]]:
    """The entries of a packaged list file by section, in file order."""
    text = resources.files(package).joinpath(*path).read_text("utf-8")
    sections: dict[str, list[str]] = {}
    current: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
        else:
            current.append(line)
    return sections
