"""Links between attributions: a quote with no speaker of its own continues one.

`Attribution.continues` holds the content span of the attribution whose
speaker it continues, never a position in a list (#12): a list can be
filtered, merged and re-sorted without renumbering. A stage that rewrites a
content span (the merge, the tail's complementizer trim) passes the old and
new spans to `relink`, so links follow; `continued` finds the attribution a
link points to, the nearest earlier one with that content.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from whosaid.model import Attribution, Span


def continued(attributions: Sequence[Attribution], position: int) -> int | None:
    """Return the position of the attribution `attributions[position]` continues.

    Only earlier attributions are looked at, so following links always ends.
    """
    target = attributions[position].continues
    if target is None:
        return None
    for earlier in range(position - 1, -1, -1):
        if attributions[earlier].content == target:
            return earlier
    return None


def relink(
    attributions: Sequence[Attribution], renamed: Mapping[Span, Span]
) -> list[Attribution]:
    """Point links at the new spans of the contents in `renamed` (old -> new)."""
    if not renamed:
        return list(attributions)
    return [
        replace(a, continues=renamed[a.continues])
        if a.continues is not None and a.continues in renamed
        else a
        for a in attributions
    ]
