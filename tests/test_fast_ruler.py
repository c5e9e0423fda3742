"""FastAttributeRuler (#3, speed): the same annotations as spaCy's AttributeRuler."""

from __future__ import annotations

from typing import Any

import pytest
import spacy
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.vocab import Vocab

from whosaid.extract.fast_ruler import FastAttributeRuler, use_fast_attribute_ruler

COLUMNS = [POS, TAG, MORPH, LEMMA, DEP]
# Contractions, dialect spellings and whitespace tokens exercise the model's
# multi-token, REGEX, IN/NOT_IN and dependency-label patterns.
TRICKY = (
    "Y'all gonna see it, ain't nothin' wrong with that. Let's go, c'mon!  "
    "It's there; there's I, you and it. \n\nHe gets it and got it, but they do "
    "not. I do have to say whether it is so; those who did it said that.\t"
    "“We won,” said Thomas Reed, who hasn't conceded."
)


def _annotations(doc: Doc) -> tuple[list[list[int]], list[str]]:
    return doc.to_array(COLUMNS).tolist(), [str(t.morph) for t in doc]


def _compare(
    patterns: list[dict[str, Any]], docs: list[Doc], vocab: Vocab | None = None
) -> None:
    """Run a stock and a fast ruler with `patterns` on copies of `docs`."""
    vocab = vocab or docs[0].vocab
    stock, fast = AttributeRuler(vocab), FastAttributeRuler(vocab)
    stock.add_patterns(patterns)
    fast.add_patterns(patterns)
    for doc in docs:
        assert fast.match(doc.copy()) == stock.match(doc.copy())
        assert _annotations(fast(doc.copy())) == _annotations(stock(doc.copy()))


def _parse_pipeline(extractor: Any) -> Language:
    """The spaCy pipeline with the attribute ruler, whichever engine is default."""
    nlp: Language = extractor.nlp
    if "attribute_ruler" not in nlp.pipe_names:  # the model engine parses apart
        nlp = extractor.engine.parse_nlp
    return nlp


@pytest.mark.issue(18)
@pytest.mark.parametrize(("env", "fast"), [(None, True), ("0", False), ("1", True)])
def test_the_fast_ruler_is_the_default(
    monkeypatch: pytest.MonkeyPatch, env: str | None, fast: bool
) -> None:
    from whosaid import settings
    from whosaid.extract.engines import load_spacy

    if env is not None:
        monkeypatch.setenv("WHOSAID_FAST_ATTRIBUTE_RULER", env)
    nlp = load_spacy(settings.get("spacy_model"))
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler, FastAttributeRuler) is fast
    assert isinstance(ruler, AttributeRuler)  # a subclass: spaCy's own interface
    assert nlp.pipe_names.index("attribute_ruler") < nlp.pipe_names.index("lemmatizer")


def test_model_patterns_give_identical_annotations(extractor: Any) -> None:
    nlp = _parse_pipeline(extractor)
    ruler = nlp.get_pipe("attribute_ruler")
    before = [
        pipe for name, pipe in nlp.pipeline[: nlp.pipe_names.index("attribute_ruler")]
    ]
    docs = []
    for text in (TRICKY, TRICKY.lower(), TRICKY.upper(), " \n "):
        doc = nlp.make_doc(text)
        for pipe in before:
            doc = pipe(doc)
        docs.append(doc)
    assert len(ruler.patterns) > 100
    _compare(ruler.patterns, docs)


def test_hand_written_patterns_match_like_spacy() -> None:
    nlp = spacy.blank("en")
    docs = [nlp(TRICKY), nlp("gon na gon na"), nlp("")]
    patterns: list[dict[str, Any]] = [
        {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "go"}},
        {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": -1},
        {"patterns": [[{"ORTH": {"REGEX": "^[A-Z]"}}]], "attrs": {"POS": "PROPN"}},
        {"patterns": [[{"TEXT": {"IN": ["it", "It"]}}]], "attrs": {"POS": "PRON"}},
        {"patterns": [[{"LOWER": {"NOT_IN": ["it", "and"]}, "IS_SPACE": False}]], "attrs": {"MORPH": "X=Y"}},
        {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP", "POS": "SPACE"}},
        {"patterns": [[{}]], "attrs": {"LEMMA": "any"}},
        {"patterns": [[{"LOWER": "it"}], [{"lower": "and"}, {"ORTH": "got"}]], "attrs": {"LEMMA": "later"}, "index": 0},
    ]  # fmt: skip
    _compare(patterns, docs)
    # The model engine runs the parse pipeline on docs from another vocab.
    _compare(patterns, [nlp(TRICKY)], vocab=spacy.blank("en").vocab)


def test_other_patterns_fall_back_to_spacys_matcher() -> None:
    nlp = spacy.blank("en")
    patterns: list[dict[str, Any]] = [
        {"patterns": [[{"LOWER": "not"}, {"IS_ALPHA": True, "OP": "+"}]], "attrs": {"LEMMA": "neg"}},
        {"patterns": [[{"LENGTH": {">=": 5}}]], "attrs": {"POS": "NOUN"}},
    ]  # fmt: skip
    _compare(patterns, [nlp("It is not very good at all, not really.")])


@pytest.mark.parametrize("active", [True, False])
def test_only_active_stock_rulers_are_swapped(active: bool) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add(  # type: ignore[attr-defined]  # add_pipe returns a generic callable
        [[{"LOWER": "it"}]], {"POS": "PRON"}
    )
    if not active:
        nlp.disable_pipe("attribute_ruler")
    use_fast_attribute_ruler(nlp)
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler, FastAttributeRuler) is active
    if active:
        assert nlp("it works")[0].pos_ == "PRON"


@pytest.mark.issue(18)
def test_a_ruler_that_disagrees_with_spacy_at_load_keeps_spacys_matcher(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A spaCy upgrade that changes what the fast search reads costs speed, not
    annotations: the swap is checked on a probe and falls back."""
    from whosaid.extract import fast_ruler

    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add(  # type: ignore[attr-defined]  # add_pipe returns a generic callable
        [[{"LOWER": "it"}]], {"POS": "PRON"}
    )
    monkeypatch.setattr(fast_ruler._PatternSearch, "find", lambda self, doc: [])
    use_fast_attribute_ruler(nlp)
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler, FastAttributeRuler)
    assert "disagrees with spaCy's matcher" in caplog.text
    assert nlp("it works")[0].pos_ == "PRON"  # spaCy's matcher found it


def test_the_pipelines_fast_ruler_agrees_with_spacy_on_the_probe(
    extractor: Any,
) -> None:
    from whosaid.extract.fast_ruler import agrees_with_spacy

    nlp = _parse_pipeline(extractor)
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler, FastAttributeRuler)
    assert agrees_with_spacy(nlp, "attribute_ruler")
    assert not ruler._fallback  # the fast search is in use
