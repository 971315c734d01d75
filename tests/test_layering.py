"""The import rules of ../shared/DESIGN.md, checked on the source: no room imports a room
above it, checks never import each other, and no face imports another face.

Every ``import`` counts, including those inside functions (lazy imports) and under
``TYPE_CHECKING``: a dependency is a dependency even when it is deferred.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"

# room -> the rooms it may import (besides itself). A room is editcheck.NAME.
MAY_IMPORT: dict[str, set[str]] = {
    "errors": set(),
    "wordlists": set(),
    "language": set(),
    "version": set(),
    "annotations": set(),
    "budget": set(),
    "dismissals": {"errors"},
    "document": {"annotations", "errors", "language"},
    "config": {"annotations", "errors"},
    "checkapi": {"annotations", "document", "errors"},
    "selectors": {"checkapi", "errors"},
    "hookspecs": {"checkapi", "formats"},  # the types the hooks return
    "formats": {"annotations", "checkapi", "hookspecs", "version"},
    "checks": {
        "annotations",
        "archive",
        "checkapi",
        "document",
        "errors",
        "hookspecs",
        "wordlists",
    },
    "plugins": {"checkapi", "errors", "formats", "hookspecs", "selectors"},
    "runner": {
        "annotations",
        "budget",
        "checkapi",
        "config",
        "document",
        "errors",
        "language",
        "selectors",
        "version",
    },
    "api": {"annotations", "config", "document", "errors", "plugins", "runner"},
    "run": {"annotations", "api", "checkapi", "config", "document", "errors", "version"},
    "archive": {"config", "document", "errors", "run.inputs", "wordlists"},
    "fixes": {"annotations", "api", "document", "errors"},
    "audit": {"annotations", "archive", "dismissals", "run", "version"},
    "testing": {"annotations", "api", "checkapi", "checks", "config", "document", "runner"},
    "pytest_plugin": {"testing"},
    "service": {
        "annotations",
        "api",
        "config",
        "dismissals",
        "document",
        "errors",
        "fixes",
        "plugins",
        "run",
        "version",
    },
    # the language server: a face like service/, building its checker as run.settings does
    "lsp": {"annotations", "api", "config", "document", "errors", "run", "version"},
    "cli": {
        "annotations",
        "api",
        "archive",
        "audit",
        "config",
        "dismissals",
        "errors",
        "fixes",
        "formats",
        "lsp",
        "plugins",
        "run",
        "selectors",
        "service",
        "version",
    },
    "__main__": {"cli"},
}
# Modules of the checks room that several check families share (data, not rules).
SHARED_CHECK_MODULES = {"editcheck.checks.syllables", "editcheck.checks.prose"}
# The package's public face re-exports the API types.
PUBLIC = {"annotations", "api", "checkapi", "document", "errors", "hookspecs", "version"}


def modules() -> Iterator[tuple[str, Path]]:
    for path in sorted((SRC / "editcheck").rglob("*.py")):
        parts = path.relative_to(SRC).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        yield name, path


def imports(path: Path, name: str) -> set[str]:
    """Every editcheck module ``path`` imports, as absolute dotted names."""
    found = set()
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("editcheck"))
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            if base == "editcheck":  # from editcheck import budget -> editcheck.budget
                found.update(f"editcheck.{a.name}" for a in node.names)
            elif base.startswith("editcheck"):
                found.add(base)
    return found


def room(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else ""


def allowed(source: str, target: str) -> bool:
    src, dst = room(source), room(target)
    if not src:
        return dst in PUBLIC
    if src == dst:
        return True
    rules = MAY_IMPORT[src]
    return dst in rules or any(target == f"editcheck.{r}" for r in rules if "." in r)


ALL = list(modules())


@pytest.mark.parametrize(("name", "path"), ALL, ids=[n for n, _ in ALL])
def test_no_module_imports_a_room_above_it(name: str, path: Path) -> None:
    assert room(name) in MAY_IMPORT or not room(name), f"{name}: add its room to MAY_IMPORT"
    bad = sorted(t for t in imports(path, name) if not allowed(name, t))
    assert not bad, f"{name} imports {bad}"


def test_check_families_never_import_each_other() -> None:
    for name, path in ALL:
        if room(name) != "checks" or name.count(".") < 2:
            continue
        family = name.split(".")[2]
        for target in imports(path, name):
            if room(target) != "checks" or target.count(".") < 2:
                continue
            other = target.split(".")[2]
            assert other == family or target in SHARED_CHECK_MODULES, f"{name} -> {target}"


def test_no_face_imports_another() -> None:
    """CLI commands share only cli.common; the service never reaches into the CLI."""
    for name, path in ALL:
        targets = imports(path, name)
        if room(name) == "cli" and name not in ("editcheck.cli", "editcheck.cli.common"):
            commands = {t for t in targets if room(t) == "cli"} - {"editcheck.cli.common"}
            assert not commands, f"{name} imports the commands {sorted(commands)}"
        if room(name) != "cli" and name != "editcheck.__main__":
            assert not {t for t in targets if room(t) == "cli"}, f"{name} imports the CLI"
        if room(name) not in ("service", "cli"):
            assert not {t for t in targets if room(t) == "service"}, f"{name} imports service"


def test_the_rules_see_every_room() -> None:
    """A new room must be placed in the table, not slip past it."""
    rooms = {room(n) for n, _ in ALL} - {""}
    assert rooms <= set(MAY_IMPORT), sorted(rooms - set(MAY_IMPORT))
