"""Keep attributions from sharing words: one fragment, one record (#2).

The direct finder and the indirect finder work independently, so the same
words can end up in two records: a reported clause that runs on into the
next cue's quotation (`Reed said the plan "will not work," adding: "We need
more time."`), a quoted fragment that is both a direct quote and part of a
mixed one, or a belief reported inside someone's statement (`Okafor said the
department expected revenue to fall`). These functions settle each case:

- a reported clause stops before the cue of another attribution inside it;
- a clause that contains its own cue or speaker is a misparse and is dropped;
- a state of mind (belief, intention, evaluation) reported inside the clause
  of a cue of saying is part of that statement, not a quote of its own;
- a direct quote inside a mixed quote belongs to the mixed one.
"""

from __future__ import annotations

from typing import Protocol

from whosaid.model import Attribution, Span

_TRAILING = " \t\n,;:—–-"
_SPEECH = "speech"


class _Report(Protocol):
    @property
    def cue(self) -> Span: ...

    @property
    def source(self) -> Span: ...


def cut_before_cues(
    text: str, content: Span | None, cue: Span, other_cues: list[Span]
) -> Span | None:
    """End `content` before the first other cue inside it.

    `Reed said the plan "will not work," adding: "…"`: the clause of "said"
    ends before "adding", whose quotation is a record of its own. Returns
    None when nothing of the clause is left.
    """
    if content is None:
        return None
    end = content.end
    for other in other_cues:
        if other.start != cue.start and content.start < other.start < end:
            end = other.start
    if end == content.end:
        return content
    while end > content.start and text[end - 1] in _TRAILING:
        end -= 1
    if end <= content.start or not any(c.isalnum() for c in text[content.start : end]):
        return None
    return Span.of(text, content.start, end)


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def overlaps_own_spans(content: Span, report: _Report) -> bool:
    """Say whether a reported clause contains its own cue or speaker (a misparse)."""
    return _overlap(content, report.cue) or _overlap(content, report.source)


def _inside(inner: Span, outer: Span) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def drop_nested_reports(
    reports: list[tuple[Attribution, str, bool]],
) -> list[Attribution]:
    """Drop the states of mind reported inside a statement's clause.

    `Okafor said the department expected revenue to fall` is Okafor's
    statement; "expected" inside it is no quote of the department's. Each
    report comes with the class of its cue (speech, cognition, intention,
    evaluation) and whether the cue is written before its clause (`X said
    …`): only such clauses contain others. In `Frey believes …, according to
    two aides` and `Frey wants …, one of them said` the belief is what the
    sentence reports, and stays.
    """
    statements = [
        a.content
        for a, cls, forward in reports
        if cls == _SPEECH and forward and a.type != "direct"
    ]
    kept = []
    for attribution, cls, _ in reports:
        cue = attribution.cue
        if (
            cls != _SPEECH
            and cue is not None
            and any(_inside(cue, clause) for clause in statements)
        ):
            continue
        kept.append(attribution)
    return kept


def drop_duplicated_fragments(found: list[Attribution]) -> list[Attribution]:
    """Drop a direct quote whose words lie inside a mixed quote's clause.

    A quoted fragment belongs to exactly one record: the mixed one, which
    reports it with the words around it.
    """
    mixed = [a for a in found if a.type == "mixed"]
    return [
        a
        for a in found
        if a.type != "direct"
        or not any(_inside(a.content, m.content) and m.cue != a.cue for m in mixed)
    ]
