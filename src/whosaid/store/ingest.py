"""Write extraction results into the index: idempotent, crash-safe, one writer.

`Ingester.ingest()` consumes any iterator of `Result | Failure` (from
`Extractor.pipe`, or from worker processes) and commits every `batch_size`
articles in one transaction, so a killed run leaves whole batches only and a
rerun adds exactly what is missing. An article whose text is already indexed
adds nothing (under another id it is a skip of kind "duplicate"); with
`reextract=True` an article indexed by another engine version has its quotes
replaced in the same transaction. A new text whose id is taken is stored
under a suffixed id with a warning (`whosaid.identity`, #16).

Bad input never stops the run: a `Failure` (malformed jsonl line, no text,
over-long article: more than the `max_article_chars` setting, 1,000,000
characters by default) is recorded in `ingest_errors` with its kind, as are
skips and warnings; an article with an unreadable date is stored without a
date and the date is recorded there too. `whosaid errors` lists them.
"""

from __future__ import annotations

import email.utils
import json
import logging
import sqlite3
import time
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from typing import TypeVar

from whosaid import settings
from whosaid.identity import (
    is_same_article,
    renamed_warning,
    suffixed_id,
    text_digest,
    with_id,
)
from whosaid.model import Article, Failure, Quote, Result
from whosaid.read.items import Skipped
from whosaid.report import RunSummary
from whosaid.store.clusters import Clusterer, cluster_text
from whosaid.store.db import transaction
from whosaid.store.linker import SpeakerLinker
from whosaid.store.plans import Mention, Plan, plan_article
from whosaid.store.surnames import link_surnames
from whosaid.voices.store import VoiceWriter

log = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 50
T = TypeVar("T")


