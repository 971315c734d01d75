"""The page-residue rules: ids, documentation, option defaults and examples.

Kept apart from the code that finds residue so ``editcheck rules`` reads like a manual and
the examples double as tests (every ``flags`` example must be flagged, every ``passes``
example left alone).
"""

from __future__ import annotations

from editcheck.annotations import Severity
from editcheck.checkapi import Rule

CATEGORY = "page-residue"

# Lines a CMS keeps in the body by design: bylines, datelines, photo credits.
DEFAULT_ALLOW = [
    r"^\s*(?:By|Words by|Reporting by|Photographs? by)\s+\S",
    r"^\s*[A-Z][A-Z.\s,'-]{2,40}(?:\([A-Za-z .]+\))?\s*[—–-]\s",
    r"^\s*(?:Photograph|Photo|Image|Picture|Credit|Illustration)\s*:",
]

STRAY_TIMESTAMP = Rule(
    "core/stray-timestamp",
    CATEGORY,
    Severity.WARNING,
    summary="A relative timestamp ('6 hours ago') left over from a web page.",
    doc="""
    Flags relative timestamps such as "6 hours ago", "Updated 12 mins ago", "2h ago",
    "Published 3 days ago" or a lone "2h" when they stand on a line of their own or next
    to a few words of other residue: they are true only at the moment the page was
    copied. A machine timestamp alone on a line ("2019-11-19T08:57:40+01:00") is page
    metadata and is flagged too.
    Leaves alone: the entry headers of a genuine live blog (at least
    `live-blog-min-entries` timestamp lines, each followed by a paragraph of copy),
    and relative times inside a sentence ("He arrived two hours ago, police said.", "An
    hour ago I was still stuck, she said."). A relative time standing as the last
    sentence of a paragraph ("... the 8.30 departure. 47 minutes ago", "... Updated 4
    hours ago") is the entry footer of a pasted live blog and is flagged even there.
    """,
    options={"live-blog-min-entries": 2, "allow": DEFAULT_ALLOW},
    flags=(
        ".png) 6 hours ago",
        "Updated 12 mins ago",
        "2h ago",
        "2019-11-19T08:57:40+01:00",
        "Turnout was 31.8 per cent, the returning officer said. Updated 4 hours ago",
    ),
    passes=(
        "The suspect fled the scene two hours ago, police said.",
        '"An hour ago I was still stuck behind a tractor," she said.',
        "Updated 2 hours ago\nThe minister has now resigned, her office said on Friday.\n"
        "Updated 3 hours ago\nProtesters gathered outside parliament as the vote was called.",
    ),
)
ORPHAN_COUNTER = Rule(
    "core/orphan-counter",
    CATEGORY,
    Severity.WARNING,
    summary="A line that is only a number or a count ('5', '12 comments', '1.2K shares').",
    doc="""
    Flags a block or line that holds nothing but a number or a social count: comment
    counters, share counts, pagination digits left behind by copy-paste.
    Leaves alone: numbers inside sentences, table cells (a results table is all
    numbers), and lines matched by `allow`.
    """,
    options={"allow": []},
    flags=("5", "12 comments", "1.2K shares", "Comments (3)"),
    passes=("Five people were hurt.", "Arsenal 2 Chelsea 1", "The vote was 5-4."),
)
BROKEN_MARKUP = Rule(
    "core/broken-markup",
    CATEGORY,
    Severity.WARNING,
    summary="Markup or markdown that did not render: '.png)', '![', '&nbsp;', '{{byline}}'.",
    doc="""
    Flags fragments of markdown images and links (".png)", "![", "](http"), empty media
    placeholders ("[Image: ]"), entities escaped twice (a literal "&nbsp;" or
    "&amp;amp;"), literal HTML tags, template tokens ("{{byline}}", "{* widget *}"),
    WordPress shortcodes ("[caption id=...]", "[/embed]") and values a script printed
    ("[object Object]", a lone "undefined"). Also a line that is only an empty caption
    or credit label ("Photograph:", "Image caption", "Credit: —": the caption did not
    come with it), a caption ending in such a label ("Crowds at the gates. Photograph:"),
    or a line of only stray markers (a lone "**" or "_", a bullet, a pipe, a bracket).
    Leaves alone: code blocks (`<pre>`, `<code>`), ordinary brackets and ampersands
    ("AT&T", "[sic]"), a label with its credit ("Photograph: Jane Doe/Reuters"), table
    cells and definition terms, and section breaks ("***", "* * *", "---").
    """,
    options={"allow": []},
    flags=(
        ".png) 6 hours ago",
        "See ![chart](https://example.com/c.png)",
        "Tom&nbsp;Smith",
        "By {{byline}}",
        "[object Object]",
        "Photo: undefined",
        "Photograph: ",
        "**",
    ),
    passes=(
        "AT&T said the outage was fixed.",
        "He said it was [sic] a mistake.",
        "The rule is undefined in law, the judge said.",
        "Photograph: Jane Doe/Reuters",
        "* * *",
    ),
)
INTERFACE_STRING = Rule(
    "core/interface-string",
    CATEGORY,
    Severity.WARNING,
    summary="A web page's interface text ('Advertisement', 'Share this article').",
    doc="""
    Flags a block that is only a button or label of a web page ("Advertisement", "Share",
    "Copy link", "Back to top", "Sign up", "Read more", "Facebook Twitter Email"), or has
    the shape of one: live-blog controls ("Reload the page", "Load earlier entries",
    "Show 3 new posts", "Newest first"), share prompts and counts ("Share this story via
    WhatsApp", "Total shares"), ad slot labels and scroll prompts ("Story continues below
    advertisement"), sign-up buttons with a trailing word ("Subscribe now"), widget
    headers ("Related topics", "Most shared"), gallery and page counters ("Image 2 of
    5"), embed prompts ("Skip Instagram post"), comment-form buttons ("Leave a reply"),
    or a bar of such labels ("Ad · Swipe up to keep reading"). Also the entries of a
    widget, told by the line heading them: the short links after a topic header, and
    the headlines of a "Most read" list (between its rank counters, or unranked when
    they end the draft). And distinctive interface phrases anywhere ("Skip to
    content", "Accept all cookies", "Share this article"). The lists are
    `checks/data/residue-interface-*.txt`, the shapes `INTERFACE_SHAPE` in
    `checks/residue/patterns.py`; `extra-strings` adds a newsroom's own.
    Leaves alone: the same words used in a sentence ("The advertisement ran on Sunday."),
    headings and list items that only share a word ("Share prices since January", "Key
    points"), and a short line right above a paragraph after a topic header (its heading).
    """,
    options={"extra-strings": [], "allow": DEFAULT_ALLOW},
    flags=(
        "Advertisement",
        "Share this article",
        "Skip to content",
        "Copy link",
        "Accept all cookies",
        "Back to top",
        "Sign up",
        "Facebook Twitter Email",
        "Load earlier entries",
        "Share this story via WhatsApp",
        "Subscribe now.",
        "Related topics:",
        "Ad · Swipe up to keep reading",
        "Show 3 new posts",
    ),
    passes=(
        "The advertisement ran on Sunday.",
        "She asked voters to sign up by Friday.",
        "Share prices since January",
        "Key points",
    ),
)
PLACEHOLDER = Rule(
    "core/placeholder",
    CATEGORY,
    Severity.ERROR,
    summary="An unfilled placeholder: TK, TKTK, lorem ipsum, [INSERT ...], XX as a number.",
    doc="""
    Flags the marks reporters leave for facts still to come ("TK", "TKTK"), dummy text
    ("lorem ipsum"), bracketed instructions ("[INSERT QUOTE]", "[TBC]") and "XX" used as a
    number ("XX people", "$XX", "XX%").
    "TK" before a weekday or a month ("due TK Friday", "sworn in TK December") is the
    date still to come.
    Leaves alone: Roman numerals after a name ("Super Bowl XX", "Pius XII"), "TK" inside
    a word or a name ("TK Maxx", "die TK").
    """,
    flags=(
        "The fire killed TK people.",
        "The result will be published TK Friday.",
        "Lorem ipsum dolor sit amet.",
        "[INSERT QUOTE]",
        "Turnout was XX%.",
        "XX people were arrested.",
    ),
    passes=(
        "Super Bowl XX was played in New Orleans.",
        "TK Maxx opened a store.",
        "Women usually carry the XX chromosome pair.",
        "Weder die TK noch IBM haben Zugriff auf die Daten.",
    ),
)
EMPTY_LINES = Rule(
    "core/empty-lines",
    CATEGORY,
    Severity.INFO,
    summary="A run of empty paragraphs or blank lines, or a line of only whitespace.",
    doc="""
    Flags a run of at least `min-empty-paragraphs` empty paragraphs in HTML
    (`<p><br></p>`), a run of at least `min-blank-lines` blank lines in text (or
    `min-trailing-blank-lines` at the end of a draft), and a text line holding only spaces
    or tabs. One annotation per run, at its first line; `data.lines` says how long it is.
    Leaves alone: the single blank line between paragraphs of a text draft.
    """,
    options={"min-empty-paragraphs": 2, "min-blank-lines": 3, "min-trailing-blank-lines": 2},
    flags=(
        "First paragraph.\n\n\n\nSecond paragraph.",
        "<p>One.</p><p><br></p><p></p><p>Two.</p>",
        "One.\n   \nTwo.",
    ),
    passes=("First paragraph.\n\nSecond paragraph.", "<p>One.</p><p>Two.</p>"),
)
INVISIBLE_CHARACTER = Rule(
    "core/invisible-character",
    CATEGORY,
    Severity.WARNING,
    summary="An invisible character in the text: zero-width space, soft hyphen, BOM, "
    "bidi override, control character.",
    doc="""
    Flags zero-width spaces, word joiners, soft hyphens and byte-order marks inside the
    text: they break search, word counts and hyphenation in print. Also bidirectional
    embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069), which silently
    reorder the text a reader sees, and control characters a paste can carry (ESC,
    BEL, form feed).
    Leaves alone: zero-width joiners and the directional marks (LRM, RLM), which emoji
    and right-to-left scripts need.
    """,
    flags=(
        "Zero\u200bwidth",
        "soft\u00adhyphen",
        "\ufeffHeadline",
        "The fee is \u202e01$\u202c today.",
        "A pasted \x1b[31m escape.",
    ),
    passes=("Plain text.", "Family emoji \U0001f468\u200d\U0001f469\u200d\U0001f467"),
)
MOJIBAKE = Rule(
    "core/mojibake",
    CATEGORY,
    Severity.WARNING,
    summary="Mojibake: UTF-8 read with the wrong codec ('councilâ€™s', 'cafÃ©', 'Â£5').",
    doc="""
    Flags text garbled by a paste or an export that decoded UTF-8 as Windows-1252 or
    Latin-1, once or twice: "councilâ€™s", "â€œ ... â€", "â€”", "Ã©", "Â£", "Â°",
    double-encoded "Ã¢â‚¬â„¢" and "ÃƒÂ©". The suggestion is the repaired text, from
    `ftfy.fix_encoding`, which re-decodes only where the result is more plausible.
    Leaves alone: accented names and words ("José Álvarez", "São Paulo", "Âncora", "Tŷ"),
    symbols and maths ("€", "½", "≥", "µg", "x²"), code blocks, and lines matched by
    `allow`.
    """,
    options={"allow": []},
    flags=(
        "The councilâ€™s plan",
        "A cafÃ© on the corner",
        "Tickets cost Â£5.",
        "AcademyÃ¢â‚¬â„¢s",
    ),
    passes=(
        "José Álvarez met Zoë in São Paulo.",
        "Âncora is a town.",
        "It costs €12, or ½ of £24.",
    ),
)
PAGE_FURNITURE = Rule(
    "core/page-furniture",
    CATEGORY,
    Severity.WARNING,
    summary="A block of a pasted web page that is page chrome, not article copy.",
    doc="""
    Flags, in HTML that looks like a whole web page (a navigation bar or a footer and
    at least three blocks of links, ten blocks of links, or a page saved whole: a doctype
    or `<html>` with its `<head>`, and a block of links), every block that is page
    chrome rather than article copy. It finds the elements that hold the article's paragraphs (prose
    blocks vote for their parent, as in Readability) and flags blocks outside them,
    and blocks inside them that are link lists, captions and embeds (a pasted page's
    pictures did not come with it), sit in navigation, forms or asides the
    article itself is not in, carry class names such as "share", "related",
    "newsletter" or "promo", or repeat a line of the page's chrome (jusText-style
    context). A comment thread is never the article: blocks under class/id words such as
    "comment", "reply" or "discussion", or, under neutral class names, every block of
    sibling units that each hold a "Posted by NAME on DATE" line, a name-and-date line or
    a reply counter ("4 replies"), prose included, and the thread's own headings
    ("Comments (4)", "Join the discussion"). Tool rows are split on their separators and
    read item by item ("Share | Save | Reprints", "Print · Save for later"). A run of up
    to three short blocks that do not read as prose between two furniture blocks is
    furniture too (neighbour smoothing, as boilerplate removers do); the page's one
    `<h1>` heading the article is kept. `data.reason` says which.
    A whole page pasted as plain text (three or more interface lines: "Skip to content",
    "Share", "Sign in") is read by its prose: the run from the first to the last
    paragraph of copy is the article; runs of two or more one-to-three-word lines above it
    are the menu, headline-length lines below it (no bare figures: a results list ends a
    match report) the related list and footer, and everything from two "Posted by NAME on
    DATE" heads on the comment thread.
    Leaves alone: drafts that are fragments (a CMS body has no chrome), and inside the
    article its headings, list items and lines matched by `keep-lines` (bylines,
    datelines, photo credits).
    """,
    options={"keep-lines": DEFAULT_ALLOW},
    flags=(
        '<html><body><nav><ul><li><a href="/">Home</a></li><li><a href="/w">World</a></li>'
        "</ul></nav><article><p>The council voted on Tuesday to close the library, a "
        "decision that angered many residents who had campaigned for years.</p><p>Its "
        "leader said the savings were needed, and that the building would be sold.</p>"
        '</article><footer><p><a href="/about">About us</a></p></footer></body></html>',
    ),
    passes=(
        "<p>The council voted on Tuesday to close the library.</p><h2>Reaction</h2>"
        "<ul><li>Residents</li><li>Staff</li></ul>",
        '<article><header><h1>Library to close</h1></header><div class="body"><p>The '
        "council voted on Tuesday to close the library, a decision that angered many "
        'residents.</p></div><footer><ul><li><a href="/a">Pool to stay open</a></li>'
        '<li><a href="/b">Budget agreed</a></li></ul></footer></article>',
    ),
)

RULES = (
    STRAY_TIMESTAMP,
    ORPHAN_COUNTER,
    BROKEN_MARKUP,
    INTERFACE_STRING,
    PLACEHOLDER,
    EMPTY_LINES,
    INVISIBLE_CHARACTER,
    MOJIBAKE,
)
