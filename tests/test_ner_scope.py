"""ScopedNER (#18): spaCy's ner run only around capitalised words, by default."""

from __future__ import annotations

from typing import Any

import pytest
import spacy
from spacy.tokens import Doc

from whosaid.extract.ner_scope import ScopedNER, copy_entities, stretches

pytestmark = pytest.mark.issue(18)

ARTICLE = (
    "WASHINGTON — The mayor of Springfield, John Q. Smith, said on Monday that "
    "the bridge over the river would stay closed until the spring, after "
    "engineers from the Department of Transportation found cracks in two of "
    "its piers.\n\n"
    "“We are not going to take any chances with people's lives,” Smith told "
    "reporters at City Hall. He added that repairs could cost as much as "
    "$4 million, most of it paid by the state.\n\n"
    "Critics were not convinced. Maria Gonzalez, who leads the Riverside "
    "Neighbours Association, said the city had ignored warnings for years. "
    "“They knew,” she said. “Everybody knew.”"
)


def _words(text: str) -> Doc:
    return spacy.blank("en")(text)


def test_stretches_cover_capitalised_tokens_with_their_context() -> None:
    doc = _words("a b c Dd e f g h i j k Ll m n I o p")
    # "Dd" is token 3, "Ll" token 11; "I" is never a name.
    assert stretches(doc, 1) == [(2, 5), (10, 13)]
    assert stretches(doc, 2) == [(1, 6), (9, 14)]
    assert stretches(doc, 4) == [(0, 16)]  # overlapping stretches merge


def test_entities_across_a_separator_are_dropped_and_the_rest_is_outside() -> None:
    doc = _words("x Alice y z Bob Stone w")
    sub = Doc(doc.vocab, words=["Alice", "\n", "Bob", "Stone"])
    sub.set_ents(
        [
            spacy.tokens.Span(sub, 0, 2, label="PERSON"),  # "Alice \n": dropped
            spacy.tokens.Span(sub, 2, 4, label="PERSON"),
        ]
    )
    copy_entities(doc, sub, [1, -1, 4, 5])
    assert [(e.text, e.label_) for e in doc.ents] == [("Bob Stone", "PERSON")]
    assert [t.ent_iob_ for t in doc] == ["O", "O", "O", "O", "B", "I", "O"]


def _names(doc: Doc) -> set[tuple[int, int, str]]:
    return {
        (e.start, e.end, e.label_)
        for e in doc.ents
        if e.label_ in ("PERSON", "ORG", "GPE", "NORP")
    }


def test_scoped_ner_finds_the_names_the_whole_text_ner_finds(extractor: Any) -> None:
    nlp = extractor.nlp
    ner = nlp.get_pipe("ner")
    if isinstance(ner, ScopedNER):  # the suite runs with ner_context set
        ner = ner.ner
    with nlp.select_pipes(disable=["ner"]):
        parsed = nlp(ARTICLE)
    whole = ner(parsed.copy())
    scoped = ScopedNER("ner", context=3)
    scoped.ner = ner
    found = scoped(parsed.copy())
    assert _names(whole)  # the test means something
    assert _names(found) == _names(whole)
    sub, index = scoped.scope(parsed)
    assert len(sub) < len(parsed)  # it reads less than the whole text
    assert [sub[k].text for k, i in enumerate(index) if i >= 0] == [
        parsed[i].text for i in index if i >= 0
    ]


@pytest.mark.parametrize(
    ("env", "scoped"), [(None, True), ("0", False), ("2", True), ("3", True)]
)
def test_the_scoped_ner_is_the_default_and_0_turns_it_off(
    monkeypatch: pytest.MonkeyPatch, env: str | None, scoped: bool
) -> None:
    from whosaid import settings
    from whosaid.extract.engines import load_spacy

    if env is None:
        monkeypatch.delenv("WHOSAID_NER_CONTEXT", raising=False)
    else:
        monkeypatch.setenv("WHOSAID_NER_CONTEXT", env)
    nlp = load_spacy(settings.get("spacy_model"))
    ner = nlp.get_pipe("ner")
    assert isinstance(ner, ScopedNER) is scoped
    assert nlp.pipe_names[-1] == "ner"
    if scoped:
        assert isinstance(ner, ScopedNER) and ner.context == int(env or 3)
        doc = nlp(ARTICLE)
        assert ("Maria Gonzalez", "PERSON") in [(e.text, e.label_) for e in doc.ents]


