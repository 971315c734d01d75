"""Bar charts as inline SVG: the audit page must open offline, from a file, with no scripts.

Only horizontal bar charts are drawn; every label and number is escaped text inside the
SVG, so the figures stay readable (and searchable) without any plotting library.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

BAR_HEIGHT = 18
GAP = 6
LABEL_WIDTH = 230
BAR_WIDTH = 360
VALUE_WIDTH = 70
COLOURS = {
    "error": "#b42318",
    "warning": "#b54708",
    "info": "#175cd3",
}
DEFAULT_COLOUR = "#475467"


def bar_chart(
    rows: Sequence[tuple[str, int]],
    *,
    title: str,
    colours: Mapping[str, str] | None = None,
    label_chars: int = 34,
) -> str:
    """A labelled horizontal bar chart of ``(label, value)`` rows, as an ``<svg>`` element.

    ``colours`` picks a bar's colour by its label (severities); others are grey.
    """
    if not rows:
        return f'<p class="empty">{escape(title)}: nothing to show.</p>'
    peak = max(value for _, value in rows) or 1
    height = len(rows) * (BAR_HEIGHT + GAP) + GAP
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    parts = [
        f'<svg role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    for i, (label, value) in enumerate(rows):
        y = GAP + i * (BAR_HEIGHT + GAP)
        length = max(1.0, BAR_WIDTH * value / peak) if value else 0.0
        short = label if len(label) <= label_chars else label[: label_chars - 1] + "…"
        text_y = y + BAR_HEIGHT - 5
        colour = (colours or {}).get(label, DEFAULT_COLOUR)
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{text_y}" text-anchor="end">{escape(short)}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length:.1f}" height="{BAR_HEIGHT}" '
            f'fill="{colour}"><title>{escape(label)}: {value:,}</title></rect>'
            f'<text x="{LABEL_WIDTH + length + 6:.1f}" y="{text_y}">{value:,}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
