"""Sourcing checks: unattributed claims, vague attribution, unattributed quotes, unsourced
statistics - the questions an editor asks first ("who says so?", "whose figure is that?").

Registered as a plugin through editcheck's own entry points (``sourcing``). Word lists are
package data in ``data/``, loaded once per process on first use.
"""

from __future__ import annotations

from editcheck.checkapi import Check, CheckContext, check
from editcheck.checks.sourcing.pipeline import run_sourcing
from editcheck.checks.sourcing.rules import RULES
from editcheck.document import Document
from editcheck.hookspecs import hookimpl


@check(*RULES, name="core.sourcing")
def sourcing(doc: Document, ctx: CheckContext) -> None:
    """Flag claims, quotes and figures with no source, and sources given only by role."""
    run_sourcing(doc, ctx)


@hookimpl
def editcheck_checks() -> list[Check]:
    return [sourcing]
