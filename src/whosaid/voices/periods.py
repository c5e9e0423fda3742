"""Split a date range into whole months or weeks and the days left over (#15).

The voices counters keep month and week totals; a range cut inside a period
reads that period's days, so a report is exact for any range.
"""

from __future__ import annotations

from datetime import date, timedelta


def split_range(
    since: str | None, until: str | None, grain: str
) -> tuple[tuple[str | None, str | None] | None, list[tuple[str, str]]]:
    """Split [since, until] into whole periods and the days left at either end.

    Returns (first and last whole period, or None when none fits; day ranges).
    Without dates: every period, undated included.
    """
    if since is None and until is None:
        return (None, None), []
    low_day = date.fromisoformat(since) if since else None
    high_day = date.fromisoformat(until) if until else None
    first = _period_start(low_day, grain, up=True) if low_day else None
    last_end = _period_end_before(high_day, grain) if high_day else None
    edges: list[tuple[str, str]] = []
    if first is not None and last_end is not None and first > last_end:
        return None, [(since or "", until or "")]
    if low_day and first and first > low_day:
        edges.append((low_day.isoformat(), (first - timedelta(days=1)).isoformat()))
    if high_day and last_end and last_end < high_day:
        edges.append(((last_end + timedelta(days=1)).isoformat(), high_day.isoformat()))
    low = _period_name(first, grain) if first else "0"  # "0" sorts after '' (undated)
    high = (
        _period_name(_period_start(last_end, grain, up=False), grain)
        if last_end
        else None
    )
    return (low, high), edges


def _period_start(day: date, grain: str, *, up: bool) -> date:
    """The first day of the period that starts on or after (up) / holds `day`."""
    if grain == "week":
        start = day - timedelta(days=day.weekday())
    else:
        start = day.replace(day=1)
    if up and start < day:
        start = _next_period(start, grain)
    return start


def _period_end_before(day: date, grain: str) -> date:
    """The last day of the last period that ends on or before `day`."""
    nxt = _next_period(_period_start(day, grain, up=False), grain)
    end = nxt - timedelta(days=1)
    if end == day:
        return end
    return _period_start(day, grain, up=False) - timedelta(days=1)


def _next_period(start: date, grain: str) -> date:
    if grain == "week":
        return start + timedelta(days=7)
    return (start.replace(day=28) + timedelta(days=4)).replace(day=1)


def _period_name(start: date, grain: str) -> str:
    return start.isoformat() if grain == "week" else start.isoformat()[:7]
