"""Networks' matrix products through numpy's BLAS (#18): same output, one thread."""

from __future__ import annotations

from typing import Any

import pytest
from thinc.api import NumpyOps

from whosaid.extract.blas import BlasSettingError, one_blas_thread, use_numpy_blas
from whosaid.extract.ner_scope import ScopedNER

pytestmark = pytest.mark.issue(18)

ARTICLE = (
    "LONDON — The chancellor, Gordon Brown, said on Tuesday that the economy "
    "would grow faster than the Treasury had forecast in March.\n\n"
    "“We are on course to meet both of our fiscal rules,” Mr Brown told "
    "the Commons. His Conservative shadow, Oliver Letwin, said the figures "
    "did not add up and accused him of borrowing to hide a black hole.\n\n"
    "The Institute for Fiscal Studies said taxes would probably have to rise "
    "after the election. “Something has to give,” its director warned."
)


def _networks(nlp: Any) -> list[Any]:
    """Every thinc node of `nlp`'s components, a scoped ner's wrapped one too."""
    nodes = []
    for _, pipe in nlp.pipeline:
        pipe = pipe.ner if isinstance(pipe, ScopedNER) else pipe
        model = getattr(pipe, "model", None)
        if model is not None:
            nodes.extend(model.walk())
    return nodes


def _load(monkeypatch: pytest.MonkeyPatch, blas: str | None) -> Any:
    from whosaid import settings
    from whosaid.extract.engines import load_spacy

    if blas is None:
        monkeypatch.delenv("WHOSAID_BLAS", raising=False)
    else:
        monkeypatch.setenv("WHOSAID_BLAS", blas)
    return load_spacy(settings.get("spacy_model"))


def _annotations(doc: Any) -> list[tuple[Any, ...]]:
    return [
        (t.tag_, t.pos_, t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_)
        for t in doc
    ]


def test_numpy_is_the_default_and_reaches_every_network(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    nlp = _load(monkeypatch, None)
    nodes = _networks(nlp)
    assert len(nodes) > 50  # tok2vec, tagger, parser and the ner's own tok2vec
    assert all(isinstance(n.ops, NumpyOps) and not n.ops.use_blis for n in nodes)
    assert isinstance(nlp.get_pipe("ner"), ScopedNER)  # wrapped after the change


def test_blis_leaves_spacys_ops_alone_and_both_annotate_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    blis = _load(monkeypatch, "blis")
    assert all(n.ops.use_blis for n in _networks(blis))
    numpy_ = _load(monkeypatch, "numpy")
    expected = _annotations(blis(ARTICLE))
    assert any(iob == "B" for *_, iob, _ in expected)  # entities were found
    assert _annotations(numpy_(ARTICLE)) == expected


def test_the_engine_finds_the_same_quotes_with_either_library(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from whosaid import Extractor

    monkeypatch.setenv("WHOSAID_BLAS", "blis")
    blis = Extractor("rules")
    monkeypatch.setenv("WHOSAID_BLAS", "numpy")
    numpy_ = Extractor("rules")
    expected = [q.to_record() for q in blis.extract(ARTICLE)]
    assert len(expected) >= 3
    assert [q.to_record() for q in numpy_.extract(ARTICLE)] == expected


def test_a_bad_setting_is_one_line_naming_the_value(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with pytest.raises(BlasSettingError) as err:
        _load(monkeypatch, "mkl")
    assert str(err.value) == "blas setting 'mkl': expected one of numpy, blis"


def test_a_pipeline_without_networks_is_left_as_it_is() -> None:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    assert use_numpy_blas(nlp) == 0


def test_one_blas_thread_inside_the_block_and_the_old_count_after() -> None:
    from threadpoolctl import threadpool_info

    def blas_threads() -> list[int]:
        return [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"]

    before = blas_threads()
    if not before:
        pytest.skip("numpy has no BLAS library threadpoolctl can see")
    with one_blas_thread():
        assert blas_threads() == [1] * len(before)
    assert blas_threads() == before


def test_the_extractor_parses_with_one_blas_thread(
    monkeypatch: pytest.MonkeyPatch, extractor: Any
) -> None:
    from threadpoolctl import threadpool_info

    seen: list[list[int]] = []
    engine = extractor.engine
    find = engine.find_quotes

    def spy(doc: Any, doc_id: str) -> Any:
        seen.append(
            [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"]
        )
        return find(doc, doc_id)

    monkeypatch.setattr(engine, "find_quotes", spy)
    extractor.extract(ARTICLE)
    assert seen and all(counts and set(counts) == {1} for counts in seen)
