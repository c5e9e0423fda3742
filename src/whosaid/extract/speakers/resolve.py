"""Resolve the speakers of attributions and build the quotes (the shared tail).

`resolve_speakers` turns `Attribution`s (character spans, from either engine)
into `Quote`s with `speaker_name`, `speaker_title`, `speaker_org`,
`resolved_by` and the `chain` of mentions followed. Each mention is resolved
by `Resolver` (`whosaid.extract.speakers.resolver`); a quote with no mention
that continues an earlier one takes that one's speaker.

What it needs from the `Doc`: named entities (`ner`) and a dependency parse
(`parser`); en_core_web_sm's default pipeline has both. The attributions'
spans must be character offsets into `text_of(doc)`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from whosaid.clean import Residue, find_residue, in_residue
from whosaid.extract.links import continued
from whosaid.extract.speakers.resolver import Resolver
from whosaid.extract.syntax import text_of
from whosaid.model import Attribution, Quote, Span, Speaker

if TYPE_CHECKING:
    from spacy.tokens import Doc

_UNRESOLVED_FACTOR = 0.85
_RELATIVES = frozenset({"who", "which", "that", "whom"})
# Cues of saying whose fronted content names someone else than the pronoun
# speaker: "Mr Blair has failed, he claimed" is not Blair. Not cues of
# knowing or feeling: "Henman came from two sets down, so he knows …" (BBC).
_SAYING = frozenset(
    {"say", "claim", "insist", "argue", "add", "tell", "warn", "state", "declare",
     "maintain", "contend", "allege", "assert", "stress", "complain", "admit"}
)  # fmt: skip


def _said_content(doc: Doc, attribution: Attribution) -> Span | None:
    """The content of an attribution whose cue is a verb of saying, else None."""
    cue = attribution.cue
    chars = doc.char_span(cue.start, cue.end, alignment_mode="expand") if cue else None
    if chars is None or not len(chars) or chars.root.lemma_ not in _SAYING:
        return None
    return attribution.content


def resolve_speakers(
    doc: Doc,
    attributions: list[Attribution],
    doc_id: str,
    engine: str,
    *,
    residue: list[Residue] | None = None,
) -> list[Quote]:
    """Turn attributions into quotes with resolved speakers, in document order.

    Args:
        doc: The parsed article; needs named entities and a dependency parse.
        attributions: Spans over `text_of(doc)`; a `continues` link points to
            an earlier attribution of this list (`whosaid.extract.links`).
        doc_id: The article id written into each quote.
        engine: The engine name and version written into each quote.
        residue: Scraped regions whose names never become speakers; found with
            `whosaid.clean` when None.

    Returns:
        One quote per attribution, in the order given.
    """
    residue = find_residue(text_of(doc)) if residue is None else residue
    resolver = Resolver(doc, residue)
    speakers: list[Speaker | None] = []
    quotes: list[Quote] = []
    for attribution in attributions:
        speaker, mention = _speaker_of(
            resolver, attribution, speakers, attributions, residue
        )
        speakers.append(speaker)
        confidence = attribution.confidence
        if speaker is None or speaker.name is None:
            confidence *= _UNRESOLVED_FACTOR
        if speaker is not None and speaker.name and mention is not None:
            resolver.spoken.append((mention, speaker))
            if speaker.resolved_by == "spokesperson":  # "He added": the spokesman
                resolver.unnamed.append((mention, speaker))
        elif speaker is not None and speaker.title and mention is not None:
            resolver.unnamed.append((mention, speaker))
        quotes.append(
            _to_quote(attribution, speaker, mention, doc_id, engine, confidence)
        )
    return quotes


def _speaker_of(
    resolver: Resolver,
    attribution: Attribution,
    speakers: list[Speaker | None],
    attributions: list[Attribution],
    residue: list[Residue],
) -> tuple[Speaker | None, Span | None]:
    if attribution.source is not None:
        if in_residue(residue, attribution.source.start, attribution.source.end):
            return None, None
        speaker = resolver.resolve(
            attribution.source, _said_content(resolver.doc, attribution)
        )
        if speaker.name is None and (
            named := _apposed_person(resolver.doc, attribution.source)
        ):
            # "said his son, retired judge Richard Roe": the name (#13)
            return resolver.resolve(named), named
        if (
            attribution.source.text.lower() in _RELATIVES
            and speaker.chain
            and speaker.name is None
        ):
            # "an official who said": the mention a reader needs is "an
            # official", not "who" (#13); a named antecedent is in the name
            return speaker, speaker.chain[0]
        return speaker, attribution.source
    index = continued(attributions, len(speakers))
    if index is None:
        return None, None
    previous = speakers[index]
    mention = attributions[index].source
    while mention is None:
        earlier = continued(attributions, index)
        if earlier is None:
            break
        index, mention = earlier, attributions[earlier].source
    if previous is None:
        return None, mention
    chain = ((mention,) if mention else ()) + previous.chain
    return (
        Speaker(
            previous.name,
            title=previous.title,
            org=previous.org,
            is_org=previous.is_org,
            resolved_by="previous",
            chain=chain,
        ),
        mention,
    )


def _apposed_person(doc: Doc, source: Span) -> Span | None:
    """A person named in apposition right after an unnamed mention.

    "his son, retired county judge Richard Roe." gives "Richard Roe": a comma,
    then only a description (no verb) before the name, which ends the clause.
    """
    text = text_of(doc)
    after = text[source.end : source.end + 2]
    if not after.startswith(","):
        return None
    for ent in doc.ents:
        if ent.label_ != "PERSON" or not source.end < ent.start_char < source.end + 80:
            continue
        between = doc.char_span(source.end, ent.start_char, alignment_mode="expand")
        if between is None or any(
            t.pos_ in ("VERB", "AUX") and t.tag_ != "VBN" for t in between
        ):
            return None
        if any(t.text in ".;:!?\n" or t.is_space for t in between):
            return None
        follows = text[ent.end_char : ent.end_char + 3].lstrip(" ")[:1]
        if follows and follows not in '.,;\n\r"“”':
            # Not a name that goes on into a clause: "According to figures by
            # Dr Graham, Vioxx may be linked to..." (BBC audit)
            return None
        return Span.of(text, ent.start_char, ent.end_char)
    return None


def _to_quote(
    attribution: Attribution,
    speaker: Speaker | None,
    mention: Span | None,
    doc_id: str,
    engine: str,
    confidence: float,
) -> Quote:
    return Quote(
        doc=doc_id,
        type=attribution.type,
        content=attribution.content,
        cue=attribution.cue,
        speaker=mention,
        speaker_name=speaker.name if speaker else None,
        speaker_title=speaker.title if speaker else None,
        confidence=max(0.0, min(1.0, confidence)),
        speaker_org=speaker.org if speaker else None,
        speaker_is_org=speaker.is_org if speaker else False,
        resolved_by=speaker.resolved_by if speaker else None,
        chain=speaker.chain if speaker else (),
        engine=engine,
    )
