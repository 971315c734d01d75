"""Wire datelines: the opening "CITY (Agency) —" of a news story, in house form.

Wire copy opens its first paragraph with a dateline: the city in capitals, the agency in
brackets, then a dash (``LONDON (Reuters) — ...``). Drafts written in a hurry get it
slightly wrong: "London (Reuters) -", "LONDON, (REUTERS) —", a missing agency. This
plugin finds a dateline at the start of the story's first paragraphs and reports each
departure from the form the newsroom configures, offering the corrected dateline.
"""

from __future__ import annotations

import re

from editcheck import Block, CheckContext, Document, Rule, Severity, check, hookimpl

FORMAT = Rule(
    "datelines/format",
    "house-style",
    Severity.WARNING,
    summary="A dateline that is not in the house form 'CITY (Agency) —'.",
    doc="""
    Looks at the start of the first paragraphs (headings and "By ..." bylines skipped) for
    a dateline: a place name, an agency in brackets, then a dash or colon. Reports the
    whole dateline when the city is not in the configured case, the agency is not one of
    `agencies` (matched without regard to case, then written as listed), or the separator
    is not `separator` with one space either side. The suggestion is the corrected form.
    """,
    options={
        "agencies": ["AP", "Reuters", "AFP", "Bloomberg", "PA"],
        "separator": "—",
        "city-case": "upper",
        "max-blocks": 4,
    },
    flags=(
        "London (Reuters) - The bank raised rates on Thursday, its ninth rise in a row.",
        "LONDON (REUTERS) — The bank raised rates on Thursday, its ninth rise in a row.",
    ),
    passes=("LONDON (Reuters) — The bank raised rates on Thursday, its ninth rise in a row.",),
)
MISSING = Rule(
    "datelines/missing",
    "house-style",
    Severity.INFO,
    summary="The story has no dateline, and the desk requires one.",
    doc="""
    Off until `required = true` is set for this rule in editcheck.toml (wire desks turn it
    on; features desks leave it off). Reports the start of the first paragraph.
    The examples below assume `required = true`.
    """,
    options={"required": False},
    flags=(
        "The bank raised rates on Thursday, its ninth rise in a row.",
        "<h1>Rates rise</h1><p>By Jane Doe</p><p>The bank raised rates again.</p>",
    ),
    passes=(
        "LONDON (Reuters) — The bank raised rates on Thursday, its ninth rise in a row.",
        "<h1>Rates rise</h1><p>By Jane Doe</p><p>LONDON (Reuters) — The bank raised rates.</p>",
    ),
)

# A place (one to four words, optionally ", STATE"), an optional "(Agency)", a separator.
_DATELINE = re.compile(
    r"^(?P<city>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}(?:, [A-Z][\w.'’ -]{1,20}?)?)"
    r"(?P<comma>,)?(?:\s*\((?P<agency>[^()]{1,30})\))?"
    r"(?P<gap>\s*)(?P<sep>—|–|--|-|:)(?P<after>\s*)(?=\S)"
)
_CASES = {"upper": str.upper, "title": str.title}
_BODY_TAGS = frozenset({"p", "line", "div", "li", "blockquote"})


def _candidates(doc: Document, limit: int) -> list[Block]:
    """The first ``limit`` paragraphs that could open the story."""
    found = []
    for block in doc.blocks:
        text = block.text.strip()
        if block.is_blank or block.tag not in _BODY_TAGS or re.match(r"By\s+[A-Z]", text):
            continue
        found.append(block)
        if len(found) == limit:
            break
    return found


def _dateline(block: Block) -> re.Match[str] | None:
    lead = len(block.text) - len(block.text.lstrip())
    m = _DATELINE.match(block.text, lead)
    if m is None:
        return None
    # Without an agency, only a capitalised place before a dash is a dateline, not
    # "Update: ..." or "Meanwhile - ...".
    if m.group("agency") is None and (m.group("sep") == ":" or not m.group("city").isupper()):
        return None
    return m


@check(FORMAT, MISSING, name="datelines.dateline")
def dateline(doc: Document, ctx: CheckContext) -> None:
    """Find the story's dateline and report how it departs from the house form."""
    opts = ctx.options(FORMAT.id)
    blocks = _candidates(doc, int(opts.get("max-blocks", 4)))
    for block in blocks:
        m = _dateline(block)
        if m is not None:
            _check_form(ctx, block, m, opts)
            return
    if blocks and ctx.options(MISSING.id).get("required"):
        first = blocks[0]
        words = first.text.split()
        end = first.text.find(words[0]) + len(words[0]) if words else 0
        ctx.report_in(
            MISSING.id, first, 0, end, "No dateline: wire copy opens with 'CITY (Agency) —'."
        )


def _check_form(ctx: CheckContext, block: Block, m: re.Match[str], opts: dict) -> None:
    agencies = {a.lower(): a for a in opts.get("agencies", [])}
    separator = opts.get("separator", "—")
    city, agency = m.group("city"), m.group("agency")
    problems = []
    fix_case = _CASES.get(opts.get("city-case", "upper"))
    good_city = fix_case(city) if fix_case else city
    if good_city != city:
        problems.append(f"the place should be '{good_city}'")
    good_agency = agencies.get((agency or "").strip().lower()) if agency else None
    if agency is None:
        problems.append("the agency is missing")
    elif good_agency is None:
        problems.append(f"'{agency}' is not a known agency ({', '.join(agencies.values())})")
    elif good_agency != agency:
        problems.append(f"write the agency as '{good_agency}'")
    if m.group("comma"):
        problems.append("no comma before the agency")
    if m.group("sep") != separator or m.group("gap") != " " or m.group("after") != " ":
        problems.append(f"separate it with ' {separator} '")
    if not problems:
        return
    # Without an agency there is nothing safe to offer: the editor must name it.
    agency_part = good_agency or agency
    suggestion = f"{good_city} ({agency_part}) {separator} " if agency_part else None
    ctx.report_in(
        FORMAT.id,
        block,
        m.start(),
        m.end(),
        f"Dateline: {'; '.join(problems)}.",
        suggestion=suggestion,
        data={"problems": problems},
    )


@hookimpl
def editcheck_checks() -> list:
    return [dateline]