def parse_date(raw: str | None) -> tuple[str | None, str | None, bool]:
    """Return (ISO timestamp, YYYY-MM-DD, ok) for an article's `published`.

    Accepts ISO 8601 dates and times and RFC 2822 dates ("Tue, 3 Mar 2026
    10:00:00 GMT"). A value that is neither, or outside 1800-2100, is not ok.
    """
    if raw is None or not raw.strip():
        return None, None, True
    text = raw.strip()
    parsed: datetime | date | None = None
    try:
        parsed = (
            date.fromisoformat(text)
            if len(text) == 10
            else datetime.fromisoformat(text)
        )
    except ValueError:
        try:
            parsed = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            parsed = None
    if parsed is None or not 1800 <= parsed.year <= 2100:
        return None, None, False
    day = parsed.date() if isinstance(parsed, datetime) else parsed
    return parsed.isoformat(), day.isoformat(), True


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Ingester:
    """The single writer of an index.

    Example:
        >>> ingester = Ingester(conn, engine="rules:1")
        >>> report = ingester.ingest(extractor.pipe(read_inputs(paths)))
    """

    def __init__(
        self,
        conn: sqlite3.Connection,
        *,
        engine: str,
        reextract: bool = False,
        batch_size: int = DEFAULT_BATCH_SIZE,
    ) -> None:
        self.conn = conn
        self.engine = engine
        self.reextract = reextract
        self.batch_size = max(1, batch_size)
        self.report = RunSummary(command="ingest")
        self.max_chars = int(settings.get("max_article_chars"))
        self.run_id: int | None = None

    def skip_indexed(
        self, items: Iterable[T], conn: sqlite3.Connection | None = None
    ) -> Iterator[T | Skipped]:
        """Drop articles the index already holds, before they are extracted.

        An article whose text is indexed under its own id is counted as
        already indexed; under another id it becomes a `Skipped` (kind
        "duplicate") that the writer records. This makes a resumed run fast;
        the writer checks again in its transaction. Pass a separate read
        connection when the iterator is consumed in another thread.
        """
        reader = conn or self.conn
        for item in items:
            if not isinstance(item, Article):
                yield item
                continue
            digest = text_digest(item.text)
            row = self._indexed(reader, digest)
            if row is None or (self.reextract and row[2] != self.engine):
                yield item
            elif is_same_article(row[1], item.id, digest):
                self.report.already_indexed += 1
            else:
                yield _duplicate(item, row[1])

    def _indexed(
        self, reader: sqlite3.Connection, digest: str
    ) -> tuple[int, str, str] | None:
        """The (row id, doc id, engine) of the article with this text, if any."""
        row = reader.execute(
            "SELECT id, doc_id, engine FROM articles WHERE text_hash = ?", (digest,)
        ).fetchone()
        return None if row is None else (int(row[0]), str(row[1]), str(row[2]))

    def ingest(self, items: Iterable[Result | Failure]) -> RunSummary:
        """Write every result, committing each batch in one transaction."""
        started = time.perf_counter()
        with transaction(self.conn):
            cursor = self.conn.execute(
                "INSERT INTO ingest_runs (started_at, engine) VALUES (?, ?)",
                (_now(), self.engine),
            )
            self.run_id = cursor.lastrowid
        batch: list[Result | Failure] = []
        for item in items:
            batch.append(item)
            if len(batch) >= self.batch_size:
                self._write_batch(batch)
                batch = []
        if batch:
            self._write_batch(batch)
        self.report.seconds = time.perf_counter() - started
        with transaction(self.conn):
            self._save_run(finished=True)
        return self.report

    def _write_batch(self, batch: list[Result | Failure]) -> None:
        linker, clusterer = SpeakerLinker(self.conn), Clusterer(self.conn)
        voices = VoiceWriter(self.conn)  # gender, source type, people (#15)
        with transaction(self.conn):
            for item in batch:
                if isinstance(item, Failure):
                    self._fail(item)
                    continue
                self.conn.execute("SAVEPOINT article")
                try:
                    self._write_result(item, linker, clusterer, voices)
                except sqlite3.Error as err:
                    # One bad article never loses the others in its batch.
                    self.conn.execute("ROLLBACK TO article")
                    linker.forget()
                    clusterer.forget()
                    source = item.article.source or item.article.id
                    self._fail(Failure(source, f"not stored: {err}", kind="store"))
                self.conn.execute("RELEASE article")
            linker.flush()
            link_surnames(self.conn, linker.surnames)
            clusterer.flush()
            voices.flush()
            self._save_run(finished=False)

    def _fail(self, item: Failure) -> None:
        """Record a failure or a skip (#7: skips are counted, not errors)."""
        self._record_error(item)
        if isinstance(item, Skipped):
            self.report.skip(item)
        else:
            self.report.failures.append(item)

    def _write_result(
        self,
        result: Result,
        linker: SpeakerLinker,
        clusterer: Clusterer,
        voices: VoiceWriter | None = None,
    ) -> None:
        article = result.article
        source = article.source or article.id
        if len(article.text) > self.max_chars:
            reason = (
                f"article is {len(article.text):,} characters; the limit is "
                f"{self.max_chars:,} (setting max_article_chars)"
            )
            self._fail(Failure(source, reason, kind="too-large"))
            return
        digest = text_digest(article.text)
        indexed = self._indexed(self.conn, digest)
        if indexed is not None:  # same text, same article
            if self.reextract and indexed[2] != self.engine:
                self._replace(indexed[0], result, digest, linker, clusterer, voices)
            elif is_same_article(indexed[1], article.id, digest):
                self.report.already_indexed += 1
            else:
                self._fail(_duplicate(article, indexed[1]))
            return
        result = self._unique(result, digest)
        article_id = self._insert_article(
            result.article.id, self._values(result, digest)
        )
        self.report.articles += 1
        self._write_quotes(article_id, result, linker, clusterer, voices)

    def _unique(self, result: Result, digest: str) -> Result:
        """Give a new text whose id is taken a suffixed id, with a warning (#16)."""
        doc_id = result.article.id
        if not self._taken(doc_id):
            return result
        new_id = suffixed_id(doc_id, digest)
        if self._taken(new_id):  # a clash of 8 hex digits: use them all
            new_id = f"{doc_id}~{digest}"
        warning = renamed_warning(result.article.source or doc_id, doc_id, new_id)
        self._record_error(warning, stored=True)
        self.report.warnings.append(warning)
        return with_id(result, new_id)

    def _taken(self, doc_id: str) -> bool:
        row = self.conn.execute(
            "SELECT 1 FROM articles WHERE doc_id = ?", (doc_id,)
        ).fetchone()
        return row is not None

    def _values(self, result: Result, digest: str) -> tuple[object, ...]:
        article = result.article
        published, day, _ = parse_date(article.published)
        return (
            article.url,
            article.title,
            article.outlet,
            published,
            day,
            article.author,
            article.source,
            article.text,
            digest,
            self.engine,
            len(result.quotes),
            _now(),
            article.encoding,
        )

    def _replace(
        self,
        article_id: int,
        result: Result,
        digest: str,
        linker: SpeakerLinker,
        clusterer: Clusterer,
        voices: VoiceWriter | None = None,
    ) -> None:
        """Re-extract: replace an article's quotes made by another engine."""
        self._delete_quotes(article_id, linker, clusterer)
        self.conn.execute(
            "UPDATE articles SET url = ?, title = ?, outlet = ?, published = ?, "
            "date = ?, author = ?, source = ?, text = ?, text_hash = ?, engine = ?, "
            "quote_count = ?, ingested_at = ?, encoding = ? WHERE id = ?",
            (*self._values(result, digest), article_id),
        )
        self.report.articles += 1
        self.report.replaced += 1
        self._write_quotes(article_id, result, linker, clusterer, voices)

    def _write_quotes(
        self,
        article_id: int,
        result: Result,
        linker: SpeakerLinker,
        clusterer: Clusterer,
        voices: VoiceWriter | None = None,
    ) -> None:
        article = result.article
        _, day, ok = parse_date(article.published)
        if not ok:
            self._record_error(
                Failure(
                    article.source or article.id,
                    f"bad date {article.published!r}; stored without a date",
                    kind="bad-date",
                ),
                stored=True,
            )
            self.report.bad_dates += 1
        plans = plan_article(
            [Mention.of(quote) for quote in result.quotes], article.text, article.title
        )
        speaker_ids = [
            self._insert_quote(
                article_id,
                position,
                quote,
                plan,
                article.outlet,
                day,
                linker,
                clusterer,
            )
            for position, (quote, plan) in enumerate(
                zip(result.quotes, plans, strict=True)
            )
        ]
        linker.count_article(speaker_ids, day)
        writer = voices or VoiceWriter(self.conn)
        writer.add_article(article_id, result.people)
        if voices is None:
            writer.flush()
        self.report.quotes += len(result.quotes)
        self.report.quote_skips.update(result.skipped)

    def _insert_article(self, doc_id: str, values: tuple[object, ...]) -> int:
        cursor = self.conn.execute(
            "INSERT INTO articles (url, title, outlet, published, date, author, source, "
            "text, text_hash, engine, quote_count, ingested_at, encoding, doc_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (*values, doc_id),
        )
        return int(cursor.lastrowid or 0)

    def _delete_quotes(
        self, article_id: int, linker: SpeakerLinker, clusterer: Clusterer
    ) -> None:
        for speaker_id, cluster_id in self.conn.execute(
            "SELECT speaker_id, cluster_id FROM quotes WHERE article_id = ?",
            (article_id,),
        ).fetchall():
            if speaker_id is not None:
                linker.recount.add(speaker_id)
            if cluster_id is not None:
                clusterer.recount.add(cluster_id)
        self.conn.execute("DELETE FROM quotes WHERE article_id = ?", (article_id,))

    def _insert_quote(
        self,
        article_id: int,
        position: int,
        quote: Quote,
        plan: Plan,
        outlet: str | None,
        day: str | None,
        linker: SpeakerLinker,
        clusterer: Clusterer,
    ) -> int | None:
        """Insert one quote; count it in its cluster; return its speaker id."""
        key, speaker_id, plan = linker.link_plan(quote.speaker_name, plan)
        norm_hash, cluster_id = clusterer.assign(
            cluster_text(quote.content.text, quote.type)
        )
        cue, speaker = quote.cue, quote.speaker
        cursor = self.conn.execute(
            "INSERT INTO quotes (article_id, position, type, kind, cue_stance, content, "
            "content_start, content_end, cue, cue_start, cue_end, speaker_text, "
            "speaker_start, speaker_end, speaker_name, speaker_title, speaker_org, "
            "speaker_is_org, speaker_key, speaker_id, resolved_by, chain, confidence, "
            "engine, cluster_id, norm_hash, outlet, date) VALUES "
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article_id,
                position,
                quote.type,
                quote.kind,
                quote.cue_stance,
                quote.content.text,
                quote.content.start,
                quote.content.end,
                cue.text if cue else None,
                cue.start if cue else None,
                cue.end if cue else None,
                speaker.text if speaker else None,
                speaker.start if speaker else None,
                speaker.end if speaker else None,
                quote.speaker_name,
                quote.speaker_title,
                quote.speaker_org,
                int(quote.speaker_is_org),
                key,
                speaker_id,
                quote.resolved_by,
                json.dumps([span.to_dict() for span in quote.chain])
                if quote.chain
                else None,
                round(quote.confidence, 4),
                quote.engine or self.engine,
                cluster_id,
                norm_hash,
                outlet,
                day,
            ),
        )
        linker.record(int(cursor.lastrowid or 0), plan)
        if cluster_id is not None:
            clusterer.count(
                cluster_id,
                quote_id=int(cursor.lastrowid or 0),
                article_id=article_id,
                outlet=outlet,
                day=day,
                content=quote.content.text,
            )
        return speaker_id

    def _record_error(self, item: Failure, *, stored: bool = False) -> None:
        self.conn.execute(
            "INSERT INTO ingest_errors (run_id, source, reason, kind, stored, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?)",
            (
                self.run_id,
                item.source,
                item.reason + (f" ({item.detail})" if item.detail else ""),
                item.kind,
                int(stored),
                _now(),
            ),
        )

    def _save_run(self, *, finished: bool) -> None:
        report = self.report
        self.conn.execute(
            "UPDATE ingest_runs SET articles_added = ?, articles_replaced = ?, "
            "quotes_added = ?, duplicates = ?, errors = ?, skipped = ?, "
            "finished_at = ? WHERE id = ?",
            (
                report.articles - report.replaced,
                report.replaced,
                report.quotes,
                report.already_indexed,
                len(report.failures),
                report.skipped_count,
                _now() if finished else None,
                self.run_id,
            ),
        )


def _duplicate(article: Article, indexed_id: str) -> Skipped:
    """The skip of a text that is indexed under another id."""
    return Skipped(
        article.source or article.id,
        "same text as an indexed article",
        kind="duplicate",
        detail=indexed_id,
    )


def engine_label(name: str) -> str:
    """Return "name:version" for a registered engine, without loading its model.

    Raises:
        UnknownEngineError: If no engine is registered as `name`.
    """
    from whosaid.extract.engines import engine_identity

    return engine_identity(name).label
