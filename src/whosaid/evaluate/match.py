"""One-to-one matching of predicted and gold spans and attributions.

Everything here is a pure function over `Item`s and `GoldSpan`s, so that each
rule can be tested on hand-built cases. The metrics are documented in the
README ("Accuracy").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from whosaid.evaluate.spans import GoldSpan, is_lenient, overlap

_WORD = re.compile(r"[\w'’.-]+")


@dataclass(frozen=True, slots=True)
class Item:
    """One attribution, gold or predicted, reduced to what the scorer compares.

    `name` is the speaker as a name ("Thomas Reed", "he"): the resolved name of
    a prediction, or the gold source's text without its apposition. `resolved`
    is compared whole, for the resolved-name figure.
    """

    content: GoldSpan
    cue: GoldSpan | None = None
    source: GoldSpan | None = None
    name: str | None = None
    direct: bool = False
    kind: str = "statement"
    confidence: float = 1.0
    # The speaker's resolved full name, where the annotation gives one (a
    # whosaid gold set's `speaker_name`; PolNeAR resolves no speakers).
    resolved: str | None = None


@dataclass(frozen=True, slots=True)
class Pair:
    """A matched prediction and gold: `via` is "overlap", "fragment" or "covered"."""

    pred: int
    gold: int
    via: str


@dataclass(frozen=True, slots=True)
class Matching:
    """Which predictions are right and which golds were found."""

    pairs: tuple[Pair, ...]
    pred_correct: tuple[bool, ...]
    gold_found: tuple[bool, ...]


def greedy_pairs(
    preds: Sequence[GoldSpan],
    golds: Sequence[GoldSpan],
    accept: Callable[[int, int], bool],
) -> list[tuple[int, int]]:
    """Pair predictions with golds one-to-one, largest overlap first.

    Ties go to the pair whose starts are closer, then to text order. Only pairs
    that `accept(pred_index, gold_index)` are considered.
    """
    candidates = []
    for i, pred in enumerate(preds):
        for j, gold in enumerate(golds):
            if accept(i, j):
                score = (overlap(pred, gold), -abs(pred.start - gold.start))
                candidates.append((score, i, j))
    candidates.sort(key=lambda c: (-c[0][0], -c[0][1], c[1], c[2]))
    used_pred: set[int] = set()
    used_gold: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i not in used_pred and j not in used_gold:
            used_pred.add(i)
            used_gold.add(j)
            pairs.append((i, j))
    return sorted(pairs)


def match_spans(
    preds: Sequence[GoldSpan],
    golds: Sequence[GoldSpan],
    same: Callable[[GoldSpan, GoldSpan], bool],
) -> list[tuple[int, int]]:
    """Pair spans one-to-one where `same(pred, gold)` holds (span-level scores)."""
    return greedy_pairs(preds, golds, lambda i, j: same(preds[i], golds[j]))


def last_word(name: str | None) -> str | None:
    """Return the lower-cased last word of a name ("Reed's" -> "reed")."""
    words = _WORD.findall(name or "")
    if not words:
        return None
    word = words[-1].lower().strip(".-'’")
    for suffix in ("'s", "’s"):
        word = word.removesuffix(suffix)
    return word or None


def speaker_right(pred: Item, gold: Item) -> bool:
    """The speaker span overlaps the gold source, or the names' last words agree.

    When gold has no source, the prediction is right only without a speaker.
    """
    if gold.source is None and gold.name is None:
        return pred.source is None and pred.name is None
    if pred.source and gold.source and overlap(pred.source, gold.source):
        return True
    pred_word, gold_word = last_word(pred.name), last_word(gold.name)
    return pred_word is not None and pred_word == gold_word


def _same_speaker(a: Item, b: Item) -> bool:
    if a.source and b.source and overlap(a.source, b.source):
        return True
    word = last_word(a.name)
    return word is not None and word == last_word(b.name)


def _best_fragment(pred: Item, gold: Item) -> int:
    shares = [overlap(pred.content, piece) for piece in gold.content.pieces()]
    return max(range(len(shares)), key=shares.__getitem__)


def match_attributions(preds: Sequence[Item], golds: Sequence[Item]) -> Matching:
    """Match predicted and gold attributions one-to-one, with the house-style allowance.

    A pair may match when the content matches leniently and the speaker is right.
    After greedy one-to-one matching by content overlap:
      - "fragment": an unmatched prediction with the same speaker as the
        prediction matched to a discontinuous gold content, matching another
        fragment of it, is right too (PolNeAR's one attribution of
        `"A," he said. "B."`, where whosaid gives two);
      - "covered": an unmatched gold next to (no other gold content between)
        a gold matched by a prediction, with the same speaker, that the same
        prediction also matches, is found too (one quote, several golds).
    """
    ok = [
        [
            is_lenient(pred.content, gold.content) and speaker_right(pred, gold)
            for gold in golds
        ]
        for pred in preds
    ]
    contents = [pred.content for pred in preds], [gold.content for gold in golds]
    pairs = [
        Pair(i, j, "overlap") for i, j in greedy_pairs(*contents, lambda i, j: ok[i][j])
    ]
    pairs += _fragment_pairs(preds, golds, ok, pairs)
    pairs += _covered_pairs(preds, golds, ok, pairs)
    pred_correct = [False] * len(preds)
    gold_found = [False] * len(golds)
    for pair in pairs:
        pred_correct[pair.pred] = gold_found[pair.gold] = True
    return Matching(tuple(pairs), tuple(pred_correct), tuple(gold_found))


def _fragment_pairs(
    preds: Sequence[Item],
    golds: Sequence[Item],
    ok: list[list[bool]],
    pairs: list[Pair],
) -> list[Pair]:
    taken = {pair.pred for pair in pairs}
    used: dict[int, set[int]] = {}  # gold -> fragments already matched
    owner: dict[int, int] = {}  # gold -> its matched prediction
    for pair in pairs:
        owner[pair.gold] = pair.pred
        fragment = _best_fragment(preds[pair.pred], golds[pair.gold])
        used.setdefault(pair.gold, set()).add(fragment)
    extra = []
    for i, pred in enumerate(preds):
        if i in taken:
            continue
        for j, gold in enumerate(golds):
            if j not in owner or len(gold.content.fragments) < 2 or not ok[i][j]:
                continue
            fragment = _best_fragment(pred, gold)
            if fragment in used[j] or not _same_speaker(pred, preds[owner[j]]):
                continue
            used[j].add(fragment)
            extra.append(Pair(i, j, "fragment"))
            break
    return extra


def _covered_pairs(
    preds: Sequence[Item],
    golds: Sequence[Item],
    ok: list[list[bool]],
    pairs: list[Pair],
) -> list[Pair]:
    order = sorted(range(len(golds)), key=lambda j: (golds[j].content.start, j))
    position = {j: k for k, j in enumerate(order)}
    found = {pair.gold: pair.pred for pair in pairs if pair.via == "overlap"}
    extra = []
    changed = True
    while changed:
        changed = False
        for j in order:
            if j in found:
                continue
            for k in (position[j] - 1, position[j] + 1):
                if not 0 <= k < len(order) or order[k] not in found:
                    continue
                neighbour = order[k]
                i = found[neighbour]
                if ok[i][j] and _same_speaker(golds[j], golds[neighbour]):
                    found[j] = i
                    extra.append(Pair(i, j, "covered"))
                    changed = True
                    break
    return extra