def test_the_engine_finds_the_same_quotes_with_the_scoped_ner(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from whosaid import Extractor

    monkeypatch.setenv("WHOSAID_NER_CONTEXT", "3")
    scoped = Extractor("rules")
    monkeypatch.setenv("WHOSAID_NER_CONTEXT", "0")
    whole = Extractor("rules")
    assert isinstance(scoped.nlp.get_pipe("ner"), ScopedNER)
    assert not isinstance(whole.nlp.get_pipe("ner"), ScopedNER)
    expected = [q.to_record() for q in whole.extract(ARTICLE)]
    assert len(expected) >= 4
    assert [q.to_record() for q in scoped.extract(ARTICLE)] == expected


@pytest.mark.parametrize(
    "text", ["", "  \n\n ", "nothing here is capitalised, said bob."]
)
def test_a_text_without_capitals_has_no_entities_and_no_error(
    extractor: Any, text: str
) -> None:
    doc = extractor.nlp(text)
    assert isinstance(extractor.nlp.get_pipe("ner"), ScopedNER)
    assert list(doc.ents) == []
    assert all(t.ent_iob_ == "O" for t in doc)


def _listening_pipeline() -> spacy.Language:
    """A tiny untrained pipeline whose ner reads a shared tok2vec (#18)."""
    from spacy.training import Example

    nlp = spacy.blank("en")
    nlp.add_pipe("tok2vec")
    nlp.add_pipe(
        "ner",
        config={
            "model": {
                "@architectures": "spacy.TransitionBasedParser.v2",
                "state_type": "ner",
                "hidden_width": 8,
                "maxout_pieces": 2,
                "use_upper": True,
                "tok2vec": {
                    "@architectures": "spacy.Tok2VecListener.v1",
                    "width": 96,
                    "upstream": "tok2vec",
                },
            }
        },
    )
    doc = nlp.make_doc("Alice met Bob in Paris .")
    example = Example.from_dict(
        doc, {"entities": ["U-PERSON", "O", "U-PERSON", "O", "U-GPE", "O"]}
    )
    nlp.initialize(lambda: [example])
    return nlp


def test_a_listening_ner_reads_the_whole_docs_tensor_rows() -> None:
    from whosaid.extract.ner_scope import listens_to_tok2vec, use_scoped_ner

    nlp = _listening_pipeline()
    assert listens_to_tok2vec(nlp.get_pipe("ner"))
    assert not listens_to_tok2vec(nlp.get_pipe("tok2vec"))
    use_scoped_ner(nlp, context=1)
    scoped = nlp.get_pipe("ner")
    assert isinstance(scoped, ScopedNER) and scoped.listens
    with nlp.select_pipes(disable=["ner"]):
        doc = nlp("a b c Alice d e f g h Bob i j")
    sub, index = scoped.scope(doc)
    assert index == [2, 3, 4, -1, 8, 9, 10]
    assert sub.tensor.shape == (len(index), doc.tensor.shape[1])
    for k, i in enumerate(index):
        expected = doc.tensor[i] if i >= 0 else 0 * doc.tensor[0]
        assert (sub.tensor[k] == expected).all()
    assert doc.tensor[4].any()  # the rows compared are not all zeros
    nlp("a b c Alice d e f g h Bob i j")  # the whole pipeline runs


def test_a_ner_with_its_own_tok2vec_gets_no_tensor(extractor: Any) -> None:
    ner = extractor.nlp.get_pipe("ner")
    assert isinstance(ner, ScopedNER) and not ner.listens
    parsed = extractor.nlp.make_doc("Mr. Smith went to Washington.")
    sub, _ = ner.scope(parsed)
    assert sub.tensor.size == 0
