"""Stacked share bars for the Voices page, drawn as inline SVG (#15).

One horizontal bar per group (an outlet, a month), split by category and
drawn to 100 %, so outlets of very different size compare at a glance; the
counts are in the table beside the chart. Colours are SVG attributes, not
styles, so the page's Content-Security-Policy needs no change.
"""

from __future__ import annotations

from markupsafe import Markup, escape

# Drawn beside a table at about half the page: 11px text stays 11px.
WIDTH = 480
ROW_H = 22
LABEL_W = 124
TOTAL_W = 44
LEGEND_H = 26
MAX_ROWS = 40
# Distinguishable in greyscale and for the common colour-vision deficiencies.
COLOURS = {
    "female": "#8e3b9a",
    "male": "#2f7fb8",
    "unknown": "#b8b8b8",
    "person": "#2f7fb8",
    "organisation": "#e08a1e",
    "anonymous": "#5b5b5b",
    "document": "#3e9b62",
}


def _colour(category: str) -> str:
    return COLOURS.get(category.split()[-1], "#999999")


def share_bars(
    groups: list[tuple[str, dict[str, int]]],
    categories: tuple[str, ...],
    *,
    label: str,
) -> Markup:
    """Draw `(group, counts)` rows as 100 % stacked bars with a legend.

    Each segment has a `<title>` ("BBC: female 41 of 120, 34.2 %") for hover
    and screen readers. Only the first `MAX_ROWS` groups are drawn; the table
    lists them all. An empty report draws a short note.
    """
    shown = [(name, counts) for name, counts in groups if sum(counts.values())]
    if not shown:
        return Markup('<p class="muted">Nothing to chart.</p>')
    shown = shown[:MAX_ROWS]
    plot_w = WIDTH - LABEL_W - TOTAL_W
    height = LEGEND_H + ROW_H * len(shown) + 4
    parts = [_legend(categories)]
    for row, (name, counts) in enumerate(shown):
        y = LEGEND_H + row * ROW_H
        total = sum(counts.get(c, 0) for c in categories)
        parts.append(
            f'<text x="{LABEL_W - 8}" y="{y + ROW_H * 0.68:.1f}" text-anchor="end">'
            f"{escape(_short(name))}</text>"
        )
        x = float(LABEL_W)
        for category in categories:
            count = counts.get(category, 0)
            if not count:
                continue
            width = plot_w * count / total
            share = 100 * count / total
            parts.append(
                f'<rect class="seg" x="{x:.1f}" y="{y + 3}" width="{width:.1f}" '
                f'height="{ROW_H - 6}" fill="{_colour(category)}">'
                f"<title>{escape(name)}: {escape(category)} {count:,} of {total:,}, "
                f"{share:.1f} %</title></rect>"
            )
            x += width
        parts.append(
            f'<text x="{WIDTH - 4}" y="{y + ROW_H * 0.68:.1f}" text-anchor="end">'
            f"{total:,}</text>"
        )
    return Markup(  # noqa: S704 - every label was escaped above
        f'<svg class="chart stacked" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-label="{escape(label)}" preserveAspectRatio="xMidYMid meet">'
        f"<title>{escape(label)}</title>{''.join(parts)}</svg>"
    )


def _legend(categories: tuple[str, ...]) -> str:
    items, x = [], float(LABEL_W)
    for category in categories:
        items.append(
            f'<rect x="{x:.1f}" y="6" width="12" height="12" '
            f'fill="{_colour(category)}"/>'
            f'<text x="{x + 16:.1f}" y="16">{escape(category)}</text>'
        )
        x += 26 + 6.2 * len(category)
    return "".join(items)


def _short(name: str, width: int = 20) -> str:
    return name if len(name) <= width else name[: width - 1] + "\u2026"
