"""Measure speaker gender and source type against hand labels (#15).

    python benchmarks/voices_gender.py contexts --db bbc.db --n 260 > /tmp/ctx.txt
    python benchmarks/voices_gender.py score --db bbc.db
    python benchmarks/voices_gender.py quote-contexts --db bbc.db --n 100 > /tmp/q.txt
    python benchmarks/voices_gender.py quote-contexts --db bbc.db --n 100 --seed 19 \
        --blind --exclude benchmarks/voices_source_labels*.tsv > /tmp/q19.txt
    python benchmarks/voices_gender.py score-sources --db bbc.db

The index is the BBC set ingested as is (`whosaid ingest ../shared/data/bbc
--db bbc.db`). `contexts` prints, for a seeded sample of quoted named people
(one per article), the sentences of their article that name them and the
sentence after each, numbered, for labelling by hand; the output holds
article text, so it stays out of the repository. The labels
(`benchmarks/voices_gender_labels.tsv`: doc id, speaker, label, where the
article says it) are what is committed. `score` prints precision per evidence
kind and coverage, and compares the two name libraries on the same people.
`quote-contexts` / `score-sources` do the same for source types
(`benchmarks/voices_source_labels.tsv`).
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
    conn: sqlite3.Connection, n: int, seed: int, exclude: list[Path], blind: bool
) -> None:
    """Print `n` sampled quotes with their mention and sentence, for labelling.

    `exclude`: label files whose quotes are not drawn again (a new held-out
    set). `blind`: print the quote marked in its paragraph and the two before,
    without the engine's mention, so the label comes from the text alone.
    """
    taken = {
        (r["doc_id"], int(r["position"]))
        for path in exclude
        for r in _read_labels(path)
    }
    rows = [
        row
        for row in conn.execute(
            "SELECT a.doc_id, q.position, q.speaker_text, q.content_start, "
            "q.content_end, a.text FROM quotes q JOIN articles a ON a.id = q.article_id "
            "ORDER BY q.id"
        ).fetchall()
        if (row[0], row[1]) not in taken
    ]
    rng = random.Random(seed)
    for doc_id, position, mention, start, end, text in sorted(rng.sample(rows, n)):
        before = text.rfind("\n", 0, start) + 1
        after = text.find("\n", end)
        if not blind:
            print(f"=== {doc_id} #{position} | mention: {mention!r}")
            print(f"  {text[before : after if after > 0 else None][:500]}")
            continue
        for _ in range(2):  # two paragraphs before, for who "he" is
            before = text.rfind("\n", 0, max(before - 2, 0)) + 1 if before > 1 else 0
        stop = after if after > 0 else len(text)
        print(f"=== {doc_id} #{position}")
        print(
            "  "
            + (text[before:start] + "[[" + text[start:end] + "]]" + text[end:stop])[
                -1500:
            ]
        )


def score_sources(conn: sqlite3.Connection, path: Path) -> None:
    """Print source-type accuracy against the labels, with a confusion list."""
    labels = _read_labels(path)
    good, confusion = 0, Counter()
    for label in labels:
        row = conn.execute(
            "SELECT v.source FROM quote_voices v JOIN quotes q ON q.id = v.quote_id "
            "JOIN articles a ON a.id = q.article_id WHERE a.doc_id = ? AND q.position = ?",
            (label["doc_id"], int(label["position"])),
        ).fetchone()
        predicted = row[0] if row else "missing"
        good += predicted == label["label"]
        if predicted != label["label"]:
            confusion[(label["label"], predicted)] += 1
    print(
        f"source type accuracy: {good}/{len(labels)} = {good / max(len(labels), 1):.3f}"
    )
    print(f"labels: {dict(Counter(label['label'] for label in labels))}")
    for (truth, predicted), count in confusion.most_common():
        print(f"  labelled {truth}, predicted {predicted}: {count}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "mode", choices=["contexts", "score", "quote-contexts", "score-sources"]
    )
    parser.add_argument("--db", required=True)
    parser.add_argument("--n", type=int, default=260)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--labels", type=Path)
    parser.add_argument("--exclude", type=Path, nargs="*", default=[])
    parser.add_argument("--blind", action="store_true")
    args = parser.parse_args()
    conn = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    if args.mode == "contexts":
        contexts(conn, args.n, args.seed)
    elif args.mode == "score":
        score(conn, args.labels or GENDER_LABELS)
    elif args.mode == "quote-contexts":
        quote_contexts(conn, args.n, args.seed, args.exclude, args.blind)
    else:
        score_sources(conn, args.labels or SOURCE_LABELS)


if __name__ == "__main__":
    sys.exit(main())
