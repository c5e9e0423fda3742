"""Merge the tagger's attributions with the rules' ones (the "model" engine, #4).

The tagger learned PolNeAR's spans; the rules pair quotation marks and know
the cue lexicon. `merge_direct` keeps the rules' direct quotes, and the rules'
reported speech wherever the tagger found a cue but linked no content to it
(content before its cue: "X, police said."; "according to" at the end).
`headline_drops` lists tagged attributions in an unpunctuated headline whose
cue is not a speech verb ("Council backs plan", "Theatre revives comedy");
`nested_drops` those inside a statement the rules supplied;
`unattributed_drops` content with neither cue nor source. `combine_with_rules`
runs the whole step for one doc.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from whosaid.clean import Residue, in_residue
from whosaid.extract.tagger.link import link_spans, orphan_cues, tagged_spans
from whosaid.model import Attribution, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from whosaid.extract.cues import CueLexicon

# A headline ends without these; a PolNeAR headline ends with a full stop.
SENTENCE_END = ".?!:\"'”’)"


def overlaps(a: Span | None, b: Span | None) -> bool:
    """Say whether two spans, either of which may be missing, share a character."""
    return a is not None and b is not None and a.overlaps(b)


def headline_end(text: str) -> int:
    """The end of the text's first line when it is a headline, else 0.

    A headline is a first line that does not end as a sentence does. Scraped
    news keeps its headline unpunctuated; PolNeAR's texts end theirs with a
    full stop, so this never fires there.
    """
    stripped = text.lstrip()
    first = stripped.split("\n", 1)[0].rstrip()
    if not first or "\n" not in stripped or first[-1] in SENTENCE_END:
        return 0
    return len(text) - len(stripped) + len(first)


def _cue_class(doc: Doc, cue: Span, lexicon: CueLexicon) -> str | None:
    span = doc.char_span(cue.start, cue.end, alignment_mode="expand")
    for token in span if span is not None else ():
        entry = lexicon.lookup(token.lemma_)
        if entry is not None:
            return entry.cls
    return None


def headline_drops(
    doc: Doc, tagged: Sequence[Attribution], lexicon: CueLexicon
) -> list[int]:
    """Tagged attributions in a headline whose cue is not a speech verb.

    Headlines report events in the present tense ("Hospital chief defends
    closure"); a tagger trained on PolNeAR reads them as evaluations. "Mayor
    says ..." stays.
    """
    end = headline_end(doc.text)
    return [
        i
        for i, a in enumerate(tagged)
        if a.content.start < end
        and a.type != "direct"
        and a.cue is not None
        and _cue_class(doc, a.cue, lexicon) != "speech"
    ]


def nested_drops(
    doc: Doc,
    tagged: Sequence[Attribution],
    rules: Sequence[Attribution],
    orphan_cues: Sequence[Span],
    lexicon: CueLexicon,
) -> list[int]:
    """Tagged attributions inside the content of a rules one kept for an orphan cue.

    "Officers found the men inside, police said": the rules' attribution to
    police is kept (`merge_direct`), and the tagged "Officers found ..." inside
    it is part of that statement, not a second one. A state of mind stays
    ("Frey believes ..., according to two people close to her"): the lexicon
    classes cognition and intention (figures: docs/accuracy.md).
    """
    _, reported = _rules_kept(rules, orphan_cues)
    outer = [rules[i].content for i in reported]
    return [
        i
        for i, a in enumerate(tagged)
        if a.type != "direct"
        and a.cue is not None
        and any(
            span.start <= min(a.cue.start, a.content.start)
            and max(a.cue.end, a.content.end) <= span.end
            for span in outer
        )
        and _cue_class(doc, a.cue, lexicon) not in ("cognition", "intention")
    ]


def unattributed_drops(tagged: Sequence[Attribution]) -> list[int]:
    """Tagged content linked to no cue and no source, and continuing no one.

    It answers neither who nor how (figures: docs/accuracy.md).
    """
    return [
        i
        for i, a in enumerate(tagged)
        if a.type != "direct"
        and a.cue is None
        and a.source is None
        and a.continues is None
    ]


def _merge_one(rule: Attribution, tagged: Sequence[Attribution]) -> Attribution:
    """A rules direct quote, with the tagger's spans where both agree.

    The tagger learned PolNeAR's span conventions (a source with its
    apposition, a multiword cue, where a quote ends), so where its cue or
    source overlaps the rules' one, its span is used; so is its content when
    it is the only tagged content over this quote.
    """
    over = [a for a in tagged if overlaps(a.content, rule.content)]
    if not over:
        return rule
    best = max(
        over,
        key=lambda a: (
            min(a.content.end, rule.content.end)
            - max(a.content.start, rule.content.start)
        ),
    )
    source = best.source if overlaps(best.source, rule.source) else rule.source
    cue = best.cue if overlaps(best.cue, rule.cue) else rule.cue
    content = best.content if len(over) == 1 else rule.content
    return replace(rule, content=content, cue=cue, source=source)


def _rules_kept(
    rules: Sequence[Attribution], orphan_cues: Sequence[Span]
) -> tuple[list[int], list[int]]:
    """Indexes of the rules' direct quotes, and of their other attributions kept."""
    direct = [i for i, a in enumerate(rules) if a.type == "direct"]
    reported = [
        i
        for i, a in enumerate(rules)
        if a.type != "direct" and any(overlaps(a.cue, cue) for cue in orphan_cues)
    ]
    return direct, reported


