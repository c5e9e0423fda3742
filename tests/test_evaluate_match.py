"""The scorer on hand-built spans: every rule of the metrics, and its limits."""

from __future__ import annotations

import pytest

from whosaid.evaluate.match import Item, last_word, match_attributions, speaker_right
from whosaid.evaluate.report import (
    Report,
    confidence_bin,
    same_name,
    score_document,
    score_roles,
)
from whosaid.evaluate.spans import (
    Fragment,
    GoldSpan,
    is_begin,
    is_exact,
    is_lenient,
    overlap,
    span_at,
)


def frags(*pairs: tuple[int, int]) -> GoldSpan:
    return GoldSpan(tuple(Fragment(s, e) for s, e in pairs))


def item(
    content: tuple[int, int] | GoldSpan,
    source: tuple[int, int] | None = None,
    *,
    name: str | None = None,
    cue: tuple[int, int] | None = None,
    direct: bool = False,
    confidence: float = 1.0,
    kind: str = "statement",
) -> Item:
    return Item(
        content=content if isinstance(content, GoldSpan) else span_at(*content),
        cue=span_at(*cue) if cue else None,
        source=span_at(*source) if source else None,
        name=name,
        direct=direct,
        kind=kind,
        confidence=confidence,
    )


@pytest.mark.parametrize(
    ("a", "b", "shared", "exact", "lenient", "begin"),
    [
        (span_at(0, 10), span_at(0, 10), 10, True, True, True),
        (span_at(0, 10), span_at(0, 11), 10, False, True, True),
        (span_at(0, 10), span_at(5, 30), 5, False, True, False),  # half of shorter
        (span_at(0, 10), span_at(6, 30), 4, False, False, False),
        (span_at(0, 10), span_at(10, 20), 0, False, False, False),  # touching only
        (span_at(0, 4), span_at(0, 100), 4, False, True, True),  # inside a long one
        (frags((0, 5), (10, 15)), span_at(0, 15), 10, False, True, True),
        (frags((0, 5), (10, 15)), frags((0, 5), (10, 15)), 10, True, True, True),
    ],
)
def test_span_comparisons(
    a: GoldSpan, b: GoldSpan, shared: int, exact: bool, lenient: bool, begin: bool
) -> None:
    assert overlap(a, b) == overlap(b, a) == shared
    assert is_exact(a, b) is exact
    assert is_lenient(a, b) is is_lenient(b, a) is lenient
    assert is_begin(a, b) is begin


def test_roles_count_each_distinct_span_once_and_split_gold_fragments() -> None:
    # Two quotes sharing one speaker and cue: one cue span, one source span.
    preds = [
        item((0, 5), (20, 23), cue=(24, 28)),
        item((30, 40), (20, 23), cue=(24, 28)),
    ]
    # Gold: one attribution with a two-fragment content, as PolNeAR writes it.
    golds = [item(frags((0, 5), (30, 40)), (20, 23), cue=(24, 28))]
    roles = score_roles(preds, golds)
    assert roles["source"]["exact"].to_dict()["f1"] == 1.0
    assert roles["cue"]["exact"].n_pred == 1
    content = roles["content"]["exact"]
    assert (content.n_pred, content.n_gold, content.pred_correct) == (2, 2, 2)


def test_roles_exact_lenient_and_begin_differ_on_an_apposition() -> None:
    preds = [item((50, 60), (0, 5))]  # "Flynn"
    golds = [item((50, 60), (0, 29))]  # "Flynn, a top Trump surrogate,"
    roles = score_roles(preds, golds)
    assert roles["source"]["exact"].f1 == 0.0
    assert roles["source"]["begin"].f1 == 1.0
    assert roles["source"]["lenient"].f1 == 1.0  # 5 chars = all of the shorter


def test_span_matching_is_one_to_one() -> None:
    preds = [item((0, 10)), item((0, 9))]
    golds = [item((0, 10))]
    lenient = score_roles(preds, golds)["content"]["lenient"]
    assert (lenient.pred_correct, lenient.n_pred) == (1, 2)


