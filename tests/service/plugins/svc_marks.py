"""Flags every word that starts with 'zz', and 'zzspan ... zzend' runs across inline markup.

Gives the service and browser tests annotations in awkward places (after emoji, inside
table cells, across <b>/<a> boundaries, next to entities) whatever the built-in checks do.
"""

import re

from editcheck import Rule, check, hookimpl

WORD = Rule(
    "svc/zz-word",
    "house-style",
    "warning",
    summary="A word starting with zz.",
    doc="Test rule: flags each word that starts with zz.",
)
SPAN = Rule("svc/zz-span", "unsourced-statistic", "error", summary="A run from zzspan to zzend.")
_WORD = re.compile(r"\bzz(?!span\b|end\b)\w+")
_SPAN = re.compile(r"zzspan\b.*?\bzzend")


@check(WORD, SPAN, name="svc.marks")
def marks(doc, ctx):
    for block in doc.blocks:
        for m in _WORD.finditer(block.text):
            ctx.report_in(
                WORD.id,
                block,
                m.start(),
                m.end(),
                f"'{m.group()}' starts with zz.",
                suggestion=m.group()[2:],
            )
        for m in _SPAN.finditer(block.text):
            ctx.report_in(SPAN.id, block, m.start(), m.end(), "A zz span.")


@hookimpl
def editcheck_checks():
    return [marks]
