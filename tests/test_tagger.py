"""The "model" engine: the shipped tagger, span linking, speaker resolution."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from whosaid.extract.tagger.engine import ModelEngine, ModelMissingError, model_path
from whosaid.extract.tagger.link import link_spans, quote_type, tagged_spans
from whosaid.extract.tagger.merge import merge_direct
from whosaid.model import Attribution, Span


@pytest.fixture(scope="session")
def engine() -> ModelEngine:
    return ModelEngine()


def _quotes(engine: ModelEngine, text: str) -> list[tuple[str, str, str, str | None]]:
    doc = engine.nlp(text)
    quotes, _ = engine.find_quotes(doc, "t")
    return [
        (
            quote.type,
            quote.content.text,
            quote.cue.text if quote.cue else "",
            quote.speaker_name,
        )
        for quote in quotes
    ]


def test_model_ships_inside_the_package() -> None:
    path = model_path()
    assert (path / "config.cfg").is_file()
    size = sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    assert size < 30_000_000
    meta = spacy.util.load_meta(path / "meta.json")
    assert len(meta["whosaid"]["data_sha256"]) == 64
    assert len(meta["whosaid"]["config_sha256"]) == 64


def test_pipeline_tags_source_cue_content(engine: ModelEngine) -> None:
    # The sentencizer runs after the recognizer; the parse comes last (batched).
    assert engine.nlp.pipe_names == ["tok2vec", "ner", "sentencizer", "whosaid_parse"]
    assert set(engine.nlp.get_pipe("ner").labels) == {"SOURCE", "CUE", "CONTENT"}


def test_direct_quote_with_apposition(engine: ModelEngine) -> None:
    found = _quotes(
        engine,
        '"We will not accept this offer," said Maria Okafor, a spokeswoman '
        "for the union.",
    )
    assert len(found) == 1
    kind, content, cue, name = found[0]
    assert kind == "direct"
    assert content == "We will not accept this offer,"
    assert cue.startswith("said")
    assert name == "Maria Okafor"


def test_reported_speech_without_marks(engine: ModelEngine) -> None:
    found = _quotes(
        engine,
        "Finance Minister Thomas Reed warned on Tuesday that the new tax "
        "would cost thousands of jobs in the north.",
    )
    assert len(found) == 1
    kind, content, cue, name = found[0]
    assert kind == "indirect"
    assert "the new tax would cost thousands of jobs" in content
    assert cue.startswith("warned")
    assert name == "Thomas Reed"


def test_pronoun_resolves_to_earlier_speaker(engine: ModelEngine) -> None:
    found = _quotes(
        engine,
        '"We will not accept this offer," said Maria Okafor, a spokeswoman '
        "for the union. She added that talks with the company would continue "
        "next week.",
    )
    second = [q for q in found if "talks" in q[1]]
    assert second, found
    assert second[0][2] == "added"
    assert second[0][3] == "Maria Okafor"


@pytest.mark.parametrize(
    "text",
    [
        "The weather was mild on Tuesday and the market closed early.",
        "The bridge across the river opened in 1932 and carries four lanes.",
        "",
    ],
)
def test_no_attribution_no_quote(engine: ModelEngine, text: str) -> None:
    assert _quotes(engine, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"We won,"', "direct"),
        ("“It is over.”", "direct"),
        ('the plan was "dead on arrival" for now', "mixed"),
        ("that the plan would cost jobs", "indirect"),
        ('"A," he said, "B."', "mixed"),
    ],
)
def test_quote_type(text: str, expected: str) -> None:
    assert quote_type(text) == expected


def _doc(
    words: list[str], sent_starts: list[int], ents: list[tuple[int, int, str]]
) -> Doc:
    doc = Doc(
        spacy.blank("en").vocab,
        words=words,
        sent_starts=[bool(s) for s in sent_starts],
    )
    doc.ents = [SpacySpan(doc, start, end, label=label) for start, end, label in ents]
    return doc


def test_link_nearest_cue_and_its_source() -> None:
    words = [
        "Reed",
        "said",
        "the",
        "plan",
        "failed",
        ".",
        "Ng",
        "argued",
        "it",
        "would",
        "work",
        ".",
    ]
    starts = [1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0]
    ents = [
        (0, 1, "SOURCE"),
        (1, 2, "CUE"),
        (2, 5, "CONTENT"),
        (6, 7, "SOURCE"),
        (7, 8, "CUE"),
        (8, 11, "CONTENT"),
    ]
    doc = _doc(words, starts, ents)
    attributions = link_spans(doc, tagged_spans(doc))
    linked = [
        (a.content.text, a.cue and a.cue.text, a.source and a.source.text)
        for a in attributions
    ]
    assert linked == [
        ("the plan failed", "said", "Reed"),
        ("it would work", "argued", "Ng"),
    ]


def test_cueless_direct_quote_continues_last_speaker() -> None:
    # A cue one sentence away is linked; two sentences away the quote
    # continues the last speaker instead.
    words = ['"', "Yes", '"', ",", "Reed", "said", ".", "It", "rained", "."]
    words += ['"', "We", "won", '"']
    starts = [1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0]
    ents = [(0, 3, "CONTENT"), (4, 5, "SOURCE"), (5, 6, "CUE"), (10, 14, "CONTENT")]
    doc = _doc(words, starts, ents)
    first, second = link_spans(doc, tagged_spans(doc))
    assert first.source is not None and first.source.text == "Reed"
    assert second.cue is None and second.source is None
    assert second.continues == first.content  # a span, never a position (#12)
    assert second.type == "direct"
    assert second.content.text == "We won"


def test_content_with_nothing_nearby_stays_unlinked() -> None:
    words = ["the", "plan", "failed", "."]
    doc = _doc(words, [1, 0, 0, 0], [(0, 3, "CONTENT")])
    (attribution,) = link_spans(doc, tagged_spans(doc))
    assert attribution.cue is None and attribution.source is None
    assert attribution.continues is None


def test_missing_model_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ModelMissingError, match="no config.cfg"):
        ModelEngine(path=tmp_path)


def test_inference_does_not_import_torch() -> None:
    code = (
        "import sys\n"
        "from whosaid.extract.tagger.engine import ModelEngine\n"
        "engine = ModelEngine()\n"
        "engine.find_quotes(engine.nlp('Reed said the plan failed.'), 't')\n"
        "assert 'torch' not in sys.modules, 'torch was imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=300)


def _attribution(
    kind: str,
    content: tuple[int, int],
    cue: tuple[int, int] | None = None,
    source: tuple[int, int] | None = None,
    continues: tuple[int, int] | None = None,
) -> Attribution:
    def span(bounds: tuple[int, int] | None) -> Span | None:
        return Span.of(MERGE_TEXT, *bounds) if bounds else None

    return Attribution(
        kind,  # type: ignore[arg-type]  # test tables use plain strings
        Span.of(MERGE_TEXT, *content),
        span(cue),
        span(source),
        0.9,
        span(continues),
    )


MERGE_TEXT = '"We won," Reed, the coach, said. Fans called it "a miracle" and cheered.'


def test_merge_keeps_rules_direct_quote_with_tagged_spans() -> None:
    rules = [_attribution("direct", (1, 8), cue=(27, 31), source=(10, 14))]
    tagged = [_attribution("direct", (1, 8), cue=(27, 31), source=(10, 26))]
    (merged,) = merge_direct(tagged, rules)
    assert merged.type == "direct"
    assert merged.source is not None and merged.source.text == "Reed, the coach,"


def test_merge_drops_unconfirmed_tagged_direct_quote() -> None:
    scare = _attribution("direct", (49, 58))
    indirect = _attribution("indirect", (45, 71), cue=(38, 44), source=(33, 37))
    assert merge_direct([scare, indirect], []) == [indirect]


def test_merge_remaps_continuation_to_kept_quote() -> None:
    first = _attribution("direct", (1, 8), cue=(27, 31), source=(10, 14))
    second = _attribution("direct", (49, 58), continues=(1, 8))
    tagged = [_attribution("indirect", (33, 37))]
    merged = merge_direct(tagged, [first, second])
    assert [a.content.text for a in merged] == ["We won,", "Fans", "a miracle"]
    assert merged[2].continues == merged[0].content


def test_merge_remaps_tagged_continuation_and_drops_listed() -> None:
    speaker = _attribution("indirect", (45, 71), cue=(38, 44), source=(33, 37))
    follower = _attribution("indirect", (49, 58), continues=(45, 71))
    merged = merge_direct([speaker, follower], [], dropped=[0])
    assert len(merged) == 1
    assert merged[0].continues is None
    assert merged[0].source is not None and merged[0].source.text == "Fans"


def test_byline_residue_is_never_a_quote(engine: ModelEngine) -> None:
    found = _quotes(
        engine, "This story was edited by Sam Patel, who said it was finished."
    )
    assert found == []
