"""Measure speaker gender and source type against hand labels (#15).

    python benchmarks/voices_gender.py contexts --db bbc.db --n 260 > /tmp/ctx.txt
    python benchmarks/voices_gender.py score --db bbc.db
    python benchmarks/voices_gender.py quote-contexts --db bbc.db --n 100 > /tmp/q.txt
    python benchmarks/voices_gender.py quote-contexts --db bbc.db --n 100 --seed 19 \
        --blind --exclude benchmarks/voices_source_labels*.tsv > /tmp/q19.txt
    python benchmarks/voices_gender.py score-sources --db bbc.db --errors \
        --labels benchmarks/voices_source_labels_heldout5.tsv
    python benchmarks/voices_gender.py label-offsets --db drawn-from.db --labels NEW.tsv

The index is the BBC set ingested as is (`whosaid ingest ../shared/data/bbc
--db bbc.db`). `contexts` prints, for a seeded sample of quoted named people
(one per article), the sentences of their article that name them and the
sentence after each, numbered, for labelling by hand; the output holds
article text, so it stays out of the repository. The labels
(`benchmarks/voices_gender_labels.tsv`: doc id, speaker, label, where the
article says it) are what is committed. `score` prints precision per evidence
kind and coverage, and compares the two name libraries on the same people.
`quote-contexts` / `score-sources` do the same for source types
(`benchmarks/voices_source_labels*.tsv`). A source label keeps the quote's
content offsets, so it is matched to any later index by doc id and content
overlap, not by position (`voices_labels.py`); `label-offsets` writes them
into a new label file from the index it was drawn from (position still
right there); `score-sources` lists the labels the index no longer has.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sqlite3
import sys
from collections import Counter, defaultdict
from pathlib import Path

from voices_labels import (
    Span,
    add_offsets,
    changed_text,
    index_quotes,
    label_span,
    match_all,
    overlap,
    read_labels,
)

HERE = Path(__file__).resolve().parent
GENDER_LABELS = HERE / "voices_gender_labels.tsv"
SOURCE_LABELS = HERE / "voices_source_labels.tsv"
_SENTENCE = re.compile(r"(?<=[.!?\"])\s+(?=[A-Z\"])")


def _sentences(text: str) -> list[str]:
    return [s for line in text.splitlines() for s in _SENTENCE.split(line) if s.strip()]


def contexts(conn: sqlite3.Connection, n: int, seed: int) -> None:
    """Print labelling contexts for `n` quoted people, one per article."""
    rows = conn.execute(
        "SELECT a.doc_id, p.name, a.text FROM voice_people p "
        "JOIN articles a ON a.id = p.article_id WHERE p.quotes > 0 "
        "AND p.name LIKE '% %' ORDER BY a.doc_id, p.name"
    ).fetchall()
    by_article: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for doc_id, name, text in rows:
        by_article[doc_id].append((name, text))
    rng = random.Random(seed)
    chosen = rng.sample(sorted(by_article), min(n, len(by_article)))
    for doc_id in sorted(chosen):
        name, text = rng.choice(by_article[doc_id])
        surname = name.split()[-1]
        sentences = _sentences(text)
        print(f"=== {doc_id} | {name}")
        shown: set[int] = set()
        for index, sentence in enumerate(sentences):
            if surname in sentence or name in sentence:
                for k in (index, index + 1):
                    if k < len(sentences) and k not in shown and len(shown) < 8:
                        shown.add(k)
                        print(f"  s{k}: {sentences[k][:300]}")


def _read_labels(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        return list(
            csv.DictReader(
                (line for line in f if not line.startswith("#")), delimiter="\t"
            )
        )


def score(conn: sqlite3.Connection, path: Path) -> None:
    """Print precision per evidence kind and coverage against the labels."""
    from whosaid.voices.evidence import name_parts
    from whosaid.voices.names import _guesser

    labels = _read_labels(path)
    decided: Counter[str] = Counter()
    right: Counter[str] = Counter()
    article_decided: Counter[str] = Counter()
    article_right: Counter[str] = Counter()
    covered = missing = not_people = 0
    by_gender: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    mistakes = []
    firsts: list[tuple[str, str, bool]] = []  # (first name, label, has text evidence)
    for label in labels:
        row = conn.execute(
            "SELECT p.gender, g.evidence, p.text_gender, p.text_evidence FROM voice_people p "
            "JOIN articles a ON a.id = p.article_id "
            "LEFT JOIN speaker_genders g ON g.person = p.person "
            "WHERE a.doc_id = ? AND p.name = ?",
            (label["doc_id"], label["speaker"]),
        ).fetchone()
        if row is None:
            missing += 1
            continue
        truth = label["label"]
        gender, evidence, text_gender, text_evidence = row
        if truth == "none":
            not_people += 1
            continue
        if gender != "unknown":
            covered += 1
            by_gender[gender][0] += 1
            by_gender[gender][1] += gender == truth
        if truth in ("female", "male") and gender != "unknown":
            decided[evidence] += 1
            right[evidence] += gender == truth
            if gender != truth:
                mistakes.append(
                    f"{label['doc_id']} {label['speaker']}: {gender} by {evidence}, labelled {truth}"
                )
        if truth in ("female", "male") and text_gender != "unknown":
            article_decided[text_evidence] += 1
            article_right[text_evidence] += text_gender == truth
        parts = name_parts(label["speaker"])
        if parts and truth in ("female", "male"):
            firsts.append((parts[0], truth, text_gender != "unknown"))
    total = len(labels) - missing - not_people
    print(f"labelled: {len(labels)} ({missing} not found in the index, "
          f"{not_people} not people: no gender expected)")  # fmt: skip
    print(f"labels: {dict(Counter(label['label'] for label in labels))}")
    print(f"coverage (gender not unknown) of the people: {covered}/{total} = "
          f"{covered / max(total, 1):.3f}")  # fmt: skip
    for gender, (made, good) in sorted(by_gender.items()):
        print(f"  said {gender}: {good}/{made} right = {good / made:.3f}")
    print("precision of the speaker's gender (across articles), by deciding evidence:")
    for kind in sorted(decided, key=str):
        print(
            f"  {kind}: {right[kind]}/{decided[kind]} = {right[kind] / decided[kind]:.3f}"
        )
    text_total = sum(decided[k] for k in ("pronoun", "honorific", "role"))
    text_right = sum(right[k] for k in ("pronoun", "honorific", "role"))
    if text_total:
        print(
            f"  all text evidence: {text_right}/{text_total} = {text_right / text_total:.3f}"
        )
    print("precision of this article's own text evidence:")
    for kind in sorted(article_decided, key=str):
        print(f"  {kind}: {article_right[kind]}/{article_decided[kind]} = "
              f"{article_right[kind] / article_decided[kind]:.3f}")  # fmt: skip
    for line in mistakes:
        print(f"  wrong: {line}")
    print("name libraries on the labelled people (all / those without text evidence):")
    for library, threshold in (
        ("nomquamgender", 0.7), ("nomquamgender", 0.8), ("nomquamgender", 0.9), ("nomquamgender", 0.95),
        ("nomquamgender", 0.99), ("gender-guesser", 1.0),
    ):  # fmt: skip
        guess = _guesser(library)
        for subset, people in (
            ("all", firsts),
            ("no text", [f for f in firsts if not f[2]]),
        ):
            made = [(guess(first), truth, first) for first, truth, _ in people]
            sure = [(g[0], truth, first) for g, truth, first in made
                    if g is not None and g[1] >= threshold]  # fmt: skip
            good = sum(g == truth for g, truth, _ in sure)
            wrong = [f"{first} ({g}, labelled {truth})" for g, truth, first in sure
                     if g != truth]  # fmt: skip
            print(f"  {library} p>={threshold} ({subset}, {len(people)}): precision "
                  f"{good}/{len(sure)} = {good / max(len(sure), 1):.3f}, coverage "
                  f"{len(sure) / max(len(people), 1):.3f}"
                  + (f"; wrong: {', '.join(wrong)}" if wrong else ""))  # fmt: skip


def quote_contexts(
    conn: sqlite3.Connection, n: int, seed: int, exclude: list[Path], blind: bool,
    kind: str = "all",
) -> None:  # fmt: skip
    """Print `n` sampled quotes with their mention and sentence, for labelling.

    `exclude`: label files whose quotes are not drawn again (a new held-out
    set): a quote whose content overlaps a labelled one at all is left out,
    whatever its position now. `blind`: print the quote marked in its
    paragraph and the two before, without the engine's mention, so the label
    comes from the text alone. The header line gives the quote's content
    offsets (`@start-end`), which a label row keeps (`voices_labels.py`).
    `kind`: draw only quotes of this kind ("statement": what the voices
    reports count by default); "all" draws as seeds 15-22 were drawn.
    """
    taken: dict[str, list[Span]] = defaultdict(list)
    for path in exclude:
        for row in read_labels(path)[1]:
            taken[row["doc_id"]].append(label_span(row, path))
    rows = [
        row
        for row in conn.execute(
            "SELECT a.doc_id, q.position, q.speaker_text, q.content_start, "
            "q.content_end, a.text FROM quotes q JOIN articles a ON a.id = q.article_id "
            + ("WHERE q.kind = ? " if kind != "all" else "")
            + "ORDER BY q.id",
            (kind,) if kind != "all" else (),
        ).fetchall()
        if not any(overlap(Span(row[0], row[3], row[4]), s) for s in taken[row[0]])
    ]
    print(f"# {len(rows)} quotes to draw from ({sum(map(len, taken.values()))} "
          f"labelled quotes excluded with what overlaps them)", file=sys.stderr)  # fmt: skip
    rng = random.Random(seed)
    for doc_id, position, mention, start, end, text in sorted(rng.sample(rows, n)):
        before = text.rfind("\n", 0, start) + 1
        after = text.find("\n", end)
        if not blind:
            print(f"=== {doc_id} #{position} @{start}-{end} | mention: {mention!r}")
            print(f"  {text[before : after if after > 0 else None][:500]}")
            continue
        for _ in range(2):  # two paragraphs before, for who "he" is
            before = text.rfind("\n", 0, max(before - 2, 0)) + 1 if before > 1 else 0
        stop = after if after > 0 else len(text)
        print(f"=== {doc_id} #{position} @{start}-{end}")
        print(
            "  "
            + (text[before:start] + "[[" + text[start:end] + "]]" + text[end:stop])[
                -1500:
            ]
        )


def score_sources(
    conn: sqlite3.Connection, path: Path, errors: bool = False, kind: str = "all"
) -> None:
    """Print source-type accuracy against the labels, with a confusion list.

    Labels are matched to this index's quotes by doc id and content overlap
    (`voices_labels.best_match`), not by position, so a rebuilt index is
    scored on the labelled words. A label no quote matches is `missing`:
    counted right when it is labelled `unknown` (a non-statement the engine
    no longer takes for a quote), wrong otherwise (a statement lost), and
    listed either way. `kind`: score only labels whose quote is of this kind
    now (what a report of that kind counts); the others are listed, not scored.
    """
    _, labels = read_labels(path)
    spans = [label_span(label, path) for label in labels]
    matches = match_all(spans, index_quotes(conn, (s.doc_id for s in spans)))
    good, confusion, wrong, missing = 0, Counter[tuple[str, str]](), [], []
    moved: list[dict[str, str]] = []  # matched a record whose content moved
    seen: Counter[int] = Counter()
    changed = sum(changed_text(conn, label) for label in labels)
    other_kind: list[str] = []
    if kind != "all":
        kinds = _kinds(conn, [m.quote_id for m in matches if m is not None])
        kept = [
            (label, m)
            for label, m in zip(labels, matches, strict=True)
            if m is None or kinds[m.quote_id] == kind
        ]
        other_kind = [
            f"  not counted: {label['doc_id']} @{label['content_start']}-"
            f"{label['content_end']} is a {kinds[m.quote_id]} now, labelled {label['label']}"
            for label, m in zip(labels, matches, strict=True)
            if m is not None and kinds[m.quote_id] != kind
        ]
        labels, matches = [k[0] for k in kept], [k[1] for k in kept]
        print(f"kind {kind}: {len(labels)} labels scored, {len(other_kind)} left out")
    for label, match in zip(labels, matches, strict=True):
        where = f"{label['doc_id']} @{label['content_start']}-{label['content_end']}"
        if match is None:
            missing.append(f"  missing: {where} labelled {label['label']}"
                           f" ({label.get('note', '')})")  # fmt: skip
            good += label["label"] == "unknown"
            if label["label"] != "unknown":
                confusion[(label["label"], "missing")] += 1
            continue
        seen[match.quote_id or 0] += 1
        if (match.start, match.end) != (
            int(label["content_start"]),
            int(label["content_end"]),
        ):
            moved.append(label)
            where += f" (now @{match.start}-{match.end})"
        source, mention, name = conn.execute(
            "SELECT v.source, q.speaker_text, q.speaker_name FROM quotes q "
            "LEFT JOIN quote_voices v ON v.quote_id = q.id WHERE q.id = ?",
            (match.quote_id,),
        ).fetchone()
        predicted = source or "no voices row"
        good += predicted == label["label"]
        if predicted != label["label"]:
            confusion[(label["label"], predicted)] += 1
            wrong.append(f"  wrong: {where} labelled {label['label']}, predicted "
                         f"{predicted} (mention {mention!r}, name {name!r}; "
                         f"{label.get('note', '')})")  # fmt: skip
    found = len(labels) - len(missing)
    lost = sum(
        m is None and label["label"] != "unknown"
        for label, m in zip(labels, matches, strict=True)
    )
    print(
        f"source type accuracy: {good}/{len(labels)} = {good / max(len(labels), 1):.3f}"
    )
    print(f"matched by content overlap: {found}/{len(labels)}; missing (no longer "
          f"extracted): {len(missing)}, of which {lost} labelled as statements "
          "(counted wrong) and "
          f"{len(missing) - lost} labelled unknown (counted right)")  # fmt: skip
    right_found = good - (len(missing) - lost)
    print(f"accuracy on the matched quotes: {right_found}/{found} = "
          f"{right_found / max(found, 1):.3f}")  # fmt: skip
    if moved:
        print(f"matched a quote whose content boundaries moved: {len(moved)} (its "
              "speaker may be another now: read the errors among them, marked 'now @')")  # fmt: skip
    if changed:
        print(f"warning: {changed} labels' offsets no longer hold the labelled words")
    if shared := sum(n - 1 for n in seen.values() if n > 1):
        print(f"note: {shared} labels matched a quote another label matched")
    print(f"labels: {dict(Counter(label['label'] for label in labels))}")
    for (truth, predicted), count in confusion.most_common():
        print(f"  labelled {truth}, predicted {predicted}: {count}")
    for line in missing + (wrong + other_kind if errors else []):
        print(line)


def _kinds(conn: sqlite3.Connection, ids: list[int | None]) -> dict[int | None, str]:
    """The kind of each quote id (a statement, belief, ...)."""
    return {
        row[0]: row[1]
        for row in conn.execute(
            f"SELECT id, kind FROM quotes WHERE id IN ({', '.join('?' * len(ids))})",  # noqa: S608
            ids,
        )
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "mode",
        choices=[
            "contexts",
            "score",
            "quote-contexts",
            "score-sources",
            "label-offsets",
        ],
    )
    parser.add_argument("--db", required=True)
    parser.add_argument("--n", type=int, default=260)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--labels", type=Path)
    parser.add_argument("--exclude", type=Path, nargs="*", default=[])
    parser.add_argument("--blind", action="store_true")
    parser.add_argument("--errors", action="store_true", help="list every wrong label")
    parser.add_argument(
        "--kind", default="all", help="quote-contexts, score-sources: only this kind"
    )
    args = parser.parse_args()
    conn = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    if args.mode == "label-offsets":  # from the index the labels were drawn from
        path = args.labels or SOURCE_LABELS
        print(f"{path}: {add_offsets(conn, path)} rows given content offsets")
    elif args.mode == "contexts":
        contexts(conn, args.n, args.seed)
    elif args.mode == "score":
        score(conn, args.labels or GENDER_LABELS)
    elif args.mode == "quote-contexts":
        quote_contexts(conn, args.n, args.seed, args.exclude, args.blind, args.kind)
    else:
        score_sources(conn, args.labels or SOURCE_LABELS, args.errors, args.kind)


if __name__ == "__main__":
    sys.exit(main())
