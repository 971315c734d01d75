"""Runs of empty paragraphs and blank lines, and lines holding only whitespace.

A pasted page often ends in dozens of empty paragraphs; one annotation per run (at its
first line, with the run's length in ``data``) tells the editor without burying them.
"""

from __future__ import annotations

from editcheck.annotations import Fix
from editcheck.checkapi import CheckContext
from editcheck.checks.residue.rules import EMPTY_LINES
from editcheck.document import Block, Document


def empty_lines(doc: Document, ctx: CheckContext) -> None:
    """Report each long run of blank blocks, and whitespace-only lines outside runs."""
    if not ctx.enabled(EMPTY_LINES.id):
        return
    opts = ctx.options(EMPTY_LINES.id)
    text = doc.media_type == "text/plain"
    least = int(opts.get("min-blank-lines", 3) if text else opts.get("min-empty-paragraphs", 2))
    trailing = int(opts.get("min-trailing-blank-lines", 2)) if text else least
    for run in _runs(doc.blocks):
        at_end = run[-1].index == len(doc.blocks) - 1
        if len(run) >= least or (at_end and len(run) >= trailing):
            _report_run(ctx, run, at_end, text)
        elif text:
            for block in run:
                if block.text:
                    ctx.report_in(
                        EMPTY_LINES.id,
                        block,
                        0,
                        len(block.text),
                        "Line holds only whitespace.",
                        suggestion="",
                        data={"lines": 1},
                        fix=Fix("replace"),
                    )


def _runs(blocks: tuple[Block, ...]) -> list[list[Block]]:
    runs: list[list[Block]] = []
    current: list[Block] = []
    for block in blocks:
        if block.is_blank:
            current.append(block)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def _report_run(ctx: CheckContext, run: list[Block], at_end: bool, text: bool) -> None:
    first, last = run[0], run[-1]
    unit = "blank lines" if text else "empty paragraphs"
    where = " at the end of the draft" if at_end else ""
    ctx.report(
        EMPTY_LINES.id,
        first.start,
        last.end,
        f"{len(run)} {unit}{where}; delete them.",
        suggestion="",
        data={"lines": len(run), "end": last.end, "last_block": last.index},
        fix=_run_fix(run, at_end, text),
    )


def _run_fix(run: list[Block], at_end: bool, text: bool) -> Fix:
    """Empty paragraphs, and blank lines at a text draft's end, go; inside a text draft
    the run becomes the one empty line that separates paragraphs."""
    first, last = run[0], run[-1]
    if text and not at_end:
        return Fix("replace", start=first.start, end=last.end)
    return Fix("delete", start=first.start, end=last.end)
