"""Explain each miss and false alarm of an attribution matching, in context."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from whosaid.evaluate.match import Item, Matching, speaker_right
from whosaid.evaluate.spans import is_lenient, overlap

CONTEXT_CHARS = 150


def _reason(item: Item, others: Sequence[Item], *, item_is_pred: bool) -> str:
    touching = [o for o in others if overlap(item.content, o.content)]
    if not touching:
        return "no gold content overlaps" if item_is_pred else "no prediction overlaps"
    lenient = [o for o in touching if is_lenient(item.content, o.content)]
    if not lenient:
        return "content boundaries differ (overlap < 50% of the shorter)"
    right = [
        o
        for o in lenient
        if (speaker_right(item, o) if item_is_pred else speaker_right(o, item))
    ]
    if right:
        return "its match went to another one (one-to-one)"
    names = ", ".join(sorted({o.name or "none" for o in lenient}))
    return f"content matches, speaker wrong ({'gold' if item_is_pred else 'predicted'}: {names})"


def _context(text: str, item: Item) -> str:
    start, end = item.content.start, item.content.end
    before = text[max(0, start - CONTEXT_CHARS) : start]
    after = text[end : end + CONTEXT_CHARS]
    return f"{before}[[{text[start:end]}]]{after}"


def _describe(text: str, item: Item) -> dict[str, Any]:
    def pieces(span: Any) -> str | None:
        return (
            " … ".join(text[f.start : f.end] for f in span.fragments) if span else None
        )

    return {
        "content": pieces(item.content),
        "start": item.content.start,
        "end": item.content.end,
        "cue": pieces(item.cue),
        "source": pieces(item.source),
        "name": item.name,
        "direct": item.direct,
        "kind": item.kind,
    }


def list_errors(
    doc_id: str,
    text: str,
    preds: Sequence[Item],
    golds: Sequence[Item],
    matching: Matching,
) -> list[dict[str, Any]]:
    """Return one record per missed gold and per wrong prediction, in text order."""
    errors = []
    for gold, found in zip(golds, matching.gold_found, strict=True):
        if not found:
            record = {"doc": doc_id, "error": "miss", **_describe(text, gold)}
            record["reason"] = _reason(gold, preds, item_is_pred=False)
            record["context"] = _context(text, gold)
            errors.append(record)
    for pred, right in zip(preds, matching.pred_correct, strict=True):
        if not right:
            record = {"doc": doc_id, "error": "false_alarm", **_describe(text, pred)}
            record["confidence"] = pred.confidence
            record["reason"] = _reason(pred, golds, item_is_pred=True)
            record["context"] = _context(text, pred)
            errors.append(record)
    return sorted(errors, key=lambda e: (e["start"], e["error"]))
