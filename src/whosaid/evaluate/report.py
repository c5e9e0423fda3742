"""Scores: counts per document, added up into P/R/F1 and calibration bins."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from whosaid.evaluate.match import (
    Item,
    Matching,
    greedy_pairs,
    match_attributions,
    match_spans,
    speaker_right,
)
from whosaid.evaluate.spans import MODES, GoldSpan, is_lenient
from whosaid.pronouns import is_pronoun_content
from whosaid.wordlists import honorifics

ROLES = ("source", "cue", "content")
# Dropped before a name when names are compared: "the" and the honorifics.
_HONORIFICS = frozenset({"the"} | set(honorifics()))
BINS = 10


@dataclass
class Counts:
    """Right predictions and found golds, out of all of each.

    With the house-style allowance one gold may make several predictions right
    (and one prediction several golds found), so the two numerators differ.
    """

    n_pred: int = 0
    n_gold: int = 0
    pred_correct: int = 0
    gold_found: int = 0

    def add(self, other: Counts) -> None:
        self.n_pred += other.n_pred
        self.n_gold += other.n_gold
        self.pred_correct += other.pred_correct
        self.gold_found += other.gold_found

    @property
    def precision(self) -> float:
        return self.pred_correct / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.gold_found / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "n_pred": self.n_pred,
            "n_gold": self.n_gold,
            "pred_correct": self.pred_correct,
            "gold_found": self.gold_found,
        }


@dataclass
class Report:
    """Every figure of one evaluation run, summed over its documents."""

    docs: int = 0
    roles: dict[str, dict[str, Counts]] = field(
        default_factory=lambda: {r: {m: Counts() for m in MODES} for r in ROLES}
    )
    attribution: Counts = field(default_factory=Counts)
    direct: Counts = field(default_factory=Counts)
    # Per confidence decile: [predictions, right predictions].
    calibration: list[list[int]] = field(
        default_factory=lambda: [[0, 0] for _ in range(BINS)]
    )
    # Right attributions whose gold gives a resolved name: [those, same name].
    names: list[int] = field(default_factory=lambda: [0, 0])
    # Gold direct quotes whose content some prediction found: [found, right
    # speaker] (#13: who said a quote, apart from whether it was found).
    direct_speakers: list[int] = field(default_factory=lambda: [0, 0])
    # Predictions whose content is only a pronoun ("who", "him"): junk (#13).
    pronoun_content: int = 0
    failed: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "docs": self.docs,
            "failed": self.failed,
            "roles": {
                role: {mode: counts.to_dict() for mode, counts in modes.items()}
                for role, modes in self.roles.items()
            },
            "attribution": self.attribution.to_dict(),
            "direct": self.direct.to_dict(),
            "resolved_names": {
                "compared": self.names[0],
                "right": self.names[1],
                "accuracy": round(self.names[1] / self.names[0], 4)
                if self.names[0]
                else None,
            },
            "direct_speakers": {
                "found": self.direct_speakers[0],
                "right": self.direct_speakers[1],
                "accuracy": round(self.direct_speakers[1] / self.direct_speakers[0], 4)
                if self.direct_speakers[0]
                else None,
            },
            "pronoun_content": self.pronoun_content,
            "calibration": [
                {
                    "bin": f"{k / BINS:.1f}-{(k + 1) / BINS:.1f}",
                    "n": n,
                    "accuracy": round(right / n, 4) if n else None,
                }
                for k, (n, right) in enumerate(self.calibration)
            ],
        }


def unique_spans(spans: Sequence[GoldSpan | None], *, split: bool) -> list[GoldSpan]:
    """Deduplicate spans by offsets; with `split`, each fragment is a span."""
    seen: dict[tuple[int, int], GoldSpan] = {}
    for span in spans:
        if span is None:
            continue
        for piece in span.pieces() if split else (span,):
            seen.setdefault((piece.start, piece.end), piece)
    return sorted(seen.values(), key=lambda s: (s.start, s.end))


def score_roles(
    preds: Sequence[Item], golds: Sequence[Item]
) -> dict[str, dict[str, Counts]]:
    """Span-level counts per role and mode, each distinct span counted once.

    A discontinuous gold span counts as one span per fragment, as a sequence
    tagger sees it.
    """
    scores: dict[str, dict[str, Counts]] = {}
    for role in ROLES:
        pred_spans = unique_spans([getattr(p, role) for p in preds], split=False)
        gold_spans = unique_spans([getattr(g, role) for g in golds], split=True)
        scores[role] = {}
        for mode, same in MODES.items():
            hits = len(match_spans(pred_spans, gold_spans, same))
            scores[role][mode] = Counts(len(pred_spans), len(gold_spans), hits, hits)
    return scores


def count_matching(matching: Matching) -> Counts:
    """Count right predictions and found golds of one matching."""
    return Counts(
        n_pred=len(matching.pred_correct),
        n_gold=len(matching.gold_found),
        pred_correct=sum(matching.pred_correct),
        gold_found=sum(matching.gold_found),
    )


def same_name(a: str | None, b: str | None) -> bool:
    """Compare resolved names, ignoring case, spacing, "the" and honorifics.

    "Mr Patel" and "Patel" are the same name; "Bill Clinton" and "Clinton" are
    not (the second is not resolved).
    """

    def norm(name: str | None) -> str:
        words = (name or "").lower().replace(".", "").split()
        while words and words[0] in _HONORIFICS:
            words = words[1:]
        return " ".join(words)

    return bool(norm(a)) and norm(a) == norm(b)


def confidence_bin(confidence: float) -> int:
    """Return the decile of a confidence in [0, 1] (1.0 falls in the top one)."""
    return min(BINS - 1, max(0, int(confidence * BINS)))


def score_direct_speakers(
    preds: Sequence[Item], golds: Sequence[Item]
) -> tuple[int, int]:
    """Count gold direct quotes found by content alone, and those with the right speaker.

    Every prediction may find a direct quote (a quote the engine called mixed
    still names a speaker); pairs are one-to-one by content overlap, whatever
    the speaker, so a wrong speaker counts here and not as a miss.
    """
    direct = [gold for gold in golds if gold.direct]
    pairs = greedy_pairs(
        [pred.content for pred in preds],
        [gold.content for gold in direct],
        lambda i, j: is_lenient(preds[i].content, direct[j].content),
    )
    right = sum(speaker_right(preds[i], direct[j]) for i, j in pairs)
    return len(pairs), right


def score_document(
    report: Report, preds: Sequence[Item], golds: Sequence[Item], *, text: str = ""
) -> Matching:
    """Add one document's counts to `report` and return its attribution matching.

    With `text`, predictions whose content is only a pronoun are counted.
    """
    report.docs += 1
    for role, modes in score_roles(preds, golds).items():
        for mode, counts in modes.items():
            report.roles[role][mode].add(counts)
    matching = match_attributions(preds, golds)
    report.attribution.add(count_matching(matching))
    direct_preds = [p for p in preds if p.direct]
    direct_golds = [g for g in golds if g.direct]
    report.direct.add(count_matching(match_attributions(direct_preds, direct_golds)))
    found, right = score_direct_speakers(preds, golds)
    report.direct_speakers[0] += found
    report.direct_speakers[1] += right
    if text:
        report.pronoun_content += sum(
            is_pronoun_content(text[p.content.start : p.content.end]) for p in preds
        )
    for pair in matching.pairs:
        gold_name = golds[pair.gold].resolved
        if gold_name:
            report.names[0] += 1
            report.names[1] += same_name(preds[pair.pred].resolved, gold_name)
    for pred, right in zip(preds, matching.pred_correct, strict=True):
        cell = report.calibration[confidence_bin(pred.confidence)]
        cell[0] += 1
        cell[1] += int(right)
    return matching


def _prf(counts: Counts) -> str:
    return f"{counts.precision:6.3f} {counts.recall:6.3f} {counts.f1:6.3f}"


def format_report(report: Report, *, title: str) -> str:
    """Render a report as a plain-text table (the CLI prints it)."""
    lines = [
        title,
        "",
        f"{'span level':<14}" + "".join(f"{m + ' P/R/F1':<23}" for m in MODES),
    ]
    for role, modes in report.roles.items():
        lines.append(f"{role:<14}" + "".join(f"{_prf(c):<23}" for c in modes.values()))
    lines += ["", f"{'attributions':<14}{'P/R/F1':<23}predicted  gold"]
    for label, counts in (
        ("all", report.attribution),
        ("direct quotes", report.direct),
    ):
        lines.append(
            f"{label:<14}{_prf(counts):<23}{counts.n_pred:>9} {counts.n_gold:>5}"
        )
    compared, right = report.names
    if compared:
        lines.append(
            f"resolved names right: {right / compared:.3f} ({right} of {compared} right attributions)"
        )
    found, right = report.direct_speakers
    if found:
        lines.append(
            f"direct-quote speakers right: {right / found:.3f} "
            f"({right} of {found} gold direct quotes found)"
        )
    lines.append(f"records whose content is a pronoun: {report.pronoun_content}")
    lines += ["", "calibration (predictions right per confidence decile)"]
    for k, (n, right) in enumerate(report.calibration):
        if n:
            lines.append(
                f"  {k / BINS:.1f}-{(k + 1) / BINS:.1f}  {right / n:6.3f}  n={n}"
            )
    lines.append(
        f"\n{report.docs} documents"
        + (f", {len(report.failed)} failed" if report.failed else "")
    )
    return "\n".join(lines)
