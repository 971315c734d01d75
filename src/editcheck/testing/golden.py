"""Golden cases: drafts in a folder, each beside the annotations it is expected to get.

Black-style: a folder holds ``story.txt`` (or ``.html``/``.htm``) beside
``story.expected.json``. A new draft dropped into the folder fails until
``pytest --update-golden`` writes its expected file; afterwards any change in what the
checks say about it fails with the missing and the new annotations listed.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from editcheck.annotations import Report
from editcheck.document import DRAFT_SUFFIXES
from editcheck.testing.running import CheckSource, run_check

GOLDEN_FIELDS = ("rule", "text", "line", "column", "severity", "message", "suggestion")
EXPECTED_SUFFIX = ".expected.json"

View = Callable[[Report], dict[str, Any]]


def golden_cases(folder: str | Path) -> list[Path]:
    """Drafts in ``folder`` (recursively) that are golden cases: every .txt/.html/.htm and
    .md/.markdown, except a folder's ``README.md`` (it describes the cases, it is not one).

    Two drafts with one stem in one folder (``a.txt``, ``a.html``) would share an
    expected file, so they are an error.
    """
    drafts = sorted(
        p
        for p in Path(folder).rglob("*")
        if p.suffix in DRAFT_SUFFIXES and p.is_file() and p.name.lower() != "readme.md"
    )
    seen: dict[Path, Path] = {}
    for draft in drafts:
        expected = expected_path(draft)
        if expected in seen:
            raise ValueError(f"{seen[expected]} and {draft} would share {expected.name}")
        seen[expected] = draft
    return drafts


def expected_path(draft: Path) -> Path:
    """Where the expected annotations of ``draft`` live: ``NAME.expected.json`` beside it."""
    return draft.with_name(draft.stem + EXPECTED_SUFFIX)


def golden_view(report: Report) -> dict[str, Any]:
    """What a golden file keeps of a report by default: the annotations' main fields and
    the names of checks that failed (positions beyond line and column may move freely)."""
    return {
        "annotations": [{k: a.to_dict()[k] for k in GOLDEN_FIELDS} for a in report.annotations],
        "errors": [e.check for e in report.errors],
    }


def report_view(report: Report) -> dict[str, Any]:
    """The whole report as JSON (offsets, xpaths, data, stats, notes) without what depends
    on the machine (the draft's path, editcheck's version): the strictest golden."""
    return {k: v for k, v in report.to_dict().items() if k not in ("source", "editcheck_version")}


def check_golden(
    draft: str | Path,
    source: CheckSource = None,
    *,
    update: bool = False,
    expected: str | Path | None = None,
    view: View = golden_view,
    **kwargs: Any,
) -> None:
    """Compare ``draft``'s report, as ``view`` sees it, with its expected file.

    The expected file is ``<draft stem>.expected.json`` beside the draft, or ``expected``
    (for a draft kept elsewhere). With ``update`` (pytest ``--update-golden``) the file is
    written instead: review the diff before committing it. A missing file is an error that
    says how to create it. ``kwargs`` are :func:`run_check`'s (``options``, ``select``).
    """
    draft = Path(draft)
    path = Path(expected) if expected is not None else expected_path(draft)
    got = view(run_check(source, draft, **kwargs))
    if update:
        path.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n", "utf-8")
        return
    if not path.is_file():
        raise AssertionError(
            f"{draft.name}: {path.name} is missing; run pytest with --update-golden to "
            "write it, then review it before committing"
        )
    want = json.loads(path.read_text("utf-8"))
    if got != want:
        raise AssertionError(_differences(draft.name, path.name, want, got))


def _differences(draft: str, expected: str, want: dict[str, Any], got: dict[str, Any]) -> str:
    """Which annotations went missing or are new, and which other fields changed."""
    lines = [f"{draft}: the report differs from {expected}"]
    old, new = want.get("annotations", []), got.get("annotations", [])
    missing = [a for a in old if a not in new]
    extra = [a for a in new if a not in old]
    if missing or extra:
        lines += [f"  expected but missing: {missing}", f"  new: {extra}"]
    elif old != new:
        lines.append("  the same annotations in another order")
    for key in sorted((want.keys() | got.keys()) - {"annotations"}):
        if want.get(key) != got.get(key):
            lines.append(f"  {key}: expected {want.get(key)!r}, got {got.get(key)!r}")
    return "\n".join(lines)