@pytest.mark.parametrize(
    ("pred", "gold", "right"),
    [
        (item((0, 1), (10, 14), name="Thomas Reed"), item((0, 1), (12, 20)), True),
        (
            item((0, 1), (30, 33), name="Thomas Reed"),
            item((0, 1), (10, 14), name="Reed"),
            True,
        ),
        (
            item((0, 1), (30, 33), name="Bill Clinton"),
            item((0, 1), (10, 14), name="Hillary Clinton"),
            True,
        ),
        (
            item((0, 1), (30, 33), name="she"),
            item((0, 1), (10, 14), name="Reed"),
            False,
        ),
        (item((0, 1), name="Reed's"), item((0, 1), name="REED"), True),
        (item((0, 1)), item((0, 1), (10, 14), name="Reed"), False),
        (item((0, 1)), item((0, 1)), True),  # neither names a source
        (item((0, 1), (3, 5), name="he"), item((0, 1)), False),
    ],
)
def test_speaker_right(pred: Item, gold: Item, right: bool) -> None:
    assert speaker_right(pred, gold) is right


@pytest.mark.parametrize(
    ("name", "word"),
    [
        ("Thomas Reed", "reed"),
        ("Reed's", "reed"),
        ("the Treasury Dept.", "dept"),
        ("", None),
        (None, None),
    ],
)
def test_last_word(name: str | None, word: str | None) -> None:
    assert last_word(name) == word


def test_attribution_needs_content_and_speaker() -> None:
    golds = [
        item((0, 20), (30, 34), name="Reed"),
        item((100, 140), (150, 155), name="Okafor"),
    ]
    preds = [
        item((0, 19), (30, 34), name="Thomas Reed"),  # right
        item((100, 140), (30, 34), name="Thomas Reed"),  # content right, speaker wrong
        item((200, 220), (30, 34), name="Reed"),  # no gold there
    ]
    matching = match_attributions(preds, golds)
    assert matching.pred_correct == (True, False, False)
    assert matching.gold_found == (True, False)


def test_fragment_allowance_two_predictions_for_one_discontinuous_gold() -> None:
    # PolNeAR: “A,” he said. “B.” is one attribution with two content fragments.
    golds = [item(frags((0, 10), (25, 40)), (12, 14), name="he")]
    preds = [
        item((0, 10), (12, 14), name="Reed"),
        item((25, 40), (12, 14), name="Reed"),
    ]
    matching = match_attributions(preds, golds)
    assert matching.pred_correct == (True, True)
    assert matching.gold_found == (True,)
    assert sorted(p.via for p in matching.pairs) == ["fragment", "overlap"]


def test_fragment_allowance_needs_the_same_speaker_and_another_fragment() -> None:
    golds = [item(frags((0, 10), (25, 40)), (12, 14), name="Reed")]
    other_speaker = [
        item((0, 10), (12, 14), name="Reed"),
        item((25, 40), name="Reed", source=(50, 55)),
    ]
    # Second prediction's speaker span is elsewhere but its name agrees: allowed.
    assert match_attributions(other_speaker, golds).pred_correct == (True, True)
    same_fragment = [
        item((0, 10), (12, 14), name="Reed"),
        item((0, 9), (12, 14), name="Reed"),
    ]
    assert match_attributions(same_fragment, golds).pred_correct == (True, False)
    single = [item((0, 40), (12, 14), name="Reed")]
    assert match_attributions(
        single + [item((0, 20), (12, 14), name="Reed")], [item((0, 40), (12, 14))]
    ).pred_correct == (True, False)


def test_covered_allowance_one_prediction_for_consecutive_golds() -> None:
    # Other annotators split “A. B.” into two records of the same speaker.
    golds = [
        item((0, 20), (50, 54), name="Reed"),
        item((21, 40), (50, 54), name="Reed"),
    ]
    preds = [item((0, 40), (50, 54), name="Reed")]
    matching = match_attributions(preds, golds)
    assert matching.gold_found == (True, True)
    assert matching.pred_correct == (True,)


def test_covered_allowance_stops_at_another_speaker_between() -> None:
    golds = [
        item((0, 20), (60, 64), name="Reed"),
        item((21, 30), (70, 76), name="Okafor"),
        item((31, 40), (60, 64), name="Reed"),
    ]
    preds = [item((0, 40), (60, 64), name="Reed")]
    assert match_attributions(preds, golds).gold_found == (True, False, False)


def test_covered_allowance_needs_a_lenient_match() -> None:
    golds = [
        item((0, 20), (50, 54), name="Reed"),
        item((21, 80), (50, 54), name="Reed"),
    ]
    preds = [item((0, 25), (50, 54), name="Reed")]  # 4 of 59 chars of the second
    assert match_attributions(preds, golds).gold_found == (True, False)


def test_greedy_prefers_the_larger_overlap() -> None:
    golds = [item((0, 10), name="Reed"), item((8, 30), name="Reed")]
    preds = [item((8, 30), name="Reed")]
    matching = match_attributions(preds, golds)
    assert matching.gold_found == (False, True)


