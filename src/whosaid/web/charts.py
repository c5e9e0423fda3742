"""Charts drawn on the server as inline SVG: no JavaScript, no external files."""

from __future__ import annotations

from markupsafe import Markup, escape

WIDTH = 900
HEIGHT = 200
PAD_LEFT = 36
PAD_BOTTOM = 24
PAD_TOP = 10


def bar_chart(points: list[tuple[str, int]], *, label: str) -> Markup:
    """Draw `(period, count)` points as an accessible SVG bar chart.

    Each bar has a `<title>` ("2024-03: 12 quotes") for hover and screen
    readers; the first and last periods and the maximum are labelled. An empty
    series draws a short note instead of an empty frame.
    """
    if not points:
        return Markup('<p class="muted">No dated quotes to chart.</p>')
    top = max(count for _, count in points) or 1
    plot_w = WIDTH - PAD_LEFT - 4
    plot_h = HEIGHT - PAD_BOTTOM - PAD_TOP
    step = plot_w / len(points)
    bar_w = max(step * 0.8, 1.0)
    bars: list[str] = []
    for index, (period, count) in enumerate(points):
        bar_h = plot_h * count / top
        x = PAD_LEFT + index * step + (step - bar_w) / 2
        y = PAD_TOP + plot_h - bar_h
        noun = "quote" if count == 1 else "quotes"
        bars.append(
            f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" '
            f'height="{bar_h:.1f}"><title>{escape(period)}: {count} {noun}</title></rect>'
        )
    base_y = PAD_TOP + plot_h
    first, last = escape(points[0][0]), escape(points[-1][0])
    axis = (
        f'<line class="axis" x1="{PAD_LEFT}" y1="{base_y}" x2="{WIDTH - 4}" y2="{base_y}"/>'
        f'<text x="{PAD_LEFT}" y="{HEIGHT - 6}">{first}</text>'
        f'<text x="{WIDTH - 4}" y="{HEIGHT - 6}" text-anchor="end">{last}</text>'
        f'<text x="{PAD_LEFT - 6}" y="{PAD_TOP + 10}" text-anchor="end">{top}</text>'
        f'<text x="{PAD_LEFT - 6}" y="{base_y}" text-anchor="end">0</text>'
    )
    return Markup(  # noqa: S704 - labels were escaped above
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{escape(label)}" preserveAspectRatio="xMidYMid meet">'
        f"<title>{escape(label)}</title>{''.join(bars)}{axis}</svg>"
    )
