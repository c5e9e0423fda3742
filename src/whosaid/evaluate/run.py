"""Run a predictor over gold documents and score it: the library behind `whosaid eval`.

A predictor is any function from documents to predicted `Item`s per document,
so whosaid's engines and peers (textacy) go through the same scorer.
"""

from __future__ import annotations

import hashlib
import importlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from whosaid.errors import WhosaidError
from whosaid.evaluate.items import item_from_quote, item_from_record, items_from_polnear
from whosaid.evaluate.match import Item
from whosaid.evaluate.misses import list_errors
from whosaid.evaluate.polnear import load_split
from whosaid.evaluate.report import Report, score_document
from whosaid.model import Article, Failure

if TYPE_CHECKING:
    from whosaid.pipeline import Extractor

KINDS = ("all", "statement")


class GoldSetError(WhosaidError):
    """A gold set that cannot be read or does not fit its texts."""


@dataclass(frozen=True, slots=True)
class EvalDoc:
    """One article with its gold attributions."""

    id: str
    text: str
    gold: tuple[Item, ...]


@dataclass
class Evaluation:
    """A scored run: the figures, and every error for analysis."""

    report: Report
    errors: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


Predictor = Callable[[Sequence[EvalDoc]], Iterator["tuple[str, list[Item]] | Failure"]]


def load_kind_function() -> Callable[[str], str] | None:
    """Return #8's cue -> kind function, or None while it is not there."""
    try:
        module = importlib.import_module("whosaid.extract.kinds")
    except ImportError:
        return None
    function: Callable[[str], str] | None = getattr(module, "kind_of_cue", None)
    return function


def polnear_docs(
    data_dir: Path | str, split: str, *, kind_of_cue: Callable[[str], str] | None = None
) -> tuple[list[EvalDoc], list[str]]:
    """Load a PolNeAR split as scorer documents, with notes on what was chosen."""
    docs, several = [], 0
    try:
        articles = list(load_split(data_dir, split))
    except FileNotFoundError as err:
        raise GoldSetError(str(err)) from err
    for article in articles:
        several += bool(article.extra_annotators)
        gold = items_from_polnear(article, kind_of_cue=kind_of_cue)
        docs.append(EvalDoc(article.id, article.text, tuple(gold)))
    notes = [
        f"PolNeAR {split}: {len(docs)} articles, {sum(len(d.gold) for d in docs)} "
        f"attributions; {several} articles have several annotators: the first "
        "annotation file in sorted order was used"
    ]
    if kind_of_cue is None:
        notes.append(
            "no cue -> kind function (#8) yet: every gold counts as a statement"
        )
    return docs, notes


def polnear_digest(data_dir: Path | str, split: str) -> str:
    """Return a SHA-256 over a split's file names and contents."""
    root = Path(data_dir) / split
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def gold_set_docs(gold_path: Path | str, texts_dir: Path | str) -> list[EvalDoc]:
    """Load a gold set in whosaid's quote format, one text file per `doc`.

    Every `.txt` in `texts_dir` is a document, including those with no quote
    (their predictions are all false alarms).

    Raises:
        GoldSetError: A line that is not a quote record, a `doc` with no text,
            or a span whose text does not match its offsets.
    """
    texts = {
        path.stem: _read_text(path) for path in sorted(Path(texts_dir).glob("*.txt"))
    }
    if not texts:
        raise GoldSetError(f"{texts_dir}: no .txt files for the gold set")
    by_doc: dict[str, list[Item]] = {doc_id: [] for doc_id in texts}
    with open(gold_path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            where = f"{gold_path}:{number}"
            record = _read_record(line, where)
            text = texts.get(str(record["doc"]))
            if text is None:
                raise GoldSetError(
                    f"{where}: no text {record['doc']}.txt in {texts_dir}"
                )
            _check_offsets(record, text, where)
            by_doc[str(record["doc"])].append(item_from_record(record))
    return [
        EvalDoc(doc_id, texts[doc_id], tuple(items)) for doc_id, items in by_doc.items()
    ]


def _read_text(path: Path) -> str:
    """Read a gold text exactly as stored: offsets count a CRLF as two characters.

    `newline=""` keeps `\r\n` (the real-news set's US files are CRLF, #13);
    reading with newline translation would shift every offset after a line end.
    """
    try:
        with open(path, encoding="utf-8", errors="strict", newline="") as f:
            return f.read()
    except UnicodeDecodeError as err:
        raise GoldSetError(f"{path}: not UTF-8: {err}") from err


def _read_record(line: str, where: str) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        raise GoldSetError(f"{where}: not JSON: {err}") from err
    if not isinstance(record, dict) or "doc" not in record or "content" not in record:
        raise GoldSetError(f"{where}: a gold record needs 'doc' and 'content'")
    return record


def _check_offsets(record: dict[str, Any], text: str, where: str) -> None:
    for role in ("content", "cue", "speaker"):
        span = record.get(role)
        if span and text[span["start"] : span["end"]] != span["text"]:
            raise GoldSetError(
                f"{where}: {role} text {span['text']!r} is not at "
                f"[{span['start']}, {span['end']})"
            )


def engine_predictor(extractor: Extractor, *, convention: str = "whosaid") -> Predictor:
    """Predict with a loaded whosaid engine, converting its quotes to items."""

    def predict(docs: Sequence[EvalDoc]) -> Iterator[tuple[str, list[Item]] | Failure]:
        articles = (Article(id=doc.id, text=doc.text, source=doc.id) for doc in docs)
        for result in extractor.pipe(articles):
            if isinstance(result, Failure):
                yield result
                continue
            text = result.article.text
            items = [
                item_from_quote(q, text, convention=convention) for q in result.quotes
            ]
            yield result.article.id, items

    return predict


def _select(items: Iterable[Item], kind: str) -> list[Item]:
    return [item for item in items if kind == "all" or item.kind == kind]


def evaluate(
    docs: Sequence[EvalDoc], predict: Predictor, *, kind: str = "all"
) -> Evaluation:
    """Score `predict` on `docs`; `kind="statement"` keeps statements on both sides.

    A document the predictor fails on is scored with no predictions, so its
    gold counts as missed, and is listed in `report.failed`.
    """
    if kind not in KINDS:
        raise WhosaidError(f"--kind must be one of {', '.join(KINDS)}; got {kind!r}")
    evaluation = Evaluation(Report())
    by_id = {doc.id: doc for doc in docs}
    for output in predict(docs):
        items: list[Item]
        if isinstance(output, Failure):
            evaluation.report.failed.append(str(output))
            doc_id, items = output.source, []
        else:
            doc_id, items = output
        doc = by_id[doc_id]
        preds, golds = _select(items, kind), _select(doc.gold, kind)
        matching = score_document(evaluation.report, preds, golds, text=doc.text)
        evaluation.errors += list_errors(doc.id, doc.text, preds, golds, matching)
    return evaluation


def predict_once(predict: Predictor, docs: Sequence[EvalDoc]) -> Predictor:
    """Run `predict` on `docs` now and return a predictor that replays its output.

    Scoring one run several ways (all kinds, statements only) then costs one
    engine pass.
    """
    outputs = list(predict(docs))

    def replay(_: Sequence[EvalDoc]) -> Iterator[tuple[str, list[Item]] | Failure]:
        yield from outputs

    return replay
