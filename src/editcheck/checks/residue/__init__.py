"""The page-residue family: what copy-paste from a web page or a CMS leaves in a draft.

Three checks share the family's rules (:mod:`.rules`): block-level residue
(:mod:`.lines`), runs of blank lines (:mod:`.blank`) and, for whole pasted pages, page
furniture (:mod:`.furniture`).
"""

from __future__ import annotations

from editcheck.annotations import Fix
from editcheck.checkapi import Check, CheckContext, check
from editcheck.checks.residue import furniture
from editcheck.checks.residue import rules as R
from editcheck.checks.residue.blank import empty_lines
from editcheck.checks.residue.lines import (
    Reporter,
    block_residue,
    compile_allow,
    whole_line_residue,
)
from editcheck.document import Document
from editcheck.hookspecs import hookimpl

__all__ = ["editcheck_checks"]

_WHOLE_LINE_RULES = (R.INTERFACE_STRING.id, R.ORPHAN_COUNTER.id)
# Furniture verdicts whose deletion is not safe enough to apply unasked: on the 181 shared
# pages a fifth of the "link list" blocks and most "comment thread" and "between
# furniture" ones are article copy (benchmarks/quality_fix.py). They keep their fix, as a
# suggestion an editor applies one by one.
_UNSURE_FURNITURE = frozenset({furniture.THREAD, "a link list", "a short block between furniture"})


@check(
    R.STRAY_TIMESTAMP,
    R.ORPHAN_COUNTER,
    R.BROKEN_MARKUP,
    R.INTERFACE_STRING,
    R.PLACEHOLDER,
    R.INVISIBLE_CHARACTER,
    R.MOJIBAKE,
    name="core.residue",
)
def residue(doc: Document, ctx: CheckContext) -> None:
    """Timestamps, counters, broken markup, interface text, placeholders, invisible
    characters, mojibake."""
    block_residue(doc, ctx)


@check(R.EMPTY_LINES, name="core.empty-lines")
def blank_runs(doc: Document, ctx: CheckContext) -> None:
    """Runs of empty paragraphs or blank lines."""
    empty_lines(doc, ctx)


@check(R.PAGE_FURNITURE, name="core.page-furniture")
def page_furniture(doc: Document, ctx: CheckContext) -> None:
    """Blocks of a pasted web page that are its chrome."""
    if not furniture.looks_like_page(doc):
        return
    opts = ctx.options(R.PAGE_FURNITURE.id)
    keep = compile_allow(tuple(opts.get("keep-lines", ())))
    own_rules = ctx.enabled(R.INTERFACE_STRING.id) and ctx.enabled(R.ORPHAN_COUNTER.id)
    allows = Reporter(ctx)
    for verdict in furniture.classify(doc):
        block = verdict.block
        if keep is not None and verdict.inside and keep.search(block.text):
            continue  # a byline or credit the article itself carries
        if (
            own_rules
            and verdict.inside
            and verdict.reason != furniture.THREAD
            and whole_line_residue(block)
            and not any(allows.allowed(r, block.text) for r in _WHOLE_LINE_RULES)
        ):
            continue  # in the article, an interface string or a counter is annotated once
        ctx.report_in(
            R.PAGE_FURNITURE.id,
            block,
            0,
            len(block.text),
            f"Looks like page furniture ({verdict.reason}), not article copy.",
            suggestion="",
            data={"reason": verdict.reason},
            fix=Fix("delete", safe=verdict.reason not in _UNSURE_FURNITURE),
        )


@hookimpl
def editcheck_checks() -> list[Check]:
    return [residue, blank_runs, page_furniture]
