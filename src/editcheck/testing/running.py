"""Run checks on a string or a draft file, as a real run would, and pick out what they flag.

The plugin author's kit builds on this module: :func:`run_check` plans the run (rule
options as editcheck.toml would set them), lets each check prepare what its options name
(an archive index) and runs the checks in the runner's error and time boundaries, so a
test sees what a user would.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from editcheck.annotations import Annotation, Report
from editcheck.checkapi import Check
from editcheck.document import Document, load_bytes, load_html, load_text, media_type_for

CheckSource = Any  # a Check, a plugin module, a house-style .toml path, a list, or None

# Markup at the start: a tag, an end tag, a comment, a doctype or an XML declaration.
# "<3 hearts" or "< 5 people" is text.
_STARTS_WITH_MARKUP = re.compile(r"\s*<[A-Za-z!/?]")


def looks_like_html(draft: str) -> bool:
    """True when ``draft`` starts with markup (after leading whitespace).

    This is how the kit decides that a string (a test's draft, a rule's ``flags`` or
    ``passes`` example) is HTML: ``"<p>One.</p><p><br></p>"`` is parsed as HTML,
    ``"Tom&nbsp;Smith"`` and ``"<3 hearts"`` as plain text.
    """
    return _STARTS_WITH_MARKUP.match(draft) is not None


def checks_from(source: CheckSource) -> list[Check]:
    """The checks ``source`` declares: a Check, a plugin module or object (its
    ``editcheck_checks`` / ``editcheck_house_style_files`` hooks), a house-style file, a
    list of these, or None for every installed plugin."""
    if source is None:
        from editcheck.api import plugins_for
        from editcheck.config import Config

        return list(plugins_for(Config()).checks)
    if isinstance(source, Check):
        return [source]
    if isinstance(source, (str, Path)):
        from editcheck.checks.housestyle import house_style_check

        return [house_style_check(source)]
    if isinstance(source, (list, tuple)):
        return [c for item in source for c in checks_from(item)]
    found = list(getattr(source, "editcheck_checks", lambda: [])() or [])
    files: list[Any] = getattr(source, "editcheck_house_style_files", lambda: [])() or []
    if files:
        from editcheck.checks.housestyle import checks_from_files

        name = getattr(source, "__name__", "plugin").rsplit(".", 1)[-1].replace("_", "-")
        found += checks_from_files(files, namespace=name.lower())
    if not found:
        raise TypeError(f"{source!r} declares no checks")
    return found


def load_draft(draft: str | Path, html: bool | None = None) -> Document:
    """Parse ``draft``: a Path is read as a draft file (HTML by its suffix or content), a
    string is HTML when ``html`` says so or, with ``html=None``, when it starts with
    markup (:func:`looks_like_html`)."""
    if isinstance(draft, Path):
        data = draft.read_bytes()
        return load_bytes(data, media_type_for(draft, data), source=str(draft))
    if html or (html is None and looks_like_html(draft)):
        return load_html(draft)
    return load_text(draft)


def run_check(
    source: CheckSource,
    draft: str | Path,
    *,
    html: bool | None = None,
    options: Mapping[str, Mapping[str, Any]] | None = None,
    select: Iterable[str] = (),
) -> Report:
    """Run the checks of ``source`` on ``draft`` (text, or a Path to a draft file).

    ``html`` parses a string as HTML (default: when it starts with markup, see
    :func:`looks_like_html`); ``options`` sets rule options as editcheck.toml would:
    ``{"acme/x": {"max": 2}}``. A bad option, or a file an option names that cannot be
    opened, raises :class:`editcheck.EditcheckError` before the draft is checked.
    """
    return run_document(source, load_draft(draft, html), options=options, select=select)


def run_document(
    source: CheckSource,
    doc: Document,
    *,
    options: Mapping[str, Mapping[str, Any]] | None = None,
    select: Iterable[str] = (),
) -> Report:
    """:func:`run_check` on a document already parsed (by :func:`load_draft`)."""
    from editcheck.config import parse_config
    from editcheck.runner import plan_run, preflight, run_checks

    config = parse_config({"rules": {k: dict(v) for k, v in (options or {}).items()}})
    plan = plan_run(checks_from(source), config, select=tuple(select))
    preflight(plan)
    return run_checks(doc, plan)


def selects(rule: str | None, annotation: Annotation) -> bool:
    """Whether ``annotation`` is of ``rule``: a rule id, ``category:NAME``, or None (any)."""
    if rule is None:
        return True
    if rule.startswith("category:"):
        return annotation.category == rule.split(":", 1)[1]
    return annotation.rule == rule


def of_rule(report: Report, rule: str | None) -> list[Annotation]:
    """The annotations of ``report`` that are of ``rule`` (see :func:`selects`)."""
    return [a for a in report.annotations if selects(rule, a)]


def flagged(report: Report, rule: str | None = None) -> list[str]:
    """The texts flagged in ``report`` (by ``rule``, an id or ``category:NAME``)."""
    return [a.text for a in of_rule(report, rule)]


def describe(report: Report, rule: str | None) -> str:
    """What ``report`` flagged (of ``rule``) and which checks failed: for failure messages."""
    found = [f"{a.rule}: {a.text!r}" for a in of_rule(report, rule)]
    errors = [f"{e.check}: {e.message}" for e in report.errors]
    return f"flagged: {found or 'nothing'}" + (f"; check errors: {errors}" if errors else "")


def find_text(text: str, needle: str, occurrence: int = 1, where: str = "draft") -> int:
    """The offset of the ``occurrence``-th ``needle`` in ``text``; ValueError if absent."""
    pos = -1
    for _ in range(occurrence):
        pos = text.find(needle, pos + 1)
        if pos < 0:
            raise ValueError(f"{where}: text {needle!r} (occurrence {occurrence}) not in draft")
    return pos
