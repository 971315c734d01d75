"""Patterns for what copy-paste leaves in a draft, compiled once per process.

Each detector takes one block's text and returns ``(start, end, what)`` spans relative to
that text, so the check module only decides *whether* a block is eligible and reports.
Word lists live in ``checks/data/residue-*.txt`` and are read lazily.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources

Span = tuple[int, int, str]

_UNIT = (
    r"(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|"
    r"mos?|months?|y|yrs?|years?)"
)
_AMOUNT = r"(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|a few|several)"
# "6 hours ago", "Updated 12 mins ago", "2h ago", "Published 3 days ago", "2h" alone.
RELATIVE_TIME = re.compile(
    rf"(?:\b(?:last\s+)?(?:updated|published|posted|edited|modified)\s*:?\s*)?"
    rf"(?<![\w.])(?:{_AMOUNT}\s*{_UNIT}\s+ago|just now)\b",
    re.IGNORECASE,
)
BARE_COMPACT_TIME = re.compile(r"^\s*\d{1,3}\s*(?:s|m|min|h|hr|d|w|mo|y)\s*$", re.IGNORECASE)
# A machine timestamp alone on a line ("2019-11-19T08:57:40+01:00"): page metadata.
MACHINE_TIME = re.compile(
    r"^\s*\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?\s*$"
)
STAMP_PREFIX = re.compile(r"^\s*(?:last\s+)?(?:updated|published|posted)\b", re.IGNORECASE)
# A clock time or a date an entry header of a live blog starts with ("10.42am", "14:05 GMT").
CLOCK = re.compile(r"^\s*\d{1,2}[.:]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?\b", re.IGNORECASE)

# A block that is only a number or a count: "5", "12 comments", "1.2K shares", "Comments (3)";
# a year alone ("1997") is left alone, because timelines use years as headings.
_COUNT_NOUN = (
    r"(?:comments?|shares?|likes?|views?|repl(?:y|ies)|reactions?|retweets?|"
    r"reposts?|votes?|points?|reads?|claps?|responses?|followers?|plays?)"
)
# With a colon ("Shares: 120") only the social counts: "Votes: 1,234" and "Points: 45" are
# results.
_SOCIAL_COUNT = r"(?:comments|shares|likes|views|replies|reactions|retweets|reposts|claps)"
ORPHAN_COUNTER = re.compile(
    rf"^\s*(?:(?!(?:1[89]|20)\d\d\s*$)[+-]?\d[\d,.]*\s*[KkMmBb]?\+?(?:\s+{_COUNT_NOUN})?"
    rf"|{_COUNT_NOUN}\s*[(\[]?\s*\d[\d,.]*\s*[KkMm]?\+?\s*[)\]]?"
    rf"|(?:total\s+)?{_SOCIAL_COUNT}\s*:?\s*\d[\d,.]*\s*[KkMm]?\+?)\s*$",
    re.IGNORECASE,
)

BROKEN_MARKUP = re.compile(
    r"""\.(?:png|jpe?g|gif|webp|svg|avif)\)             # end of a markdown image: ".png)"
    |!\[                                               # start of a markdown image
    |\]\((?:https?:|www\.|/)                           # markdown link target
    |\[(?:image|photo|picture|video|embed|graphic|caption|gallery|chart)\b[^\]\n]{0,80}\]
    |\((?:image|photo|picture|pic|credit)\s*:\s*\)          # an empty inline credit
    |\[/?(?:embed|caption|gallery|video|audio|button|playlist|contact-form|vc_\w+|et_pb_\w+)
        (?:\s[^\]\n]{0,200})?\]                          # a WordPress shortcode
    |&(?:nbsp|amp|quot|apos|lt|gt|mdash|ndash|rsquo|lsquo|rdquo|ldquo|hellip|copy|\#\d{2,5}
        |\#x[0-9a-f]{2,4});                            # an entity that was escaped twice
    |\[object\ Object\]
    |\{\{\s*[\w.\- ]{1,40}\s*\}\}                       # template tokens: {{byline}}
    |\{%[^%\n]{0,60}%\}|\{\*\s*\w+\s*\*\}|\$\{\w+\}|%%\w+%%
    |</?(?:p|div|span|br|a|img|strong|em|b|i|h[1-6]|ul|li|figure|iframe|script)\b[^<>\n]{0,200}>
    """,
    re.IGNORECASE | re.VERBOSE,
)
# "undefined"/"null"/"NaN" as a value a script printed: alone, or beside a label or a bar.
SCRIPT_VALUE = re.compile(
    r"(?:^|(?<=\bBy )|(?<=[|:•·] ))(?:undefined|null|NaN)(?=\s*(?:$|[|•·,]))"
    r"|\bundefined\s+undefined\b"
)

PLACEHOLDER = re.compile(
    r"""(?<![\w-])TK(?:TK)*(?![\w-])
    |(?i:\blorem\s+ipsum\b)
    |(?i:\[\s*(?:insert|add|tbc|tbd|tk|to\ come|check|confirm|link|quote|name
        |photo\ credit|headline)\b[^\]\n]{0,80}\])
    |(?<![\w.])[$£€]\s?X{2,}(?:[.,]X+)*\b
    |(?<![\w.])X{2,}(?:[.,]X+)*(?:\s?%|\s?per\ ?cent)
    |(?<![\w.])X{2,}(?:,X{3})+(?![\w])
    """,
    re.VERBOSE,
)
# "XX" as a number: before a lower-case word ("XX people", "XX million"), after a lower-case
# word ("killed XX") - never after a capitalised word, where it is a Roman numeral.
XX_NUMBER = re.compile(r"(?<![\w.])X{2,3}(?![\w.])")
# Linear on runs of spaces and letters: each starts only where its run starts, and keeps
# what it took (tests/document/test_pattern_linearity.py); _WORD_BEFORE looks back over a
# window, not from the start of the block for every "XX".
_LOWER_AFTER = re.compile(r"(?<!\s)\s++[a-z]")
_WORD_BEFORE = re.compile(r"(?<!\w)(\w++)\s++$")
_NEXT_WORD = re.compile(r"(?<![ \t])[ \t]++(\w+)")
_LOOKBACK = 200
# Weekdays and months: "TK" before one is the date still to come, not a name ("TK Maxx").
_CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december mon tue tues wed thu thurs "
    "fri sat sun jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_ARTICLES = frozenset(
    {
        "the",
        "a",
        "an",
        "die",
        "der",
        "den",
        "dem",
        "des",
        "das",
        "la",
        "le",
        "les",
        "el",
        "los",
        "las",
        "il",
        "lo",
    }
)

# Zero-width and invisible format characters; bidirectional embeddings, overrides and
# isolates, which reorder what a reader sees without showing themselves ("Trojan source");
# and control characters a paste can carry (ESC starts a terminal sequence).
INVISIBLE = re.compile(
    "[\u200b\u2060\ufeff\u00ad\u180e\u2061-\u2064\u202a-\u202e\u2066-\u2069"
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f]+"
)
_INVISIBLE_NAMES = {
    "\u200b": "zero-width space",
    "\u2060": "word joiner",
    "\ufeff": "byte-order mark",
    "\u00ad": "soft hyphen",
    "\u180e": "Mongolian vowel separator",
    "\u202a": "left-to-right embedding",
    "\u202b": "right-to-left embedding",
    "\u202c": "pop directional formatting",
    "\u202d": "left-to-right override",
    "\u202e": "right-to-left override",
    "\u2066": "left-to-right isolate",
    "\u2067": "right-to-left isolate",
    "\u2068": "first strong isolate",
    "\u2069": "pop directional isolate",
    "\x1b": "escape character",
}

_EDGE = " \t\u00a0.,:;!?|•·›»«‹>-–—/\\*#()[]{}\"'“”‘’←→↑↓▶►▲▼✕×"


def _lines(name: str) -> list[str]:
    text = resources.files("editcheck.checks").joinpath("data", name).read_text("utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@lru_cache(maxsize=1)
def interface_lines() -> frozenset[str]:
    """Whole-block interface strings, folded (see :func:`fold_edges`)."""
    return frozenset(fold_edges(s) for s in _lines("residue-interface-lines.txt"))


@lru_cache(maxsize=1)
def interface_phrase_list() -> tuple[str, ...]:
    """Interface phrases distinctive enough to flag anywhere, lower-cased, longest first."""
    return tuple(
        sorted({p.lower() for p in _lines("residue-interface-phrases.txt")}, key=len, reverse=True)
    )


def fold_edges(text: str) -> str:
    """Lower-case, trim punctuation/arrows at the edges and squeeze inner spaces."""
    return " ".join(text.strip(_EDGE).lower().split())


def invisible_name(char: str) -> str:
    return _INVISIBLE_NAMES.get(char, f"U+{ord(char):04X}")


def placeholders(text: str) -> Iterator[Span]:
    """TK, lorem ipsum, [INSERT ...], $XX, XX% and XX used as a number."""
    for m in PLACEHOLDER.finditer(text):
        if m.group().startswith("TK") and _beside_name(text, m.start(), m.end()):
            continue  # "TK Maxx": part of a name
        yield m.start(), m.end(), m.group().strip()
    for m in XX_NUMBER.finditer(text):
        before = _WORD_BEFORE.search(text, max(0, m.start() - _LOOKBACK), m.start())
        after_lower = _LOWER_AFTER.match(text, m.end()) is not None
        if before and before.group(1)[:1].isupper():
            continue  # "Super Bowl XX", "Pius XII": a Roman numeral
        if before and before.group(1).lower() in _ARTICLES:
            continue  # "the XX chromosome", "the XX": a name, not a missing figure
        if after_lower or (before and before.group(1)[:1].islower()):
            yield m.start(), m.end(), m.group()


def _beside_name(text: str, start: int, end: int) -> bool:
    """True when "TK" is a name: a capitalised word follows ("TK Maxx"), it is possessive
    ("TK's flat") or an article precedes ("die TK", "the TK board")."""
    if text[end : end + 2] in ("'s", "’s"):
        return True
    after = _NEXT_WORD.match(text, end)
    if after is not None and after.group(1)[:1].isupper():
        return after.group(1).lower() not in _CALENDAR  # "TK Friday": the date to come
    before = _WORD_BEFORE.search(text, max(0, start - _LOOKBACK), start)
    return before is not None and before.group(1).lower() in _ARTICLES


def timestamps(text: str) -> Iterator[Span]:
    """Relative timestamps; a bare "2h" or a machine timestamp only as the whole block."""
    for m in RELATIVE_TIME.finditer(text):
        yield m.start(), m.end(), m.group().strip()
    if BARE_COMPACT_TIME.match(text) or MACHINE_TIME.match(text):
        yield len(text) - len(text.lstrip()), len(text.rstrip()), text.strip()


# Shapes of interface text, tried on a short line folded by :func:`fold_edges` (so "Load 5
# more updates »" is "load 5 more updates"). The word lists catch the fixed labels; these
# catch the families a site varies: live-blog controls, share prompts, ad slot labels and
# scroll prompts, sign-up buttons with a trailing word, widget headers.
_UI_THING = (
    r"(?:updates?|posts?|entries|stories|articles|comments?|replies|responses|"
    r"results|items|videos|photos|images|headlines|events|news)"
)
_SOCIAL = (
    r"(?:facebook|twitter|x|whatsapp|linkedin|pinterest|reddit|messenger|email|"
    r"e-mail|sms|telegram|threads|bluesky|flipboard|mastodon|text|friends?|"
    r"your\ friends|a\ friend)"
)
_EMBEDS = r"(?:twitter|x|instagram|facebook|youtube|tiktok|threads|bluesky)"
INTERFACE_SHAPE = re.compile(
    rf"""^(?:
    (?:refresh|reload)(?:\ (?:the\ )?(?:page|feed|blog|live\ blog|updates?|posts?))?
   |(?:tap|click|pull|swipe)\ (?:here\ )?to\ (?:refresh|reload|load\ more|see\ more|show\ more
        |expand|play|view|enlarge|read\ more|share|subscribe|comment)
   |(?:load|show|see|view|read|display|reveal|get)(?:\ all|\ the)?(?:\ \d[\d,]*)?
        (?:\ (?:more|earlier|older|newer|previous|latest|new|recent|all|other|key|top))*
        \ {_UI_THING}(?:\ \(\d[\d,]*\))?
   |\d[\d,]*\ (?:new|more|unread)\ {_UI_THING}
   |(?:newest|oldest|latest|earliest|most\ recent)(?:\ {_UI_THING})?\ first
   |(?:auto[- ]?(?:update|refresh)s?|autoplay|live\ updates?)(?:\ (?:is\ )?(?:on|off))?
   |(?:jump|skip|go|back|scroll)\ to\ (?:the\ )?(?:latest|newest|top|bottom|key\ events|comments
        |content|main\ content|live\ coverage)(?:\ (?:updates?|posts?|entries))?
   |pinned(?:\ post|\ update)?|live\ (?:now|updates)|(?:watch|follow|listen)\ live
   |live\ (?:blog|coverage|reporting|feed|text|commentary)|\d[\d,]*\ (?:updates|posts|entries)
   |key\ (?:event|update|moment|post)|top\ (?:update|post)
   |all\ times\ (?:stated\ )?(?:are\ |in\ )?(?:uk|gmt|bst|et|est|edt|pt|cet|local)(?:\ time)?
   |(?:older|newer|previous|next)\ (?:entries|posts|updates|page|articles|stories|slide|image
        |photo)
   |page\ \d{{1,3}}\ of\ \d{{1,3}}
   |view\ (?:more\ )?on\ {_EMBEDS}|allow\ {_EMBEDS}\ content|accept\ and\ continue
   |(?:skip|end\ of)\ {_EMBEDS}\ (?:post|content|video)(?:\ \d{{1,2}})?
   |like\ this|leave\ a\ (?:reply|comment)|cancel\ reply|post\ (?:a\ |your\ )?comment
   |(?:join|start)\ the\ (?:conversation|discussion|debate)|add\ (?:a|your)\ comment
   |comment\ on\ this\ (?:story|article|post)
   |(?:filter\ by|show|view)\ key\ (?:events|moments|updates)(?:\ only)?|key\ events\ only
   |share(?:\ (?:this|the|our|your))?(?:\ (?:post|article|story|page|video|gallery|piece|update
        |entry|link|image|photo|quote|this|report|feature|blog|live\ blog))?
        (?:\ (?:on|via|with|to|by)\ {_SOCIAL}(?:\ (?:or|and)\ {_SOCIAL})?)?
   |(?:click|tap)\ (?:here\ )?to\ (?:share|email|print|tweet)(?:\ (?:on|via)\ {_SOCIAL})?
        (?:\ \(opens\ in\ (?:a\ )?new\ (?:window|tab))?
   |(?:total\ )?shares|(?:share|comment)\ count|shares?\ (?:and|or)\ comments?
   |advertisement|advert|ads?|advertising|sponsored|promoted
   |paid\ (?:post|content|partnership|promotion)|partner\ content
   |(?:sponsored|promoted|partner)\ (?:content|stories|links|post)
   |(?:sponsored|brought\ to\ you|paid\ for)\ by\ [\w&.'\ -]{{1,30}}
   |skip\ (?:advertisement|advert|ad)
   |(?:scroll|swipe)(?:\ down|\ up)?\ (?:to|for)\ (?:continue|keep|read|see|more)
        (?:\ reading|\ with\ content|\ more|\ the\ story|\ the\ article)?
   |(?:the\ )?(?:story|article|content|text|reading|report)\ continues?\ (?:below|after)
        (?:\ (?:this|the))?(?:\ (?:advertisement|advert|ad|video|image|sponsored\ content))?
   |continue\ reading\ (?:below|after\ (?:the\ )?(?:ad|advertisement|advert))
   |(?:remove|hide|block|report\ this|why\ this)\ ads?|advertise\ (?:with|on)\ (?:us|\w+)
   |(?:sign[ -]?up|subscribe|register|join(?:\ us|\ now)?|log\ ?in|sign\ in|donate|support\ us)
        (?:\ (?:now|here|today|free|for\ free|to\ continue|to\ read|to\ comment|to\ save))*
   |(?:suggested|related|recommended|popular|trending|featured|promoted|top|more|similar
        |latest|explore|follow)\ (?:topics?|tags|stories|articles|reads?|reading|videos|links
        |coverage|content|posts|headlines|searches|news|for\ you)(?:\ for\ you)?
   |(?:image|photo|picture|slide|video)\ \d{{1,3}}\ (?:of|/)\ \d{{1,3}}  # a gallery counter
   |popular\ (?:now|today|this\ week)
   |most\ (?:read|popular|viewed|shared|commented|watched|emailed|recent|clicked|liked
        |discussed)(?:\ (?:stories|articles|news|today|now|this\ week))?
   |(?:read|watch|listen|up)\ next|what\ to\ (?:read|watch)\ next
   |(?:more|also)\ (?:from|on|in|about)\ (?:this|these|the)\ (?:story|topic|topics|section|author
        |series|writer|subject|issue)
   |(?:explore\ )?more\ on\ these\ topics|in\ this\ (?:story|article|series)
   |(?:from\ )?around\ the\ web|editors?'?\ ?(?:picks?|choice)
   |(?:read|show|view|expand|see)\ (?:the\ )?(?:full|original|whole|entire|rest\ of\ the)
        \ (?:story|article|report|piece|post|thread)(?:\ (?:here|online))?|keep\ reading
   |listen\ to\ (?:this\ )?(?:story|article|piece)(?:\ \d{{1,3}}\ ?min(?:ute)?s?)?
   |\d{{1,3}}\ ?(?:min|mins|minute|minutes)\ (?:read|listen|watch)
   |(?:estimated\ )?reading\ time\ ?:?\ (?:about\ )?\d{{1,3}}\ ?(?:min|mins|minutes?)
   |(?:filed\ under|posted\ in|tagged(?:\ with|\ in)?|tags|(?:related\ )?topics)\ ?:\ .{{1,60}}
   |(?:you\ )?(?:might|may)\ (?:also\ )?(?:like|enjoy|be\ interested\ in)
   |(?:skip\ past|after)\ newsletter\ promotion
   |(?:please\ )?enter\ (?:your|a\ valid)\ e-?mail(?:\ address)?(?:\ here)?
   |thanks?\ (?:you\ )?for\ (?:subscribing|signing\ up)(?:\W.{{0,60}})?
   |(?:this\ )?(?:\w+\ )?requires\ javascript(?:\ to\ \w+(?:\ \w+)?)?
)$""",
    re.VERBOSE,
)

# A line of a separated interface bar ("Ad · Swipe up to keep reading", "Share | Save").
# Tried only where a whitespace run starts (the third branch: a bar right after the
# previous separator's spaces), so a long run of spaces is read once, not from each space.
BAR_SEPARATOR = re.compile(r"(?<!\s)\s+[·•|/–—-]\s+|(?<!\s)\s*[·•|]\s*|[·•|]\s*")

# Widget headers whose entries follow as short lines: a topic/tag list, or a ranked list
# of headlines between counters ("Most read", 1, headline, 2, headline).
TOPIC_HEADER = re.compile(
    r"^(?:(?:suggested|related|popular|trending|explore|follow|more)\ )?(?:topics?|tags)"
    r"(?:\ in\ this\ (?:story|article))?$|^(?:explore\ )?more\ on\ these\ topics$"
    r"|^in\ this\ (?:story|article)$",
    re.VERBOSE,
)
RANKED_HEADER = re.compile(
    r"^(?:most\ \w+(?:\ \w+)?|trending(?:\ now)?|popular(?:\ now)?|top\ stories|recommended"
    r"(?:\ for\ you)?|read\ next|latest\ news|(?:more|related)\ stories|editors?'?\ ?picks?)$",
    re.VERBOSE,
)

# Empty caption or credit stubs: "Photograph:", "Image caption", "Credit: —" with nothing
# after the label. A single-word label needs its colon ("Video" may be a heading).
EMPTY_STUB = re.compile(
    r"^\s*(?:(?:image|photo|picture|media|video)\s+(?:caption|credit|source|copyright)"
    r"|(?:photo|image|picture)\s+by|file\s+(?:photo|picture)\s*:"
    r"|(?:photograph|photo|image|picture|pic|video|graphic|illustration|credit|caption"
    r"|copyright|getty\s+images)\s*:)[\s:,|/–—-]*$",
    re.IGNORECASE,
)
# The same label ending a caption, after its sentence: "Crowds at the gates. Photograph:".
TRAILING_STUB = re.compile(
    r"(?:[.!?|•)]\s+|\s[|•]\s*)((?:Photograph|Photo|Image|Picture|Credit|Illustration"
    r"|Image caption|Image source|Photo credit)\s*:)$"
)
# A line of stray markers: markdown emphasis ("**", "_", "~~"), or lone brackets, pipes,
# bullets and arrows. Thematic breaks ("***", "* * *", "---") are a writer's own.
STRAY_MARKERS = re.compile(
    r"^\s*(?:[*_~`]{1,2}|[*_~`]\s*[*_~`]|[()\[\]{}|•·›»«‹<>,;:\\/]{1,3}"
    r"|\*\*\s*\*\*|__\s*__)\s*$"
)