def merge_direct(
    tagged: Sequence[Attribution],
    rules: Sequence[Attribution],
    *,
    dropped: Sequence[int] = (),
    orphan_cues: Sequence[Span] = (),
) -> list[Attribution]:
    """Let the rules' direct quotes replace the tagged attributions they overlap.

    The rules pair quotation marks and attribute obvious direct quotes better
    than the tagger (#4): every rules attribution of type "direct" is kept
    (with the tagger's spans where they agree, `_merge_one`), a tagged one
    whose content overlaps it is dropped, and so is a tagged direct quote the
    rules did not confirm (mostly scare quotes and titles), and any tagged one
    listed in `dropped`; the other tagged attributions stay.

    A rules attribution that is not direct is kept too when its cue overlaps
    one of `orphan_cues`: cues the tagger found but linked no content to,
    mostly content before its cue ("The plant will employ 300 people, the
    company said."), which the tagger misses (figures: docs/accuracy.md).

    A link (`continues`) follows its attribution when the merge gives it the
    tagger's content; a quote that continues an attribution which is not kept
    takes its source instead.
    """
    direct, reported = _rules_kept(rules, orphan_cues)
    entries: list[tuple[str, Attribution, Attribution]] = [
        ("tagged", a, a)
        for i, a in enumerate(tagged)
        if i not in dropped
        and a.type != "direct"
        and not any(overlaps(a.content, rules[j].content) for j in direct)
    ]
    entries += [("rules", rules[i], _merge_one(rules[i], tagged)) for i in direct]
    entries += [("rules", rules[i], rules[i]) for i in reported]
    entries.sort(key=lambda entry: (entry[2].content.start, entry[2].content.end))
    # Links point into their own list (tagged or rules), by content as found.
    kept = {(origin, found.content) for origin, found, _ in entries}
    renamed = {
        (origin, found.content): merged.content for origin, found, merged in entries
    }
    merged_list = []
    for origin, _, attribution in entries:
        target = attribution.continues
        if target is not None:
            if (origin, target) in kept:
                attribution = replace(attribution, continues=renamed[origin, target])
            else:
                own = tagged if origin == "tagged" else rules
                lost = next((a for a in own if a.content == target), None)
                source = lost.source if lost is not None else None
                attribution = replace(attribution, continues=None, source=source)
        merged_list.append(attribution)
    return merged_list


def combine_with_rules(
    doc: Doc,
    rules: Sequence[Attribution],
    *,
    residue: list[Residue],
    lexicon: CueLexicon,
) -> list[Attribution]:
    """Link the doc's tags and merge them with the rules' attributions `rules`.

    Tagged content in scraped residue (bylines, captions) never holds a quote
    (#2); headline, unattributed and nested tagged attributions are dropped;
    then `merge_direct` merges what is left with the rules.
    """
    spans = tagged_spans(doc)
    tagged = link_spans(doc, spans)
    orphans = orphan_cues(doc, spans, tagged)
    dropped = [
        i
        for i, a in enumerate(tagged)
        if in_residue(residue, a.content.start, a.content.end)
    ]
    dropped += headline_drops(doc, tagged, lexicon)
    dropped += unattributed_drops(tagged)
    dropped += nested_drops(doc, tagged, rules, orphans, lexicon)
    return merge_direct(tagged, rules, dropped=dropped, orphan_cues=orphans)
