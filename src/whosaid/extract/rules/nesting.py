"""Keep attributions from sharing words: one fragment, one record (#2).

The direct finder and the indirect finder work independently, so the same
words can end up in two records: a reported clause that runs on into the
next cue's quotation (`Reed said the plan "will not work," adding: "We need
more time."`), a quoted fragment that is both a direct quote and part of a
mixed one, or a belief reported inside someone's statement (`Okafor said the
department expected revenue to fall`). These functions settle each case:

- a reported clause stops before the cue of another attribution inside it;
- a clause that contains its own cue and speaker (a relative clause, "which
  he said …") starts after the cue; a speaker ends before its cue;
- a state of mind (belief, intention, evaluation) reported inside the clause
  of a cue of saying is part of that statement, not a quote of its own;
- a direct quote inside a mixed quote belongs to the mixed one.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from whosaid.extract.syntax import text_of
from whosaid.model import Attribution, Span

_TRAILING = " \t\n,;:—–-"
_SPEECH = "speech"


def _starts_coordinate(doc: Doc, other: Token, cue: Token) -> int | None:
    """Where a cue that starts a clause of its own begins, or None.

    `…, adding: "…"` (a participle after a comma, a comma inside a quote
    too) and `… and added: "…"` (a finite verb after "and", in the tense of
    the first cue) start a new clause; "tell" in `he'd sit Putin down and
    tell him "…"` does not.
    """
    before = text_of(doc)[max(other.idx - 4, 0) : other.idx].rstrip()
    if other.tag_ == "VBG" and any(char in before for char in ",—–"):
        return int(other.idx)
    previous = doc[other.i - 1] if other.i else None
    if (
        previous is not None
        and previous.lower_ == "and"
        and other.tag_ in ("VBD", "VBZ", "VBP")
        and other.tag_ == cue.tag_
    ):
        return int(previous.idx)
    return None


def cut_before_cues(
    doc: Doc, content: Span | None, cue: Token, other_cues: list[Token]
) -> Span | None:
    """End `content` before another cue that starts a clause of its own in it.

    `Reed said the plan "will not work," adding: "…"`: the clause of "said"
    ends before "adding", whose quotation is a record of its own. Returns
    None when nothing of the clause is left.
    """
    if content is None:
        return None
    text = text_of(doc)
    end = content.end
    for other in other_cues:
        if other.i == cue.i or not content.start < other.idx < end:
            continue
        cut = _starts_coordinate(doc, other, cue)
        if cut is not None and cut > content.start:
            end = cut
    if end == content.end:
        return content
    while end > content.start and text[end - 1] in _TRAILING:
        end -= 1
    if end <= content.start or not any(c.isalnum() for c in text[content.start : end]):
        return None
    return Span.of(text, content.start, end)


def _strip(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start] in _TRAILING:
        start += 1
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    return Span.of(text, start, end) if start < end else None


def untangle(
    text: str, content: Span, cue: Span, source: Span
) -> tuple[Span, Span] | None:
    """Keep a reported clause, its cue and its speaker from sharing words.

    A speaker that runs on over its own cue ("911 calls saying shots were
    fired") ends before the cue. A clause that contains its cue and speaker
    ("which he said could not be corrupted", a relative clause) starts after
    the cue. Returns the clause and the speaker, or None when nothing of one
    of them is left.
    """
    if source.start < cue.start < source.end:
        trimmed = _strip(text, source.start, cue.start)
        if trimmed is None:
            return None
        source = trimmed
    if not (content.overlaps(cue) or content.overlaps(source)):
        return content, source
    if not content.start <= cue.start < cue.end < content.end:
        return None
    rest = _strip(text, max(cue.end, source.end), content.end)
    if rest is None or len(rest.text.split()) < 2:
        return None
    return rest, source


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
    reports it with the words around it. A direct quote whose cue is inside
    the mixed clause too (`"…," Sanders said, according to CNN`) is a report
    within a report, and stays.
    """
    mixed = [a for a in found if a.type == "mixed"]

    def duplicated(direct: Attribution) -> bool:
        return any(
            _inside(direct.content, m.content)
            and m.cue != direct.cue
            and (direct.cue is None or not _inside(direct.cue, m.content))
            for m in mixed
        )

    return [a for a in found if a.type != "direct" or not duplicated(a)]