def test_report_direct_calibration_and_counts() -> None:
    golds = [
        item((0, 10), (20, 24), name="Reed", direct=True),
        item((30, 60), (20, 24), name="Reed"),
    ]
    preds = [
        item((0, 10), (20, 24), name="Reed", direct=True, confidence=0.95),
        item((70, 90), (20, 24), name="Reed", direct=True, confidence=0.35),
    ]
    report = Report()
    score_document(report, preds, golds)
    data = report.to_dict()
    assert data["attribution"]["precision"] == 0.5
    assert data["attribution"]["recall"] == 0.5
    assert data["direct"]["recall"] == 1.0
    assert data["direct"]["precision"] == 0.5
    assert data["calibration"][9] == {"bin": "0.9-1.0", "n": 1, "accuracy": 1.0}
    assert data["calibration"][3]["accuracy"] == 0.0
    assert data["calibration"][0]["accuracy"] is None


def test_empty_document_scores_zero_not_error() -> None:
    report = Report()
    score_document(report, [], [])
    assert report.attribution.f1 == 0.0
    assert report.docs == 1


@pytest.mark.parametrize(
    ("confidence", "decile"), [(0.0, 0), (0.09, 0), (0.1, 1), (0.95, 9), (1.0, 9)]
)
def test_confidence_bin(confidence: float, decile: int) -> None:
    assert confidence_bin(confidence) == decile


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Bill Clinton", "bill  clinton", True),
        ("the Treasury Department", "Treasury Department", True),
        ("Bill Clinton", "Hillary Clinton", False),
        ("Mr Patel", "Patel", True),
        ("Sir Neil Hodge", "Neil Hodge", True),
        ("Clinton", "Bill Clinton", False),
        (None, "Reed", False),
        ("", "", False),
    ],
)
def test_same_name(a: str | None, b: str | None, same: bool) -> None:
    assert same_name(a, b) is same


def test_resolved_names_are_counted_over_right_attributions_only() -> None:
    golds = [
        Item(
            span_at(0, 10), source=span_at(20, 22), name="He", resolved="Bill Clinton"
        ),
        Item(
            span_at(30, 40),
            source=span_at(50, 53),
            name="She",
            resolved="Hillary Clinton",
        ),
        Item(span_at(60, 70), source=span_at(80, 84), name="Reed"),  # no resolved name
    ]
    preds = [
        Item(
            span_at(0, 10),
            source=span_at(20, 22),
            name="Hillary Clinton",
            resolved="Hillary Clinton",
        ),
        Item(
            span_at(30, 40),
            source=span_at(50, 53),
            name="Hillary Clinton",
            resolved="Hillary Clinton",
        ),
        Item(
            span_at(60, 70), source=span_at(80, 84), name="Reed", resolved="Thomas Reed"
        ),
    ]
    report = Report()
    score_document(report, preds, golds)
    assert report.attribution.f1 == 1.0  # the speaker span is right each time
    assert report.names == [2, 1]  # but "He" was resolved to the wrong Clinton
    assert report.to_dict()["resolved_names"]["accuracy"] == 0.5


@pytest.mark.issue(13)
def test_direct_speakers_count_found_quotes_whatever_their_speaker() -> None:
    golds = [
        item((0, 10), (40, 44), name="Reed", direct=True),
        item((12, 30), (50, 55), name="Okafor", direct=True),
        item((60, 80), (40, 44), name="Reed", direct=True),  # not found at all
        item((90, 99), (40, 44), name="Reed"),  # indirect: not counted
    ]
    preds = [
        item((0, 10), (40, 44), name="Reed", direct=True),
        item((12, 30), (40, 44), name="Reed"),  # found (as mixed), wrong speaker
        item((90, 99), (40, 44), name="Reed"),
    ]
    report = Report()
    score_document(report, preds, golds)
    assert report.direct_speakers == [2, 1]
    assert report.to_dict()["direct_speakers"]["accuracy"] == 0.5


@pytest.mark.issue(13)
def test_pronoun_content_is_counted_only_with_the_text() -> None:
    text = 'the man who said it. "Him."  They said yes.'
    preds = [item((8, 11)), item((21, 27)), item((29, 42))]
    report = Report()
    score_document(report, preds, [], text=text)
    assert report.pronoun_content == 2  # "who", '"Him."'; "They said yes." is not
    report = Report()
    score_document(report, preds, [])
    assert report.pronoun_content == 0
